"""Telephone numbers in the text are printed on one line, wherever the line ends."""

from __future__ import annotations

import pypdfium2
from conftest import VALID

from leaflets import markdown

NUMBER = "+31 (0)20 123 45 67"


def test_telephone_numbers_are_marked_and_other_numbers_are_not():
    html = markdown.render("Bel 020-123 45 67 of +31 (0)20 123 4567, of (020) 1234567. "
                           "Op 2008-10-26 om 09.00 uur kwamen 1 000 000 mensen (0-4 jaar).")
    assert html == (
        '<p>Bel <span class="phone">020-123 45 67</span> of '
        '<span class="phone">+31 (0)20 123 4567</span>, of '
        '<span class="phone">(020) 1234567</span>. '
        "Op 2008-10-26 om 09.00 uur kwamen 1 000 000 mensen (0-4 jaar).</p>\n")


def test_a_telephone_number_never_breaks_across_lines(sources, run):
    # The number at every offset of a line: some of them would reach the line end.
    paragraphs = "\n\n".join(f"{'Bel ons ' + 'gerust ' * n}op {NUMBER} als u vragen heeft."
                             for n in range(12))
    body = "\n".join(f"      {line}" for line in paragraphs.splitlines())
    sources.write("bel.yaml", VALID.replace(
        "    body: |\n      Het gips blijft", f"    body: |\n{body}\n\n      Het gips blijft"))
    assert run().status == 0
    document = pypdfium2.PdfDocument(sources.pdf("adult", "bel"))
    lines = [line for page in document
             for line in page.get_textpage().get_text_range().splitlines()]
    assert sum(NUMBER in line for line in lines) == 12
    assert not any(line.rstrip().endswith(("+31", "(0)20", "123", "45")) for line in lines)
