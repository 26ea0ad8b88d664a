"""Every edition easy to read and to hear, measured in the PDFs `make` writes.

The project's sources are built once, in every format; then each PDF is read
back, with PDFium (pypdfium2) for what a reader sees and pikepdf for the
structure a screen reader follows:

- no letter smaller than its format allows, reading text at its body size;
- full lines of at most 75 characters on average;
- every text colour at least 4.5:1 against the colour beneath it (WCAG 1.4.3);
- running footers and page numbers are artefacts, not text a screen reader reads;
- the contents list: one link per question, reading the question and its page;
- the "Moeilijke woorden" box with each glossary term an edition uses;
- booklets: page numbers on the outer edge, duplex and 100 % print presets;
- the print-shop file: black text in black ink (K) alone.
"""

from __future__ import annotations

import ctypes
import io
import re
import subprocess
import sys
from collections import Counter

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from conftest import ROOT

from leaflets import resolve
from leaflets.checks import legibility
from leaflets.source import builtin
from leaflets.source.glossary import load_glossary
from leaflets.source.leaflet import load_file

TOPIC = "neuralgische-amyotrofie"
AUDIENCES = ("child-parent", "adult")
FORMATS = builtin.data().formats
DOWNLOADS = [f for f in FORMATS.values() if f.accessible]
MAX_AVERAGE_LINE = 75
MIN_CONTRAST = 4.5
#: The terms the issue found unexplained for children and parents.
NAMED_TERMS = {"FSHD", "CK-gehalte", "SEPT9-gen", "plexus brachialis", "EMG"}


@pytest.fixture(scope="module")
def pdfs(project_build) -> dict[tuple[str, str], bytes]:
    """(format id, audience) -> the PDF, for every format of the project's sources."""
    assert project_build.status == 0, project_build.err
    return {(f.id, audience): (project_build.output / f.path(audience, TOPIC)).read_bytes()
            for f in FORMATS.values() for audience in AUDIENCES}


@pytest.fixture(scope="module")
def editions():
    sources = ROOT / "sources"
    leaflet = load_file(sources / "leaflets" / f"{TOPIC}.yaml").leaflet
    glossary = load_glossary(sources)
    return {audience: resolve.resolve(leaflet, audience, glossary) for audience in AUDIENCES}


# -- type size, line length, contrast ---------------------------------------------


def test_no_letter_is_smaller_than_its_format_allows(pdfs):
    too_small = {}
    for (format_id, audience), data in pdfs.items():
        smallest = min(legibility.sizes(data))
        if smallest < legibility.points(FORMATS[format_id].min_text_size) - 0.05:
            too_small[format_id, audience] = smallest
    assert too_small == {}


def test_reading_text_is_at_least_the_formats_body_size(pdfs):
    too_small = {}
    for (format_id, audience), data in pdfs.items():
        body = legibility.body_size(legibility.sizes(data))
        if body < legibility.points(FORMATS[format_id].min_body_size) - 0.05:
            too_small[format_id, audience] = body
    assert too_small == {}


def test_large_print_is_large_for_every_letter(pdfs):
    for format_id in ("large", "large18"):
        for audience in AUDIENCES:
            assert min(legibility.sizes(pdfs[format_id, audience])) >= float(format_id[5:] or 16)


def test_full_lines_average_at_most_75_characters(pdfs):
    averages = {key: round(legibility.average_line_length(data), 1) for key, data in pdfs.items()}
    assert {key: average for key, average in averages.items() if average > MAX_AVERAGE_LINE} == {}
    assert all(average > 40 for average in averages.values()), averages


def test_every_text_colour_stands_out_4_5_to_1_from_what_is_beneath_it(pdfs):
    worst = {}
    for key, data in pdfs.items():
        run = min(legibility.text_runs(data), key=lambda run: run.contrast)
        if run.contrast < MIN_CONTRAST:
            worst[key] = (round(run.contrast, 2), run.text, run.fill, run.background)
    assert worst == {}


# -- what a screen reader hears -----------------------------------------------------


