"""The build's units of work and what they give: a job, its result, a PDF in the output folder.

Everything a job needs travels with it, so a job runs the same in this
process, in a worker of the build's process pool, or on a Dask worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Edition, Format
from ..problems import Problem


@dataclass(frozen=True)
class Job:
    """One edition in one format to make."""

    edition: Edition
    format: Format
    path: Path  # where the PDF goes
    seconds: float | None  # the most its typesetting may take

    @property
    def name(self) -> str:
        return f"{self.edition.leaflet_id} ({self.edition.audience}, {self.format.id})"


@dataclass(frozen=True)
class JobResult:
    job: Job
    data: bytes | None  # the PDF, or None with a problem
    pages: int
    missing_characters: tuple[str, ...] = ()  # characters no project font has
    problem: Problem | None = None
    time_limited: bool = True  # False: it ran where --time-limit cannot stop it
    runaway_text: tuple[str, ...] = ()  # texts past the edge of their page


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

    def read(self) -> bytes:
        return self.path.read_bytes()
