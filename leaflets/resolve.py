"""Stage 2: one leaflet, one audience -> the edition that audience reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from . import addresses, reading, variables
from .language import direction
from .model import (
    AudienceProfile,
    Edition,
    EditionLink,
    EditionSection,
    Glossary,
    GlossaryEntry,
    Leaflet,
    PageBudget,
    Publisher,
    Shared,
)
from .source import builtin
from .source.text import Position


def resolve(leaflet: Leaflet, audience: str, glossary: Glossary | None = None,
            publisher: Publisher | None = None, changed: bool = False,
            site_url: str | None = None) -> Edition:
    """The edition of `leaflet` for `audience` as `publisher` prints it (a draft if `changed`).

    `glossary` explains its terms; `site_url` gives it its page on the leaflet site."""
    publisher = publisher or (leaflet.publishers[0] if leaflet.publishers else None)
    released = leaflet.last_release if not changed else None
    (title,) = (t for t in leaflet.audiences if t.audience == audience)
    data, profile = builtin.data(), builtin.data().profiles[audience]
    page_budget, page_budget_position = _page_budget(leaflet, profile, audience)
    sections = _sections(leaflet, audience, publisher)
    edition = Edition(
        leaflet_id=leaflet.id,
        source=leaflet.source,
        language=leaflet.language,
        direction=direction(leaflet.language),
        profile=profile,
        labels=data.labels(leaflet.language, audience),
        title=title.title,
        subtitle=title.subtitle,
        author=leaflet.author.for_audience(audience) if leaflet.author else None,
        updated=leaflet.updated.for_audience(audience),
        review=leaflet.review,
        sections=sections,
        links=tuple(EditionLink(link.title.for_audience(audience), link.url)
                    for link in leaflet.links if audience in link.audiences),
        references=tuple(r.text.for_audience(audience)
                         for r in leaflet.references if audience in r.audiences),
        clinic=leaflet.clinic.for_audience(audience) if leaflet.clinic else None,
        images=leaflet.images,
        page_budget=page_budget,
        page_budget_position=page_budget_position,
        glossary=terms_used(glossary, sections, audience) if glossary else (),
        organisation=publisher.organisation if publisher else None,
        departments=publisher.departments if publisher else (),
        publisher=publisher.id if publisher and len(leaflet.publishers) > 1 else None,
        code=leaflet.code,
        edition=released.number if released else None,
        edition_date=released.date if released else None,
        draft=leaflet.code is not None and released is None,
    )
    return replace(edition, page_url=addresses.page_url(site_url, edition)) if site_url else edition


def _sections(leaflet: Leaflet, audience: str,
              publisher: Publisher | None) -> tuple[EditionSection, ...]:
    """The sections `audience` reads, their variables filled in for `publisher`."""
    fill = _filler(audience, publisher, Shared(snippets=leaflet.snippets))
    return tuple(EditionSection(fill(s.heading.for_audience(audience)),
                                fill(s.body.for_audience(audience)), s.urgent)
                 for s in leaflet.sections if audience in s.audiences)


def _page_budget(leaflet: Leaflet, profile: AudienceProfile,
                 audience: str) -> tuple[PageBudget, Position | None]:
    """The most pages per format (the audience's, as the leaflet sets them), and where set."""
    budget, where = dict(profile.page_budget), None
    if leaflet.page_budget is not None:
        try:
            budget.update(leaflet.page_budget.for_audience(audience))
            where = leaflet.page_budget.position_for(audience)
        except KeyError:
            pass  # the leaflet caps other audiences only
    return tuple(budget.items()), where


def _filler(audience: str, publisher: Publisher | None, shared: Shared) -> Callable[[str], str]:
    """What fills in a text's variables for one audience and publisher."""
    department = publisher.departments[0] if publisher and publisher.departments else None
    organisation = publisher.organisation if publisher else None

    def snippet(name: str) -> str:
        found = shared.snippet(name)
        try:
            body = found.body.for_audience(audience) if found else ""
        except KeyError:
            body = ""
        return variables.fill(body, department, organisation, lambda _: "")

    return lambda text: variables.fill(text, department, organisation, snippet)


def printed(edition: Edition) -> tuple[object, ...]:
    """The text of an edition that its approval covers: all it prints from the leaflet.

    Two versions of a leaflet whose editions print the same have the same text:
    nothing changed that a reader could see. The document-control line and the
    publisher's contact block are not part of it: they come from the
    organisation's data, which changes (a new phone number) without a new edition.
    """
    return (edition.language, edition.title, edition.subtitle, edition.author,
            edition.updated, edition.review, edition.sections, edition.links,
            edition.references, edition.clinic, edition.glossary, edition.code)


def terms_in(glossary: Glossary, sections: Sequence[EditionSection]) -> list[GlossaryEntry]:
    """The glossary entries whose term the sections' text uses (any case, whole words)."""
    text = reading.blocks(sections)
    return [entry for entry in glossary.entries if reading.uses_term(text, entry.term)]


def terms_used(glossary: Glossary, sections: Sequence[EditionSection],
               audience: str) -> tuple[tuple[str, str], ...]:
    """(term, explanation) of each glossary term the sections use, in glossary order.

    A term the glossary does not explain for `audience` is left out (lint says so).
    """
    used = []
    for entry in terms_in(glossary, sections):
        try:
            explanation = entry.definition.for_audience(audience)
        except KeyError:
            explanation = None
        if explanation:
            used.append((entry.term, explanation))
    return tuple(used)
