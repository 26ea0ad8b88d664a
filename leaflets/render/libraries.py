"""Loading WeasyPrint's native libraries without searching the machine for them.

WeasyPrint asks for each library (GObject, Pango, HarfBuzz, fontconfig...) by
several names, one per platform; cffi hands every name the system's loader does
not know to `ctypes.util.find_library`, which on Linux runs `ldconfig` and the C
compiler to look: about twenty processes, a large part of every worker's
start-up. On Linux the loader finds each library by its versioned name
(libpango-1.0.so.0), which WeasyPrint also tries, so the search is skipped
there; should the import fail that way, it is made again with the search.
"""

from __future__ import annotations

import ctypes.util
import importlib
import sys
from types import ModuleType


def import_weasyprint() -> ModuleType:
    """`import weasyprint`, quickly where the platform allows."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        return importlib.import_module("weasyprint")
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        return importlib.import_module("weasyprint")
    except OSError:  # a library only the search finds: forget the half-import, search
        for name in [name for name in sys.modules if name.split(".")[0] == "weasyprint"]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = search
    return importlib.import_module("weasyprint")
