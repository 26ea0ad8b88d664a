"""The build's workers do the typesetting and everything after it; they start warm.

The build's own process reads and checks the sources and writes what the
workers send back: it never loads WeasyPrint, and never draws a page. Each of
these runs in a fresh Python, since the tests' own process has WeasyPrint loaded.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

from conftest import ROOT, VALID


def fresh_python(code: str) -> object:
    """What `code` prints (as JSON) on its last line, run in a new interpreter."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_build_process_neither_loads_weasyprint_nor_draws_a_page(sources):
    sources.write("arm.yaml", VALID)
    loaded = fresh_python(f"""
        import contextlib, io, json, sys
        from leaflets.cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status = main(["--sources", "{sources.root}", "--output", "{sources.output}",
                           "--format", "a4,booklet,press", "--jobs", "2"])
        print(json.dumps([status, sorted(name for name in ("weasyprint", "pypdfium2", "cairocffi")
                                         if name in sys.modules)]))
    """)
    assert loaded == [0, []]
    report = sources.output / "report"
    page = (report / "index.html").read_text(encoding="utf-8")
    thumbnails = re.findall(r'<img src="(pages/[^"]+\.png)"', page)
    assert thumbnails and all((report / src).is_file() for src in thumbnails)
    views = (report / "arm.adult.html").read_text(encoding="utf-8")
    assert "pages/booklet/adult-arm-1.png" in views and "pages/press/adult-arm-1.png" in views
    assert (report / "pages" / "booklet" / "adult-arm-2.png").is_file()


def test_workers_are_forked_from_a_server_that_has_loaded_the_renderer():
    # No initializer and no job of ours has run in the worker: only the preload.
    assert fresh_python("""
        import json
        from concurrent.futures import ProcessPoolExecutor
        from leaflets.build.warm import context
        with ProcessPoolExecutor(1, mp_context=context()) as pool:
            found = pool.submit(eval, "sorted(m for m in __import__('sys').modules "
                                      "if m in ('weasyprint', 'pypdfium2', 'pyphen'))").result()
        print(json.dumps(found))
    """) == ["pypdfium2", "pyphen", "weasyprint"]


def test_loading_the_renderer_searches_the_machine_for_no_library():
    searched = fresh_python("""
        import ctypes.util, json
        searches = []
        search = ctypes.util.find_library
        ctypes.util.find_library = lambda name: searches.append(name) or search(name)
        from leaflets.render import pdf
        ctypes.util.find_library = search
        print(json.dumps(searches))
    """)
    assert searched == []


def _will_typeset(sources, *argv: str) -> bool:
    from leaflets import arguments
    from leaflets.build import warm

    return warm.will_typeset(arguments.parser().parse_args(
        [*argv, "--sources", str(sources.root), "--output", str(sources.output)]))


def test_the_workers_server_starts_at_once_for_a_build_with_no_record_yet(sources):
    sources.write("arm.yaml", VALID)
    assert _will_typeset(sources) and _will_typeset(sources, "build", "arm")


def test_the_workers_server_waits_when_no_source_changed_since_the_last_build(sources, run):
    sources.write("arm.yaml", VALID)
    assert run().status == 0
    assert not _will_typeset(sources)
    assert _will_typeset(sources, "--force") and _will_typeset(sources, "check")


def test_the_workers_server_starts_at_once_when_a_source_changed_since(sources, run):
    arm = sources.write("arm.yaml", VALID)
    assert run().status == 0
    made = (sources.output / ".build-manifest.json").stat().st_mtime
    arm.write_text(VALID.replace("zes weken", "vijf weken"), encoding="utf-8")
    os.utime(arm, (made + 5, made + 5))
    assert _will_typeset(sources)


def test_commands_that_typeset_in_no_worker_of_their_own_start_no_server(sources):
    sources.write("arm.yaml", VALID)
    assert not any(_will_typeset(sources, *argv) for argv in (
        ["lint"], ["--jobs", "1"], ["--executor", "dask://localhost:8786"],
        ["history", "arm"]))


def _stylesheets_a_worker_starts_with(formats: str | None) -> int:
    variable = "" if formats is None else f"os.environ['LEAFLETS_BUILD_FORMATS'] = '{formats}'"
    return fresh_python(f"""
        import json, os
        {variable}
        from concurrent.futures import ProcessPoolExecutor
        from leaflets.build.warm import context
        with ProcessPoolExecutor(1, mp_context=context()) as pool:
            print(json.dumps(pool.submit(eval, "len(__import__('leaflets.render.stylesheets')"
                                               ".render.stylesheets._PARSED.sheets)").result()))
    """)


def _layers(formats: list[str]) -> int:
    from leaflets.render import html
    from leaflets.source import builtin

    known = builtin.data()
    return len({name for profile in known.profiles.values() for page_format in
                known.formats.values() if page_format.id in formats
                for name in html.layers(profile, page_format)})


def test_workers_start_with_the_stylesheets_of_the_builds_formats_parsed():
    """The workers' server parses them before it forks: no worker parses them again."""
    from leaflets.source import builtin

    assert _stylesheets_a_worker_starts_with("a4,booklet") == _layers(["a4", "booklet"])
    assert _stylesheets_a_worker_starts_with(None) == _layers(list(builtin.data().formats))


def test_bytecode_written_after_the_last_build_starts_no_server(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    assert run().status == 0
    made = (sources.output / ".build-manifest.json").stat().st_mtime
    cache = sources.root / "leaflets" / "__pycache__"
    cache.mkdir()
    os.utime(sources.root / "leaflets", (made + 5, made + 5))  # a folder, changed by that
    assert not _will_typeset(sources)
