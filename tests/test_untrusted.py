"""Untrusted entries: every entry of the sources and output folders is checked, never assumed.

Only regular files are read; anything else among the sources is one located
line that stops only the leaflet it belongs to. Whatever links the output
folder holds, no command writes or deletes a file outside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT, VALID
from test_images import add_image, with_image

from leaflets.build import manifest, output


def odd_entries(folder) -> dict[str, str]:
    """A folder, a dangling link and a FIFO, each named like a leaflet; what each is said to be."""
    (folder / "map.yaml").mkdir()
    (folder / "kwijt.yaml").symlink_to(folder / "nergens.yaml")
    os.mkfifo(folder / "pijp.yaml")
    return {"map.yaml": "it is a folder, not a file",
            "kwijt.yaml": f"it is a link to '{folder / 'nergens.yaml'}', which does not exist",
            "pijp.yaml": "it is a named pipe (FIFO), not a file"}


def test_odd_entries_among_the_leaflets_stop_only_themselves_within_seconds(sources):
    sources.write("arm.yaml", VALID)
    odd = odd_entries(sources.root / "leaflets")
    started = time.monotonic()
    build = subprocess.run(
        [sys.executable, str(ROOT / "make_leaflets.py"), "--sources", str(sources.root),
         "--output", str(sources.output), "--format", "a4", "--jobs", "1"],
        capture_output=True, text=True, timeout=120, check=False)
    assert time.monotonic() - started < 60
    assert build.returncode == 1
    errors = [line for line in build.stderr.splitlines() if "[E-" in line]
    assert errors == [f"{sources.root / 'leaflets' / name}:1:1: not read: {what} [E-not-a-file]"
                      for name, what in sorted(odd.items())]
    assert sources.pdf("adult", "arm").exists() and sources.pdf("child-parent", "arm").exists()


def test_lint_names_odd_entries_too(sources, run):
    sources.write("arm.yaml", VALID)
    (sources.root / "leaflets" / "map.yaml").mkdir()
    result = run("lint")
    assert result.status == 1
    assert result.error_lines[0] == (f"{sources.root / 'leaflets' / 'map.yaml'}:1:1: not read: "
                                     "it is a folder, not a file [E-not-a-file]")


@pytest.mark.parametrize("kind", ["folder", "dangling-link", "fifo"])
def test_an_odd_entry_among_the_images_stops_only_the_leaflet_that_shows_it(sources, run, kind):
    images = sources.root / "images"
    images.mkdir()
    odd = images / "gips.png"
    if kind == "folder":
        odd.mkdir()
    elif kind == "dangling-link":
        odd.symlink_to(images / "weg.png")
    else:
        os.mkfifo(odd)
    path = sources.write("arm.yaml", with_image("![Een gipsverband](images/gips.png)"))
    sources.write("been.yaml", VALID)
    result = run()
    assert result.status == 1
    what = {"folder": "it is a folder, not a file",
            "dangling-link": f"it is a link to '{images / 'weg.png'}', which does not exist",
            "fifo": "it is a named pipe (FIFO), not a file"}[kind]
    assert len(result.error_lines) == 1
    assert result.error_lines[0].startswith(f"{path}:")
    assert result.error_lines[0].endswith(f": image 'images/gips.png' is not read: {what} "
                                          "[E-not-a-file]")
    assert sources.pdf("adult", "been").exists() and not sources.pdf("adult", "arm").exists()


def test_a_dangling_link_among_unused_images_stops_nothing(sources, run):
    add_image(sources, "weg.png", b"").unlink()
    (sources.root / "images" / "oud.png").symlink_to(sources.root / "images" / "weg.png")
    sources.write("arm.yaml", VALID)
    assert run().status == 0


def test_a_folder_named_like_the_word_list_is_one_line_and_the_leaflets_still_build(
        sources, run):
    (sources.root / "wordlist.txt").mkdir()
    sources.write("arm.yaml", VALID)
    result = run()
    assert result.status == 1
    assert result.error_lines == [f"{sources.root / 'wordlist.txt'}:1:1: not read: it is a "
                                  "folder, not a file [E-not-a-file]"]
    assert sources.pdf("adult", "arm").exists()


def test_a_glossary_that_is_a_dangling_link_is_named(sources, run):
    (sources.root / "glossary.yaml").symlink_to(sources.root / "weg.yaml")
    sources.write("arm.yaml", VALID)
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{sources.root / 'glossary.yaml'}:1:1: not read: it is a link to "
        f"'{sources.root / 'weg.yaml'}', which does not exist [E-not-a-file]"]


@pytest.fixture
def elsewhere(tmp_path):
    """A folder outside the output folder, with a file that must stay as it is."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me", encoding="utf-8")
    return folder


