"""Reusable field validators, in the manner of MkDocs' config_options.

Each reads one YAML node into a value of the content model, or reports at the
node's place why it cannot and returns None. The leaflet schema and the
built-in data are declared with these (see `schema.py` and `builtin.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .. import markdown
from ..codes import CODES
from ..language import FALLBACK_LANGUAGE, primary_subtag
from . import images
from .nodes import (
    Context,
    Schema,
    Text,
    Validator,
    mapping,
    normalise,
    read_fields,
    variant,
)
from .text import Position, SourceText
from .yamlfile import position

T = TypeVar("T")

# BCP 47 as editors write it: a 2-3 letter language, then optional subtags (nl, nl-BE).
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--")


class PlainText(Text):
    """A text printed as it is: no markup at all."""

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = super().read(node, what, context)
        if text is not None and (match := HTML_TAG.search(text)):
            context.error(node, "E-html-in-text",
                          f"HTML is not allowed in {what}: '{match.group(0)}'")
            return None
        return text


class MarkdownText(Text):
    """A text in the Markdown subset, whose images are files of the images folder."""

    kind = "Markdown"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = super().read(node, what, context)
        if text is None or not isinstance(node, ScalarNode):
            return None
        source = normalise(node.value)
        found = markdown.check(source)
        problems = [(f.line, f.fragment, f.code, f.message) for f in found
                    if not CODES[f.code].warning]
        if not problems and (folder := context.images) is not None:
            problems = [(line, image, *issue) for line, image in markdown.images(source)
                        if (issue := images.problem(folder, image))]
        for line, fragment, code, message in problems:
            context.error(place_in(node, line, fragment, context.source), code,
                          f"{what}: {message}")
        for slip in (f for f in found if CODES[f.code].warning):
            context.warn(place_in(node, slip.line, slip.fragment, context.source), slip.code,
                         f"{what}: {slip.message}")
        _folded_list(node, what, context)
        return None if problems else text


#: A line that starts a list item in Markdown: '- ', '* ', '+ ', '1. ', '1) '.
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")


def _folded_list(node: ScalarNode, what: str, context: Context) -> None:
    """A list written in a text that is not a block: YAML joins its lines into one."""
    if node.style in ("|", ">"):
        return
    for number in range(node.start_mark.line + 2, node.end_mark.line + 2):
        line = context.source.line(number)
        if LIST_ITEM.match(line):
            context.warn(Position(number, len(line) - len(line.lstrip()) + 1), "W-list-folded",
                         f"{what}: this list item is joined to the line above it, because the "
                         "text is not a block, so the list prints as one line; write the text "
                         "as a block, 'body: |' with the text on the lines below it")
            return


def place_in(node: ScalarNode, offset: int, fragment: str, source: SourceText) -> Position:
    """Where line `offset` of a scalar's text (or `fragment`, from there on) is in the file."""
    start = position(node)
    if node.style not in ("|", ">"):  # a text on one line: the fragment after its start
        return (fragment and source.find(fragment, start, last_line=start.line)) or start
    first = node.start_mark.line + 2 + offset  # the content starts below the indicator
    found = fragment and source.find(fragment, Position(first, 1), node.end_mark.line + 1)
    if found:
        return found
    line = source.line(first)
    return Position(first, len(line) - len(line.lstrip(" ")) + 1)


class Date(Validator[dt.date]):
    """A date; a `past` one (the date of a text) may not lie after today."""

    kind = "date (YYYY-MM-DD)"

    def __init__(self, past: bool = False) -> None:
        self.past = past

    def read(self, node: Node, what: str, context: Context) -> dt.date | None:
        text = Text().read(node, what, context)
        if text is None:
            return None
        if not ISO_DATE.match(text):
            context.error(node, "E-date-format",
                          f"{what} must be an ISO date (YYYY-MM-DD), not '{text}'")
            return None
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            context.error(node, "E-date-invalid",
                          f"{what} is {text}, which is not a date in the calendar")
            return None
        if self.past and date > (context.today or dt.date.today()):
            context.error(node, "E-date-future", f"{what} is {text}, after today; a text is "
                          "dated the day it was written or last checked")
            return None
        return date


class Url(Validator[str]):
    kind = "web or mail address"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        url = Text().read(node, what, context)
        if url is not None and not markdown.is_allowed_url(url):
            context.error(node, "E-link-scheme", f"{what} must start with http://, https:// or "
                                                 f"mailto:, not '{url}'")
            return None
        return url


class LanguageTag(Validator[str]):
    kind = "language tag"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        tag = Text().read(node, what, context)
        if tag is None:
            return None
        if not LANGUAGE_TAG.match(tag):
            context.error(node, "E-language-tag",
                          f"{what} must be a language tag such as 'nl' or 'nl-BE', not '{tag}'")
            return None
        if primary_subtag(tag) not in context.languages:
            context.warn(node, "W-language-labels", f"no printed labels for language '{tag}' "
                                                    f"yet; using the {FALLBACK_LANGUAGE} ones")
        return tag


