"""The built-in data: the audiences, the page formats and the fixed words of each language.

All three are data (`audiences.yaml`, `formats.yaml` and `languages.yaml` in
`leaflets/data/`), not code: adding an audience, a format or a language is an
entry there (see the README). They are read lazily, once per process, by the
same position-keeping reader as the leaflets and validated by schemas of their
own, so a mistake in them is a `file:line:column` problem, never a traceback.
The environment variable LEAFLETS_DATA names another folder with the three
files (tests use it to try a copy).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode

from ..language import FALLBACK_LANGUAGE, primary_subtag
from ..model import AudienceProfile, DocumentLabels, Format, Labels, ReadabilityTargets
from ..paths import DATA, LAYOUTS, STYLES
from ..problems import LeafletError, Problem
from . import yamlfile
from .catalogue import display
from .fields import MappingOf, Nested, PagesPerFormat
from .nodes import Context, Field, Schema, Text, Validator, by_audience
from .reportwords import CONTACT, CONTACT_NAMES, SITE, SITE_NAMES, ReportWords
from .reportwords import NAMES as REPORT_WORDS
from .values import Boolean, Choice, FileIn, Length, Number, Pattern, Settings, TextList

DATA_FOLDER_VARIABLE = "LEAFLETS_DATA"
T = TypeVar("T")

#: The PDF ViewerPreferences (ISO 32000-1, 12.2) a format may set, and their values.
PRINT_PREFERENCES = {
    "Duplex": ("Simplex", "DuplexFlipShortEdge", "DuplexFlipLongEdge"),
    "PrintScaling": ("None", "AppDefault"),
}
TYPE_SIZE = Length("pt", "12pt", "type size", positive=True)

FORMAT = Schema("a format", (
    Field("description", Text(), "what the format is for, as the report names it", required=True),
    Field("output", Pattern(("audience", "id"), ".pdf"), "where the PDF goes under the output "
          "folder", required=True),
    Field("page_size", Text(), "the CSS page size", required=True),
    Field("page_margin", Text(), "the CSS page margins", required=True),
    Field("type_scale", Number(minimum=0.1), "multiplies every type size", required=True),
    Field("min_body_size", TYPE_SIZE, "the smallest reading text (paragraphs, lists); the "
          "stylesheets never set it smaller", required=True),
    Field("min_text_size", TYPE_SIZE, "the smallest text of any kind (footers, page numbers, "
          "references)", required=True),
    Field("stylesheets", TextList(FileIn(STYLES)), "layers in styles/ after the audience's",
          default=()),
    Field("cover", Boolean(), "a cover page and a back page (folded booklets)", default=False),
    Field("pad_to", Number(whole=True), "blank pages make the page count a multiple of this",
          default=0),
    Field("impose", Choice("saddle-stitch"), "put the pages two-up on sheets to fold"),
    Field("bleed_box", Length("mm", "3mm"), "the bleed a print shop trims off"),
    Field("viewer_preferences", Settings(PRINT_PREFERENCES), "how the PDF asks a viewer's "
          "print dialog to start (duplex, scaling)", default=()),
    Field("accessible", Boolean(), "a tagged PDF/A-2a and PDF/UA-1 file", default=False),
    Field("long_text", Number(whole=True, minimum=1), "the length of text (characters, and "
          "what sections, paragraphs and list items add) from which an edition is first typeset "
          "with its contents list (a guess: a wrong one costs a second pass, never a different "
          "PDF)", default=9000),
    Field("pages_of", Text(), "the format whose typeset pages this one is made from, cropped "
          "to their trim box (one typesetting for both)"),
))
#: What two formats must have in common for one to be made from the other's pages.
SAME_PAGES = ("page_size", "page_margin", "type_scale", "cover", "pad_to", "accessible")
READABILITY = Schema("readability targets", (
    Field("max_average_sentence_words", Number(minimum=1), "", required=True),
    Field("max_sentence_words", Number(whole=True, minimum=1), "", required=True),
    Field("max_long_word_share", Number(), "", required=True),
    Field("min_flesch", Number(minimum=-1000), "", required=True),
))
AUDIENCE = Schema("an audience", (
    Field("layout", FileIn(LAYOUTS), "the template in layouts/", required=True),
    Field("stylesheet", FileIn(STYLES), "the layer in styles/ over base.css", required=True),
    Field("readability", Nested(READABILITY, ReadabilityTargets), "the targets its text meets"),
    Field("page_budget", PagesPerFormat(), "most pages per format", default=()),
))


class AudienceLabels(Validator[tuple[tuple[str, str], ...]]):
    """How a language names each audience ("Informatie voor patiënten"): every one of them."""

    def read(self, node: Node, what: str, context: Context) -> tuple[tuple[str, str], ...] | None:
        if not isinstance(node, MappingNode):
            context.error(node, "E-not-a-mapping", f"{what} must map each audience to its label")
            return None
        found: dict[str, str] = {}
        for audience, _, value in by_audience(node, what, context):
            if audience is not None and (label := Text().read(
                    value, f"{what} for audience '{audience}'", context)) is not None:
                found[audience] = label
        for audience in context.audiences:
            if audience not in found:
                context.error(node, "E-missing-label", f"{what} has no label for audience "
                                                       f"'{audience}' (add one to every language)")
        return tuple(found.items())


@dataclass(frozen=True)
class Words:
    """The fixed words of one language (see `Labels`), with a label per audience."""

    id: str
    glossary: str
    audience: tuple[tuple[str, str], ...]
    page: str
    page_of: str
    author: str
    updated: str
    links: str
    references: str
    contents: str
    months: tuple[str, ...]
    date_format: str
    report: tuple[tuple[str, str], ...] = ()  # the editors' report's words (reportwords.py)
    contact: tuple[tuple[str, str], ...] = ()  # the contact block's words (reportwords.py)
    document: DocumentLabels | None = None  # the document-control line (None: English's)
    site: tuple[tuple[str, str], ...] = ()  # the leaflet site's words (reportwords.py)

    def labels(self, audience: str, fallback: Words | None = None) -> Labels:
        """The labels of one audience's editions; the words `fallback` has where this lacks."""
        fields = {name: value for name, value in vars(self).items()
                  if name not in ("id", "audience", "report", "contact", "document", "site")}
        contact = {**dict(fallback.contact if fallback else ()), **dict(self.contact)}
        return Labels(audience=dict(self.audience)[audience], contact=tuple(contact.items()),
                      control=self.document or (fallback.document if fallback else None),
                      **fields)


