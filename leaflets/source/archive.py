"""The archive of released editions, as the sources keep it: read and verified, never changed.

`<sources>/archive/<id>/edition-<n>/` holds what patients were given in
edition n: every PDF (`pdf/`, as the output folder names them), the exact
sources it was made from (`source/`: the leaflet, the glossary and the images it
shows, itself a sources folder), `edition.json` (the record) and `SHA256SUMS`
(the SHA-256 of every other file, in the format `sha256sum -c` reads). A
leaflet that is no longer published has `withdrawn.json` beside its editions.
The archive is written by `publish/release.py`, only ever into new folders.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FOLDER = "archive"
SUMS = "SHA256SUMS"
RECORD = "edition.json"
WITHDRAWN = "withdrawn.json"
SOURCE = "source"
PDFS = "pdf"
EDITION_FOLDER = re.compile(r"^edition-([1-9][0-9]*)$")


@dataclass(frozen=True)
class ArchivedEdition:
    """One released edition in the archive."""

    leaflet_id: str
    number: int
    folder: Path
    record: dict[str, Any]  # edition.json, as written at the release
    hashes: tuple[tuple[str, str], ...]  # (path under the folder, SHA-256), as recorded

    @property
    def sources(self) -> Path:
        """The edition's sources folder (leaflets/<id>.yaml, glossary.yaml, images/)."""
        return self.folder / SOURCE

    @property
    def leaflet_file(self) -> Path:
        return self.sources / "leaflets" / f"{self.leaflet_id}.yaml"

    def pdf(self, relative: str) -> Path:
        """An archived PDF by its path under the output folder (`adult/<id>.pdf`)."""
        return self.folder / PDFS / relative

    def damage(self) -> list[str]:
        """What no longer matches the recorded hashes: each file missing, changed or added."""
        found = []
        recorded = dict(self.hashes)
        for name, digest in self.hashes:
            path = self.folder / name
            if not path.is_file():
                found.append(f"{name} is missing")
            elif sha256(path.read_bytes()) != digest:
                found.append(f"{name} does not match its SHA-256")
        for path in sorted(self.folder.rglob("*")):
            name = path.relative_to(self.folder).as_posix()
            if path.is_file() and name != SUMS and name not in recorded:
                found.append(f"{name} was added after the release")
        return found


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def leaflet_folder(sources: Path, leaflet_id: str) -> Path:
    return sources / FOLDER / leaflet_id


def edition_folder(sources: Path, leaflet_id: str, number: int) -> Path:
    return leaflet_folder(sources, leaflet_id) / f"edition-{number}"


def editions(sources: Path, leaflet_id: str) -> list[ArchivedEdition]:
    """The archived editions of a leaflet, oldest first (none when it has no archive)."""
    folder = leaflet_folder(sources, leaflet_id)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            if (match := EDITION_FOLDER.match(path.name)) and path.is_dir():
                found.append(read_edition(leaflet_id, int(match.group(1)), path))
    return sorted(found, key=lambda edition: edition.number)


def edition(sources: Path, leaflet_id: str, number: int) -> ArchivedEdition | None:
    folder = edition_folder(sources, leaflet_id, number)
    return read_edition(leaflet_id, number, folder) if folder.is_dir() else None


def read_edition(leaflet_id: str, number: int, folder: Path) -> ArchivedEdition:
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        record = record if isinstance(record, dict) else {}
    except (OSError, ValueError):
        record = {}
    return ArchivedEdition(leaflet_id, number, folder, record, read_sums(folder / SUMS))


def read_sums(path: Path) -> tuple[tuple[str, str], ...]:
    """The (file, SHA-256) lines of a SHA256SUMS file; none when it cannot be read."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return ()
    hashes = []
    for line in lines:
        digest, _, name = line.partition("  ")
        if re.fullmatch(r"[0-9a-f]{64}", digest) and name:
            hashes.append((name, digest))
    return tuple(hashes)


def format_sums(hashes: list[tuple[str, str]]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(hashes))


def fingerprint(sources: Path, leaflet_id: str) -> bytes:
    """What a leaflet's build depends on in the archive: its editions' recorded hashes."""
    folder = leaflet_folder(sources, leaflet_id)
    if not folder.is_dir():
        return b"-"
    parts = [path.name.encode() + (path / SUMS).read_bytes() if (path / SUMS).is_file()
             else path.name.encode() for path in sorted(folder.iterdir())]
    return b"\0".join(parts)


def withdrawn(sources: Path, leaflet_id: str) -> dict[str, Any] | None:
    """The withdrawal record of a leaflet, if it was withdrawn."""
    path = leaflet_folder(sources, leaflet_id) / WITHDRAWN
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else {}
