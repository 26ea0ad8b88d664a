"""The site's public address: `site_url` in `<sources>/organisation.yaml`.

The organisation's data (its name, logo, departments) is read elsewhere; this
reads the one setting the leaflet site and the QR codes need, and leaves the
file's other fields to their own reader.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, ScalarNode

from .. import markdown
from ..problems import LeafletError
from . import yamlfile
from .catalogue import display
from .nodes import Context, Text

FILE = "organisation.yaml"
SETTING = "site_url"


def load_site_url(sources: Path) -> str | None:
    """The address `output/site/` is published at, ending in '/'; None when not set.

    Raise `LeafletError` with located problems when the file or the address is wrong.
    """
    path = sources / FILE
    if not path.exists():
        return None
    source = yamlfile.read(path, display(path))
    root = yamlfile.compose(source, "the file is empty; it holds the organisation's data, "
                                    "such as 'site_url: https://www.example.org/folders/'")
    context = Context(source)
    if not isinstance(root, MappingNode):
        context.error(root, "E-not-a-mapping", "the organisation's data is a mapping of "
                      "settings, e.g. 'site_url: https://www.example.org/folders/'")
        raise LeafletError(context.problems)
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == SETTING:
            url = Text().read(value, f"'{SETTING}'", context)
            if url is not None and not markdown.is_allowed_url(url):
                return None  # the organisation's reader reports it (E-link-scheme)
            if url is not None and (why := _url_problem(url)):
                context.error(value, "E-site-url", f"'{SETTING}' {why}, not '{url}'")
            if context.problems or url is None:
                raise LeafletError(context.problems)
            return url if url.endswith("/") else f"{url}/"
    return None


def _url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        return "must be the web address the site is published at, such as " \
               "'https://www.example.org/folders/'"
    if parts.query or parts.fragment:
        return "is the folder the site is published in: an address without '?' or '#'"
    return None
