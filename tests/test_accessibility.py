"""Accessible, archival and reproducible PDFs, verified by tools this project did not write.

- page-validation (a PDF/UA-1 and PDF/A rule checker) and outloud (a PDF/UA-1 and
  WCAG checker), used together because both are young;
- pikepdf, which carries qpdf, for structural validity and the object tree;
- pypdfium2 (PDFium, Chrome's PDF engine) to count pages, extract text and render.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import page
import pikepdf
import pypdfium2
import pytest
from conftest import ROOT, VALID
from test_images import PNG, SVG

from leaflets.checks import snapshots as check
from leaflets.source import builtin

DOWNLOAD_FORMATS = [f for f in builtin.data().formats.values() if f.accessible]
PRINT_FORMATS = [f for f in builtin.data().formats.values() if not f.accessible]
# Warnings outloud may give that the project accepts: none. (Running footers were
# tagged content in WeasyPrint's PDF 1.7 output until leaflets/render/pdfstructure.py
# made them artefacts: PAG-001.)
KNOWN_WARNINGS: set[str] = set()
# A second leaflet, beside the project's own, with lists, links and emphasis.
EXTRA = VALID + """\
  - heading: Meer weten?
    body: |
      Kijk op [de website](https://example.org/gips) of mail naar
      <poli@example.org>. *Neem deze folder mee.*

      1. Eerst de röntgenfoto.
      2. Dan het gips.

      ![Een arm in een mitella](images/mitella.svg)

      ![Een röntgenfoto van een gebroken arm](images/foto.png)
links:
  - title: Gipsverband
    url: https://example.org/gipsverband
references:
  - Richtlijn Fracturen, 2022.
"""


def build(checkout: Path, sources: Path, output: Path) -> None:
    subprocess.run([sys.executable, "make_leaflets.py", "--sources", str(sources),
                    "--output", str(output)],
                   cwd=checkout, check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    shutil.copytree(ROOT / "sources", folder, dirs_exist_ok=True)
    (folder / "leaflets" / "gebroken-arm.yaml").write_text(EXTRA, encoding="utf-8")
    (folder / "images").mkdir(exist_ok=True)
    (folder / "images" / "mitella.svg").write_text(SVG, encoding="utf-8")
    (folder / "images" / "foto.png").write_bytes(PNG)
    return folder


@pytest.fixture(scope="module")
def output(tmp_path_factory, sources):
    folder = tmp_path_factory.mktemp("output")
    build(ROOT, sources, folder)
    return folder


LEAFLETS = ("neuralgische-amyotrofie", "gebroken-arm")
AUDIENCES = ("child-parent", "adult")


def editions(output: Path, formats) -> list[tuple[str, Path]]:
    return [(page_format.path(audience, leaflet), output / page_format.path(audience, leaflet))
            for page_format in formats for audience in AUDIENCES for leaflet in LEAFLETS]


def test_every_leaflet_has_every_edition(output):
    for name, path in editions(output, builtin.data().formats.values()):
        assert path.is_file(), name


@pytest.fixture(scope="module")
def download_editions(output):
    return editions(output, DOWNLOAD_FORMATS)


@pytest.fixture(scope="module")
def all_editions(output):
    return editions(output, DOWNLOAD_FORMATS + PRINT_FORMATS)


@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_download_editions_pass_page_validation(download_editions, profile):
    failing = {}
    for name, path in download_editions:
        report = page.validate_pdf(path, profile=profile)
        if not report.is_compliant:
            failing[name] = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert failing == {}


def test_download_editions_pass_outloud(download_editions):
    paths = [str(path) for _, path in download_editions]
    outloud = Path(sys.executable).with_name("outloud")
    result = subprocess.run([str(outloud), "--json", "-", "--fail-on", "never",
                             *paths], check=False, capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout)
    findings = {
        Path(r["path"]).name + f" ({Path(r['path']).parent.name})":
            [f"{f['rule']} {f['severity']}: {f.get('message', '')}" for f in r["findings"]
             if f["severity"] == "error" or f["rule"] not in KNOWN_WARNINGS]
        for r in report["results"]}
    assert all(r["error"] is None for r in report["results"])
    assert {name: found for name, found in findings.items() if found} == {}


def test_every_pdf_is_structurally_valid_for_qpdf(all_editions):
    problems = {}
    for name, path in all_editions:
        with pikepdf.open(path) as document:
            if found := document.check_pdf_syntax():
                problems[name] = found
    assert problems == {}


def test_every_font_is_embedded_and_subset(all_editions):
    for name, path in all_editions:
        with pikepdf.open(path) as document:
            for font_page in document.pages:
                for font in font_page.resources.get("/Font", {}).values():
                    assert re.fullmatch(r"/[A-Z]{6}\+.+", str(font.BaseFont)), (name, font.BaseFont)
                    for descendant in font.get("/DescendantFonts", [font]):
                        descriptor = descendant.FontDescriptor
                        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def headings(element, found: list[str]) -> list[str]:
    kind = str(element.get("/S", ""))
    if re.fullmatch(r"/H[1-6]", kind):
        found.append(kind[1:])
    kids = element.get("/K")
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary):
                headings(kid, found)
    elif isinstance(kids, pikepdf.Dictionary):
        headings(kids, found)
    return found


def test_structure_tree_has_a_title_and_headings_in_order(download_editions):
    for name, path in download_editions:
        with pikepdf.open(path) as document:
            root = document.Root
            assert root.MarkInfo.Marked is True, name
            levels = [int(h[1]) for h in headings(root.StructTreeRoot, [])]
            assert levels[0] == 1 and levels.count(1) == 1, (name, levels)
            assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (name, levels)
            assert 2 in levels, name


def test_language_and_window_title_are_set(download_editions):
    for name, path in download_editions:
        with pikepdf.open(path) as document:
            assert str(document.Root.Lang) == "nl", name
            assert document.Root.ViewerPreferences.DisplayDocTitle is True, name
            assert str(document.docinfo.Title), name


def comparable(text: str) -> str:
    # A hyphen that WeasyPrint added at a line end: pypdf reads "-" and a line
    # break, PDFium joins the word around U+FFFE.
    text = re.sub(r"-\s*\n", "", text).replace("\ufffe", "")
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.casefold()).split())


def test_pdfium_reads_the_snapshot_text_in_reading_order(output):
    snapshots = ROOT / "tests" / "snapshots"
    for page_format in DOWNLOAD_FORMATS:
        for audience in ("child-parent", "adult"):
            path = output / page_format.path(audience, "neuralgische-amyotrofie")
            expected = check.parse_snapshot(check.snapshot_path(
                snapshots, audience, "neuralgische-amyotrofie", page_format.id).read_text("utf-8"))
            document = pypdfium2.PdfDocument(path)
            read = [document[i].get_textpage().get_text_range() for i in range(len(document))]
            assert len(read) == len(expected), path
            for number, (seen, snapshot) in enumerate(zip(read, expected, strict=True), start=1):
                assert comparable(seen) == comparable(snapshot), (path, number)


def test_pdfium_draws_every_page_but_the_blank_ones_a_booklet_needs(output):
    for page_format in DOWNLOAD_FORMATS + PRINT_FORMATS:
        for name, path in editions(output, [page_format]):
            document = pypdfium2.PdfDocument(path)
            pages = len(document)
            blank = [number for number in range(pages)
                     if document[number].render(scale=0.2).to_pil().convert("L").getextrema()
                     == (255, 255)]
            # Only a folded booklet's padding, before its back page, may be empty:
            # fewer pages than it pads to, and with no text.
            padding = range(pages - page_format.pad_to, pages - 1) if (
                page_format.pad_to and not page_format.impose) else range(0)
            assert set(blank) <= set(padding), (name, blank)
            assert all(not document[number].get_textpage().get_text_range().strip()
                       for number in blank), name


def test_text_only_editions_are_small(all_editions):
    too_big = {name: path.stat().st_size for name, path in all_editions
               if path.stat().st_size >= 150 * 1024}
    assert too_big == {}


def test_builds_are_byte_identical_across_processes_and_checkouts(tmp_path, sources, output):
    checkout = tmp_path / "another-checkout"
    checkout.mkdir()
    for name in ("leaflets", "layouts", "styles", "make_leaflets.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, checkout / name)
    again = tmp_path / "output"
    build(checkout, sources, again)

    def hashes(folder: Path) -> dict[str, str]:
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*.pdf"))}

    assert hashes(again) == hashes(output)
