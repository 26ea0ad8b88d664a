"""The QR code on every edition: it decodes to the edition's page, and is no part of the text."""

from __future__ import annotations

import pikepdf
import pypdfium2
import pytest
import zxingcpp

from leaflets.source import builtin

SITE = "https://www.example.org/folders/"  # site_url in sources/organisation.yaml


def edition_page(project_build, url: str, audience: str) -> bool:
    """Whether `url` is a page of the leaflet's edition for `audience` on the built site."""
    path = url.removeprefix(SITE)
    return (url.startswith(SITE) and path.startswith(f"neuralgische-amyotrofie/{audience}/")
            and (project_build.output / "site" / path / "index.html").is_file())


def last_page_codes(path, page_index=-1):
    """The text of the QR codes on a page (the last by default), read from a 300 dpi picture."""
    document = pypdfium2.PdfDocument(path)
    try:
        page = document[len(document) + page_index if page_index < 0 else page_index]
        image = page.render(scale=300 / 72).to_pil()
        text = page.get_textpage().get_text_range()
    finally:
        document.close()
    return [code.text for code in zxingcpp.read_barcodes(image)], text


@pytest.mark.parametrize("audience", ["adult", "child-parent"])
@pytest.mark.parametrize("format_id", ["a4", "a5", "large", "large18"])
def test_the_last_page_of_every_reading_edition_has_a_qr_code_of_its_page(
        project_build, audience, format_id):
    path = project_build.output / builtin.data().formats[format_id].path(
        audience, "neuralgische-amyotrofie")
    codes, text = last_page_codes(path)
    (url,) = codes
    assert edition_page(project_build, url, audience), url
    # The address is printed beside it as text, after the caption.
    assert "De nieuwste versie van deze folder staat op" in " ".join(text.split())
    assert url.removeprefix("https://").rstrip("/") in "".join(text.split())


@pytest.mark.parametrize("audience", ["adult", "child-parent"])
def test_a_booklet_has_the_qr_code_on_its_back_cover(project_build, audience):
    path = project_build.output / "print" / audience / "neuralgische-amyotrofie.a5-booklet.pdf"
    codes, _ = last_page_codes(path, page_index=0)  # the first sheet holds the back cover
    (url,) = codes
    assert edition_page(project_build, url, audience), url


def test_the_qr_code_is_no_figure_in_the_tagged_pdf(project_build):
    """It is a picture of the address beside it: an artifact, not read aloud twice."""
    path = project_build.output / "adult" / "neuralgische-amyotrofie.pdf"
    with pikepdf.open(path) as pdf:
        kinds = set()
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if isinstance(element, pikepdf.Dictionary):
                if "/S" in element:
                    kinds.add(str(element.S))
                kids = element.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
    # The one figure is the organisation's logo on the title page, with its alt text.
    assert "/Link" in kinds
    with pikepdf.open(path) as pdf:
        figures = [str(obj.get("/Alt")) for obj in pdf.objects
                   if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"]
    assert figures == ["Logo van het Voorbeeldziekenhuis"]


def test_an_edition_without_a_site_address_has_no_qr_code(sources, run):
    from conftest import VALID

    sources.write("arm.yaml", VALID)
    assert run().status == 0
    codes, text = last_page_codes(sources.pdf("adult", "arm"))
    assert codes == [] and "nieuwste versie" not in text
