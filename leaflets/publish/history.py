"""`make_leaflets.py history <id>`: a leaflet's editions, and which one was current on a date.

The history in the source says who approved what and when; the archive holds
what patients were given, with the SHA-256 of every file, checked here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..model import SHARED, Leaflet, Release
from ..problems import Problem, problem
from ..source import archive


@dataclass(frozen=True)
class Current:
    """The answer to "which edition was current on this date?"."""

    date: dt.date
    release: Release | None  # None: none yet, or withdrawn
    withdrawn: str | None = None  # the withdrawal date, ISO, when it was withdrawn by then


def current_on(leaflet: Leaflet, date: dt.date, withdrawn: dict[str, object] | None) -> Current:
    """The edition in force on `date`: the last one released on or before it."""
    gone = str(withdrawn.get("date", "")) if withdrawn else ""
    if gone and gone <= date.isoformat():
        return Current(date, None, gone)
    releases = [release for release in leaflet.history if release.date <= date]
    return Current(date, releases[-1] if releases else None)


def damage(sources: Path, leaflet_id: str) -> list[Problem]:
    """Every archived file of the leaflet that is missing, changed or added after its release."""
    return [problem(str(edition.folder), 0, 0, "E-archive-damaged", found)
            for edition in archive.editions(sources, leaflet_id) for found in edition.damage()]


def lines(leaflet: Leaflet, sources: Path) -> list[str]:
    """The history as an editor reads it: each edition, its approval, note and files."""
    out = [f"{leaflet.id}: {leaflet.code or 'no code'}, {len(leaflet.history)} edition(s)"]
    archived = {edition.number: edition for edition in archive.editions(sources, leaflet.id)}
    for release in leaflet.history:
        out.append(f"edition {release.number}, {release.date.isoformat()}, approved by "
                   f"{release.approved_by}")
        for key, note, _ in release.note.texts:
            out.append(f"  note{'' if key == SHARED else f' ({key})'}: {note}")
        edition = archived.get(release.number)
        if edition is None:
            out.append("  not in the archive")
            continue
        out.append(f"  archive: {edition.folder}")
        out += [f"  {digest}  {name}" for name, digest in edition.hashes]
    if (gone := archive.withdrawn(sources, leaflet.id)) is not None:
        out.append(f"withdrawn {gone.get('date', '')}: {gone.get('note', '')}")
    return out


def answer(current: Current) -> str:
    when = current.date.isoformat()
    if current.withdrawn:
        return f"on {when} the leaflet was withdrawn (since {current.withdrawn})"
    if current.release is None:
        return f"on {when} no edition had been released yet"
    release = current.release
    return (f"on {when} edition {release.number} was current (released "
            f"{release.date.isoformat()}, approved by {release.approved_by})")
