"""A leaflet's publishers, snippets and variables, read against the shared sources.

`departments: [neurologie]` names the department(s) whose contact details end
every edition; `publishers:` (co-publishing) gives several, each with its own
set of editions. `- snippet: <name>` in `sections` includes a section of
`sources/snippets.yaml`. Every variable of every text is checked here against
the data of every publisher, so `resolve` can fill them in without a doubt.
"""

from __future__ import annotations

import difflib
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .. import variables
from ..model import SHARED, Leaflet, Publisher, Section, Shared, Snippet, Variant
from ..problems import Problem
from .nodes import Context, Text, Validator
from .text import START, Position
from .yamlfile import position


class DepartmentIds(Validator[tuple[str, ...]]):
    """Department ids of the organisation files, e.g. [neurologie]."""

    kind = "list of department ids"

    def read(self, node: Node, what: str, context: Context) -> tuple[str, ...] | None:
        items = node.value if isinstance(node, SequenceNode) else [node]
        if isinstance(node, MappingNode) or not items:
            context.error(node, "E-not-a-list", f"{what} must list department ids, e.g. "
                          "[neurologie]")
            return None
        found: list[str] = []
        for item in items:
            name = Text().read(item, f"a department in {what}", context)
            if name is None:
                continue
            if context.shared.department(name) is None:
                context.error(item, "E-unknown-department", f"unknown department '{name}'"
                              f"{_known(name, context.shared)}")
            elif name in found:
                context.error(item, "E-duplicate-key", f"department '{name}' is listed twice")
            else:
                found.append(name)
        return tuple(found) if len(found) == len(items) else None


class Publishers(Validator[tuple[tuple[str, ...], ...]]):
    """Co-publishers: each a department id, or a list of the ids one publisher prints."""

    kind = "list of department ids (or lists of them)"

    def read(self, node: Node, what: str, context: Context) -> tuple[tuple[str, ...], ...] | None:
        if not isinstance(node, SequenceNode) or not node.value:
            context.error(node, "E-not-a-list", f"{what} must list the publishers, each a "
                          "department id or a list of them, e.g. [neurologie, kinderneurologie]")
            return None
        found = [DepartmentIds().read(item, f"publisher {number} of {what}", context)
                 for number, item in enumerate(node.value, start=1)]
        return None if None in found else tuple(ids for ids in found if ids is not None)


def _known(name: str, shared: Shared) -> str:
    ids = [d.id for o in shared.organisations for d in o.departments]
    if not ids:
        return "; there are no departments: add them to sources/organisation.yaml"
    close = difflib.get_close_matches(name, ids, n=1)
    return f"; did you mean '{close[0]}'?" if close else f" (departments: {', '.join(ids)})"


class SnippetName(Validator[Snippet]):
    kind = "snippet name"

    def read(self, node: Node, what: str, context: Context) -> Snippet | None:
        name = Text().read(node, what, context)
        if name is None:
            return None
        snippet = context.shared.snippet(name)
        if snippet is None or snippet.heading is None:
            names = ", ".join(s.name for s in context.shared.snippets if s.heading) or "none"
            why = "has no heading, so it can only be used inside a text" if snippet else "unknown"
            context.error(node, "E-unknown-snippet", f"snippet '{name}' {why} (snippets with "
                          f"a heading: {names}; they are in sources/snippets.yaml)")
            return None
        return snippet


def snippet_section(node: MappingNode, fields: dict[str, Any], owner: str,
                    context: Context) -> dict[str, Any] | None:
    """The values of a section that is a snippet (`- snippet: name`), placed at its line."""
    snippet: Snippet = fields["snippet"]
    key = next(k for k, _ in node.value if isinstance(k, ScalarNode) and k.value == "snippet")
    at = position(key)
    assert snippet.heading is not None  # SnippetName accepts only snippets with a heading
    texts: dict[str, Variant[str]] = {}
    for name, variant in (("heading", snippet.heading), ("body", snippet.body)):
        for audience in sorted(fields["audiences"]):
            try:
                variant.for_audience(audience)
            except KeyError:
                context.error(key, "E-missing-variant", f"{owner}: snippet '{snippet.name}' "
                              f"has no {name} for audience '{audience}'")
        texts[name] = Variant(tuple((k, text, at) for k, text, _ in variant.texts))
    if context.problems:
        return None
    return {"heading": texts["heading"], "body": texts["body"], "audiences": fields["audiences"],
            "urgent": snippet.urgent or fields["urgent"], "snippet": snippet.name}