#: The words of the document-control line printed in every edition (code, edition, dates).
DOCUMENT_WORDS = Schema("the document-control words", (
    Field("code", Text(), "the label of the leaflet's code", required=True),
    Field("edition", Text(), "the label of the edition number", required=True),
    Field("edition_date", Text(), "the label of the date of the edition", required=True),
    Field("review_by", Text(), "the label of the date by which the text is reviewed",
          required=True),
    Field("draft", Text(), "printed instead of the edition when the text is not released",
          required=True),
))


LANGUAGE = Schema("a language", (
    Field("glossary", Text(), "the heading of the difficult-words box", required=True),
    Field("audience", AudienceLabels(), "how the title block names each audience", required=True),
    *(Field(name, Text(), f"the label '{name}'", required=True)
      for name in ("page", "page_of", "author", "updated", "links", "references", "contents")),
    Field("months", TextList(length=12), "the months, January first", required=True),
    Field("date_format", Pattern(("day", "month", "year")), "how a date is printed",
          required=True),
    Field("report", ReportWords(), "the words of the editors' report (English where one is "
          "missing)", default=()),
    Field("contact", ReportWords(CONTACT), "the words of the contact block and the notes "
          "pages (English where one is missing)", default=()),
    Field("document", Nested(DOCUMENT_WORDS, DocumentLabels), "the words of the "
          "document-control line (English when left out)"),
    Field("site", ReportWords(SITE), "the words of the leaflet site and the QR code's caption "
          "(English where one is missing)", default=()),
))


@dataclass(frozen=True)
class Builtin:
    """The validated built-in data, by id, in the order the files list them."""

    folder: Path
    profiles: dict[str, AudienceProfile]
    formats: dict[str, Format]
    languages: dict[str, Words]

    def has_labels(self, language: str) -> bool:
        return primary_subtag(language) in self.languages

    def labels(self, language: str, audience: str) -> Labels:
        """The fixed words for `language` (English when the language has none)."""
        english = self.languages[FALLBACK_LANGUAGE]
        words = self.languages.get(primary_subtag(language)) or english
        return replace(words.labels(audience, english),
                       qr_caption=self.site_words(language)["qr_caption"])

    def report_words(self, language: str) -> dict[str, str]:
        """The editors' report's words in `language`, each one it lacks in English."""
        own = self.languages.get(primary_subtag(language))
        return {**dict(self.languages[FALLBACK_LANGUAGE].report), **dict(own.report if own else ())}

    def site_words(self, language: str) -> dict[str, str]:
        """The leaflet site's words in `language`, each one it lacks in English."""
        own = self.languages.get(primary_subtag(language))
        return {**dict(self.languages[FALLBACK_LANGUAGE].site), **dict(own.site if own else ())}


