"""The build: every leaflet of a sources folder through every stage into the output folder.

Planning (plan.py) reads and checks what changed and turns each edition in each
format into a job; jobs run on any `concurrent.futures` executor (runner.py);
the PDFs are written here, in the one process that holds the output folder. A
leaflet with a problem gets no PDF (and keeps the one an earlier build wrote);
the others still build. A leaflet whose sources did not change since the last
build (manifest.py) is not built again.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import resolve
from ..checks import dictionaries, editorial
from ..checks.findings import EditionFindings
from ..model import Edition, Format, Glossary
from ..problems import Problem, problem
from ..publish import pictures
from ..source.catalogue import display, find_sources
from ..source.shared import read_shared
from ..source.text import SourceText
from . import manifest, unprinted
from .jobs import BuiltEdition, JobResult, jobs
from .manifest import Manifest, ManifestEntry, Output
from .options import Options
from .output import remove_recorded, write_atomically
from .plan import (
    Checked,
    KeyFor,
    glossary_warnings,
    plan,
    read_glossary,
    read_site_url,
    wordlist_problems,
)
from .progress import LogLines, Progress
from .runner import Runner


@dataclass
class Outcome:
    """What a run produced and what went wrong, for the command line to report."""

    editions: list[BuiltEdition] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    findings: list[EditionFindings] = field(default_factory=list)  # the editorial checks
    skipped: int = 0  # PDFs up to date, not built again
    seconds: float = 0.0
    formats: tuple[Format, ...] = ()  # the formats built, in their order
    # The leaflets a command did not name, as the last build left them (for the report).
    others: list[Reused] = field(default_factory=list)
    #: The editions resolved by this run, by leaflet file (for the site's HTML editions).
    resolved: dict[str, tuple[Edition, ...]] = field(default_factory=dict)
    site_url: str | None = None  # where the leaflet site is published (organisation.yaml)
    #: The warnings of leaflets taken unchanged from the manifest: said by an earlier build.
    kept_warnings: set[Problem] = field(default_factory=set)
    changed: bool = False  # whether any leaflet was read again (else the manifest stays)

    @property
    def new_warnings(self) -> list[Problem]:
        """The warnings no earlier build has said (those of the leaflets read again)."""
        return [warning for warning in self.warnings if warning not in self.kept_warnings]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def built(self) -> int:
        return sum(edition.fresh for edition in self.editions)

    def warn(self, warning: Problem) -> bool:
        """Add a warning unless it was given already; whether it was new."""
        if warning in self.warnings:
            return False
        self.warnings.append(warning)
        return True


@dataclass(frozen=True)
class Reused:
    """An unchanged leaflet's PDFs and findings, taken from the manifest."""

    name: str
    entry: ManifestEntry
    editions: tuple[BuiltEdition, ...]
    warnings: tuple[Problem, ...]
    findings: tuple[EditionFindings, ...]


