"""What the last build made, kept in the output folder, so the next builds only what changed.

Each leaflet's entry holds a key: a content hash of everything its PDFs depend
on (its source file, the glossary and word list, the images, the templates,
styles, fonts, built-in data, the package's code and the pinned versions, the
spelling engine's and dictionaries' among them). When the key and the PDFs are
still there, the leaflet is not read again: its editorial findings come from
the entry too (review dates, which depend on the day, are checked anew).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..checks import dictionaries
from ..checks.findings import EditionFindings, LongSentence
from ..checks.readability import Readability, Verdict
from ..paths import FONT_PACKAGES, LAYOUTS, STYLES
from ..problems import Problem, Severity
from ..source import builtin
from .output import write_atomically

FILE = ".build-manifest.json"
#: Bumped when the file's layout changes: an older manifest then builds everything.
VERSION = 2
PACKAGES = ("weasyprint", "pydyf", "pypdf", "fonttools", "pyphen", "jinja2",
            "markdown-it-py", "pyyaml", *FONT_PACKAGES)


@dataclass(frozen=True)
class Output:
    """One PDF a leaflet's entry made."""

    path: str  # under the output folder
    pages: int
    leaflet: str  # its id


@dataclass
class ManifestEntry:
    """What one leaflet's last build made and found (filled in as its jobs finish)."""

    key: str  # "" when something failed: build it again next time
    review: str | None  # the leaflet's review date, ISO
    warnings: list[Problem]  # its findings, except the review dates (checked anew)
    findings: list[EditionFindings]
    terms: list[str]  # the glossary terms its editions use
    outputs: dict[str, dict[str, Output]] = field(default_factory=dict)  # audience, format

    def output(self, audience: str, format_id: str) -> Output | None:
        return self.outputs.get(audience, {}).get(format_id)


def read(output: Path) -> dict[str, ManifestEntry]:
    """The last build's entries by leaflet file; none when there is none or it is damaged."""
    try:
        data = json.loads((output / FILE).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}
        return {name: _entry(entry) for name, entry in data["leaflets"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # build everything


def save(output: Path, entries: dict[str, ManifestEntry]) -> None:
    data = {"version": VERSION,
            "leaflets": {name: asdict(entry) for name, entry in entries.items()}}
    write_atomically(output / FILE, json.dumps(data, indent=1, sort_keys=True).encode())


def _entry(data: dict[str, Any]) -> ManifestEntry:
    return ManifestEntry(
        key=str(data["key"]), review=data["review"],
        warnings=[_problem(w) for w in data["warnings"]],
        findings=[_findings(f) for f in data["findings"]], terms=list(data["terms"]),
        outputs={audience: {format_id: Output(**made) for format_id, made in formats.items()}
                 for audience, formats in data["outputs"].items()})


def _problem(data: dict[str, Any]) -> Problem:
    return Problem(**{**data, "severity": Severity(data["severity"])})


def _findings(data: dict[str, Any]) -> EditionFindings:
    figures = data["readability"]
    return EditionFindings(**{
        **data, "readability": Readability(**{
            **figures, "longest_sentences": tuple(figures["longest_sentences"])}),
        "verdicts": tuple(Verdict(**verdict) for verdict in data["verdicts"]),
        "unknown_words": tuple(data["unknown_words"]),
        "warnings": tuple(_problem(w) for w in data["warnings"]),
        "long_sentences": tuple(LongSentence(**s) for s in data["long_sentences"])})


class Keys:
    """The keys of the leaflets of one sources folder (the shared files are read once)."""

    def __init__(self, sources: Path) -> None:
        digest = hashlib.sha256(_environment().encode())
        # organisation.yaml: the site address that the QR codes print.
        for shared in ("glossary.yaml", "wordlist.txt", "organisation.yaml"):
            path = sources / shared
            digest.update(path.read_bytes() if path.exists() else b"-")
        images = sources / "images"
        if images.is_dir():
            for path in sorted(images.iterdir()):
                stat = path.stat()
                digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        self.shared = digest.hexdigest()

    def key(self, source: bytes) -> str:
        """The key of one leaflet's PDFs: its file's bytes and everything shared."""
        return hashlib.sha256(self.shared.encode() + source).hexdigest()


@cache
def _environment() -> str:
    """A hash of what every PDF depends on besides its own source."""
    digest = hashlib.sha256(__version__.encode())
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=-".encode())
    for folder in (LAYOUTS, STYLES, Path(__file__).parent.parent, builtin.data().folder):
        for path in sorted(folder.rglob("*")):
            # The leaflet site's own templates and stylesheet (site-*.html, site.css)
            # are no part of any PDF: the site keeps its own fingerprint of them.
            if path.is_file() and path.suffix in (".html", ".css", ".py", ".yaml") and not (
                    path.name.startswith("site") and path.parent in (LAYOUTS, STYLES)):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    digest.update(dictionaries.fingerprint().encode())  # the kept findings include spelling
    return digest.hexdigest()
