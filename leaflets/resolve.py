"""Stage 2: one leaflet, one audience -> the edition that audience reads."""

from __future__ import annotations

from . import audiences
from .model import Edition, EditionLink, EditionSection, Leaflet


def resolve(leaflet: Leaflet, audience: str) -> Edition:
    """The edition of `leaflet` for `audience`, which must be one the leaflet publishes."""
    (title,) = (t for t in leaflet.audiences if t.audience == audience)
    return Edition(
        leaflet_id=leaflet.id,
        source=leaflet.source,
        language=leaflet.language,
        profile=audiences.profiles()[audience],
        labels=audiences.labels(leaflet.language, audience),
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
    )
