"""`make_leaflets.py release <id>`: the current text becomes the leaflet's next edition.

A release is refused, with every reason and nothing written, while the leaflet
has errors, no code, no approver, no review date or one that has passed, page
texts that differ from their snapshots (not reviewed), or no change since its
last edition. Otherwise it builds every PDF of the new edition, writes them
with the exact sources into a new folder of the archive (`source/archive.py`),
and then records the edition in the leaflet's source. The archive is only ever
added to: a folder that exists is never written into.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import markdown
from ..build import pipeline
from ..build.jobs import BuiltEdition
from ..build.options import Options
from ..build.output import write_atomically
from ..build.plan import Checked, check, read_glossary
from ..build.progress import Progress
from ..checks import editorial, snapshots
from ..checks.spelling import WORDLIST
from ..model import Leaflet
from ..problems import Problem, problem
from ..source import archive, organisation, snippets
from ..source.catalogue import display
from ..source.glossary import FILE as GLOSSARY
from ..source.shared import read_shared
from . import register


class Refused(Exception):
    """Why a release was refused; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Released:
    number: int
    folder: Path  # the new edition's folder in the archive
    files: tuple[tuple[str, str], ...]  # (path under the folder, SHA-256)
    snapshots: tuple[Path, ...]  # the page-text snapshots rewritten for the new edition


def release(sources: Path, path: Path, note: str, approved_by: str | None,
            snapshot_folder: Path, options: Options) -> Released:
    """Release the leaflet at `path` as its next edition; raise `Refused` saying why not."""
    name = display(path)
    today = options.today or dt.date.today()
    glossary, problems = read_glossary(sources)
    if problems:
        raise Refused(problems)
    shared, shared_problems = read_shared(sources)
    if shared_problems:
        raise Refused(list(shared_problems))
    checked = check(path, name, lambda uses: "", path.read_bytes(), sources, glossary, today,
                    shared)
    leaflet = _releasable(checked, name, approved_by, today, sources)
    number = len(leaflet.history) + 1
    approver = approved_by or leaflet.approver or ""
    with tempfile.TemporaryDirectory(prefix="release-") as work:
        draft = _build(sources, Path(work) / "draft", options, [path], name)
        _reviewed(draft, snapshot_folder, name)
        text = register.with_record(leaflet.text, number, today, approver, note)
        staged = _stage_sources(sources, leaflet, text, Path(work) / "sources")
        final = _build(staged, Path(work) / "final", options,
                       [staged / "leaflets" / path.name], name)
        folder = _archive(sources, leaflet, staged, final, {
            "leaflet": leaflet.id, "code": leaflet.code, "number": number,
            "date": today.isoformat(), "approved_by": approver, "note": note})
        write_atomically(path, text.encode("utf-8"))
        rewritten = _rewrite_snapshots(final, snapshot_folder)
    return Released(number, folder, archive.read_sums(folder / archive.SUMS), rewritten)


def _refusal(name: str, message: str, line: int = 1) -> Problem:
    return problem(name, line, 1, "E-release-refused", f"not released: {message}")


def _releasable(checked: Checked, name: str, approved_by: str | None, today: dt.date,
                sources: Path) -> Leaflet:
    """The leaflet, if it may be released now; else `Refused` with every reason."""
    if checked.leaflet is None:
        raise Refused([_refusal(name, "the leaflet has errors; fix them first"),
                       *checked.errors])
    leaflet, reasons = checked.leaflet, []
    if leaflet.code is None:
        reasons.append(_refusal(name, "the leaflet has no code; add one, such as 'code: NEU-012'"))
    if not (approved_by or leaflet.approver):
        reasons.append(_refusal(name, "nobody is named as approver; add 'approver: <name or "
                                "role>' to the leaflet, or give --approved-by"))
    state = editorial.review_state(leaflet.review, today)
    if state == "missing":
        reasons.append(_refusal(name, "the leaflet has no review date; add 'review: YYYY-MM-DD'"))
    elif state == "overdue" and leaflet.review is not None:
        reasons.append(_refusal(name, f"its review date {leaflet.review.isoformat()} has passed; "
                                "review the text and set the next review date"))
    last = leaflet.last_release
    released = archive.edition(sources, leaflet.id, last.number) if last else None
    if last is not None and released is not None and not checked.changed:
        reasons.append(_refusal(name, f"nothing changed since edition {last.number} "
                                f"({last.date.isoformat()})"))
    reasons += _archive_problems(sources, leaflet, len(leaflet.history) + 1)
    if reasons:
        raise Refused(reasons)
    return leaflet


