"""The Markdown subset of section bodies: what it renders, and what it refuses."""

from __future__ import annotations

import pytest

from leaflets import markdown


def test_paragraphs_subheadings_lists_and_emphasis_render_as_html():
    html = markdown.render(
        "Eerste alinea.\n\n### Kopje\n\n- een\n- twee\n\n1. eerst\n2. dan\n\n"
        "**vet** en *schuin*\n")
    assert "<p>Eerste alinea.</p>" in html
    assert "<h3>Kopje</h3>" in html
    assert "<ul>\n<li>een</li>\n<li>twee</li>\n</ul>" in html
    assert "<ol>\n<li>eerst</li>\n<li>dan</li>\n</ol>" in html
    assert "<strong>vet</strong> en <em>schuin</em>" in html


def test_a_link_prints_its_address_after_the_text():
    html = markdown.render("Zie [de vereniging](https://www.vsn.nl/).")
    assert '<a href="https://www.vsn.nl/">de vereniging</a>' in html
    assert '<span class="link-url"> (www.vsn.nl)</span>' in html


def test_a_link_whose_text_is_the_address_prints_it_once():
    html = markdown.render("Mail <info@example.org> of [www.vsn.nl](https://www.vsn.nl)")
    assert "link-url" not in html


@pytest.mark.parametrize("raw", [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "tekst <b>vet</b> tekst",
    "<!-- commentaar -->",
    '<a href="https://evil.example">klik</a>',
])
def test_raw_html_is_never_passed_through(raw):
    html = markdown.render(raw)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<!--" not in html and "evil.example\">" not in html
    assert "&lt;" in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_dangerous_link_targets_never_become_links(url):
    assert "<a " not in markdown.render(f"[klik]({url})")


@pytest.mark.parametrize("text, message", [
    ("<b>vet", "raw HTML is not allowed in the text: <b>"),
    ("![foto](arm.png)", "image 'arm.png' must be a .svg or .png file in the images folder, "
                         "written as images/<name>.svg"),
    ("![](images/arm.png)", "image 'images/arm.png' needs alt text saying what it shows, "
                            "written as ![what it shows](images/arm.png)"),
    ("![foto](https://example.org/arm.png)", "image 'https://example.org/arm.png' must be a "
     ".svg or .png file in the images folder, written as images/<name>.svg"),
    ("    ingesprongen", "text indented by four or more spaces becomes a code block; remove the indentation"),
    ("```\ncode\n```", "code blocks (```) are not part of the leaflet text"),
    ("> citaat", "quotes (lines starting with '>') are not part of the leaflet text"),
    ("---", "horizontal rules (---, ***) are not part of the leaflet text"),
    ("# Titel", "sub-headings in the text are written '### ' (found a level-1 heading '# ')"),
    ("## Vraag", "sub-headings in the text are written '### ' (found a level-2 heading '## ')"),
    ("[x](ftp://host/file)", "link 'ftp://host/file' must start with http://, https:// or mailto:"),
    ("[x](pagina.html)", "link 'pagina.html' must start with http://, https:// or mailto:"),
])
def test_constructs_outside_the_subset_are_named(text, message):
    assert [problem.message for problem in markdown.check(text)] == [message]


def test_the_subset_itself_has_no_problems():
    text = ("Alinea met **vet**, *schuin* en [een link](https://example.org).\n\n"
            "### Kopje\n\n- punt\n\n1. stap\n\nMail [ons](mailto:poli@example.org).\n")
    assert markdown.check(text) == []


def test_problems_name_the_line_of_the_body():
    problems = markdown.check("Eerste regel.\n\nTweede alinea\nmet <i>HTML</i>.\n")
    assert [p.line for p in problems] == [2, 2]


@pytest.mark.parametrize("text, slips", [
    ("- pas\n  - medicijnen\n- folder\n", [1]),  # two spaces: a new item, typed too far in
    ("- pas\n   - medicijnen\n", [1]),
    ("- pas\n  1. eerst dit\n", [1]),
    ("- pas\n    - alleen als u die heeft\n", []),  # four spaces: a sub-item, meant
    ("1. eerst\n   - dit\n", []),  # under a number, three spaces is the item's own text
    ("- pas\n- medicijnen\n", []),
])
def test_a_list_indented_by_two_or_three_spaces_under_a_bullet_is_a_slip(text, slips):
    found = markdown.check(text)
    assert [(p.line, p.code) for p in found] == [(line, "W-list-nested") for line in slips]
