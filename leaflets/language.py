"""Facts of language tags (BCP 47): the primary language, the writing direction, locale names."""

from __future__ import annotations

#: The language whose printed labels a leaflet gets when its own language has none.
FALLBACK_LANGUAGE = "en"
#: Scripts written from right to left (ISO 15924), and the languages usually written
#: in one of them, for tags without a script subtag (ku is Latin, ckb Arabic).
RIGHT_TO_LEFT_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr",
                                   "syrc", "thaa"})
RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "prs",
                                     "ps", "sd", "syr", "ug", "ur", "yi"})


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