def marked_text(data: bytes) -> list[dict[str, list[str]]]:
    """Per page: the text of each marked-content sequence, by MCID, and of the artefacts."""
    document = pypdfium2.PdfDocument(data)
    pages = []
    for page in document:
        text_page = page.get_textpage()
        found: dict[str, list[str]] = {}
        for item in page.get_objects():
            if item.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            length = pdfium_c.FPDFTextObj_GetText(item.raw, text_page.raw, None, 0)
            buffer = (ctypes.c_ushort * (length // 2))()
            pdfium_c.FPDFTextObj_GetText(item.raw, text_page.raw, buffer, length)
            text = bytes(buffer).decode("utf-16-le").rstrip("\0")
            mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(item.raw)
            found.setdefault("artifact" if mcid < 0 else str(mcid), []).append(text)
        pages.append(found)
    return pages


def test_running_footers_and_page_numbers_are_artifacts(pdfs):
    labels = builtin.data().labels("nl", "adult")
    number = re.compile(rf"{labels.page}\s*\d+\s*{labels.page_of}\s*\d+")
    read_aloud = {}
    for page_format in DOWNLOADS:
        for audience in AUDIENCES:
            for page, found in enumerate(marked_text(pdfs[page_format.id, audience]), start=1):
                artifacts = " ".join(found.get("artifact", []))
                assert number.search(artifacts), (page_format.id, audience, page)
                tagged = " ".join(text for key, texts in found.items() if key != "artifact"
                                  for text in texts)
                if number.search(tagged):
                    read_aloud[page_format.id, audience, page] = number.search(tagged)[0]
    assert read_aloud == {}


def structure_elements(element, kind: str) -> list:
    found = [element] if element.get("/S") == kind else []
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
            found += structure_elements(kid, kind)
    return found


def squashed(text: str) -> str:
    """Letters and digits only, lower case: what a reader hears, whatever the line breaks."""
    return re.sub(r"[\W_]", "", text.casefold())


@pytest.mark.parametrize("format_id", [f.id for f in DOWNLOADS])
def test_contents_has_one_link_per_question_reading_the_question_and_its_page(
        pdfs, editions, format_id):
    data = pdfs[format_id, "child-parent"]
    headings = [section.heading for section in editions["child-parent"].sections]
    texts = marked_text(data)
    with pikepdf.open(io.BytesIO(data)) as document:
        page_numbers = {page.objgen: number for number, page in enumerate(document.pages)}
        links: dict[str, list] = {}
        for link in structure_elements(document.Root.StructTreeRoot, "/Link"):
            kids = list(link.K) if isinstance(link.K, pikepdf.Array) else [link.K]
            annotations = [kid.Obj for kid in kids
                           if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"]
            targets = {str(a.get("/Dest", "")) for a in annotations}
            if any(target.startswith("question-") for target in targets):
                assert len(targets) == 1, targets
                links.setdefault(targets.pop(), []).append((link, annotations, kids))
        assert sorted(links) == sorted(f"question-{n}" for n in range(1, len(headings) + 1))
        for number, heading in enumerate(headings, start=1):
            (link, annotations, kids), *others = links[f"question-{number}"]
            assert others == [], f"entry {number} is more than one link"
            assert {str(a.Contents) for a in annotations} == {heading}
            page = page_numbers[link.Pg.objgen]
            words = "".join(text for kid in kids if isinstance(kid, int)
                            for text in texts[page].get(str(kid), []))
            match = re.fullmatch(r"(.*?)\s*(\d+)", " ".join(words.split()))
            assert match and squashed(match[1]) == squashed(heading), (number, words)


def test_leader_dots_are_artifacts(pdfs):
    for page_format in DOWNLOADS:
        first_page = marked_text(pdfs[page_format.id, "child-parent"])[0]
        tagged = "".join(text for key, texts in first_page.items() if key != "artifact"
                         for text in texts)
        assert ". . ." not in tagged and "..." not in tagged
        assert "." in "".join(first_page["artifact"])


# -- the glossary ---------------------------------------------------------------------


def test_the_glossary_explains_the_terms_the_issue_named_for_children_and_parents(editions):
    explained = {term for term, _ in editions["child-parent"].glossary}
    assert explained >= NAMED_TERMS


@pytest.mark.parametrize("format_id", [f.id for f in DOWNLOADS])
def test_every_edition_using_a_glossary_term_has_the_box_with_its_explanation(
        pdfs, editions, format_id):
    for audience, edition in editions.items():
        assert edition.glossary, audience
        document = pypdfium2.PdfDocument(pdfs[format_id, audience])
        text = squashed(" ".join(page.get_textpage().get_text_range() for page in document))
        assert squashed(edition.labels.glossary) in text
        missing = [term for term, explanation in edition.glossary
                   if squashed(f"{term}: {explanation}") not in text]
        assert missing == [], (audience, format_id)


def test_the_glossary_is_spelled_right_and_every_term_is_used():
    # lint spells each term a leaflet uses, and its explanations, in that leaflet's
    # language, and reports a term no leaflet uses: no warning means every term
    # and explanation was checked and found right.
    glossary = ROOT / "sources" / "glossary.yaml"
    result = subprocess.run([sys.executable, "make_leaflets.py", "lint"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    about_the_glossary = [line for line in result.stderr.splitlines()
                          if line.startswith((str(glossary), "sources/glossary.yaml"))]
    assert about_the_glossary == []
    assert "spelling not checked" not in result.stderr


# -- print files ----------------------------------------------------------------------


def test_booklets_ask_for_duplex_on_the_short_edge_at_100_percent(pdfs):
    for audience in AUDIENCES:
        with pikepdf.open(io.BytesIO(pdfs["booklet", audience])) as document:
            preferences = document.Root.ViewerPreferences
            assert preferences.Duplex == pikepdf.Name.DuplexFlipShortEdge
            assert preferences.PrintScaling == pikepdf.Name("/None")


def test_booklet_page_numbers_stand_on_the_outer_edge(pdfs):
    labels = builtin.data().labels("nl", "adult")
    for audience in AUDIENCES:
        document = pypdfium2.PdfDocument(pdfs["press", audience])  # the booklet's pages, unimposed
        numbered = 0
        for index, page in enumerate(document):
            text = page.get_textpage()
            width, height = page.get_size()
            left, right = (text.get_text_bounded(a, 0, b, height)
                           for a, b in ((0, width / 2), (width / 2, width)))
            mark = f"{labels.page} {index + 1}"
            if mark in left + right:
                numbered += 1
                # Page 1 is a right-hand page: odd pages carry their number on the right.
                assert (mark in right) == (index % 2 == 0), (audience, index + 1)
        assert numbered >= 2


def fill_of_text(data: bytes) -> Counter:
    """How much text (bytes of shown strings) each font size and fill colour has.

    A fill colour is its operator and operands, e.g. ("scn", ("0", "0", "0", "1")).
    """
    shown: Counter = Counter()
    with pikepdf.open(io.BytesIO(data)) as document:
        for page in document.pages:
            stack, fill, size = [], ("g", ("0",)), 0.0
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "q":
                    stack.append(fill)
                elif name == "Q" and stack:
                    fill = stack.pop()
                elif name in ("rg", "k", "g", "scn", "sc"):
                    fill = (name, tuple(f"{float(value):g}" for value in operands))
                elif name == "cs":
                    fill = (f"cs {operands[0]}", ())
                elif name == "Tf":
                    size = float(operands[1])
                elif name in ("Tj", "'", '"'):
                    shown[size, fill] += len(bytes(operands[-1]))
                elif name == "TJ":
                    shown[size, fill] += sum(len(bytes(item)) for item in operands[0]
                                             if isinstance(item, pikepdf.String))
    return shown


def test_press_file_prints_body_text_in_black_ink_alone(pdfs):
    for audience in AUDIENCES:
        shown = fill_of_text(pdfs["press", audience])
        body_size = Counter({size: 0 for size, _ in shown})
        for (size, _), count in shown.items():
            body_size[size] += count
        body = body_size.most_common(1)[0][0]
        fills = Counter({fill: count for (size, fill), count in shown.items() if size == body})
        assert fills.most_common(1)[0][0] == ("scn", ("0", "0", "0", "1"))
        assert not any(operator in ("rg", "g") for _, (operator, _) in shown), "no RGB or grey"
