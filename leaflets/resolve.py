"""Stage 2: one leaflet, one audience -> the edition that audience reads."""

from __future__ import annotations

from . import profiles
from .model import Edition, EditionLink, EditionSection, Leaflet


def resolve(leaflet: Leaflet, audience: str) -> Edition:
    """The edition of `leaflet` for `audience`, which must be one the leaflet publishes."""
    (title,) = (t for t in leaflet.audiences if t.audience == audience)
    profile = profiles.audiences()[audience]
    page_budget, page_budget_position = dict(profile.page_budget), None
    if leaflet.page_budget is not None:
        try:
            page_budget.update(leaflet.page_budget.for_audience(audience))
            page_budget_position = leaflet.page_budget.position_for(audience)
        except KeyError:
            pass  # the leaflet caps other audiences only
    return Edition(
        leaflet_id=leaflet.id,
        source=leaflet.source,
        language=leaflet.language,
        profile=profile,
        labels=profiles.labels(leaflet.language, audience),
        title=title.title,
        subtitle=title.subtitle,
        author=leaflet.author.for_audience(audience) if leaflet.author else None,
        updated=leaflet.updated.for_audience(audience),
        review=leaflet.review,
        sections=tuple(
            EditionSection(s.heading.for_audience(audience), s.body.for_audience(audience))
            for s in leaflet.sections if audience in s.audiences
        ),
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
    )
