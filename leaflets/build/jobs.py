"""The build's units of work and what they give: a job, its result, a PDF in the output folder.

Everything a job needs travels with it, so a job runs the same in this
process, in a worker of the build's process pool, or on a Dask worker.

Formats that share a layout (`pages_of` in formats.yaml: the booklet is made
from the press pages) are one job: the edition is typeset once, and each of
those formats is written from the same pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Edition, Format
from ..problems import Problem
from ..source import builtin


@dataclass(frozen=True)
class Job:
    """One edition in one format to make (and the formats made from the same pages)."""

    edition: Edition
    format: Format
    path: Path  # where the PDF goes
    seconds: float | None  # the most its typesetting may take
    #: The format typeset when it is not `format` itself (a booklet built without
    #: its press file is still imposed from the press pages).
    layout: Format | None = None
    derived: tuple[Job, ...] = ()  # other formats written from the same typesetting
    #: The pictures of its pages to draw for the report (publish/pictures.py: kinds).
    pictures: tuple[str, ...] = ()

    @property
    def files(self) -> int:
        """How many PDFs the job makes."""
        return 1 + len(self.derived)

    @property
    def name(self) -> str:
        return f"{self.edition.leaflet_id} ({self.edition.audience}, {self.format.id})"


@dataclass(frozen=True)
class Drawn:
    """A picture of one page, drawn where the PDF was made, for the report (publish/pictures.py)."""

    kind: str  # thumbnails or views
    number: int  # the page, from 1
    png: bytes


@dataclass(frozen=True)
class JobResult:
    job: Job
    data: bytes | None  # the PDF, or None with a problem
    pages: int
    missing_characters: tuple[str, ...] = ()  # characters no project font has
    problem: Problem | None = None
    time_limited: bool = True  # False: it ran where --time-limit cannot stop it
    runaway_text: tuple[str, ...] = ()  # texts past the edge of their page
    derived: tuple[JobResult, ...] = ()  # those of the job's derived formats
    pictures: tuple[Drawn, ...] = ()  # of its pages, for the report

    def each(self) -> Iterator[JobResult]:
        """This result and those of the formats made from the same pages."""
        yield self
        yield from self.derived


def jobs(edition: Edition, formats: Sequence[Format], output: Path, seconds: float | None,
         pictures: Callable[[Format], tuple[str, ...]] = lambda page_format: ()) -> list[Job]:
    """The jobs that make `edition` in `formats`: one per layout, in the formats' order.

    `pictures` says which pictures of a format's pages the report needs.
    """
    shared: dict[str, list[Format]] = {}
    for page_format in formats:
        shared.setdefault(page_format.pages_of or page_format.id, []).append(page_format)
    made = []
    for layout_id, group in shared.items():
        group.sort(key=lambda page_format: page_format.id != layout_id)  # the typeset one first
        first, *others = [Job(edition, page_format, output / page_format.path(
            edition.audience, edition.leaflet_id, edition.publisher), seconds,
            pictures=pictures(page_format))
            for page_format in group]
        layout = None if first.format.id == layout_id else builtin.data().formats[layout_id]
        made.append(replace(first, layout=layout, derived=tuple(others)))
    return made


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
    publisher: str | None = None  # the publisher's folder of a co-published leaflet

    @property
    def sides(self) -> int:
        """The pages in the file: a booklet's sheets have two sides, of two pages each."""
        return -(-self.pages // 4) * 2 if self.format.impose else self.pages

    def read(self) -> bytes:
        return self.path.read_bytes()