def untouched(folder) -> bool:
    return (sorted(p.name for p in folder.iterdir()) == ["precious.txt"]
            and (folder / "precious.txt").read_text(encoding="utf-8") == "keep me")


@pytest.mark.parametrize("planted", [manifest.FILE, "adult/arm.pdf"])
def test_a_file_that_is_a_link_is_replaced_never_written_through(sources, run, elsewhere,
                                                                 planted):
    sources.write("arm.yaml", VALID)
    link = sources.output / planted
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere / "precious.txt")
    assert run().status == 0
    assert untouched(elsewhere)
    assert not link.is_symlink() and link.read_bytes().startswith(b"%PDF-" if ".pdf" in planted
                                                                  else b"{")


@pytest.mark.parametrize("planted", [output.LOCK_FILE, "report/index.html"])
def test_no_write_follows_a_link_out_of_the_output_folder(sources, run, elsewhere, planted):
    sources.write("arm.yaml", VALID)
    link = sources.output / planted
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere / "precious.txt")
    result = run()
    assert untouched(elsewhere)
    assert result.status == 1
    assert f"{link} is a link, and the build writes nothing through a link; remove it" in (
        result.err)


@pytest.mark.parametrize("planted", ["adult", "report", "report/pages"])
def test_no_pdf_or_picture_goes_into_a_linked_folder(sources, run, elsewhere, planted):
    sources.write("arm.yaml", VALID)
    link = sources.output / planted
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere, target_is_directory=True)
    result = run()
    assert untouched(elsewhere)
    assert result.status == 1
    assert f"{link} is a link, and the build writes nothing through a link; remove it" in (
        result.err)


def test_clean_up_removes_only_the_temporary_files_a_build_recorded(sources, run, elsewhere):
    sources.write("arm.yaml", VALID)
    assert run().status == 0
    left = sources.output / "adult" / ".arm.pdf.k3j2h1.part"  # a killed build's
    left.write_bytes(b"%PDF- half")
    (sources.output / output.JOURNAL).write_text("adult/.arm.pdf.k3j2h1.part\n../elsewhere/"
                                                 "precious.txt\n", encoding="utf-8")
    mine = sources.output / "adult" / ".notes.part"  # a file the build never made
    mine.write_text("mine", encoding="utf-8")
    (sources.output / "adult" / ".link.part").symlink_to(elsewhere / "precious.txt")
    assert run().status == 0
    assert not left.exists()
    assert mine.read_text(encoding="utf-8") == "mine"
    assert untouched(elsewhere)
    assert not (sources.output / output.JOURNAL).exists()


def test_a_withdrawn_pdf_that_is_now_a_link_is_not_followed(sources, run, elsewhere):
    sources.write("arm.yaml", VALID)
    been = sources.write("been.yaml", VALID)
    assert run().status == 0
    sources.pdf("adult", "been").unlink()
    sources.pdf("adult", "been").symlink_to(elsewhere / "precious.txt")
    been.unlink()
    assert run().status == 0
    assert untouched(elsewhere)
