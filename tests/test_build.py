"""End to end: the project's own sources, built by the command an editor runs."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from conftest import ROOT, VALID
from pypdf import PdfReader

from leaflets import resolve
from leaflets.build.jobs import Job
from leaflets.build.worker import run_job
from leaflets.source import builtin
from leaflets.source.glossary import load_glossary
from leaflets.source.leaflet import load_file

TOPIC = "neuralgische-amyotrofie"
AUDIENCES = ("child-parent", "adult")


@pytest.fixture
def built(project_build):
    """Every leaflet in sources/, built once into a fresh output folder (for the whole run)."""
    assert project_build.status == 0, project_build.err
    return project_build.output, project_build


def reader(built, audience: str) -> PdfReader:
    return PdfReader(built[0] / audience / f"{TOPIC}.pdf")


def test_every_audience_of_the_first_topic_gets_a_pdf(built):
    output, result = built
    for audience in AUDIENCES:
        assert (output / audience / f"{TOPIC}.pdf").read_bytes().startswith(b"%PDF-")
    assert [line for line in result.err.splitlines() if ": warning: " not in line] == []


def test_the_build_says_what_it_wrote(built):
    output, result = built
    lines = result.out.splitlines()
    assert any(line.startswith(f"wrote {output / 'adult' / TOPIC}.pdf (") and "pages," in line
               for line in lines), lines


def test_every_format_of_every_audience_is_written_and_nothing_else(built):
    output, _ = built
    written = [str(p.relative_to(output)) for p in output.rglob("*")
               if p.is_file() and not p.name.startswith(".")
               and not {"report", "site"} & set(p.relative_to(output).parts)]
    assert sorted(written) == sorted(
        [f"{audience}/{TOPIC}{suffix}.pdf"
         for audience in AUDIENCES for suffix in ("", ".a5", ".large", ".large18")]
        + [f"print/{audience}/{TOPIC}{suffix}.pdf"
           for audience in AUDIENCES for suffix in (".a5-booklet", ".a5-press")])


@pytest.mark.parametrize("audience", AUDIENCES)
def test_pdf_embeds_only_the_project_font(built, audience):
    fonts = set()
    for page in reader(built, audience).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
            descendants = font.get("/DescendantFonts") or []
            for descendant in descendants:
                assert "/FontFile2" in descendant.get_object()["/FontDescriptor"] or \
                       "/FontFile3" in descendant.get_object()["/FontDescriptor"]
    assert fonts and all(name.startswith(("Atkinson-Hyperlegible", "Noto-Sans")) for name in fonts), fonts


@pytest.mark.parametrize("audience, title, author, subject, created", [
    ("child-parent", "Neuralgische amyotrofie", "J.H. Schieving",
     "Informatie voor kinderen en ouders", "D:20081026"),
    # The adult text is undated: the PDF carries the date of its edition.
    ("adult", "Amyotrofische schouder neuralgie", None, "Informatie voor patiënten", "D:20261204"),
])
def test_pdf_title_author_subject_language_and_date_come_from_the_source(built, audience, title, author, subject, created):
    document = reader(built, audience)
    info = document.metadata
    assert info.title == title
    assert info.author == author
    assert info.subject == subject
    assert info["/CreationDate"].startswith(created)
    assert document.trailer["/Root"]["/Lang"] == "nl"


def test_bookmarks_follow_the_headings(built):
    outline = reader(built, "adult").outline
    (title, children) = outline
    assert title.title == "Amyotrofische schouder neuralgie"
    # The questions, then the box that explains the edition's difficult words.
    assert [item.title for item in children] == [
        "Wat is een amyotrofische schouder neuralgie?", "Welke klachten kunt u hebben?",
        "Hoe wordt de diagnose gesteld?", "Behandeling", "Vragen?", "Moeilijke woorden",
        "Vragen? Neem contact op"]


@pytest.mark.parametrize("audience, label", [
    ("child-parent", "INFORMATIE VOOR KINDEREN EN OUDERS"), ("adult", "INFORMATIE VOOR PATIËNTEN")])
def test_first_page_has_the_title_block(built, audience, label):
    first = reader(built, audience).pages[0].extract_text().splitlines()
    # The publisher's mark first: the organisation and the department.
    assert first[:3] == ["Voorbeeldziekenhuis", "Polikliniek neurologie", label]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_page_has_the_running_footer(built, audience):
    document = reader(built, audience)
    total = len(document.pages)
    title = document.metadata.title
    for number, page in enumerate(document.pages, start=1):
        assert page.extract_text().splitlines()[-1] == f"{title} pagina {number} van {total}"


def test_author_date_links_and_references_are_printed(built):
    text = "\n".join(page.extract_text() for page in reader(built, "child-parent").pages)
    assert "Auteur: J.H. Schieving" in text
    assert "Laatst bijgewerkt: 26 oktober 2008" in text
    assert "www.vsn.nl" in text and "www.umcn.nl/extern/patfol/NSC0618.pdf" in text
    assert "1. Kotsopoulos I" in text and "3. van Alfen N" in text


def test_links_are_clickable(built):
    uris = {annotation.get_object()["/A"]["/URI"]
            for page in reader(built, "child-parent").pages
            for annotation in page.get("/Annots") or []
            if "/A" in annotation.get_object()}
    assert {"https://www.vsn.nl", "https://www.umcn.nl/extern/patfol/NSC0618.pdf"} <= uris


def test_body_text_is_at_least_12pt_for_children_and_parents(built):
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(round(size * tm[0], 1))

    reader(built, "child-parent").pages[1].extract_text(visitor_text=visit)
    body = max(set(sizes), key=sizes.count)  # the size most of the page is set in
    assert body >= 12


def test_every_edition_of_the_sources_typesets_without_renderer_warnings(caplog, tmp_path):
    # The jobs the build runs, run here so that WeasyPrint's log can be read.
    path = ROOT / "sources" / "leaflets" / f"{TOPIC}.yaml"
    leaflet = load_file(path).leaflet
    glossary = load_glossary(ROOT / "sources")
    results = []
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        for audience in AUDIENCES:
            edition = resolve.resolve(leaflet, audience, glossary)
            for page_format in builtin.data().formats.values():
                results.append(run_job(Job(edition, page_format, tmp_path / "x.pdf", None)))
    assert [result.problem for result in results] == [None] * 12  # 2 audiences, 6 formats
    assert all(result.data and result.data.startswith(b"%PDF-") for result in results)
    unexpected = [r.getMessage() for r in caplog.records if "HarfBuzz" not in r.getMessage()]
    assert unexpected == []


def test_a_new_leaflet_in_another_language_builds(sources, run):
    sources.write("broken-arm.yaml", VALID.replace("language: nl", "language: en"))
    result = run()
    assert result.status == 0, result.err
    text = PdfReader(sources.pdf("child-parent", "broken-arm")).pages[0].extract_text()
    assert "INFORMATION FOR CHILDREN AND PARENTS" in text
    assert "Wat je moet weten over gips" in text
    assert "Gebroken arm page 1 of 1" in text


def test_the_command_line_never_prints_a_traceback_for_bad_input(sources):
    sources.write("bad.yaml", "language: [\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "make_leaflets.py"), "--sources", str(sources.root),
         "--output", str(sources.output)], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(
        f"{sources.root}/leaflets/bad.yaml:2:1: YAML syntax error")
    assert result.stderr.splitlines()[0].endswith("[E-yaml-syntax]")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_page_ends_with_a_heading(built, audience):
    leaflet = load_file(ROOT / "sources" / "leaflets" / f"{TOPIC}.yaml").leaflet
    edition = resolve.resolve(leaflet, audience)
    headings = {s.heading for s in edition.sections}
    headings |= {line[4:].strip() for s in edition.sections
                 for line in s.body.splitlines() if line.startswith("### ")}
    for page in reader(built, audience).pages:
        lines = page.extract_text().splitlines()[:-1]  # without the running footer
        assert lines[-1] not in headings


def test_greek_and_cyrillic_letters_use_the_project_fallback_font(sources, run):
    sources.write("symbols.yaml", VALID.replace("Je arm is gebroken.", "Een β-blokker, Привет."))
    assert run().status == 0
    fonts = {str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
             for font in PdfReader(sources.pdf("child-parent", "symbols")).pages[0]
             ["/Resources"]["/Font"].values()}
    assert any(name.startswith("Noto-Sans") for name in fonts), fonts
    assert all(name.startswith(("Atkinson-Hyperlegible", "Noto-Sans")) for name in fonts), fonts


def test_a_character_no_project_font_has_is_a_warning_with_its_place(sources, run):
    path = sources.write("phone.yaml", VALID.replace("Dat doet pijn.", "Dat doet pijn. ☎ Bel ons."))
    result = run()
    assert result.status == 0
    assert next(line for line in result.warning_lines if "U+260E" in line) == (
        f"{path}:15:56: warning: '☎' (U+260E) is in none of the leaflet fonts; the "
        "'child-parent' edition prints it in a fallback font, or as a box [W-missing-characters]")


def test_a_script_no_project_font_has_is_one_warning(sources, run):
    path = sources.write("georgian.yaml", VALID.replace("Dat doet pijn.", "Dat doet pijn. გამარჯობა."))
    result = run()
    assert result.status == 0
    assert [line for line in result.warning_lines if "none of the leaflet fonts" in line] == [
        f"{path}:15:56: warning: 7 characters are in none of the leaflet fonts, 'გ' (U+10D2), "
        "'ა' (U+10D0), 'მ' (U+10DB) and 4 more; the 'child-parent' edition prints them in a "
        "fallback font, or as boxes [W-missing-characters]"]
