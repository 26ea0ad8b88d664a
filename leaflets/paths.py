"""Where the project's files live: the layouts, the styles, the font packages, the built-in data."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LAYOUTS = PROJECT / "layouts"
STYLES = PROJECT / "styles"
#: The built-in audiences, formats and languages (see source/builtin.py).
DATA = Path(__file__).resolve().parent / "data"

#: Python packages whose `files/` folder holds the fonts that styles/fonts*.css name.
FONT_PACKAGES = ("fontpkg-atkinson-hyperlegible", "fontpkg-noto-sans",
                 "fontpkg-ibm-plex-sans-arabic")
