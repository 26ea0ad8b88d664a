"""What a PDF could not print, as warnings placed in the source: characters the fonts
lack, and text that runs past the edge of the page."""

from __future__ import annotations

from ..problems import Problem, problem
from ..source.text import START, SourceText

#: More characters than this that the fonts lack are one warning, not one each.
MISSING_CHARACTERS_SHOWN = 3
#: Characters of a text that runs off the page quoted in its warning.
RUNAWAY_SHOWN = 40


def runaway_text(text: SourceText | None, source: str, edition: str,
                  runaway: tuple[str, ...]) -> list[Problem]:
    """Warnings about texts that run past the page's edge, each at its place in the source."""
    warnings = []
    for fragment in runaway:
        offset = text.text.find(fragment[:RUNAWAY_SHOWN]) if text else -1
        where = text.position(offset) if text and offset >= 0 else START
        shown = fragment if len(fragment) <= RUNAWAY_SHOWN else f"{fragment[:RUNAWAY_SHOWN]}..."
        warnings.append(problem(
            source, where.line, where.column, "W-text-too-wide",
            f"'{shown}' runs past the edge of the page in the {edition}, and part of it is not "
            "printed; shorten it, or split it in two"))
    return warnings


def missing_characters(text: SourceText | None, source: str, audience: str,
                        characters: tuple[str, ...]) -> list[Problem]:
    """Warnings about characters the fonts lack, each at its first place in the source.

    A text in a script the fonts do not cover (Georgian, Chinese) gets a single
    warning, at the first such character.
    """
    if not characters:
        return []
    places = sorted(((text.place_character(c) if text else None) or START, c) for c in characters)
    if len(places) > MISSING_CHARACTERS_SHOWN:
        where = places[0][0]
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for _, c in places[:MISSING_CHARACTERS_SHOWN])
        return [problem(source, where.line, where.column, "W-missing-characters",
                        f"{len(places)} characters are in none of the leaflet fonts, {shown} and "
                        f"{len(places) - MISSING_CHARACTERS_SHOWN} more; the '{audience}' edition "
                        "prints them in a fallback font, or as boxes")]
    return [problem(source, where.line, where.column, "W-missing-characters",
                    f"'{c}' (U+{ord(c):04X}) is in none of the leaflet fonts; the '{audience}' "
                    "edition prints it in a fallback font, or as a box")
            for where, c in places]
