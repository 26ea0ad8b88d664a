"""`<sources>/glossary.yaml`: difficult terms, each explained once, shared or per audience."""

from __future__ import annotations

import os
from pathlib import Path

from yaml.nodes import MappingNode

from ..model import Glossary, GlossaryEntry
from ..problems import LeafletError
from . import builtin, yamlfile
from .fields import PlainText
from .nodes import Context, variant
from .yamlfile import position

FILE = "glossary.yaml"


def load_glossary(sources: Path, name: str | None = None) -> Glossary | None:
    """`<sources>/glossary.yaml`, validated, or None when the sources have none.

    The glossary maps each difficult term to its explanation, shared or per
    audience; `audience: null` leaves the term unexplained for that audience.
    """
    path = sources / FILE
    if not os.path.lexists(path):  # a dangling link is reported, not taken for no glossary
        return None
    source = yamlfile.read(path, name or str(path))
    root = yamlfile.compose(source, "the file is empty; the glossary maps each difficult term "
                                    "to its explanation")
    context = Context(source, builtin.data().profiles)
    if not isinstance(root, MappingNode):
        context.error(root, "E-not-a-mapping", "the glossary maps each difficult term to its "
                      "explanation, e.g. 'EMG: Een onderzoek van zenuwen en spieren.'")
        raise LeafletError(context.problems)
    entries: list[GlossaryEntry] = []
    seen: dict[str, int] = {}
    for key, value in root.value:
        term = PlainText().read(key, "a glossary term", context)
        if term is None:
            continue
        if term.casefold() in seen:
            context.error(key, "E-duplicate-key", f"glossary term '{term}' is given twice "
                                                  f"(first at line {seen[term.casefold()]})")
            continue
        seen[term.casefold()] = position(key).line
        definition = variant(value, f"glossary term '{term}'", "explanation", (), PlainText(),
                             context, optional=True)
        if definition is not None:
            entries.append(GlossaryEntry(term, definition, position(key)))
    if context.problems:
        raise LeafletError(context.problems)
    return Glossary(source.name, source, tuple(entries))
