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
#: The output folder of co-published leaflets: by/<publisher>/<the usual paths>.
PUBLISHERS_FOLDER = "by"


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
    urgent: bool = False  # an instruction to act at once ("bel direct als ..."), boxed
    snippet: str | None = None  # the snippet of sources/snippets.yaml it is, if it is one


@dataclass(frozen=True)
class Logo:
    """An image of the sources' images folder, with what it shows for screen readers."""

    file: str  # images/<name>.svg or .png
    alt: str


@dataclass(frozen=True)
class BrandColours:
    """An organisation's own colours (sRGB hex), checked for contrast when read."""

    text: str | None = None  # the organisation's name and the contact block's heading
    background: str | None = None  # behind the contact block


@dataclass(frozen=True)
class Department:
    """A department patients reach: who it is, and every way to reach it."""

    id: str
    name: str
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    address: str | None = None
    hours: str | None = None
    urgent_phone: str | None = None
    urgent: str | None = None  # when to use the urgent number, in the leaflet's words
    source: str = ""  # the file it is written in
    position: Position | None = None  # where its id is written


@dataclass(frozen=True)
class Organisation:
    """A hospital or clinic that publishes leaflets (sources/organisation.yaml)."""

    id: str
    name: str
    logo: Logo | None = None
    website: str | None = None
    site_url: str | None = None  # the public base URL of the leaflet site
    phone: str | None = None  # the switchboard
    email: str | None = None
    address: str | None = None
    hours: str | None = None
    country_code: str | None = None  # "+31": makes tel: links of national numbers
    colours: BrandColours = BrandColours()
    departments: tuple[Department, ...] = ()
    source: str = ""
    text: SourceText | None = field(default=None, compare=False, repr=False)

    def department(self, department_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == department_id), None)


@dataclass(frozen=True)
class Snippet:
    """A text written once (sources/snippets.yaml) and included in leaflets' sections."""

    name: str
    heading: Variant[str] | None  # None: only for use inside a text ({{ snippet.name }})
    body: Variant[str]
    urgent: bool = False
    position: Position | None = None


@dataclass(frozen=True)
class Shared:
    """What leaflets share besides the glossary: the organisations and the snippets."""

    organisations: tuple[Organisation, ...] = ()
    snippets: tuple[Snippet, ...] = ()

    def department(self, department_id: str) -> tuple[Organisation, Department] | None:
        for organisation in self.organisations:
            if (department := organisation.department(department_id)) is not None:
                return organisation, department
        return None

    def snippet(self, name: str) -> Snippet | None:
        return next((s for s in self.snippets if s.name == name), None)


@dataclass(frozen=True)
class Publisher:
    """Who hands out one set of a leaflet's editions: an organisation and its department(s)."""

    organisation: Organisation
    departments: tuple[Department, ...]

    @property
    def id(self) -> str:
        """The folder its editions go in when a leaflet has several publishers."""
        first = self.departments[0].id if self.departments else ""
        return f"{self.organisation.id}-{first}" if first else self.organisation.id


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
class Release:
    """One released edition of a leaflet, as its `history` records it (document control)."""

    number: int  # 1, 2, 3, ...: consecutive, oldest first
    date: dt.date  # the date of this edition
    approved_by: str  # a name or role
    note: Variant[str]  # what changed, shared or per audience


@dataclass(frozen=True)
class Leaflet:
    """One topic, as validated from `sources/leaflets/<id>.yaml`."""

    id: str
    source: str  # the file, as named in problem messages
    text: SourceText = field(compare=False, repr=False)  # the file, as read
    language: str
    audiences: tuple[AudienceTitle, ...]
    author: Variant[str | None] | None
    updated: Variant[dt.date | None]  # None for an audience: its text carries no date
    review: dt.date | None
    sections: tuple[Section, ...]
    links: tuple[Link, ...]
    references: tuple[Reference, ...]
    clinic: Variant[str | None] | None = None  # extension: the cover's clinic line
    page_budget: Variant[PageBudget] | None = None  # extension: most pages per format
    images: str = ""  # the folder the text's images/<name> files come from
    language_position: Position | None = None  # where `language` is set, for messages
    #: Who publishes it: one set of editions each (none: no organisation data).
    publishers: tuple[Publisher, ...] = ()
    #: What of the shared sources its editions print ("department:x", "snippet:y"), so
    #: that a change there rebuilds exactly the leaflets that use it.
    uses: frozenset[str] = frozenset()
    snippets: tuple[Snippet, ...] = ()  # those its texts include, {{ snippet.<name> }}
    # Document control (extension): the leaflet's code, who approves its editions,
    # and the editions released so far, oldest first.
    code: str | None = None
    approver: str | None = None
    history: tuple[Release, ...] = ()

    @property
    def last_release(self) -> Release | None:
        return self.history[-1] if self.history else None

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
class DocumentLabels:
    """The words of the document-control line: code, edition, its date, the review date."""

    code: str  # "Code"
    edition: str  # "Uitgave"
    edition_date: str  # "Datum van deze uitgave"
    review_by: str  # "Herzien uiterlijk"
    draft: str  # "Concept, niet vrijgegeven"


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
    glossary: str = "Difficult words"
    #: The contact block's and notes pages' words (see `CONTACT_WORDS` in builtin.py).
    contact: tuple[tuple[str, str], ...] = ()

    def word(self, name: str) -> str:
        """One of the contact block's words, e.g. 'phone' -> 'Telefoon'."""
        return dict(self.contact)[name]
    control: DocumentLabels | None = None  # the words of the document-control line
    qr_caption: str = "The latest version of this leaflet is at"  # beside the QR code


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
    long_text: int = 9000

    def path(self, audience: str, leaflet_id: str, publisher: str | None = None) -> str:
        """Where the PDF goes; a co-published leaflet's under its publisher's folder."""
        path = self.output.format(audience=audience, id=leaflet_id)
        return f"{PUBLISHERS_FOLDER}/{publisher}/{path}" if publisher else path


@dataclass(frozen=True)
class EditionSection:
    heading: str
    body: str  # Markdown
    urgent: bool = False


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
    updated: dt.date | None  # None: the text carries no date, and none is printed
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
    #: Who the edition is from, and whom it tells its readers to reach.
    organisation: Organisation | None = None
    departments: tuple[Department, ...] = ()
    #: The publisher's folder when the leaflet has several publishers, else None.
    publisher: str | None = None
    #: Document control: the leaflet's code, and the number and date of the released
    #: edition this text is (None: not released, or changed since the last release).
    code: str | None = None
    edition: int | None = None
    edition_date: dt.date | None = None
    #: A text under document control (it has a code) that is not a released edition.
    draft: bool = False
    #: The edition's page on the leaflet site, which its print's QR code leads to
    #: (None: the organisation publishes no site address).
    page_url: str | None = None

    @property
    def audience(self) -> str:
        return self.profile.id
