"""Fast at catalogue scale: incremental and parallel builds, progress, other executors."""

from __future__ import annotations

import io
import re
from importlib import metadata

import pytest
from conftest import VALID

from leaflets.build import manifest, progress
from leaflets.build import pipeline as build
from leaflets.build.options import Options, all_formats
from leaflets.checks import dictionaries

OTHER = VALID.replace("Gebroken arm", "Gebroken been").replace("Armfractuur", "Beenfractuur")


def modified_times(sources) -> dict[str, int]:
    return {str(p.relative_to(sources.output)): p.stat().st_mtime_ns
            for p in sources.output.rglob("*.pdf")}


@pytest.fixture
def catalogue(sources, run):
    sources.write("arm.yaml", VALID)
    sources.write("been.yaml", OTHER)
    assert run().status == 0
    return modified_times(sources)


def test_an_unchanged_second_build_builds_nothing_and_says_so(sources, run, catalogue):
    result = run()
    assert result.status == 0
    assert "wrote" not in result.out
    assert result.out.startswith("nothing to build: all 4 PDF(s) are up to date (2 leaflet(s));")
    assert modified_times(sources) == catalogue


def test_an_unchanged_second_build_rewrites_neither_the_report_nor_the_manifest(
        sources, run, catalogue):
    written = {path: path.stat().st_mtime_ns for path in sources.output.rglob("*")
               if path.is_file() and path.suffix != ".lock"}
    assert sources.output / "report" / "index.html" in written
    assert sources.output / manifest.FILE in written
    assert run().status == 0
    assert {path: path.stat().st_mtime_ns for path in written} == written


def test_an_unchanged_build_says_one_line_and_the_kept_warnings_only_when_asked(
        sources, run, catalogue):
    first = run("--force").warning_lines
    assert first
    quiet = run()
    assert quiet.warning_lines == [] and quiet.err == ""
    assert quiet.out.count("\n") == 1
    assert re.fullmatch(
        r"nothing to build: all 4 PDF\(s\) are up to date \(2 leaflet\(s\)\); [\d.]+ s; "
        rf"0 problem\(s\), {len(first)} warning\(s\) \({len(first)} said before: --verbose or "
        r"the report lists them\); report: \S+index.html\n", quiet.out)
    assert run("--verbose").warning_lines == first


def test_a_changed_leaflet_says_its_own_warnings_and_counts_the_others(sources, run, catalogue):
    everything = run("--force").warning_lines
    sources.write("been.yaml", OTHER.replace("zes weken", "acht weken"))
    result = run()
    assert result.warning_lines and all("been.yaml" in line for line in result.warning_lines)
    assert len(result.warning_lines) < len(everything)
    assert "said before: --verbose or the report lists them" in result.out


def test_only_the_changed_leaflet_is_built_again(sources, run, catalogue):
    sources.write("been.yaml", OTHER.replace("zes weken", "acht weken"))
    result = run()
    assert result.status == 0
    assert result.out.startswith("wrote")
    assert "built 2 PDF(s), 2 up to date, 0 leaflet(s) failed" in result.out
    now = modified_times(sources)
    assert all(now[name] == catalogue[name] for name in now if "arm.pdf" in name)
    assert all(now[name] != catalogue[name] for name in now if "been.pdf" in name)


def test_a_deleted_pdf_is_built_again_with_its_leaflet_only(sources, run, catalogue):
    sources.pdf("adult", "arm").unlink()
    result = run()
    assert result.status == 0, result.err
    assert sources.pdf("adult", "arm").exists()
    assert "built 2 PDF(s), 2 up to date, 0 leaflet(s) failed" in result.out
    now = modified_times(sources)
    assert all(now[name] == catalogue[name] for name in now if "been.pdf" in name)


def test_a_change_to_a_shared_source_builds_everything_again(sources, run, catalogue):
    (sources.root / "wordlist.txt").write_text("fractuur\n", encoding="utf-8")
    assert "built 4 PDF(s), 0 up to date" in run().out


def test_another_version_of_the_dictionaries_builds_everything_again(sources, run, catalogue,
                                                                     monkeypatch, request):
    # Spelling findings are kept with the PDFs; other dictionaries must check the texts anew.
    request.addfinalizer(manifest._environment.cache_clear)
    manifest._environment.cache_clear()
    assert "nothing to build" in run().out
    installed = metadata.version
    monkeypatch.setattr(metadata, "version", lambda package: "9999" if package ==
                        dictionaries.DICTIONARY_PACKAGE else installed(package))
    manifest._environment.cache_clear()
    assert "built 4 PDF(s), 0 up to date" in run().out


def test_force_builds_everything_again(sources, run, catalogue):
    assert "built 4 PDF(s), 0 up to date" in run("--force").out


def test_a_broken_edit_keeps_the_pdfs_and_the_repaired_one_builds(sources, run, catalogue):
    path = sources.write("been.yaml", OTHER.replace("updated: 2024-03-01", "updated: gisteren"))
    assert run().status == 1
    assert modified_times(sources) == catalogue
    path.write_text(OTHER.replace("updated: 2024-03-01", "updated: 2024-03-02"), encoding="utf-8")
    result = run()
    assert result.status == 0 and "built 2 PDF(s), 2 up to date" in result.out


def test_reverting_a_broken_edit_needs_no_build(sources, run, catalogue):
    path = sources.write("been.yaml", OTHER.replace("updated: 2024-03-01", "updated: gisteren"))
    assert run().status == 1
    path.write_text(OTHER, encoding="utf-8")
    assert run().out.startswith("nothing to build")


