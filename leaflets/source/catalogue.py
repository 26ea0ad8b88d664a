"""The leaflet files of a sources folder, and how messages name a file."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem, problem

LEAFLETS = "leaflets"


def find_sources(sources: Path) -> list[Path]:
    """The leaflet files under a sources folder, in a stable order."""
    return sorted((sources / LEAFLETS).glob("*.yaml"))


def stray_files(sources: Path) -> list[Problem]:
    """Files that look like leaflets but are not read, each a warning."""
    return [problem(str(stray), 1, 1, "W-stray-file", "ignored; leaflet files end in .yaml")
            for stray in sorted((sources / LEAFLETS).glob("*.yml"))]


def display(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
