"""`<sources>/snippets.yaml`: texts written once and included in many leaflets.

Each snippet has a name, a `body` (Markdown, shared or per audience), and, to
be a whole section of a leaflet (`- snippet: <name>` in its `sections`), a
`heading`; `urgent: true` marks an instruction to act at once. Inside any text,
`{{ snippet.<name> }}` prints a snippet's body in place.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode

from .. import variables
from ..model import Shared, Snippet, Variant
from ..problems import LeafletError
from . import builtin, yamlfile
from .catalogue import display
from .fields import MarkdownText, PlainText
from .nodes import Context, Field, Schema, read_fields
from .organisation import named_entries
from .values import Boolean
from .yamlfile import position

FILE = "snippets.yaml"
SNIPPET = Schema("a snippet", (
    Field("heading", PlainText(), "the heading when it is a section of its own",
          per_audience=True),
    Field("body", MarkdownText(), "the text, in the Markdown subset", required=True,
          per_audience=True),
    Field("urgent", Boolean(), "an instruction to act at once: printed boxed, and every "
          "audience's edition must carry one", default=False),
))


def load_snippets(sources: Path, shared: Shared) -> tuple[Snippet, ...]:
    """The snippets of `sources` (none without the file); raise `LeafletError` on problems.

    Their variables are checked here against the names `shared` knows; whether a
    leaflet's department has the field is checked where a leaflet uses it.
    """
    path = sources / FILE
    if not path.is_file():
        return ()
    source = yamlfile.read(path, display(path))
    root = yamlfile.compose(source, "the file is empty; it maps each snippet's name to its "
                                    "heading and body")
    context = Context(source, builtin.data().profiles, images=sources / "images")
    if not isinstance(root, MappingNode):
        context.error(root, "E-not-a-mapping", "snippets.yaml maps each snippet's name to its "
                      "heading and body")
        raise LeafletError(context.problems)
    found: list[Snippet] = []
    names = [key.value for key, _ in root.value]
    known = Shared(shared.organisations, tuple(Snippet(str(n), None, Variant(())) for n in names))
    for name, key, value in named_entries(root, "snippet", context, "name"):
        values = read_fields(SNIPPET, value, f"snippet '{name}'", context, readers=())
        if values is None:
            continue
        _check_names(values["body"], known, context)
        found.append(Snippet(name, values["heading"], values["body"], values["urgent"],
                             position(key)))
    if context.problems:
        raise LeafletError(context.problems)
    return tuple(found)


def _check_names(body: Variant[str], known: Shared, context: Context) -> None:
    """Unknown variables and snippets in a snippet's text (whether a leaflet's department
    has the field is checked where a leaflet uses the snippet)."""
    for _, text, start in body.texts:
        for use in variables.uses(text):
            issue = variables.problem(use, known, None, None)
            if use.namespace == variables.SNIPPET:
                issue = ("E-snippet-nested", f"{use.written}: a snippet cannot include another "
                         "snippet; write its text out, or include both in the leaflet")
            if issue is not None and issue[0] != "E-variable-missing":
                context.error(context.source.find(use.written, start) or start, *issue)
