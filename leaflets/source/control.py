"""Document control in the source: the leaflet's code and its history of released editions.

Declared like every other field (see `schema.py`): `code` is a stable reference
such as NEU-012; `history` lists the released editions, oldest first, each with
its number, date, approver and a note of what changed. The numbers run 1, 2,
3, ... in order, the dates never go back, and no edition is dated after today.
"""

from __future__ import annotations

import datetime as dt
import re

from yaml.nodes import Node, SequenceNode

from ..model import Release
from .fields import Date, ListOf, PlainText
from .nodes import Context, Field, Schema, Text, Validator
from .values import Number

#: A code as document control writes it: capitals and digits in parts (NEU-012, KC.4-2).
CODE = re.compile(r"^[A-Z0-9]+(?:[-./][A-Z0-9]+)*$")


class Code(Validator[str]):
    kind = "code (e.g. NEU-012)"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        code = Text().read(node, what, context)
        if code is not None and not CODE.match(code):
            context.error(node, "E-code-format", f"{what} must be capital letters and digits in "
                          f"parts joined by '-', '.' or '/', such as 'NEU-012', not '{code}'")
            return None
        return code


RELEASE = Schema("an edition", (
    Field("number", Number(whole=True, minimum=1), "1 for the first edition, then 2, 3, ...",
          required=True),
    Field("date", Date(), "the date of the edition (the day it was approved)", required=True),
    Field("approved_by", PlainText(), "who approved it: a name or a role", required=True),
    Field("note", PlainText(), "what changed, or where the text came from", required=True,
          per_audience=True),
))


class History(ListOf[Release]):
    """The released editions, oldest first: numbered in order, dated in order, none ahead."""

    def __init__(self) -> None:
        super().__init__(RELEASE, "edition", Release)

    def read(self, node: Node, what: str, context: Context) -> tuple[Release, ...] | None:
        before = len(context.problems)
        releases = super().read(node, what, context)
        if not releases or len(context.problems) > before or not isinstance(node, SequenceNode):
            return releases
        today = context.today or dt.date.today()
        for index, (release, item) in enumerate(zip(releases, node.value, strict=True)):
            if release.number != index + 1:
                context.error(item, "E-edition-number", f"edition {index + 1} of 'history' has "
                              f"number {release.number}; editions are numbered 1, 2, 3, ... "
                              "oldest first")
            elif index and release.date < releases[index - 1].date:
                context.error(item, "E-edition-order", f"edition {release.number} is dated "
                              f"{release.date.isoformat()}, before edition {release.number - 1} "
                              f"({releases[index - 1].date.isoformat()})")
            elif release.date > today:
                context.error(item, "E-edition-future", f"edition {release.number} is dated "
                              f"{release.date.isoformat()}, after today; an edition is dated the "
                              "day it is approved")
        return releases if len(context.problems) == before else None
