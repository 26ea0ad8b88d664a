"""Each edition of the first topic says what its source document says, and nothing else.

The seeds in tests/seeds/ are the two documents the topic was made from. The
corrections noted in the YAML source (`# correction: "old" -> "new"`) are applied
to them first. Then, comparing letters and digits only (PDF text extraction and
line wrapping change spaces, hyphens and punctuation, not words):

- every sentence of the seed is in the edition's PDF text, in one piece;
- every line of the PDF is in the seed, except the fixed labels around the text,
  the contents list (which repeats the questions with their page numbers), the
  "Moeilijke woorden" box, whose lines are recognised, by name, as the
  explanations sources/glossary.yaml gives for the edition's audience, and the
  publisher's mark and the contact block, whose lines are recognised, by name,
  as the organisation's and the department's data in sources/organisation.yaml
  and the contact block's words in languages.yaml.

This holds for every reading format: A4, A5 and large print (16 and 18 pt).
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from pypdf import PdfReader

from leaflets import markdown, resolve
from leaflets.addresses import short_url
from leaflets.render.html import long_date
from leaflets.source import builtin
from leaflets.source.glossary import load_glossary
from leaflets.source.leaflet import load_file
from leaflets.source.siteconfig import load_site_url

SOURCE = ROOT / "sources" / "leaflets" / "neuralgische-amyotrofie.yaml"
SEEDS = {
    "child-parent": ROOT / "tests" / "seeds" / "000_1051e5ca7d7fa7a6.txt",
    "adult": ROOT / "tests" / "seeds" / "001_3a270ccbe81e6e5b.txt",
}
CORRECTION = re.compile(r'^\s*-?\s*#\s*correction:\s*"(.+?)"\s*->\s*"(.+?)"', re.MULTILINE)


def comparable(text: str) -> str:
    """Letters and digits, lower case, single spaces: what a reader hears."""
    # A line may break after a hyphen or a slash inside a word ("weken/maanden").
    text = text.replace("-\n", "").replace("/\n", "").replace("’", "'")
    text = re.sub(r"[^\w\s]|_", "", text.casefold())
    return " ".join(text.split())


def corrected_seed(audience: str) -> str:
    lines = [line.strip() for line in SEEDS[audience].read_text(encoding="utf-8").splitlines()]
    seed = " ".join(line for line in lines if line)
    corrections = CORRECTION.findall(SOURCE.read_text(encoding="utf-8"))
    assert corrections, "the source notes its corrections"
    for old, new in corrections:
        if old in seed:
            seed = seed.replace(old, new)
    return seed


def sentences(text: str) -> list[str]:
    # A sentence ends at . ? or ! followed by a space; abbreviations such as
    # "St." only make shorter pieces, which must be in the PDF all the same.
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if comparable(s)]


FORMATS = {"a4": "", "a5": ".a5", "large": ".large", "large18": ".large18"}
EDITIONS = [(audience, page_format) for audience in SEEDS for page_format in FORMATS]


@pytest.fixture(scope="module")
def pdf_pages(project_build):
    assert project_build.status == 0, project_build.err
    return {(audience, page_format): [
        page.extract_text() for page in PdfReader(
            project_build.output / audience / f"neuralgische-amyotrofie{suffix}.pdf").pages]
        for audience in SEEDS for page_format, suffix in FORMATS.items()}


def body_lines(pages: list[str], audience: str) -> list[str]:
    """The lines of the pages without the running footer and the contents list."""
    labels = builtin.data().labels("nl", audience)
    footer = re.compile(rf" {labels.page} \d+ {labels.page_of} \d+$")
    lines = []
    for page in pages:
        page_lines = [line for line in page.splitlines() if not footer.search(line)]
        if labels.contents in page_lines:  # the contents list fills the rest of its page
            page_lines = page_lines[:page_lines.index(labels.contents)]
        lines.extend(page_lines)
    return lines


def glossary_entries(audience: str) -> list[str]:
    """The entries of the edition's "Moeilijke woorden" box, as printed: "term: explanation"."""
    glossary = load_glossary(ROOT / "sources")
    edition = resolve.resolve(load_file(SOURCE).leaflet, audience, glossary)
    return [comparable(f"{term}: {explanation}") for term, explanation in edition.glossary]


