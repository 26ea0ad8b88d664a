"""Document control: has the text changed since its last released edition, and do its dates say so?

The last edition's exact sources are in the archive (`source/archive.py`);
each audience's edition is resolved from them and from the current sources, and
compared as printed (less the document-control line). An audience whose text
differs is a draft: it prints no edition number until it is released. Its date
(`updated`) should then say when it changed; one that did not is a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import resolve
from ..model import Glossary, Leaflet
from ..problems import LeafletError, Problem, problem
from ..source import archive
from ..source.glossary import load_glossary
from ..source.leaflet import load_file
from ..source.text import START, Position


@dataclass(frozen=True)
class Control:
    """Where a leaflet stands with its editions."""

    changed: frozenset[str]  # audiences whose text is not that of the last edition
    archived: bool  # the last edition is in the archive (so `changed` was measured)


def control(leaflet: Leaflet, sources: Path,
            glossary: Glossary | None) -> tuple[Control, list[Problem]]:
    """The audiences changed since the last released edition, and the warnings about it."""
    every = frozenset(leaflet.audience_ids)
    if (gone := archive.withdrawn(sources, leaflet.id)) is not None:
        return Control(every, False), [_warn(leaflet, None, "W-withdrawn",
            f"the leaflet was withdrawn on {gone.get('date', '?')} ({gone.get('note', '')}); "
            "its PDFs are drafts and must not be handed out")]
    last = leaflet.last_release
    if leaflet.code is None:
        return Control(every, False), [_warn(leaflet, None, "W-no-document-control",
            "the leaflet has no code ('code:'): its editions print no code or edition "
            "number, and it cannot be released until it has one")]
    if last is None:  # a draft until its first release: the report and the PDFs say so
        return Control(every, False), []
    where = leaflet.text.find("history:", START)
    released = archive.edition(sources, leaflet.id, last.number)
    if released is None:
        return Control(frozenset(), False), [_warn(leaflet, where, "W-edition-not-archived",
            f"edition {last.number} is not in the archive "
            f"({archive.edition_folder(sources, leaflet.id, last.number)}); what changed since "
            "cannot be said")]
    try:
        old = load_file(released.leaflet_file, str(released.leaflet_file)).leaflet
        old_glossary = load_glossary(released.sources)
    except LeafletError as error:
        return Control(frozenset(), False), [_warn(leaflet, where, "W-edition-not-archived",
            f"the archived source of edition {last.number} cannot be read: {error.problems[0]}")]
    changed = frozenset(audience for audience in leaflet.audience_ids
                        if _printed(leaflet, audience, glossary) != (
                            _printed(old, audience, old_glossary)
                            if audience in old.audience_ids else None))
    warnings = [_warn(leaflet, _date_place(leaflet, audience), "W-date-unchanged",
                      f"the text of the '{audience}' edition changed since edition "
                      f"{last.number} ({last.date.isoformat()}), but its 'updated' date did not; "
                      "set it to the date of the change")
                for audience in sorted(changed) if audience in old.audience_ids
                and leaflet.updated.for_audience(audience) == old.updated.for_audience(audience)]
    return Control(changed, True), warnings


def _printed(leaflet: Leaflet, audience: str, glossary: Glossary | None) -> tuple[object, ...]:
    return resolve.printed(resolve.resolve(leaflet, audience, glossary))


def _date_place(leaflet: Leaflet, audience: str) -> Position:
    return leaflet.updated.position_for(audience)


def _warn(leaflet: Leaflet, where: Position | None, code: str, message: str) -> Problem:
    where = where or START
    return problem(leaflet.source, where.line, where.column, code, message)
