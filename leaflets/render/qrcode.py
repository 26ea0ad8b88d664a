"""The QR code printed on every edition: the edition's page address, drawn as SVG in Python.

The layout names the code by its address (`qr/<address>.svg`, the address in
URL-safe base64); the PDF renderer's fetcher draws it on request, so no file
is written and nothing is fetched from a network.
"""

from __future__ import annotations

import base64
import binascii
import io
from functools import cache

FOLDER = "qr"
SUFFIX = ".svg"


def name(url: str) -> str:
    """The file name, under `qr/`, that stands for the code of `url`."""
    return base64.urlsafe_b64encode(url.encode()).decode("ascii").rstrip("=") + SUFFIX


def url_of(file_name: str) -> str | None:
    """The address a file name of `name` stands for; None for any other name."""
    if not file_name.endswith(SUFFIX):
        return None
    encoded = file_name.removesuffix(SUFFIX)
    try:
        url = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    return url if url.startswith(("https://", "http://")) else None


@cache
def svg(url: str) -> bytes:
    """The code of `url` as SVG, one unit per module and no quiet zone (the layout's padding).

    Error correction level M (15 %) survives a crease or a smudge and keeps the
    code small enough to read from a printed page at arm's length.
    """
    import segno  # when needed: a build with nothing to do starts sooner

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", scale=1, border=0, dark="#000", xmldecl=False, svgclass=None,
        lineclass=None)
    return out.getvalue()
