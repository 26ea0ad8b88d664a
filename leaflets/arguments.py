"""The command line's words: every command and option of `make_leaflets.py`, and nothing else.

Parsing needs none of the pipeline: `make_leaflets.py` reads its command line
before it loads the rest, so that the workers' server can start at once when
the command will typeset (build/warm.py). The format names in the help are
read from formats.yaml only when the help is shown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Never

from .build.limits import DEFAULT_RENDER_SECONDS

SNAPSHOTS = Path("tests") / "snapshots"
#: The document-control commands (control_commands.py); each takes one leaflet.
CONTROL_COMMANDS = ("release", "history", "diff", "withdraw")


class Parser(argparse.ArgumentParser):
    """A usage mistake is one line, and exit status 2 (`--help` shows the usage)."""

    def error(self, message: str) -> Never:
        self.exit(2, f"{self.prog}: error: {message}\n")


class _FormatsHelp(str):
    """The help of --format, which names the formats: looked up when it is shown."""

    def __mod__(self, values: Any) -> str:
        from .problems import LeafletError
        from .source import builtin

        try:
            names = ",".join(builtin.data().formats)
        except LeafletError:  # reported after the arguments are parsed
            names = "every format of formats.yaml"
        return str.__mod__(self.replace("{formats}", names), values)


@cache
def parser() -> Parser:
    """The command line's parser (made once: make_leaflets.py reads the line before the
    rest loads, and the command reads it again)."""
    # The options are accepted before and after the command; the copies on the
    # commands default to SUPPRESS so they do not overwrite the ones before.
    line = Parser(
        prog="make_leaflets.py",
        description="Build patient leaflets from their YAML sources into PDFs per audience "
                    "and format: <output>/<audience>/<id>.pdf, .a5.pdf, .large.pdf, and "
                    "<output>/print/<audience>/<id>.a5-booklet.pdf, .a5-press.pdf, with a "
                    "report for editors in <output>/report/index.html and the leaflet site "
                    "for patients in <output>/site/index.html.")
    _common(line, lambda value: value)
    line.set_defaults(command="build", update=False, snapshots=str(SNAPSHOTS), leaflets=[])
    commands = line.add_subparsers(dest="command", metavar="command")
    for name, verb, about in (
            ("build", "build", "build every leaflet (the default), or those named"),
            ("check", "build and compare",
             "build, then compare the text of every page with tests/snapshots/"),
            ("lint", "check", "check the texts (readability, spelling, review dates, "
                              "completeness) without building PDFs")):
        command = commands.add_parser(name, help=about)
        _common(command, lambda value: argparse.SUPPRESS)
        command.add_argument("leaflets", nargs="*", metavar="LEAFLET",
                             help=f"the leaflets to {verb}, by id (knie) or file "
                                  "(sources/leaflets/knie.yaml); default: every leaflet")
        if name == "check":
            command.add_argument("--update", action="store_true",
                                 help="rewrite the snapshots after an intended change")
            command.add_argument("--snapshots", metavar="DIR", default=str(SNAPSHOTS),
                                 help="folder of the page-text snapshots (default: "
                                      "tests/snapshots)")
    _control_commands(commands)
    serve = commands.add_parser(
        "serve", help="serve the leaflet site on this computer and rebuild it on every save")
    _common(serve, lambda value: argparse.SUPPRESS)
    serve.add_argument("--port", type=int, default=8000,
                       help="the port on localhost (default: 8000; 0: any free port)")
    _new_command(commands.add_parser(
        "new", help="write a starter leaflet, sources/leaflets/<id>.yaml, to fill in"))
    return line


def _common(parser: argparse.ArgumentParser, default: Callable[[Any], Any]) -> None:
    """The options every building command takes, before or after its name."""
    parser.add_argument("--sources", metavar="DIR", default=default("sources"),
                        help="folder holding leaflets/<id>.yaml (default: sources)")
    parser.add_argument("--output", metavar="DIR", default=default("output"),
                        help="folder the PDFs are written to (default: output)")
    parser.add_argument("--format", metavar="LIST", default=default(None), help=_FormatsHelp(
        "formats to build, comma-separated (default: all: {formats})"))
    parser.add_argument("--time-limit", metavar="SECONDS", type=_seconds,
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
    parser.add_argument("--verbose", action="store_true", default=default(False),
                        help="also print the warnings of leaflets that did not change (an "
                             "earlier build said them; the report always lists them)")
    parser.add_argument("--no-report", action="store_true", default=default(False),
                        help="build the PDFs only, without the editors' report and its "
                             "pictures of the pages (the next build with it draws them)")
    parser.add_argument("--executor", metavar="URL", default=default(None),
                        help="run the typesetting on a Dask cluster: dask://host:port "
                             "(needs the 'dask' extra)")


def _seconds(text: str) -> float:
    """A --time-limit: a finite number of seconds, 0 or more (0: no limit)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of seconds; give one such as 120 (0: no limit)")
    return seconds


def _control_commands(commands: Any) -> None:
    """release, history, diff and withdraw, on the command line's subparsers."""
    made = commands.add_parser("release", help="make the current text the leaflet's next "
                               "edition: record it in its history and archive its PDFs")
    made.add_argument("--note", required=True, help="what changed, in a sentence")
    made.add_argument("--approved-by", metavar="WHO", default=None,
                      help="who approved it (default: the leaflet's 'approver')")
    made.add_argument("--snapshots", metavar="DIR", default="tests/snapshots",
                      help="folder of the reviewed page texts (default: tests/snapshots)")
    shown = commands.add_parser("history", help="list a leaflet's editions, check its archive, "
                                "and say which edition was current on a date")
    shown.add_argument("--on", metavar="DATE", type=_date, default=None,
                       help="the date (YYYY-MM-DD) to say the current edition of")
    compared = commands.add_parser("diff", help="write a page for reviewers: what changed "
                                   "since the last released edition, in words and on the pages")
    compared.add_argument("--against", metavar="N", type=int, default=None,
                          help="the edition to compare with (default: the last released one)")
    gone = commands.add_parser("withdraw", help="mark a leaflet withdrawn: its archive stays, "
                               "and it is no longer released")
    gone.add_argument("--note", required=True, help="why it was withdrawn, in a sentence")
    for command in (made, shown, compared, gone):
        _common(command, lambda value: argparse.SUPPRESS)
        command.add_argument("leaflets", nargs=1, metavar="LEAFLET",
                             help="the leaflet, by id (knie) or file (sources/leaflets/knie.yaml)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _new_command(new: argparse.ArgumentParser) -> None:
    new.add_argument("id", help="the new leaflet's id: lower-case letters, digits and hyphens "
                                "(knie-operatie); also the name of its file and its PDFs")
    new.add_argument("--language", metavar="TAG", default=None,
                     help="the language of the leaflet (nl, en, nl-BE, ...; default: the "
                          "language most leaflets in the sources folder are in, else nl)")
    new.add_argument("--sources", metavar="DIR", default=argparse.SUPPRESS,
                     help="folder holding leaflets/ (default: sources)")
