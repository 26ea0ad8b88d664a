"""The report for editors, `output/report/index.html` (the terminal's summary: summary.py).

The report is in the language most leaflets are written in (its words come
from the `report:` block of languages.yaml, English where one is missing). It
opens with an overview of every leaflet and audience and its status (not
built, review due, findings, fine), which a small script makes sortable and
filterable and which without the script is a plain table. Then one card per
leaflet and audience: the files, the readability figures against the
audience's targets, the long sentences in full, the spelling, the review date,
every finding with its line, and a thumbnail of every page. Each thumbnail
opens the edition's page view: every page of every format, large enough to
read. Everything is static and beside the report (fonts, pictures), so it
works offline and on a phone. A build of some leaflets still shows every
leaflet: the others as the last build left them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..build.jobs import BuiltEdition
from ..build.output import refuse_links
from ..build.pipeline import Outcome
from ..checks import editorial, readability
from ..checks.findings import EditionFindings
from ..language import FALLBACK_LANGUAGE, primary_subtag
from ..paths import LAYOUTS, STYLES
from ..problems import Problem
from ..render.fonts import project_fonts
from ..source import builtin
from ..source.catalogue import LEAFLETS
from . import pictures
from .pictures import Picture

if TYPE_CHECKING:
    import jinja2

REPORT_FOLDER = "report"
#: The fonts the report's stylesheet names, copied beside it so it needs no network.
REPORT_FONTS = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")
#: An edition's status, the most urgent first.
STATUSES = ("errors", "review", "warnings", "fine")
#: Where a report page records the digest of what it was made from (see `_inputs`).
INPUTS_META = re.compile(r'<meta name="leaflets-report-inputs" content="([0-9a-f]+)">')
#: One card of a report page, with the digest of what it shows (report-card.html). The
#: texts in it are escaped, so the first end tag after its start is its own.
ARTICLE = re.compile(r'    <article class="card" id="[^"]*" aria-labelledby="[^"]*" '
                     r'data-inputs="([0-9a-f]{64})">.*?</article>', re.DOTALL)
OUTDATED = "0"  # the digest of a report a build without it has made out of date


@dataclass
class Card:
    """What the report shows of one leaflet for one audience."""

    report: EditionFindings
    status: str  # one of STATUSES
    review: str  # the review state: missing, overdue, soon, planned
    files: list[BuiltEdition] = field(default_factory=list)
    thumbnails: list[Picture] = field(default_factory=list)
    thumbnail_format: str = ""  # the format the thumbnails show
    warnings: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.report.leaflet_id}-{self.report.audience}"

    @property
    def page(self) -> str:
        """The edition's page view, beside the report page."""
        return f"{self.report.leaflet_id}.{self.report.audience}.html"


@dataclass(frozen=True)
class Failed:
    """A leaflet that could not be read, for the overview: its file and its problems."""

    name: str
    problems: int


@dataclass
class _Catalogue:
    """What the report shows: this run's leaflets and the others as they were last built."""

    findings: list[EditionFindings]
    editions: list[BuiltEdition]
    warnings: list[Problem]
    problems: list[Problem]

    @cached_property
    def leaflet_warnings(self) -> dict[str | None, set[Problem]]:
        """The warnings by the leaflet they are in; each edition's own left out."""
        own = {(item.leaflet_id, w) for item in self.findings for w in item.warnings}
        found: dict[str | None, set[Problem]] = {}
        for warning in self.warnings:
            if (leaflet := _leaflet_of(warning), warning) not in own:
                found.setdefault(leaflet, set()).add(warning)
        return found

    @cached_property
    def failed(self) -> set[str | None]:
        """The leaflets with a problem."""
        return {_leaflet_of(found) for found in self.problems}

    @cached_property
    def files(self) -> dict[tuple[str, str], list[BuiltEdition]]:
        """The PDFs of each edition (leaflet id, audience)."""
        found: dict[tuple[str, str], list[BuiltEdition]] = {}
        for edition in self.editions:
            found.setdefault((edition.leaflet_id, edition.audience), []).append(edition)
        return found

    @classmethod
    def of(cls, outcome: Outcome) -> _Catalogue:
        return cls([*outcome.findings, *(f for kept in outcome.others for f in kept.findings)],
                   [*outcome.editions, *(e for kept in outcome.others for e in kept.editions)],
                   [*outcome.warnings, *(w for kept in outcome.others for w in kept.warnings)],
                   sorted(outcome.problems))


