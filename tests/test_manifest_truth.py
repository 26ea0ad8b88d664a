"""The build's record cannot lie: it vouches only for PDFs it saw, and withdrawn editions leave.

After any interrupted build, undo, damaged or deleted PDF, a plain build leaves
every PDF matching its current source, as a forced build into a fresh folder
would make it.
"""

from __future__ import annotations

import json
import signal
import time

import pytest
from conftest import VALID
from test_faults import start_build

from leaflets.build import manifest
from leaflets.checks.snapshots import page_texts

OTHER = VALID.replace("Gebroken arm", "Gebroken been").replace("Armfractuur", "Beenfractuur")


def texts(folder) -> dict[str, list[str]]:
    return {str(pdf.relative_to(folder)): page_texts(pdf.read_bytes())
            for pdf in sorted(folder.rglob("*.pdf"))}


def same_as_a_fresh_forced_build(sources, run, tmp_path) -> bool:
    fresh = tmp_path / "fresh"
    assert run("--force", "--output", str(fresh)).status == 0
    return texts(sources.output) == texts(fresh)


def entries(sources) -> dict:
    return json.loads((sources.output / manifest.FILE).read_text(encoding="utf-8"))["leaflets"]


@pytest.fixture
def built(sources, run):
    sources.write("arm.yaml", VALID)
    sources.write("been.yaml", OTHER)
    assert run().status == 0


@pytest.mark.parametrize("damage", [b"", b"%PDF-1.7\nnot a leaflet\n%%EOF\n"],
                         ids=["emptied", "replaced-by-junk"])
def test_a_damaged_pdf_is_built_again(sources, run, tmp_path, built, damage):
    sources.pdf("adult", "arm").write_bytes(damage)
    result = run()
    assert result.status == 0, result.err
    assert "built 2 PDF(s), 2 up to date" in result.out
    assert same_as_a_fresh_forced_build(sources, run, tmp_path)


def test_a_pdf_swapped_for_another_edition_is_built_again(sources, run, tmp_path, built):
    sources.pdf("adult", "arm").write_bytes(sources.pdf("adult", "been").read_bytes())
    assert run().status == 0
    assert same_as_a_fresh_forced_build(sources, run, tmp_path)


def test_a_build_killed_after_its_first_pdf_then_undone_leaves_no_stale_pdf(
        sources, run, tmp_path):
    for number in range(6):
        sources.write(f"arm-{number}.yaml", VALID)
    assert run().status == 0
    for number in range(6):
        sources.write(f"arm-{number}.yaml", VALID.replace("Armfractuur", "Verlaten titel"))
    build = start_build(sources, "--jobs", "1")
    before = {pdf: pdf.stat().st_mtime_ns for pdf in sources.output.rglob("*.pdf")}
    deadline = time.monotonic() + 120
    while all(pdf.stat().st_mtime_ns == mtime for pdf, mtime in before.items()):
        assert time.monotonic() < deadline, "the build wrote nothing"
        time.sleep(0.02)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=60)
    for number in range(6):  # the edit is undone
        sources.write(f"arm-{number}.yaml", VALID)
    result = run()
    assert result.status == 0, result.err
    assert not result.out.startswith("nothing to build")
    assert same_as_a_fresh_forced_build(sources, run, tmp_path)
    assert not any("Verlaten" in "".join(pages) for pages in texts(sources.output).values())


def test_a_leaflets_entry_loses_its_key_on_disk_before_its_first_new_pdf(sources, run, built,
                                                                         monkeypatch):
    from leaflets.build import pipeline

    sources.write("arm.yaml", VALID.replace("zes weken", "vijf weken"))
    seen = []

    def write(path, data, inside=None):
        seen.append(entries(sources)[str(sources.root / "leaflets" / "arm.yaml")]["key"])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "write_atomically", write)
    assert run().status == 1
    assert seen and seen[0] == ""


