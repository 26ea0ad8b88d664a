"""The pipeline, run over a sources folder: load, resolve, HTML, PDF, post-process, write.

Each stage is its own module; this one plans the work and passes results from
one stage to the next. The plan is a list of jobs, one per edition and format
still to make; jobs run on any `concurrent.futures` executor (a process pool
over every core by default, Dask's for a cluster) and the PDFs are written
here, in the one process that holds the output folder. A leaflet with a
problem gets no PDF (and keeps the one an earlier build wrote); the others
still build. A leaflet whose sources did not change since the last build
(see manifest.py) is not built again.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .. import load, profiles, resolve
from ..checks import editorial as lint
from . import manifest
from .limits import DEFAULT_RENDER_SECONDS
from ..model import Edition, Format
from .output import write_atomically
from ..problems import LeafletError, Problem

def all_formats() -> tuple[Format, ...]:
    return tuple(profiles.formats().values())


@dataclass(frozen=True)
class Options:
    """How to build: which formats, within what time, how strictly, on what."""

    formats: tuple[Format, ...] = field(default_factory=all_formats)
    seconds: float | None = DEFAULT_RENDER_SECONDS  # per edition and format
    strict: bool = False  # editorial warnings stop a leaflet, like errors
    today: dt.date | None = None  # for review dates; None: the real today
    jobs: int = 0  # worker processes; 0: one per core; 1: in this process
    force: bool = False  # build even what is up to date
    executor: Executor | None = None  # run jobs here instead (e.g. Dask's)


@dataclass(frozen=True)
class Job:
    """One edition in one format to make: all a worker needs, and nothing it must look up."""

    edition: Edition
    format: Format
    path: Path
    seconds: float | None

    @property
    def name(self) -> str:
        return f"{self.edition.leaflet_id} ({self.edition.audience}, {self.format.id})"


@dataclass(frozen=True)
class JobResult:
    job: Job
    data: bytes | None
    pages: int
    missing_characters: tuple[str, ...] = ()
    problem: Problem | None = None


@dataclass(frozen=True)
class BuiltEdition:
    """One PDF in the output folder: built now, or found up to date."""

    leaflet_id: str
    source: str  # the leaflet file, as named in messages
    audience: str
    format: Format
    path: Path
    pages: int  # pages of the edition (before any imposition onto sheets)
    size: int  # bytes
    fresh: bool  # built by this run

    def read(self) -> bytes:
        return self.path.read_bytes()


@dataclass
class Outcome:
    """What a run produced and what went wrong, for the command line to report."""

    editions: list[BuiltEdition] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    reports: list[lint.EditionReport] = field(default_factory=list)  # editorial checks
    skipped: int = 0  # PDFs up to date, not built again
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def built(self) -> int:
        return sum(edition.fresh for edition in self.editions)


class Progress:
    """Reports a build as it goes; the command line gives a progress bar on a terminal."""

    def start(self, total: int) -> None:
        pass

    def done(self, result: JobResult, edition: BuiltEdition | None) -> None:
        pass

    def finish(self) -> None:
        pass


class LogLines(Progress):
    """One line per PDF written, for logs and CI."""

    def __init__(self, say: Callable[[str], None] = print):
        self.say = say

    def done(self, result: JobResult, edition: BuiltEdition | None) -> None:
        if edition is None:
            return
        pages = f"{edition.pages} {'page' if edition.pages == 1 else 'pages'}"
        if edition.format.impose:
            sheets = edition.pages // 4
            pages += f" on {sheets} {'sheet' if sheets == 1 else 'sheets'}"
        self.say(f"wrote {edition.path} ({pages}, {edition.size / 1024:.0f} KB)")


def build(sources: Path, output: Path, options: Options = Options(),
          progress: Progress | None = None) -> Outcome:
    """Build every edition that is not up to date, and write it.

    The caller holds the output folder (`output.locked`) while this runs.
    """
    started = time.monotonic()
    progress = progress or LogLines()
    outcome = Outcome()
    previous = {} if options.force else manifest.read(output)
    entries: dict = {}
    runner = _Runner(options)
    try:
        # Jobs start in the workers while the next leaflets are still being read.
        _plan(sources, output, options, outcome, previous, entries, runner.submit)
        progress.start(runner.submitted)
        for result in runner.results():
            edition = _write(result, outcome, entries)
            progress.done(result, edition)
    finally:
        runner.close()
        progress.finish()
        try:
            manifest.save(output, {**manifest.read(output), **entries})
        except OSError as error:  # the next build then builds everything again
            outcome.problems.append(Problem(
                str(output / manifest.FILE), 1, 1,
                f"cannot record what was built: {error.strerror or error}"))
        outcome.seconds = time.monotonic() - started
    return outcome


def _plan(sources: Path, output: Path, options: Options, outcome: Outcome,
          previous: dict, entries: dict, submit: Callable[[Job], None]) -> None:
    """Load and check what changed and `submit` its jobs; take the rest from the manifest."""
    try:
        glossary = load.load_glossary(sources, display(sources / load.GLOSSARY))
    except LeafletError as error:  # every edition may need it: build none
        outcome.problems.extend(error.problems)
        return
    for source in load.find_sources(sources):
        name = display(source)
        key = manifest.leaflet_key(source, sources, "")
        entry = previous.get(name)
        if entry and entry["key"] == key and _reuse(entry, name, output, options, outcome):
            entries[name] = entry
            continue
        try:
            loaded = load.load(source, name)
        except LeafletError as error:
            outcome.problems.extend(error.problems)
            continue
        leaflet = loaded.leaflet
        reports, warnings = lint.check_leaflet(leaflet, sources, options.today, glossary)
        outcome.reports.extend(reports)
        review_warnings = lint.review_warnings(name, leaflet.review, options.today)[1]
        kept = [w for w in [*loaded.warnings, *warnings] if w not in review_warnings]
        if options.strict and (loaded.warnings or warnings):
            outcome.problems.extend(lint.as_errors([*loaded.warnings, *warnings]))
            continue
        outcome.warnings.extend([*loaded.warnings, *warnings])
        entries[name] = {
            "key": key, "review": leaflet.review.isoformat() if leaflet.review else None,
            "warnings": [_as_data(w) for w in kept],
            "reports": [lint.report_to_data(r) for r in reports], "outputs": {},
            "terms": sorted(lint.glossary_terms(glossary, leaflet)) if glossary else []}
        for audience in leaflet.audience_ids:
            edition = resolve.resolve(leaflet, audience, glossary)
            for page_format in options.formats:
                submit(Job(edition, page_format, output / page_format.path(
                    audience, leaflet.id), options.seconds))
    if glossary is not None:
        used = {term for entry in entries.values() for term in entry.get("terms", ())}
        outcome.warnings.extend(lint.unused_glossary_terms(glossary, used))


def _as_data(problem: Problem) -> list:
    return [problem.path, problem.line, problem.column, problem.message]


def _reuse(entry: dict, name: str, output: Path, options: Options, outcome: Outcome) -> bool:
    """Take an unchanged leaflet's PDFs and findings from the manifest, if all are there."""
    outputs = entry["outputs"]
    audiences = [report["audience"] for report in entry["reports"]]
    made = [(audience, f, outputs.get(audience, {}).get(f.id))
            for audience in audiences for f in options.formats]
    if not audiences or any(m is None or not (output / m["path"]).is_file() for _, _, m in made):
        return False
    warnings = [Problem(*w) for w in entry["warnings"]]
    review = dt.date.fromisoformat(entry["review"]) if entry["review"] else None
    status, review_warnings = lint.review_warnings(name, review, options.today)
    warnings += review_warnings
    if options.strict and warnings:
        return False  # read again, and report them as errors
    outcome.warnings.extend(warnings)
    for data in entry["reports"]:
        report = lint.report_from_data(data)
        report.review = status
        report.warnings = [w for w in report.warnings
                           if "review' date" not in w.message and "review date" not in w.message]
        report.warnings += review_warnings
        outcome.reports.append(report)
    for audience, page_format, made_file in made:
        path = output / made_file["path"]
        outcome.editions.append(BuiltEdition(
            made_file["leaflet"], name, audience, page_format, path, made_file["pages"],
            path.stat().st_size, fresh=False))
        outcome.skipped += 1
    return True


