"""A starter leaflet for `make_leaflets.py new <id>`: every common field, both audiences.

The starters are data, `leaflets/data/starters/<language>.yaml`: a leaflet with
short notes for editors and example texts that read as real sentences, so a
new leaflet builds and lints without a warning before its editor changes a
word. A language without a starter of its own gets the English one, with a
note at the top saying so.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

from ..language import primary_subtag
from ..paths import DATA
from .catalogue import LEAFLETS, SUFFIX, find_sources
from .fields import LANGUAGE_TAG
from .leaflet import LEAFLET_ID
from .organisation import load_organisations

STARTERS = DATA / "starters"
FALLBACK = "en"
DEFAULT_LANGUAGE = "nl"
#: How far ahead a new leaflet's review date lies.
REVIEW_AFTER_DAYS = 365
_NOTE = ("\n# There is no starter text in '{language}' yet: the texts below are English.\n"
         "# Write them in the leaflet's language.\n")


@dataclass(frozen=True)
class Starter:
    """A new leaflet file, written."""

    path: Path
    language: str
    translated: bool  # False: the texts are the English ones, to be written anew


def usage_problem(leaflet_id: str, language: str | None) -> str | None:
    """Why `new` cannot make this leaflet, as a usage error says it (None: it can)."""
    if not LEAFLET_ID.match(leaflet_id):
        return (f"'{leaflet_id}' is not a leaflet id: use lower-case letters, digits and "
                "single hyphens, such as 'knie-operatie'")
    if language is not None and not LANGUAGE_TAG.match(language):
        return f"--language takes a language tag such as 'nl', 'nl-BE' or 'en', not '{language}'"
    return None


def usual_language(sources: Path) -> str:
    """The language most leaflets of `sources` are written in (Dutch for the first one)."""
    found: Counter[str] = Counter()
    for path in find_sources(sources):
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # a broken leaflet says so when it is built
        if isinstance(root, MappingNode):
            found.update(value.value for key, value in root.value
                         if isinstance(key, ScalarNode) and key.value == "language"
                         and isinstance(value, ScalarNode) and LANGUAGE_TAG.match(value.value))
    return found.most_common(1)[0][0] if found else DEFAULT_LANGUAGE


def text(leaflet_id: str, language: str, today: dt.date,
         departments: tuple[str, ...] = ()) -> tuple[str, bool]:
    """The starter's text for a leaflet, and whether it is written in `language`.

    With `departments` (the ids of the sources' organisation files), it names
    the first; without, the field is a note to fill in.
    """
    own = STARTERS / f"{primary_subtag(language)}.yaml"
    translated = own.is_file()
    template = string.Template((own if translated else STARTERS / f"{FALLBACK}.yaml")
                               .read_text(encoding="utf-8"))
    return template.substitute(
        id=leaflet_id, language=language, title=_title(leaflet_id),
        code=re.sub(r"-+", "-", leaflet_id.upper()),
        updated=today.isoformat(),
        review=(today + dt.timedelta(days=REVIEW_AFTER_DAYS)).isoformat(),
        note="" if translated else _NOTE.format(language=language),
        departments=f"departments: [{departments[0]}]" if departments
        else "# departments: [neurologie]",
        example_department=", ".join(departments[:2]) or "neurologie"), translated


def write(sources: Path, leaflet_id: str, language: str, today: dt.date) -> Starter:
    """Write `sources/leaflets/<id>.yaml`; raise `FileExistsError` if there is one."""
    organisations, _ = load_organisations(sources)  # a broken one says so when built
    content, translated = text(leaflet_id, language, today, tuple(
        department.id for organisation in organisations for department in organisation.departments))
    path = sources / LEAFLETS / f"{leaflet_id}{SUFFIX}"
    path.parent.mkdir(exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # never over an editor's work
        file.write(content)
    return Starter(path, language, translated)


def _title(leaflet_id: str) -> str:
    """A first title from the id: 'knie-operatie' gives 'Knie operatie'."""
    words = re.sub(r"-+", " ", leaflet_id).strip()
    title = words[:1].upper() + words[1:]
    # A title YAML would read as something else ('Null', '2024') is quoted.
    return title if isinstance(yaml.safe_load(title), str) else f'"{title}"'
