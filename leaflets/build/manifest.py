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
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..checks import dictionaries
from ..checks.findings import EditionFindings, LongSentence
from ..checks.readability import Readability, Verdict
from ..model import Shared
from ..paths import FONT_PACKAGES, LAYOUTS, STYLES
from ..problems import Problem, Severity
from ..source import builtin
from ..source.entries import NotAFile, read_file
from .output import MANIFEST, read_recorded, write_atomically

FILE = MANIFEST
#: Bumped when the file's layout changes: an older manifest then builds everything.
VERSION = 4
PACKAGES = ("weasyprint", "pydyf", "pypdf", "fonttools", "pyphen", "jinja2",
            "markdown-it-py", "pyyaml", *FONT_PACKAGES)


@dataclass(frozen=True)
class Output:
    """One PDF a leaflet's entry made (or is making: then its hash is still "")."""

    path: str  # under the output folder
    pages: int
    leaflet: str  # its id
    key: str = ""  # the leaflet's key it was made from
    size: int = 0  # bytes, as written
    sha256: str = ""  # of the bytes written

    def matches(self, output: Path) -> bool:
        """Whether the file in `output` is still the one this build wrote (size, then hash)."""
        if not self.sha256:
            return False
        try:
            data = read_recorded(output, self.path, self.size)
        except OSError:
            return False
        return len(data) == self.size and hashlib.sha256(data).hexdigest() == self.sha256


def made(path: str, pages: int, leaflet: str, key: str, data: bytes) -> Output:
    """The record of a PDF just written from `data`."""
    return Output(path, pages, leaflet, key, len(data), hashlib.sha256(data).hexdigest())


@dataclass
class ManifestEntry:
    """What one leaflet's last build made and found (filled in as its jobs finish)."""

    key: str  # "" when something failed: build it again next time
    review: str | None  # the leaflet's review date, ISO
    warnings: list[Problem]  # its findings, except the review dates (checked anew)
    findings: list[EditionFindings]
    terms: list[str]  # the glossary terms its editions use
    outputs: dict[str, dict[str, Output]] = field(default_factory=dict)  # audience, format
    #: What of the organisations and snippets it printed (its key covers exactly these).
    uses: list[str] = field(default_factory=list)
    #: The publishers' folders of a co-published leaflet (outputs: "<audience>@<publisher>").
    publishers: list[str] = field(default_factory=list)

    def output(self, audience: str, format_id: str) -> Output | None:
        """The PDF of `audience` in `format_id`, if it was made from this entry's key."""
        found = self.outputs.get(audience, {}).get(format_id)
        return found if found is not None and found.key == self.key and self.key else None

    def recorded(self) -> list[Output]:
        return [made for formats in self.outputs.values() for made in formats.values()]


class Manifest:
    """The manifest of one output folder, kept true on disk while a build changes the folder.

    Before a leaflet's first new PDF is written its entry on disk loses its key
    and lists the PDFs about to be written, so that a build killed halfway
    leaves a manifest that vouches for nothing it did not see.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        recorded, self.spelling, self.damage = read(output)
        self.entries = {name: entry for name, (entry, _) in recorded.items()}
        # Each entry as read, with its JSON: an entry a build takes over unchanged is
        # written back from that (entries are replaced, never changed in place).
        self.recorded = recorded
        self.invalidated: set[str] = set()

    def invalidate(self, planned: dict[str, ManifestEntry]) -> None:
        """Say on disk that these leaflets' PDFs are being replaced by those they list.

        One write for every leaflet not said yet: a build calls it before its
        first PDF, when every leaflet it rebuilds has been planned.
        """
        new = {name: entry for name, entry in planned.items() if name not in self.invalidated}
        if not new:
            return
        self.invalidated.update(new)
        for name, entry in new.items():
            self.entries[name] = replace(entry, key="", outputs={
                audience: dict(formats) for audience, formats in entry.outputs.items()})
        self._save()

    def carried(self, name: str, audiences: Iterable[str],
                planned: Iterable[tuple[str, str, Output]]) -> dict[str, dict[str, Output]]:
        """The outputs a rebuilt leaflet's entry starts with: the PDFs about to be written,
        and the recorded ones of its audiences and formats not built this time."""
        known, wanted = builtin.data().formats, set(audiences)
        old = self.entries.get(name)
        outputs = {audience: {format_id: made for format_id, made in formats.items()
                              if format_id in known}
                   for audience, formats in (old.outputs.items() if old else ())
                   if audience in wanted}
        for audience, format_id, made in planned:
            outputs.setdefault(audience, {})[format_id] = made
        return outputs

    def withdrawn(self, name: str, entry: ManifestEntry) -> list[str]:
        """The recorded PDFs of `name` that its new `entry` no longer makes."""
        old = self.entries.get(name)
        kept = {made.path for made in entry.recorded()}
        return sorted({made.path for made in (old.recorded() if old else ())} - kept)

    def withdraw_deleted(self, current: set[str], claimed: set[str]) -> list[str]:
        """Forget the entries of leaflet files not `current`; their PDFs no entry `claimed`."""
        gone = [name for name in self.entries if name not in current]
        paths = {made.path for name in gone for made in self.entries.pop(name).recorded()}
        return sorted(paths - claimed)

    def save(self, entries: dict[str, ManifestEntry]) -> None:
        self.entries.update(entries)
        self._save()

    def _save(self) -> None:
        leaflets = {}
        for name, entry in self.entries.items():
            read_as, data = self.recorded.get(name, (None, None))
            leaflets[name] = data if read_as is entry else asdict(entry)
        # Compact: a file for the build, not for reading, and json's fast encoder
        # writes only that (a 200-leaflet manifest in a quarter of the time).
        write_atomically(self.output / FILE, json.dumps(
            {"version": VERSION, "leaflets": leaflets, "spelling": {
                "versions": dictionaries.fingerprint(), "verdicts": self.spelling}},
            sort_keys=True, separators=(",", ":")).encode(), inside=self.output)


Recorded = dict[str, tuple[ManifestEntry, dict[str, Any]]]
Verdicts = dict[str, dict[str, bool]]


def read(output: Path) -> tuple[Recorded, Verdicts, str | None]:
    """The last build's entries by leaflet file, each with its JSON; the spelling
    dictionaries' verdicts it kept (if made with the same versions); and why they were
    discarded, if they were.

    No manifest, or one of an older layout, is no damage: everything is built.
    """
    data, damage = _load(output)
    if not isinstance(data, dict):
        return {}, {}, damage if data is None else (
            f"it holds a JSON {type(data).__name__}, not an object")
    if data.get("version") != VERSION:
        return {}, {}, None
    try:
        return {str(name): (_entry(entry), entry)
                for name, entry in data["leaflets"].items()}, _verdicts(data), None
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}, {}, "its entries are not the ones a build writes"


def _verdicts(data: dict[str, Any]) -> Verdicts:
    """The dictionaries' verdicts a manifest kept; none if they are of other versions (or
    not of the shape a build writes: they are only ever a shortcut)."""
    try:
        spelling = data["spelling"]
        if spelling["versions"] != dictionaries.fingerprint():
            return {}
        return {str(name): {str(word): verdict for word, verdict in words.items()
                            if isinstance(verdict, bool)}
                for name, words in spelling["verdicts"].items()}
    except (KeyError, TypeError, AttributeError):
        return {}


def _load(output: Path) -> tuple[Any, str | None]:
    """The manifest's JSON (None when there is none), and why it cannot be read."""
    try:
        data = json.loads(read_recorded(output, FILE).decode("utf-8"))
        return data, None if data is not None else "it holds a JSON null, not an object"
    except FileNotFoundError:
        return None, None
    except NotAFile as error:
        return None, error.strerror
    except OSError as error:
        return None, f"it cannot be read ({error.strerror or error})"
    except ValueError:
        return None, "it is not JSON"


