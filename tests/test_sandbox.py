"""The renderer's sandbox: only the project's styles and fonts and the leaflet's images load.

Source text never becomes HTML, CSS or a URL the renderer follows (the loader and
the Markdown subset see to that; see test_markdown.py and test_source_errors.py).
These tests hand the renderer hostile HTML directly, to prove the last line of
defence: every other load is refused, and the refusal stops the render.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflets.render import pdf, sandbox


def render(html: str, images: Path | None = None) -> pdf.RenderedPdf:
    """Typeset and write `html` the way the build does, in the renderer's sandbox."""
    return pdf.write(pdf.lay_out(html, images=images))

PNG_DATA_URI = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42"
                "mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.mark.parametrize("html, url", [
    ('<img src="file:///etc/hostname" alt="x">', "file:///etc/hostname"),
    ('<link rel="stylesheet" href="https://example.org/x.css">', "https://example.org/x.css"),
    ('<link rel="stylesheet" href="http://example.org/x.css">', "http://example.org/x.css"),
    (f'<img src="{PNG_DATA_URI}" alt="x">', PNG_DATA_URI[:77] + "..."),
    ('<link rel="attachment" href="file:///etc/passwd">', "file:///etc/passwd"),
    ("<style>@import url(https://example.org/a.css);</style>", "https://example.org/a.css"),
    ('<style>p { background: url("file:///etc/hostname") }</style><p>x</p>', "file:///etc/hostname"),
    ('<img src="ftp://example.org/x.png" alt="x">', "ftp://example.org/x.png"),
])
def test_loads_outside_the_project_are_refused(html, url):
    with pytest.raises(sandbox.RenderError) as refused:
        render(html)
    assert str(refused.value).startswith(f"refused to load '{url}'")


@pytest.mark.parametrize("path", [
    "styles/../../../etc/passwd",
    "styles/%2e%2e/%2e%2e/etc/passwd",
    "fonts/DejaVuSans.ttf",
    "images/x.png",  # no images folder for this leaflet
    "sources/leaflets/neuralgische-amyotrofie.yaml",
    "styles/base.css?x=1",
])
def test_paths_that_leave_the_served_folders_are_refused(path):
    with pytest.raises(sandbox.RenderError) as refused:
        render(f'<link rel="stylesheet" href="https://leaflet.invalid/{path}">')
    assert "refused to load" in str(refused.value)


def test_an_image_of_the_wrong_type_is_refused(tmp_path):
    (tmp_path / "x.html").write_text("<p>hi</p>")
    with pytest.raises(sandbox.RenderError):
        render('<img src="images/x.html" alt="x">', images=tmp_path)


def test_the_project_assets_load():
    rendered = render('<link rel="stylesheet" href="styles/fonts.css">'
                      '<link rel="stylesheet" href="styles/base.css"><p>Hallo</p>')
    assert rendered.pages == 1

