"""Where an edition lives on the leaflet site: the one naming scheme the QR codes and pages share.

Per leaflet and audience, `<id>/<audience>/` is the current edition and
`<id>/<audience>/<edition>/` the page of one edition, which a printed QR code
names: it stays when a newer edition appears, and then says so. An edition is
named by its number where the leaflet's document control gives one, else by
its date.
"""

from __future__ import annotations

from .model import Edition

INDEX = "index.html"


def edition_name(edition: Edition) -> str:
    """The edition's name in addresses: its number, or its date (2024-03-01)."""
    number = edition.edition
    if number is not None:
        return str(number)
    # A text without an edition or a date of its own: its current page.
    return edition.updated.isoformat() if edition.updated else "current"


def current_folder(leaflet_id: str, audience: str) -> str:
    """The folder of the current edition, relative to the site's root."""
    return f"{leaflet_id}/{audience}/"


def edition_folder(leaflet_id: str, audience: str, name: str) -> str:
    """The folder of one edition, relative to the site's root."""
    return f"{leaflet_id}/{audience}/{name}/"


def page_url(site_url: str, edition: Edition) -> str:
    """The full address a print of `edition` leads to."""
    return site_url + edition_folder(edition.leaflet_id, edition.audience, edition_name(edition))


def short_url(url: str) -> str:
    """An address as printed beside the QR code: without the scheme and the last '/'."""
    return url.split("://", 1)[-1].rstrip("/")
