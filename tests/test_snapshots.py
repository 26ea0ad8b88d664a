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
