"""What a print file asks of the printer's dialog (PDF ViewerPreferences).

A folded booklet only comes out right printed on both sides, turned on the
short edge, at 100 %: a viewer that honours `Duplex` and `PrintScaling` starts
its print dialog that way, so the print room does not have to remember it. The
entries come from the format (`viewer_preferences` in formats.yaml), whose
schema (`source/builtin.py`) admits only the names and values ISO 32000-1
(12.2) defines for them.
"""

from __future__ import annotations

from typing import Any

import pydyf


def ask_viewers(pdf: Any, preferences: tuple[tuple[str, str], ...]) -> None:
    """WeasyPrint finisher: add `preferences` (name, value) to the catalog's ViewerPreferences."""
    viewer = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
    for name, value in preferences:
        viewer[name] = f"/{value}"
    pdf.catalog["ViewerPreferences"] = viewer