def test_parallel_and_sequential_builds_give_the_same_bytes(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    sources.write("been.yaml", OTHER)
    assert run("--jobs", "1", "--output", str(tmp_path / "one")).status == 0
    assert run("--jobs", "2", "--output", str(tmp_path / "two")).status == 0
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.pdf")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.pdf")}
    assert one and one == two


def test_a_negative_number_of_jobs_is_a_usage_error(sources, run):
    sources.write("arm.yaml", VALID)
    assert run("--jobs", "-1").status == 2


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_and_a_log_gets_lines():
    assert isinstance(progress.for_terminal(Terminal()), progress.Bar)
    assert isinstance(progress.for_terminal(io.StringIO()), progress.LogLines)


def test_the_progress_bar_names_the_edition_being_built(sources):
    sources.write("arm.yaml", VALID)
    screen = Terminal()
    outcome = build.build(sources.root, sources.output,
                          Options(formats=all_formats()[:1], jobs=1),
                          progress.Bar(screen))
    assert outcome.built == 2
    assert "2/2" in screen.getvalue() and "arm (" in screen.getvalue()


def test_any_concurrent_futures_executor_can_run_the_jobs(sources, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    sources.write("arm.yaml", VALID)
    formats = all_formats()[:1]
    with ThreadPoolExecutor(max_workers=2) as executor:
        threaded = build.build(sources.root, tmp_path / "threads",
                               Options(formats=formats, executor=executor), progress.Progress())
    local = build.build(sources.root, tmp_path / "local", Options(formats=formats, jobs=1),
                        progress.Progress())
    assert threaded.built == local.built == 2
    for edition in local.editions:
        assert edition.read() == (tmp_path / "threads" / edition.path.relative_to(
            tmp_path / "local")).read_bytes()


def test_a_dask_cluster_can_run_the_jobs(sources, run, tmp_path):
    distributed = pytest.importorskip("distributed")
    sources.write("arm.yaml", VALID)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        result = run("--executor", f"dask://{address}", "--output", str(tmp_path / "dask"))
    assert result.status == 0, result.err
    # Dask runs jobs on worker threads, where no timer can stop them: said once.
    assert result.err.count("[W-time-limit-unenforced]") == 1
    assert run("--jobs", "1", "--output", str(tmp_path / "local")).status == 0
    for pdf in (tmp_path / "local").rglob("*.pdf"):
        assert pdf.read_bytes() == (tmp_path / "dask" / pdf.relative_to(tmp_path / "local")).read_bytes()


def test_an_unknown_executor_is_a_usage_error(sources, run):
    sources.write("arm.yaml", VALID)
    result = run("--executor", "ray://somewhere")
    assert result.status == 2
    assert "--executor takes dask://host:port" in result.err


def test_a_build_without_the_report_leaves_none_stale(sources, run, catalogue):
    report = sources.output / "report"
    pictures = sorted(report.glob("pages/**/*.png"))
    assert pictures
    result = run("--no-report", "--force")
    assert result.status == 0 and "report:" not in result.out
    assert not any(path.exists() for path in pictures), "pictures of replaced PDFs are gone"
    again = run()
    assert again.status == 0 and "nothing to build" in again.out
    page = (report / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<img src="(pages/[^"]+\.png)"', page)
    assert shown and all((report / src).is_file() for src in shown)


def _build_in_a_fresh_python(sources) -> list[int]:
    """A build in a new interpreter: its status, and how many dictionaries it read."""
    import json
    import subprocess
    import sys
    import textwrap

    from conftest import ROOT

    code = textwrap.dedent(f"""
        import contextlib, io, json
        from leaflets.cli import main
        from leaflets.checks import dictionaries
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status = main(["--sources", "{sources.root}", "--output", "{sources.output}",
                           "--format", "a4"])
        print(json.dumps([status, dictionaries._open.cache_info().currsize]))
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_a_leaflet_changed_in_words_the_last_build_spelled_reads_no_dictionary(sources, run):
    arm = sources.write("arm.yaml", VALID)
    assert run().status == 0
    arm.write_text(VALID.replace("Het gips blijft", "Het gips blijft echt"), encoding="utf-8")
    assert _build_in_a_fresh_python(sources) == [0, 1]  # "echt" is new: read once
    arm.write_text(VALID.replace("Het gips blijft", "Het gips blijft echt, echt"),
                   encoding="utf-8")
    assert _build_in_a_fresh_python(sources) == [0, 0]


def test_a_misspelling_is_found_with_the_last_builds_verdicts_kept(sources, run):
    arm = sources.write("arm.yaml", VALID)
    assert run().status == 0
    arm.write_text(VALID.replace("Houd het droog.", "Houd het drooog."), encoding="utf-8")
    result = run()
    assert "'drooog' is not in the dictionary" in result.err


def test_verdicts_kept_by_other_dictionary_versions_are_not_taken(sources, run):
    import json

    arm = sources.write("arm.yaml", VALID)
    assert run().status == 0
    path = sources.output / manifest.FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["spelling"] = {"versions": "an older dictionary", "verdicts": {
        dictionaries.dictionary_path("nl").name: {"drooog": True}}}
    path.write_text(json.dumps(data), encoding="utf-8")
    arm.write_text(VALID.replace("Houd het droog.", "Houd het drooog."), encoding="utf-8")
    assert "'drooog' is not in the dictionary" in run().err
