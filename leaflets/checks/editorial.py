"""Editorial checks for communications staff: readability, spelling, review dates, completeness.

Every finding is a warning that names the leaflet file and, where it can, the
line and column of the text in question (found by the source's one place-finding
service); `--strict` makes them errors. The checks read the resolved editions,
as one text model (`reading.py`), so no PDF has to be rendered for them. The
glossary file's own terms and explanations are spelled here too, once per run,
and placed in that file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .. import markdown, reading, resolve
from ..model import Edition, Glossary, GlossaryEntry, Leaflet, Section
from ..problems import Problem, problem
from ..source.text import START, Position
from . import dictionaries, readability, spelling
from .findings import EditionFindings, LongSentence

#: A review date this close is announced on every build.
REVIEW_NOTICE_DAYS = 90
WORST_SENTENCES = 3
EMAIL_IN_TEXT = re.compile(r"[^@\s<>()]+@[^@\s<>()]+\.[A-Za-z]{2,}")
REVIEW_CODES = ("W-review-missing", "W-review-overdue", "W-review-soon")


def check_leaflet(leaflet: Leaflet, sources: Path, today: dt.date | None = None,
                  glossary: Glossary | None = None, changed: Iterable[str] = (),
                  ) -> tuple[list[EditionFindings], list[Problem]]:
    """Findings for every edition of `leaflet`, and all warnings (each said once).

    `changed`: the audiences whose text is not that of the last released edition.
    """
    review, warnings = review_warnings(leaflet.source, leaflet.review, today)
    warnings += _spelling_unchecked(leaflet) + urgent_parity(leaflet)
    found = []
    seen: set[str] = set()  # words reported for an earlier edition of the leaflet
    for audience in leaflet.audience_ids:
        edition = resolve.resolve(leaflet, audience, glossary, changed=audience in changed)
        text = reading.blocks(edition.sections)
        figures = readability.measure(text, edition.language)
        verdicts = readability.verdicts(figures, edition.profile.readability, edition.language)
        unknown, spelling_checked = _unknown_words(edition.language, text, sources,
                                                   _publisher_words(edition))
        findings = EditionFindings(
            leaflet.id, audience, edition.title, edition.language, edition.labels.audience,
            figures, verdicts, tuple(word.text for word in unknown), spelling_checked, review, (),
            leaflet.review.isoformat() if leaflet.review else None, code=edition.code,
            edition=edition.edition, unreleased=audience in changed)
        long_sentences, readability_warnings = _readability(leaflet, edition, findings, text)
        edition_warnings = [
            *readability_warnings,
            *_spelling(leaflet, edition, unknown, sources, seen),
            *_completeness(leaflet, edition),
            *(_unexplained_terms(glossary, leaflet, edition) if glossary else ())]
        found.append(replace(findings, warnings=tuple(edition_warnings),
                             long_sentences=tuple(long_sentences)))
        warnings += edition_warnings
    return found, warnings


def review_state(review: dt.date | None, today: dt.date | None = None) -> str:
    """Where a leaflet stands with its review: missing, overdue, soon or planned."""
    if review is None:
        return "missing"
    days = (review - (today or dt.date.today())).days
    return "overdue" if days < 0 else "soon" if days <= REVIEW_NOTICE_DAYS else "planned"


def review_warnings(leaflet_source: str, review: dt.date | None,
                    today: dt.date | None = None) -> tuple[str, list[Problem]]:
    """The review status in words, and its warnings, for a leaflet's `review` date."""
    today = today or dt.date.today()
    state = review_state(review, today)
    if review is None:
        return "no review date", [problem(
            leaflet_source, 1, 1, "W-review-missing",
            "the leaflet has no 'review' date; add the date of its next content review")]
    days = (review - today).days
    if state == "overdue":
        return f"review overdue since {review.isoformat()}", [problem(
            leaflet_source, 1, 1, "W-review-overdue",
            f"the review date {review.isoformat()} has passed ({-days} days ago); review the text")]
    if state == "soon":
        return f"review due {review.isoformat()}", [problem(
            leaflet_source, 1, 1, "W-review-soon",
            f"the review date {review.isoformat()} is in {days} days")]
    return f"next review {review.isoformat()}", []


def _warning(leaflet: Leaflet, where: Position | None, code: str, message: str) -> Problem:
    where = where or START
    return problem(leaflet.source, where.line, where.column, code, message)


