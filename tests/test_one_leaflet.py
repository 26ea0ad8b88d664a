"""One leaflet at a time: `build`, `lint` and `check` take leaflet ids or files."""

from __future__ import annotations

import json

import pytest
from conftest import VALID

from leaflets.build import manifest

OTHER = VALID.replace("Gebroken arm", "Gebroken been").replace("Armfractuur", "Beenfractuur")


def pdfs(sources) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(sources.output)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sources.output.rglob("*.pdf")}


def entry(sources, name: str) -> dict:
    data = json.loads((sources.output / manifest.FILE).read_text(encoding="utf-8"))
    return next(value for key, value in data["leaflets"].items() if key.endswith(name))


@pytest.fixture
def catalogue(sources, run):
    sources.write("arm.yaml", VALID)
    sources.write("been.yaml", OTHER)
    assert run().status == 0
    return pdfs(sources)


def test_building_one_leaflet_leaves_the_others_pdfs_and_manifest_entries_untouched(
        sources, run, catalogue):
    before = entry(sources, "been.yaml")
    # Both sources changed; only the one named is built.
    sources.write("arm.yaml", VALID.replace("zes weken", "acht weken"))
    sources.write("been.yaml", OTHER.replace("zes weken", "vijf weken"))
    result = run("build", "arm")
    assert result.status == 0, result.err
    assert "built 2 PDF(s), 0 up to date, 0 leaflet(s) failed" in result.out
    now = pdfs(sources)
    assert sorted(now) == sorted(catalogue)
    assert {name: now[name] for name in now if "been" in name} == {
        name: catalogue[name] for name in catalogue if "been" in name}
    assert all(now[name] != catalogue[name] for name in now if "arm" in name)
    assert entry(sources, "been.yaml") == before


def test_the_report_of_one_leaflet_still_shows_every_leaflet(sources, run, catalogue):
    sources.write("arm.yaml", VALID.replace("zes weken", "acht weken"))
    assert run("build", "arm").status == 0
    page = (sources.output / "report" / "index.html").read_text(encoding="utf-8")
    for card in ("arm-adult", "arm-child-parent", "been-adult", "been-child-parent"):
        assert f'<article class="card" id="{card}"' in page and f'href="#{card}"' in page


def test_a_leaflet_can_be_named_by_its_file(sources, run, catalogue):
    path = sources.write("been.yaml", OTHER.replace("zes weken", "vijf weken"))
    result = run("build", str(path))
    assert result.status == 0, result.err
    assert "built 2 PDF(s), 0 up to date" in result.out
    assert all(pdfs(sources)[name] == catalogue[name] for name in catalogue if "arm" in name)


def test_an_unknown_leaflet_is_a_usage_error_naming_the_close_matches(sources, run, catalogue):
    result = run("build", "bene")
    assert result.status == 2
    assert result.err.splitlines()[-1] == (
        f"make_leaflets.py: error: no leaflet 'bene' in {sources.root / 'leaflets'}/ "
        "(bene.yaml); did you mean 'been'?")
    assert pdfs(sources) == catalogue


def test_an_unknown_leaflet_with_no_close_match_lists_the_leaflets(sources, run, catalogue):
    result = run("lint", "heup")
    assert result.status == 2
    assert result.err.splitlines()[-1].endswith("(heup.yaml); the leaflets are: arm, been")


def test_a_file_outside_the_sources_folder_is_a_usage_error(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    elsewhere = tmp_path / "arm.yaml"
    elsewhere.write_text(VALID, encoding="utf-8")
    result = run("build", str(elsewhere))
    assert result.status == 2
    assert f"'{elsewhere}' is not a leaflet file in {sources.root / 'leaflets'}/" in result.err


def test_lint_of_one_leaflet_checks_only_that_one(sources, run):
    sources.write("arm.yaml", VALID.replace("Houd het droog.", "Houd het drooog."))
    sources.write("been.yaml", OTHER.replace("Houd het droog.", "Houd het drroog."))
    result = run("lint", "been")
    assert result.status == 0
    assert "checked 1 leaflet(s)" in result.out
    assert any("'drroog'" in line for line in result.warning_lines)
    assert not any("arm.yaml" in line for line in result.warning_lines)


def test_check_of_one_leaflet_compares_only_its_snapshots(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    sources.write("been.yaml", OTHER)
    snapshots = tmp_path / "snapshots"
    assert run("check", "--update", "--snapshots", str(snapshots)).status == 0
    sources.write("arm.yaml", VALID.replace("zes weken", "acht weken"))
    result = run("check", "been", "--snapshots", str(snapshots))
    assert result.status == 0, result.out + result.err
    assert "unchanged" in result.out and "/arm" not in result.out
    assert run("check", "arm", "--snapshots", str(snapshots)).status == 1


def test_the_glossary_terms_of_other_leaflets_are_not_called_unused(sources, run):
    (sources.root / "glossary.yaml").write_text(
        "gips: Een harde laag om een gebroken arm.\n", encoding="utf-8")
    sources.write("arm.yaml", VALID)
    sources.write("knie.yaml", OTHER.replace("heading: Gips", "heading: Verband")
                  .replace("Het gips blijft", "Het verband blijft"))
    assert "[W-glossary-unused]" not in run("lint").err
    assert "[W-glossary-unused]" not in run("lint", "knie").err
