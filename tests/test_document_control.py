"""Document control: codes and editions in the source, release, the archive, history and diff."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pikepdf
import pytest
from conftest import CHROMIUM, VALID, requires_chromium
from pypdf import PdfReader

from leaflets.model import Release, Variant
from leaflets.publish.history import current_on
from leaflets.source.leaflet import load_file

FORMATS = "a4,a5,large,large18,booklet,press"
TODAY = dt.date.today().isoformat()
CONTROLLED = VALID.replace(
    "language: nl\n",
    "language: nl\n# The register's code; the editor's comment stays.\ncode: KC-004\n"
    "approver: Vakgroep kinderchirurgie\n").replace(
    "updated: 2024-03-01\n", "updated: 2024-03-01\nreview: 2099-01-01\n")


def text_of(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def unreviewed(sources, tmp_path):
    """A leaflet with a code and an approver, and an empty folder of snapshots."""
    (tmp_path / "snapshots").mkdir()
    return sources.write("arm.yaml", CONTROLLED), tmp_path / "snapshots"


@pytest.fixture
def controlled(unreviewed, run):
    """A leaflet with a code and an approver, its page texts recorded as reviewed."""
    path, snapshots = unreviewed
    assert run("check", "--update", "--snapshots", str(snapshots), "--format", FORMATS).status == 0
    return path, snapshots


def release(run, snapshots: Path, note: str = "Eerste uitgave", *more: str):
    return run("release", "arm", "--note", note, "--snapshots", str(snapshots), *more)


def test_a_leaflet_without_a_code_builds_with_a_warning_and_prints_no_code(sources, run):
    sources.write("arm.yaml", VALID)
    result = run("build")
    assert result.status == 0
    assert "has no code ('code:')" in result.err and "[W-no-document-control]" in result.err
    text = text_of(sources.pdf("adult", "arm"))
    assert "Code:" not in text and "Uitgave" not in text
    assert "Laatst bijgewerkt: 1 maart 2024" in text


def test_a_leaflet_without_a_code_cannot_be_released_and_nothing_is_written(sources, run,
                                                                             tmp_path):
    sources.write("arm.yaml", VALID.replace("updated: 2024-03-01\n",
                                            "updated: 2024-03-01\nreview: 2099-01-01\n"))
    before = tree(sources.root)
    result = run("release", "arm", "--note", "x", "--snapshots", str(tmp_path / "none"))
    assert result.status == 1
    assert "not released: the leaflet has no code; add one, such as 'code: NEU-012'" in result.err
    assert "nobody is named as approver" in result.err
    assert tree(sources.root) == before


def test_an_unreleased_leaflet_with_a_code_prints_it_as_a_draft(sources, run):
    sources.write("arm.yaml", CONTROLLED)
    result = run("build")
    assert result.status == 0 and "W-no-document-control" not in result.err
    text = text_of(sources.pdf("child-parent", "arm"))
    assert "Code: KC-004 · Concept: deze tekst is nog niet vrijgegeven" in text
    assert "Herzien uiterlijk: 1 januari 2099" in text


def test_an_undated_text_prints_no_date(sources, run):
    sources.write("arm.yaml", VALID.replace("updated: 2024-03-01",
                                            "updated:\n  child-parent: 2024-03-01\n  adult: null"))
    assert run("build").status == 0
    assert "Laatst bijgewerkt" not in text_of(sources.pdf("adult", "arm"))
    assert "Laatst bijgewerkt: 1 maart 2024" in text_of(sources.pdf("child-parent", "arm"))
    assert "/CreationDate" not in PdfReader(sources.pdf("adult", "arm")).metadata


@pytest.mark.parametrize("change, message", [
    ("code: KC-004", "3:7: 'code' must be capital letters and digits in parts joined by '-', '.' "
     "or '/', such as 'NEU-012', not 'kc 4' [E-code-format]"),
    ("updated: 2024-03-01", "12:10: 'updated' is 2999-01-01, after today; a text is dated the day "
     "it was written or last checked [E-date-future]"),
])
def test_a_wrong_code_or_a_text_dated_ahead_is_an_error_at_its_place(sources, run, change,
                                                                     message):
    replaced = {"code: KC-004": "code: kc 4", "updated: 2024-03-01": "updated: 2999-01-01"}
    sources.write("arm.yaml", CONTROLLED.replace(change, replaced[change]))
    result = run("build")
    assert result.status == 1
    assert f"{sources.root}/leaflets/arm.yaml:{message}" in result.error_lines


HISTORY = """history:
  - number: 1
    date: 2024-01-10
    approved_by: Dr. A. Jansen, kinderchirurg
    note:
      child-parent: De eerste tekst voor kinderen.
      adult: De eerste tekst voor volwassenen.
