"""Nothing runs off the page: long words and addresses break, and what cannot is reported."""

from __future__ import annotations

import pypdfium2
from conftest import VALID

LONG_WORD = "Pneumono" + "ultramicroscopisch" * 11  # over 200 letters, no hyphen point
LONG_URL = "https://example.org/" + "a" * 2000


def outside_the_page(pdf) -> list[str]:
    """The text runs of a PDF whose box reaches past the edge of their page (in points)."""
    document = pypdfium2.PdfDocument(pdf)
    found = []
    try:
        for number in range(len(document)):
            page = document[number]
            width, height = page.get_size()
            text = page.get_textpage()
            for index in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(index)
                if left < -1 or bottom < -1 or right > width + 1 or top > height + 1:
                    found.append(f"page {number + 1}: "
                                 f"{text.get_text_bounded(left, bottom, right, top)[:40]}")
    finally:
        document.close()
    return found


def test_no_character_of_the_projects_editions_lies_outside_its_page(project_build):
    pdfs = sorted(project_build.output.rglob("*.pdf"))
    assert pdfs
    assert {str(pdf.relative_to(project_build.output)): outside_the_page(pdf)
            for pdf in pdfs} == {str(pdf.relative_to(project_build.output)): [] for pdf in pdfs}


def test_a_long_word_and_a_long_address_are_broken_to_fit(sources, run):
    sources.write("arm.yaml", VALID.replace(
        "Het gips blijft **zes weken** zitten.",
        f"Het woord {LONG_WORD} is lang. Zie [deze pagina]({LONG_URL}) of {LONG_URL}.").replace(
        "title: Armfractuur", f"title: Armfractuur{'x' * 150}"))
    result = run("--format", "a4,a5")
    assert result.status == 0, result.err
    assert "W-text-too-wide" not in result.err
    for pdf in sources.output.rglob("*.pdf"):
        assert outside_the_page(pdf) == [], pdf


def test_text_that_may_not_break_and_is_wider_than_the_page_is_a_warning_at_its_place(
        sources, run):
    number = "020 " + " ".join(["123"] * 60)
    path = sources.write("arm.yaml", VALID.replace("Het gips blijft **zes weken** zitten.",
                                                   f"Bel ons op {number} als het knelt."))
    result = run()
    assert result.status == 0
    assert [line for line in result.warning_lines if "W-text-too-wide" in line] == [
        f"{path}:19:18: warning: '{number[:40]}...' runs past the edge of the page in the "
        f"'{audience}' edition (a4), and part of it is not printed; shorten it, or split it in "
        "two [W-text-too-wide]" for audience in ("adult", "child-parent")]
