"""Pictures of built pages for the report: small thumbnails, and page views large enough to read.

Drawn with PDFium from the PDFs themselves, beside the report page, so the
report needs nothing but its own folder. The build's workers draw the pictures
of each PDF they make (`draw`), right after making it, and the build puts them
in place as the PDF is written (`Keeper`): nothing is left to draw after the
last PDF. The report then only reads each picture's size from its file; a
picture that is missing (a deleted report folder) is drawn again there.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

from ..build.jobs import BuiltEdition, Drawn, JobResult
from ..model import Format

THUMBNAIL_WIDTH = 180  # pixels
#: Pixels per point of a page view: 12 pt text is 18 pixels high, readable on any screen.
VIEW_SCALE = 1.5
#: Colours of a page view: 32 keep text and tints sharp at a quarter of the size.
VIEW_COLOURS = 32
#: The kinds of picture, as jobs ask for them.
THUMBNAILS, VIEWS = "thumbnails", "views"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Picture:
    """One page's picture: its file (relative to the report) and its size in pixels."""

    src: str
    width: int
    height: int


def kinds(page_format: Format, formats: Sequence[Format]) -> tuple[str, ...]:
    """The pictures the report shows of a PDF in `page_format`, among a build of `formats`.

    Every PDF has page views; an edition's thumbnails show the first format that
    shows its pages as readers see them (not imposed onto sheets).
    """
    reading = next((f for f in formats if not f.impose), None)
    return (THUMBNAILS, VIEWS) if page_format == reading else (VIEWS,)


def draw(pdf: bytes, kinds: tuple[str, ...]) -> tuple[Drawn, ...]:
    """The pictures of every page of `pdf`, of each kind asked for."""
    if not kinds:
        return ()
    import pypdfium2  # only where pages are drawn: the workers
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = [document[number] for number in range(len(document))]
        drawn: list[Drawn] = []
        if THUMBNAILS in kinds:
            drawn += [Drawn(THUMBNAILS, number + 1, _png(page.render(
                scale=THUMBNAIL_WIDTH / page.get_width()).to_pil()))
                for number, page in enumerate(pages)]
        if VIEWS in kinds:
            images = [page.render(scale=VIEW_SCALE).to_pil() for page in pages]
            palette = _palette(images)
            drawn += [Drawn(VIEWS, number + 1, _png(image.quantize(
                palette=palette, dither=Image.Dither.NONE)))
                for number, image in enumerate(images)]
        return tuple(drawn)
    finally:
        document.close()


def _palette(images: list[Image.Image]) -> Image.Image:
    """VIEW_COLOURS colours for every page of a document, chosen from all of its pages.

    One palette for the whole document, chosen once from small copies of its
    pages, keeps a colour the same on every page and costs a third of choosing
    one per page.
    """
    from PIL import Image

    small = [image.reduce(4) for image in images]
    sheet = Image.new("RGB", (max(s.width for s in small), sum(s.height for s in small)))
    top = 0
    for image in small:
        sheet.paste(image, (0, top))
        top += image.height
    return sheet.quantize(VIEW_COLOURS, method=Image.Quantize.FASTOCTREE)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def stem(kind: str, edition: BuiltEdition) -> str:
    """Where the pictures of one kind of an edition go, relative to the report folder."""
    if kind == THUMBNAILS:
        return f"pages/{edition.audience}-{edition.leaflet_id}"
    return f"pages/{edition.format.id}/{edition.audience}-{edition.leaflet_id}"


@dataclass
class Keeper:
    """Puts the pictures the workers drew in the report folder, as each PDF is written.

    In a build without the report (`draws` False), the pictures of a PDF written
    anew are removed instead: they show the PDF it replaced.
    """

    folder: Path  # the report folder
    draws: bool = True
    kept: set[tuple[str, Path]] = field(default_factory=set)  # (kind, PDF) drawn this run
    removed: bool = False  # whether pictures the report shows were removed

    def keep(self, result: JobResult, edition: BuiltEdition) -> None:
        if not self.draws:
            for kind in (THUMBNAILS, VIEWS):
                folder = self.folder / stem(kind, edition)
                mine = re.compile(rf"{re.escape(folder.name)}-\d+\.png")
                for old in folder.parent.glob(f"{folder.name}-*.png"):
                    if mine.fullmatch(old.name):
                        old.unlink(missing_ok=True)
                        self.removed = True
            return
        for drawn in result.pictures:
            path = self.folder / f"{stem(drawn.kind, edition)}-{drawn.number}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(drawn.png)
            self.kept.add((drawn.kind, edition.path))


def thumbnails(folder: Path, edition: BuiltEdition, drawn: Keeper | None = None) -> list[Picture]:
    """A small picture of every page of `edition`, in `folder`/pages/."""
    return _pictures(folder, edition, THUMBNAILS, drawn)


def views(folder: Path, edition: BuiltEdition, drawn: Keeper | None = None) -> list[Picture]:
    """A readable picture of every page of `edition`, in `folder`/pages/<format>/."""
    return _pictures(folder, edition, VIEWS, drawn)


def _pictures(folder: Path, edition: BuiltEdition, kind: str,
              drawn: Keeper | None) -> list[Picture]:
    """The pictures of one kind of an edition: as they are, or drawn now if they are not there.

    A PDF built by this run has current pictures only if its worker drew them;
    one from an earlier build has them if its files are still there.
    """
    current = not edition.fresh or (drawn is not None and (kind, edition.path) in drawn.kept)
    sources = [f"{stem(kind, edition)}-{number}.png" for number in range(1, edition.sides + 1)]
    sizes = [_png_size(folder / src) for src in sources] if current else []
    if not current or None in sizes:
        for made in draw(edition.read(), (kind,)):
            path = folder / f"{stem(kind, edition)}-{made.number}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(made.png)
        sources = [f"{stem(kind, edition)}-{number}.png" for number in range(1, edition.sides + 1)]
        sizes = [_png_size(folder / src) for src in sources]
    return [Picture(src, *size) for src, size in zip(sources, sizes, strict=True) if size]


def _png_size(path: Path) -> tuple[int, int] | None:
    """A PNG file's width and height, from its header; None if it is not there."""
    try:
        with path.open("rb") as file:
            head = file.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE):
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height
