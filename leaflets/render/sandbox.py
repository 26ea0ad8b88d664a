"""The renderer's sandbox: what WeasyPrint may load, and the error that stops a render.

Documents are rendered against a virtual base URL that never resolves on any
network (`.invalid`). The fetcher serves three folders under it: /styles/ (the
project's stylesheets), /fonts/ (the pinned font packages) and /images/ (the
images of the leaflet's sources), and the QR codes it makes itself; it refuses
everything else, with an error that stops the render: other files, http(s),
data: URIs, attachments. So neither a source text nor a stylesheet can make the
renderer read a file or reach the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote, urlsplit

from ..paths import STYLES
from .libraries import import_weasyprint

import_weasyprint()  # before anything else imports it: without searching for its libraries

from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

from . import qrcode  # noqa: E402
from .fonts import project_fonts  # noqa: E402

HOST = "leaflet.invalid"
BASE_URL = f"https://{HOST}/"


class RenderError(Exception):
    """The renderer was asked for something outside the sandbox, or failed."""


class RefusedResource(ValueError):
    pass


#: What each served folder may hold, by file extension.
_TYPES = {
    "styles": {".css": "text/css"},
    "fonts": {".ttf": "font/ttf", ".otf": "font/otf"},
    "images": {".svg": "image/svg+xml", ".png": "image/png"},
}


class ProjectFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
    """Serves the project's styles and fonts and the leaflet's images; refuses the rest."""

    def __init__(self, styles: Path = STYLES, images: Path | None = None) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("https",))
        self.folders = {"styles": styles.resolve()}
        if images is not None:
            self.folders["images"] = images.resolve()
        self.fonts = project_fonts()
        #: Every refusal, kept because WeasyPrint swallows some errors (inside SVG).
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.netloc != HOST or parts.query:
            return self._refuse(f"refused to load '{_short(url)}': only the project's own "
                         "styles, fonts and images can be loaded")
        folder, _, name = unquote(parts.path).lstrip("/").partition("/")
        if folder == qrcode.FOLDER and (address := qrcode.url_of(name)) is not None:
            return URLFetcherResponse(url, qrcode.svg(address), {"Content-Type": "image/svg+xml"})
        path = self._file(folder, name)
        content_type = _TYPES.get(folder, {}).get(Path(name).suffix.lower())
        if path is None or content_type is None:
            return self._refuse(f"refused to load '{_short(url)}': not one of the project's "
                         "styles, fonts or images")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def _refuse(self, message: str) -> NoReturn:
        self.refused.append(message)
        raise RefusedResource(message)

    def _file(self, folder: str, name: str) -> Path | None:
        if folder == "fonts":
            return self.fonts.get(name)
        if folder not in self.folders or not name:
            return None
        candidate = (self.folders[folder] / name).resolve()
        if candidate.is_relative_to(self.folders[folder]) and candidate.is_file():
            return candidate
        return None


def _short(url: str) -> str:
    return url if len(url) <= 80 else f"{url[:77]}..."
