"""Whether an image file decodes: an image the renderer cannot draw is an error, never a gap.

WeasyPrint leaves out an image it cannot decode and carries on, so every image
a leaflet shows is decoded here first, the way the renderer will read it: an
SVG as XML (without a DOCTYPE, which can define entities), a PNG by Pillow
within its decompression-bomb limit, every pixel.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageFile

from .entries import NotAFile, check_file, read_file

MAX_IMAGE_BYTES = 5_000_000
DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def problem(folder: Path, source: str) -> tuple[str, str] | None:
    """Why the image file `source` (images/<name>) cannot be used (code, message), if it cannot."""
    path = folder / source.removeprefix("images/")
    try:
        size = check_file(path).st_size
        if size > MAX_IMAGE_BYTES:
            return ("E-image-too-large",
                    f"image '{source}' is {size:,} bytes; at most {MAX_IMAGE_BYTES:,}")
        data = read_file(path, MAX_IMAGE_BYTES)
    except NotAFile as error:
        return "E-not-a-file", f"image '{source}' is not read: {error.strerror}"
    except OSError:
        return "E-image-missing", f"image '{source}' is not in the images folder ({folder})"
    return _content_problem(source, path.suffix.lower(), data)


def _content_problem(source: str, suffix: str, data: bytes) -> tuple[str, str] | None:
    if suffix == ".png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "E-image-type", f"image '{source}' is not a PNG file"
    if suffix == ".svg" and b"<svg" not in data[:4096]:
        return "E-image-type", f"image '{source}' is not an SVG file"
    if why := undecodable(data, suffix):
        return "E-image-undecodable", f"image '{source}' cannot be printed: {why}"
    return None


def undecodable(data: bytes, suffix: str) -> str | None:
    """Why image bytes of type `suffix` (".png", ".svg") cannot be drawn, if they cannot."""
    return _svg(data) if suffix == ".svg" else _png(data)


def _svg(data: bytes) -> str | None:
    if DOCTYPE.search(data):
        return "it has a DOCTYPE, which a leaflet's SVG may not have; remove that line"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        return (f"it is not well-formed SVG ({reason} at line {line}, column {column + 1} of "
                "the image)")
    if root.tag not in ("{http://www.w3.org/2000/svg}svg", "svg"):
        return "its outermost element is not <svg>"
    return None


def _png(data: bytes) -> str | None:
    # WeasyPrint, once imported, lets Pillow draw a truncated file: not here.
    truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        return _decode_png(data)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated


def _decode_png(data: bytes) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != "PNG":
                    return f"it is a {image.format or 'different'} image, not a PNG"
                image.load()  # every pixel: a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (f"it has more pixels than the renderer accepts "
                f"({Image.MAX_IMAGE_PIXELS:,}); save it smaller")
    except (OSError, ValueError, SyntaxError) as error:
        return f"it is damaged ({error})"
    return None
