"""Reading YAML nodes against declared fields, in the manner of MkDocs' config/base.py.

A `Validator` reads one node into a value of the content model, or reports why
it cannot (at the node's line and column) and returns None; the reusable ones
are in `fields.py`. `Schema` and `Field` declare the fields of a mapping;
`read_fields` reads a mapping node against a schema, and `variant` a value that
may be given once or per audience. The leaflet schema (`schema.py`) and the
built-in data (`builtin.py`) are declared with these, so every file is checked
the same way and every mistake is a `file:line:column` problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import SHARED, Shared, Variant
from ..problems import Problem, problem
from .text import START, Position, SourceText
from .yamlfile import position

T = TypeVar("T")

NULL_TAG = "tag:yaml.org,2002:null"
# The tags YAML itself resolves plain values to; any other tag was written by hand.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}"
               for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

# Text pasted from Word or a web page: invisible characters are dropped, odd
# spaces become plain ones; what cannot be repaired is reported.
_PASTED = str.maketrans({
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u2028": " ", "\u2029": " ", "\t": " ",
})
#: Unicode's bidirectional embeddings, overrides and isolates, and the directional marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
_CP1252_BYTES = "\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
MOJIBAKE = re.compile(f"(?:Ã|â€)[{_CP1252_BYTES}]")


def normalise(text: str) -> str:
    """Text as the editor meant it: composed accents, no invisible characters."""
    return unicodedata.normalize("NFC", text).translate(_PASTED)


class Context:
    """One file being read: where problems go, and what the file may refer to."""

    def __init__(self, source: SourceText, audiences: Iterable[str] = (),
                 languages: Iterable[str] = (), formats: Iterable[str] = (),
                 images: Path | None = None, shared: Shared | None = None,
                 today: dt.date | None = None) -> None:
        self.source = source
        self.shared = shared or Shared()  # the organisations and snippets it may name
        self.today = today  # for dates that may not lie ahead (None: the real today)
        self.audiences = tuple(audiences)  # every known audience id
        self.languages = frozenset(languages)  # primary subtags with printed labels
        self.formats = tuple(formats)  # every known format id
        self.images = images  # the folder a text's images/<name> files are in
        self.published: tuple[str, ...] = ()  # the audiences this file publishes
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        #: Errors that leave the file usable (a brand colour the build does without).
        self.kept_errors: list[Problem] = []

    def error(self, where: Node | Position | None, code: str, message: str) -> None:
        self.problems.append(self.problem(where, code, message))

    def warn(self, where: Node | Position | None, code: str, message: str) -> None:
        self.warnings.append(self.problem(where, code, message))

    def problem(self, where: Node | Position | None, code: str, message: str) -> Problem:
        at = START if where is None else where if isinstance(where, Position) else position(where)
        return problem(self.source.name, at.line, at.column, code, message)

    def known(self) -> str:
        return f" (known audiences: {', '.join(self.audiences)})"


class Validator(Generic[T]):
    """Reads one node into a value, or reports why not and returns None."""

    #: What the value is, for the field table of docs/source-format.md.
    kind = "text"
    #: The validator reads per-audience values itself (see `PageBudget`).
    varies_itself = False

    def read(self, node: Node, what: str, context: Context) -> T | None:
        raise NotImplementedError


class Text(Validator[str]):
    """A text: normalised, and refused when it is empty, not text, or garbled."""

    def read(self, node: Node, what: str, context: Context) -> str | None:
        if not isinstance(node, ScalarNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
            context.error(node, "E-not-text", f"{what} must be text, not {kind}")
            return None
        if node.tag == NULL_TAG and node.style is None:
            context.error(node, "E-empty-text", f"{what} is empty")
            return None
        if not check_tag(node, context):
            return None
        text = normalise(node.value).strip()
        if problem := _text_problem(text, what):
            context.error(node, *problem)
            return None
        return text if _bidi_controls(node, text, what, context) else None


def _bidi_controls(node: ScalarNode, text: str, what: str, context: Context) -> bool:
    """Report the invisible direction controls of a text, each at its place; whether it may print.

    An embedding, override or isolate reorders what is printed ("Neem 1<RLO>05<PDF>"
    prints "Neem 150"): an error. A directional mark only nudges where neutral
    characters go: a warning, so that it is never printed unseen.
    """
    ok = True
    for character in dict.fromkeys(c for c in text if c in BIDI_CONTROLS or c in BIDI_MARKS):
        where = context.source.find(character, position(node), node.end_mark.line + 1)
        name = f"U+{ord(character):04X} {unicodedata.name(character)}"
        if character in BIDI_CONTROLS:
            ok = False
            context.error(where or node, "E-bidi-control", f"{what} contains an invisible "
                          f"direction control ({name}), which can reorder the printed text; "
                          "delete it (retype the text around it)")
        else:
            context.warn(where or node, "W-invisible-control", f"{what} contains an invisible "
                         f"directional mark ({name}); delete it unless the text mixes "
                         "left-to-right and right-to-left words")
    return ok


def _text_problem(text: str, what: str) -> tuple[str, str] | None:
    """The code and message of what is wrong with a text, if anything is."""
    if not text:
        return "E-empty-text", f"{what} is empty"
    if match := MOJIBAKE.search(text):
        return ("E-wrong-encoding", f"{what} contains '{match.group(0)}', which looks like text "
                "saved in the wrong encoding (e.g. 'Ã©' for 'é'); retype it")
    for character in text:
        if character != "\n" and unicodedata.category(character) in ("Cc", "Co", "Cn"):
            return ("E-invisible-character", f"{what} contains an invisible or unknown "
                    f"character (U+{ord(character):04X}); retype the text around it")
    return None


@dataclass(frozen=True)
class Field:
    """One field of a mapping: declared once, validated and documented from here."""

    name: str
    validator: Validator[Any]
    description: str  # one line, for docs/source-format.md
    required: bool = False
    per_audience: bool = False  # may be given once, or once per audience
    nullable: bool = False  # per audience, `audience: null` means none for that audience
    default: Any = None  # the value when the field is left out
    readers: bool = False  # names the audiences that read the other fields
    extension: bool = False  # not in the source format everyone implements


@dataclass(frozen=True)
class Schema:
    """The fields of a mapping, in the order they are documented and suggested."""

    name: str  # how messages name a mapping of this schema at the top of a file
    fields: tuple[Field, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)


def field_what(owner: str, name: str) -> str:
    """How a message names a field: 'updated' at the top of a file, else "the title of link 1"."""
    return f"the {name} of {owner}" if owner else f"'{name}'"


def read_fields(schema: Schema, node: Node, owner: str, context: Context,
                readers: Iterable[str] | None = None) -> dict[str, Any] | None:
    """The values of a mapping node, by field name; None when any of them has a problem.

    `owner` names the mapping in messages ("section 2"; "" at the top of a file).
    `readers` are the audiences that must find a value in per-audience fields
    (None: the audiences the file publishes), unless a field of the schema
    names them itself; a field left out gets its default.
    """
    before = len(context.problems)
    fields = mapping(node, owner or schema.name, schema.names, context)
    if not isinstance(node, MappingNode):
        return None
    for field in schema.fields:
        if field.required and field.name not in fields:
            context.error(node, "E-missing-field", f"{owner} has no {field.name}" if owner
                          else f"{schema.name} has no '{field.name}'")
    chosen = None if readers is None else frozenset(readers)
    values: dict[str, Any] = {}
    for field in sorted(schema.fields, key=lambda field: not field.readers):  # readers first
        if field.name not in fields:
            values[field.name] = chosen if field.readers else field.default
            continue
        audiences = context.published if chosen is None else chosen
        value = _read_field(field, fields[field.name], owner, audiences, context)
        if field.readers:
            if value is None:
                return None
            chosen = value
        values[field.name] = value
    return values if len(context.problems) == before else None


def _read_field(field: Field, node: Node, owner: str, readers: Iterable[str],
                context: Context) -> Any:
    if field.readers:  # an audience list is named after its owner ("section 2 lists ...")
        return field.validator.read(node, owner, context)
    what = field_what(owner, field.name)
    if field.per_audience and not field.validator.varies_itself:
        return variant(node, owner, field.name, readers, field.validator, context,
                       optional=field.nullable)
    return field.validator.read(node, what, context)


def mapping(node: Node, what: str, allowed: tuple[str, ...],
            context: Context) -> dict[str, Node]:
    """The fields of a mapping node by name, reporting duplicates and unknown names."""
    if not isinstance(node, MappingNode):
        context.error(node, "E-not-a-mapping", f"{what} must be a mapping of {', '.join(allowed)}")
        return {}
    keys: dict[str, Node] = {}
    fields: dict[str, Node] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            context.error(key, "E-key-not-a-name", f"{what} has a key that is not a name")
            continue
        check_tag(key, context)
        name = key.value
        if name in keys:
            context.error(key, "E-duplicate-key", f"duplicate key '{name}' in {what} "
                          f"(first given at line {position(keys[name]).line})")
        elif name not in allowed:
            context.error(key, "E-unknown-field",
                          f"unknown field '{name}' in {what}{_suggest(name, allowed)}")
        else:
            keys[name], fields[name] = key, value
    return fields


def check_tag(node: Node, context: Context) -> bool:
    if node.tag in _PLAIN_TAGS:
        return True
    if node.tag.startswith("!["):
        # `body: ![alt](images/x.svg)`: YAML reads a leading ! as a tag.
        context.error(node, "E-image-needs-block",
                      "a text that starts with an image ('![') must be written as a block: "
                      "'body: |' with the image on the next line")
    else:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        context.error(node, "E-yaml-tag", f"YAML tags such as '{tag}' are not allowed in a leaflet")
    return False


def by_audience(node: MappingNode, what: str | None,
                context: Context) -> Iterator[tuple[str | None, Node, Node]]:
    """(audience, key, value) of each entry of a mapping keyed by audience.

    A key that is not a known audience, or one given before, is reported and
    comes with None. `what` names the mapping ("the heading of section 1"; None:
    a leaflet's `audiences`).
    """
    seen: set[str] = set()
    for key, value in node.value:
        audience = Text().read(key, f"an audience in {what}" if what else "an audience", context)
        if audience is not None and audience not in context.audiences:
            context.error(key, "E-unknown-audience", f"unknown audience '{audience}'"
                          f"{f' in {what}' if what else ''}{context.known()}")
            audience = None
        elif audience is not None and audience in seen:
            context.error(key, "E-duplicate-key", f"duplicate audience '{audience}' in {what}"
                          if what else f"duplicate key '{audience}' in 'audiences'")
            audience = None
        elif audience is not None:
            seen.add(audience)
        yield audience, key, value


def variant(node: Node, owner: str, field: str, readers: Iterable[str],
            read: Validator[T], context: Context, optional: bool = False) -> Variant[Any] | None:
    """A value given once for every audience, or once per audience.

    `readers` are the audiences that must find a value. In an `optional` field,
    `audience: null` means "none for them".
    """
    what = field_what(owner, field)
    if not isinstance(node, MappingNode):
        value = read.read(node, what, context)
        return None if value is None else Variant(((SHARED, value, position(node)),))
    entries: list[tuple[str, Any, Position]] = []
    seen: set[str] = set()
    valid = True
    for audience, _, value_node in by_audience(node, what, context):
        if audience is None:
            valid = False
            continue
        seen.add(audience)
        if optional and isinstance(value_node, ScalarNode) and value_node.tag == NULL_TAG:
            entries.append((audience, None, position(value_node)))
        elif (result := read.read(value_node, f"{what} for audience '{audience}'",
                                  context)) is None:
            valid = False
        else:
            entries.append((audience, result, position(value_node)))
    missing = [audience for audience in readers if audience not in seen]
    for audience in missing:
        context.error(node, "E-missing-variant",
                      f"{owner or 'the leaflet'} has no {field} for audience '{audience}'")
    return Variant(tuple(entries)) if valid and not missing else None


def _suggest(name: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (expected one of: {', '.join(allowed)})"
