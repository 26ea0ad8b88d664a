"""What a worker does for the build: typeset one job, write each of its formats, check budgets.

A job's formats share one typesetting: the first is written from it as it is,
a format made from its pages (a booklet from the press pages) is cut to the
trim box and, for a folded booklet, imposed onto sheets.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
from dataclasses import replace
from functools import cache
from pathlib import Path

from ..model import Edition, Format
from ..paths import LAYOUTS, STYLES
from ..problems import LeafletError, Problem, problem
from ..publish import pictures
from ..render import fonts, html, impose, pdf, stylesheets, typeset
from ..render.sandbox import RenderError
from ..source import builtin
from .jobs import Job, JobResult
from .limits import TimeLimitExceeded, time_limit
from .warm import FORMATS_VARIABLE


def run_job(job: Job) -> JobResult:
    """Make one edition in the job's formats: a PDF each, or a problem for the editor."""
    edition, layout = job.edition, job.layout or job.format
    what = f"the '{edition.audience}' edition ({job.format.id})"
    limited = True

    def failed(code: str, message: str) -> JobResult:
        return JobResult(job, None, 0, problem=problem(edition.source, 1, 1, code, message),
                         time_limited=limited, derived=tuple(
                             JobResult(other, None, 0, time_limited=limited)
                             for other in job.derived))

    try:
        with time_limit(job.seconds) as limited:
            rendered = typeset.typeset(edition, layout)
        results = [_result(each, layout, rendered, limited) for each in (job, *job.derived)]
    except TimeLimitExceeded:
        return failed("E-time-limit", f"typesetting {what} took longer than {job.seconds:g} "
                                      "seconds and was stopped")
    except RenderError as error:
        return failed("E-render", f"cannot render {what}: {error}")
    except Exception as error:  # a bug of ours must not cost the other leaflets
        return failed("E-internal-error", f"internal error while building {what}: "
                                          f"{type(error).__name__}: {error} (please report this)")
    first, *others = results
    return replace(first, derived=tuple(others))


def _result(job: Job, layout: Format, rendered: pdf.RenderedPdf, limited: bool) -> JobResult:
    """One format of a job, from its typesetting: its file and pictures, or over its budget."""
    edition = job.edition
    if (over := _over_budget(edition, job.format, rendered.pages)) is not None:
        return JobResult(job, None, rendered.pages, problem=over, time_limited=limited)
    data = _written(job.format, layout, rendered.data, edition)
    return JobResult(job, data, rendered.pages, rendered.missing_characters,
                     time_limited=limited, runaway_text=rendered.runaway_text,
                     pictures=pictures.draw(data, job.pictures))


def _written(page_format: Format, layout: Format, typeset_pdf: bytes, edition: Edition) -> bytes:
    """The file of `page_format`, from the PDF typeset in `layout`."""
    # A file's keywords name its audience and format, as layouts/leaflet.html writes them.
    keywords = None if page_format.id == layout.id else f"{edition.audience}, {page_format.id}"
    if page_format.impose == "saddle-stitch":
        return impose.impose_saddle_stitch(typeset_pdf, right_to_left=edition.direction == "rtl",
                                           viewer_preferences=page_format.viewer_preferences,
                                           keywords=keywords)
    if keywords is not None:
        return impose.trimmed(typeset_pdf, page_format.viewer_preferences, keywords)
    return typeset_pdf


#: The languages most leaflets are in: their hyphenation dictionaries are read
#: before any job (the first document in each would read them otherwise).
HYPHENATED = ("nl", "en")


def warm_up(build: int) -> None:
    """Prepare a worker of the build with process id `build` (see `load`)."""
    _end_with_the_build(build)
    load()


@cache
def load() -> None:
    """Load what every document needs: fonts, templates, the renderer's libraries, PDFium.

    Every audience's stylesheets in every format the build makes are parsed
    too, with the fonts they declare, and its layout compiled with the
    templates it includes, so that workers forked from this process share them.
    """
    import pypdfium2  # noqa: F401 (the report's pictures are drawn in the workers)

    fonts.project_fonts()
    fonts.missing_characters("<p>x</p>", ("fonts.css",))
    try:
        known = builtin.data()
    except LeafletError:  # the build says what is wrong with it, and builds nothing
        return
    built = os.environ.get(FORMATS_VARIABLE)  # the build's formats (see warm.start)
    formats = [page_format for page_format in known.formats.values()
               if built is None or page_format.id in built.split(",")]
    for profile in known.profiles.values():
        _compile(profile.layout)
        for page_format in formats:
            _preload(html.layers(profile, page_format))
    import pyphen  # WeasyPrint's hyphenation, which keeps each dictionary it reads

    for language in HYPHENATED:
        pyphen.Pyphen(lang=language)


def _compile(layout: str) -> None:
    """Compile a layout and every template it includes or extends (a broken one: left to the
    job that needs it, which then says why)."""
    from jinja2 import TemplateError, meta

    environment, waiting, seen = html.environment(LAYOUTS), [layout], {layout}
    assert environment.loader is not None  # html.environment reads the layouts' folder
    while waiting:
        name = waiting.pop()
        try:
            environment.get_template(name)  # compiled, and kept in the environment
            source = environment.loader.get_source(environment, name)[0]
            named = meta.find_referenced_templates(environment.parse(source))
        except (TemplateError, OSError):
            continue
        for each in named:
            if each is not None and each not in seen:
                seen.add(each)
                waiting.append(each)


def _preload(layers: tuple[str, ...], styles: Path = STYLES) -> None:
    """Parse these stylesheets for the workers; one that cannot be is left to the job that
    needs it, which then says why (E-render)."""
    with contextlib.suppress(RenderError):
        stylesheets.preload(layers, styles)


def _end_with_the_build(build: int) -> None:
    """Stop this worker when the build that started it ends, however it ends (kill -9 too).

    A worker is forked from a server process, not from the build, so it watches
    the build's process itself: through a process descriptor, which becomes
    readable when the process ends (Linux), or else by asking every second.
    """
    try:
        handle = os.pidfd_open(build) if hasattr(os, "pidfd_open") else None
    except OSError:  # it has ended already
        os._exit(1)
    threading.Thread(target=_watch, args=(build, handle), daemon=True,
                     name="end with the build").start()


def _watch(build: int, handle: int | None) -> None:
    if handle is not None:
        select.select([handle], [], [])
        os._exit(1)
    while True:
        time.sleep(1)
        try:
            os.kill(build, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # alive, under another user: a recycled number at worst
            pass


def _over_budget(edition: Edition, page_format: Format, pages: int) -> Problem | None:
    budget = dict(edition.page_budget).get(page_format.id)
    if budget is None or pages <= budget:
        return None
    where = edition.page_budget_position
    return problem(
        edition.source, where.line if where else 1, where.column if where else 1, "E-page-budget",
        f"the '{edition.audience}' edition of '{edition.leaflet_id}' in format "
        f"{page_format.id} has {pages} pages, over its page budget of {budget}")