@pytest.mark.parametrize("content", ["[]", f'{{"version": {manifest.VERSION}, "leaflets": []}}',
                                     "{"],
                         ids=["a-list", "entries-a-list", "not-json"])
def test_a_manifest_of_the_wrong_shape_is_discarded_with_one_line(sources, run, built,
                                                                   content):
    (sources.output / manifest.FILE).write_text(content, encoding="utf-8")
    result = run()
    assert result.status == 0, result.err
    damaged = [line for line in result.err.splitlines() if "W-manifest-damaged" in line]
    assert len(damaged) == 1
    assert damaged[0].startswith(f"{sources.output / manifest.FILE}:1:1: warning: the record "
                                 "of the last build is discarded: ")
    assert damaged[0].endswith("; every leaflet is built again [W-manifest-damaged]")
    assert "built 4 PDF(s)" in result.out
    assert run().out.startswith("nothing to build")


@pytest.mark.parametrize("command", [("--force",), ("check",)])
def test_a_manifest_that_is_json_but_no_object_stops_no_command(sources, run, command):
    sources.write("arm.yaml", VALID)
    sources.output.mkdir()
    (sources.output / manifest.FILE).write_text("null", encoding="utf-8")
    result = run(*command, *(("--snapshots", str(sources.root / "snap"), "--update")
                             if command == ("check",) else ()))
    assert result.status == 0, result.err
    assert [line.rsplit(": ", 1)[-1] for line in result.err.splitlines()
            if "W-manifest-damaged" in line] == [
        "it holds a JSON null, not an object; every leaflet is built again [W-manifest-damaged]"]


def test_a_withdrawn_audience_leaves_the_output_folder(sources, run, built):
    adult_only = VALID.replace("""  child-parent:
    title: Gebroken arm
    subtitle: Wat je moet weten over gips
""", "").replace("      child-parent: Wat is er gebeurd?\n", "").replace(
        "      child-parent: Je arm is gebroken. Dat doet pijn.\n", "")
    sources.write("arm.yaml", adult_only)
    result = run()
    assert result.status == 0, result.err
    assert not sources.pdf("child-parent", "arm").exists()
    assert sources.pdf("adult", "arm").exists() and sources.pdf("child-parent", "been").exists()


def test_a_deleted_leaflet_leaves_the_output_folder_and_its_entry(sources, run, built):
    (sources.root / "leaflets" / "been.yaml").unlink()
    assert run().status == 0
    left = sorted(str(p.relative_to(sources.output)) for p in sources.output.rglob("*.pdf"))
    assert [name for name in left if not name.startswith("site/")] == [
        "adult/arm.pdf", "child-parent/arm.pdf"]
    assert not [name for name in left if "been" in name]  # the site's copies leave too
    assert [name.rsplit("/", 1)[-1] for name in entries(sources)] == ["arm.yaml"]


def test_only_recorded_files_leave_with_a_withdrawn_leaflet(sources, run, built):
    own = sources.output / "adult" / "been-handout.pdf"
    own.write_bytes(b"%PDF- a file the build never made")
    (sources.root / "leaflets" / "been.yaml").unlink()
    assert run().status == 0
    assert own.exists()


def test_a_format_not_built_this_time_keeps_its_pdfs(sources, run, built):
    assert run("--format", "a5").status == 0
    sources.write("arm.yaml", VALID.replace("zes weken", "vijf weken"))
    assert run("--format", "a5").status == 0
    assert sources.pdf("adult", "arm").exists()  # the A4 edition stays, out of date
    result = run()
    assert "built 2 PDF(s), 2 up to date" in result.out  # and is built on the next a4 build


def test_a_failed_leaflet_keeps_its_earlier_pdfs(sources, run, built):
    earlier = sources.pdf("adult", "arm").read_bytes()
    sources.write("arm.yaml", VALID.replace("updated: 2024-03-01", "updated: 2024-13-01"))
    assert run().status == 1
    assert sources.pdf("adult", "arm").read_bytes() == earlier