@cache
def data() -> Builtin:
    """The built-in data (read once per process); raise `LeafletError` with its problems."""
    return read(Path(os.environ.get(DATA_FOLDER_VARIABLE) or DATA))


def read(folder: Path) -> Builtin:
    problems: list[Problem] = []
    formats, format_ids = _read(folder / "formats.yaml", MappingOf(FORMAT, "format", Format),
                                problems, check=_shared_pages)
    profiles, audience_ids = _read(
        folder / "audiences.yaml", MappingOf(AUDIENCE, "audience", AudienceProfile), problems,
        formats=format_ids)
    languages, _ = _read(folder / "languages.yaml", MappingOf(LANGUAGE, "language", Words),
                         problems, audiences=audience_ids, check=_fallback_language)
    if problems:
        raise LeafletError(problems)
    return Builtin(folder, profiles, formats, languages)


def _read(path: Path, validator: MappingOf[T], problems: list[Problem],
          formats: Iterable[str] = (), audiences: Iterable[str] = (),
          check: Callable[[Node, dict[str, T], Context], None] | None = None,
          ) -> tuple[dict[str, T], tuple[str, ...]]:
    """The entries of one data file, and the ids it lists (also those of broken entries)."""
    try:
        source = yamlfile.read(path, display(path), max_bytes=None)
        root = yamlfile.compose(source, "the file is empty; it lists the built-in data by id")
    except LeafletError as error:
        problems.extend(error.problems)
        return {}, ()
    context = Context(source, audiences, formats=formats)
    found = validator.read(root, f"'{path.name}'", context) or {}
    if check is not None and not context.problems:
        check(root, found, context)
    problems.extend(context.problems)
    ids = tuple(key.value for key, _ in root.value if isinstance(key, ScalarNode)) if isinstance(
        root, MappingNode) else ()
    return found, ids


def _fallback_language(root: Node, languages: dict[str, Words], context: Context) -> None:
    if FALLBACK_LANGUAGE not in languages:
        context.error(root, "E-missing-label",
                      f"there are no words for '{FALLBACK_LANGUAGE}', which a leaflet in a "
                      "language without its own words is printed with")
        return
    english = languages[FALLBACK_LANGUAGE]
    missing = [name for name in REPORT_WORDS if name not in dict(english.report)]
    missing += [f"contact: {name}" for name in CONTACT_NAMES if name not in dict(english.contact)]
    missing += [f"site: {name}" for name in SITE_NAMES if name not in dict(english.site)]
    if english.document is None:
        context.error(root, "E-missing-label",
                      f"the language '{FALLBACK_LANGUAGE}' has no 'document' words, which stand in "
                      "for every language that gives none")
    if missing and isinstance(root, MappingNode):
        english_key = next(key for key, _ in root.value
                       if isinstance(key, ScalarNode) and key.value == FALLBACK_LANGUAGE)
        context.error(english_key, "E-missing-label",
                      f"the report's words for '{FALLBACK_LANGUAGE}', which stand in for every "
                      f"language's missing ones, lack {', '.join(missing)}")



def _shared_pages(root: Node, formats: dict[str, Format], context: Context) -> None:
    """Each `pages_of` names a format typeset on its own, with the same pages."""
    if not isinstance(root, MappingNode):
        return
    for key, _ in root.value:
        made = formats.get(key.value) if isinstance(key, ScalarNode) else None
        if made is None or made.pages_of is None:
            continue
        source = formats.get(made.pages_of)
        what = f"format '{made.id}' takes the pages of '{made.pages_of}'"
        if source is None:
            context.error(key, "E-pages-of", f"{what}, which is not a format; choose from "
                                             f"{', '.join(formats)}")
        elif source.pages_of is not None:
            context.error(key, "E-pages-of", f"{what}, which takes its own from "
                                             f"'{source.pages_of}'; name that one")
        elif differ := [name for name in SAME_PAGES
                        if getattr(made, name) != getattr(source, name)]:
            context.error(key, "E-pages-of", f"{what}, but their {', '.join(differ)} differ, "
                                             "so their pages would not be the same")
