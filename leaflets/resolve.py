"""Stage 2: one leaflet, one audience -> the edition that audience reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from . import addresses, reading
from .language import direction
from .model import Edition, EditionLink, EditionSection, Glossary, GlossaryEntry, Leaflet
from .source import builtin


def resolve(leaflet: Leaflet, audience: str, glossary: Glossary | None = None,
            site_url: str | None = None) -> Edition:
    """The edition of `leaflet` for `audience`, which must be one the leaflet publishes.

    With a `glossary`, the edition explains the glossary's terms its text uses;
    with the `site_url` the leaflet site is published at, it knows its page there.
    """
    (title,) = (t for t in leaflet.audiences if t.audience == audience)
    data = builtin.data()
    profile = data.profiles[audience]
    page_budget, page_budget_position = dict(profile.page_budget), None
    if leaflet.page_budget is not None:
        try:
            page_budget.update(leaflet.page_budget.for_audience(audience))
            page_budget_position = leaflet.page_budget.position_for(audience)
        except KeyError:
            pass  # the leaflet caps other audiences only
    sections = tuple(
        EditionSection(s.heading.for_audience(audience), s.body.for_audience(audience))
        for s in leaflet.sections if audience in s.audiences)
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
        links=tuple(
            EditionLink(link.title.for_audience(audience), link.url)
            for link in leaflet.links if audience in link.audiences
        ),
        references=tuple(
            r.text.for_audience(audience) for r in leaflet.references if audience in r.audiences
        ),
        clinic=leaflet.clinic.for_audience(audience) if leaflet.clinic else None,
        images=leaflet.images,
        page_budget=tuple(page_budget.items()),
        page_budget_position=page_budget_position,
        glossary=terms_used(glossary, sections, audience) if glossary else (),
    )
    return replace(edition, page_url=addresses.page_url(site_url, edition)) if site_url else edition


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
