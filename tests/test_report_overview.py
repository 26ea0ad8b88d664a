"""The report for editors: an overview first, in their language, and every page readable."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import CHROMIUM, VALID, requires_chromium
from PIL import Image
from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from test_report import ARM, CHROMIUM_ARGS, KNIE, LONG_SENTENCE

ENGLISH = (VALID.replace("language: nl", "language: en")
           .replace("Je arm is gebroken. Dat doet pijn.", "Your arm is broken. It hurts.")
           .replace("Een breuk van een van de botten van de arm.", "One of the arm bones broke.")
           .replace("Het gips blijft **zes weken** zitten.", "The cast stays on for six weeks.")
           .replace("Houd het droog.", "Keep it dry.").replace("Kom terug als het knelt.",
                                                              "Come back if it pinches."))


class Overview(HTMLParser):
    """The overview table's rows, as the cells' text, and the page's language."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.language = ""
        self.depth = 0  # inside the overview's tbody
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.language = attributes["lang"]
        if tag == "table" and attributes.get("id") == "overview-table":
            self.depth = 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        if tag == "table":
            self.depth = 0

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def overview(report) -> Overview:
    page = Overview()
    page.feed(report.read_text(encoding="utf-8"))
    page.rows = [row for row in page.rows if row]  # the header row has no td
    return page


@pytest.fixture
def catalogue(sources, run):
    """A leaflet of every status: not built, review due, findings, fine."""
    sources.write("arm.yaml", ARM)  # its review date has passed
    sources.write("knie.yaml", KNIE)  # no references, no contact
    (sources.root / "organisation.yaml").write_text(  # which the starter names
        "name: Voorbeeldziekenhuis\ndepartments:\n  poli:\n    name: Polikliniek\n"
        "    phone: 020 7946 0123\n", encoding="utf-8")
    assert run("new", "start").status == 0  # a starter: nothing to say about it
    sources.write("kapot.yaml", "language: nl\naudiences: [adult\n")
    result = run("--format", "a4,a5")
    assert result.status == 1
    return sources.output / "report" / "index.html"


def test_the_overview_lists_every_leaflet_and_audience_most_urgent_first(catalogue):
    rows = [(row[0], row[1], row[2]) for row in overview(catalogue).rows]
    assert rows == [
        ("kapot.yaml", "–", "Niet gemaakt"),
        ("Armfractuur arm", "Informatie voor patiënten", "Herziening nodig"),
        ("Gebroken arm arm", "Informatie voor kinderen en ouders", "Herziening nodig"),
        ("Knie knie", "Informatie voor patiënten", "Meldingen"),
        ("Knie knie", "Informatie voor kinderen en ouders", "Meldingen"),
        ("Start start", "Informatie voor patiënten", "In orde"),
        ("Start start", "Informatie voor kinderen en ouders", "In orde"),
    ]


def test_the_report_is_in_the_language_most_leaflets_are_in(sources, run):
    sources.write("arm.yaml", ENGLISH)
    sources.write("been.yaml", ENGLISH.replace("Gebroken arm", "Broken leg"))
    sources.write("knie.yaml", KNIE)
    assert run().status == 0
    page = (sources.output / "report" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<h1>Leaflet report</h1>" in page
    assert "<h3>Readability</h3>" in page
    sources.write("heup.yaml", KNIE.replace("Knie", "Heup"))
    sources.write("enkel.yaml", KNIE.replace("Knie", "Enkel"))
    assert run().status == 0
    page = (sources.output / "report" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "<h1>Rapport van de folders</h1>" in page


def test_a_language_without_report_words_gets_the_english_report(sources, run):
    sources.write("arm.yaml", VALID.replace("language: nl", "language: de"))
    assert run().status == 0
    page = (sources.output / "report" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<h1>Leaflet report</h1>" in page


def test_long_sentences_are_shown_whole_with_their_line(catalogue):
    page = catalogue.read_text(encoding="utf-8")
    assert f"Regel 16, 37 woorden:</span> <q lang=\"nl\" dir=\"auto\">{LONG_SENTENCE}</q>" in page
    assert "..." not in page and "…" not in page


def test_every_thumbnail_opens_a_readable_view_of_every_page_of_every_format(catalogue):
    folder = catalogue.parent
    page = catalogue.read_text(encoding="utf-8")
    for leaflet in ("arm", "knie", "start"):
        for audience in ("child-parent", "adult"):
            view = f"{leaflet}.{audience}.html"
            thumbnails = re.findall(rf'<a href="{re.escape(view)}#(a4-\d+)"><img', page)
            assert thumbnails == [f"a4-{n}" for n in range(1, len(thumbnails) + 1)]
            html = (folder / view).read_text(encoding="utf-8")
            for page_format, suffix in (("a4", ""), ("a5", ".a5")):
                pdf = PdfReader(folder.parent / audience / f"{leaflet}{suffix}.pdf")
                shown = re.findall(rf'<li id="{page_format}-(\d+)"><img src="([^"]+)"', html)
                assert [int(number) for number, _ in shown] == list(range(1, len(pdf.pages) + 1))
                for (_, src), pdf_page in zip(shown, pdf.pages, strict=True):
                    with Image.open(folder / src) as image:  # 12 pt text is 18 pixels high
                        assert image.width >= 1.5 * float(pdf_page.mediabox.width) - 1


@requires_chromium
def test_the_overview_is_a_plain_table_without_javascript_and_sorts_and_filters_with_it(
        catalogue):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            plain = browser.new_page(java_script_enabled=False)
            plain.goto(catalogue.as_uri())
            assert not plain.locator("form.filters").is_visible()
            assert plain.locator("#overview-table tbody tr:visible").count() == 7
            assert plain.locator("#overview-table th button").count() == 0

            page = browser.new_page()
            page.goto(catalogue.as_uri())
            rows = page.locator("#overview-table tbody tr:visible")
            page.fill("#overview-search", "knie")
            assert rows.count() == 2
            assert page.text_content("#overview-count") == "2 van 7 getoond"
            page.fill("#overview-search", "")
            page.select_option("#overview-status", "fine")
            assert [rows.nth(n).locator("td").first.text_content().split()[0]
                    for n in range(rows.count())] == ["Start", "Start"]
            page.select_option("#overview-status", "")
            page.click("#overview-table th:nth-child(4) button")  # the findings, fewest first
            counts = [int(rows.nth(n).locator("td").nth(3).text_content())
                      for n in range(rows.count())]
            assert counts == sorted(counts) and counts != sorted(counts, reverse=True)
            assert page.get_attribute("#overview-table th:nth-child(4)",
                                      "aria-sort") == "ascending"
        finally:
            browser.close()
