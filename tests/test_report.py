"""The build report for editors (output/report/index.html), checked in a real browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import CHROMIUM, VALID, requires_chromium
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from leaflets.checks import editorial
from leaflets.source.leaflet import load_file

AUDIENCES = ("child-parent", "adult")
# The flags this machine's Chromium needs to start headless without a network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


LONG_SENTENCE = ("Omdat de arm in het gips zit, mag je een paar weken niet sporten, niet zwemmen "
                 "en niet fietsen, en moet je goed opletten dat het gips droog blijft als je gaat "
                 "douchen of in bad gaat.")
ARM = (VALID.replace("updated: 2024-03-01", "updated: 2024-03-01\nreview: 2000-01-01")
       .replace("child-parent: Je arm is gebroken. Dat doet pijn.", f"child-parent: {LONG_SENTENCE}")
       .replace("Houd het droog.", "Houd het droog, zegt de nederalndse arts."))
KNIE = (VALID.replace("Gebroken arm", "Knie").replace("Armfractuur", "Knie")
        .replace("updated: 2024-03-01", "updated: 2024-03-01\nreview: 2099-01-01"))


class Card:
    def __init__(self, name: str):
        self.name = name  # <leaflet>-<audience>
        self.meta = ""
        self.rows: list[list[str]] = []  # the readability table's body
        self.words: list[str] = []  # the spelling list
        self.files: list[str] = []  # "N pages, K KB" of each file
        self.text = ""


class Page(HTMLParser):
    """The report page: its images and links, and what each card shows."""

    def __init__(self):
        super().__init__()
        self.images: list[dict] = []
        self.links: list[str] = []
        self.cards: dict[str, Card] = {}
        self.card: Card | None = None
        self.open: list[tuple[str, dict, list[str]]] = []  # each element and its text

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("img", "input", "meta"):  # elements without an end tag
            if tag == "img":
                self.images.append(attributes)
            return
        self.open.append((tag, attributes, []))
        if tag == "a":
            self.links.append(attributes["href"])
        if tag == "article":
            self.card = Card(attributes["id"])
            self.cards[self.card.name] = self.card
        if tag == "tr" and self.card is not None and self.within("tbody"):
            self.card.rows.append([])

    def handle_endtag(self, tag):
        opened, attributes, text = self.open.pop()
        cell, card = " ".join("".join(text).split()), self.card
        if card is None:
            return
        if opened in ("td", "th") and self.within("tbody"):
            card.rows[-1].append(cell)
        if opened == "li" and self.within("ul", "words"):
            card.words.append(cell)
        if opened == "span" and attributes.get("class") == "detail" and self.within("ul", "files"):
            card.files.append(cell)
        if opened == "p" and attributes.get("class") == "meta":
            card.meta = cell
        if opened == "article":
            self.card = None

    def handle_data(self, data):
        for _, _, text in self.open:
            text.append(data)
        if self.card is not None:
            self.card.text += data

    def within(self, tag: str, css_class: str | None = None) -> bool:
        return any(t == tag and (css_class is None or a.get("class") == css_class)
                   for t, a, _ in self.open)


@pytest.fixture
def report(sources, run):
    sources.write("arm.yaml", ARM)
    sources.write("knie.yaml", KNIE)
    result = run("--format", "a4,a5")
    assert result.status == 0, result.err
    return sources.output / "report" / "index.html"


def parsed(report: Path) -> Page:
    page = Page()
    page.feed(report.read_text(encoding="utf-8"))
    return page


def test_one_card_per_leaflet_and_audience(report):
    assert sorted(parsed(report).cards) == ["arm-adult", "arm-child-parent", "knie-adult",
                                           "knie-child-parent"]


def test_every_page_of_every_edition_has_a_thumbnail(report, sources):
    images = parsed(report).images
    for audience in ("child-parent", "adult"):
        for leaflet in ("arm", "knie"):
            pages = len(PdfReader(sources.pdf(audience, leaflet)).pages)
            shown = [i for i in images if f"pages/{audience}-{leaflet}-" in i["src"]]
            assert len(shown) == pages
            assert all((report.parent / image["src"]).is_file() and image["alt"] for image in shown)


def test_links_lead_to_the_pdfs_the_page_views_and_the_cards(report):
    page = report.read_text(encoding="utf-8")
    for link in parsed(report).links:
        target, _, anchor = link.partition("#")
        if target:
            assert (report.parent / target).resolve().is_file(), link
        if anchor:
            html = (report.parent / target).read_text(encoding="utf-8") if target else page
            assert f'id="{anchor}"' in html, link


def test_the_readability_table_shows_each_editions_figures_and_verdict(report, sources):
    cards = parsed(report).cards
    for name in ("arm", "knie"):
        findings, _ = editorial.check_leaflet(
            load_file(sources.root / "leaflets" / f"{name}.yaml").leaflet, sources.root)
        for edition in findings:
            rows = cards[f"{name}-{edition.audience}"].rows
            assert [row[0] for row in rows] == [
                "Gemiddelde zin", "Lange woorden (4 of meer lettergrepen)",
                "Leesgemak (Flesch-Douma)", "Langste zin"]
            assert [row[3] for row in rows] == [
                {None: "geen cijfer", True: "ja", False: "nee"}[verdict.met]
                for verdict in edition.verdicts]
            figures = edition.readability
            assert rows[0][1] == f"{figures.average_sentence_words} woorden"
            assert rows[2][1] == f"{figures.flesch}"
    longest = cards["arm-child-parent"].rows[3]
    assert longest == ["Langste zin", "37 woorden", "hoogstens 25", "nee"]
    assert cards["knie-child-parent"].rows[3][3] == "ja"


def test_each_card_shows_the_review_status_of_its_leaflet(report):
    cards = parsed(report).cards
    assert all("herziening te laat, sinds 1 januari 2000" in cards[f"arm-{a}"].meta
               for a in AUDIENCES)
    assert all("volgende herziening 1 januari 2099" in cards[f"knie-{a}"].meta for a in AUDIENCES)


def test_each_card_lists_the_unknown_words_of_its_edition(report):
    cards = parsed(report).cards
    assert all(cards[f"arm-{a}"].words == ["nederalndse"] for a in AUDIENCES)
    for audience in AUDIENCES:
        card = cards[f"knie-{audience}"]
        assert card.words == [] and "Alle woorden staan in het woordenboek" in card.text


def test_each_file_shows_its_pages_and_size(report, sources):
    cards = parsed(report).cards
    for name in ("arm", "knie"):
        for audience in AUDIENCES:
            pdfs = [sources.output / audience / f"{name}{suffix}.pdf" for suffix in ("", ".a5")]
            assert cards[f"{name}-{audience}"].files == [
                f"{len(PdfReader(pdf).pages)} p., {pdf.stat().st_size / 1024:.0f} kB"
                for pdf in pdfs]


def test_the_report_works_offline(report):
    text = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?://""", text)
    assert "url(http" not in text


