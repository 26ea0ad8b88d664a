"""Images in the text: the sources' own images folder only, SVG or PNG, with alt text."""

from __future__ import annotations

import base64

import pikepdf
import pypdfium2
import pytest
from conftest import VALID

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
       '<rect width="120" height="60" fill="#1f4e79"/></svg>')
# A 1 x 1 pixel PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGA"
                       "WjR9awAAAABJRU5ErkJggg==")


def with_image(markdown: str) -> str:
    return VALID.replace("Het gips blijft **zes weken** zitten.", markdown)


def add_image(sources, name: str, data: bytes | str):
    folder = sources.root / "images"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def figures(pdf_path) -> list[str]:
    """The alt texts of the Figure elements of a tagged PDF, in order."""
    found = []

    def walk(element):
        if str(element.get("/S", "")) == "/Figure":
            found.append(str(element.get("/Alt", "")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)

    with pikepdf.open(pdf_path) as document:
        walk(document.Root.StructTreeRoot)
    return found


def test_an_svg_image_is_printed_and_tagged_with_its_alt_text(sources, run):
    add_image(sources, "gips.svg", SVG)
    sources.write("arm.yaml", with_image("![Een arm in het gips](images/gips.svg)"))
    result = run()
    assert result.status == 0, result.err
    assert figures(sources.pdf("adult", "arm")) == ["Een arm in het gips"]
    image = pypdfium2.PdfDocument(sources.pdf("adult", "arm"))[0].render(scale=1).to_pil()
    assert (0x1f, 0x4e, 0x79) in {color for _, color in image.convert("RGB").getcolors(1 << 20)}


def test_a_png_image_is_printed_without_interpolation(sources, run):
    add_image(sources, "gips.png", PNG)
    sources.write("arm.yaml", with_image("![Een gipsverband](images/gips.png)"))
    assert run().status == 0
    with pikepdf.open(sources.pdf("adult", "arm")) as document:
        images = [x for page in document.pages
                  for x in page.resources.get("/XObject", {}).values() if x.Subtype == "/Image"]
        assert images and all(not image.get("/Interpolate", False) for image in images)


def test_an_image_needs_alt_text(sources, run):
    add_image(sources, "gips.svg", SVG)
    path = sources.write("arm.yaml", with_image("![](images/gips.svg)"))
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{path}:19:11: the body of section 2: image 'images/gips.svg' needs alt text saying "
        "what it shows, written as ![what it shows](images/gips.svg) [E-image-alt]"]


def test_an_image_must_be_in_the_images_folder(sources, run):
    path = sources.write("arm.yaml", with_image("![Passwoorden](../../etc/passwd.png)"))
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{path}:19:22: the body of section 2: image '../../etc/passwd.png' must be a .svg or "
        ".png file in the images folder, written as images/<name>.svg [E-image-source]"]


def test_a_missing_image_file_is_reported(sources, run):
    path = sources.write("arm.yaml", with_image("![Gips](images/weg.svg)"))
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{path}:19:15: the body of section 2: image 'images/weg.svg' is not in the images "
        f"folder ({sources.root / 'images'}) [E-image-missing]"]


def test_a_file_that_is_not_what_its_name_says_is_reported(sources, run):
    add_image(sources, "gips.png", SVG)
    path = sources.write("arm.yaml", with_image("![Gips](images/gips.png)"))
    result = run()
    assert result.error_lines == [
        f"{path}:19:15: the body of section 2: image 'images/gips.png' is not a PNG file [E-image-type]"]


def test_an_svg_cannot_make_the_renderer_read_other_files(sources, run):
    add_image(sources, "lek.svg", SVG.replace(
        "</svg>", '<image href="file:///etc/hostname" width="10" height="10"/></svg>'))
    path = sources.write("arm.yaml", with_image("![Lek](images/lek.svg)"))
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{path}:1:1: cannot render the '{audience}' edition (a4): refused to load "
        "'file:///etc/hostname': only the project's own styles, fonts and images can be loaded "
        "[E-render]"
        for audience in ("adult", "child-parent")]


def big_png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def noise_png() -> bytes:
    import io
    import random

    from PIL import Image

    pixels = random.Random(3).randbytes(200 * 200)
    buffer = io.BytesIO()
    Image.frombytes("L", (200, 200), pixels).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "why"), [
    ("kapot.svg", SVG[:60], "it is not well-formed SVG (unclosed token at line 1, column 1 of "
                            "the image)"),
    ("doctype.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "y">]>\n' + SVG,
     "it has a DOCTYPE, which a leaflet's SVG may not have; remove that line"),
    ("html.svg", "<html><body><svg/></body></html>", "its outermost element is not <svg>"),
    ("afgebroken.png", "noise", "it is damaged (image file is truncated)"),
    ("bom.png", None, "it has more pixels than the renderer accepts (89,478,485); save it "
                      "smaller"),
], ids=["truncated-svg", "svg-with-doctype", "not-svg-inside", "truncated-png",
        "decompression-bomb"])
def test_an_image_that_cannot_be_decoded_is_a_located_error(sources, run, name, data, why):
    if data == "noise":
        data = noise_png()[:20_000]
    add_image(sources, name, big_png(10_000, 9_000) if data is None else data)
    path = sources.write("arm.yaml", with_image(f"![Gips](images/{name})"))
    sources.write("been.yaml", VALID)
    result = run()
    assert result.status == 1
    [line] = result.error_lines
    assert line.startswith(f"{path}:19:15: the body of section 2: image 'images/{name}' cannot "
                           "be printed: ")
    assert line.endswith(f"{why} [E-image-undecodable]")
    assert not sources.pdf("adult", "arm").exists() and sources.pdf("adult", "been").exists()


def test_a_png_named_svg_is_reported(sources, run):
    add_image(sources, "foto.svg", PNG)
    path = sources.write("arm.yaml", with_image("![Foto](images/foto.svg)"))
    assert run().error_lines == [f"{path}:19:15: the body of section 2: image 'images/foto.svg' "
                                 "is not an SVG file [E-image-type]"]
