"""Where the project's presentation lives: the layouts and styles beside the package."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LAYOUTS = PROJECT / "layouts"
STYLES = PROJECT / "styles"