def _entry(data: dict[str, Any]) -> ManifestEntry:
    return ManifestEntry(
        key=str(data["key"]), review=data["review"],
        warnings=[_problem(w) for w in data["warnings"]],
        findings=[_findings(f) for f in data["findings"]], terms=list(data["terms"]),
        outputs={str(audience): {str(format_id): _output(made) for format_id, made in
                                 formats.items()}
                 for audience, formats in data["outputs"].items()},
        uses=[str(use) for use in data["uses"]],
        publishers=[str(publisher) for publisher in data["publishers"]])


def _output(data: dict[str, Any]) -> Output:
    made = Output(**data)
    if not isinstance(made.path, str) or not isinstance(made.size, int):
        raise TypeError("not an output")
    return made


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
    """The keys of the leaflets of one sources folder (the shared files are read once).

    The organisations and snippets are not in every key: a leaflet's key covers
    the ones it prints (`Leaflet.uses`), so that a changed phone number rebuilds
    exactly the leaflets that print it.
    """

    def __init__(self, sources: Path, publishing: Shared | None = None) -> None:
        self.uses = _fingerprints(publishing or Shared())
        digest = hashlib.sha256(_environment().encode())
        for shared in ("glossary.yaml", "wordlist.txt"):
            try:
                digest.update(read_file(sources / shared))
            except OSError as error:  # none, or an odd entry the planning reports
                digest.update(f"-{error.errno}".encode())
        # The site address that every QR code prints (a department's data is in the
        # key of the leaflets that print it, through `uses`).
        for organisation in (publishing or Shared()).organisations:
            digest.update(f"site:{organisation.site_url}".encode())
        images = sources / "images"
        if images.is_dir():
            for path in sorted(images.iterdir()):
                try:
                    stat = path.stat()
                    digest.update(f"{path.name}:{stat.st_mode}:{stat.st_size}:"
                                  f"{stat.st_mtime_ns}".encode())
                except OSError:  # a dangling link: the leaflet that uses it is told
                    digest.update(f"{path.name}:-".encode())
        self.shared = digest.hexdigest()

    def key(self, source: bytes, uses: Iterable[str] = ()) -> str:
        """The key of one leaflet's PDFs: its file's bytes, what it uses, everything shared."""
        digest = hashlib.sha256(self.shared.encode() + source)
        for use in sorted(uses):
            digest.update(f"\n{use}={self.uses.get(use, '-')}".encode())
        return digest.hexdigest()


def _fingerprints(shared: Shared) -> dict[str, str]:
    """A hash of each organisation, department and snippet's printed values, by use name."""
    found: dict[str, Any] = {}
    for organisation in shared.organisations:
        found[f"organisation:{organisation.id}"] = replace(
            organisation, departments=(), text=None, source="")
        for department in organisation.departments:
            found[f"department:{department.id}"] = replace(department, position=None, source="")
    for snippet in shared.snippets:
        found[f"snippet:{snippet.name}"] = (
            snippet.urgent, *(text for variant in (snippet.heading, snippet.body) if variant
                              for text in ((k, v) for k, v, _ in variant.texts)))
    return {use: hashlib.sha256(repr(value).encode()).hexdigest() for use, value in found.items()}


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
