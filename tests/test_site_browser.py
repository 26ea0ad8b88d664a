"""The leaflet site in a real browser: accessible, usable by keyboard, on a phone, and true to the PDF."""

from __future__ import annotations

import re

import pypdfium2
from axe_playwright_python.sync_playwright import Axe
from conftest import CHROMIUM, requires_chromium
from playwright.sync_api import sync_playwright
from test_report import CHROMIUM_ARGS
from test_site import published  # noqa: F401  (the fixture)

pytestmark = requires_chromium


def browser_pages(test):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            test(browser)
        finally:
            browser.close()


def test_the_index_and_an_edition_have_no_accessibility_violations_on_a_phone_and_a_desktop(
        published, tmp_path):  # noqa: F811
    def check(browser):
        for shown in (published / "index.html", published / "arm" / "child-parent" /
                      "index.html", published / "knie" / "adult" / "2024-05-01" / "index.html"):
            for width in (390, 1280):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(shown.as_uri())
                results = Axe().run(page)
                assert results.violations_count == 0, results.generate_report()
                page.screenshot(path=tmp_path / f"{shown.parent.name}-{width}.png", full_page=True)
                assert page.evaluate("document.documentElement.scrollWidth") <= width
    browser_pages(check)


def test_the_pages_reflow_at_320_pixels_and_at_200_percent_zoom(published):  # noqa: F811
    def check(browser):
        # 200 % zoom on a 1280 px screen lays a page out in 640 CSS pixels.
        for width, scale in ((320, 1), (640, 2)):
            page = browser.new_page(viewport={"width": width, "height": 700},
                                    device_scale_factor=scale)
            for shown in (published / "index.html", published / "knie" / "adult" / "index.html"):
                page.goto(shown.as_uri())
                assert page.evaluate("document.documentElement.scrollWidth") <= width, shown
    browser_pages(check)


def test_on_paper_an_edition_is_its_text_without_the_sites_header_and_downloads(
        published):  # noqa: F811
    def check(browser):
        page = browser.new_page()
        page.goto((published / "knie" / "adult" / "index.html").as_uri())
        page.emulate_media(media="print")
        assert not page.locator(".site-header").is_visible()
        assert not page.locator(".downloads").is_visible()
        assert page.locator(".edition-text").is_visible()
    browser_pages(check)


def test_the_keyboard_reaches_the_downloads_after_the_skip_link(published):  # noqa: F811
    def check(browser):
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto((published / "knie" / "adult" / "index.html").as_uri())
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        reached = []
        for _ in range(10):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
            if reached[-1].endswith(".pdf"):
                break
        assert reached[-1] == "knie.pdf", reached
        # The focus is visible: an outline of 3 pixels.
        assert page.evaluate("getComputedStyle(document.activeElement).outlineWidth") == "3px"
    browser_pages(check)


def test_the_index_filters_by_words_and_audience_and_is_a_plain_list_without_javascript(
        published):  # noqa: F811
    def check(browser):
        plain = browser.new_page(java_script_enabled=False)
        plain.goto((published / "index.html").as_uri())
        assert not plain.locator("#filters").is_visible()
        assert plain.locator(".leaflet-item:visible").count() == 3

        page = browser.new_page()
        page.goto((published / "index.html").as_uri())
        items = page.locator(".leaflet-item:visible")
        assert page.text_content("#filter-count") == "3 van 3 folders getoond"
        page.fill("#filter-text", "knie")
        assert items.count() == 1
        assert page.text_content("#filter-count") == "1 van 3 folders getoond"
        page.fill("#filter-text", "")
        page.select_option("#filter-audience", "child-parent")
        assert [items.nth(n).locator("h2").text_content() for n in range(items.count())] == [
            "Gebroken arm"]
        page.fill("#filter-text", "bestaat niet")
        assert items.count() == 0
        assert page.text_content("#filter-count") == "Geen folder gevonden. Probeer een ander woord."
    browser_pages(check)


def sentences(text: str) -> set[str]:
    """The sentences of a text, with what print and screen set differently taken out.

    PDFium reads a hyphen at a line end, a real one ("niet-erfelijke") or one of
    hyphenation, as U+FFFE, so hyphens are left out; the print puts a link's
    title in brackets by its stylesheet, and numbers its lists in the text.
    """
    text = " ".join(re.sub("\ufffe\\s*|(?<=\\S)-\\s+", "", text).split())
    text = text.replace("-", "").replace("(", "").replace(")", "")
    return {s.strip() for s in re.split(r"(?<=[.?!:])\s+", text) if s.strip()}


def test_the_html_edition_says_what_the_pdf_says(project_build):
    """Sentence for sentence: the questions, the glossary, the links and references."""
    site = project_build.output / "site" / "neuralgische-amyotrofie"
    for audience in ("child-parent", "adult"):
        def check(browser, audience=audience):
            page = browser.new_page()
            page.goto((site / audience / "index.html").as_uri())
            html = sentences(page.inner_text(".edition-text"))
            document = pypdfium2.PdfDocument(project_build.output / audience /
                                             "neuralgische-amyotrofie.pdf")
            pdf_text = " ".join(p.get_textpage().get_text_range() for p in document)
            pdf_text = re.sub(r"(?m)^\d+\.\s", "", pdf_text)  # list numbers, as print sets them
            document.close()
            title = page.inner_text("h1")
            printed = " ".join(re.sub(rf"{re.escape(title)} pagina \d+ van \d+", " ",
                                      " ".join(pdf_text.split())).split())
            printed_sentences = " ".join(sorted(sentences(printed)))
            missing = [s for s in html if s not in printed_sentences]
            assert missing == [], missing
            first_question = page.inner_text(".question h2")
            # The body ends where the credits, the control line or the QR caption begin.
            ends = [printed.find(m, printed.rindex(first_question))
                    for m in ("Laatst bijgewerkt", "Code: ", "De nieuwste versie")]
            body = printed[printed.rindex(first_question):min(e for e in ends if e > 0)]
            extra = sentences(body) - html
            assert extra == set(), (extra, html)
        browser_pages(check)
