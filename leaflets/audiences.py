"""The built-in audience profiles and the fixed words of each language.

Both are data (`audiences.yaml`, `languages.yaml` beside this module), not code:
adding an audience or a language is an edit there, plus a stylesheet layer.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from .model import AudienceProfile, Labels

FALLBACK_LANGUAGE = "en"


def _data(name: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text("utf-8"))


@cache
def profiles() -> dict[str, AudienceProfile]:
    """Every known audience, by id, in the order the data file lists them."""
    return {
        audience_id: AudienceProfile(id=audience_id, **fields)
        for audience_id, fields in _data("audiences.yaml").items()
    }


@cache
def _languages() -> dict[str, dict]:
    return _data("languages.yaml")


def has_labels(language: str) -> bool:
    return primary_subtag(language) in _languages()


def primary_subtag(language: str) -> str:
    return language.split("-", 1)[0].lower()


@cache
def labels(language: str, audience: str) -> Labels:
    """The fixed words for `language` (English when the language has none)."""
    words = _languages().get(primary_subtag(language)) or _languages()[FALLBACK_LANGUAGE]
    fields = {key: value for key, value in words.items() if key != "audience"}
    fields["months"] = tuple(fields["months"])
    return Labels(audience=words["audience"][audience], **fields)
