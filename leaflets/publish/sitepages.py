"""The leaflet site's pages as text: the HTML editions, the index, the sitemap, the feed.

Everything here is rendered from `SitePage` entries and, for an HTML edition,
from the resolved `Edition` itself: the same edition the PDFs are typeset
from, through the same templates of its questions, glossary and sources and
the same Markdown rendering. Links between pages are relative, so the folder
works under any path and from the disk; only the sitemap and the feed, which
other sites read, carry full addresses, from the configured site address.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from .. import __version__, addresses, markdown
from ..model import Edition
from ..paths import LAYOUTS
from ..render import html
from ..source import builtin


@dataclass(frozen=True)
class Download:
    """One PDF of an edition, as its page offers it."""

    file: str  # the file's name, beside the edition's page
    format_id: str
    pages: int
    size: int  # bytes
    printing: bool  # for printers (a booklet, a print shop's file), not for reading


@dataclass(frozen=True)
class SitePage:
    """What the index, the sitemap and the feed know of one leaflet for one audience."""

    leaflet_id: str
    audience: str
    language: str
    title: str
    subtitle: str | None
    audience_label: str
    #: ISO date of the current edition: its release, else its text's date (None: neither).
    updated: str | None
    review: str | None
    edition: str  # the current edition's name in addresses (its number or date)
    code: str | None
    departments: tuple[str, ...]
    downloads: tuple[Download, ...]
    past: tuple[tuple[str, str | None], ...] = ()  # (name, ISO date) of the editions before

    @property
    def folder(self) -> str:
        return addresses.current_folder(self.leaflet_id, self.audience)

    @classmethod
    def of(cls, data: dict[str, Any]) -> SitePage:
        return cls(**{**data, "departments": tuple(data["departments"]),
                      "downloads": tuple(Download(**d) for d in data["downloads"]),
                      "past": tuple(tuple(p) for p in data["past"])})


@cache
def _environment() -> jinja2.Environment:
    """The leaflets' own environment, with images found from wherever a page is."""
    environment = html.environment(LAYOUTS).overlay()
    environment.filters = dict(environment.filters)  # an overlay shares them otherwise

    @jinja2.pass_context
    def site_markdown(context: Any, text: str) -> Markup:
        rendered = markdown.render(text).replace('<img src="images/',
                                                 f'<img src="{context["root"]}images/')
        return Markup(rendered)

    environment.filters.update(
        markdown=site_markdown,
        kilobytes=lambda size: f"{max(1, round(size / 1024))} KB",
        iso_date=dt.date.fromisoformat,
    )
    return environment


def prepare() -> None:
    """Compile the site's templates now (the build calls this while its workers typeset)."""
    environment = _environment()
    for name in environment.list_templates(
            filter_func=lambda name: name.startswith("site") or name.endswith(".xml")):
        environment.get_template(name)


