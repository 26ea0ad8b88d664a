"""The leaflet files of a sources folder, the ones a command names, and how messages name a file."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..problems import Problem, problem

LEAFLETS = "leaflets"
SUFFIX = ".yaml"
#: Up to this many leaflets, an unknown id is answered with all of their ids.
LISTED = 12


def find_sources(sources: Path) -> list[Path]:
    """The leaflet files under a sources folder, in a stable order."""
    return sorted((sources / LEAFLETS).glob(f"*{SUFFIX}"))


def select(sources: Path, names: Iterable[str]) -> list[Path]:
    """The leaflet files that `names` mean, each an id (`knie`) or a file (`.../knie.yaml`).

    Raise `ValueError` with a sentence for the command line when a name is no
    leaflet of `sources`: it names the close matches, so a typo is one look away.
    """
    files = find_sources(sources)
    ids = {path.stem: path for path in files}
    chosen: list[Path] = []
    for name in names:
        path = _file(sources, name, ids)
        if path not in chosen:
            chosen.append(path)
    return sorted(chosen)


def _file(sources: Path, name: str, ids: dict[str, Path]) -> Path:
    folder = sources / LEAFLETS
    if name.endswith(SUFFIX) or "/" in name or "\\" in name:
        path = Path(name)
        if path.resolve().parent != folder.resolve():
            raise ValueError(f"'{name}' is not a leaflet file in {folder}/; name a leaflet by "
                             f"its id (the file name without {SUFFIX}) or by its file there")
        name = path.stem
    if name in ids:
        return ids[name]
    close = difflib.get_close_matches(name, list(ids), n=3, cutoff=0.6)
    if close:
        hint = "did you mean " + " or ".join(f"'{match}'" for match in close) + "?"
    elif len(ids) <= LISTED:
        hint = "the leaflets are: " + ", ".join(sorted(ids))
    else:
        hint = f"see the files in {folder}/"
    raise ValueError(f"no leaflet '{name}' in {folder}/ ({name}{SUFFIX}); {hint}")


def stray_files(sources: Path) -> list[Problem]:
    """Files that look like leaflets but are not read, each a warning."""
    return [problem(str(stray), 1, 1, "W-stray-file", "ignored; leaflet files end in .yaml")
            for stray in sorted((sources / LEAFLETS).glob("*.yml"))]


def display(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    return _display(path, os.getcwd())


@lru_cache(maxsize=8192)
def _display(path: Path, working_folder: str) -> str:
    # Asked several times per leaflet and build: each answer costs two path resolutions.
    try:
        return str(path.resolve().relative_to(Path(working_folder).resolve()))
    except ValueError:
        return str(path)
