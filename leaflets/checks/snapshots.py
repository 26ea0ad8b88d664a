"""Stage 6: regression checks on the text of every page.

A snapshot is the normalised text of each page of an edition, as a PDF text
extractor (pypdf) reads it, with a visible separator line before every page.
Comparing snapshots shows editors exactly which sentences on which page changed.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from ..model import PUBLISHERS_FOLDER

PAGE_SEPARATOR = re.compile(r"^===== page (\d+) of (\d+) =====$", re.MULTILINE)


def page_texts(pdf: bytes) -> list[str]:
    """The normalised text of each page of a PDF."""
    return [normalise(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


#: Two-byte character codes read one byte at a time ("\x00D\x00i" for "Di"): what pypdf
#: gives for a paragraph set partly in a fallback font with a two-byte encoding.
_TWO_BYTE_RUN = re.compile(r"(?:\x00[\x01-\xff]|[\xd8-\xdb][\x00-\xff][\xdc-\xdf][\x00-\xff])+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalise(text: str) -> str:
    """Text as a reader sees it: NFC, single spaces, no blank or trailing space.

    Whatever the page holds, the result is readable text: a run of two-byte codes
    read as single bytes is decoded as the UTF-16 it is, and any control character
    left is shown as U+FFFD, so that a later change in that text cannot go unseen.
    """
    text = _TWO_BYTE_RUN.sub(_two_bytes, text)
    text = _CONTROL.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def format_snapshot(pages: list[str]) -> str:
    total = len(pages)
    return "".join(f"===== page {n} of {total} =====\n{text}\n"
                   for n, text in enumerate(pages, start=1))


def parse_snapshot(snapshot: str) -> list[str]:
    parts = PAGE_SEPARATOR.split(snapshot)
    # split() gives [before, n, total, text, n, total, text, ...]
    return [parts[i + 2].strip("\n") for i in range(1, len(parts) - 2, 3)]


def snapshot_path(snapshots: Path, audience: str, leaflet_id: str, format_id: str = "a4",
                  publisher: str | None = None) -> Path:
    """tests/snapshots/<audience>/<id>.txt for A4, <id>.<format>.txt for the other formats;
    a co-published leaflet's under by/<publisher>/, as its PDFs are."""
    suffix = "" if format_id == "a4" else f".{format_id}"
    folder = snapshots / PUBLISHERS_FOLDER / publisher if publisher else snapshots
    return folder / audience / f"{leaflet_id}{suffix}.txt"


def differences(expected: list[str], actual: list[str], name: str) -> list[str]:
    """A unified diff for each page whose text changed; empty when nothing did."""
    lines: list[str] = []
    if len(expected) != len(actual):
        lines.append(f"{name}: {len(expected)} pages in the snapshot, {len(actual)} built")
    for number in range(1, max(len(expected), len(actual)) + 1):
        before = expected[number - 1] if number <= len(expected) else ""
        after = actual[number - 1] if number <= len(actual) else ""
        if before != after:
            lines.extend(difflib.unified_diff(
                before.splitlines(), after.splitlines(),
                fromfile=f"{name} page {number} (snapshot)",
                tofile=f"{name} page {number} (built now)",
                lineterm="",
            ))
    return lines


def withdrawn(snapshots: Path, made: set[Path], built: set[str], current: set[str] | None,
              chosen: set[str], known: set[str]) -> list[Path]:
    """The snapshots that no edition makes any more: their leaflet, audience or format is gone.

    `made` are the snapshots of the editions just built; `built` the ids of the
    leaflets built without a problem (only their missing audiences are judged);
    `current` the ids of every leaflet file (None when a command named some, so
    that a deleted leaflet is not judged); `chosen` the formats built, `known`
    every format there is.
    """
    found = []
    for path in sorted(snapshots.glob("*/*.txt")):
        leaflet_id, _, format_id = path.name.removesuffix(".txt").partition(".")
        format_id = format_id or "a4"
        if path in made:
            continue
        if (format_id not in known
                or (current is not None and leaflet_id not in current)
                or (leaflet_id in built and format_id in chosen)):
            found.append(path)
    return found


def _two_bytes(run: re.Match[str]) -> str:
    try:
        return run.group().encode("latin-1").decode("utf-16-be")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run.group()
