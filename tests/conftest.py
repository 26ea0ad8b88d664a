"""Shared helpers: write leaflet sources into a temporary folder and run the command."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from leaflets.cli import main

# CI runs the same generated examples every time; a developer's run explores new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent

# Tests that need a system package skip, saying which, where it is missing;
# `make test` installs them (see the Makefile's SYSTEM_PACKAGES). Spelling needs
# none: Hunspell and its dictionaries are pinned Python packages, always installed.
CHROMIUM = Path("/usr/bin/chromium")
requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make system-packages)")

VALID = """\
language: nl
audiences:
  child-parent:
    title: Gebroken arm
    subtitle: Wat je moet weten over gips
  adult:
    title: Armfractuur
author: Afdeling Kinderchirurgie
updated: 2024-03-01
sections:
  - heading:
      child-parent: Wat is er gebeurd?
      adult: Wat is een armfractuur?
    body:
      child-parent: Je arm is gebroken. Dat doet pijn.
      adult: Een breuk van een van de botten van de arm.
  - heading: Gips
    body: |
      Het gips blijft **zes weken** zitten.

      - Houd het droog.
      - Kom terug als het knelt.
"""


@dataclass
class Run:
    status: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        """The problems printed, without editorial warnings and the closing count."""
        return [line for line in self.err.splitlines()
                if not line.endswith("were not built") and ": warning: " not in line]

    @property
    def warning_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if ": warning: " in line]


@pytest.fixture
def sources(tmp_path):
    """A sources folder; `sources.write(name, text)` adds a leaflet file."""

    class Sources:
        root = tmp_path / "sources"
        output = tmp_path / "output"

        def write(self, name: str, text: str | bytes) -> Path:
            path = self.root / "leaflets" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
            return path

        def pdf(self, audience: str, leaflet_id: str) -> Path:
            return self.output / audience / f"{leaflet_id}.pdf"

    (tmp_path / "sources" / "leaflets").mkdir(parents=True)
    return Sources()


@pytest.fixture
def run(capsys, sources):
    """Run `make_leaflets.py` in this process with the test's sources and output."""

    def run_command(*args: str) -> Run:
        argv = list(args)
        builds = not argv or argv[0] != "new"  # `new` writes a source and nothing else
        if "--sources" not in argv:
            argv += ["--sources", str(sources.root)]
        if builds and "--output" not in argv:
            argv += ["--output", str(sources.output)]
        if builds and "--format" not in argv:
            argv += ["--format", "a4"]  # the other formats have tests of their own
        try:
            status = main(argv)
        except SystemExit as exit_:
            status = exit_.code
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run_command


@dataclass(frozen=True)
class ProjectBuild:
    """The project's own sources, built in every format by the command an editor runs."""

    output: Path
    status: int
    out: str
    err: str


@contextlib.contextmanager
def _exclusive(lock: Path, seconds: float = 900) -> Iterator[None]:
    """One process at a time (a folder made atomically is the lock; portable, no package)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            lock.mkdir()
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{lock} is still held after {seconds:g} s") from None
            time.sleep(0.2)
    try:
        yield
    finally:
        lock.rmdir()


@pytest.fixture(scope="session")
def project_build(tmp_path_factory, worker_id) -> ProjectBuild:
    """`make_leaflets.py` on sources/, once for the whole run: every worker reads the same PDFs.

    Tests only read it. Under pytest-xdist the first worker to need it builds it
    into the run's shared temporary folder; the others wait for it and reuse it.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    folder = shared / "project-build"
    with _exclusive(shared / "project-build.lock"):
        record = folder / "result.json"
        if not record.exists():
            result = subprocess.run(
                [sys.executable, "make_leaflets.py", "--output", str(folder / "output")],
                cwd=ROOT, check=False, capture_output=True, text=True, timeout=600)
            record.write_text(json.dumps([result.returncode, result.stdout, result.stderr]),
                              encoding="utf-8")
        status, out, err = json.loads(record.read_text(encoding="utf-8"))
    return ProjectBuild(folder / "output", status, out, err)