#: Jobs one process pool runs before a fresh pool takes over: WeasyPrint keeps a
#: little native memory per document (about 0.3 MB) that only a new process returns.
JOBS_PER_POOL = 200


class _Runner:
    """Runs jobs on the chosen executor: given, a process pool, or this process.

    The build's own pool gets a few jobs per worker at a time, so that the pool
    can be replaced every JOBS_PER_POOL jobs and a worker's memory stays small.
    """

    def __init__(self, options: Options):
        self.executor = options.executor
        self.workers = options.jobs or os.cpu_count() or 1
        self.parallel = self.executor is None and self.workers > 1
        self.pool: ProcessPoolExecutor | None = None
        self.pool_jobs = 0
        self.futures: set = set()
        self.queued: deque[Job] = deque()  # for the pool, not yet handed to it
        self.waiting: list[Job] = []  # for this process
        self.submitted = 0

    def submit(self, job: Job) -> None:
        self.submitted += 1
        if self.executor is not None:
            from .worker import run_job  # loads WeasyPrint: only when there is work

            self.futures.add(self.executor.submit(run_job, job))
        elif self.parallel:
            self.queued.append(job)
            self._feed()
        else:
            self.waiting.append(job)

    def _feed(self) -> None:
        from .worker import run_job, warm_up

        while self.queued and len(self.futures) < 2 * self.workers:
            if self.pool is None or self.pool_jobs >= JOBS_PER_POOL:
                if self.pool is not None:
                    self.pool.shutdown(wait=False)  # its jobs finish, then its workers end
                # Spawned, not forked: a worker must not inherit the output folder's
                # lock, which would outlive a killed build for as long as it runs.
                self.pool = ProcessPoolExecutor(
                    max_workers=self.workers, initializer=warm_up,
                    mp_context=multiprocessing.get_context("spawn"))
                self.pool_jobs = 0
            self.futures.add(self.pool.submit(run_job, self.queued.popleft()))
            self.pool_jobs += 1

    def results(self):
        """The results, in the order they finish."""
        if self.waiting:
            from .worker import run_job

            for job in self.waiting:
                yield run_job(job)
        while self.futures:
            done, self.futures = wait(self.futures, return_when=FIRST_COMPLETED)
            if self.parallel:
                self._feed()
            for future in done:
                yield future.result()

    def close(self) -> None:
        self.queued.clear()
        for future in self.futures:
            future.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _write(result: JobResult, outcome: Outcome, entries: dict) -> BuiltEdition | None:
    job = result.job
    edition = job.edition
    entry = entries.get(edition.source)
    if result.problem is not None:
        outcome.problems.append(result.problem)
        if entry is not None:
            entry["key"] = ""  # build it again next time
        return None
    try:
        write_atomically(job.path, result.data)
    except OSError as error:  # a read-only or full output folder
        outcome.problems.append(Problem(
            edition.source, 1, 1, f"cannot write {job.path}: {error.strerror or error}"))
        if entry is not None:
            entry["key"] = ""
        return None
    for warning in _missing_characters(edition.source, edition.audience,
                                       result.missing_characters):
        if warning not in outcome.warnings:
            outcome.warnings.append(warning)
            if entry is not None:
                entry["warnings"].append(_as_data(warning))
    built = BuiltEdition(edition.leaflet_id, edition.source, edition.audience, job.format,
                         job.path, result.pages, len(result.data), fresh=True)
    outcome.editions.append(built)
    if entry is not None:
        entry["outputs"].setdefault(edition.audience, {})[job.format.id] = {
            "path": job.format.path(edition.audience, edition.leaflet_id),
            "pages": result.pages, "leaflet": edition.leaflet_id}
    return built


