"""Print production: A5 and large-print editions, folded booklets, print-shop files."""

from __future__ import annotations

import io
import re

import pypdfium2
import pytest
from conftest import VALID
from pypdf import PdfReader
from weasyprint import HTML

from leaflets.render import impose, typeset

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
A5 = (148 * MM, 210 * MM)

# Long enough for a contents list and more than one booklet sheet.
LONG = VALID + "".join(
    f"  - heading: Vraag {n}?\n    body: |\n" + "      Een zin die de vraag beantwoordt.\n" * 40
    for n in range(1, 13))


def numbered_pages(count: int) -> bytes:
    """An A5 document whose pages say only their number."""
    pages = "".join(f'<p style="break-after: page">Pagina {n}</p>' for n in range(1, count))
    html = f"<style>@page {{ size: A5 }}</style>{pages}<p>Pagina {count}</p>"
    return HTML(string=html).write_pdf()


def page_numbers_by_half(booklet: bytes) -> list[tuple[int | None, int | None]]:
    """The page number printed on the left and on the right half of each sheet side.

    Read by PDFium, which draws the sheets as a printer would.
    """
    document = pypdfium2.PdfDocument(booklet)
    sides = []
    for side in document:
        width, height = side.get_size()
        text = side.get_textpage()
        halves = [text.get_text_bounded(left, 0, right, height)
                  for left, right in ((0, width / 2), (width / 2, width))]
        sides.append(tuple(int(m[1]) if (m := re.search(r"Pagina (\d+)", half)) else None
                           for half in halves))
    return sides


def size_of(page) -> tuple[float, float]:
    return round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)


