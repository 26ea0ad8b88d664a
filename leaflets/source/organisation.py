"""Who publishes the leaflets: `<sources>/organisation.yaml`, or one file per organisation.

A repository of one hospital has `organisation.yaml`; one shared by several
has `organisations/<id>.yaml`, one file each (both may be there). Each names
the organisation, its logo, website and brand colours, and its departments
with every way a patient reaches them. A department id is unique across all
organisations, so a leaflet names its department by id alone. Read by the same
position-keeping reader and schema mechanism as the leaflets: every mistake is
a `file:line:column` problem, and a brand text colour under 4.5:1 against its
background (WCAG 1.4.3) is one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from yaml.nodes import MappingNode, Node

from ..model import BrandColours, Department, Logo, Organisation
from ..problems import LeafletError, Problem
from . import images, yamlfile
from .catalogue import display
from .fields import PlainText, Url
from .nodes import Context, Field, Schema, Text, Validator, mapping, read_fields
from .values import Colour, Email, Phone, contrast
from .yamlfile import position

FILE = "organisation.yaml"
FOLDER = "organisations"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WHITE = "#ffffff"
#: WCAG 1.4.3: the least contrast of normal-sized text.
MIN_CONTRAST = 4.5
EMPTY = "the file is empty; it names the organisation and its departments"


class Identifier(Validator[str]):
    kind = "id (lower-case letters, digits, hyphens)"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = Text().read(node, what, context)
        if text is not None and not ID.match(text):
            context.error(node, "E-not-an-id", f"{what} must be lower-case letters, digits and "
                          f"single hyphens (e.g. 'neurologie'), not '{text}'")
            return None
        return text


def named_entries(node: MappingNode, kind: str, context: Context,
                  key_name: str = "id") -> Iterator[tuple[str, Node, Node]]:
    """The (id, key, value) of each entry of a mapping keyed by ids: departments, snippets.

    A key that is no id, or an id given twice, is an error at its place and skipped.
    """
    seen: set[str] = set()
    for key, value in node.value:
        name = Identifier().read(key, f"a {kind} {key_name}", context)
        if name is None:
            continue
        if name in seen:
            context.error(key, "E-duplicate-key", f"{kind} '{name}' is given twice")
            continue
        seen.add(name)
        yield name, key, value


class ImageFile(Validator[str]):
    """An image of the sources' images folder, written images/<name>.svg or .png."""

    kind = "images/<name>.svg or .png"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        name = Text().read(node, what, context)
        if name is None:
            return None
        if not re.match(r"^images/[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png)$", name):
            context.error(node, "E-image-source", f"{what} must be a .svg or .png file in the "
                          f"images folder, written as images/<name>.svg, not '{name}'")
            return None
        if context.images is not None and (issue := images.problem(context.images, name)):
            context.error(node, issue[0], f"{what}: {issue[1]}")
            return None
        return name


class Colours(Validator[BrandColours]):
    """Brand colours; the text colour must stand out 4.5:1 from white and the background."""

    kind = "mapping of text, background"
    schema = Schema("the colours", (
        Field("text", Colour(), "the organisation's name and the contact heading"),
        Field("background", Colour(), "behind the contact block"),
    ))

    def read(self, node: Node, what: str, context: Context) -> BrandColours | None:
        values = read_fields(self.schema, node, what, context)
        if values is None:
            return None
        colours = BrandColours(**values)
        nodes = mapping(node, what, self.schema.names, Context(context.source))
        if colours.text is not None:
            for background in (WHITE, colours.background or WHITE):
                ratio = contrast(colours.text, background)
                if ratio < MIN_CONTRAST:  # reported; the editions keep the audience colours
                    context.kept_errors.append(context.problem(nodes["text"], "E-brand-contrast", (
                        f"the text colour {colours.text} stands out only {ratio:.2f}:1 from "
                        f"{'the page (white)' if background == WHITE else 'the background '}"
                        f"{'' if background == WHITE else background}; text needs at least "
                        f"{MIN_CONTRAST}:1 (WCAG 1.4.3): choose a darker colour")))
                    return BrandColours()
        return colours


LOGO = Schema("the logo", (
    Field("file", ImageFile(), "the image, images/<name>.svg or .png", required=True),
    Field("alt", PlainText(), "what the logo shows, for screen readers (usually the name)",
          required=True),
))


class LogoField(Validator[Logo]):
    kind = "mapping of file, alt"

    def read(self, node: Node, what: str, context: Context) -> Logo | None:
        values = read_fields(LOGO, node, what, context)
        return None if values is None else Logo(**values)