def control_line(audience: str) -> str:
    """The document-control line the edition prints (code, edition or draft, dates), comparable."""
    leaflet = load_file(SOURCE).leaflet
    edition = resolve.resolve(leaflet, audience)
    words, labels = edition.labels.control, edition.labels
    assert words is not None and edition.review and leaflet.last_release
    released = (f"{words.edition}: {leaflet.last_release.number} · {words.edition_date}: "
                f"{long_date(leaflet.last_release.date, labels)}")
    # The build knows from the archive whether the text is still that edition's.
    return comparable(f"{words.code}: {edition.code} · {released} {words.draft} "
                      f"{words.review_by}: {long_date(edition.review, labels)}")


def from_the_glossary(line: str, entries: list[str]) -> bool:
    """Whether a printed line is (part of) one explanation of the glossary box."""
    return any(comparable(line) in entry for entry in entries)


def contact_words(audience: str) -> set[str]:
    """The words the publisher's mark and the contact block print, from their data."""
    edition = resolve.resolve(load_file(SOURCE).leaflet, audience)
    assert edition.organisation is not None and edition.departments, "the leaflet names both"
    texts = [edition.organisation.name, *(text for _, text in edition.labels.contact)]
    for department in edition.departments:
        texts += [value for value in (department.name, department.phone, department.email,
                                      department.website and markdown.display_url(
                                          department.website),
                                      department.address, department.hours,
                                      department.urgent_phone, department.urgent) if value]
    return set(comparable(" ".join(texts)).split())


def from_the_contact_block(line: str, words: set[str]) -> bool:
    """Whether a printed line is made of the publisher's and the contact block's words only."""
    return bool(comparable(line)) and set(comparable(line).split()) <= words


def test_every_correction_applies_to_a_seed():
    seeds = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in SEEDS.values())
    missing = [old for old, _ in CORRECTION.findall(SOURCE.read_text(encoding="utf-8"))
               if old not in seeds]
    assert missing == []


@pytest.mark.parametrize("audience, page_format", EDITIONS)
def test_every_sentence_of_the_seed_is_in_its_edition(pdf_pages, audience, page_format):
    printed = comparable("\n".join(body_lines(pdf_pages[audience, page_format], audience)))
    missing = [s for s in sentences(corrected_seed(audience)) if comparable(s) not in printed]
    assert missing == []


@pytest.mark.parametrize("audience, page_format", EDITIONS)
def test_every_printed_line_comes_from_the_seed(pdf_pages, audience, page_format):
    labels = builtin.data().labels("nl", audience)
    seed = comparable(corrected_seed(audience))
    glossary = glossary_entries(audience)
    contact = contact_words(audience)
    control = control_line(audience)
    # The address names the edition, or its date while the text is a draft.
    address = " ".join(short_url(resolve.resolve(
        load_file(SOURCE).leaflet, audience, changed=changed,
        site_url=load_site_url(ROOT / "sources")).page_url) for changed in (False, True))
    gained = [
        line for line in body_lines(pdf_pages[audience, page_format], audience)
        if comparable(line) not in seed
        and line.casefold() != labels.audience.casefold()
        and not line.startswith(f"{labels.updated}: ")
        and line != labels.glossary
        and not from_the_glossary(line, glossary)
        and not from_the_contact_block(line, contact)
        and comparable(line) not in control
        # Where to find the leaflet online, beside its QR code: caption and address.
        and comparable(line) not in comparable(labels.qr_caption)
        and line not in address
    ]
    assert gained == []
