"""The pipeline, run over a sources folder: load, resolve, HTML, PDF, post-process, write.

Each stage is its own module; this one only passes results from one to the next
and turns failures into problems for the editor. A leaflet with a problem gets
no PDF (and keeps the one an earlier build wrote); the others still build.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import html, lint, load, pdf, postprocess, profiles, resolve
from .limits import DEFAULT_RENDER_SECONDS, TimeLimitExceeded, time_limit
from .model import Edition, Format
from .output import write_atomically
from .problems import LeafletError, Problem

#: An edition longer than this gets a contents list of its questions.
CONTENTS_AFTER_PAGES = 4


@dataclass(frozen=True)
class BuiltEdition:
    """One finished PDF: which leaflet, audience and format, where it goes, its bytes."""

    leaflet_id: str
    source: str  # the leaflet file, as named in messages
    audience: str
    format: Format
    path: Path
    data: bytes
    pages: int  # pages of the edition (before any imposition onto sheets)


@dataclass
class Outcome:
    """What a run produced and what went wrong, for the command line to report."""

    editions: list[BuiltEdition] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    reports: list[lint.EditionReport] = field(default_factory=list)  # editorial checks

    @property
    def ok(self) -> bool:
        return not self.problems


def all_formats() -> tuple[Format, ...]:
    return tuple(profiles.formats().values())


@dataclass(frozen=True)
class Options:
    """How to build: which formats, within what time, how strictly."""

    formats: tuple[Format, ...] = field(default_factory=all_formats)
    seconds: float | None = DEFAULT_RENDER_SECONDS  # per edition and format
    strict: bool = False  # editorial warnings stop a leaflet, like errors
    today: dt.date | None = None  # for review dates; None: the real today


def editions(sources: Path, output: Path, outcome: Outcome,
             options: Options = Options()) -> Iterator[BuiltEdition]:
    """Every edition of every valid leaflet under `sources`, rendered but not yet written.

    Problems, warnings and editorial reports are collected in `outcome`.
    """
    formats = options.formats
    seconds = options.seconds
    try:
        glossary = load.load_glossary(sources, display(sources / load.GLOSSARY))
    except LeafletError as error:  # every edition may need it: build none
        outcome.problems.extend(error.problems)
        return
    leaflets = []
    for source in load.find_sources(sources):
        try:
            loaded = load.load(source, display(source))
        except LeafletError as error:
            outcome.problems.extend(error.problems)
            continue
        outcome.warnings.extend(loaded.warnings)
        leaflet = loaded.leaflet
        leaflets.append(leaflet)
        reports, warnings = lint.check_leaflet(leaflet, sources, options.today, glossary)
        outcome.reports.extend(reports)
        if options.strict and warnings:
            outcome.problems.extend(lint.as_errors(warnings))
            continue
        outcome.warnings.extend(warnings)
        for audience in leaflet.audience_ids:
            edition = resolve.resolve(leaflet, audience, glossary)
            for page_format in formats:
                what = f"the '{audience}' edition ({page_format.id})"
                try:
                    with time_limit(seconds):
                        rendered = render(edition, page_format)
                    data = _post_process(rendered.data, page_format)
                except TimeLimitExceeded:
                    outcome.problems.append(Problem(
                        leaflet.source, 1, 1, f"typesetting {what} took longer than "
                        f"{seconds:g} seconds and was stopped"))
                    continue
                except pdf.RenderError as error:
                    outcome.problems.append(Problem(leaflet.source, 1, 1,
                                                    f"cannot render {what}: {error}"))
                    continue
                except Exception as error:  # a bug of ours must not cost the other leaflets
                    outcome.problems.append(Problem(
                        leaflet.source, 1, 1, f"internal error while building {what}: "
                        f"{type(error).__name__}: {error} (please report this)"))
                    continue
                if (problem := _over_budget(edition, page_format, rendered.pages)) is not None:
                    outcome.problems.append(problem)
                    continue
                if page_format is formats[0]:
                    for character in rendered.missing_characters:
                        outcome.warnings.append(
                            _missing_character(leaflet.source, source, audience, character))
                yield BuiltEdition(leaflet.id, leaflet.source, audience, page_format,
                                   output / page_format.path(audience, leaflet.id),
                                   data, rendered.pages)
    if glossary is not None:
        outcome.warnings.extend(lint.unused_glossary_terms(glossary, leaflets))


#: Characters of text per page, learnt per (audience, format) as editions are typeset,
#: to guess whether the next edition needs a contents list before typesetting it.
_CHARACTERS_PER_PAGE: dict[tuple[str, str], float] = {}
#: The guess before anything was learnt: about four A5 pages of text.
_LONG_TEXT = 6000


def render(edition: Edition, page_format: Format) -> pdf.RenderedPdf:
    """The PDF of one edition in one format, before post-processing.

    An edition longer than four pages gets a contents list, and only typesetting
    tells how long an edition is. The guess from the text's length is nearly
    always right, and then one typesetting pass is enough; when it is wrong, a
    second pass settles it. A folded booklet gets blank pages before its back
    page, added while the PDF is written.
    """
    def lay_out(contents: bool) -> pdf.Layout:
        return pdf.lay_out(html.render(edition, page_format, contents=contents),
                           images=Path(edition.images))

    characters = sum(len(s.heading) + len(s.body) for s in edition.sections)
    key = (edition.audience, page_format.id)
    per_page = _CHARACTERS_PER_PAGE.get(key)
    contents = (characters / per_page > CONTENTS_AFTER_PAGES + 0.5 if per_page
                else characters > _LONG_TEXT)
    layout = lay_out(contents)
    if contents and layout.pages - 1 <= CONTENTS_AFTER_PAGES:
        # Without the list's page it has at least one page fewer: it may fit in four.
        plain = lay_out(contents=False)
        if plain.pages <= CONTENTS_AFTER_PAGES:
            layout, contents = plain, False
    elif not contents and layout.pages > CONTENTS_AFTER_PAGES:
        layout, contents = lay_out(contents=True), True
    _CHARACTERS_PER_PAGE[key] = characters / max(1, layout.pages - contents)
    blank_pages = -layout.pages % page_format.pad_to if page_format.pad_to else 0
    return pdf.write(
        layout, calendar.timegm(edition.updated.timetuple()),
        accessible=page_format.accessible,
        blank_pages=blank_pages, blank_before=layout.page_of("colophon"),
        bleed_mm=postprocess.parse_length_mm(page_format.bleed_box)
        if page_format.bleed_box else None)


def _post_process(data: bytes, page_format: Format) -> bytes:
    if page_format.impose == "saddle-stitch":
        data = postprocess.impose_saddle_stitch(data)
    return data


def _over_budget(edition: Edition, page_format: Format, pages: int) -> Problem | None:
    budget = dict(edition.page_budget).get(page_format.id)
    if budget is None or pages <= budget:
        return None
    where = edition.page_budget_position
    return Problem(
        edition.source, where.line if where else 1, where.column if where else 1,
        f"the '{edition.audience}' edition of '{edition.leaflet_id}' in format "
        f"{page_format.id} has {pages} pages, over its page budget of {budget}")


def build(sources: Path, output: Path, options: Options = Options(), report=print) -> Outcome:
    """Build and write every edition; `report` gets one line per PDF written.

    The caller holds the output folder (`output.locked`) while this runs.
    """
    outcome = Outcome()
    for edition in editions(sources, output, outcome, options):
        try:
            write_atomically(edition.path, edition.data)
        except OSError as error:  # a read-only or full output folder
            outcome.problems.append(Problem(
                edition.source, 1, 1, f"cannot write {edition.path}: {error.strerror or error}"))
            continue
        outcome.editions.append(edition)
        pages = f"{edition.pages} {'page' if edition.pages == 1 else 'pages'}"
        if edition.format.impose:
            pages += f" on {edition.pages // 4} sheets"
        report(f"wrote {edition.path} ({pages}, {len(edition.data) / 1024:.0f} KB)")
    return outcome


def _missing_character(name: str, source: Path, audience: str, character: str) -> Problem:
    """A warning about a character the fonts lack, at its first place in the source."""
    line, column = 1, 1
    for number, text in enumerate(source.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if character in text:
            line, column = number, text.index(character) + 1
            break
    return Problem(name, line, column,
                   f"warning: '{character}' (U+{ord(character):04X}) is in none of the leaflet "
                   f"fonts; the '{audience}' edition prints it in a fallback font, or as a box")


def display(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