@requires_chromium
def test_the_report_has_no_accessibility_violations_in_a_real_browser(report, tmp_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # The report, and an edition's pages of every format.
            for shown in (report, report.parent / "arm.child-parent.html"):
                for width in (390, 1280):  # a phone, a desktop
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(shown.as_uri())
                    results = Axe().run(page)
                    assert results.violations_count == 0, results.generate_report()
                    page.screenshot(path=tmp_path / f"{shown.stem}-{width}.png", full_page=True)
                    # Readable on a phone: nothing wider than the screen.
                    assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            browser.close()


def _card_article(page: str, card_id: str) -> str:
    start = page.index(f'<article class="card" id="{card_id}"')
    return page[start:page.index("</article>", start)]


def _mark_cards(report: Path, *card_ids: str) -> None:
    """Put a comment into these cards of the report page, as if an earlier report wrote it."""
    page = report.read_text(encoding="utf-8")
    for card_id in card_ids:
        opening = re.search(rf'<article class="card" id="{card_id}"[^>]*>', page)
        assert opening is not None
        page = page.replace(opening.group(0), opening.group(0) + "<!-- kept -->", 1)
    report.write_text(page, encoding="utf-8")


def test_a_card_whose_edition_did_not_change_is_taken_from_the_last_report(report, sources, run):
    assert "nederalndse" in _card_article(report.read_text(encoding="utf-8"), "arm-adult")
    _mark_cards(report, "arm-adult", "knie-adult")
    sources.write("arm.yaml", ARM.replace("nederalndse", "Nederlandse"))
    assert run("--format", "a4,a5").status == 0
    page = report.read_text(encoding="utf-8")
    assert "<!-- kept -->" in _card_article(page, "knie-adult")
    arm = _card_article(page, "arm-adult")  # what it shows changed: it is made anew
    assert "<!-- kept -->" not in arm and "nederalndse" not in arm


def test_a_report_made_from_the_last_ones_cards_is_the_report_made_anew(report, sources, run):
    sources.write("arm.yaml", ARM.replace("review: 2000-01-01", "review: 2099-06-01"))
    assert run("--format", "a4,a5").status == 0
    reused = report.read_text(encoding="utf-8")
    report.unlink()
    assert run("--format", "a4,a5").status == 0
    made = report.read_text(encoding="utf-8")
    header = re.compile(r"<p>[^<]*·[^<]*·[^<]*·[^<]*</p>")  # the counts and the time made
    assert header.sub("", reused) == header.sub("", made)
    assert "2099" in _card_article(made, "arm-adult")


def test_a_report_marked_out_of_date_renders_every_card_again(report, sources, run):
    _mark_cards(report, "arm-adult", "knie-adult")
    assert run("--format", "a4,a5", "--force", "--no-report").status == 0
    assert run("--format", "a4,a5").status == 0
    assert "<!-- kept -->" not in report.read_text(encoding="utf-8")
