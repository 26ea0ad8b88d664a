"""The project's stylesheets, each parsed once per process and thread, with their fonts.

A stylesheet is known by its contents (and, if it imports others, by those of
every stylesheet), so an edited one (`serve`) is parsed again. Those that
declare fonts (@font-face) are parsed into a font configuration of their own
for each set of them a document has (fonts.css, with or without
fonts-arabic.css), which then holds exactly the fonts they declare: WeasyPrint
falls back on any font its configuration holds, so one shared with other fonts
would make a PDF depend on what was typeset before it; one per set cannot. The
@counter-style rules, which WeasyPrint keeps per document, are handed to each.
One cache per thread: a font configuration is not safe to share between threads.

The workers' server parses every audience's layers before it forks the workers
(`preload`), which then share them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from multiprocessing import util
from pathlib import Path
from typing import Any

from ..paths import STYLES
from .libraries import import_weasyprint

import_weasyprint()  # before anything else imports it: without searching for its libraries

from weasyprint import CSS  # noqa: E402
from weasyprint.css.counters import CounterStyle  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError  # noqa: E402

from .sandbox import BASE_URL, ProjectFetcher, RefusedResource, RenderError  # noqa: E402


class Parsed(threading.local):
    """The stylesheets parsed in one thread, and the font configurations they fill."""

    #: The parsed stylesheets kept at once: more than every layer, edited a few times.
    KEPT = 256

    def __init__(self) -> None:
        self.sheets: dict[tuple[str, ...], tuple[Any, dict[str, Any]]] = {}
        self.fonts: dict[tuple[str, ...], Any] = {}  # by the font stylesheets' keys

    def get(self, names: tuple[str, ...], styles: Path) -> tuple[Any, list[Any], Any]:
        """The font configuration, the parsed stylesheets and the counter styles for `names`."""
        if len(self.sheets) > self.KEPT:
            self.sheets.clear()  # with the fonts they were parsed into
            self.fonts.clear()
        read = {name: _read(styles, name) for name in names}
        fonts_key = tuple(part for name, (digest, declares) in read.items() if declares
                          for part in (name, digest))
        fonts = self.fonts.get(fonts_key)
        if fonts is None:
            fonts = self.fonts[fonts_key] = FontConfiguration()
        sheets, counters = [], CounterStyle()
        for name, (digest, declares) in read.items():
            # A sheet with fonts is parsed into the configuration of its set.
            key = (str(styles), name, digest, *(fonts_key if declares else ()))
            if key not in self.sheets:
                self.sheets[key] = _parse(name, styles, fonts if declares else None)
                _removed_at_exit(fonts)
            sheet, counter_styles = self.sheets[key]
            sheets.append(sheet)
            counters.update(counter_styles)
        return fonts, sheets, counters


def _read(styles: Path, name: str) -> tuple[str, bool]:
    """A stylesheet's key (its SHA-256), and whether it may declare fonts."""
    try:
        data = (styles / name).read_bytes()
    except OSError:
        return "", False  # parsing it says what is wrong
    if b"@import" in data:  # what it imports counts too, fonts included
        others = b"".join(path.read_bytes() for path in sorted(styles.glob("*.css")))
        return hashlib.sha256(data + others).hexdigest(), True
    return hashlib.sha256(data).hexdigest(), b"@font-face" in data


def _parse(name: str, styles: Path, fonts: Any) -> tuple[Any, dict[str, Any]]:
    fetcher, counter_styles = ProjectFetcher(styles), dict[str, Any]()
    try:
        sheet = CSS(url=f"{BASE_URL}styles/{name}", url_fetcher=fetcher, font_config=fonts,
                    counter_style=counter_styles)
    except (FatalURLFetchingError, RefusedResource) as error:
        raise RenderError(str(getattr(error, "__cause__", None) or error)) from None
    if fetcher.refused:
        raise RenderError(fetcher.refused[0])
    return sheet, counter_styles


#: The folders of font copies to remove, each with the process that made them.
_REMOVED: dict[str, int] = {}


def _removed_at_exit(fonts: Any) -> None:
    """Remove the copies of the fonts WeasyPrint made for `fonts` when this process ends.

    WeasyPrint removes them when the configuration is freed, which a cached one
    never is, and a worker ends without freeing anything. Only the process that
    made them removes them (multiprocessing forgets a parent's exit handlers in
    a child), so a worker never deletes the fonts of its server.
    """
    folder = getattr(fonts, "_folder", None)  # WeasyPrint's, made with the first font
    if folder is not None and str(folder) not in _REMOVED:
        _REMOVED[str(folder)] = os.getpid()
        util.Finalize(None, shutil.rmtree, args=(str(folder),), kwargs={"ignore_errors": True},
                      exitpriority=0)


def remove_font_copies() -> None:
    """Remove now the font copies this process made (for a process that ends at once)."""
    for folder, maker in _REMOVED.items():
        if maker == os.getpid():
            shutil.rmtree(folder, ignore_errors=True)


_PARSED = Parsed()
#: The font configurations parsed before a process forks its workers (`preload`):
#: kept for good, as a worker freeing one would delete the font files that
#: WeasyPrint wrote for it, which the other workers read too.
_SHARED: list[Any] = []


def get(names: tuple[str, ...], styles: Path) -> tuple[Any, list[Any], Any]:
    """The font configuration, the parsed stylesheets and the counter styles for `names`."""
    return _PARSED.get(names, styles)


def preload(names: tuple[str, ...], styles: Path = STYLES) -> None:
    """Parse `names` now, in this thread, for every process forked from it to share."""
    _SHARED.append(_PARSED.get(names, styles)[0])
