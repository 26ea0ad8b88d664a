"""The build's summary on the terminal: what was built, how the texts read, where to look."""

from __future__ import annotations

from pathlib import Path

from ..build.pipeline import Outcome
from ..checks.findings import EditionFindings
from .report import edition_files, format_order

#: Up to this many editions, the summary gives each its own line.
SUMMARY_LINES = 12


def summary(outcome: Outcome, seconds: float, report_page: Path | None,
            verbose: bool = False) -> str:
    """A few lines for the terminal: what was built, how the texts read, where to look.

    A build with nothing to do says so in one line, with the counts.
    """
    failed = len({problem.path for problem in outcome.problems})
    kept = len(outcome.warnings) - len(outcome.new_warnings)
    said = f" ({kept} said before: --verbose or the report lists them)" if kept and not verbose \
        else ""
    counts = (f"{seconds:.1f} s; {len(outcome.problems)} problem(s), "
              f"{len(outcome.warnings)} warning(s){said}")
    if outcome.built == 0 and outcome.skipped and not outcome.problems:
        leaflets = len({(e.leaflet_id, e.source) for e in outcome.editions})
        where = f"; report: {report_page}" if report_page is not None else ""
        return (f"nothing to build: all {outcome.skipped} PDF(s) are up to date "
                f"({leaflets} leaflet(s)); {counts}{where}")
    lines = [f"built {outcome.built} PDF(s), {outcome.skipped} up to date, "
             f"{failed} leaflet(s) failed; {counts}"]
    if len(outcome.findings) <= SUMMARY_LINES:
        for item in outcome.findings:
            lines.append(f"  {item.leaflet_id} ({item.audience}): {_pages(outcome, item)}; "
                         f"reading ease {_ease(item.readability.flesch)}, {_verdict(item)}; "
                         f"{_spelling(item)}; {item.review}")
    else:  # a catalogue: the counts, and the report for the rest
        missing = sum(bool(item.misses) for item in outcome.findings)
        unknown = sum(bool(item.unknown_words) for item in outcome.findings)
        reviews = sum(not item.review.startswith("next review") for item in outcome.findings)
        lines.append(f"  {len(outcome.findings)} editions: {missing} miss a readability target, "
                     f"{unknown} have unknown words, {reviews} need a review date looked at")
    if report_page is not None:
        lines.append(f"report: {report_page}")
    return "\n".join(lines)


def _pages(outcome: Outcome, item: EditionFindings) -> str:
    files = edition_files(outcome.editions, item, format_order(outcome))
    return f"{files[0].pages} p. {files[0].format.id}" if files else "not built"


def _ease(flesch: float | None) -> str:
    return "not measured" if flesch is None else f"{flesch:g}"


def _verdict(item: EditionFindings) -> str:
    return "meets its targets" if not item.misses else f"misses {len(item.misses)} target(s)"


def _spelling(item: EditionFindings) -> str:
    if not item.spelling_checked:
        return "spelling not checked"
    return f"{len(item.unknown_words)} unknown word(s)"
