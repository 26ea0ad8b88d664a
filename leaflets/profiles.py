"""The built-in audience profiles, page formats, and the fixed words of each language.

All three are data (`audiences.yaml`, `formats.yaml`, `languages.yaml` beside this
module), not code: adding an audience, a format or a language is an edit there,
plus, at most, a stylesheet layer. Which languages are written right to left
is a fact of the language tag, kept below.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from .model import AudienceProfile, Format, Labels, ReadabilityTargets

FALLBACK_LANGUAGE = "en"
#: Scripts written from right to left (ISO 15924), and the languages usually written
#: in one of them, for tags without a script subtag (ku is Latin, ckb Arabic).
RIGHT_TO_LEFT_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr",
                                   "syrc", "thaa"})
RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "prs",
                                     "ps", "sd", "syr", "ug", "ur", "yi"})


def _data(name: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text("utf-8"))


@cache
def audiences() -> dict[str, AudienceProfile]:
    """Every known audience, by id, in the order the data file lists them."""
    return {
        audience_id: AudienceProfile(
            id=audience_id,
            layout=fields["layout"],
            stylesheet=fields["stylesheet"],
            readability=ReadabilityTargets(**fields["readability"])
            if fields.get("readability") else None,
            page_budget=tuple((fields.get("page_budget") or {}).items()),
        )
        for audience_id, fields in _data("audiences.yaml").items()
    }


@cache
def formats() -> dict[str, Format]:
    """Every page format, by id, in the order the data file lists them."""
    return {
        format_id: Format(id=format_id, **{
            **fields, "stylesheets": tuple(fields.get("stylesheets", ())),
            "viewer_preferences": tuple((fields.get("viewer_preferences") or {}).items())})
        for format_id, fields in _data("formats.yaml").items()
    }


@cache
def _languages() -> dict[str, dict]:
    return _data("languages.yaml")


def has_labels(language: str) -> bool:
    return primary_subtag(language) in _languages()


def primary_subtag(language: str) -> str:
    return language.split("-", 1)[0].lower()


def direction(language: str) -> str:
    """"rtl" for a language tag written right to left (ar, he, fa-IR, az-Arab), else "ltr"."""
    primary, *rest = language.replace("_", "-").lower().split("-")
    script = next((subtag for subtag in rest if len(subtag) == 4 and subtag.isalpha()), None)
    if script is not None:
        return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if primary in RIGHT_TO_LEFT_LANGUAGES else "ltr"


def locale_names(language: str) -> list[str]:
    """The names dictionaries for a language tag go by, best first: nl-BE: nl_BE, nl, nl_NL."""
    parts = language.replace("_", "-").split("-")
    primary = parts[0].lower()
    names = [f"{primary}_{parts[1].upper()}"] if len(parts) > 1 and len(parts[1]) == 2 else []
    return [*names, primary, f"{primary}_{primary.upper()}"]


@cache
def labels(language: str, audience: str) -> Labels:
    """The fixed words for `language` (English when the language has none)."""
    words = _languages().get(primary_subtag(language)) or _languages()[FALLBACK_LANGUAGE]
    fields = {key: value for key, value in words.items() if key != "audience"}
    fields["months"] = tuple(fields["months"])
    fields["contact_words"] = tuple(fields.get("contact_words", ()))
    return Labels(audience=words["audience"][audience], **fields)