def _archive_problems(sources: Path, leaflet: Leaflet, number: int) -> list[Problem]:
    found = [problem(str(edition.folder), 0, 0, "E-archive-damaged", damage)
             for edition in archive.editions(sources, leaflet.id) for damage in edition.damage()]
    if archive.edition_folder(sources, leaflet.id, number).exists():
        found.append(_refusal(leaflet.source, f"the archive already holds an edition {number} "
                              f"({archive.edition_folder(sources, leaflet.id, number)}), which "
                              "the leaflet's history does not record"))
    if archive.withdrawn(sources, leaflet.id) is not None:
        found.append(_refusal(leaflet.source, "the leaflet was withdrawn"))
    return found


def _build(sources: Path, output: Path, options: Options, files: list[Path],
           name: str) -> list[BuiltEdition]:
    outcome = pipeline.build(sources, output, Options(
        formats=options.formats, seconds=options.seconds, today=options.today,
        jobs=options.jobs, force=True), Progress(), files=files)
    if not outcome.ok:
        raise Refused([_refusal(name, "an edition could not be built"), *outcome.problems])
    return sorted((e for e in outcome.editions if e.fresh), key=lambda e: str(e.path))


def _reviewed(draft: list[BuiltEdition], folder: Path, name: str) -> None:
    """Refuse when any page text differs from its snapshot: it was not reviewed."""
    unreviewed = []
    for edition in draft:
        path = snapshots.snapshot_path(folder, edition.audience, edition.leaflet_id,
                                       edition.format.id)
        actual = snapshots.page_texts(edition.read())
        if not path.exists() or snapshots.differences(
                snapshots.parse_snapshot(path.read_text(encoding="utf-8")), actual, str(path)):
            unreviewed.append(str(path))
    if unreviewed:
        shown = ", ".join(unreviewed[:3]) + (" ..." if len(unreviewed) > 3 else "")
        raise Refused([_refusal(name, f"the page texts of {len(unreviewed)} edition(s) differ "
                                f"from their snapshots, so the change was not reviewed ({shown}"
                                "); see the change with 'make test' or 'make_leaflets.py diff', "
                                "and when it is right run 'make snapshots'")])


def _stage_sources(sources: Path, leaflet: Leaflet, text: str, staged: Path) -> Path:
    """A sources folder with the leaflet as it will be recorded, and what it uses."""
    (staged / "leaflets").mkdir(parents=True)
    (staged / "leaflets" / f"{leaflet.id}.yaml").write_text(text, encoding="utf-8")
    for shared in (GLOSSARY, WORDLIST, organisation.FILE, snippets.FILE,
                   *(f"{organisation.FOLDER}/{path.name}"
                     for path in sorted((sources / organisation.FOLDER).glob("*.yaml")))):
        if (sources / shared).is_file():
            (staged / shared).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sources / shared, staged / shared)
    logos = {publisher.organisation.logo.file for publisher in leaflet.publishers
             if publisher.organisation.logo is not None}
    for image in sorted(logos | {image for section in leaflet.sections
                                 for _, body, _ in section.body.texts
                                 for _, image in markdown.images(body)}):
        target = staged / "images" / image.removeprefix("images/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(leaflet.images) / image.removeprefix("images/"), target)
    return staged


def _archive(sources: Path, leaflet: Leaflet, staged: Path, built: list[BuiltEdition],
             record: dict[str, object]) -> Path:
    """Write the new edition's folder: complete, or not at all."""
    folder = archive.edition_folder(sources, leaflet.id, int(str(record["number"])))
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        shutil.copytree(staged, partial / archive.SOURCE, dirs_exist_ok=True)
        for edition in built:
            target = partial / archive.PDFS / edition.format.path(edition.audience, leaflet.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(edition.path, target)
        (partial / archive.RECORD).write_text(
            json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        hashes = [(path.relative_to(partial).as_posix(), archive.sha256(path.read_bytes()))
                  for path in sorted(partial.rglob("*")) if path.is_file()]
        (partial / archive.SUMS).write_text(archive.format_sums(hashes), encoding="utf-8")
        for path in partial.rglob("*"):
            os.chmod(path, 0o444 if path.is_file() else 0o755)
        if folder.exists():
            raise FileExistsError(folder)
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def _rewrite_snapshots(built: list[BuiltEdition], folder: Path) -> tuple[Path, ...]:
    """The snapshots of the new edition: the reviewed text, now with its edition line."""
    written = []
    for edition in built:
        path = snapshots.snapshot_path(folder, edition.audience, edition.leaflet_id,
                                       edition.format.id)
        text = snapshots.format_snapshot(snapshots.page_texts(edition.read()))
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return tuple(written)


def withdraw(sources: Path, leaflet_id: str, note: str, today: dt.date) -> Path:
    """Mark a leaflet withdrawn in its archive; raise `FileExistsError` if it was already."""
    path = archive.leaflet_folder(sources, leaflet_id) / archive.WITHDRAWN
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # a withdrawal is never written over
        file.write(json.dumps({"leaflet": leaflet_id, "date": today.isoformat(), "note": note},
                              indent=1, ensure_ascii=False) + "\n")
    return path
