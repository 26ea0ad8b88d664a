"""Stage 1: a leaflet source -> a `Leaflet`, validated against the schema (`schema.py`).

Every problem in the file is reported, with its place, before anything is
built; what `load` returns is trusted by every later stage.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from ..model import Leaflet, Shared
from ..problems import LeafletError, Problem, problem
from . import builtin, yamlfile
from .nodes import Context, read_fields
from .publishing import publishers, uses, variable_problems
from .schema import LEAFLET
from .shared import read_shared
from .text import SourceText

LEAFLET_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
EMPTY = "the file is empty; a leaflet needs language, audiences, updated and sections"


@dataclass(frozen=True)
class Loaded:
    """A valid leaflet, with the warnings found while reading it."""

    leaflet: Leaflet
    warnings: tuple[Problem, ...]


def load(source: SourceText, path: Path, shared: Shared | None = None,
         today: dt.date | None = None) -> Loaded:
    """Validate the text of `path`; raise `LeafletError` listing every problem.

    The leaflet's id is the file name; its images are in the `images/` folder
    beside its `leaflets/` folder. `shared` holds the organisations and snippets
    it may name (none by default). No edition of its history may be dated after
    `today` (default: the real today).
    """
    shared = shared or Shared()
    problems = []
    if not LEAFLET_ID.match(path.stem):
        problems.append(problem(
            source.name, 1, 1, "E-file-name", f"file name '{path.stem}' is not a valid leaflet "
            "id: use lower-case letters, digits and single hyphens (e.g. 'knee-surgery')"))
    try:
        root = yamlfile.compose(source, EMPTY)
    except LeafletError as error:
        raise LeafletError([*problems, *error.problems]) from None
    data = builtin.data()
    context = Context(source, data.profiles, data.languages, data.formats,
                      images=path.parent.parent / "images", shared=shared, today=today)
    context.problems.extend(problems)
    if not isinstance(root, MappingNode):
        context.error(root, "E-not-a-mapping", "a leaflet file is a mapping of fields: "
                                               "language, audiences, updated, sections, ...")
        raise LeafletError(context.problems)
    values = read_fields(LEAFLET, root, "", context)
    if values is not None and values["history"] and values["code"] is None:
        context.error(_key(root, "history"), "E-history-without-code", "the leaflet has a "
                      "'history' of editions but no 'code'; add its code, such as 'code: NEU-012'")
    if values is None or context.problems:
        raise LeafletError(context.problems)
    language = yamlfile.position(_key(root, "language"))
    found = publishers(values, shared)
    used = uses(values["sections"], found)
    leaflet = Leaflet(id=path.stem, source=source.name, text=source,
                      images=str(path.parent.parent / "images"), language_position=language,
                      publishers=found, uses=used, snippets=tuple(
                          s for s in shared.snippets if f"snippet:{s.name}" in used), **values)
    if problems := variable_problems(leaflet, shared):
        raise LeafletError(problems)
    return Loaded(leaflet, tuple(context.warnings))


def _key(root: MappingNode, name: str) -> Node:
    """The value node of a top-level field that the file is known to have."""
    value: Node = next(value for key, value in root.value
                       if isinstance(key, ScalarNode) and key.value == name)
    return value


def load_file(path: Path, name: str | None = None, shared: Shared | None = None,
              today: dt.date | None = None) -> Loaded:
    """Read and validate one leaflet file (named `name` in messages; by default its path).

    By default it is read against the organisations and snippets of its own
    sources folder (those that can be read).
    """
    if shared is None:
        shared, _ = read_shared(path.parent.parent)
    return load(yamlfile.read(path, name or str(path)), path, shared, today)
