"""The server the build's workers are forked from, and starting it before the build needs it.

The server imports `preload.py` (WeasyPrint, the fonts, the templates: most of
a second) and then forks a warm worker whenever the build asks for one. A build
that finds a leaflet to typeset starts it at once (`Runner.prepare`); but most
of that second would then pass while this process is still loading and
reading the sources. So `make_leaflets.py` calls `start_early` with its command
line before it loads anything else: when the command builds, with workers of
its own, and the output folder's manifest is older than some file the PDFs are
made from (or there is none, or --force), the server starts loading beside it.

That is a guess, from the files' times, never a decision: a build that then
finds nothing to typeset leaves the server, which ends after loading, unused;
one that guessed wrong the other way starts it when it finds work, as without
the guess.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import multiprocessing
import os
from collections.abc import Iterable
from pathlib import Path

from ..paths import LAYOUTS, PROJECT, STYLES
from .output import MANIFEST

#: What the server imports before it forks the first worker (see preload.py).
PRELOAD = "leaflets.build.preload"
#: The commands that typeset in the build's own workers.
BUILDING = ("build", "check")


def context() -> multiprocessing.context.BaseContext:
    """Processes forked from a preloaded server where the platform has one, else spawned.

    Never forked from the build itself: a worker must not inherit the output
    folder's lock, which would outlive a killed build for as long as it runs.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forking = multiprocessing.get_context("forkserver")
    forking.set_forkserver_preload([PRELOAD])
    return forking


#: The formats a build makes, as the server inherits them from the build (worker.load
#: parses the stylesheets of these only; of every format without it).
FORMATS_VARIABLE = "LEAFLETS_BUILD_FORMATS"


def start(formats: Iterable[str] | None = None) -> None:
    """Start the server now, if the platform has one (it loads while this process goes on).

    `formats` are the ids of the formats the build makes (None: every one).
    """
    if context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    # Only the server's start sees the variable (it inherits this environment).
    before = os.environ.pop(FORMATS_VARIABLE, None)
    if formats is not None:
        os.environ[FORMATS_VARIABLE] = ",".join(formats)
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(FORMATS_VARIABLE, None)
        if before is not None:
            os.environ[FORMATS_VARIABLE] = before


def start_early(options: argparse.Namespace) -> None:
    """Start the server if the command about to run (its parsed `options`) will likely need it.

    Only where the server can import what it preloads: from the Python that
    has the project's packages (make_leaflets.py runs itself again in .venv/
    when it is started by another).
    """
    if importlib.util.find_spec("weasyprint") is not None and will_typeset(options):
        start(None if options.format is None else [
            name.strip() for name in options.format.split(",") if name.strip()])


def will_typeset(options: argparse.Namespace) -> bool:
    """Whether the command will likely typeset in workers of its own (see the module)."""
    command = options.command or "build"  # the default command
    if command not in BUILDING or options.jobs == 1 or options.executor is not None:
        return False
    if command == "check" or options.force:  # both build every PDF
        return True
    try:
        made = (Path(options.output) / MANIFEST).stat().st_mtime
    except OSError:  # no record: everything is built
        return True
    return _newest((Path(options.sources), LAYOUTS, STYLES, PROJECT / "leaflets")) > made


def _newest(folders: Iterable[Path]) -> float:
    """The time of the latest change to a file under these folders.

    Only files count: a folder changes when anything is made in it, bytecode too.
    """
    newest = 0.0
    waiting = [str(folder) for folder in folders]
    while waiting:
        try:
            with os.scandir(waiting.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or entry.name == "__pycache__":
                        continue
                    with contextlib.suppress(OSError):  # a broken link: the build says so
                        if entry.is_dir(follow_symlinks=False):
                            waiting.append(entry.path)
                        else:
                            newest = max(newest, entry.stat().st_mtime)
        except OSError:  # gone, or not a folder: the build says so
            continue
    return newest
