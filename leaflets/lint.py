"""Editorial checks for communications staff: readability, spelling, review dates, completeness.

Every finding is a warning that names the leaflet file and, where it can, the
line and column of the text in question; `--strict` makes them errors. The
checks read the resolved editions, so no PDF has to be rendered for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import dictionaries, readability, resolve, spelling
from .model import Edition, Glossary, Leaflet, Position, ReadabilityTargets, Variant
from .problems import Problem

#: A review date this close is announced on every build.
REVIEW_NOTICE_DAYS = 90
WORST_SENTENCES = 3


@dataclass
class EditionReport:
    """What the checks found for one edition, for the summary and the build report."""

    leaflet_id: str
    audience: str
    title: str
    language: str
    audience_label: str  # in the leaflet's language
    readability: readability.Readability
    targets: object  # ReadabilityTargets | None
    misses: list[str] = field(default_factory=list)  # readability targets not met
    unknown_words: list[str] = field(default_factory=list)
    spelling_checked: bool = True
    review: str = ""  # the review status in words
    warnings: list[Problem] = field(default_factory=list)


def check_leaflet(leaflet: Leaflet, sources: Path, today: dt.date | None = None,
                  glossary: Glossary | None = None) -> tuple[list[EditionReport], list[Problem]]:
    """Reports for every edition of `leaflet`, and all warnings (each said once)."""
    today = today or dt.date.today()
    review, review_warnings = _review(leaflet, today)
    reports = []
    warnings = [*review_warnings, *_spelling_unchecked(leaflet)]
    seen: set[str] = set()
    for audience in leaflet.audience_ids:
        edition = resolve.resolve(leaflet, audience, glossary)
        report = EditionReport(leaflet.id, audience, edition.title, edition.language,
                               edition.labels.audience, readability.measure(edition),
                               edition.profile.readability, review=review)
        report.warnings += _readability(leaflet, edition, report)
        report.warnings += _spelling(leaflet, edition, report, sources, seen)
        report.warnings += _completeness(leaflet, edition)
        if glossary is not None:
            report.warnings += _unexplained_terms(glossary, leaflet, edition)
        reports.append(report)
        warnings += report.warnings
    return reports, warnings


def report_to_data(report: EditionReport) -> dict:
    """A report as plain data, to keep in the build manifest."""
    data = dataclasses.asdict(report)
    data["warnings"] = [dataclasses.astuple(w) for w in report.warnings]
    data["readability"]["longest_sentences"] = list(report.readability.longest_sentences)
    return data


def report_from_data(data: dict) -> EditionReport:
    fields = dict(data)
    fields["readability"] = readability.Readability(**{
        **data["readability"], "longest_sentences": tuple(data["readability"]["longest_sentences"])})
    fields["targets"] = ReadabilityTargets(**data["targets"]) if data["targets"] else None
    fields["warnings"] = [Problem(*w) for w in data["warnings"]]
    return EditionReport(**fields)


def review_warnings(leaflet_source: str, review: dt.date | None,
                    today: dt.date | None = None) -> tuple[str, list[Problem]]:
    """The review status in words, and its warnings, for a leaflet's `review` date."""
    status, warnings = _review_status(review, today or dt.date.today())
    return status, [Problem(leaflet_source, 1, 1, f"warning: {message}") for message in warnings]


def as_errors(warnings: list[Problem]) -> list[Problem]:
    """Warnings as the errors they are under --strict."""
    return [Problem(w.path, w.line, w.column, w.message.removeprefix("warning: "))
            for w in warnings]


def _warning(leaflet: Leaflet, where: Position | None, message: str) -> Problem:
    where = where or Position(1, 1)
    return Problem(leaflet.source, where.line, where.column, f"warning: {message}")


def _review(leaflet: Leaflet, today: dt.date) -> tuple[str, list[Problem]]:
    return review_warnings(leaflet.source, leaflet.review, today)


def _review_status(review: dt.date | None, today: dt.date) -> tuple[str, list[str]]:
    if review is None:
        return "no review date", ["the leaflet has no 'review' date; add the date of its "
                                  "next content review"]
    days = (review - today).days
    if days < 0:
        return (f"review overdue since {review.isoformat()}",
                [f"the review date {review.isoformat()} has passed ({-days} days ago); "
                 "review the text"])
    if days <= REVIEW_NOTICE_DAYS:
        return (f"review due {review.isoformat()}",
                [f"the review date {review.isoformat()} is in {days} days"])
    return f"next review {review.isoformat()}", []


def _sections_of(leaflet: Leaflet, audience: str):
    return [s for s in leaflet.sections if audience in s.audiences]


def _place(leaflet: Leaflet, text: Variant, audience: str, words: str) -> Position:
    """Where `words` (a sentence or a word) is written, at or after the text's start."""
    start = text.position_for(audience)
    lines = Path(leaflet.source).read_text(encoding="utf-8-sig").splitlines()
    first = re.escape(words.split()[0]) if words.split() else ""
    pattern = re.compile(rf"(?<!\w){first}(?!\w)") if first else None
    for number in range(start.line, len(lines) + 1):
        column_from = start.column - 1 if number == start.line else 0
        if pattern and (match := pattern.search(lines[number - 1], column_from)):
            return Position(number, match.start() + 1)
    return start


