"""The build report for editors (output/report/index.html), checked in a real browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from conftest import VALID

CHROMIUM = Path("/usr/bin/chromium")
# The flags this machine's Chromium needs to start headless without a network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict] = []
        self.links: list[str] = []
        self.cards = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes)
        if tag == "a":
            self.links.append(attributes["href"])
        if tag == "article":
            self.cards += 1


@pytest.fixture
def report(sources, run):
    sources.write("arm.yaml", VALID)
    sources.write("knie.yaml", VALID.replace("Gebroken arm", "Knie").replace("Armfractuur", "Knie"))
    result = run("--format", "a4,a5")
    assert result.status == 0, result.err
    return sources.output / "report" / "index.html"


def parsed(report: Path) -> Page:
    page = Page()
    page.feed(report.read_text(encoding="utf-8"))
    return page


def test_one_card_per_leaflet_and_audience(report):
    assert parsed(report).cards == 4


def test_every_page_of_every_edition_has_a_thumbnail(report, sources):
    images = parsed(report).images
    for audience in ("child-parent", "adult"):
        for leaflet in ("arm", "knie"):
            pages = len(PdfReader(sources.pdf(audience, leaflet)).pages)
            shown = [i for i in images if f"pages/{audience}-{leaflet}-" in i["src"]]
            assert len(shown) == pages
            assert all((report.parent / image["src"]).is_file() and image["alt"] for image in shown)


def test_links_lead_to_the_pdfs(report):
    for link in parsed(report).links:
        assert (report.parent / link.split("#")[0]).resolve().is_file(), link


def test_figures_spelling_and_review_status_are_shown(report):
    text = report.read_text(encoding="utf-8")
    for shown in ("Average sentence", "Reading ease (Flesch-Douma)", "Spelling",
                  "no review date", "A4 reading edition", "A5 reading edition"):
        assert shown in text
    assert re.search(r"\d+ pages?, \d+ KB", text)


def test_the_report_works_offline(report):
    text = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?://""", text)
    assert "url(http" not in text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: make system-packages")
def test_the_report_has_no_accessibility_violations_in_a_real_browser(report, tmp_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width in (390, 1280):  # a phone, a desktop
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(report.as_uri())
                results = Axe().run(page)
                assert results.violations_count == 0, results.generate_report()
                page.screenshot(path=tmp_path / f"report-{width}.png", full_page=True)
                # Readable on a phone: nothing wider than the screen.
                assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            browser.close()
