"""The project's own fonts: where their files are, and which characters they have.

The fonts come from pinned Python packages (fontpkg-*), not from the machine, so
every machine sets the same glyphs and breaks the same pages.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from ..paths import FONT_PACKAGES, STYLES

FONT_URL = re.compile(r"""url\(["']?\.\./fonts/([^"')]+)["']?\)""")


@cache
def project_fonts() -> dict[str, Path]:
    """The font files of the pinned font packages, by file name."""
    return {
        entry.name: Path(str(entry))
        for package in FONT_PACKAGES
        for entry in resources.files(package.replace("-", "_")).joinpath("files").iterdir()
        if entry.name.endswith((".ttf", ".otf"))
    }


@cache
def _covered_characters(stylesheet: str) -> frozenset[int]:
    """The characters of the project fonts that a stylesheet in styles/ names."""
    from fontTools.ttLib import TTFont  # when needed: a build with nothing to do starts sooner

    path = STYLES / stylesheet
    names = FONT_URL.findall(path.read_text(encoding="utf-8")) if path.is_file() else []
    covered: set[int] = set()
    for name in names:
        covered.update(TTFont(project_fonts()[name], lazy=True).getBestCmap())
    return frozenset(covered)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self._skip = 0
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("head", "style")
        href = dict(attrs).get("href") or ""
        if tag == "link" and href.startswith("styles/"):
            self.stylesheets.append(href.removeprefix("styles/"))

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("head", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def missing_characters(html: str, stylesheets: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The characters of the document's text that none of its project fonts has.

    Its fonts are those its `stylesheets` declare, and those of the stylesheets
    in styles/ it links itself.
    """
    collector = _TextCollector()
    collector.feed(html)
    covered = frozenset[int]().union(*map(_covered_characters,
                                          (*stylesheets, *collector.stylesheets)))
    return tuple(sorted({ch for ch in "".join(collector.text)
                         if not ch.isspace() and ord(ch) not in covered}))
