"""The same sources give byte-identical PDFs on any executor, whatever else runs beside them.

Nothing a job needs goes through the process environment or another global, so
leaflets of different dates typeset at the same time on a thread pool give the
same bytes as one after the other. The font subsetting is run both ways
WeasyPrint can do it: with HarfBuzz where the machine's HarfBuzz can subset, and
with fontTools, which reads SOURCE_DATE_EPOCH when it stamps a font.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import weasyprint.pdf.fonts
from conftest import VALID
from pypdf import PdfReader

from leaflets.build.options import Options, all_formats
from leaflets.build.pipeline import Outcome, build
from leaflets.build.progress import Progress

DATES = ("2008-10-26", "2015-06-30", "2024-03-01", "2026-11-23")


@pytest.fixture
def dated(sources):
    """Four leaflets, each with its own `updated` date."""
    for number, date in enumerate(DATES):
        sources.write(f"arm-{number}.yaml", VALID.replace("updated: 2024-03-01", f"updated: {date}")
                      .replace("Gebroken arm", f"Gebroken arm {number}"))
    return sources


def built(sources, output: Path, **options) -> dict[str, bytes]:
    outcome: Outcome = build(sources.root, output, Options(
        formats=all_formats()[:1], force=True, **options), Progress())
    assert outcome.ok, outcome.problems
    return {str(edition.path.relative_to(output)): edition.read() for edition in outcome.editions}


@pytest.mark.parametrize("subsetting", ["default", "fonttools"])
def test_a_thread_pool_gives_the_same_bytes_as_one_process_again_and_again(
        dated, tmp_path, monkeypatch, subsetting):
    if subsetting == "fonttools":
        monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    one = built(dated, tmp_path / "one", jobs=1)
    assert len(one) == 2 * len(DATES)
    for attempt in range(3):
        with ThreadPoolExecutor(max_workers=4) as executor:
            assert built(dated, tmp_path / f"threads-{attempt}", executor=executor) == one


def test_a_process_pool_gives_the_same_bytes_as_one_process(dated, tmp_path):
    assert built(dated, tmp_path / "pool", jobs=2) == built(dated, tmp_path / "one", jobs=1)


def test_each_pdf_carries_its_own_leaflets_date(dated, tmp_path):
    with ThreadPoolExecutor(max_workers=4) as executor:
        pdfs = built(dated, tmp_path / "threads", executor=executor)
    for number, date in enumerate(DATES):
        reader = PdfReader(tmp_path / "threads" / "adult" / f"arm-{number}.pdf")
        assert reader.metadata["/CreationDate"].startswith(f"D:{date.replace('-', '')}")
    assert len(pdfs) == 2 * len(DATES)


def test_a_time_limit_that_cannot_apply_off_the_main_thread_is_said_once(dated, tmp_path):
    with ThreadPoolExecutor(max_workers=2) as executor:
        outcome = build(dated.root, tmp_path / "out", Options(
            formats=all_formats()[:1], executor=executor, seconds=60), Progress())
    said = [str(w) for w in outcome.warnings if w.code == "W-time-limit-unenforced"]
    assert said == ["make_leaflets.py: warning: --time-limit cannot stop typesetting that runs "
                    "off a main thread (a thread pool, Dask); these editions were typeset "
                    "without a time limit [W-time-limit-unenforced]"]


def test_one_process_applies_the_time_limit_and_says_nothing(dated, tmp_path):
    outcome = build(dated.root, tmp_path / "out", Options(
        formats=all_formats()[:1], jobs=1, seconds=60), Progress())
    assert outcome.ok and not any(w.code == "W-time-limit-unenforced" for w in outcome.warnings)
