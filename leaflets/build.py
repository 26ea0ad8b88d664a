"""The pipeline, run over a sources folder: load, resolve, HTML, PDF, write.

Each stage is its own module; this one only passes results from one to the next
and turns failures into problems for the editor. A leaflet with a problem gets
no PDF (and keeps the one an earlier build wrote); the others still build.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import html, load, pdf, resolve
from .output import write_atomically
from .problems import LeafletError, Problem


@dataclass(frozen=True)
class BuiltEdition:
    """One finished PDF: which leaflet and audience, where it goes, and its bytes."""

    leaflet_id: str
    audience: str
    path: Path
    data: bytes
    pages: int


@dataclass
class Outcome:
    """What a run produced and what went wrong, for the command line to report."""

    editions: list[BuiltEdition] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def output_path(output: Path, audience: str, leaflet_id: str) -> Path:
    return output / audience / f"{leaflet_id}.pdf"


def editions(sources: Path, output: Path, outcome: Outcome) -> Iterator[BuiltEdition]:
    """Every edition of every valid leaflet under `sources`, rendered but not yet written.

    Problems and warnings are collected in `outcome` as they are found.
    """
    for source in load.find_sources(sources):
        try:
            loaded = load.load(source, _display(source))
        except LeafletError as error:
            outcome.problems.extend(error.problems)
            continue
        outcome.warnings.extend(loaded.warnings)
        leaflet = loaded.leaflet
        for audience in leaflet.audience_ids:
            edition = resolve.resolve(leaflet, audience)
            try:
                rendered = pdf.render(html.render(edition), _epoch(edition.updated))
            except pdf.RenderError as error:
                outcome.problems.append(Problem(
                    leaflet.source, 1, 1, f"cannot render the '{audience}' edition: {error}"))
                continue
            for character in rendered.missing_characters:
                outcome.warnings.append(_missing_character(leaflet.source, source, audience, character))
            yield BuiltEdition(leaflet.id, audience, output_path(output, audience, leaflet.id),
                               rendered.data, rendered.pages)


def build(sources: Path, output: Path, report=print) -> Outcome:
    """Build and write every edition; `report` gets one line per PDF written."""
    outcome = Outcome()
    for edition in editions(sources, output, outcome):
        try:
            write_atomically(edition.path, edition.data)
        except OSError as error:
            outcome.problems.append(Problem(
                str(edition.path), 1, 1, f"cannot write the PDF: {error.strerror or error}"))
            continue
        outcome.editions.append(edition)
        report(f"wrote {edition.path} ({edition.pages} "
               f"{'page' if edition.pages == 1 else 'pages'}, {len(edition.data) / 1024:.0f} KB)")
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


def _epoch(date) -> int:
    return calendar.timegm(date.timetuple())


def _display(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
