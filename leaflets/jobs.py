"""Typesetting one edition in one format: what a worker process does for the build.

Everything a job needs travels with it (see `build.Job`), so a job runs the same
in this process, in a worker of the build's process pool, or on a Dask worker.
"""

from __future__ import annotations

import calendar
import ctypes
import os
import signal
import sys
from pathlib import Path

from . import fonts, html, pdf, postprocess
from .build import Job, JobResult
from .limits import TimeLimitExceeded, time_limit
from .model import Edition, Format
from .problems import Problem
from .project import LAYOUTS

#: An edition longer than this gets a contents list of its questions.
CONTENTS_AFTER_PAGES = 4
_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def run_job(job: Job) -> JobResult:
    """Make one edition in one format (in a worker): a PDF, or a problem for the editor."""
    edition, page_format = job.edition, job.format
    what = f"the '{edition.audience}' edition ({page_format.id})"

    def problem(message: str) -> JobResult:
        return JobResult(job, None, 0, problem=Problem(edition.source, 1, 1, message))

    try:
        with time_limit(job.seconds):
            rendered = render(edition, page_format)
        data = _post_process(rendered.data, page_format, edition.direction)
    except TimeLimitExceeded:
        return problem(f"typesetting {what} took longer than {job.seconds:g} seconds "
                       "and was stopped")
    except pdf.RenderError as error:
        return problem(f"cannot render {what}: {error}")
    except Exception as error:  # a bug of ours must not cost the other leaflets
        return problem(f"internal error while building {what}: "
                       f"{type(error).__name__}: {error} (please report this)")
    if (over := _over_budget(edition, page_format, rendered.pages)) is not None:
        return JobResult(job, None, rendered.pages, problem=over)
    return JobResult(job, data, rendered.pages, rendered.missing_characters)


def _end_with_the_build() -> None:
    """Ask Linux to stop this worker when the build that started it dies (kill -9 too)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() == 1:  # the build died before the request took effect
            os._exit(1)


def warm_up() -> None:
    """Prepare a worker: load once what every document needs (fonts, templates)."""
    _end_with_the_build()
    fonts.project_fonts()
    fonts.missing_characters('<link rel="stylesheet" href="styles/fonts.css"><p>x</p>')
    html._environment(LAYOUTS)


#: Characters of text per page, learnt per (audience, format) as editions are typeset,
#: to guess whether the next edition needs a contents list before typesetting it.
_CHARACTERS_PER_PAGE: dict[tuple[str, str], float] = {}
#: The guess before anything was learnt: about four A5 pages of text.
_LONG_TEXT = 6000


def render(edition: Edition, page_format: Format) -> pdf.RenderedPdf:
    """The PDF of one edition in one format, before post-processing.

    An edition longer than four pages gets a contents list, and only typesetting
    tells how long an edition is. The guess from the text's length is nearly
    always right, and then one typesetting pass is enough; when it is wrong, a
    second pass settles it. A folded booklet gets blank pages before its back
    page, added while the PDF is written.
    """
    def lay_out(contents: bool) -> pdf.Layout:
        return pdf.lay_out(html.render(edition, page_format, contents=contents),
                           images=Path(edition.images))

    characters = sum(len(s.heading) + len(s.body) for s in edition.sections)
    key = (edition.audience, page_format.id)
    per_page = _CHARACTERS_PER_PAGE.get(key)
    contents = (characters / per_page > CONTENTS_AFTER_PAGES + 0.5 if per_page
                else characters > _LONG_TEXT)
    layout = lay_out(contents)
    if contents and layout.pages - 1 <= CONTENTS_AFTER_PAGES:
        # Without the list's page it has at least one page fewer: it may fit in four.
        plain = lay_out(contents=False)
        if plain.pages <= CONTENTS_AFTER_PAGES:
            layout, contents = plain, False
    elif not contents and layout.pages > CONTENTS_AFTER_PAGES:
        layout, contents = lay_out(contents=True), True
    _CHARACTERS_PER_PAGE[key] = characters / max(1, layout.pages - contents)
    blank_pages = -layout.pages % page_format.pad_to if page_format.pad_to else 0
    return pdf.write(
        layout, calendar.timegm(edition.updated.timetuple()),
        accessible=page_format.accessible,
        blank_pages=blank_pages, blank_before=layout.page_of("colophon"),
        bleed_mm=postprocess.parse_length_mm(page_format.bleed_box)
        if page_format.bleed_box else None,
        viewer_preferences=page_format.viewer_preferences)


def _post_process(data: bytes, page_format: Format, direction: str) -> bytes:
    if page_format.impose == "saddle-stitch":
        data = postprocess.impose_saddle_stitch(data, right_to_left=direction == "rtl")
    return data


def _over_budget(edition: Edition, page_format: Format, pages: int) -> Problem | None:
    budget = dict(edition.page_budget).get(page_format.id)
    if budget is None or pages <= budget:
        return None
    where = edition.page_budget_position
    return Problem(
        edition.source, where.line if where else 1, where.column if where else 1,
        f"the '{edition.audience}' edition of '{edition.leaflet_id}' in format "
        f"{page_format.id} has {pages} pages, over its page budget of {budget}")
