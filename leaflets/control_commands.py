"""The document-control commands: `release`, `history` and `diff` (see README, "Editions").

    make_leaflets.py release <id> --note "what changed" [--approved-by WHO]
    make_leaflets.py history <id> [--on YYYY-MM-DD]
    make_leaflets.py diff <id> [--against N]

Each takes one leaflet. A refusal, a damaged archive or a leaflet with errors
is one line per problem and exit status 1, with nothing written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path

from .build.options import Options
from .model import Format
from .problems import LeafletError, Problem
from .source.catalogue import display
from .source.leaflet import load_file


def run(options: argparse.Namespace, sources: Path, path: Path,
        formats: tuple[Format, ...]) -> int:
    build_options = Options(formats=formats, seconds=options.time_limit, jobs=options.jobs)
    if options.command == "release":  # an edition is every one of its PDFs, in every format
        return _release(options, sources, path, Options(seconds=options.time_limit,
                                                        jobs=options.jobs))
    if options.command == "history":
        return _history(sources, path, options.on)
    if options.command == "withdraw":
        return _withdraw(sources, path, " ".join(options.note.split()))
    return _diff(sources, path, options.against, Path(options.output), build_options)


def _release(options: argparse.Namespace, sources: Path, path: Path, build: Options) -> int:
    note = " ".join(options.note.split())
    if not note:
        print("make_leaflets.py release: --note needs a sentence saying what changed",
              file=sys.stderr)
        return 2
    from .publish import release  # only here: a build starts without pypdf (see cli.py)

    try:
        made = release.release(sources, path, note,
                               options.approved_by, Path(options.snapshots), build)
    except release.Refused as refused:
        _print(refused.problems)
        print(f"{display(path)}: not released; nothing was written", file=sys.stderr)
        return 1
    print(f"released edition {made.number} of {display(path)}: recorded in its history, "
          f"archived in {display(made.folder)} ({len(made.files)} files with their SHA-256)")
    for snapshot in made.snapshots:
        print(f"updated {snapshot} (the edition line)")
    print("commit the leaflet, the archive and the snapshots together")
    return 0


def _history(sources: Path, path: Path, on: dt.date | None) -> int:
    from .publish import history
    from .source import archive

    try:
        leaflet = load_file(path, display(path)).leaflet
    except LeafletError as error:
        _print(error.problems)
        return 1
    print("\n".join(history.lines(leaflet, sources)))
    if on is not None:
        gone = archive.withdrawn(sources, leaflet.id)
        print(history.answer(history.current_on(leaflet, on, gone)))
    damaged = history.damage(sources, leaflet.id)
    _print(damaged)
    if not damaged and archive.editions(sources, leaflet.id):
        print("every archived file matches its SHA-256")
    return 1 if damaged else 0


def _diff(sources: Path, path: Path, against: int | None, output: Path, build: Options) -> int:
    from .publish import diff

    page_format = build.formats[0]
    try:
        page = diff.write(sources, path, against, output, page_format, build)
    except diff.NoDiff as failed:
        _print(failed.problems)
        return 1
    print(f"wrote {display(page)}: what changed, in words and on the {page_format.id} pages")
    return 0


def _withdraw(sources: Path, path: Path, note: str) -> int:
    from .publish import release

    try:
        written = release.withdraw(sources, path.stem, note, dt.date.today())
    except FileExistsError:
        print(f"{display(path)}: the leaflet was withdrawn already; see: make_leaflets.py "
              f"history {path.stem}", file=sys.stderr)
        return 1
    print(f"withdrew {path.stem}: marked in {display(written)}; its archive stays, and the "
          "editions it held must no longer be handed out")
    return 0


def _print(problems: Iterable[Problem]) -> None:
    for found in problems:
        print(found, file=sys.stderr)