def write(output: Path, outcome: Outcome, drawn: pictures.Keeper | None = None) -> Path:
    """Write the report into `output/report/` and return the path of its page.

    A build that read no leaflet again and built nothing leaves a report that
    shows the same as it would be written now as it is. `drawn` holds the
    pictures the build's workers drew; any other is drawn here.
    """
    folder = output / REPORT_FOLDER
    index = folder / "index.html"
    catalogue = _Catalogue.of(outcome)
    language = report_language(catalogue.findings)
    words = builtin.data().report_words(language)
    design = _design(language, words)
    inputs = _inputs(catalogue, design)
    previous = _made_from(index)
    if not (outcome.changed or outcome.built) and previous == inputs:
        return index
    refuse_links(output, folder / "fonts")  # the report never writes through a planted link
    refuse_links(output, folder)
    for name in REPORT_FONTS:
        shutil.copyfile(project_fonts()[name], folder / "fonts" / name)
    cards = [_card(folder, catalogue, findings, format_order(outcome), drawn)
             for findings in catalogue.findings]
    render = _renderer(output, language, words)
    trusted = previous is not None and previous != OUTDATED
    articles = _write_cards(folder, cards, render, design, drawn,
                            _articles(index) if trusted else None)
    shown = {w for card in cards for w in card.warnings}
    index.write_text(render(
        "report.html", articles=articles, rows=sorted(cards, key=_urgency),
        failed=_failed(catalogue), problems=catalogue.problems,
        elsewhere=sorted(set(catalogue.warnings) - shown),
        warnings=len(catalogue.warnings), built=outcome.built, inputs=inputs,
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M")), encoding="utf-8")
    return index


def _write_cards(folder: Path, cards: list[Card], render: Callable[..., str], design: str,
                 drawn: pictures.Keeper | None, kept: dict[str, str] | None) -> list[str]:
    """Each card's part of the index, and its page view written where it changed.

    What a card shows changed only if its digest did; the cards of the report
    page being replaced are `kept` by theirs (None: that page cannot be trusted,
    it was marked out of date, and the pictures of its page views may be gone).
    """
    from markupsafe import Markup  # only when the report is written (see _renderer)

    articles: list[str] = []
    for card in cards:
        page, made_from = folder / card.page, _card_inputs(card, design)
        article = (kept or {}).get(made_from) or render("report-card.html", card=card,
                                                        inputs=made_from)
        articles.append(Markup(article))
        if kept is not None and not any(f.fresh for f in card.files) and \
                _made_from(page) == made_from:
            continue
        views = [(file, pictures.views(folder, file, drawn)) for file in card.files]
        page.write_text(render("report-pages.html", card=card, views=views, inputs=made_from),
                        encoding="utf-8")
    return articles


def _design(language: str, words: dict[str, str]) -> str:
    """A digest of how the report looks: its language and words, templates, style and code."""
    digest = hashlib.sha256(repr((language, words, _date_words(language))).encode())
    for path in sorted((*LAYOUTS.glob("report*"), STYLES / "report.css",
                        *Path(__file__).parent.parent.rglob("*.py"))):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _articles(index: Path) -> dict[str, str]:
    """The cards of an existing report page, by the digest of what each shows."""
    if index.is_symlink() or not index.is_file():
        return {}
    try:
        page = index.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return {}
    return {found.group(1): found.group(0) for found in ARTICLE.finditer(page)}


def _card_inputs(card: Card, design: str) -> str:
    """A digest of what one card's page view shows."""
    return hashlib.sha256(repr((
        design, card.report, card.status, card.review, card.warnings, card.thumbnails,
        [(str(f.path), f.pages, f.size, repr(f.format)) for f in card.files])).encode()).hexdigest()


def _inputs(catalogue: _Catalogue, design: str) -> str:
    """A digest of everything the report shows but the run's counts and the time it was made."""
    return hashlib.sha256(repr((
        design, catalogue.findings, sorted(catalogue.warnings), catalogue.problems,
        sorted((str(e.path), e.leaflet_id, e.source, e.audience, repr(e.format), e.pages, e.size)
               for e in catalogue.editions),
        [editorial.review_state(dt.date.fromisoformat(f.review_date) if f.review_date else None)
         for f in catalogue.findings])).encode()).hexdigest()


def outdated(output: Path) -> None:
    """Mark the report as made from other inputs, so that the next build writes it again."""
    index = output / REPORT_FOLDER / "index.html"
    try:
        page = index.read_text(encoding="utf-8")
    except OSError:
        return
    index.write_text(INPUTS_META.sub(
        f'<meta name="leaflets-report-inputs" content="{OUTDATED}">', page, 1), encoding="utf-8")


def _made_from(index: Path) -> str | None:
    """The digest of the inputs an existing report page was made from (`_inputs`)."""
    if index.is_symlink() or not index.is_file():  # none, or nothing the build wrote
        return None
    try:
        with index.open("rb") as page:
            head = page.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = INPUTS_META.search(head)
    return found.group(1) if found else None


def report_language(findings: Iterable[EditionFindings]) -> str:
    """The language most leaflets are in (each counted once), if the report has its words.

    Otherwise English, whose words the report then uses.
    """
    leaflets = {item.leaflet_id: primary_subtag(item.language) for item in findings}
    counted = Counter(leaflets.values()).most_common()
    languages = builtin.data().languages
    if counted and counted[0][0] in languages and languages[counted[0][0]].report:
        return counted[0][0]
    return FALLBACK_LANGUAGE


def _card(folder: Path, catalogue: _Catalogue, findings: EditionFindings,
          order: dict[str, int], drawn: pictures.Keeper | None) -> Card:
    files = edition_files(catalogue.files.get((findings.leaflet_id, findings.audience), []),
                          findings, order)
    # Each edition's own warnings on its own card, and the leaflet's on all of them.
    leaflet = catalogue.leaflet_warnings.get(findings.leaflet_id, set())
    warnings = sorted({*findings.warnings, *leaflet})
    review_date = dt.date.fromisoformat(findings.review_date) if findings.review_date else None
    review = editorial.review_state(review_date)
    failed = findings.leaflet_id in catalogue.failed
    status = ("errors" if failed else "review" if review in ("overdue", "soon")
              else "warnings" if warnings else "fine")
    card = Card(findings, status, review, files, warnings=warnings)
    reading = [f for f in files if not f.format.impose]
    if reading:  # the first format chosen that shows the pages as readers see them
        card.thumbnails = pictures.thumbnails(folder, reading[0], drawn)
        card.thumbnail_format = reading[0].format.id
    return card


def _leaflet_of(found: Problem) -> str | None:
    """The id of the leaflet a problem is in, if it is in a leaflet file."""
    path = Path(found.path)
    return path.stem if path.parent.name == LEAFLETS and path.suffix == ".yaml" else None


def _failed(catalogue: _Catalogue) -> list[Failed]:
    """The leaflets with problems and no findings: they were not read at all."""
    read = {item.leaflet_id for item in catalogue.findings}
    counts = Counter(p.path for p in catalogue.problems
                     if (leaflet := _leaflet_of(p)) is not None and leaflet not in read)
    return [Failed(Path(name).name, count) for name, count in sorted(counts.items())]


def _urgency(card: Card) -> tuple[int, str, str]:
    return STATUSES.index(card.status), card.report.title.casefold(), card.report.audience


def _date_words(language: str) -> builtin.Words:
    """How the report writes dates: the language's own words, else English."""
    known = builtin.data().languages
    return known.get(language) or known[FALLBACK_LANGUAGE]


@cache
def _environment() -> jinja2.Environment:
    import jinja2  # only when the report is written: a no-op starts without it

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUTS), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def prepare() -> None:
    """Compile the report's templates now (the build calls this while its workers typeset)."""
    environment = _environment()
    for name in environment.list_templates(filter_func=lambda name: name.startswith("report")):
        environment.get_template(name)


def _renderer(output: Path, language: str, words: dict[str, str]) -> Callable[..., str]:
    from markupsafe import Markup

    environment = _environment()
    date_words = _date_words(language)

    def say(name: str, **values: Any) -> str:
        return words[name].format(**values)

    def date(iso: str | None) -> str:
        if not iso:
            return ""
        day = dt.date.fromisoformat(iso)
        return date_words.date_format.format(day=day.day, month=date_words.months[day.month - 1],
                                             year=day.year)

    common = {
        "language": language, "words": words, "say": say, "date": date,
        "statuses": STATUSES,
        "formula": lambda item: readability.FORMULA.get(primary_subtag(item.language), "Flesch"),
        # The project's own stylesheet: trusted, and not HTML, so not escaped.
        "stylesheet": Markup((STYLES / "report.css").read_text(encoding="utf-8")),
        "relative": lambda path: Path("..", Path(path).relative_to(output)).as_posix(),
        "kilobytes": lambda size: f"{size / 1024:.0f}",
    }
    return lambda name, **values: environment.get_template(name).render(**common, **values)


def edition_files(editions: Iterable[BuiltEdition], item: EditionFindings,
           order: dict[str, int]) -> list[BuiltEdition]:
    """The PDFs of one edition, in the order of the formats (as formats.yaml lists them)."""
    return sorted((e for e in editions
                   if (e.leaflet_id, e.audience) == (item.leaflet_id, item.audience)),
                  key=lambda e: order.get(e.format.id, len(order)))


def format_order(outcome: Outcome) -> dict[str, int]:
    return {page_format.id: number for number, page_format in enumerate(outcome.formats)}