"""


@pytest.mark.parametrize("history, message", [
    (HISTORY.replace("number: 1", "number: 2"), "edition 1 of 'history' has number 2; editions "
     "are numbered 1, 2, 3, ... oldest first [E-edition-number]"),
    (HISTORY.replace("2024-01-10", "2999-01-10"), "edition 1 is dated 2999-01-10, after today; an "
     "edition is dated the day it is approved [E-edition-future]"),
    (HISTORY.replace("    approved_by: Dr. A. Jansen, kinderchirurg\n", ""),
     "edition 1 has no approved_by [E-missing-field]"),
    (HISTORY.replace("      adult: De eerste tekst voor volwassenen.\n", ""),
     "edition 1 has no note for audience 'adult' [E-missing-variant]"),
])
def test_the_history_is_validated_like_every_other_field(sources, run, history, message):
    sources.write("arm.yaml", CONTROLLED + history)
    result = run("lint")
    assert result.status == 1
    assert [line.split(": ", 1)[1] for line in result.error_lines] == [message]


def test_a_history_needs_a_code(sources, run):
    sources.write("arm.yaml", VALID + HISTORY)
    result = run("lint")
    assert result.status == 1
    assert any(line.endswith("the leaflet has a 'history' of editions but no 'code'; add its "
                             "code, such as 'code: NEU-012' [E-history-without-code]")
               for line in result.error_lines)


def test_history_answers_which_edition_was_current_on_a_date_between_releases(sources, run,
                                                                             controlled):
    path, snapshots = controlled
    path.write_text(path.read_text(encoding="utf-8") + HISTORY, encoding="utf-8")
    result = run("build")
    assert "edition 1 is not in the archive" in result.err
    assert run("check", "--update", "--snapshots", str(snapshots), "--format", FORMATS).status == 0
    path.write_text(path.read_text(encoding="utf-8").replace("Dat doet pijn.", "Dat doet zeer."),
                    encoding="utf-8")
    assert run("check", "--update", "--snapshots", str(snapshots), "--format", FORMATS).status == 0
    assert release(run, snapshots, "Zeer in plaats van pijn").status == 0
    on = {date: run("history", "arm", "--on", date).out.splitlines()[-2]
          for date in ("2023-12-31", "2024-06-01", TODAY)}
    assert on == {
        "2023-12-31": "on 2023-12-31 no edition had been released yet",
        "2024-06-01": "on 2024-06-01 edition 1 was current (released 2024-01-10, approved by "
                      "Dr. A. Jansen, kinderchirurg)",
        TODAY: f"on {TODAY} edition 2 was current (released {TODAY}, approved by Vakgroep "
               "kinderchirurgie)"}


def test_release_records_the_edition_and_archives_every_pdf_with_its_hashes(sources, run,
                                                                           controlled):
    path, snapshots = controlled
    result = release(run, snapshots)
    assert result.status == 0, result.err
    source = path.read_text(encoding="utf-8")
    assert source.startswith(CONTROLLED.split("\n", 1)[0])
    assert "# The register's code; the editor's comment stays.\n" in source
    assert source.endswith(f"\nhistory:\n  - number: 1\n    date: {TODAY}\n"
                           '    approved_by: "Vakgroep kinderchirurgie"\n'
                           '    note: "Eerste uitgave"\n')
    folder = sources.root / "archive" / "arm" / "edition-1"
    files = tree(folder)
    assert len([name for name in files if name.startswith("pdf/")]) == 12
    assert files["source/leaflets/arm.yaml"] == hashlib.sha256(source.encode()).hexdigest()
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sorted(sums) == sorted(f"{digest}  {name}" for name, digest in files.items()
                                  if name != "SHA256SUMS")
    pdf = folder / "pdf" / "adult" / "arm.pdf"
    assert "Code: KC-004 · Uitgave: 1 · Datum van deze uitgave:" in text_of(pdf)
    with pikepdf.open(pdf) as opened:
        metadata = opened.open_metadata()
        assert (metadata["dc:identifier"], metadata["xmpMM:VersionID"]) == ("KC-004", "1")
    # The next build prints the same edition, byte for byte what was archived.
    run("build", "--format", FORMATS)
    assert sources.pdf("adult", "arm").read_bytes() == pdf.read_bytes()
    history = run("history", "arm")
    assert history.status == 0 and "every archived file matches its SHA-256" in history.out


def test_a_change_shows_in_the_diff_and_the_next_release_keeps_the_first(sources, run,
                                                                        controlled):
    path, snapshots = controlled
    assert release(run, snapshots).status == 0
    first = tree(sources.root / "archive" / "arm" / "edition-1")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Je arm is gebroken. Dat doet pijn.", "Je arm is gebroken. Dat doet erg pijn."),
        encoding="utf-8")
    lint = run("lint")
    assert "the text of the 'child-parent' edition changed since edition 1" in lint.err
    diff = run("diff", "arm")
    assert diff.status == 0, diff.err
    page = (sources.output / "diff" / "arm" / "index.html").read_text(encoding="utf-8")
    changed = re.findall(r'<p class="(changed|added|removed)">(.*?)</p>', page, re.DOTALL)
    assert [re.sub("<[^>]+>", "", text) for _, text in changed] == [
        "Changed paragraph: Je arm is gebroken. Dat doet inserted: erg pijn."]
    assert "0 paragraph(s) changed; 0 of 1 page(s) look different." in page  # adult
    assert "1 paragraph(s) changed; 1 of 1 page(s) look different." in page  # child-parent
    assert "./make_leaflets.py release arm --note" in page
    refused = release(run, snapshots, "Erg pijn")
    assert refused.status == 1 and "differ from their snapshots" in refused.err
    path.write_text(path.read_text(encoding="utf-8").replace(
        "updated: 2024-03-01", f"updated: {TODAY}"), encoding="utf-8")
    assert run("check", "--update", "--snapshots", str(snapshots), "--format", FORMATS).status == 0
    assert release(run, snapshots, "Erg pijn").status == 0
    assert tree(sources.root / "archive" / "arm" / "edition-1") == first
    assert (sources.root / "archive" / "arm" / "edition-2" / "SHA256SUMS").is_file()
    assert "every archived file matches its SHA-256" in run("history", "arm").out


@pytest.mark.parametrize("change, reason", [
    ("review: 2099-01-01", "its review date 2020-01-01 has passed"),
    ("Je arm is gebroken.", "the page texts of 6 edition(s) differ from their snapshots"),
    ("title: Armfractuur", "the leaflet has errors; fix them first"),
])
def test_a_release_is_refused_with_a_reason_and_writes_nothing(sources, run, unreviewed, change,
                                                               reason, request):
    path, snapshots = (request.getfixturevalue("controlled") if change == "Je arm is gebroken."
                       else unreviewed)
    replaced = {"review: 2099-01-01": "review: 2020-01-01",
                "Je arm is gebroken.": "Je arm is echt gebroken.",
                "title: Armfractuur": "title: <b>Armfractuur</b>"}
    path.write_text(path.read_text(encoding="utf-8").replace(change, replaced[change]),
                    encoding="utf-8")
    before, shots = tree(sources.root), tree(snapshots)
    result = release(run, snapshots)
    assert result.status == 1
    assert f"not released: {reason}" in result.err and "[E-release-refused]" in result.err
    assert tree(sources.root) == before and tree(snapshots) == shots


def test_a_damaged_archive_is_found_by_history_and_stops_a_release(sources, run, controlled):
    path, snapshots = controlled
    assert release(run, snapshots).status == 0
    archived = sources.root / "archive" / "arm" / "edition-1" / "pdf" / "adult" / "arm.pdf"
    archived.chmod(0o644)
    archived.write_bytes(archived.read_bytes() + b"%")
    result = run("history", "arm")
    assert result.status == 1
    assert "pdf/adult/arm.pdf does not match its SHA-256 [E-archive-damaged]" in result.err
    path.write_text(path.read_text(encoding="utf-8").replace("pijn", "zeer"), encoding="utf-8")
    refused = release(run, snapshots, "Zeer")
    assert refused.status == 1 and "[E-archive-damaged]" in refused.err
    assert not (archived.parent.parent.parent.parent / "edition-2").exists()


def test_the_current_edition_on_a_date_is_the_last_released_by_then():
    note = Variant((("*", "n", None),))
    releases = (Release(1, dt.date(2020, 1, 1), "A", note),  # type: ignore[arg-type]
                Release(2, dt.date(2022, 5, 1), "B", note))  # type: ignore[arg-type]
    leaflet = load_file(Path("sources/leaflets/neuralgische-amyotrofie.yaml")).leaflet
    from dataclasses import replace
    leaflet = replace(leaflet, history=releases)
    assert current_on(leaflet, dt.date(2022, 4, 30), None).release.number == 1
    assert current_on(leaflet, dt.date(2022, 5, 1), None).release.number == 2
    assert current_on(leaflet, dt.date(2023, 1, 1), {"date": "2022-12-01"}).withdrawn


def test_the_shipped_archive_matches_its_hashes(capsys):
    from leaflets.cli import main
    assert main(["history", "neuralgische-amyotrofie"]) == 0
    assert "every archived file matches its SHA-256" in capsys.readouterr().out


@requires_chromium
def test_the_diff_page_has_no_accessibility_violations_in_a_real_browser(sources, run,
                                                                         controlled):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright
    from test_report import CHROMIUM_ARGS

    path, snapshots = controlled
    assert release(run, snapshots).status == 0
    path.write_text(path.read_text(encoding="utf-8").replace("Dat doet pijn.", "Dat doet zeer."),
                    encoding="utf-8")
    assert run("diff", "arm").status == 0
    page_file = sources.output / "diff" / "arm" / "index.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width in (390, 1280):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_file.as_uri())
                results = Axe().run(page)
                assert results.violations_count == 0, results.generate_report()
                assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            browser.close()


def test_a_withdrawn_leaflet_is_marked_not_deleted_and_cannot_be_released(sources, run,
                                                                          controlled):
    path, snapshots = controlled
    assert release(run, snapshots).status == 0
    archived = tree(sources.root / "archive" / "arm" / "edition-1")
    assert run("withdraw", "arm", "--note", "Vervangen door de folder gips").status == 0
    assert run("withdraw", "arm", "--note", "nog eens").status == 1
    assert f"the leaflet was withdrawn on {TODAY} (Vervangen door de folder gips)" in run(
        "lint").err
    assert run("history", "arm", "--on", TODAY).out.splitlines()[-2] == (
        f"on {TODAY} the leaflet was withdrawn (since {TODAY})")
    path.write_text(path.read_text(encoding="utf-8").replace("pijn", "zeer"), encoding="utf-8")
    refused = release(run, snapshots, "Zeer")
    assert refused.status == 1 and "not released: the leaflet was withdrawn" in refused.err
    assert tree(sources.root / "archive" / "arm" / "edition-1") == archived
    assert path.exists()
