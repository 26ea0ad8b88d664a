"""What the build's workers share: imported once, by the server process they are forked from.

Importing this module loads everything typesetting needs (worker.load), so
that WeasyPrint and its libraries (Pango, HarfBuzz, fontconfig), the project
fonts, every audience's stylesheets in every format, the compiled layouts, the
hyphenation dictionaries of the common languages and PDFium are in memory
before the first worker is forked: each worker starts warm, and shares those
pages with the others until it writes to them. Nothing here holds a thread, a
file or a lock that a fork would copy.

The server ends when the build does. It then ends at once, without freeing the
large interpreter it is (which takes longer than most of a small build's
finishing, and holds the build's output open for whoever reads it): the font
copies it made are removed, and nothing else of it outlives it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys

from ..render import stylesheets
from .worker import load


def _end_at_once() -> None:
    stylesheets.remove_font_copies()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(0)


load()
# The workers forked from here end through os._exit, which runs no exit handler.
atexit.register(_end_at_once)
