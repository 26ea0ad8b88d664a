"""The build report for editors: `output/report/index.html`, and the build's summary.

One card per leaflet and audience: thumbnails of every page (rendered with
PDFium), page count and file size of each format, readability figures against
the audience's targets, spelling findings, review status and the warnings, with
links to the PDFs. The page is static and self-contained (its stylesheet is
inlined and the thumbnails sit beside it), so it works offline and on a phone.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..build.jobs import BuiltEdition
from ..build.pipeline import Outcome
from ..checks.findings import EditionFindings
from ..paths import LAYOUTS, STYLES
from ..render.fonts import project_fonts

REPORT_FOLDER = "report"
THUMBNAIL_WIDTH = 180  # pixels
#: Up to this many editions, the summary gives each its own line.
SUMMARY_LINES = 12
#: The fonts the report's stylesheet names, copied beside it so it needs no network.
REPORT_FONTS = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")


@dataclass
class Card:
    """What the report shows of one leaflet for one audience."""

    report: EditionFindings
    files: list[BuiltEdition] = field(default_factory=list)
    thumbnails: list[str] = field(default_factory=list)  # paths relative to the report
    warnings: list[str] = field(default_factory=list)


def write(output: Path, outcome: Outcome) -> Path:
    """Write the report into `output/report/` and return the path of its page."""
    folder = output / REPORT_FOLDER
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    (folder / "fonts").mkdir(exist_ok=True)
    for name in REPORT_FONTS:
        shutil.copyfile(project_fonts()[name], folder / "fonts" / name)
    cards = []
    for findings in [*outcome.findings, *outcome.others]:
        files = _files(outcome, findings)
        card = Card(findings, files, warnings=[str(w) for w in findings.warnings])
        reading = [f for f in files if not f.format.impose]
        if reading:  # the first format chosen that shows the pages as readers see them
            card.thumbnails = _thumbnails(folder, reading[0])
        cards.append(card)
    page = _template().render(
        cards=cards, problems=[str(p) for p in sorted(outcome.problems)],
        warnings=len(outcome.warnings), built=len(outcome.editions),
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        # The project's own stylesheet: trusted, and not HTML, so not escaped.
        stylesheet=Markup((STYLES / "report.css").read_text(encoding="utf-8")),
        relative=lambda path: Path("..", Path(path).relative_to(output)).as_posix(),
        kilobytes=lambda size: f"{size / 1024:.0f} KB")
    index = folder / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def summary(outcome: Outcome, seconds: float, report_page: Path | None) -> str:
    """A few lines for the terminal: what was built, how the texts read, where to look."""
    failed = len({problem.path for problem in outcome.problems})
    if outcome.built == 0 and outcome.skipped and not outcome.problems:
        first = f"nothing to build: all {outcome.skipped} PDF(s) are up to date"
    else:
        first = (f"built {outcome.built} PDF(s), {outcome.skipped} up to date, "
                 f"{failed} leaflet(s) failed")
    lines = [f"{first}; {seconds:.1f} s; {len(outcome.problems)} problem(s), "
             f"{len(outcome.warnings)} warning(s)"]
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


def _files(outcome: Outcome, item: EditionFindings) -> list[BuiltEdition]:
    """The PDFs of one edition, in the order of the formats (as formats.yaml lists them)."""
    order = {page_format.id: number for number, page_format in enumerate(outcome.formats)}
    return sorted((e for e in [*outcome.editions, *outcome.other_editions]
                   if (e.leaflet_id, e.audience) == (item.leaflet_id, item.audience)),
                  key=lambda e: order.get(e.format.id, len(order)))


def _pages(outcome: Outcome, item: EditionFindings) -> str:
    files = _files(outcome, item)
    return f"{files[0].pages} p. {files[0].format.id}" if files else "not built"


def _ease(flesch: float | None) -> str:
    return "not measured" if flesch is None else f"{flesch:g}"


def _verdict(item: EditionFindings) -> str:
    return "meets its targets" if not item.misses else f"misses {len(item.misses)} target(s)"


def _spelling(item: EditionFindings) -> str:
    if not item.spelling_checked:
        return "spelling not checked"
    return f"{len(item.unknown_words)} unknown word(s)"


def _thumbnails(folder: Path, edition: BuiltEdition) -> list[str]:
    """PNG pictures of every page of `edition`, beside the report page.

    The pictures of a PDF that was not built again are still there: kept as they are.
    """
    names = [f"pages/{edition.audience}-{edition.leaflet_id}-{number}.png"
             for number in range(1, edition.pages + 1)]
    if not edition.fresh and all((folder / name).exists() for name in names):
        return names
    import pypdfium2  # only when there are pages to draw

    document = pypdfium2.PdfDocument(edition.read())
    try:
        for number, name in enumerate(names):
            page = document[number]
            page.render(scale=THUMBNAIL_WIDTH / page.get_width()).to_pil().save(folder / name)
    finally:
        document.close()
    return names


def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUTS), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("report.html")
