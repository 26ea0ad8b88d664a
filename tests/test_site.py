"""The leaflet site: every leaflet listed, an HTML edition per audience, its PDFs, its feeds."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import VALID

SITE_URL = "https://www.example.org/folders/"
KNIE = """\
language: nl
audiences:
  adult:
    title: Knieoperatie
    subtitle: Voor en na de operatie
author: Afdeling Orthopedie
updated: 2024-05-01
review: 2030-05-01
sections:
  - heading: Wat gebeurt er?
    body: De arts maakt een kleine snee in uw knie.
  - heading: Vragen?
    body: Bel de polikliniek via [de website](https://www.example.org/contact).
links:
  - title: Meer over de knie
    url: https://www.example.org/knie
"""


class Page(HTMLParser):
    """A page's links, its language, its JSON-LD and the text of its edition."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.language = ""
        self.json_ld: list[str] = []
        self.text: list[str] = []
        self._in_json = False
        self._edition_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.language = attributes.get("lang", "")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json = True
        if self._edition_depth and tag == "div":
            self._edition_depth += 1
        elif "edition-text" in (attributes.get("class") or "").split():
            self._edition_depth = 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False
        if self._edition_depth and tag == "div":
            self._edition_depth -= 1

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(data)
        elif self._edition_depth:
            self.text.append(data)


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture
def published(sources, run):
    """Two leaflets (three editions) and the organisation's site address, built."""
    sources.write("arm.yaml", VALID)
    sources.write("knie.yaml", KNIE)
    (sources.root / "organisation.yaml").write_text(
        f"name: Voorbeeldziekenhuis\nsite_url: {SITE_URL}\n", encoding="utf-8")
    result = run()
    assert result.status == 0, result.err
    return sources.output / "site"


def test_the_index_lists_every_leaflet_for_every_audience_with_its_date(published):
    index = read(published / "index.html")
    assert index.language == "nl"
    pages = [link for link in index.links if link.endswith("/index.html") and "/" in link[:-11]]
    assert sorted(pages) == ["arm/adult/index.html", "arm/child-parent/index.html",
                             "knie/adult/index.html"]
    text = (published / "index.html").read_text(encoding="utf-8")
    assert "Gebroken arm" in text and "Armfractuur" in text and "Knieoperatie" in text
    assert '<time datetime="2024-05-01">1 mei 2024</time>' in text


def test_every_link_of_the_site_is_relative_and_leads_to_a_file(published):
    for page in published.rglob("*.html"):
        for link in read(page).links:
            if link.startswith(("https://www.example.org/contact", "https://www.example.org/knie",
                                "#")):
                continue
            assert not link.startswith(("/", "http:", "https:")), (page, link)
            target = (page.parent / link.split("#")[0]).resolve()
            assert target.is_file(), (page, link)


def test_an_edition_page_offers_every_pdf_of_its_edition_with_pages_and_size(published):
    page = published / "knie" / "adult" / "index.html"
    text = html.unescape(page.read_text(encoding="utf-8"))
    pdfs = [link for link in read(page).links if link.endswith(".pdf")]
    assert pdfs == ["knie.pdf"]  # the test builds A4 only
    assert (page.parent / "knie.pdf").read_bytes() == (
        published.parent / "adult" / "knie.pdf").read_bytes()
    size = round((page.parent / "knie.pdf").stat().st_size / 1024)
    assert re.search(rf"Folder op A4</a>\s*<span class=\"download-detail\">PDF, 1 pagina's, "
                     rf"{size} KB</span>", text)


def test_an_edition_page_has_the_text_of_the_edition_in_its_language(published):
    page = read(published / "arm" / "child-parent" / "index.html")
    assert page.language == "nl"
    text = " ".join(" ".join(page.text).split())
    assert "Wat is er gebeurd?" in text and "Je arm is gebroken. Dat doet pijn." in text
    assert "zes weken" in text and "Houd het droog." in text
    assert "Een breuk van een van de botten" not in text  # the adults' text


def test_an_edition_page_describes_itself_as_a_medical_web_page(published):
    (data,) = read(published / "knie" / "adult" / "index.html").json_ld
    described = json.loads(data)
    assert described["@type"] == "MedicalWebPage"
    assert described["name"] == "Knieoperatie"
    assert described["inLanguage"] == "nl"
    assert described["dateModified"] == "2024-05-01"
    assert described["url"] == f"{SITE_URL}knie/adult/"
    assert [m["contentUrl"] for m in described["associatedMedia"]] == ["knie.pdf"]


def test_the_sitemap_lists_every_leaflets_page_with_its_date(published):
    tree = ET.parse(published / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
               for url in tree.getroot().findall("s:url", ns)}
    assert entries == {SITE_URL: "2024-05-01", f"{SITE_URL}arm/adult/": "2024-03-01",
                       f"{SITE_URL}arm/child-parent/": "2024-03-01",
                       f"{SITE_URL}knie/adult/": "2024-05-01"}


def test_the_feed_is_atom_with_an_entry_per_edition_the_newest_first(published):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(published / "feed.xml").getroot()
    assert feed.tag == f"{atom}feed"
    assert feed.findtext(f"{atom}updated") == "2024-05-01T00:00:00Z"
    entries = feed.findall(f"{atom}entry")
    assert [e.find(f"{atom}link").get("href") for e in entries] == [
        f"{SITE_URL}knie/adult/", f"{SITE_URL}arm/child-parent/", f"{SITE_URL}arm/adult/"]
    assert entries[0].findtext(f"{atom}id") == f"{SITE_URL}knie/adult/2024-05-01/"


def test_an_unchanged_build_rewrites_no_file_of_the_site(published, run):
    before = {path: path.stat().st_mtime_ns for path in published.rglob("*")}
    result = run()
    assert result.status == 0
    assert result.out.startswith("nothing to build") and "site: " not in result.out  # one line
    assert {path: path.stat().st_mtime_ns for path in published.rglob("*")} == before


def test_the_page_of_an_older_edition_says_a_newer_one_exists_and_leads_to_it(
        published, sources, run):
    old = published / "knie" / "adult" / "2024-05-01" / "index.html"
    assert "Knieoperatie" in old.read_text(encoding="utf-8")
    sources.write("knie.yaml", KNIE.replace("updated: 2024-05-01", "updated: 2025-02-03")
                  .replace("kleine snee", "kleine opening"))
    assert run().status == 0
    notice = old.read_text(encoding="utf-8")
    assert "Er is een nieuwere versie van deze folder, van 3 februari 2025." in notice
    assert "Deze pagina hoort bij de versie van 1 mei 2024." in notice
    assert '<a class="button" href="../index.html">Lees de nieuwste versie</a>' in notice
    assert "kleine snee" not in notice
    current = (published / "knie" / "adult" / "2025-02-03" / "index.html").read_text(
        encoding="utf-8")
    assert "kleine opening" in current


def test_a_leaflet_taken_out_of_the_sources_leaves_the_site(published, sources, run):
    (sources.root / "leaflets" / "knie.yaml").unlink()
    assert run().status == 0
    assert not (published / "knie").exists()
    assert "Knieoperatie" not in (published / "index.html").read_text(encoding="utf-8")


def test_pages_deleted_from_the_site_are_made_again_without_building_pdfs(published, run):
    (published / "arm" / "adult" / "index.html").unlink()
    result = run()
    assert result.status == 0 and "wrote" not in result.out
    assert "Armfractuur" in (published / "arm" / "adult" / "index.html").read_text(
        encoding="utf-8")


def test_an_index_feed_or_sitemap_changed_by_hand_is_made_again_by_the_next_build(published,
                                                                                 run):
    made = {name: (published / name).read_bytes() for name in
            ("index.html", "feed.xml", "sitemap.xml")}
    for name in made:
        (published / name).write_text("changed", encoding="utf-8")
    assert run().status == 0
    assert {name: (published / name).read_bytes() for name in made} == made


def test_a_changed_leaflet_title_reaches_the_index_of_an_otherwise_unchanged_site(
        published, sources, run):
    sources.write("arm.yaml", VALID.replace("title: Armfractuur", "title: Gebroken onderarm"))
    assert run().status == 0
    assert "Gebroken onderarm" in (published / "index.html").read_text(encoding="utf-8")


def test_a_site_address_that_is_not_a_web_address_is_a_located_error(sources, run):
    sources.write("arm.yaml", VALID)
    (sources.root / "organisation.yaml").write_text("name: Ziekenhuis\nsite_url: mailto:a@b.nl\n",
                                                    encoding="utf-8")
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{sources.root / 'organisation.yaml'}:2:11: 'site_url' must be the web address the site "
        "is published at, such as 'https://www.example.org/folders/', not 'mailto:a@b.nl' [E-site-url]"]
    assert not sources.pdf("adult", "arm").exists()


