"""What the build's workers share: imported once, by the server process they are forked from.

Importing this module loads everything typesetting needs and lays out a small
document once, so that WeasyPrint's libraries (Pango, HarfBuzz, fontconfig),
the project fonts, the templates, the hyphenation dictionaries of the common
languages and PDFium are in memory before the first worker is forked: each
worker starts warm, and shares those pages with the others until it writes to
them. Nothing here holds a thread, a file or a lock that a fork would copy.
"""

from __future__ import annotations

from .worker import load

load()
