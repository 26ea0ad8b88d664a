"""Variables in the editors' text: `{{ department.phone }}`, `{{ snippet.bel-direct }}`.

Double braces never occur in ordinary Dutch or English text, Markdown leaves
them alone, and an editor who types one by accident gets a located error (an
unknown variable), never a silently printed brace. A variable names a field of
the organisation or of the department that publishes the edition, or a
snippet of `sources/snippets.yaml` whose text takes its place. The loader checks
every variable against the data (`source/publishing.py`); `resolve` fills them
in for each audience and publisher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .model import Department, Organisation, Shared

#: `{{ name.field }}`, with or without spaces inside the braces.
VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
#: What each namespace holds: the fields a text can print.
FIELDS = {
    "organisation": ("name", "website", "phone", "email", "address"),
    "department": ("name", "phone", "email", "website", "address", "hours", "urgent_phone"),
}
SNIPPET = "snippet"


@dataclass(frozen=True)
class Use:
    """One variable as written in a text."""

    written: str  # "{{ department.phone }}", to find its place in the file
    namespace: str
    field: str


def uses(text: str) -> list[Use]:
    found = []
    for match in VARIABLE.finditer(text):
        namespace, _, field = match.group(1).partition(".")
        found.append(Use(match.group(0), namespace.strip(), field.strip()))
    return found


def problem(use: Use, shared: Shared, department: Department | None,
            organisation: Organisation | None) -> tuple[str, str] | None:
    """The code and message of a variable the text cannot print, if it cannot."""
    known = [f"{{{{ {ns}.{field} }}}}" for ns, fields in FIELDS.items() for field in fields]
    if use.namespace == SNIPPET:
        if shared.snippet(use.field) is None:
            names = ", ".join(s.name for s in shared.snippets) or "none: there is no snippets.yaml"
            return ("E-unknown-snippet",
                    f"unknown snippet '{use.field}' in {use.written} (snippets: {names})")
        return None
    if use.namespace not in FIELDS or use.field not in FIELDS[use.namespace]:
        return ("E-unknown-variable", f"unknown variable {use.written}; a text can use "
                f"{', '.join(known)} and {{{{ snippet.<name> }}}}")
    holder: Department | Organisation | None = (
        department if use.namespace == "department" else organisation)
    if holder is None:
        needs = ("names no department ('departments: [<id>]', an id of sources/organisation.yaml)"
                 if use.namespace == "department" else "has no organisation "
                 "(sources/organisation.yaml)")
        return "E-variable-missing", f"{use.written} cannot be printed: the leaflet {needs}"
    if getattr(holder, use.field) is None:
        return ("E-variable-missing", f"{use.written} cannot be printed: {use.namespace} "
                f"'{holder.id}' has no {use.field} in {holder.source}")
    return None


def fill(text: str, department: Department | None, organisation: Organisation | None,
         snippet: Callable[[str], str]) -> str:
    """`text` with each variable replaced by its value (the loader checked they all have one)."""
    def value(match: re.Match[str]) -> str:
        namespace, _, field = match.group(1).partition(".")
        namespace, field = namespace.strip(), field.strip()
        if namespace == SNIPPET:
            return snippet(field)
        holder = department if namespace == "department" else organisation
        return str(getattr(holder, field, None) or match.group(0))

    return VARIABLE.sub(value, text) if "{{" in text else text