class _Build:
    """One run: the outcome so far, the manifest entries, the sources still needed."""

    def __init__(self, sources: Path, output: Path, options: Options,
                 files: Sequence[Path] | None) -> None:
        self.sources, self.output, self.options = sources, output, options
        self.files = files  # the leaflets the command names (None: every one)
        self.outcome = Outcome(formats=options.formats)
        self.manifest = Manifest(output)
        if self.manifest.damage is not None:
            self.outcome.warn(problem(
                str(output / manifest.FILE), 1, 1, "W-manifest-damaged",
                f"the record of the last build is discarded: {self.manifest.damage}; every "
                "leaflet is built again"))
            self.outcome.changed = True  # write the record anew
        # What the spelling dictionaries said of each word, as the last build kept it.
        dictionaries.remember(self.manifest.spelling)
        self.previous = {} if options.force else dict(self.manifest.entries)
        self.entries: dict[str, ManifestEntry] = {}
        self.texts: dict[str, SourceText] = {}  # to place what the fonts lack

    def plan(self, submit: Runner) -> None:
        """Read and check what changed and submit its jobs; take the rest from the manifest."""
        self.outcome.problems.extend(wordlist_problems(self.sources))
        glossary, problems = read_glossary(self.sources)
        shared, shared_problems = read_shared(self.sources)
        self.outcome.problems.extend(shared_problems)  # the leaflets that need them fail too
        self.outcome.site_url, site_problems = read_site_url(self.sources)
        if problems or site_problems:  # every edition may need them: build none
            self.outcome.problems.extend((*problems, *site_problems))
            return

        def reuse(name: str, key_for: KeyFor) -> Reused | None:
            if (kept := self.reuse(name, key_for)) is None:
                submit.prepare()  # this one is checked, then typeset: start the workers
            return kept

        for planned in plan(self.sources, glossary, self.options.today, reuse, self.files,
                            shared):
            if isinstance(planned, Reused):
                self.take(planned)
            else:
                self.schedule(planned, glossary, submit)
        self.outcome.warnings.extend(glossary_warnings(glossary, self.sources, (
            (finding.language, entry.terms)
            for entry in self.entries.values() for finding in entry.findings),
            every_leaflet=self.files is None))
        if self.files is not None:
            self.take_others()
        self.withdraw_deleted()

    def reuse(self, name: str, key_for: KeyFor) -> Reused | None:
        """An unchanged leaflet's PDFs and findings, if the manifest has all of them."""
        entry = self.previous.get(name)
        if entry is None or entry.key != key_for(entry.uses):
            return None
        kept = self.kept(name, entry)
        if kept is None or (self.options.strict and kept.warnings):
            return None  # build it (under --strict: read it again, to report them as errors)
        return kept

    def kept(self, name: str, entry: ManifestEntry) -> Reused | None:
        """A leaflet's PDFs and findings as its manifest entry has them, if all are there."""
        if not entry.findings:
            return None
        made = [(finding.audience, publisher, page_format, entry.output(
                    _output_key(finding.audience, publisher), page_format.id))
                for finding in entry.findings for page_format in self.options.formats
                for publisher in _publishers(entry)]
        if any(m is None or not m.matches(self.output) for *_, m in made):
            return None  # missing, damaged, or not the PDF the build wrote
        review = dt.date.fromisoformat(entry.review) if entry.review else None
        status, review_warnings = editorial.review_warnings(name, review, self.options.today)
        warnings = (*entry.warnings, *review_warnings)
        editions = tuple(BuiltEdition(m.leaflet, name, audience, page_format, self.output / m.path,
                                      m.pages, m.size, fresh=False, publisher=publisher)
                         for audience, publisher, page_format, m in made if m is not None)
        return Reused(name, entry, editions, warnings,
                      tuple(replace(finding, review=status) for finding in entry.findings))

    def take_others(self) -> None:
        """The leaflets the command did not name, for the report: as the last build left them."""
        named = {display(path) for path in self.files or ()}
        others = {display(path) for path in find_sources(self.sources)} - named
        for name, entry in self.manifest.entries.items():
            if name in others and (kept := self.kept(name, entry)) is not None:
                self.outcome.others.append(kept)

    def take(self, reused: Reused) -> None:
        self.entries[reused.name] = reused.entry
        self.outcome.warnings.extend(reused.warnings)
        self.outcome.kept_warnings.update(reused.warnings)
        self.outcome.findings.extend(reused.findings)
        self.outcome.editions.extend(reused.editions)
        self.outcome.skipped += len(reused.editions)

    def schedule(self, checked: Checked, glossary: Glossary | None, submit: Runner) -> None:
        self.outcome.changed = True
        self.outcome.findings.extend(checked.findings)
        if problems := checked.problems(self.options.strict):
            self.outcome.problems.extend(problems)
            return
        leaflet = checked.leaflet
        assert leaflet is not None  # a leaflet without errors was read
        self.outcome.warnings.extend(checked.warnings)
        self.texts[checked.name] = leaflet.text
        entry = ManifestEntry(
            checked.key, leaflet.review.isoformat() if leaflet.review else None,
            [w for w in checked.warnings if w.code not in editorial.REVIEW_CODES],
            list(checked.findings), sorted(checked.terms), uses=sorted(leaflet.uses),
            publishers=[p.id for p in leaflet.publishers] if len(leaflet.publishers) > 1 else [])
        editions = [resolve.resolve(leaflet, audience, glossary, publisher,
                                    changed=audience in checked.changed,
                                    site_url=self.outcome.site_url)
                    for publisher in leaflet.publishers or (None,)
                    for audience in leaflet.audience_ids]
        made = [job for edition in editions for job in jobs(
            edition, self.options.formats, self.output, self.options.seconds, self.pictures)]
        # The site has one page per leaflet and audience: that of the publisher whose id
        # comes first (site.py offers that publisher's PDFs beside it).
        self.outcome.resolved[checked.name] = tuple(
            edition for edition in editions if edition.publisher == min(
                (edition.publisher for edition in editions if edition.publisher), default=None))
        entry.outputs = self.manifest.carried(checked.name, [
            _output_key(audience, publisher) for publisher in _publishers(entry)
            for audience in leaflet.audience_ids], [
            (_output_key(each.edition.audience, each.edition.publisher), each.format.id,
             Output(each.format.path(each.edition.audience, leaflet.id, each.edition.publisher),
                    0, leaflet.id))
            for job in made for each in (job, *job.derived)])
        self.entries[checked.name] = entry
        self.withdraw(self.manifest.withdrawn(checked.name, entry))
        for job in made:
            submit.submit(job)

    def pictures(self, page_format: Format) -> tuple[str, ...]:
        """The pictures of a PDF's pages its worker draws for the report, if it is written."""
        return pictures.kinds(page_format, self.options.formats) if self.options.pictures else ()

    def withdraw(self, paths: list[str]) -> None:
        """Remove the PDFs of editions the sources no longer have (only files recorded)."""
        for path in paths:
            remove_recorded(self.output, path)

    def withdraw_deleted(self) -> None:
        """Forget the leaflets whose files are gone, and remove their PDFs."""
        current = {display(path) for path in find_sources(self.sources)}
        if set(self.manifest.entries) - current:
            self.outcome.changed = True  # the manifest forgets them
        claimed = {made.path for entry in self.entries.values() for made in entry.recorded()}
        self.withdraw(self.manifest.withdraw_deleted(current, claimed))

    def write(self, result: JobResult) -> BuiltEdition | None:
        """Put a job's PDF in place, or record why there is none."""
        job, edition = result.job, result.job.edition
        entry = self.entries.get(edition.source)
        if not result.time_limited and self.options.seconds:
            self.outcome.warn(problem(
                "make_leaflets.py", 0, 0, "W-time-limit-unenforced",
                "--time-limit cannot stop typesetting that runs off a main thread (a thread "
                "pool, Dask); these editions were typeset without a time limit"))
        if result.problem is not None or result.data is None:
            self.outcome.problems.extend([result.problem] if result.problem else [])
            if entry is not None:
                entry.key = ""  # build it again next time
            return None
        try:
            # Every leaflet being rebuilt (those read this run), in one write.
            self.manifest.invalidate({name: self.entries[name] for name in self.texts})
            write_atomically(job.path, result.data, inside=self.output)
        except OSError as error:  # a read-only or full output folder
            self.outcome.problems.append(problem(
                edition.source, 1, 1, "E-output-write",
                f"cannot write {job.path}: {error.strerror or error}"))
            if entry is not None:
                entry.key = ""
            return None
        text = self.texts.get(edition.source)
        where = f"'{edition.audience}' edition ({job.format.id})"
        for warning in [*unprinted.missing_characters(text, edition.source, edition.audience,
                                                      result.missing_characters),
                        *unprinted.runaway_text(text, edition.source, where,
                                                result.runaway_text)]:
            if self.outcome.warn(warning) and entry is not None:
                entry.warnings.append(warning)
        built = BuiltEdition(edition.leaflet_id, edition.source, edition.audience, job.format,
                             job.path, result.pages, len(result.data), fresh=True,
                             publisher=edition.publisher)
        self.outcome.editions.append(built)
        if entry is not None:
            entry.outputs.setdefault(_output_key(edition.audience, edition.publisher), {})[
                job.format.id] = manifest.made(
                job.format.path(edition.audience, edition.leaflet_id, edition.publisher),
                result.pages, edition.leaflet_id, entry.key, result.data)
        return built

    def save(self) -> None:
        if not self.outcome.changed:  # every entry as the manifest has it: write nothing
            return
        try:
            self.manifest.spelling = dictionaries.verdicts()
            self.manifest.save(self.entries)
        except OSError as error:  # the next build then builds everything again
            self.outcome.problems.append(problem(
                str(self.output / manifest.FILE), 1, 1, "E-manifest-write",
                f"cannot record what was built: {error.strerror or error}"))