def test_without_a_site_address_the_site_has_relative_links_and_no_sitemap(sources, run):
    sources.write("arm.yaml", VALID)
    result = run()
    assert result.status == 0
    assert "no site_url in organisation.yaml" in result.out
    site = sources.output / "site"
    assert (site / "arm" / "adult" / "index.html").is_file()
    assert not (site / "sitemap.xml").exists()
    ET.parse(site / "feed.xml")


def test_an_image_in_the_text_is_shown_on_the_site_from_its_own_copy(sources, run):
    from test_images import SVG

    (sources.root / "images").mkdir()
    (sources.root / "images" / "mitella.svg").write_text(SVG, encoding="utf-8")
    sources.write("arm.yaml", VALID.replace(
        "- Houd het droog.", "![Een arm in een mitella](images/mitella.svg)\n\n      - Houd het droog."))
    assert run().status == 0
    site = sources.output / "site"
    page = (site / "arm" / "adult" / "index.html").read_text(encoding="utf-8")
    assert '<img src="../../images/mitella.svg" alt="Een arm in een mitella">' in page
    assert (site / "images" / "mitella.svg").read_text(encoding="utf-8") == SVG
    old = (site / "arm" / "adult" / "2024-03-01" / "index.html").read_text(encoding="utf-8")
    assert '<img src="../../../images/mitella.svg"' in old