class _Places:
    """Where the words of one edition are written in the leaflet's source."""

    def __init__(self, leaflet: Leaflet, audience: str) -> None:
        self.leaflet, self.audience = leaflet, audience
        # The edition's section number n is the n-th section its audience reads.
        self.sections: list[Section] = [s for s in leaflet.sections if audience in s.audiences]

    def __call__(self, block: reading.Block, word: str) -> Position:
        """Where `word` is written, at or after the start of the text of its block."""
        section = self.sections[block.section]
        text = section.heading if block.part == "heading" else section.body
        return self.leaflet.text.place_word(word, text.position_for(self.audience))


def _readability(leaflet: Leaflet, edition: Edition, findings: EditionFindings,
                 text: Iterable[reading.Block]) -> tuple[list[LongSentence], list[Problem]]:
    """The sentences over the target, and the warnings: a missed target, each such sentence."""
    targets = edition.profile.readability
    if targets is None or not findings.readability.words:
        return [], []
    who = f"the '{edition.audience}' edition"
    warnings, place, sentences = [], _Places(leaflet, edition.audience), []
    if findings.misses:
        warnings.append(_warning(leaflet, None, "W-readability", f"{who} misses its readability "
                                 f"targets: {'; '.join(findings.misses)}"))
    for sentence in readability.longest(reading.sentences(text), WORST_SENTENCES):
        words = readability.words_of(sentence)
        if len(words) <= targets.max_sentence_words:
            break
        first = reading.WORD.search(sentence.text)
        where = place(sentence.block, first.group()) if first else None
        sentences.append(LongSentence((where or START).line, len(words), sentence.text))
        warnings.append(_warning(leaflet, where, "W-long-sentence",
                                 f"a sentence of {len(words)} words in {who} (target ≤ "
                                 f"{targets.max_sentence_words}): \"{sentence.text}\""))
    return sentences, warnings


def _publisher_words(edition: Edition) -> frozenset[str]:
    """The words of the publisher's data, which its variables print: names, not misspellings."""
    texts = [edition.organisation.name if edition.organisation else ""]
    texts += [text or "" for d in edition.departments for text in (d.name, d.address, d.hours,
                                                                     d.urgent)]
    return frozenset(word.text.casefold() for word in spelling.words(
        [reading.Block(0, "body", " ".join(texts))]))


def _unknown_words(language: str, text: Iterable[reading.Block], sources: Path,
                   names: frozenset[str] = frozenset()) -> tuple[list[reading.Word], bool]:
    """The first occurrence of each word that the dictionary, the word list and the
    publisher's data (`names`) do not know."""
    known = dictionaries.dictionary(language)
    if known is None:  # said once for the leaflet: _spelling_unchecked
        return [], False
    own = spelling.wordlist(sources) | names
    unknown: dict[str, reading.Word] = {}
    for word in spelling.words(text):
        if word.text not in unknown and spelling.unknown(word.text, known, own):
            unknown[word.text] = word
    return list(unknown.values()), True


def _misspelling(source: str, where: Position, word: str, sources: Path) -> Problem:
    return problem(source, where.line, where.column, "W-spelling",
                   f"'{word}' is not in the dictionary or in {sources / spelling.WORDLIST} "
                   "(a misspelling?)")


def _spelling(leaflet: Leaflet, edition: Edition, unknown: list[reading.Word], sources: Path,
              seen: set[str]) -> list[Problem]:
    warnings = []
    place = _Places(leaflet, edition.audience)
    for word in unknown:
        if word.text.casefold() in seen:
            continue
        seen.add(word.text.casefold())
        warnings.append(_misspelling(leaflet.source, place(word.block, word.text), word.text,
                                     sources))
    return warnings


def _spelling_unchecked(leaflet: Leaflet) -> list[Problem]:
    """One warning for a leaflet whose language has no dictionary, saying why."""
    why = dictionaries.unavailable(leaflet.language)
    if why is None:
        return []
    return [_warning(leaflet, leaflet.language_position, "W-spelling-unchecked",
                     f"spelling not checked: {why}")]


