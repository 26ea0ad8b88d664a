"""Stage 2: one leaflet, one audience -> the edition that audience reads."""

from __future__ import annotations

from collections.abc import Sequence

from . import reading
from .language import direction
from .model import (
    Edition,
    EditionLink,
    EditionSection,
    Glossary,
    GlossaryEntry,
    Leaflet,
    PageBudget,
)
from .source import builtin
from .source.text import Position


def resolve(leaflet: Leaflet, audience: str, glossary: Glossary | None = None,
            changed: bool = False) -> Edition:
    """The edition of `leaflet` for `audience`, which must be one the leaflet publishes.

    With a `glossary`, the edition explains the glossary's terms its text uses.
    `changed`: the audience's text differs from the text of the leaflet's last
    released edition (see checks/control.py); it is then a draft, not that edition.
    """
    last = leaflet.last_release
    released = last if last is not None and not changed else None
    (title,) = (t for t in leaflet.audiences if t.audience == audience)
    data = builtin.data()
    profile = data.profiles[audience]
    page_budget, page_budget_position = _page_budget(leaflet, profile.page_budget, audience)
    sections = tuple(
        EditionSection(s.heading.for_audience(audience), s.body.for_audience(audience))
        for s in leaflet.sections if audience in s.audiences)
    return Edition(
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
        code=leaflet.code,
        edition=released.number if released else None,
        edition_date=released.date if released else None,
        draft=leaflet.code is not None and released is None,
    )


def _page_budget(leaflet: Leaflet, profile: PageBudget,
                 audience: str) -> tuple[dict[str, int], Position | None]:
    """The audience's most pages per format, the leaflet's over its profile's, and where set."""
    budget = dict(profile)
    if leaflet.page_budget is not None:
        try:
            budget.update(leaflet.page_budget.for_audience(audience))
            return budget, leaflet.page_budget.position_for(audience)
        except KeyError:
            pass  # the leaflet caps other audiences only
    return budget, None


def printed(edition: Edition) -> tuple[object, ...]:
    """What an edition prints from its sources, less its document-control line.

    Two versions of a leaflet whose editions print the same have the same text:
    nothing changed that a reader could see.
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
