"""The content model: a few immutable classes that everything after `load` trusts.

`Leaflet` is one source file, validated. `Edition` is that leaflet resolved for one
audience: plain strings, only the sections that audience reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .source.text import Position, SourceText

T = TypeVar("T")

#: Key of the text shared by every audience in a `Variant`.
SHARED = "*"


@dataclass(frozen=True)
class Variant(Generic[T]):
    """A value that is either shared by all audiences or given per audience.

    `texts` maps an audience id, or `SHARED`, to the value and where it was written.
    The loader has already checked that every audience that reads the value has one.
    """

    texts: tuple[tuple[str, T, Position], ...]

    def for_audience(self, audience: str) -> T:
        for key, value, _ in self.texts:
            if key == audience:
                return value
        for key, value, _ in self.texts:
            if key == SHARED:
                return value
        raise KeyError(audience)

    def position_for(self, audience: str) -> Position:
        for key, _, position in self.texts:
            if key in (audience, SHARED):
                return position
        raise KeyError(audience)


#: Most pages per format id, e.g. (("a4", 2),).
PageBudget = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class AudienceTitle:
    """The title block of one audience's edition, as the leaflet gives it."""

    audience: str
    title: str
    subtitle: str | None


@dataclass(frozen=True)
class Section:
    heading: Variant[str]
    body: Variant[str]  # Markdown, already checked against the subset
    audiences: frozenset[str]  # who reads this section (the leaflet's audiences by default)


@dataclass(frozen=True)
class Link:
    title: Variant[str]
    url: str
    audiences: frozenset[str]


@dataclass(frozen=True)
class Reference:
    text: Variant[str]
    audiences: frozenset[str]


@dataclass(frozen=True)
class Leaflet:
    """One topic, as validated from `sources/leaflets/<id>.yaml`."""

    id: str
    source: str  # the file, as named in problem messages
    text: SourceText = field(compare=False, repr=False)  # the file, as read
    language: str
    audiences: tuple[AudienceTitle, ...]
    author: Variant[str | None] | None
    updated: Variant[dt.date]
    review: dt.date | None
    sections: tuple[Section, ...]
    links: tuple[Link, ...]
    references: tuple[Reference, ...]
    clinic: Variant[str | None] | None = None  # extension: the cover's clinic line
    page_budget: Variant[PageBudget] | None = None  # extension: most pages per format
    images: str = ""  # the folder the text's images/<name> files come from
    language_position: Position | None = None  # where `language` is set, for messages

    @property
    def audience_ids(self) -> tuple[str, ...]:
        return tuple(a.audience for a in self.audiences)


@dataclass(frozen=True)
class GlossaryEntry:
    """A difficult term, explained once per audience (sources/glossary.yaml)."""

    term: str
    definition: Variant[str | None]
    position: Position


@dataclass(frozen=True)
class Glossary:
    source: str  # the file, as named in messages
    text: SourceText = field(compare=False, repr=False)  # the file, as read
    entries: tuple[GlossaryEntry, ...] = ()


@dataclass(frozen=True)
class Labels:
    """The fixed words printed around the editors' text, in the leaflet's language."""

    audience: str  # e.g. "Informatie voor kinderen en ouders"
    page: str  # "pagina"
    page_of: str  # "van"
    author: str
    updated: str
    links: str
    references: str
    contents: str
    months: tuple[str, ...]  # January first, for printed dates
    date_format: str  # "{day} {month} {year}"
    contact_words: tuple[str, ...] = ()  # headings that offer contact (lower case)
    contact_example: str = ""
    glossary: str = "Difficult words"


@dataclass(frozen=True)
class ReadabilityTargets:
    """What an audience's text should meet (see leaflets/readability.py)."""

    max_average_sentence_words: float
    max_sentence_words: int
    max_long_word_share: float  # 0..1
    min_flesch: float


@dataclass(frozen=True)
class AudienceProfile:
    """How one audience's editions look and read: layout, stylesheet, targets."""

    id: str
    layout: str
    stylesheet: str
    readability: ReadabilityTargets | None = None
    #: Most pages an edition may have, per format id (a leaflet may set its own).
    page_budget: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Format:
    """A page format every audience can be built in (see formats.yaml)."""

    id: str
    description: str
    output: str  # path under the output folder, with {audience} and {id}
    page_size: str
    page_margin: str
    type_scale: float
    min_body_size: str  # e.g. "12pt": the smallest reading text the format allows
    min_text_size: str  # e.g. "9pt": the smallest text of any kind
    stylesheets: tuple[str, ...] = ()
    cover: bool = False
    pad_to: int = 0
    impose: str | None = None
    bleed_box: str | None = None
    accessible: bool = False  # tagged PDF/A-2a + PDF/UA-1
    #: PDF ViewerPreferences for printing, e.g. (("Duplex", "DuplexFlipShortEdge"),)
    viewer_preferences: tuple[tuple[str, str], ...] = ()
    #: The format whose typeset pages this one is made from (cropped to their trim
    #: box), so that both come from one typesetting; None: typeset on its own.
    pages_of: str | None = None
    #: Characters of text from which an edition is first typeset with its contents
    #: list (about four pages in this format): a good guess saves a second pass.
    long_text: int = 6000

    def path(self, audience: str, leaflet_id: str) -> str:
        return self.output.format(audience=audience, id=leaflet_id)


@dataclass(frozen=True)
class EditionSection:
    heading: str
    body: str  # Markdown


@dataclass(frozen=True)
class EditionLink:
    title: str
    url: str


@dataclass(frozen=True)
class Edition:
    """A leaflet resolved for one audience: exactly what that audience reads."""

    leaflet_id: str
    source: str
    language: str
    direction: str  # "ltr" or "rtl", from the language
    profile: AudienceProfile
    labels: Labels
    title: str
    subtitle: str | None
    author: str | None
    updated: dt.date
    review: dt.date | None
    sections: tuple[EditionSection, ...]
    links: tuple[EditionLink, ...]
    references: tuple[str, ...]
    clinic: str | None = None
    images: str = ""  # the folder the text's images/<name> files come from
    glossary: tuple[tuple[str, str], ...] = ()  # (term, definition) of the terms it uses
    page_budget: PageBudget = ()
    #: Where the leaflet sets its page budget (None: the audience profile's).
    page_budget_position: Position | None = None

    @property
    def audience(self) -> str:
        return self.profile.id
