"""Safe YAML reading: bytes -> text -> nodes that keep their line and column.

The same reader serves the leaflets, the glossary and the built-in data. YAML
is composed into nodes and never constructed into Python objects, so no tag in
a file can run code; alias bombs, recursive aliases and absurd nesting are
refused before anything walks the nodes. Every refusal is a located problem.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from ..problems import LeafletError, Problem, problem
from . import yamlerrors
from .entries import NotAFile, read_file
from .text import START, Position, SourceText

#: A leaflet source over this size is refused unread (far above any real leaflet).
MAX_SOURCE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 30

# libyaml's parser when PyYAML has it: many times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def read(path: Path, name: str, max_bytes: int | None = MAX_SOURCE_BYTES) -> SourceText:
    """The text of a file, decoded; raise `LeafletError` if it cannot be read as UTF-8."""
    try:
        raw = read_file(path)
    except OSError as error:
        raise LeafletError([unreadable(name, error)]) from None
    return decode(raw, name, max_bytes)


def unreadable(name: str, error: OSError) -> Problem:
    if isinstance(error, NotAFile):
        return problem(name, 1, 1, "E-not-a-file", f"not read: {error.strerror}")
    return problem(name, 1, 1, "E-file-unreadable",
                   f"cannot read the file: {error.strerror or error}")


def decode(raw: bytes, name: str, max_bytes: int | None = MAX_SOURCE_BYTES) -> SourceText:
    if max_bytes is not None and len(raw) > max_bytes:
        raise _stop(name, START, "E-file-too-large",
                    f"the file is {len(raw):,} bytes; a leaflet source may be at most "
                    f"{max_bytes:,} bytes")
    try:
        return SourceText(name, raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        where = Position(before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1)
        raise _stop(name, where, "E-not-utf8", f"the file is not UTF-8 "
                    f"(byte 0x{raw[error.start]:02x}); save it as UTF-8") from None


def compose(source: SourceText, empty: str) -> Node:
    """The YAML nodes of a file; `empty` says what a file without content lacks."""
    if not source.text.strip():
        raise _stop(source.name, START, "E-file-empty", empty)
    _check_indentation(source)
    try:
        try:
            root = yaml.compose(source.text, Loader=_LOADER)
        except yaml.YAMLError:
            # Read it again with PyYAML's own parser, whose messages (and so the
            # editor's) are the same on every machine, with libyaml or without.
            root = yaml.compose(source.text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:  # in words an editor understands
        advice = yamlerrors.explain(source, error)
        raise _stop(source.name, advice.where, advice.code, advice.message) from None
    except yaml.reader.ReaderError as error:
        raise _stop(source.name, source.position(error.position), "E-yaml-character",
                    f"the file contains a character YAML does not allow "
                    f"(U+{error.character:04X}); retype the text around it") from None
    except yaml.YAMLError as error:
        raise _stop(source.name, START, "E-yaml-syntax", f"YAML syntax error: {error}") from None
    except RecursionError:
        raise _stop(source.name, START, "E-yaml-nesting",
                    f"the YAML is nested too deeply (at most {MAX_DEPTH} levels)") from None
    if root is None:
        raise _stop(source.name, START, "E-file-empty", empty)
    _check_expansion(source.name, root)
    return root


def _stop(name: str, where: Position, code: str, message: str) -> LeafletError:
    return LeafletError([problem(name, where.line, where.column, code, message)])


def _check_indentation(source: SourceText) -> None:
    # PyYAML's own message for this ("found character '\t' that cannot start any
    # token") does not tell an editor what to do.
    problems: list[Problem] = []
    for number, line in enumerate(source.lines, start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(problem(source.name, number, indent.index("\t") + 1,
                                    "E-tab-indentation",
                                    "tab character in the indentation; YAML indents with "
                                    "spaces only"))
    if problems:
        raise LeafletError(problems)


def _check_expansion(name: str, root: Node) -> None:
    """Refuse alias bombs, recursive aliases and absurd nesting before walking."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node, depth: int) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if depth > MAX_DEPTH:
            raise _stop(name, position(node), "E-yaml-nesting",
                        f"the YAML is nested too deeply (at most {MAX_DEPTH} levels)")
        if id(node) in active:
            raise _stop(name, position(node), "E-yaml-recursive-alias",
                        "a YAML alias refers to itself")
        active.add(id(node))
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(item, depth + 1) for item in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        active.discard(id(node))
        if total > MAX_NODES:
            raise _stop(name, position(node), "E-yaml-alias-bomb",
                        f"YAML aliases expand this to more than {MAX_NODES:,} values "
                        "(an alias bomb?); write the text out instead")
        sizes[id(node)] = total
        return total

    size(root, 0)