class AudienceList(Validator[frozenset[str]]):
    """Some of the audiences the file publishes, e.g. [adult]."""

    kind = "list of audiences"

    def read(self, node: Node, what: str, context: Context) -> frozenset[str] | None:
        if not isinstance(node, SequenceNode):
            context.error(node, "E-not-a-list", f"{what} must be a list of audiences, e.g. [adult]")
            return None
        if not node.value:
            context.error(node, "E-empty-list", f"{what} lists no audiences; leave 'audiences' "
                          "out to publish it for every audience of the leaflet")
            return None
        chosen: list[str] = []
        for item in node.value:
            audience = Text().read(item, f"an audience in {what}", context)
            if audience is None:
                continue
            if audience not in context.audiences:
                context.error(item, "E-unknown-audience",
                              f"unknown audience '{audience}'{context.known()}")
            elif audience not in context.published:
                context.error(item, "E-audience-not-published",
                              f"{what} is for audience '{audience}', which this leaflet does "
                              "not publish (add it under 'audiences')")
            elif audience in chosen:
                context.error(item, "E-duplicate-key",
                              f"audience '{audience}' is listed twice in {what}")
            else:
                chosen.append(audience)
        return frozenset(chosen) if chosen else None


class ListOf(Validator[tuple[T, ...]]):
    """A list of mappings of one schema ("section 1", "section 2", ...), each made a `T`.

    With a `shorthand`, an item that is not a mapping with that field is the
    value of that field (a reference is a text, or `{text: ..., audiences: ...}`).
    """

    kind = "list"

    def __init__(self, item: Schema, item_name: str, build: Callable[..., T],
                 shorthand: str | None = None, empty: str | None = None) -> None:
        self.item, self.item_name, self.build = item, item_name, build
        self.shorthand, self.empty = shorthand, empty

    def read(self, node: Node, what: str, context: Context) -> tuple[T, ...] | None:
        if not isinstance(node, SequenceNode):
            context.error(node, "E-not-a-list", f"{what} must be a list (each item starting "
                                                "with '- ')")
            return None
        if self.empty and not node.value:
            context.error(node, "E-empty-list", self.empty)
        items = []
        for number, item in enumerate(node.value, start=1):
            values = self.read_item(item, f"{self.item_name} {number}", context)
            if values is not None:
                items.append(self.build(**values))
        return tuple(items)

    def read_item(self, item: Node, owner: str, context: Context) -> dict[str, Any] | None:
        if self.shorthand is None or (isinstance(item, MappingNode) and any(
                isinstance(key, ScalarNode) and key.value == self.shorthand
                for key, _ in item.value)):
            return read_fields(self.item, item, owner, context, context.published)
        field = next(f for f in self.item.fields if f.name == self.shorthand)
        value = variant(item, owner, field.name, context.published, field.validator, context)
        if value is None:
            return None
        return {f.name: frozenset(context.published) if f.readers else f.default
                for f in self.item.fields} | {field.name: value}


class PagesPerFormat(Validator[tuple[tuple[str, int], ...]]):
    """Most pages per format id, e.g. {a4: 2}."""

    kind = "formats and page counts"

    def read(self, node: Node, what: str, context: Context) -> tuple[tuple[str, int], ...] | None:
        fields = mapping(node, what, context.formats, context)
        budget = []
        for name, value in fields.items():
            pages = Text().read(value, f"the page budget for {name}", context)
            if pages is None:
                continue
            if not pages.isdigit() or int(pages) < 1:
                context.error(value, "E-not-a-number", f"the page budget for {name} must be a "
                                                       f"whole number of pages, not '{pages}'")
                continue
            budget.append((name, int(pages)))
        return tuple(budget) if len(budget) == len(fields) and fields else None


class Nested(Validator[T]):
    """A mapping of one schema inside another (an audience's readability targets)."""

    def __init__(self, schema: Schema, build: Callable[..., T]) -> None:
        self.schema, self.build = schema, build

    def read(self, node: Node, what: str, context: Context) -> T | None:
        values = read_fields(self.schema, node, what, context)
        return None if values is None else self.build(**values)


class MappingOf(Validator[dict[str, T]]):
    """A mapping of ids to mappings of one schema (the formats of formats.yaml), each a `T`."""

    kind = "mapping"

    def __init__(self, item: Schema, item_name: str, build: Callable[..., T]) -> None:
        self.item, self.item_name, self.build = item, item_name, build

    def read(self, node: Node, what: str, context: Context) -> dict[str, T] | None:
        if not isinstance(node, MappingNode) or not node.value:
            context.error(node, "E-not-a-mapping", f"{what} must map each id to its fields")
            return None
        found: dict[str, T] = {}
        for key, value in node.value:
            name = Text().read(key, f"an id in {what}", context)
            if name is None:
                continue
            if name in found:
                context.error(key, "E-duplicate-key", f"duplicate key '{name}' in {what}")
                continue
            values = read_fields(self.item, value, f"{self.item_name} '{name}'", context)
            if values is not None:
                found[name] = self.build(id=name, **values)
        return found
