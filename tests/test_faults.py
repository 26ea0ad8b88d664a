"""Faults: interrupted and concurrent builds, unwritable output, runaway rendering.

Whatever happens, every PDF in the output folder is a complete one: the one an
earlier build wrote, or the one this build wrote.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, VALID
from pypdf import PdfReader

from leaflets.build import output


def complete(pdf) -> bool:
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        return False
    return len(PdfReader(pdf).pages) > 0


def catalogue(sources, count: int) -> None:
    for number in range(count):
        sources.write(f"leaflet-{number:03}.yaml", VALID)


def start_build(sources, *args):
    # As from a terminal, where Ctrl+C reaches the build: a test run started in the
    # background of a shell ignores SIGINT, and a child would inherit that (a handled
    # signal is the default one again after exec).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "make_leaflets.py"), "--sources", str(sources.root),
             "--output", str(sources.output), "--format", "a4", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)


def wait_for_pdfs(sources, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while len(list(sources.output.rglob("*.pdf"))) < count:
        assert time.monotonic() < deadline, "the build wrote nothing"
        time.sleep(0.05)


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def gone(pids: set[int], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "Z" not in
                   Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3] for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "killed"])
def test_an_interrupted_build_leaves_only_complete_pdfs(sources, stop):
    catalogue(sources, 30)  # enough left to build after the third PDF, on a busy machine too
    build = start_build(sources, "--jobs", "2")
    wait_for_pdfs(sources, 3)
    workers = children(build.pid)
    signals = [line.strip() for line in Path(f"/proc/{build.pid}/status").read_text().splitlines()
               if line.startswith(("SigBlk", "SigIgn", "SigCgt"))]
    build.send_signal(stop)
    build.wait(timeout=60)
    assert gone(workers), "the worker processes end with the build"
    if stop == signal.SIGINT:
        assert build.returncode == 130, (signals, build.stderr.read()[-2000:])
        assert "interrupted" in build.stderr.read()
        assert not list(sources.output.rglob("*.part"))
    pdfs = list(sources.output.rglob("*.pdf"))
    assert pdfs and all(complete(pdf) for pdf in pdfs)
    # The next build tidies up whatever a killed one left, and completes.
    again = start_build(sources)
    assert again.wait(timeout=300) == 0, again.stderr.read()
    assert not list(sources.output.rglob("*.part"))
    # 60 built, and the same files again beside their pages on the site.
    assert len([p for p in sources.output.rglob("*.pdf")
                if p.relative_to(sources.output).parts[0] != "site"]) == 60


def test_a_second_build_on_the_same_output_is_refused_with_a_clear_message(sources, run):
    sources.write("arm.yaml", VALID)
    with output.locked(sources.output):
        second = start_build(sources)
        assert second.wait(timeout=120) == 1
        message = second.stderr.read()
    assert message.strip() == (
        f"make_leaflets.py: another build (process {os.getpid()}) is writing to "
        f"{sources.output}; wait for it to finish, or build into another --output")
    assert not list(sources.output.rglob("*.pdf"))
    assert run().status == 0, "the folder is free again afterwards"


def test_the_lock_is_released_when_a_build_is_killed(sources, run):
    catalogue(sources, 6)
    build = start_build(sources)
    wait_for_pdfs(sources, 1)
    build.kill()
    build.wait(timeout=60)
    assert run().status == 0


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    result = run("--output", str(blocker / "output"))
    assert result.status == 1
    assert result.err.strip() == (f"make_leaflets.py: cannot write to the output folder "
                                  f"{blocker / 'output'}: Not a directory")


@pytest.mark.parametrize("fault", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_full_or_read_only_output_folder_is_a_clear_error_and_keeps_the_old_pdf(
        sources, run, monkeypatch, fault):
    path = sources.write("arm.yaml", VALID)
    assert run().status == 0
    earlier = sources.pdf("adult", "arm").read_bytes()
    path.write_text(VALID.replace("zes weken", "vijf weken"), encoding="utf-8")

    def failing_fsync(descriptor):
        raise OSError(fault, os.strerror(fault))

    monkeypatch.setattr(output.os, "fsync", failing_fsync)
    result = run()
    assert result.status == 1
    assert (f"{path}:1:1: cannot write {sources.pdf('adult', 'arm')}: {os.strerror(fault)} "
            "[E-output-write]") in result.error_lines
    assert sources.pdf("adult", "arm").read_bytes() == earlier
    assert not list(sources.output.rglob("*.part"))


def test_typesetting_that_runs_too_long_is_stopped_and_named(sources, run):
    path = sources.write("arm.yaml", VALID)
    result = run("--time-limit", "0.001")
    assert result.status == 1
    assert result.error_lines == [
        f"{path}:1:1: typesetting the '{audience}' edition (a4) took longer than 0.001 seconds "
        "and was stopped [E-time-limit]" for audience in ("adult", "child-parent")]


def test_a_worker_killed_by_the_system_is_replaced_and_the_build_goes_on(sources):
    catalogue(sources, 10)
    build = start_build(sources, "--jobs", "2")
    wait_for_pdfs(sources, 1)
    # The workers are forked from the build's worker server (spawned where there is none).
    servers = {pid for pid in children(build.pid)
               if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()}
    workers = {pid for server in servers for pid in children(server)} or {
        pid for pid in children(build.pid)
        if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()}
    assert workers
    for pid in workers:  # as the kernel's out-of-memory killer would
        os.kill(pid, signal.SIGKILL)
    out, err = build.communicate(timeout=300)
    assert "Traceback" not in err
    assert build.returncode == 0, err
    assert "built 20 PDF(s)" in out
    built = [pdf for pdf in sources.output.rglob("*.pdf")
             if pdf.relative_to(sources.output).parts[0] != "site"]  # the site offers copies
    assert len(built) == 20


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "soon"])
def test_a_time_limit_that_is_no_number_of_seconds_is_a_usage_error(sources, run, value):
    sources.write("arm.yaml", VALID)
    result = run("--time-limit", value)
    assert result.status == 2
    assert result.err.splitlines() == [
        f"make_leaflets.py: error: argument --time-limit: '{value}' is not a number of seconds; "
        "give one such as 120 (0: no limit)"]
    assert not sources.output.exists()

