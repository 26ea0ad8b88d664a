"""Validators of plain values: numbers, switches, choices, lengths, file names, lists, patterns.

The built-in data (formats, audiences, languages) is declared with these and
with the validators of `fields.py`.
"""

from __future__ import annotations

import math
import re
import string
from pathlib import Path
from typing import Any

from yaml.nodes import Node, SequenceNode

from .nodes import Context, Text, Validator, mapping


class Number(Validator[float]):
    kind = "number"

    def __init__(self, whole: bool = False, minimum: float = 0) -> None:
        self.whole, self.minimum = whole, minimum

    def read(self, node: Node, what: str, context: Context) -> Any:
        text = Text().read(node, what, context)
        if text is None:
            return None
        value: float | None
        try:
            value = int(text) if self.whole or text.lstrip("-").isdigit() else float(text)
        except ValueError:
            value = None
        if value is None or value < self.minimum:
            kind = "a whole number" if self.whole else "a number"
            context.error(node, "E-not-a-number", f"{what} must be {kind} of at least "
                                                  f"{self.minimum:g}, not '{text}'")
            return None
        return value


class Boolean(Validator[bool]):
    kind = "true or false"

    def read(self, node: Node, what: str, context: Context) -> bool | None:
        text = Text().read(node, what, context)
        if text is None:
            return None
        if text.lower() not in ("true", "false"):
            context.error(node, "E-not-yes-no", f"{what} must be true or false, not '{text}'")
            return None
        return text.lower() == "true"


class Choice(Validator[str]):
    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.kind = " or ".join(choices)

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = Text().read(node, what, context)
        if text is not None and text not in self.choices:
            context.error(node, "E-unknown-value",
                          f"{what} must be {self.kind}, not '{text}'")
            return None
        return text


class Length(Validator[str]):
    """A CSS length in one unit: a bleed in mm ('3mm'), a type size in pt ('12pt')."""

    def __init__(self, unit: str, example: str, what: str = "length",
                 positive: bool = False) -> None:
        self.unit, self.example, self.positive = unit, example, positive
        self.kind = f"{what} in {unit}"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = Text().read(node, what, context)
        if text is None:
            return None
        try:
            number = float(text.removesuffix(self.unit))
            if (not text.endswith(self.unit) or not math.isfinite(number) or number < 0
                    or (self.positive and number == 0)):
                raise ValueError(text)
        except ValueError:
            context.error(node, "E-not-a-number", f"{what} must be a {self.kind} such as "
                                                  f"'{self.example}', not '{text}'")
            return None
        return text


class Settings(Validator[tuple[tuple[str, str], ...]]):
    """A mapping of known names, each to one of its own values (PDF ViewerPreferences)."""

    def __init__(self, allowed: dict[str, tuple[str, ...]]) -> None:
        self.allowed = allowed
        self.kind = f"mapping of {', '.join(allowed)}"

    def read(self, node: Node, what: str, context: Context) -> tuple[tuple[str, str], ...] | None:
        before = len(context.problems)
        fields = mapping(node, what, tuple(self.allowed), context)
        found = [(name, Choice(*self.allowed[name]).read(value, f"{what}: {name}", context))
                 for name, value in fields.items()]
        if len(context.problems) > before:
            return None
        return tuple((name, value) for name, value in found if value is not None)


class FileIn(Validator[str]):
    """The name of a file in one of the project's folders (a stylesheet, a layout)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.kind = f"file in {folder.name}/"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        name = Text().read(node, what, context)
        if name is not None and (Path(name).name != name or not (self.folder / name).is_file()):
            context.error(node, "E-missing-file",
                          f"{what} names '{name}', which is not a file in {self.folder.name}/")
            return None
        return name


class TextList(Validator[tuple[str, ...]]):
    kind = "list of texts"

    def __init__(self, item: Validator[str] | None = None, length: int | None = None) -> None:
        self.item, self.length = item or Text(), length

    def read(self, node: Node, what: str, context: Context) -> tuple[str, ...] | None:
        if not isinstance(node, SequenceNode):
            context.error(node, "E-not-a-list", f"{what} must be a list, e.g. [a, b]")
            return None
        if self.length is not None and len(node.value) != self.length:
            context.error(node, "E-not-a-list",
                          f"{what} must list {self.length} items, not {len(node.value)}")
            return None
        items = [self.item.read(item, f"an item of {what}", context) for item in node.value]
        return None if None in items else tuple(item for item in items if item is not None)


class Pattern(Validator[str]):
    """A text with `{placeholders}`: exactly the ones named, and ending as it must."""

    def __init__(self, placeholders: tuple[str, ...], suffix: str = "") -> None:
        self.placeholders, self.suffix = placeholders, suffix
        self.kind = f"pattern with {', '.join('{' + p + '}' for p in placeholders)}"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = Text().read(node, what, context)
        if text is None:
            return None
        try:
            used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError:
            used = {"?"}
        if used != set(self.placeholders) or not text.endswith(self.suffix):
            names = ", ".join("{" + name + "}" for name in self.placeholders)
            ending = f" and end in '{self.suffix}'" if self.suffix else ""
            context.error(node, "E-placeholder",
                          f"{what} must use exactly {names}{ending}, not '{text}'")
            return None
        return text


#: A telephone number as it is printed: digits, spaces, hyphens, one leading +, (0).
PHONE = re.compile(r"^\+?[\d ()-]+$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$")
HEX_COLOUR = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")


class Phone(Validator[str]):
    """A telephone number as readers dial it, e.g. '088 555 01 00' or '+31 88 555 01 00'."""

    kind = "telephone number"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = Text().read(node, what, context)
        if text is None:
            return None
        digits = sum(character.isdigit() for character in text)
        if not PHONE.match(text) or not 6 <= digits <= 15:
            context.error(node, "E-phone-format", f"{what} must be a telephone number of 6 to "
                          f"15 digits, spaces and hyphens (e.g. '088 555 01 00'), not '{text}'")
            return None
        return text


class Email(Validator[str]):
    kind = "e-mail address"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = Text().read(node, what, context)
        if text is not None and not EMAIL.match(text):
            context.error(node, "E-email-format", f"{what} must be an e-mail address such as "
                          f"'poli@example.org', not '{text}'")
            return None
        return text


class Colour(Validator[str]):
    """An sRGB colour, '#1f4e79' or '#fff'; given as the six-digit form."""

    kind = "colour (#rrggbb)"

    def read(self, node: Node, what: str, context: Context) -> str | None:
        text = Text().read(node, what, context)
        if text is None:
            return None
        if not HEX_COLOUR.match(text):
            context.error(node, "E-colour-format", f"{what} must be a colour written as "
                          f"'#rrggbb' (e.g. '#1f4e79'), not '{text}'")
            return None
        digits = text[1:].lower()
        return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two '#rrggbb' colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