def _readability(leaflet: Leaflet, edition: Edition, report: EditionReport) -> list[Problem]:
    targets, figures = report.targets, report.readability
    if targets is None or not figures.words:
        return []
    who = f"the '{edition.audience}' edition"
    warnings = []
    if figures.average_sentence_words > targets.max_average_sentence_words:
        report.misses.append(f"average sentence {figures.average_sentence_words} words "
                             f"(target ≤ {targets.max_average_sentence_words:g})")
    share = figures.long_word_share
    if share is not None and share > targets.max_long_word_share:
        report.misses.append(f"long words {share:.0%} "
                             f"(target ≤ {targets.max_long_word_share:.0%})")
    if figures.flesch is not None and figures.flesch < targets.min_flesch:
        report.misses.append(f"reading ease {figures.flesch:g} (target ≥ {targets.min_flesch:g})")
    if figures.longest_sentence_words > targets.max_sentence_words:
        report.misses.append(f"longest sentence {figures.longest_sentence_words} words "
                             f"(target ≤ {targets.max_sentence_words})")
    if report.misses:
        warnings.append(_warning(leaflet, None, f"{who} misses its readability targets: "
                                                f"{'; '.join(report.misses)}"))
    for sentence in figures.longest_sentences[:WORST_SENTENCES]:
        length = len(readability.WORD.findall(sentence))
        if length <= targets.max_sentence_words:
            break
        where = None
        for section in _sections_of(leaflet, edition.audience):
            body = section.body.for_audience(edition.audience)
            if sentence.split()[0] in body or sentence.split()[0] in section.heading.for_audience(
                    edition.audience):
                if " ".join(sentence.split()[:4]) in " ".join(body.split()):
                    where = _place(leaflet, section.body, edition.audience, sentence)
                    break
        shown = sentence if len(sentence) <= 90 else sentence[:87] + "..."
        warnings.append(_warning(leaflet, where, f"a sentence of {length} words in {who} "
                                                 f"(target ≤ {targets.max_sentence_words}): "
                                                 f"\"{shown}\""))
    return warnings


def _spelling(leaflet: Leaflet, edition: Edition, report: EditionReport, sources: Path,
              seen: set[str]) -> list[Problem]:
    known = dictionaries.dictionary(edition.language)
    if known is None:  # said once for the leaflet: _spelling_unchecked
        report.spelling_checked = False
        return []
    own = spelling.wordlist(sources)
    sections = _sections_of(leaflet, edition.audience)
    warnings = []
    for index, word in spelling.words(edition):
        if not spelling.unknown(word, known, own) or word in report.unknown_words:
            continue
        report.unknown_words.append(word)
        if word.casefold() in seen:
            continue
        seen.add(word.casefold())
        section = sections[index]
        text = (section.body if word in " ".join(spelling.WORD.findall(
            section.body.for_audience(edition.audience))) else section.heading)
        warnings.append(_warning(leaflet, _place(leaflet, text, edition.audience, word),
                                 f"'{word}' is not in the dictionary or in "
                                 f"{sources / spelling.WORDLIST} (a misspelling?)"))
    return warnings


def _spelling_unchecked(leaflet: Leaflet) -> list[Problem]:
    """One warning for a leaflet whose language has no dictionary, saying why."""
    why = dictionaries.unavailable(leaflet.language)
    if why is None:
        return []
    return [_warning(leaflet, leaflet.language_position, f"spelling not checked: {why}")]


def _completeness(leaflet: Leaflet, edition: Edition) -> list[Problem]:
    who = f"the '{edition.audience}' edition"
    warnings = []
    if not edition.references:
        warnings.append(_warning(leaflet, None, f"{who} cites no sources ('references')"))
    contact = edition.labels.contact_words
    has_contact = any(
        any(word in section.heading.casefold() for word in contact)
        for section in edition.sections) or any(
        link.url.startswith("mailto:") for link in edition.links)
    if not has_contact:
        warnings.append(_warning(
            leaflet, None, f"{who} has no way to ask questions or give feedback: add a "
                           f"section such as '{edition.labels.contact_example}'"))
    return warnings


def _glossary_problem(glossary: Glossary, where: Position, message: str) -> Problem:
    return Problem(glossary.source, where.line, where.column, f"warning: {message}")


def _unexplained_terms(glossary: Glossary, leaflet: Leaflet, edition: Edition) -> list[Problem]:
    """Glossary terms the edition uses but the glossary does not explain for its audience."""
    explained = {term for term, _ in edition.glossary}
    return [_glossary_problem(glossary, entry.position,
                              f"'{entry.term}' has no explanation for audience "
                              f"'{edition.audience}', whose edition of '{leaflet.id}' uses it")
            for entry in resolve.terms_in(glossary, edition.sections, edition.audience)
            if entry.term not in explained]


def glossary_terms(glossary: Glossary, leaflet: Leaflet) -> set[str]:
    """The glossary terms any edition of `leaflet` uses."""
    return {entry.term for audience in leaflet.audience_ids
            for entry in resolve.terms_in(
                glossary, resolve.resolve(leaflet, audience).sections, audience)}


def unused_glossary_terms(glossary: Glossary, used: set[str]) -> list[Problem]:
    """Glossary terms that no edition of any leaflet uses (`used`: the terms that are)."""
    return [_glossary_problem(glossary, entry.position,
                              f"glossary term '{entry.term}' is used by no leaflet")
            for entry in glossary.entries if entry.term not in used]
