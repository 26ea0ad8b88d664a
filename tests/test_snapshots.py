"""`make_leaflets.py check`: the page text of every edition against its snapshot."""

from __future__ import annotations

from conftest import VALID

from leaflets.checks import snapshots as check


def test_update_writes_one_snapshot_per_edition_with_visible_page_separators(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    snapshots = tmp_path / "snapshots"
    result = run("check", "--update", "--snapshots", str(snapshots))
    assert result.status == 0, result.err
    text = (snapshots / "adult" / "arm.txt").read_text(encoding="utf-8")
    assert text.startswith("===== page 1 of 1 =====\nINFORMATIE VOOR PATIËNTEN\nArmfractuur\n")
    assert (snapshots / "child-parent" / "arm.txt").exists()


def test_check_passes_when_nothing_changed(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    snapshots = str(tmp_path / "snapshots")
    run("check", "--update", "--snapshots", snapshots)
    result = run("check", "--snapshots", snapshots)
    assert result.status == 0, result.out + result.err
    assert "unchanged" in result.out


def test_check_fails_on_a_changed_sentence_and_shows_the_page_diff(sources, run, tmp_path):
    path = sources.write("arm.yaml", VALID)
    snapshots = str(tmp_path / "snapshots")
    run("check", "--update", "--snapshots", snapshots)
    path.write_text(VALID.replace("Dat doet pijn.", "Dat doet soms pijn."), encoding="utf-8")
    result = run("check", "--snapshots", snapshots)
    assert result.status == 1
    snapshot = f"{snapshots}/child-parent/arm.txt"
    assert f"--- {snapshot} page 1 (snapshot)" in result.out
    assert f"+++ {snapshot} page 1 (built now)" in result.out
    assert "-Je arm is gebroken. Dat doet pijn." in result.out
    assert "+Je arm is gebroken. Dat doet soms pijn." in result.out
    assert "adult/arm.txt page" not in result.out, "the adult edition did not change"


def test_check_fails_when_a_snapshot_is_missing(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    result = run("check", "--snapshots", str(tmp_path / "none"))
    assert result.status == 1
    assert "no snapshot yet" in result.err


def test_update_after_an_intended_change_makes_check_pass_again(sources, run, tmp_path):
    path = sources.write("arm.yaml", VALID)
    snapshots = str(tmp_path / "snapshots")
    run("check", "--update", "--snapshots", snapshots)
    path.write_text(VALID.replace("zes weken", "vijf weken"), encoding="utf-8")
    assert run("check", "--snapshots", snapshots).status == 1
    assert run("check", "--update", "--snapshots", snapshots).status == 0
    assert run("check", "--snapshots", snapshots).status == 0


def test_a_snapshot_reads_back_as_the_pages_it_was_made_from():
    pages = ["Eerste pagina\nmet twee regels", "Tweede pagina"]
    assert check.parse_snapshot(check.format_snapshot(pages)) == pages


def test_normalising_removes_only_spacing_differences():
    assert check.normalise("  Een\u00a0 zin  \n\n  met   ruimte ") == "Een zin\nmet ruimte"


def test_a_different_page_count_is_reported():
    lines = check.differences(["a", "b"], ["a"], "x.txt")
    assert lines[0] == "x.txt: 2 pages in the snapshot, 1 built"
    assert "-b" in lines


ADULT_ONLY = (VALID.replace("  child-parent:\n    title: Gebroken arm\n"
                            "    subtitle: Wat je moet weten over gips\n", "")
              .replace("      child-parent: Wat is er gebeurd?\n", "")
              .replace("      child-parent: Je arm is gebroken. Dat doet pijn.\n", ""))


def test_check_fails_on_the_snapshot_of_a_removed_audience_and_update_removes_it(
        sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    snapshots = tmp_path / "snapshots"
    run("check", "--update", "--snapshots", str(snapshots))
    sources.write("arm.yaml", ADULT_ONLY)
    result = run("check", "--snapshots", str(snapshots))
    assert result.status == 1
    assert (f"{snapshots}/child-parent/arm.txt: no edition makes this snapshot any more (its "
            "leaflet, audience or format is gone); run 'make snapshots' to remove it"
            ) in result.err.splitlines()
    result = run("check", "--update", "--snapshots", str(snapshots))
    assert result.status == 0
    assert f"removed {snapshots}/child-parent/arm.txt: no edition makes it any more" in result.out
    assert sorted(p.name for p in snapshots.rglob("*.txt")) == ["arm.txt"]
    assert run("check", "--snapshots", str(snapshots)).status == 0


def test_check_fails_on_the_snapshots_of_a_deleted_leaflet(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    been = sources.write("been.yaml", VALID)
    snapshots = tmp_path / "snapshots"
    run("check", "--update", "--snapshots", str(snapshots))
    been.unlink()
    result = run("check", "--snapshots", str(snapshots))
    assert result.status == 1
    assert sorted(line.split(":")[0] for line in result.err.splitlines()
                  if "no edition makes this snapshot" in line) == [
        f"{snapshots}/adult/been.txt", f"{snapshots}/child-parent/been.txt"]
    # A check of one leaflet does not judge the others' snapshots.
    assert run("check", "arm", "--snapshots", str(snapshots)).status == 0


def test_a_paragraph_read_as_two_byte_codes_is_recorded_as_readable_text():
    # pypdf's reading of a paragraph with an emoji in a fallback font with a two-byte encoding
    garbled = "Dit doet pijn 😀 soms.".encode("utf-16-be").decode("latin-1")
    assert check.normalise(f"Gips\n{garbled}") == "Gips\nDit doet pijn 😀 soms."


def test_a_control_character_in_a_page_text_is_shown_not_kept():
    assert check.normalise("Gips\x07 blijft") == "Gips\ufffd blijft"