def test_a_changed_site_template_makes_the_pages_again_but_no_pdf(published, run, tmp_path,
                                                                 monkeypatch):
    from leaflets.publish import site

    styles = tmp_path / "styles"
    styles.mkdir()
    for name in ("site.css", "palette.css"):
        (styles / name).write_text(f"/* {name}, changed */\n", encoding="utf-8")
    monkeypatch.setattr(site, "STYLES", styles)
    monkeypatch.setattr(site, "ASSETS", ((styles / "palette.css", "palette.css"),
                                         (styles / "site.css", "site.css"),
                                         (site.LAYOUTS / "site.js", "site.js")))
    page = published / "knie" / "adult" / "index.html"
    page.write_text("stale", encoding="utf-8")
    result = run()
    assert result.status == 0 and "wrote" not in result.out
    assert "Knieoperatie" in page.read_text(encoding="utf-8")
    assert (published / "site.css").read_text(encoding="utf-8") == "/* site.css, changed */\n"


def test_an_audience_the_leaflet_no_longer_publishes_leaves_the_site(published, sources, run):
    text = VALID.replace("  child-parent:\n    title: Gebroken arm\n    subtitle: Wat je moet "
                         "weten over gips\n", "")
    text = text.replace("      child-parent: Wat is er gebeurd?\n", "").replace(
        "      child-parent: Je arm is gebroken. Dat doet pijn.\n", "")
    sources.write("arm.yaml", text)
    result = run()
    assert result.status == 0, result.err
    assert not (published / "arm" / "child-parent").exists()
    assert (published / "arm" / "adult" / "index.html").is_file()