class Pages:
    """Renders the site's pages in the words of one language (the index's) or the edition's."""

    def __init__(self, site_url: str | None, index_language: str) -> None:
        self.site_url = site_url
        self.index_language = index_language

    def _render(self, template: str, language: str, **values: Any) -> str:
        data = builtin.data()
        words = data.site_words(language)

        def say(name: str, **placeholders: Any) -> str:
            return words[name].format(**placeholders)

        def format_name(format_id: str) -> str:
            return words.get(f"format_{format_id}") or data.formats[format_id].description

        return _environment().get_template(template).render(
            say=say, format_name=format_name, site_url=self.site_url,
            generator=f"leaflets {__version__}", **values)

    def edition(self, edition: Edition, page: SitePage, depth: int) -> str:
        """The HTML edition, at `depth` folders below the site's root."""
        root = "../" * depth
        here = "../" * (depth - 2)  # from the page to its leaflet and audience's folder
        return self._render(
            "site-edition.html", edition.language, edition=edition, labels=edition.labels,
            page=page, root=root, here=here, canonical=self._url(page.folder),
            json_ld=json_ld(edition, page, self._url(page.folder), root, here))

    def superseded(self, page: SitePage, name: str, date: str | None) -> str:
        """The page of an older edition: it says so and leads to the current one."""
        return self._render("site-superseded.html", page.language, page=page, name=name,
                            date=dt.date.fromisoformat(date) if date else None,
                            root="../../../", here="../",
                            labels=builtin.data().labels(page.language, page.audience),
                            canonical=self._url(page.folder))

    def index(self, pages: list[SitePage]) -> str:
        return self._render("site-index.html", self.index_language, pages=pages, root="",
                            labels_language=self.index_language,
                            labels=builtin.data().labels(self.index_language, "adult"),
                            departments=sorted({d for p in pages for d in p.departments}),
                            audiences=_audiences(pages), canonical=self._url(""))

    def sitemap(self, pages: list[SitePage]) -> str | None:
        """`sitemap.xml`: every current edition's page, with its date; None without an address."""
        if self.site_url is None:
            return None
        return self._render("sitemap.xml", self.index_language, pages=pages,
                            url=self._url)

    def feed(self, pages: list[SitePage]) -> str:
        """The Atom feed: every leaflet's current edition, the newest first."""
        newest = sorted(pages, key=lambda p: (p.updated or "", p.leaflet_id, p.audience),
                        reverse=True)
        return self._render(
            "feed.xml", self.index_language, pages=newest,
            updated=max((p.updated for p in pages if p.updated), default="2000-01-01"),
            url=lambda path: self._url(path) or path,
            entry_id=lambda p: self._url(addresses.edition_folder(
                p.leaflet_id, p.audience, p.edition)) or f"urn:leaflet:{p.leaflet_id}:"
                f"{p.audience}:{p.edition}")

    def _url(self, path: str) -> str | None:
        return None if self.site_url is None else self.site_url + path


def _audiences(pages: Iterable[SitePage]) -> list[tuple[str, str]]:
    """(id, label) of each audience the index lists, in the built-in order."""
    labels = {p.audience: p.audience_label for p in pages}
    return [(a, labels[a]) for a in builtin.data().profiles if a in labels]


def json_ld(edition: Edition, page: SitePage, url: str | None, root: str,
            here: str) -> Markup:
    """schema.org metadata of the HTML edition: a MedicalWebPage with its PDFs."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": edition.title,
        "inLanguage": edition.language,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient",
                     "name": edition.labels.audience},
        "isPartOf": {"@type": "WebSite", "url": f"{root}index.html"},
        "associatedMedia": [
            {"@type": "MediaObject", "encodingFormat": "application/pdf",
             "contentUrl": f"{here}{d.file}", "contentSize": f"{d.size} B",
             "numberOfPages": d.pages} for d in page.downloads],
    }
    if page.updated:
        data["dateModified"] = page.updated
    if url:
        data["url"] = url
    if edition.subtitle:
        data["description"] = edition.subtitle
    if edition.author:
        data["author"] = {"@type": "Organization", "name": edition.author}
    if page.code:
        data["identifier"] = page.code
    data["version"] = page.edition
    return Markup(json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/"))


def page_entry(edition: Edition, downloads: tuple[Download, ...],
               past: tuple[tuple[str, str | None], ...]) -> SitePage:
    """The site's entry of an edition."""
    return SitePage(
        leaflet_id=edition.leaflet_id, audience=edition.audience, language=edition.language,
        title=edition.title, subtitle=edition.subtitle, audience_label=edition.labels.audience,
        updated=_date(edition),
        review=edition.review.isoformat() if edition.review else None,
        edition=addresses.edition_name(edition), code=edition.code,
        departments=tuple(department.name for department in edition.departments),
        downloads=downloads,
        past=past)


def _date(edition: Edition) -> str | None:
    """The date the site gives an edition: its release, else its text's; None if neither."""
    date = edition.edition_date or edition.updated
    return date.isoformat() if date else None