#: More characters than this that the fonts lack are one warning, not one each.
MISSING_CHARACTERS_SHOWN = 3


def _missing_characters(source: str, audience: str, characters: tuple[str, ...]) -> list[Problem]:
    """Warnings about characters the fonts lack, each at its first place in the source.

    A text in a script the fonts do not cover (Georgian, Chinese) gets a single
    warning, at the first such character.
    """
    if not characters:
        return []
    lines = Path(source).read_text(encoding="utf-8-sig").splitlines()
    found = {}
    for number, text in enumerate(lines, start=1):
        for character in set(characters).intersection(text) - found.keys():
            found[character] = (number, text.index(character) + 1)
    places = sorted((found.get(c, (1, 1)), c) for c in characters)
    if len(places) > MISSING_CHARACTERS_SHOWN:
        (line, column), _ = places[0]
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for _, c in places[:MISSING_CHARACTERS_SHOWN])
        return [Problem(source, line, column,
                        f"warning: {len(places)} characters are in none of the leaflet fonts, "
                        f"{shown} and {len(places) - MISSING_CHARACTERS_SHOWN} more; the "
                        f"'{audience}' edition prints them in a fallback font, or as boxes")]
    return [Problem(source, line, column,
                    f"warning: '{c}' (U+{ord(c):04X}) is in none of the leaflet fonts; the "
                    f"'{audience}' edition prints it in a fallback font, or as a box")
            for (line, column), c in places]


def display(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
