"""The leaflet source format, declared: one entry per field.

Each `Field` names its validator, whether it is required, whether it may be
given per audience, its default and a one-line description; the loader
(`leaflet.py`) reads a file against it, and the field table of
docs/source-format.md is generated from it (`make docs`). Adding a field is
one entry here, and the attribute of the same name in `model.py`.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from ..model import SHARED, AudienceTitle, Link, Reference, Section, Variant
from ..model import PageBudget as Budget
from .control import Code, History
from .fields import (
    AudienceList,
    Date,
    LanguageTag,
    ListOf,
    MarkdownText,
    PagesPerFormat,
    PlainText,
    Url,
)
from .nodes import (
    NULL_TAG,
    Context,
    Field,
    Schema,
    Validator,
    by_audience,
    read_fields,
    variant,
)
from .publishing import DepartmentIds, Publishers, SnippetName, snippet_section
from .values import Boolean
from .yamlfile import position


class AudienceTitles(Validator[tuple[AudienceTitle, ...]]):
    """The audiences a leaflet is published for, each with its title block."""

    kind = "mapping of audiences"
    item = Schema("an audience", (
        Field("title", PlainText(), "the edition's title", required=True),
        Field("subtitle", PlainText(), "a line under the title"),
    ))

    def read(self, node: Node, what: str, context: Context) -> tuple[AudienceTitle, ...]:
        titles: list[AudienceTitle] = []
        if not isinstance(node, MappingNode) or not node.value:
            context.error(node, "E-not-a-mapping", "'audiences' must map each audience to its "
                          f"title, e.g. 'adult: {{title: ...}}'{context.known()}")
            return ()
        for audience, _, value in by_audience(node, None, context):
            if audience is None:
                continue
            if isinstance(value, ScalarNode) and value.tag == NULL_TAG:
                context.error(value, "E-missing-field", f"audience '{audience}' has no title")
            else:
                fields = read_fields(self.item, value, f"audience '{audience}'", context)
                if fields is not None:
                    titles.append(AudienceTitle(audience, fields["title"], fields["subtitle"]))
        context.published = tuple(title.audience for title in titles)
        return tuple(titles)


class PageBudget(Validator[Variant[Budget]]):
    """Most pages per format: `{a4: 2}` for every audience, or `{adult: {a4: 2}}`."""

    kind = "formats and page counts"
    varies_itself = True

    def read(self, node: Node, what: str, context: Context) -> Variant[Budget] | None:
        if not isinstance(node, MappingNode):
            context.error(node, "E-not-a-mapping",
                          "'page_budget' must map formats to page counts, e.g. {a4: 2}")
            return None
        keys = [key.value for key, _ in node.value if isinstance(key, ScalarNode)]
        if any(key in context.audiences for key in keys):
            return variant(node, "", "page_budget", (), PagesPerFormat(), context)
        budget = PagesPerFormat().read(node, "'page_budget'", context)
        return Variant(((SHARED, budget, position(node)),)) if budget is not None else None


class Sections(ListOf[Section]):
    """The sections, of which every audience the leaflet publishes must read one."""

    def read(self, node: Node, what: str, context: Context) -> tuple[Section, ...] | None:
        before = len(context.problems)
        sections = super().read(node, what, context)
        if sections and len(context.problems) == before:
            for audience in context.published:
                if not any(audience in section.audiences for section in sections):
                    context.error(node, "E-no-section-for-audience",
                                  f"no section is published for audience '{audience}'")
        return sections

    def read_item(self, item: Node, owner: str, context: Context) -> dict[str, Any] | None:
        if not (isinstance(item, MappingNode) and any(
                isinstance(key, ScalarNode) and key.value == "snippet" for key, _ in item.value)):
            return super().read_item(item, owner, context)
        fields = read_fields(SNIPPET_SECTION, item, owner, context, context.published)
        return None if fields is None else snippet_section(item, fields, owner, context)


URGENT = Field("urgent", Boolean(), "an instruction to act at once ('bel direct als ...'): "
               "printed boxed; every audience's edition must carry one", default=False,
               extension=True)
#: A section written once in sources/snippets.yaml: `- snippet: bel-direct`.
SNIPPET_SECTION = Schema("a section", (
    Field("snippet", SnippetName(), "the name of a snippet with a heading", required=True),
    Field("audiences", AudienceList(), "only these audiences read it", readers=True),
    URGENT,
))
SECTION = Schema("a section", (
    Field("heading", PlainText(), "the question, as a reader would ask it",
          required=True, per_audience=True),
    Field("body", MarkdownText(), "the answer, in the Markdown subset below",
          required=True, per_audience=True),
    Field("audiences", AudienceList(), "only these audiences read the section "
          "(default: every audience of the leaflet)", readers=True),
    URGENT,
))
LINK = Schema("a link", (
    Field("title", PlainText(), "what the link is", required=True, per_audience=True),
    Field("url", Url(), "http://, https:// or mailto: only", required=True),
    Field("audiences", AudienceList(), "only these audiences get the link", readers=True,
          extension=True),
))
REFERENCE = Schema("a reference", (
    Field("text", PlainText(), "the source, as it is cited (a reference may also be just "
          "this text)", required=True, per_audience=True),
    Field("audiences", AudienceList(), "only these audiences get the reference", readers=True,
          extension=True),
))

LEAFLET = Schema("the leaflet", (
    Field("language", LanguageTag(), "a language tag (nl, nl-BE, en, de, fr, ar, ...)",
          required=True),
    Field("audiences", AudienceTitles(), "one edition per audience, each with its title "
          "and optional subtitle", required=True),
    Field("author", PlainText(), "printed with the date; `adult: null` prints none",
          per_audience=True, nullable=True),
    Field("updated", Date(past=True), "the date of the text, printed; `adult: null`: the "
          "text carries no date, and none is printed", required=True, per_audience=True,
          nullable=True),
    Field("review", Date(), "the date of the next content review"),
    Field("sections", Sections(SECTION, "section", Section, empty="'sections' is empty; a "
                               "leaflet needs at least one section"),
          "the questions and answers, in reading order", required=True),
    Field("links", ListOf(LINK, "link", Link), "printed as a list, address first", default=()),
    Field("references", ListOf(REFERENCE, "reference", Reference, shorthand="text"),
          "a numbered list of sources", default=()),
    Field("clinic", PlainText(), "printed on booklet covers", per_audience=True, nullable=True,
          extension=True),
    Field("page_budget", PageBudget(), "most pages per format, e.g. {a4: 2}",
          per_audience=True, extension=True),
    Field("departments", DepartmentIds(), "the department(s) that publish it, by their id in "
          "sources/organisation.yaml: every edition ends with their contact block",
          default=(), extension=True),
    Field("publishers", Publishers(), "co-published: one set of editions per publisher, each "
          "a department id (or a list of ids)", default=(), extension=True),
    # Document control (see control.py and README "Editions, approval and the archive").
    Field("code", Code(), "the leaflet's stable reference, printed in every edition",
          extension=True),
    Field("approver", PlainText(), "who approves its editions (a name or role); "
          "`release` records it", extension=True),
    Field("history", History(), "the released editions, oldest first; written by "
          "`make_leaflets.py release`", default=(), extension=True),
))


def field_table(schema: Schema = LEAFLET) -> str:
    """The fields of the source format as a Markdown table, for docs/source-format.md."""
    lines = ["| field | required | per audience | value | what it is |",
             "|---|---|---|---|---|"]
    lines += _rows(schema, "")
    return "\n".join(lines) + "\n"


def _rows(schema: Schema, prefix: str) -> list[str]:
    rows = []
    for field in schema.fields:
        validator = field.validator
        note = " *(extension)*" if field.extension else ""
        rows.append(f"| `{prefix}{field.name}` | {'yes' if field.required else 'no'} | "
                    f"{'yes' if field.per_audience else 'no'} | {validator.kind} | "
                    f"{field.description}{note} |")
        if isinstance(validator, ListOf):
            rows += _rows(validator.item, f"{prefix}{field.name}[].")
        elif isinstance(validator, AudienceTitles):
            rows += _rows(validator.item, f"{prefix}{field.name}.<audience>.")
    return rows
