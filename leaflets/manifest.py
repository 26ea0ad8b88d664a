"""What the last build made, kept in the output folder, so the next builds only what changed.

Each leaflet's entry holds a key: a content hash of everything its PDFs depend
on (its source file, the glossary and word list, the templates, styles, fonts,
the package's code and the pinned versions, the spelling engine's and
dictionaries' among them). When the key and the PDFs are still there, the
leaflet is not read again: its editorial findings come from the entry too
(review dates, which depend on the day, are checked anew).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path

from . import __version__, dictionaries
from .project import FONT_PACKAGES, LAYOUTS, STYLES
from .output import write_atomically

FILE = ".build-manifest.json"
PACKAGES = ("weasyprint", "pydyf", "pypdf", "fonttools", "pyphen", "jinja2",
            "markdown-it-py", "pyyaml", *FONT_PACKAGES)


def read(output: Path) -> dict:
    try:
        return json.loads((output / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no manifest, or a damaged one: build everything


def save(output: Path, entries: dict) -> None:
    write_atomically(output / FILE, json.dumps(entries, indent=1, sort_keys=True).encode())


@cache
def _environment() -> str:
    """A hash of what every PDF depends on besides its own source."""
    digest = hashlib.sha256(__version__.encode())
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=-".encode())
    for folder in (LAYOUTS, STYLES, Path(__file__).parent):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".css", ".py", ".yaml"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    digest.update(dictionaries.fingerprint().encode())  # the kept findings include spelling
    return digest.hexdigest()


def leaflet_key(source: Path, sources: Path, options: str) -> str:
    """The key of one leaflet's PDFs: its file, the shared sources files, the environment."""
    digest = hashlib.sha256(_environment().encode())
    digest.update(options.encode())
    digest.update(source.read_bytes())
    for shared in ("glossary.yaml", "wordlist.txt"):
        path = sources / shared
        digest.update(path.read_bytes() if path.exists() else b"-")
    images = sources / "images"
    if images.is_dir():
        for path in sorted(images.iterdir()):
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()

