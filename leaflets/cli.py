"""The command line: `make_leaflets.py [build|check|lint] [options]`.

Exit status: 0 when everything built (and, for `check`, matched its snapshot);
1 when a source or the built-in data has a problem, a page text changed, or
(with --strict) an editorial check warns; 2 on a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from .build import pipeline, plan, progress
from .build.limits import DEFAULT_RENDER_SECONDS
from .build.options import Options
from .build.output import OutputBusy, locked
from .checks import snapshots
from .model import Format
from .problems import LeafletError, Problem
from .publish import report
from .source import builtin, catalogue

SNAPSHOTS = Path("tests") / "snapshots"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    options = parser.parse_args(argv)
    sources = Path(options.sources)
    if not (sources / "leaflets").is_dir():
        parser.error(f"'{sources}' has no leaflets/ folder; point --sources at a folder "
                     "that holds leaflets/<id>.yaml")
    _print(catalogue.stray_files(sources))
    if not catalogue.find_sources(sources):
        parser.error(f"no leaflet files (*.yaml) in '{sources / 'leaflets'}'")
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
        return _lint(sources, options.strict)
    formats = tuple(known[name] for name in known if name in chosen)
    return _run(parser, options, sources, formats)


def _run(parser: argparse.ArgumentParser, options: argparse.Namespace, sources: Path,
         formats: tuple[Format, ...]) -> int:
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
                executor=executor)
            if options.command == "check":
                return _check(sources, output, build_options, Path(options.snapshots),
                              options.update)
            return _build(sources, output, build_options)
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


def _format_help() -> str:
    try:
        return ",".join(builtin.data().formats)
    except LeafletError:  # reported after the arguments are parsed
        return "every format of formats.yaml"


def _parser() -> argparse.ArgumentParser:
    # The options are accepted before and after the command; the copies on the
    # commands default to SUPPRESS so they do not overwrite the ones before.
    formats = _format_help()

    def common(parser: argparse.ArgumentParser, default: Callable[[Any], Any]) -> None:
        parser.add_argument("--sources", metavar="DIR", default=default("sources"),
                            help="folder holding leaflets/<id>.yaml (default: sources)")
        parser.add_argument("--output", metavar="DIR", default=default("output"),
                            help="folder the PDFs are written to (default: output)")
        parser.add_argument("--format", metavar="LIST", default=default(None),
                            help=f"formats to build, comma-separated (default: all: {formats})")
        parser.add_argument("--time-limit", metavar="SECONDS", type=float,
                            default=default(DEFAULT_RENDER_SECONDS),
                            help="stop typesetting an edition after this long "
                                 f"(default: {DEFAULT_RENDER_SECONDS:g})")
        parser.add_argument("--strict", action="store_true", default=default(False),
                            help="treat editorial warnings (readability, spelling, review "
                                 "dates, completeness) as errors")
        parser.add_argument("--jobs", metavar="N", type=int, default=default(0),
                            help="worker processes (default: one per core; 1: no workers)")
        parser.add_argument("--force", action="store_true", default=default(False),
                            help="build every PDF, also those that are up to date")
        parser.add_argument("--executor", metavar="URL", default=default(None),
                            help="run the typesetting on a Dask cluster: dask://host:port "
                                 "(needs the 'dask' extra)")

    parser = argparse.ArgumentParser(
        prog="make_leaflets.py",
        description="Build patient leaflets from their YAML sources into PDFs per audience "
                    "and format: <output>/<audience>/<id>.pdf, .a5.pdf, .large.pdf, and "
                    "<output>/print/<audience>/<id>.a5-booklet.pdf, .a5-press.pdf, with a "
                    "report for editors in <output>/report/index.html.")
    common(parser, lambda value: value)
    parser.set_defaults(command="build", update=False, snapshots=str(SNAPSHOTS))
    commands = parser.add_subparsers(dest="command", metavar="command")
    build = commands.add_parser("build", help="build every leaflet (the default)")
    common(build, lambda value: argparse.SUPPRESS)
    check = commands.add_parser(
        "check", help="build, then compare the text of every page with tests/snapshots/")
    common(check, lambda value: argparse.SUPPRESS)
    check.add_argument("--update", action="store_true",
                       help="rewrite the snapshots after an intended change")
    check.add_argument("--snapshots", metavar="DIR", default=str(SNAPSHOTS),
                       help="folder of the page-text snapshots (default: tests/snapshots)")
    lint_command = commands.add_parser(
        "lint", help="check the texts (readability, spelling, review dates, completeness) "
                     "without building PDFs")
    common(lint_command, lambda value: argparse.SUPPRESS)
    return parser


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


def _build(sources: Path, output: Path, options: Options) -> int:
    outcome = pipeline.build(sources, output, options, progress.for_terminal(sys.stdout))
    _print([*sorted(outcome.warnings), *sorted(outcome.problems)])
    written = report.write(output, outcome)
    print(report.summary(outcome, outcome.seconds, written))
    if not outcome.ok:
        print(f"{len(outcome.problems)} problem(s); the leaflets named above were not built",
              file=sys.stderr)
        return 1
    return 0


def _lint(sources: Path, strict: bool) -> int:
    glossary, errors = plan.read_glossary(sources)
    problems, warnings, uses = list(errors), list[Problem](), list[tuple[str, frozenset[str]]]()
    for checked in plan.plan(sources, glossary, today=None):
        problems.extend(checked.errors)
        warnings.extend(checked.warnings)
        if checked.leaflet is not None:
            uses.append((checked.leaflet.language, checked.terms))
    warnings.extend(plan.glossary_warnings(glossary, sources, uses))
    findings = [warning.as_error() for warning in warnings] if strict else warnings
    _print([*sorted(findings), *sorted(problems)])
    print(f"checked {len(catalogue.find_sources(sources))} leaflet(s): {len(problems)} "
          f"error(s), {len(warnings)} {'error(s) under --strict' if strict else 'warning(s)'}")
    return 1 if problems or (strict and warnings) else 0


def _check(sources: Path, output: Path, options: Options, folder: Path, update: bool) -> int:
    outcome = pipeline.build(sources, output, options, progress.Progress())
    _print([*sorted(outcome.warnings), *sorted(outcome.problems)])
    changed = 0
    for edition in outcome.editions:
        path = snapshots.snapshot_path(folder, edition.audience, edition.leaflet_id,
                                       edition.format.id)
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
    if changed:
        print(f"{changed} edition(s) differ from their snapshot; if the change is intended, "
              "run 'make snapshots' and commit the new snapshots", file=sys.stderr)
    return 1 if changed or not outcome.ok else 0