@pytest.mark.parametrize("pages, sides", [
    (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
    (9, [(None, 1), (2, None), (None, 3), (4, 9), (8, 5), (6, 7)]),
    (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
])
def test_booklet_sheets_carry_the_pages_in_saddle_stitch_order(pages, sides):
    assert page_numbers_by_half(impose.impose_saddle_stitch(numbered_pages(pages))) == sides


def test_a_right_to_left_booklet_is_bound_on_the_right():
    booklet = impose.impose_saddle_stitch(numbered_pages(8), right_to_left=True)
    assert page_numbers_by_half(booklet) == [(1, 8), (7, 2), (3, 6), (5, 4)]


def test_booklet_sheets_are_a4_landscape():
    booklet = PdfReader(io.BytesIO(impose.impose_saddle_stitch(numbered_pages(8))))
    assert {size_of(side) for side in booklet.pages} == {(round(A4[1], 1), round(A4[0], 1))}


def test_saddle_stitch_needs_a_multiple_of_four():
    with pytest.raises(ValueError):
        impose.saddle_stitch_order(6)


def built(sources, run, formats: str, text: str = LONG, jobs: str = "0"):
    sources.write("arm.yaml", text)
    result = run("--format", formats, "--jobs", jobs)
    assert result.status == 0, result.err
    return result


def test_a5_edition_has_a5_pages(sources, run):
    built(sources, run, "a5")
    document = PdfReader(sources.output / "adult" / "arm.a5.pdf")
    assert {size_of(page) for page in document.pages} == {(round(A5[0], 1), round(A5[1], 1))}


def test_large_print_body_text_is_at_least_16pt(sources, run):
    built(sources, run, "large")
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(round(size * tm[0], 1))

    for page in PdfReader(sources.output / "adult" / "arm.large.pdf").pages[1:3]:
        page.extract_text(visitor_text=visit)
    assert max(set(sizes), key=sizes.count) >= 16


def test_booklet_is_a_multiple_of_four_pages_with_cover_and_back_page(sources, run):
    text = LONG.replace("author: Afdeling Kinderchirurgie",
                        "author: Afdeling Kinderchirurgie\nclinic: Polikliniek Chirurgie")
    result = built(sources, run, "booklet,press", text)
    assert "print/adult/arm.a5-booklet.pdf (" in result.out
    press = PdfReader(sources.output / "print" / "adult" / "arm.a5-press.pdf")
    assert len(press.pages) % 4 == 0
    cover = press.pages[0].extract_text()
    assert cover.splitlines() == ["INFORMATIE VOOR PATIËNTEN", "Armfractuur", "Polikliniek Chirurgie"]
    back = press.pages[-1].extract_text()
    assert "Auteur: Afdeling Kinderchirurgie" in back and "Laatst bijgewerkt: 1 maart 2024" in back
    assert "Vraag" not in back, "the back page carries no body text"
    booklet = PdfReader(sources.output / "print" / "adult" / "arm.a5-booklet.pdf")
    assert len(booklet.pages) == len(press.pages) // 2


def placed_characters(page, left: float, bottom: float, right: float, top: float):
    """The characters PDFium finds inside a box, each with its place relative to the box."""
    text = page.get_textpage()
    found = []
    for index in range(text.count_chars()):
        character = text.get_text_range(index, 1)
        x0, y0, x1, y1 = text.get_charbox(index)
        if character.strip() and left <= (x0 + x1) / 2 <= right and bottom <= (y0 + y1) / 2 <= top:
            found.append((character, round(x0 - left, 1), round(y0 - bottom, 1)))
    return found


def test_the_booklet_is_imposed_from_the_press_pages_typeset_once(sources, run, monkeypatch):
    typeset_in = []
    real = typeset.typeset
    monkeypatch.setattr(typeset, "typeset", lambda edition, page_format: (
        typeset_in.append((edition.audience, page_format.id)) or real(edition, page_format)))
    built(sources, run, "booklet,press", jobs="1")
    assert sorted(typeset_in) == [("adult", "press"), ("child-parent", "press")]
    folder = sources.output / "print" / "adult"
    press = pypdfium2.PdfDocument(folder / "arm.a5-press.pdf")
    booklet = pypdfium2.PdfDocument(folder / "arm.a5-booklet.pdf")
    trim = PdfReader(folder / "arm.a5-press.pdf").pages[0].trimbox
    width, height = float(trim.width), float(trim.height)
    pages = {number + 1: placed_characters(press[number], float(trim.left), float(trim.bottom),
                                           float(trim.right), float(trim.top))
             for number in range(len(press))}
    assert len(booklet) == len(pages) // 2
    for side, numbers in zip(booklet, impose.saddle_stitch_order(len(pages)), strict=True):
        sheet_width, sheet_height = side.get_size()
        x, y = (sheet_width - 2 * width) / 2, (sheet_height - height) / 2
        for slot, number in enumerate(numbers):
            half = placed_characters(side, x + slot * width, y, x + (slot + 1) * width, y + height)
            assert half == pages[number], f"page {number} is not the press page"
    assert sum(map(len, pages.values())) > 1000


def test_a_booklet_alone_is_still_made_from_the_press_layout(sources, run):
    built(sources, run, "booklet")
    assert not (sources.output / "print" / "adult" / "arm.a5-press.pdf").exists()
    booklet = PdfReader(sources.output / "print" / "adult" / "arm.a5-booklet.pdf")
    assert booklet.metadata["/Keywords"] == "adult, booklet"
    assert {size_of(side) for side in booklet.pages} == {(round(A4[1], 1), round(A4[0], 1))}
    assert "Vraag 1?" in "".join(side.extract_text() for side in booklet.pages)


def test_press_edition_has_trim_box_a5_and_3mm_bleed_box(sources, run):
    built(sources, run, "press")
    for page in PdfReader(sources.output / "print" / "adult" / "arm.a5-press.pdf").pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert (round(float(trim.width), 1), round(float(trim.height), 1)) == (
            round(A5[0], 1), round(A5[1], 1))
        for side in ("left", "bottom"):
            assert float(getattr(trim, side)) - float(getattr(bleed, side)) == pytest.approx(3 * MM)
        for side in ("right", "top"):
            assert float(getattr(bleed, side)) - float(getattr(trim, side)) == pytest.approx(3 * MM)
        assert float(media.width) > float(bleed.width), "room for crop marks outside the bleed"


def test_a_long_edition_gets_a_clickable_contents_list_with_page_numbers(sources, run):
    built(sources, run, "a4")
    document = PdfReader(sources.output / "adult" / "arm.pdf")
    assert len(document.pages) > 4
    first = document.pages[0].extract_text().splitlines()
    start = first.index("Inhoud")
    entries = first[start + 1:-1]
    assert entries[0].startswith("1. Wat is een armfractuur?")
    for number, entry in enumerate(entries, start=1):
        heading = entry.split(". ", 1)[1].rstrip(" .0123456789")
        page = int(entry.rsplit(" ", 1)[1])
        assert heading in document.pages[page - 1].extract_text(), (number, entry)
    links = [a.get_object() for a in document.pages[0]["/Annots"]]
    assert len([link for link in links if "/Dest" in link or "/A" in link]) >= len(entries)


def test_a_short_edition_has_no_contents_list(sources, run):
    built(sources, run, "a4", VALID)
    assert "Inhoud" not in PdfReader(sources.output / "adult" / "arm.pdf").pages[0].extract_text()


def test_going_over_the_page_budget_is_an_error_naming_leaflet_format_and_pages(sources, run):
    path = sources.write("arm.yaml", LONG.replace("language: nl", "language: nl\npage_budget: {a4: 2}"))
    result = run("--format", "a4")
    assert result.status == 1
    line = next(line for line in result.error_lines if "'adult'" in line)
    assert line.startswith(f"{path}:2:14: the 'adult' edition of 'arm' in format a4 has ")
    assert line.endswith(" pages, over its page budget of 2 [E-page-budget]")
    assert not (sources.output / "adult" / "arm.pdf").exists()


def test_a_page_budget_can_be_set_per_audience(sources, run):
    sources.write("arm.yaml", LONG.replace("language: nl",
                                           "language: nl\npage_budget:\n  child-parent: {a4: 2}"))
    result = run("--format", "a4")
    assert result.status == 1
    errors = "\n".join(result.error_lines)
    assert "'child-parent' edition" in errors and "'adult' edition" not in errors
    assert (sources.output / "adult" / "arm.pdf").exists()


def test_only_the_chosen_formats_are_built(sources, run):
    built(sources, run, "a5,large")
    written = sorted(str(p.relative_to(sources.output)) for p in sources.output.rglob("*.pdf")
                     if p.relative_to(sources.output).parts[0] != "site")
    assert written == ["adult/arm.a5.pdf", "adult/arm.large.pdf",
                       "child-parent/arm.a5.pdf", "child-parent/arm.large.pdf"]


def test_an_unknown_format_is_a_usage_error(sources, run):
    sources.write("arm.yaml", VALID)
    result = run("--format", "a4,a3")
    assert result.status == 2
    assert "unknown format 'a3'" in result.err