DEPARTMENT = Schema("a department", (
    Field("name", PlainText(), "as patients know it, e.g. 'Polikliniek neurologie'",
          required=True),
    Field("phone", Phone(), "the number patients call"),
    Field("email", Email(), "the address patients write to"),
    Field("website", Url(), "a page to reach the department (a contact form)"),
    Field("address", PlainText(), "where patients find it; one line, or lines in a block"),
    Field("hours", PlainText(), "when it can be reached, e.g. 'maandag tot en met vrijdag, "
          "8.30 tot 17.00 uur'"),
    Field("urgent_phone", Phone(), "the number to call at once, outside the hours too"),
    Field("urgent", PlainText(), "when to call the urgent number, e.g. 'Bel direct bij ...'"),
))


class Departments(Validator[tuple[Department, ...]]):
    kind = "mapping of department ids to their fields"

    def read(self, node: Node, what: str, context: Context) -> tuple[Department, ...] | None:
        if not isinstance(node, MappingNode) or not node.value:
            context.error(node, "E-not-a-mapping", f"{what} must map each department's id to "
                          "its name, phone, email, address and hours")
            return None
        found: list[Department] = []
        for name, key, value in named_entries(node, "department", context):
            values = read_fields(DEPARTMENT, value, f"department '{name}'", context)
            if values is not None:
                found.append(Department(id=name, source=context.source.name,
                                        position=position(key), **values))
        return tuple(found)


ORGANISATION = Schema("the organisation", (
    Field("id", Identifier(), "the organisation's id, in output folders (default: from the "
          "file name, or from the name in organisation.yaml)"),
    Field("name", PlainText(), "printed in every edition's title block", required=True),
    Field("logo", LogoField(), "printed beside the name: file (images/...) and alt text"),
    Field("website", Url(), "the organisation's website"),
    Field("site_url", Text(), "the public base URL where the leaflets are published "
          "(checked by siteconfig.py)"),
    Field("phone", Phone(), "the switchboard"),
    Field("email", Email(), "a general e-mail address"),
    Field("address", PlainText(), "the visiting address"),
    Field("hours", PlainText(), "when the switchboard can be reached"),
    Field("country_code", Text(), "e.g. '+31': makes international tel: links of national "
          "numbers"),
    Field("colours", Colours(), "brand colours: text (on white and on background) and "
          "background", default=BrandColours()),
    Field("departments", Departments(), "id -> name, phone, email, website, address, hours, "
          "urgent_phone, urgent", default=()),
))


def files(sources: Path) -> list[Path]:
    """The organisation files of a sources folder, in a stable order."""
    single = [sources / FILE] if (sources / FILE).is_file() else []
    return single + sorted((sources / FOLDER).glob("*.yaml"))


def load_organisations(sources: Path) -> tuple[tuple[Organisation, ...], list[Problem]]:
    """Every organisation of `sources` that can be used, and every problem found.

    A file with a problem is left out, except for a brand text colour of too
    little contrast: that is reported, and the editions print without it.
    """
    problems: list[Problem] = []
    found: list[Organisation] = []
    for path in files(sources):
        try:
            organisation, kept_errors = load_organisation(path, sources)
            found.append(organisation)
            problems += kept_errors
        except LeafletError as error:
            problems.extend(error.problems)
    problems += _clashes(found)
    return tuple(found), problems


def load_organisation(path: Path, sources: Path) -> tuple[Organisation, list[Problem]]:
    source = yamlfile.read(path, display(path))
    root = yamlfile.compose(source, EMPTY)
    context = Context(source, images=sources / "images")
    values = read_fields(ORGANISATION, root, "", context)
    if values is None or context.problems:
        raise LeafletError(context.problems)
    if values["country_code"] and not re.match(r"^\+\d{1,3}$", values["country_code"]):
        context.error(None, "E-phone-format", f"'country_code' must be written '+' and 1 to 3 "
                      f"digits (e.g. '+31'), not '{values['country_code']}'")
        raise LeafletError(context.problems)
    default = path.stem if path.parent.name == FOLDER else _slug(values["name"])
    values["id"] = values["id"] or default
    return Organisation(source=source.name, text=source, **values), context.kept_errors


def _slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.casefold())) or "organisation"


def _clashes(organisations: list[Organisation]) -> list[Problem]:
    """Department ids given by two organisations: a leaflet could not say which it means."""
    seen: dict[str, Department] = {}
    problems: list[Problem] = []
    for organisation in organisations:
        for department in organisation.departments:
            if department.id in seen:
                first = seen[department.id]
                where = department.position
                context = Context(organisation.text or yamlfile.decode(b"-", organisation.source))
                context.error(where, "E-duplicate-department", (
                    f"department '{department.id}' is also given in {first.source} (line "
                    f"{first.position.line if first.position else 1}); department ids are "
                    "unique across organisations: rename one"))
                problems += context.problems
            else:
                seen[department.id] = department
    return problems