def publishers(values: dict[str, Any], shared: Shared) -> tuple[Publisher, ...]:
    """Who publishes the leaflet; with no departments named, a single organisation does."""
    groups = values.pop("publishers") or ((values.pop("departments"),) if values.get(
        "departments") else ())
    values.pop("departments", None)
    found = []
    for ids in groups:
        pairs = [pair for name in ids if (pair := shared.department(name)) is not None]
        found.append(Publisher(pairs[0][0], tuple(department for _, department in pairs)))
    if not found and len(shared.organisations) == 1:
        found.append(Publisher(shared.organisations[0], ()))
    return tuple(found)


def uses(sections: tuple[Section, ...], found: tuple[Publisher, ...]) -> frozenset[str]:
    """What of the shared sources the editions print: each organisation, department, snippet."""
    used = {f"organisation:{p.organisation.id}" for p in found}
    used |= {f"department:{d.id}" for p in found for d in p.departments}
    used |= {f"snippet:{s.snippet}" for s in sections if s.snippet}
    for section in sections:
        for variant in (section.heading, section.body):
            for _, text, _ in variant.texts:
                used |= {f"snippet:{u.field}" for u in variables.uses(text)
                         if u.namespace == variables.SNIPPET}
    return frozenset(used)


def variable_problems(leaflet: Leaflet, shared: Shared) -> list[Problem]:
    """Every variable of the leaflet's texts that some publisher's edition cannot print."""
    context = Context(leaflet.text, shared=shared)
    publishers = leaflet.publishers or (None,)
    for section in leaflet.sections:
        for variant in (section.heading, section.body):
            for key, text, start in variant.texts:
                readers = section.audiences if key == SHARED else frozenset((key,))
                for use in variables.uses(text):
                    _check(use, start, publishers, shared, context)
                    _check_snippet(use, start, readers, publishers, shared, context)
    _outside_sections(leaflet, context)
    return sorted(set(context.problems))


def _outside_sections(leaflet: Leaflet, context: Context) -> None:
    """Variables where none is filled in: titles, author, links, references, clinic."""
    texts = [text for title in leaflet.audiences for text in (title.title, title.subtitle or "")]
    for variant in (leaflet.author, leaflet.clinic, *(link.title for link in leaflet.links),
                    *(reference.text for reference in leaflet.references)):
        texts += [text or "" for _, text, _ in (variant.texts if variant else ())]
    for text in texts:
        for use in variables.uses(text):
            context.error(context.source.find(use.written, START), "E-unknown-variable",
                          f"{use.written}: variables are filled in in the headings and bodies "
                          "of sections only; write this text out")


def _check_snippet(use: variables.Use, start: Position, readers: frozenset[str],
                   publishers: tuple[Publisher | None, ...], shared: Shared,
                   context: Context) -> None:
    """A snippet in a text: a body for every audience that reads it, and its variables."""
    snippet = shared.snippet(use.field) if use.namespace == variables.SNIPPET else None
    if snippet is None:
        return
    where = context.source.find(use.written, start) or start
    for audience in sorted(readers):
        try:
            snippet.body.for_audience(audience)
        except KeyError:
            context.error(where, "E-missing-variant", f"snippet '{snippet.name}' has no body "
                          f"for audience '{audience}', which reads this text")
    for _, body, _ in snippet.body.texts:
        for inner in variables.uses(body):
            _check(inner, where, publishers, shared, context)


def _check(use: variables.Use, start: Position, publishers: tuple[Publisher | None, ...],
           shared: Shared, context: Context) -> None:
    for publisher in publishers:
        department = publisher.departments[0] if publisher and publisher.departments else None
        issue = variables.problem(use, shared, department,
                                  publisher.organisation if publisher else None)
        if issue is not None:
            context.error(context.source.find(use.written, start) or start, *issue)
