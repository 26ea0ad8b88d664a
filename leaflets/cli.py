"""The command line: `make_leaflets.py [build|check|lint] [options] [leaflet...]`, and `new <id>`.

Exit status: 0 when everything built (and, for `check`, matched its snapshot);
1 when a source or the built-in data has a problem, a page text changed, or
(with --strict) an editorial check warns; 2 on a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import threading
from collections.abc import Iterable
from concurrent.futures import Executor
from pathlib import Path

from . import arguments, control_commands
from .build import pipeline, plan, progress
from .build.options import Options
from .build.output import OutputBusy, locked
from .model import Format
from .problems import LeafletError, Problem, problem
from .publish import pictures, report, site, sitepages, summary
from .source import builtin, catalogue, starter
from .source.shared import read_shared


def main(argv: list[str] | None = None) -> int:
    parser = arguments.parser()
    options = parser.parse_args(argv)
    sources = Path(options.sources)
    if options.command == "new":
        return _new(parser, sources, options.id, options.language)
    if not (sources / "leaflets").is_dir():
        parser.error(f"'{sources}' has no leaflets/ folder; point --sources at a folder "
                     "that holds leaflets/<id>.yaml")
    _print(catalogue.stray_files(sources))
    if not catalogue.find_sources(sources):
        parser.error(f"no leaflet files (*.yaml) in '{sources / 'leaflets'}'")
    try:
        files = catalogue.select(sources, options.leaflets) if options.leaflets else None
    except ValueError as error:
        parser.error(str(error))
    if options.jobs < 0:
        parser.error("--jobs takes a number of worker processes, 1 or more (0: every core)")
    if options.executor is not None and not options.executor.startswith("dask://"):
        parser.error(f"--executor takes dask://host:port, not '{options.executor}'")
    try:
        known = builtin.data().formats
    except LeafletError as error:  # the project's own data: located, never a traceback
        _print(error.problems)
        print(f"{len(error.problems)} problem(s) in the built-in data; no leaflet was read",
              file=sys.stderr)
        return 1
    chosen = [name.strip() for name in (options.format or ",".join(known)).split(",")
              if name.strip()]
    unknown = [name for name in chosen if name not in known]
    if unknown or not chosen:
        parser.error(f"unknown format '{','.join(unknown)}'; choose from {','.join(known)}")
    if options.command == "lint":
        return _lint(sources, options.strict, files)
    formats = tuple(known[name] for name in known if name in chosen)
    if options.command in arguments.CONTROL_COMMANDS:
        assert files is not None  # the command names exactly one leaflet
        return control_commands.run(options, sources, files[0], formats)
    if options.command == "serve":
        return _serve(parser, options, sources, formats)
    return _run(parser, options, sources, formats, files)


def _run(parser: argparse.ArgumentParser, options: argparse.Namespace, sources: Path,
         formats: tuple[Format, ...], files: list[Path] | None) -> int:
    output = Path(options.output)
    try:
        with locked(output), contextlib.ExitStack() as cleanup:
            try:
                executor = _executor(options.executor, cleanup)
            except ValueError as error:
                parser.error(str(error))
            build_options = Options(
                formats=formats, seconds=options.time_limit, strict=options.strict,
                jobs=options.jobs, force=options.force or options.command == "check",
                executor=executor, pictures=options.command != "check" and not options.no_report)
            if options.command == "check":
                return _check(sources, output, build_options, files, Path(options.snapshots),
                              options.update)
            return _build(sources, output, build_options, files, options.verbose,
                          not options.no_report)
    except OutputBusy as busy:
        print(f"make_leaflets.py: {busy}", file=sys.stderr)
        return 1
    except OSError as error:  # the output folder itself: read-only, full, not a folder
        print(f"make_leaflets.py: cannot write to the output folder {output}: "
              f"{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: every PDF in the output folder is still a complete one",
              file=sys.stderr)
        return 130


def _new(parser: argparse.ArgumentParser, sources: Path, leaflet_id: str,
         language: str | None) -> int:
    if why := starter.usage_problem(leaflet_id, language):
        parser.error(why)
    if not sources.is_dir():
        parser.error(f"'{sources}' is not a folder; point --sources at the folder that holds "
                     "leaflets/")
    language = language or starter.usual_language(sources)
    path = catalogue.display(sources / catalogue.LEAFLETS / f"{leaflet_id}{catalogue.SUFFIX}")
    try:
        made = starter.write(sources, leaflet_id, language, dt.date.today())
    except FileExistsError:
        _print([problem(path, 0, 0, "E-leaflet-exists", "this leaflet exists already; edit "
                        "that file, or choose another id for the new leaflet")])
        return 1
    except OSError as error:
        print(f"make_leaflets.py: cannot write {path}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    print(f"wrote {path}: a new leaflet in '{language}' for every audience, with example "
          f"texts to replace; see it with: ./make_leaflets.py build {leaflet_id}")
    if not made.translated:
        print(f"its texts are English: there is no starter text in '{language}' yet")
    return 0


def _print(problems: Iterable[Problem]) -> None:
    for found in problems:
        print(found, file=sys.stderr)


def _executor(url: str | None, cleanup: contextlib.ExitStack) -> Executor | None:
    """The executor named on the command line (None: the build's own process pool)."""
    if url is None:
        return None
    try:
        from distributed import Client
    except ImportError:
        raise ValueError("--executor dask://... needs Dask: pip install -e '.[dask]'") from None
    try:
        client = cleanup.enter_context(Client(  # type: ignore[no-untyped-call]
            f"tcp://{url.removeprefix('dask://')}", timeout=10))
    except OSError as error:
        raise ValueError(f"cannot reach the Dask scheduler at {url}: {error}") from None
    executor: Executor = client.get_executor()
    return executor


def _serve(parser: argparse.ArgumentParser, options: argparse.Namespace, sources: Path,
           formats: tuple[Format, ...]) -> int:
    if not 0 <= options.port <= 65535:
        parser.error(f"--port takes a port number, 0 to 65535, not {options.port}")
    output = Path(options.output)
    # The PDFs are built off the main thread, where only worker processes can
    # stop typesetting that runs too long.
    build_options = Options(formats=formats, strict=options.strict, jobs=options.jobs,
                            seconds=options.time_limit if options.jobs != 1 else None)

    def build(files: list[Path] | None, writing: threading.Lock) -> int:
        try:
            with locked(output):
                return _build(sources, output, build_options, files, writing=writing)
        except OutputBusy as busy:
            print(f"make_leaflets.py: {busy}", file=sys.stderr)
            return 1

    from .publish import preview  # only here: the other commands start without a server
    watcher = preview.Preview(sources, output, build,
                              say=lambda line: print(line, file=sys.stderr, flush=True))
    try:
        preview.serve(watcher, options.port, lambda url: print(
            f"serving {output / site.FOLDER} at {url} (Ctrl+C stops)", flush=True))
    except OSError as error:
        print(f"make_leaflets.py: cannot serve on port {options.port}: "
              f"{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0


def _build(sources: Path, output: Path, options: Options, files: list[Path] | None,
           verbose: bool = False, with_report: bool = True,
           writing: threading.Lock | None = None) -> int:
    drawn = pictures.Keeper(output / report.REPORT_FOLDER, draws=with_report)
    outcome = pipeline.build(sources, output, options, progress.for_terminal(sys.stdout), files,
                             keep=drawn.keep, meanwhile=lambda: _prepare(with_report))
    with writing or contextlib.nullcontext():
        published = site.publish(output, outcome, [catalogue.display(path) for path in
                                                   catalogue.find_sources(sources)],
                                 plan.resolver(sources, outcome.site_url), sources / "images")
    outcome.problems.extend(published.problems)
    warnings = outcome.warnings if verbose else outcome.new_warnings
    _print([*sorted(warnings), *sorted(outcome.problems)])
    written = report.write(output, outcome, drawn) if with_report else None
    if drawn.removed:
        report.outdated(output)
    print(summary.summary(outcome, outcome.seconds, written, verbose))
    if published.written or outcome.changed or outcome.built:  # a no-op says one line
        print(site.summary(published, outcome.site_url))
    if not outcome.ok:
        print(f"{len(outcome.problems)} problem(s); the leaflets named above were not built",
              file=sys.stderr)
        return 1
    return 0


def _prepare(with_report: bool) -> None:
    """The site's and the report's templates, compiled while the workers typeset."""
    sitepages.prepare()
    if with_report:
        report.prepare()


def _lint(sources: Path, strict: bool, files: list[Path] | None) -> int:
    glossary, errors = plan.read_glossary(sources)
    errors += plan.wordlist_problems(sources)
    shared, shared_errors = read_shared(sources)
    problems, warnings, uses = [*errors, *shared_errors], list[Problem](), list[
        tuple[str, frozenset[str]]]()
    for checked in plan.plan(sources, glossary, today=None, files=files, shared=shared):
        problems.extend(checked.errors)
        warnings.extend(checked.warnings)
        if checked.leaflet is not None:
            uses.append((checked.leaflet.language, checked.terms))
    warnings.extend(plan.glossary_warnings(glossary, sources, uses, every_leaflet=files is None))
    findings = [warning.as_error() for warning in warnings] if strict else warnings
    _print([*sorted(findings), *sorted(problems)])
    print(f"checked {len(files or catalogue.find_sources(sources))} leaflet(s): {len(problems)} "
          f"error(s), {len(warnings)} {'error(s) under --strict' if strict else 'warning(s)'}")
    return 1 if problems or (strict and warnings) else 0


def _check(sources: Path, output: Path, options: Options, files: list[Path] | None,
           folder: Path, update: bool) -> int:
    from .checks import snapshots  # only here: a build starts without pypdf
    from .publish import history

    outcome = pipeline.build(sources, output, options, progress.Progress(), files)
    _print([*sorted(outcome.warnings), *sorted(outcome.problems)])
    changed = 0
    for edition in outcome.editions:
        path = snapshots.snapshot_path(folder, edition.audience, edition.leaflet_id,
                                       edition.format.id, edition.publisher)
        actual = snapshots.page_texts(edition.read())
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(snapshots.format_snapshot(actual), encoding="utf-8")
            print(f"updated {path}")
            continue
        if not path.exists():
            print(f"{path}: no snapshot yet; run 'make snapshots' to record it", file=sys.stderr)
            changed += 1
            continue
        expected = snapshots.parse_snapshot(path.read_text(encoding="utf-8"))
        diff = snapshots.differences(expected, actual, str(path))
        if diff:
            print("\n".join(diff))
            changed += 1
        else:
            print(f"unchanged {path}")
    changed += _withdrawn_snapshots(sources, outcome, files, folder, update)
    damaged = [found for name in sorted({e.leaflet_id for e in outcome.editions})
               for found in history.damage(sources, name)]
    _print(damaged)
    if changed:
        print(f"{changed} edition(s) differ from their snapshot; if the change is intended, "
              "run 'make snapshots' and commit the new snapshots", file=sys.stderr)
    return 1 if changed or damaged or not outcome.ok else 0


def _withdrawn_snapshots(sources: Path, outcome: pipeline.Outcome, files: list[Path] | None,
                         folder: Path, update: bool) -> int:
    """Report (or, updating, remove) the snapshots no edition makes any more; how many."""
    from .checks import snapshots  # only here: a build starts without pypdf

    failed = {found.path for found in outcome.problems}
    made = {snapshots.snapshot_path(folder, edition.audience, edition.leaflet_id,
                                    edition.format.id) for edition in outcome.editions}
    gone = snapshots.withdrawn(
        folder, made, {e.leaflet_id for e in outcome.editions if e.source not in failed},
        None if files is not None else {path.stem for path in catalogue.find_sources(sources)},
        {page_format.id for page_format in outcome.formats}, set(builtin.data().formats))
    for path in gone:
        if update:
            path.unlink()
            print(f"removed {path}: no edition makes it any more")
        else:
            print(f"{path}: no edition makes this snapshot any more (its leaflet, audience or "
                  "format is gone); run 'make snapshots' to remove it", file=sys.stderr)
    return 0 if update else len(gone)
