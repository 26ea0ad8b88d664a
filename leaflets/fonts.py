"""The project's own fonts: where their files are, and which characters they have.

The fonts come from pinned Python packages (fontpkg-*), not from the machine, so
every machine sets the same glyphs and breaks the same pages.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from fontTools.ttLib import TTFont

#: Python packages whose `files/` folder holds the fonts that styles/fonts.css names.
FONT_PACKAGES = ("fontpkg_atkinson_hyperlegible", "fontpkg_noto_sans", "fontpkg_ibm_plex_sans_arabic")


@cache
def project_fonts() -> dict[str, Path]:
    """The font files of the pinned font packages, by file name."""
    return {
        entry.name: Path(str(entry))
        for package in FONT_PACKAGES
        for entry in resources.files(package).joinpath("files").iterdir()
        if entry.name.endswith((".ttf", ".otf"))
    }


@cache
def _covered_characters() -> frozenset[int]:
    covered: set[int] = set()
    for path in project_fonts().values():
        covered.update(TTFont(path, lazy=True).getBestCmap())
    return frozenset(covered)


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("head", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("head", "style")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def missing_characters(html: str) -> tuple[str, ...]:
    """The characters of the document's text that none of the project fonts has."""
    collector = _TextCollector()
    collector.feed(html)
    covered = _covered_characters()
    return tuple(sorted({ch for ch in "".join(collector.text)
                         if not ch.isspace() and ord(ch) not in covered}))
