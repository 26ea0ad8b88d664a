"""What the leaflets of a sources folder share besides the glossary: organisations, snippets."""

from __future__ import annotations

from pathlib import Path

from ..model import Shared
from ..problems import LeafletError, Problem
from .organisation import load_organisations
from .snippets import load_snippets


def read_shared(sources: Path) -> tuple[Shared, tuple[Problem, ...]]:
    """The organisations and snippets of `sources` that can be used, and every problem.

    A leaflet that names what could not be read gets an error of its own; the
    others build.
    """
    organisations, problems = load_organisations(sources)
    try:
        snippets = load_snippets(sources, Shared(organisations))
    except LeafletError as error:
        snippets, problems = (), [*problems, *error.problems]
    return Shared(organisations, snippets), tuple(problems)
