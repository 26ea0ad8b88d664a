"""Stage 1: read leaflet sources and validate them into the content model.

This is the only place that looks at YAML. It reports every problem it finds as
`file:line:column: message`, and what it returns is trusted by every later stage.
YAML is composed into nodes (which keep their line and column) and never
constructed into Python objects, so no tag in a source can run code.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import markdown, profiles
from .model import (
    SHARED,
    AudienceTitle,
    Glossary,
    GlossaryEntry,
    Leaflet,
    Link,
    Position,
    Reference,
    Section,
    Variant,
)
from .problems import LeafletError, Problem

LEAFLET_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# BCP 47 as editors write it: a 2-3 letter language, then optional subtags (nl, nl-BE).
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--")

# Resource bounds: far above any real leaflet, far below what hurts the machine.
MAX_SOURCE_BYTES = 1_000_000
MAX_IMAGE_BYTES = 5_000_000
MAX_NODES = 50_000
MAX_DEPTH = 30

# Text pasted from Word or a web page: invisible characters are dropped, odd
# spaces become plain ones; what cannot be repaired is reported.
_PASTED = str.maketrans({
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u2028": " ", "\u2029": " ", "\t": " ",
})
_CP1252_BYTES = "\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
MOJIBAKE = re.compile(f"(?:Ã|â€)[{_CP1252_BYTES}]")

# libyaml's parser when PyYAML has it: many times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL_TAG = "tag:yaml.org,2002:null"
# The tags YAML itself resolves plain values to; any other tag was written by hand.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}"
               for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


@dataclass(frozen=True)
class Loaded:
    """A valid leaflet, with the warnings found while reading it."""

    leaflet: Leaflet
    warnings: tuple[Problem, ...]


def find_sources(sources: Path) -> list[Path]:
    """The leaflet files under a sources folder, in a stable order."""
    return sorted((sources / "leaflets").glob("*.yaml"))


def load(path: Path, name: str | None = None) -> Loaded:
    """Read and validate one leaflet file; raise `LeafletError` listing every problem.

    `name` is how the file is named in messages (by default, the path as given).
    """
    reader = _Reader(name or str(path))
    leaflet = reader.read(path)
    if reader.problems or leaflet is None:
        raise LeafletError(reader.problems)
    return Loaded(leaflet, tuple(reader.warnings))


GLOSSARY = "glossary.yaml"


def load_glossary(sources: Path, name: str | None = None) -> Glossary | None:
    """`<sources>/glossary.yaml`, validated, or None when the sources have none.

    The glossary maps each difficult term to its explanation, shared or per
    audience; `audience: null` leaves the term unexplained for that audience.
    """
    path = sources / GLOSSARY
    if not path.exists():
        return None
    reader = _Reader(name or str(path))
    try:
        root = reader._compose(path)
    except _StopReading:
        raise LeafletError(reader.problems) from None
    glossary = reader.glossary(root)
    if reader.problems or glossary is None:
        raise LeafletError(reader.problems)
    return glossary


class _StopReading(Exception):
    """The file cannot be read further; the problems so far say why."""


class _Reader:
    """Reads one leaflet file, collecting problems instead of stopping at the first."""

    def __init__(self, name: str):
        self.name = name
        self.images = Path()
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.lines: list[str] = []
        self.known_audiences = profiles.audiences()

    # -- reporting ---------------------------------------------------------------

    def report(self, where: Node | Position | None, message: str) -> None:
        self.problems.append(self._problem(where, message))

    def warn(self, where: Node | Position | None, message: str) -> None:
        self.warnings.append(self._problem(where, f"warning: {message}"))

    def _problem(self, where: Node | Position | None, message: str) -> Problem:
        position = _position(where) if where is not None else Position(1, 1)
        return Problem(self.name, position.line, position.column, message)

    # -- the file, as text and as YAML nodes ---------------------------------------

    def read(self, path: Path) -> Leaflet | None:
        # Leaflets live in <sources>/leaflets/; their images in <sources>/images/.
        self.images = path.parent.parent / "images"
        if not LEAFLET_ID.match(path.stem):
            self.report(None, f"file name '{path.stem}' is not a valid leaflet id: use "
                              "lower-case letters, digits and single hyphens (e.g. 'knee-surgery')")
        try:
            root = self._compose(path)
        except _StopReading:
            return None
        return self._leaflet(root, path.stem)

    def _compose(self, path: Path) -> Node:
        try:
            raw = path.read_bytes()
        except OSError as error:
            self.report(None, f"cannot read the file: {error.strerror or error}")
            raise _StopReading from None
        if len(raw) > MAX_SOURCE_BYTES:
            self.report(None, f"the file is {len(raw):,} bytes; a leaflet source may be at "
                              f"most {MAX_SOURCE_BYTES:,} bytes")
            raise _StopReading
        text = self._decode(raw)
        if not text.strip():
            self.report(None, "the file is empty; a leaflet needs language, audiences, "
                              "updated and sections")
            raise _StopReading
        self.lines = text.splitlines()
        self._check_indentation()
        try:
            try:
                root = yaml.compose(text, Loader=_LOADER)
            except yaml.YAMLError:
                # Read it again with PyYAML's own parser, whose messages (and so the
                # editor's) are the same on every machine, with libyaml or without.
                root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            detail = error.problem or "not valid YAML"
            context = f" ({error.context})" if error.context and error.problem else ""
            self.report(Position(mark.line + 1, mark.column + 1) if mark else None,
                        f"YAML syntax error: {detail}{context}")
            raise _StopReading from None
        except yaml.reader.ReaderError as error:
            before = text[: error.position]
            self.report(Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1),
                        f"the file contains a character YAML does not allow "
                        f"(U+{error.character:04X}); retype the text around it")
            raise _StopReading from None
        except yaml.YAMLError as error:
            self.report(None, f"YAML syntax error: {error}")
            raise _StopReading from None
        except RecursionError:
            self.report(None, f"the YAML is nested too deeply (at most {MAX_DEPTH} levels)")
            raise _StopReading from None
        if root is None:
            self.report(None, "the file is empty; a leaflet needs language, audiences, "
                              "updated and sections")
            raise _StopReading
        self._check_expansion(root)
        return root

    def _decode(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            before = raw[: error.start]
            line = before.count(b"\n") + 1
            column = len(before) - (before.rfind(b"\n") + 1) + 1
            self.report(Position(line, column),
                        f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")
            raise _StopReading from None

    def _check_indentation(self) -> None:
        # PyYAML's own message for this ("found character '\t' that cannot start any
        # token") does not tell an editor what to do.
        found = False
        for number, line in enumerate(self.lines, start=1):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                self.report(Position(number, indent.index("\t") + 1),
                            "tab character in the indentation; YAML indents with spaces only")
                found = True
        if found:
            raise _StopReading

    def _check_expansion(self, root: Node) -> None:
        """Refuse alias bombs, recursive aliases and absurd nesting before walking."""
        sizes: dict[int, int] = {}
        active: set[int] = set()

        def size(node: Node, depth: int) -> int:
            if id(node) in sizes:
                return sizes[id(node)]
            if depth > MAX_DEPTH:
                self.report(node, f"the YAML is nested too deeply (at most {MAX_DEPTH} levels)")
                raise _StopReading
            if id(node) in active:
                self.report(node, "a YAML alias refers to itself")
                raise _StopReading
            active.add(id(node))
            total = 1
            if isinstance(node, SequenceNode):
                total += sum(size(item, depth + 1) for item in node.value)
            elif isinstance(node, MappingNode):
                total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
            active.discard(id(node))
            if total > MAX_NODES:
                self.report(node, f"YAML aliases expand this to more than {MAX_NODES:,} values "
                                  "(an alias bomb?); write the text out instead")
                raise _StopReading
            sizes[id(node)] = total
            return total

        size(root, 0)

    # -- generic node readers ------------------------------------------------------

    def mapping(self, node: Node, what: str, allowed: tuple[str, ...]) -> dict[str, tuple[Node, Node]]:
        """The fields of a mapping node, reporting duplicates and unknown names."""
        if not isinstance(node, MappingNode):
            self.report(node, f"{what} must be a mapping of {', '.join(allowed)}")
            return {}
        fields: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                self.report(key, f"{what} has a key that is not a name")
                continue
            self._check_tag(key)
            name = key.value
            if name in fields:
                first = _position(fields[name][0])
                self.report(key, f"duplicate key '{name}' in {what} (first given at line {first.line})")
                continue
            if name not in allowed:
                self.report(key, f"unknown field '{name}' in {what}{_suggest(name, allowed)}")
                continue
            fields[name] = (key, value)
        return fields

    def _check_tag(self, node: Node) -> bool:
        if node.tag in _PLAIN_TAGS:
            return True
        if node.tag.startswith("!["):
            # `body: ![alt](images/x.svg)`: YAML reads a leading ! as a tag.
            self.report(node, "a text that starts with an image ('![') must be written as a "
                              "block: 'body: |' with the image on the next line")
        else:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.report(node, f"YAML tags such as '{tag}' are not allowed in a leaflet")
        return False

    def scalar(self, node: Node, what: str) -> str | None:
        """The text of a scalar, or None (reported) when it is missing or not text."""
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG and node.style is None:
            self.report(node, f"{what} is empty")
            return None
        if not isinstance(node, ScalarNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
            self.report(node, f"{what} must be text, not {kind}")
            return None
        if not self._check_tag(node):
            return None
        text = normalise(node.value).strip()
        if not text:
            self.report(node, f"{what} is empty")
            return None
        if match := MOJIBAKE.search(text):
            self.report(node, f"{what} contains '{match.group(0)}', which looks like text saved in "
                              f"the wrong encoding (e.g. 'Ã©' for 'é'); retype it")
            return None
        for character in text:
            if character != "\n" and unicodedata.category(character) in ("Cc", "Co", "Cn"):
                self.report(node, f"{what} contains an invisible or unknown character "
                                  f"(U+{ord(character):04X}); retype the text around it")
                return None
        return text

    def plain_text(self, node: Node, what: str) -> str | None:
        text = self.scalar(node, what)
        if text is not None and (match := HTML_TAG.search(text)):
            self.report(node, f"HTML is not allowed in {what}: '{match.group(0)}'")
            return None
        return text

    def markdown_text(self, node: Node, what: str) -> str | None:
        text = self.scalar(node, what)
        if text is None:
            return None
        ok = True
        for found in markdown.check(normalise(node.value)):
            self.report(self._line_in(node, found.line, found.fragment), f"{what}: {found.message}")
            ok = False
        if ok:
            for line, source in markdown.images(normalise(node.value)):
                if problem := self._image_problem(source):
                    self.report(self._line_in(node, line, source), f"{what}: {problem}")
                    ok = False
        return text if ok else None

    def _image_problem(self, source: str) -> str | None:
        """Why the image file `source` (images/<name>) cannot be used, if it cannot."""
        path = self.images / source.removeprefix("images/")
        if not path.is_file():
            return f"image '{source}' is not in the images folder ({self.images})"
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return f"image '{source}' is {size:,} bytes; at most {MAX_IMAGE_BYTES:,}"
        head = path.read_bytes()[:4096]
        if source.endswith(".png") and not head.startswith(b"\x89PNG\r\n\x1a\n"):
            return f"image '{source}' is not a PNG file"
        if source.endswith(".svg") and b"<svg" not in head:
            return f"image '{source}' is not an SVG file"
        return None

    def _line_in(self, node: ScalarNode, offset: int, fragment: str = "") -> Position:
        """Where line `offset` of a scalar's text (or `fragment`, from there on) is in the file."""
        if node.style not in ("|", ">"):
            # A text on one line: find the fragment after where the text starts.
            start = _position(node)
            line = self.lines[start.line - 1] if start.line <= len(self.lines) else ""
            if fragment and (found := line.find(fragment, start.column - 1)) >= 0:
                return Position(start.line, found + 1)
            return start
        first = node.start_mark.line + 1 + offset  # content starts below the indicator
        for index in range(first, min(node.end_mark.line + 1, len(self.lines))):
            if fragment and fragment in self.lines[index]:
                return Position(index + 1, self.lines[index].index(fragment) + 1)
        line = self.lines[first] if first < len(self.lines) else ""
        return Position(first + 1, len(line) - len(line.lstrip(" ")) + 1)

    def date(self, node: Node, what: str) -> dt.date | None:
        text = self.scalar(node, what)
        if text is None:
            return None
        if not ISO_DATE.match(text):
            self.report(node, f"{what} must be an ISO date (YYYY-MM-DD), not '{text}'")
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.report(node, f"{what} is {text}, which is not a date in the calendar")
            return None

    def audience_list(self, node: Node, what: str, published: tuple[str, ...]) -> frozenset[str] | None:
        if not isinstance(node, SequenceNode):
            self.report(node, f"{what} must be a list of audiences, e.g. [adult]")
            return None
        if not node.value:
            self.report(node, f"{what} lists no audiences; leave 'audiences' out to publish "
                              "it for every audience of the leaflet")
            return None
        chosen = []
        for item in node.value:
            audience = self.scalar(item, f"an audience in {what}")
            if audience is None:
                continue
            if audience not in self.known_audiences:
                self.report(item, f"unknown audience '{audience}'{_known(self.known_audiences)}")
            elif audience not in published:
                self.report(item, f"{what} is for audience '{audience}', which this leaflet "
                                  "does not publish (add it under 'audiences')")
            elif audience in chosen:
                self.report(item, f"audience '{audience}' is listed twice in {what}")
            else:
                chosen.append(audience)
        return frozenset(chosen) if chosen else None

    def variant(self, node: Node, owner: str, field: str, readers: frozenset[str] | tuple[str, ...],
                read, optional: bool = False) -> Variant | None:
        """A variant value: one shared value, or one per audience.

        `read(node, what)` reads one value; `readers` are the audiences that must
        find a value. In an optional field, `audience: null` means "none for them".
        """
        what = f"the {field} of {owner}" if owner else f"'{field}'"
        if isinstance(node, MappingNode):
            entries = []
            seen: set[str] = set()
            valid = True
            for key, value in node.value:
                audience = self.scalar(key, f"an audience in {what}")
                if audience is None:
                    valid = False
                    continue
                if audience not in self.known_audiences:
                    self.report(key, f"unknown audience '{audience}' in {what}"
                                     f"{_known(self.known_audiences)}")
                    valid = False
                    continue
                if audience in seen:
                    self.report(key, f"duplicate audience '{audience}' in {what}")
                    valid = False
                    continue
                seen.add(audience)
                if optional and isinstance(value, ScalarNode) and value.tag == _NULL_TAG:
                    entries.append((audience, None, _position(value)))
                    continue
                result = read(value, f"{what} for audience '{audience}'")
                if result is None:
                    valid = False
                    continue
                entries.append((audience, result, _position(value)))
            missing = [a for a in readers if a not in seen]
            for audience in missing:
                self.report(node, f"{owner or 'the leaflet'} has no {field} for audience '{audience}'")
            if not valid or missing:
                return None
            return Variant(tuple(entries))
        value = read(node, what)
        if value is None:
            return None
        return Variant(((SHARED, value, _position(node)),))

    # -- the leaflet ---------------------------------------------------------------

    def glossary(self, root: Node) -> Glossary | None:
        if not isinstance(root, MappingNode):
            self.report(root, "the glossary maps each difficult term to its explanation, "
                              "e.g. 'EMG: Een onderzoek van zenuwen en spieren.'")
            return None
        entries, seen = [], {}
        for key, value in root.value:
            term = self.plain_text(key, "a glossary term")
            if term is None:
                continue
            if term.casefold() in seen:
                self.report(key, f"glossary term '{term}' is given twice (first at line "
                                 f"{seen[term.casefold()]})")
                continue
            seen[term.casefold()] = key.start_mark.line + 1
            definition = self.variant(value, f"glossary term '{term}'", "explanation", (),
                                      self.plain_text, optional=True)
            if definition is not None:
                entries.append(GlossaryEntry(term, definition, _position(key)))
        return Glossary(self.name, tuple(entries))

    def _leaflet(self, root: Node, leaflet_id: str) -> Leaflet | None:
        if not isinstance(root, MappingNode):
            self.report(root, "a leaflet file is a mapping of fields: language, audiences, "
                              "updated, sections, ...")
            return None
        fields = self.mapping(root, "the leaflet", (
            "language", "audiences", "author", "updated", "review",
            "sections", "links", "references", "clinic", "page_budget"))
        for required in ("language", "audiences", "updated", "sections"):
            if required not in fields:
                self.report(root, f"the leaflet has no '{required}'")

        language = self._language(fields["language"][1]) if "language" in fields else None
        titles = self._audiences(fields["audiences"][1]) if "audiences" in fields else ()
        published = tuple(t.audience for t in titles)

        updated = review = author = None
        if "updated" in fields:
            updated = self.variant(fields["updated"][1], "", "updated", published, self.date)
        if "review" in fields:
            review = self.date(fields["review"][1], "'review'")
        if "author" in fields:
            author = self.variant(fields["author"][1], "", "author", published,
                                  self.plain_text, optional=True)
        clinic = page_budget = None
        if "clinic" in fields:
            clinic = self.variant(fields["clinic"][1], "", "clinic", published,
                                  self.plain_text, optional=True)
        if "page_budget" in fields:
            page_budget = self._page_budget(fields["page_budget"][1])
        sections = self._sections(fields["sections"][1], published) if "sections" in fields else ()
        links = self._links(fields["links"][1], published) if "links" in fields else ()
        references = (self._references(fields["references"][1], published)
                      if "references" in fields else ())

        if self.problems:
            return None
        return Leaflet(
            id=leaflet_id, source=self.name, language=language, audiences=titles,
            author=author, updated=updated, review=review, sections=sections,
            links=links, references=references, clinic=clinic, page_budget=page_budget,
            images=str(self.images), language_position=_position(fields["language"][1]),
        )

    def _language(self, node: Node) -> str | None:
        tag = self.scalar(node, "'language'")
        if tag is None:
            return None
        if not LANGUAGE_TAG.match(tag):
            self.report(node, f"'language' must be a language tag such as 'nl' or 'nl-BE', not '{tag}'")
            return None
        if not profiles.has_labels(tag):
            self.warn(node, f"no printed labels for language '{tag}' yet; "
                            f"using the {profiles.FALLBACK_LANGUAGE} ones")
        return tag

    def _page_budget(self, node: Node) -> Variant | None:
        """`{a4: 2}` for every audience, or `{adult: {a4: 2}}` per audience."""
        if not isinstance(node, MappingNode):
            self.report(node, "'page_budget' must map formats to page counts, e.g. {a4: 2}")
            return None
        keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
        if any(key in self.known_audiences for key in keys):
            return self.variant(node, "", "page_budget", (), self._budget_by_format)
        budget = self._budget_by_format(node, "'page_budget'")
        return Variant(((SHARED, budget, _position(node)),)) if budget is not None else None

    def _budget_by_format(self, node: Node, what: str):
        formats = profiles.formats()
        fields = self.mapping(node, what, tuple(formats))
        budget = []
        for name, (_, value) in fields.items():
            pages = self.scalar(value, f"the page budget for {name}")
            if pages is None:
                continue
            if not pages.isdigit() or int(pages) < 1:
                self.report(value, f"the page budget for {name} must be a whole number of "
                                   f"pages, not '{pages}'")
                continue
            budget.append((name, int(pages)))
        return tuple(budget) if len(budget) == len(fields) and fields else None

    def _audiences(self, node: Node) -> tuple[AudienceTitle, ...]:
        if not isinstance(node, MappingNode) or not node.value:
            self.report(node, "'audiences' must map each audience to its title, e.g. "
                              "'adult: {title: ...}'" + _known(self.known_audiences))
            return ()
        titles = []
        seen: set[str] = set()
        for key, value in node.value:
            audience = self.scalar(key, "an audience")
            if audience is None:
                continue
            if audience not in self.known_audiences:
                self.report(key, f"unknown audience '{audience}'{_known(self.known_audiences)}")
                continue
            if audience in seen:
                self.report(key, f"duplicate key '{audience}' in 'audiences'")
                continue
            seen.add(audience)
            what = f"audience '{audience}'"
            if isinstance(value, ScalarNode) and value.tag == _NULL_TAG:
                self.report(value, f"{what} has no title")
                continue
            fields = self.mapping(value, what, ("title", "subtitle"))
            if not fields:
                if isinstance(value, MappingNode):
                    self.report(value, f"{what} has no title")
                continue
            if "title" not in fields:
                self.report(value, f"{what} has no title")
                continue
            title = self.plain_text(fields["title"][1], f"the title of {what}")
            subtitle = (self.plain_text(fields["subtitle"][1], f"the subtitle of {what}")
                        if "subtitle" in fields else None)
            if title is not None:
                titles.append(AudienceTitle(audience, title, subtitle))
        return tuple(titles)

    def _items(self, node: Node, field: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.report(node, f"'{field}' must be a list (each item starting with '- ')")
            return []
        return node.value

    def _list_item(self, item: Node, owner: str, required: tuple[str, ...],
                   published: tuple[str, ...]) -> tuple[dict, frozenset[str]] | None:
        """The fields of one item of `sections` or `links`, and the audiences that read it.

        None when the item cannot be read further (its problems are reported).
        """
        fields = self.mapping(item, owner, (*required, "audiences"))
        if not isinstance(item, MappingNode):
            return None
        readers = self._readers(fields, owner, published)
        missing = [name for name in required if name not in fields]
        for name in missing:
            self.report(item, f"{owner} has no {name}")
        if readers is None or missing:
            return None
        return {name: value for name, (_, value) in fields.items()}, readers

    def _readers(self, fields: dict, owner: str, published: tuple[str, ...]) -> frozenset[str] | None:
        if "audiences" not in fields:
            return frozenset(published)
        return self.audience_list(fields["audiences"][1], owner, published)

    def _sections(self, node: Node, published: tuple[str, ...]) -> tuple[Section, ...]:
        items = self._items(node, "sections")
        if isinstance(node, SequenceNode) and not items:
            self.report(node, "'sections' is empty; a leaflet needs at least one section")
        sections = []
        for number, item in enumerate(items, start=1):
            owner = f"section {number}"
            if (read := self._list_item(item, owner, ("heading", "body"), published)) is None:
                continue
            fields, readers = read
            heading = self.variant(fields["heading"], owner, "heading", readers, self.plain_text)
            body = self.variant(fields["body"], owner, "body", readers, self.markdown_text)
            if heading and body:
                sections.append(Section(heading, body, readers))
        for audience in published:
            if items and not self.problems and not any(audience in s.audiences for s in sections):
                self.report(node, f"no section is published for audience '{audience}'")
        return tuple(sections)

    def _links(self, node: Node, published: tuple[str, ...]) -> tuple[Link, ...]:
        links = []
        for number, item in enumerate(self._items(node, "links"), start=1):
            owner = f"link {number}"
            if (read := self._list_item(item, owner, ("title", "url"), published)) is None:
                continue
            fields, readers = read
            title = self.variant(fields["title"], owner, "title", readers, self.plain_text)
            url = self.scalar(fields["url"], f"the url of {owner}")
            if url is not None and not markdown.is_allowed_url(url):
                self.report(fields["url"], f"the url of {owner} must start with http://, "
                                           f"https:// or mailto:, not '{url}'")
                url = None
            if title and url:
                links.append(Link(title, url, readers))
        return tuple(links)

    def _references(self, node: Node, published: tuple[str, ...]) -> tuple[Reference, ...]:
        references = []
        for number, item in enumerate(self._items(node, "references"), start=1):
            owner = f"reference {number}"
            readers: frozenset[str] | None = frozenset(published)
            text_node = item
            # Extension: `- {text: ..., audiences: [...]}` limits a reference to some
            # audiences; any other form is a variant text, as the format says.
            if isinstance(item, MappingNode) and any(
                    isinstance(k, ScalarNode) and k.value == "text" for k, _ in item.value):
                fields = self.mapping(item, owner, ("text", "audiences"))
                readers = self._readers(fields, owner, published)
                text_node = fields["text"][1] if "text" in fields else None
            if readers is None or text_node is None:
                continue
            text = self.variant(text_node, owner, "text", readers, self.plain_text)
            if text:
                references.append(Reference(text, readers))
        return tuple(references)


def normalise(text: str) -> str:
    """Text as the editor meant it: composed accents, no invisible characters."""
    return unicodedata.normalize("NFC", text).translate(_PASTED)


def _position(where: Node | Position) -> Position:
    if isinstance(where, Position):
        return where
    return Position(where.start_mark.line + 1, where.start_mark.column + 1)


def _suggest(name: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (expected one of: {', '.join(allowed)})"


def _known(known) -> str:
    return f" (known audiences: {', '.join(known)})"
