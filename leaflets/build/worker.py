"""What a worker does for the build: typeset one job, impose it, check its page budget."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from ..model import Edition, Format
from ..paths import LAYOUTS
from ..problems import Problem, problem
from ..render import fonts, html, impose, pdf, typeset
from .jobs import Job, JobResult
from .limits import TimeLimitExceeded, time_limit

_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def run_job(job: Job) -> JobResult:
    """Make one edition in one format: a PDF, or a problem for the editor."""
    edition, page_format = job.edition, job.format
    what = f"the '{edition.audience}' edition ({page_format.id})"
    limited = True

    def failed(code: str, message: str) -> JobResult:
        return JobResult(job, None, 0, problem=problem(edition.source, 1, 1, code, message),
                         time_limited=limited)

    try:
        with time_limit(job.seconds) as limited:
            rendered = typeset.typeset(edition, page_format)
        data = rendered.data
        if page_format.impose == "saddle-stitch":
            data = impose.impose_saddle_stitch(data, right_to_left=edition.direction == "rtl")
    except TimeLimitExceeded:
        return failed("E-time-limit", f"typesetting {what} took longer than {job.seconds:g} "
                                      "seconds and was stopped")
    except pdf.RenderError as error:
        return failed("E-render", f"cannot render {what}: {error}")
    except Exception as error:  # a bug of ours must not cost the other leaflets
        return failed("E-internal-error", f"internal error while building {what}: "
                                          f"{type(error).__name__}: {error} (please report this)")
    if (over := _over_budget(edition, page_format, rendered.pages)) is not None:
        return JobResult(job, None, rendered.pages, problem=over, time_limited=limited)
    return JobResult(job, data, rendered.pages, rendered.missing_characters, time_limited=limited,
                     runaway_text=rendered.runaway_text)


def warm_up() -> None:
    """Prepare a worker process: load once what every document needs (fonts, templates)."""
    _end_with_the_build()
    fonts.project_fonts()
    fonts.missing_characters('<link rel="stylesheet" href="styles/fonts.css"><p>x</p>')
    html.environment(LAYOUTS)


def _end_with_the_build() -> None:
    """Ask Linux to stop this worker when the build that started it dies (kill -9 too)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() == 1:  # the build died before the request took effect
            os._exit(1)


def _over_budget(edition: Edition, page_format: Format, pages: int) -> Problem | None:
    budget = dict(edition.page_budget).get(page_format.id)
    if budget is None or pages <= budget:
        return None
    where = edition.page_budget_position
    return problem(
        edition.source, where.line if where else 1, where.column if where else 1, "E-page-budget",
        f"the '{edition.audience}' edition of '{edition.leaflet_id}' in format "
        f"{page_format.id} has {pages} pages, over its page budget of {budget}")
