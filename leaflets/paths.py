"""Where the project's presentation lives: the layouts, the styles and the font packages."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LAYOUTS = PROJECT / "layouts"
STYLES = PROJECT / "styles"

#: Python packages whose `files/` folder holds the fonts that styles/fonts*.css name.
FONT_PACKAGES = ("fontpkg-atkinson-hyperlegible", "fontpkg-noto-sans",
                 "fontpkg-ibm-plex-sans-arabic")
