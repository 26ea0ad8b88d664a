"""Recording a released edition in the leaflet's own source, as an editor would type it.

The record is added at the end of `history` (or a `history:` is added at the
end of the file); every other line, comment and blank line stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..source import yamlfile
from ..source.text import SourceText


def with_record(source: SourceText, number: int, date: dt.date, approved_by: str,
                note: str) -> str:
    """The text of `source` with edition `number` recorded at the end of its history."""
    root = yamlfile.compose(source, "")
    history = _value(root, "history")
    lines = source.text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if isinstance(history, SequenceNode) and history.value and not history.flow_style:
        last = _end_line(history.value[-1], lines)
        item = _item(" " * history.start_mark.column, number, date, approved_by, note)
        return "".join(lines[:last] + item + lines[last:])
    item = _item("  ", number, date, approved_by, note)
    if history is not None:  # `history: []` or another flow list: written out as a block
        start, end = history.start_mark, history.end_mark
        head = lines[start.line][:start.column].rstrip()
        tail = lines[end.line][end.column:].strip()
        rest = [f"  {tail}\n"] if tail and not tail.startswith("#") else []
        return "".join([*lines[:start.line], head + "\n", *item, *rest, *lines[end.line + 1:]])
    blank = [] if not lines or not lines[-1].strip() else ["\n"]
    return "".join([*lines, *blank, "history:\n", *item])


def _item(indent: str, number: int, date: dt.date, approved_by: str, note: str) -> list[str]:
    # JSON strings are YAML double-quoted scalars: any text, quoted safely.
    return [f"{indent}- number: {number}\n",
            f"{indent}  date: {date.isoformat()}\n",
            f"{indent}  approved_by: {json.dumps(approved_by, ensure_ascii=False)}\n",
            f"{indent}  note: {json.dumps(note, ensure_ascii=False)}\n"]


def _value(root: Node, name: str) -> Node | None:
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == name:
                return value  # type: ignore[no-any-return]
    return None


def _end_line(node: Node, lines: list[str]) -> int:
    """The index of the line after the last line that holds text of `node`."""
    end = node.end_mark
    last = end.line if end.column == 0 else end.line + 1
    # A block ends where the next one starts: step back over blank and comment lines.
    while last > node.start_mark.line + 1 and (
            not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
        last -= 1
    return last
