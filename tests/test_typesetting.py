"""Typesetting does no work twice: one layout per edition and format, stylesheets parsed once.

A folded booklet's notes pages are left out of one layout rather than laid out
again, and a worker parses each set of stylesheets once. Neither may change a
PDF: the same edition gives the same bytes whatever was typeset before it.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import VALID
from pypdf import PdfReader

from leaflets import resolve
from leaflets.build.options import all_formats
from leaflets.paths import STYLES
from leaflets.render import html, pdf, sandbox, stylesheets, typeset
from leaflets.source.leaflet import load_file

FORMATS = {page_format.id: page_format for page_format in all_formats()}


def edition(tmp_path: Path, audience: str = "adult", text: str = VALID):
    path = tmp_path / "leaflets" / "arm.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return resolve.resolve(load_file(path).leaflet, audience)


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def layouts_counted(monkeypatch) -> list[str]:
    counted: list[str] = []
    real = pdf.lay_out

    def counting(document: str, *arguments, **options):
        counted.append(document)
        return real(document, *arguments, **options)

    monkeypatch.setattr(pdf, "lay_out", counting)
    return counted


def test_a_booklet_that_needs_notes_pages_is_laid_out_once(tmp_path, monkeypatch):
    counted = layouts_counted(monkeypatch)
    rendered = typeset.typeset(edition(tmp_path), FORMATS["press"])
    assert len(counted) == 1
    assert rendered.notes > 0 and rendered.pages % 4 == 0


def test_the_notes_pages_a_booklet_does_not_need_are_left_out(tmp_path):
    rendered = typeset.typeset(edition(tmp_path), FORMATS["press"])
    pages = page_texts(rendered.data)
    assert len(pages) == rendered.pages and len(pages) % 4 == 0
    notes = [text for text in pages if "Mijn vragen" in text or "Notities" in text]
    assert len(notes) == rendered.notes
    assert "Mijn vragen" in notes[0] and all("Notities" in text for text in notes[1:])
    assert "Armfractuur" in pages[0] and "1 maart 2024" in pages[-1]  # cover and back page


def test_the_pages_without_notes_are_those_of_the_edition_typeset_without_them(tmp_path):
    """Leaving notes pages out changes no other page: the text is that of a plain typesetting."""
    made = edition(tmp_path)
    rendered = typeset.typeset(made, FORMATS["press"])
    plain = pdf.write(pdf.lay_out(
        html.render(made, FORMATS["press"], contents=rendered.contents, notes=0),
        html.stylesheets(made, FORMATS["press"]), images=Path(made.images)))
    with_notes = [text for text in page_texts(rendered.data)
                  if "Mijn vragen" not in text and "Notities" not in text]
    assert with_notes == page_texts(plain.data)


def test_a_worker_parses_each_stylesheet_once(tmp_path, monkeypatch):
    parsed: list[str] = []
    real = stylesheets.CSS
    monkeypatch.setattr(stylesheets, "CSS", lambda **options: parsed.append(options["url"]) or real(
        **options))
    monkeypatch.setattr(stylesheets, "_PARSED", stylesheets.Parsed())
    made = edition(tmp_path)
    for _ in range(3):
        typeset.typeset(made, FORMATS["a4"])
    assert len(parsed) == len(html.stylesheets(made, FORMATS["a4"]))
    typeset.typeset(made, FORMATS["large"])  # only its own layer is new
    assert len(parsed) == len(set(html.stylesheets(made, FORMATS["a4"])) | set(
        html.stylesheets(made, FORMATS["large"])))


def test_stylesheets_with_other_fonts_get_a_font_configuration_of_their_own(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    parsed = stylesheets.Parsed()
    dutch, _, _ = parsed.get(("fonts.css", "base.css"), styles)
    arabic, _, _ = parsed.get(("fonts.css", "fonts-arabic.css", "base.css"), styles)
    again, _, _ = parsed.get(("fonts.css", "base.css", "large.css"), styles)
    assert dutch is again and arabic is not dutch


def test_an_edited_stylesheet_is_parsed_again(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    document = '<p class="x">Hallo</p>'
    sheets = ("fonts.css", "extra.css")
    (styles / "extra.css").write_text("@page { size: A5 }", encoding="utf-8")
    first = pdf.lay_out(document, sheets, styles=styles)
    (styles / "extra.css").write_text("@page { size: A4 }", encoding="utf-8")
    second = pdf.lay_out(document, sheets, styles=styles)
    assert first.document.pages[0].width < second.document.pages[0].width


@pytest.mark.parametrize("before", ["large", "booklet", "a5"])
def test_an_edition_gives_the_same_bytes_whatever_was_typeset_before_it(
        tmp_path, monkeypatch, before):
    monkeypatch.setattr(stylesheets, "_PARSED", stylesheets.Parsed())
    made = edition(tmp_path)
    first = typeset.typeset(made, FORMATS["a4"]).data
    typeset.typeset(edition(tmp_path, "child-parent"), FORMATS[before])
    typeset.typeset(made, FORMATS[before])
    assert typeset.typeset(made, FORMATS["a4"]).data == first


def test_a_stylesheet_that_loads_from_outside_the_project_stops_the_render(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (styles / "extra.css").write_text('@import url("https://example.org/x.css");',
                                      encoding="utf-8")
    with pytest.raises(sandbox.RenderError, match=r"example\.org"):
        pdf.lay_out("<p>Hallo</p>", ("extra.css",), styles=styles)


LONG = VALID + "".join(
    f"  - heading: Vraag {n}?\n    body: |\n" + "      Een zin die de vraag beantwoordt.\n" * 40
    for n in range(1, 13))


@pytest.mark.parametrize("text", [VALID, LONG], ids=["short", "long"])
@pytest.mark.parametrize("format_id", ["a4", "press"])
def test_a_wrong_guess_of_the_length_costs_a_pass_never_a_different_pdf(
        tmp_path, format_id, text):
    made, page_format = edition(tmp_path, text=text), FORMATS[format_id]
    short_guess = typeset.typeset(made, replace(page_format, long_text=10**9))
    long_guess = typeset.typeset(made, replace(page_format, long_text=1))
    assert short_guess.data == long_guess.data
    assert short_guess.contents == (text == LONG)


def test_paragraphs_and_list_items_count_towards_the_length_of_a_text(tmp_path):
    one = "Een zin. " * 12
    paragraphs = "\n\n".join(["Een zin. " * 2] * 6)
    items = "\n".join(["- Een zin. Een zin."] * 6)
    lengths = [typeset.length(edition(tmp_path, "child-parent", VALID.replace(
        "Je arm is gebroken. Dat doet pijn.", '"' + body.replace("\n", "\\n") + '"')))
               for body in (one, paragraphs, items)]
    assert lengths[0] < min(lengths[1:])  # the same words, with more white space


def test_a_stylesheet_that_cannot_be_parsed_leaves_the_workers_server_running(tmp_path):
    """The job that needs it says why (E-render); the server that preloads it goes on."""
    from leaflets.build import worker

    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (styles / "extra.css").write_text('@import url("https://example.org/x.css");',
                                      encoding="utf-8")
    worker._preload(("fonts.css", "extra.css"), styles)  # no error
    worker._preload(("missing.css",), styles)


def test_a_set_of_stylesheets_uses_one_font_configuration(tmp_path, monkeypatch):
    made: list[object] = []
    real = stylesheets.FontConfiguration
    monkeypatch.setattr(stylesheets, "FontConfiguration",
                        lambda: made.append(1) or real())
    parsed = stylesheets.Parsed()
    for _ in range(5):
        parsed.get(("fonts.css", "base.css"), STYLES)
    assert len(made) == 1


def test_an_edit_to_an_imported_stylesheet_is_noticed(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (styles / "extra.css").write_text('@import url("inner.css");', encoding="utf-8")
    (styles / "inner.css").write_text("@page { size: A5 }", encoding="utf-8")
    first = pdf.lay_out("<p>Hallo</p>", ("fonts.css", "extra.css"), styles=styles)
    (styles / "inner.css").write_text("@page { size: A4 }", encoding="utf-8")
    second = pdf.lay_out("<p>Hallo</p>", ("fonts.css", "extra.css"), styles=styles)
    assert first.document.pages[0].width < second.document.pages[0].width


def _fonts_folder_of_an_arabic_set(_: int) -> str:
    fonts, _sheets, _counters = stylesheets.get(("fonts.css", "fonts-arabic.css"), STYLES)
    return str(fonts._folder)


def test_a_worker_removes_the_font_copies_it_made_when_it_ends():
    from leaflets.build import warm

    pool = warm.context().Pool(1)
    folder = pool.map(_fonts_folder_of_an_arabic_set, [0])[0]
    assert Path(folder).is_dir()
    pool.close()
    pool.join()
    assert not Path(folder).exists()
