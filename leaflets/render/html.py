"""Stage 3: an edition -> one HTML document, through the Jinja2 layouts.

All presentation lives in `layouts/` and `styles/`; this module only hands the
edition and a few text filters to the templates.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__, addresses, markdown
from ..model import AudienceProfile, Edition, Format, Labels
from ..paths import LAYOUTS
from . import qrcode

#: Scripts with a font of their own, which a layout links only when the text uses them.
SCRIPTS = {"arabic": re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")}


def render(edition: Edition, page_format: Format, contents: bool = False,
           layouts: Path = LAYOUTS, notes: int = 0) -> str:
    """The HTML of `edition` in `page_format`, to be typeset with `stylesheets(...)`.

    `contents` adds a list of the questions with their page numbers; `notes`
    pages for the reader's questions and notes go before a booklet's back cover.
    """
    template = environment(layouts).get_template(edition.profile.layout)
    return template.render(
        edition=edition, labels=edition.labels, format=page_format, contents=contents,
        notes=notes, generator=f"leaflets {__version__}")


def stylesheets(edition: Edition, page_format: Format) -> tuple[str, ...]:
    """The layers in styles/ an edition is typeset with in a format, in cascade order.

    The fonts (and a script's own fonts, when the edition prints that script),
    the palette, the base, the audience's layer and the format's layers. The
    HTML does not link them: the renderer applies them, each parsed once
    (render/stylesheets.py), as user stylesheets, so the values the layout
    sets in the HTML itself (the format's page, the organisation's colours)
    win over theirs.
    """
    scripts = tuple(f"fonts-{script}.css" for script in SCRIPTS if written_in(edition, script))
    return layers(edition.profile, page_format, scripts)


def layers(profile: AudienceProfile, page_format: Format,
           scripts: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The stylesheets of an audience in a format, with the font stylesheets of `scripts`."""
    return ("fonts.css", *scripts, "palette.css", "base.css", profile.stylesheet,
            *page_format.stylesheets)


@cache
def environment(layouts: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(layouts),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        markdown=lambda text: Markup(markdown.render(text)),
        display_url=markdown.display_url,
        long_date=long_date,
        css_string=css_string,
        tel_url=tel_url,
        device_cmyk=device_cmyk,
        qr_code=lambda url: f"{qrcode.FOLDER}/{qrcode.name(url)}",
        short_url=addresses.short_url,
        breakable_url=breakable_url,
    )
    return environment


def written_in(edition: Edition, script: str) -> bool:
    """Whether any text the edition prints (labels included) is in `script`."""
    labels = edition.labels
    publisher = [edition.organisation.name] if edition.organisation else []
    publisher += [text or "" for d in edition.departments for text in (d.name, d.address,
                                                                         d.hours, d.urgent)]
    texts = [*publisher, edition.title, edition.subtitle or "", edition.author or "",
             edition.clinic or "",
             labels.audience, labels.updated, labels.page,
             *(text for section in edition.sections for text in (section.heading, section.body)),
             *(link.title for link in edition.links), *edition.references,
             *(text for entry in edition.glossary for text in entry)]
    return any(SCRIPTS[script].search(text) for text in texts)


def long_date(date: dt.date, labels: Labels) -> str:
    """A date as readers write it, e.g. '26 oktober 2008'."""
    return labels.date_format.format(day=date.day, month=labels.months[date.month - 1],
                                     year=date.year)


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside a <style> element."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;-_()'/" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def tel_url(number: str, country_code: str | None = None) -> str:
    """A `tel:` link of a printed number: '088 555 01 00' with '+31' -> 'tel:+31885550100'."""
    international = number.strip().startswith("+")
    digits = re.sub(r"\D", "", number.replace("(0)", "") if international else number)
    if international:
        return f"tel:+{digits}"
    if country_code and digits.startswith("0"):
        return f"tel:{country_code}{digits[1:]}"
    return f"tel:{digits}"


def device_cmyk(colour: str) -> str:
    """An sRGB '#rrggbb' as CSS device-cmyk(), for the print shop's edition (press.css)."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    black = 1 - max(red, green, blue)
    if black >= 1:
        return "device-cmyk(0 0 0 1)"
    cyan, magenta, yellow = ((1 - c - black) / (1 - black) for c in (red, green, blue))
    return f"device-cmyk({cyan:.2f} {magenta:.2f} {yellow:.2f} {black:.2f})"


def breakable_url(url: str) -> Markup:
    """A link to `url`, shown without its scheme, that breaks over lines only after a slash.

    Each part is a link of its own that never breaks (a hyphen in it is no place
    to break: a reader would take it for a hyphenation), with a zero-width space
    after each slash as the place to break; the PDF finisher joins the parts
    into one Link element again. Markup inside a link, or a <wbr>, would split
    the link's tagging in the PDF.
    """
    shown = addresses.short_url(url)
    parts = [part + "/" * (n < shown.count("/")) for n, part in enumerate(shown.split("/"))]
    return Markup("\u200b").join(
        Markup('<a class="unbroken" href="{}">{}</a>').format(url, part) for part in parts)