def build(sources: Path, output: Path, options: Options | None = None,
          progress: Progress | None = None, files: Sequence[Path] | None = None,
          keep: Callable[[JobResult, BuiltEdition], None] | None = None,
          meanwhile: Callable[[], None] | None = None) -> Outcome:
    """Build every edition (of the leaflet `files`, if given) that is not up to date.

    The caller holds the output folder (`output.locked`) while this runs. The
    other leaflets' PDFs and manifest entries stay as they are. `keep` is given
    each result with the PDF just written (to put its pictures in place);
    `meanwhile` is called once while the workers typeset, if they do (to get
    what comes after the build ready).
    """
    started = time.monotonic()
    progress = progress or LogLines()
    run = _Build(sources, output, options or Options(), files)
    runner = Runner(run.options)
    try:
        # Jobs start in the workers while the next leaflets are still being read.
        run.plan(runner)
        progress.start(runner.submitted)
        if meanwhile is not None and runner.busy:
            meanwhile()
        for result in runner.results():
            written = run.write(result)
            if written is not None and keep is not None:
                keep(result, written)
            progress.done(result, written)
    finally:
        runner.close()
        progress.finish()
        run.save()
        run.outcome.seconds = time.monotonic() - started
    return run.outcome


def _publishers(entry: ManifestEntry) -> list[str | None]:
    """The publishers' folders of a leaflet's entry: [None] for a leaflet with one publisher."""
    return [*entry.publishers] or [None]


def _output_key(audience: str, publisher: str | None) -> str:
    """Where a manifest entry keeps an edition's PDFs: by audience, and publisher if several."""
    return f"{audience}@{publisher}" if publisher else audience