def _completeness(leaflet: Leaflet, edition: Edition) -> list[Problem]:
    who = f"the '{edition.audience}' edition"
    warnings = []
    if not edition.references:
        warnings.append(_warning(leaflet, None, "W-no-references",
                                 f"{who} cites no sources ('references')"))
    if not _reachable(edition):
        warnings.append(_warning(
            leaflet, None, "W-no-contact", f"{who} gives no telephone number, e-mail address "
            "or contact page to reach a person: name the leaflet's department "
            "('departments: [<id>]', an id of sources/organisation.yaml), whose contact block then "
            "ends every edition"))
    return warnings


def _reachable(edition: Edition) -> bool:
    """Whether the edition prints a phone number, e-mail address or contact page."""
    if any(d.phone or d.email or d.website for d in edition.departments):
        return True
    organisation = edition.organisation
    if organisation and (organisation.phone or organisation.email):
        return True
    if any(link.url.startswith("mailto:") for link in edition.links):
        return True
    text = "\n".join(section.body for section in edition.sections)
    return bool(markdown.phone_numbers(text)) or "mailto:" in text or bool(
        EMAIL_IN_TEXT.search(text))


def urgent_parity(leaflet: Leaflet) -> list[Problem]:
    """Editions without the urgent instruction another audience's edition carries."""
    urgent = [s for s in leaflet.sections if s.urgent]
    if not urgent:
        return []
    warned = []
    for audience in leaflet.audience_ids:
        if not any(audience in section.audiences for section in urgent):
            where = urgent[0].heading.position_for(next(iter(urgent[0].audiences)))
            warned.append(_warning(leaflet, where, "W-urgent-parity", (
                f"the '{audience}' edition has no urgent instruction, which the "
                f"{', '.join(sorted(urgent[0].audiences))} edition carries (a section marked "
                "'urgent: true'); give every audience one, in its own words if need be")))
    return warned


def _unexplained_terms(glossary: Glossary, leaflet: Leaflet, edition: Edition) -> list[Problem]:
    """Glossary terms the edition uses but the glossary does not explain for its audience."""
    explained = {term for term, _ in edition.glossary}
    return [problem(glossary.source, entry.position.line, entry.position.column,
                    "W-glossary-unexplained", f"'{entry.term}' has no explanation for audience "
                    f"'{edition.audience}', whose edition of '{leaflet.id}' uses it")
            for entry in resolve.terms_in(glossary, edition.sections)
            if entry.term not in explained]


def glossary_terms(glossary: Glossary, leaflet: Leaflet) -> set[str]:
    """The glossary terms any edition of `leaflet` uses."""
    return {entry.term for audience in leaflet.audience_ids
            for entry in resolve.terms_in(glossary, resolve.resolve(leaflet, audience).sections)}


def unused_glossary_terms(glossary: Glossary, used: set[str]) -> list[Problem]:
    """Glossary terms that no edition of any leaflet uses (`used`: the terms that are)."""
    return [problem(glossary.source, entry.position.line, entry.position.column,
                    "W-glossary-unused", f"glossary term '{entry.term}' is used by no leaflet")
            for entry in glossary.entries if entry.term not in used]



def glossary_spelling(glossary: Glossary, languages: dict[str, set[str]],
                      sources: Path) -> list[Problem]:
    """Unknown words of the glossary's terms and explanations, at their place in its file.

    `languages` maps each term to the languages of the leaflets that use it: a
    term and its explanations are printed in those leaflets, so they are checked
    with those languages' dictionaries. Each word is reported once.
    """
    own, seen, warnings = spelling.wordlist(sources), set[str](), []
    for entry in glossary.entries:
        for language in sorted(languages.get(entry.term, ())):
            known = dictionaries.dictionary(language)
            if known is None:  # the leaflets in that language say so (W-spelling-unchecked)
                continue
            for word, start in _glossary_words(entry):
                if word.casefold() not in seen and spelling.unknown(word, known, own):
                    seen.add(word.casefold())
                    where = glossary.text.place_word(word, start)
                    warnings.append(_misspelling(glossary.source, where, word, sources))
    return warnings


def _glossary_words(entry: GlossaryEntry) -> Iterator[tuple[str, Position]]:
    """The words of a glossary entry's term and explanations, each with where its text starts."""
    texts = [(entry.term, entry.position),
             *((text, start) for _, text, start in entry.definition.texts if text)]
    for text, start in texts:
        for word in spelling.words([reading.Block(0, "body", text)]):
            yield word.text, start
