"""Pictures of built pages for the report: small thumbnails, and page views large enough to read.

Drawn with PDFium from the PDFs themselves, beside the report page, so the
report needs nothing but its own folder. The pictures of a PDF that was not
built again are still there and are kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..build.jobs import BuiltEdition

THUMBNAIL_WIDTH = 180  # pixels
#: Pixels per point of a page view: 12 pt text is 18 pixels high, readable on any screen.
VIEW_SCALE = 1.5
#: Colours of a page view: 32 keep text and tints sharp at a quarter of the size.
VIEW_COLOURS = 32


@dataclass(frozen=True)
class Picture:
    """One page's picture: its file (relative to the report) and its size in pixels."""

    src: str
    width: int
    height: int


def thumbnails(folder: Path, edition: BuiltEdition) -> list[Picture]:
    """A small picture of every page of `edition`, in `folder`/pages/."""
    return _draw(folder, edition, f"pages/{edition.audience}-{edition.leaflet_id}", None)


def views(folder: Path, edition: BuiltEdition) -> list[Picture]:
    """A readable picture of every page of `edition`, in `folder`/pages/<format>/."""
    return _draw(folder, edition,
                 f"pages/{edition.format.id}/{edition.audience}-{edition.leaflet_id}",
                 VIEW_SCALE)


def _draw(folder: Path, edition: BuiltEdition, stem: str, scale: float | None) -> list[Picture]:
    """Draw every page of the PDF as `stem`-<n>.png (at `scale`, else thumbnail-wide)."""
    import pypdfium2  # only when there are pages to draw

    document = pypdfium2.PdfDocument(edition.read())
    try:
        pictures = []
        for number in range(len(document)):
            page = document[number]
            factor = scale or THUMBNAIL_WIDTH / page.get_width()
            picture = Picture(f"{stem}-{number + 1}.png", round(page.get_width() * factor),
                              round(page.get_height() * factor))
            path = folder / picture.src
            if edition.fresh or not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                image = page.render(scale=factor).to_pil()
                if scale is not None:  # a page view: fewer colours, a quarter of the bytes
                    image = image.quantize(VIEW_COLOURS, method=2)
                image.save(path, compress_level=3)
            pictures.append(picture)
        return pictures
    finally:
        document.close()
