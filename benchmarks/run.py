"""`make bench`: the whole command against WeasyPrint alone, like with like, in interleaved pairs.

Every comparison is between two whole commands, each started fresh and timed
from start to end, run as A/B pairs whose order alternates (AB, BA, ...), so a
change in the machine's load falls on both. CPU time is that of every process
a command starts (its workers too: this script reaps them); wall time is what
an editor waits. Each figure is the median of the pairs with its range, and the
machine's load (1-minute load average) is recorded at every run.

- A, the pipeline: `make_leaflets.py build --force` of a catalogue of varied
  leaflets (benchmarks/catalogue.py) in every format: reading, checking,
  typesetting, the PDFs, the report with its pictures.
- B, WeasyPrint alone: a script that starts as many processes as the build has
  workers, each importing WeasyPrint once and writing its share of the same
  HTML documents the pipeline typesets, every format typeset separately.

Then: the parallel speed-up (one process against a worker per core), a
rebuild after one leaflet among many changed against WeasyPrint alone on that
leaflet's documents in one fresh process, a rebuild with nothing changed, the
report's own cost, and the peak memory of the build's processes.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
_PR_SET_CHILD_SUBREAPER = 36  # from <sys/prctl.h>


@dataclass
class Run:
    wall: float
    cpu: float
    load: float  # the 1-minute load average when it started


@dataclass
class Figure:
    name: str
    runs: list[Run] = field(default_factory=list)


def measure(command: list[str]) -> Run:
    """Run a whole command; its wall time and the CPU time of every process it started."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    _reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0,):
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Run(wall, cpu, load)


def _reap() -> None:
    """Wait for the processes a command left to end on their own (its worker server)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def build(sources: Path, output: Path, *options: str) -> list[str]:
    return [sys.executable, str(ROOT / "make_leaflets.py"), "build", "--sources", str(sources),
            "--output", str(output), *options]


def alone(listing: Path, processes: int) -> list[str]:
    return [sys.executable, str(Path(__file__)), "--alone", str(listing), "--processes",
            str(processes)]


# -- WeasyPrint alone ---------------------------------------------------------------------


def documents(sources: Path, folder: Path, names: list[str] | None = None,
              formats: list[str] | None = None) -> Path:
    """The HTML the pipeline typesets for every edition and format, written out, and a listing.

    Every format is its own document here (the booklet too): WeasyPrint run by hand.
    """
    sys.path.insert(0, str(ROOT))
    from leaflets import resolve
    from leaflets.build.options import all_formats
    from leaflets.render import fonts, html, typeset
    from leaflets.source.catalogue import find_sources
    from leaflets.source.leaflet import load_file

    folder.mkdir(parents=True, exist_ok=True)
    listed = []
    for source in find_sources(sources):
        if names is not None and source.stem not in names:
            continue
        leaflet = load_file(source).leaflet
        for audience in leaflet.audience_ids:
            edition = resolve.resolve(leaflet, audience)
            for page_format in all_formats():
                if formats is not None and page_format.id not in formats:
                    continue
                path = folder / f"{len(listed):05}.html"
                # The HTML of the pages as printed: the contents list and notes
                # pages typesetting chose, so WeasyPrint alone lays it out once.
                chosen = typeset.typeset(edition, page_format)
                path.write_text(html.render(edition, page_format, contents=chosen.contents,
                                            notes=chosen.notes), encoding="utf-8")
                listed.append({"html": str(path), "images": edition.images,
                               "stylesheets": html.stylesheets(edition, page_format),
                               "accessible": page_format.accessible,
                               "output": str(path.with_suffix(".pdf"))})
    listing = folder / "documents.json"
    listing.write_text(json.dumps({
        "styles": str(ROOT / "styles"),
        "fonts": {name: str(path) for name, path in fonts.project_fonts().items()},
        "documents": listed}), encoding="utf-8")
    return listing


_LISTING: dict[str, object] = {}


def _write_one(document: dict[str, object]) -> None:
    """In a WeasyPrint-alone process: one document to a PDF file."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):  # type: ignore[misc]
        """The same three folders the pipeline serves, from the same files."""

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            folder, _, name = url.split("leaflet.invalid/", 1)[1].partition("/")
            if folder == "fonts":
                path = Path(str(_LISTING["fonts"][name]))  # type: ignore[index]
            elif folder == "styles":
                path = Path(str(_LISTING["styles"])) / name
            else:
                path = Path(str(document["images"])) / name
            kind = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(
                path.suffix, "font/ttf")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    html = Path(str(document["html"])).read_text(encoding="utf-8")
    options = {"pdf_variant": "pdf/a-2a"} if document["accessible"] else {}
    fetcher, fonts = Fetcher(), FontConfiguration()
    # The stylesheets the pipeline applies, parsed for this document, as WeasyPrint's
    # documentation does it for stylesheets with @font-face rules.
    stylesheets = [CSS(url=f"https://leaflet.invalid/styles/{name}", url_fetcher=fetcher,
                       font_config=fonts)
                   for name in document["stylesheets"]]  # type: ignore[attr-defined]
    HTML(string=html, base_url="https://leaflet.invalid/", url_fetcher=fetcher).write_pdf(
        str(document["output"]), stylesheets=stylesheets, font_config=fonts, **options)


def _start_alone(listing: str) -> None:
    import weasyprint  # noqa: F401 (once per process, as a hand-written script would)

    _LISTING.update(json.loads(Path(listing).read_text(encoding="utf-8")))


def weasyprint_alone(listing: Path, processes: int) -> None:
    """Write every listed document with WeasyPrint, in `processes` processes."""
    import multiprocessing

    documents = json.loads(listing.read_text(encoding="utf-8"))["documents"]
    if processes == 1:
        _start_alone(str(listing))
        for document in documents:
            _write_one(document)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_start_alone, initargs=(str(listing),)) as pool:
        for _ in pool.imap_unordered(_write_one, documents):
            pass


# -- the figures ---------------------------------------------------------------------------


def pairs(count: int, *commands: Callable[[], Run]) -> tuple[list[Run], ...]:
    """`count` interleaved rounds of the commands, the order reversed every other round."""
    runs: list[list[Run]] = [[] for _ in commands]
    for number in range(count):
        order = list(enumerate(commands))
        for index, command in reversed(order) if number % 2 else order:
            runs[index].append(command())
        print(f"  round {number + 1}: " + " / ".join(
            f"{group[-1].wall:.2f} s, {group[-1].cpu:.2f} CPU-s" for group in runs), flush=True)
    return tuple(runs)


def spread(values: list[float], unit: str = "", digits: int = 2) -> str:
    return (f"{statistics.median(values):.{digits}f}{unit} "
            f"({min(values):.{digits}f} to {max(values):.{digits}f})")


def ratios(a: list[Run], b: list[Run], what: str) -> list[float]:
    return [getattr(x, what) / getattr(y, what) for x, y in zip(a, b, strict=True)]


@dataclass
class Table:
    path: Path  # where the results go, rewritten after every figure
    cores: int
    started: float = field(default_factory=time.monotonic)
    rows: list[tuple[str, str, str, bool | None, str]] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)

    def add(self, figure: str, measured: str, target: str, met: bool | None, how: str,
            *runs: list[Run]) -> None:
        self.rows.append((figure, measured, target, met, how))
        self.loads.extend(run.load for group in runs for run in group)
        print(f"{figure}: {measured} {target} {'' if met is None else met}", flush=True)
        write_results(self, complete=False)


def catalogue_pairs(table: Table, scratch: Path, arguments: argparse.Namespace,
                    cores: int) -> None:
    import catalogue

    sources = catalogue.write(scratch / "catalogue", arguments.leaflets)
    print(f"{arguments.leaflets} varied leaflets, every format: the HTML for WeasyPrint alone",
          flush=True)
    listing = documents(sources, scratch / "html")
    count = len(json.loads(listing.read_text(encoding="utf-8"))["documents"])
    print(f"pipeline against WeasyPrint alone, {cores} processes each, {count} documents",
          flush=True)
    a, pdfs, b = pairs(
        arguments.pairs, lambda: measure(build(sources, scratch / "out", "--force")),
        lambda: measure(build(sources, scratch / "out-pdfs", "--force", "--no-report")),
        lambda: measure(alone(listing, cores)))
    cpu, wall = ratios(pdfs, b, "cpu"), ratios(pdfs, b, "wall")
    whole_cpu, whole_wall = ratios(a, b, "cpu"), ratios(a, b, "wall")
    how = (f"{arguments.leaflets} leaflets, {count} documents, `build --force --no-report`: "
           f"CPU-s {spread([r.cpu for r in pdfs])} against {spread([r.cpu for r in b])}; "
           f"{arguments.pairs} rounds")
    table.add("all formats, the PDFs, CPU: pipeline / WeasyPrint alone", spread(cpu), "≤ 0.85",
              statistics.median(cpu) <= 0.85, how, pdfs, b)
    table.add("all formats, the PDFs, wall: pipeline / WeasyPrint alone", spread(wall), "", None,
              f"wall s {spread([r.wall for r in pdfs])} against {spread([r.wall for r in b])}")
    table.add("all formats, with the report, CPU: whole command / WeasyPrint alone",
              spread(whole_cpu), "", None,
              f"`build --force`: CPU-s {spread([r.cpu for r in a])}; wall ratio "
              f"{spread(whole_wall)}", a)
    table.add("the report's own cost in that build (pictures in the workers, its pages)",
              spread([x.cpu - y.cpu for x, y in zip(a, pdfs, strict=True)], " CPU-s"), "", None,
              "whole command minus `--no-report`, round by round; wall "
              f"{spread([x.wall - y.wall for x, y in zip(a, pdfs, strict=True)], ' s')}")

    small = catalogue.write(scratch / "speedup", arguments.speedup_leaflets)
    print(f"parallel speed-up, {arguments.speedup_leaflets} leaflets", flush=True)
    one, many = pairs(arguments.pairs,
                      lambda: measure(build(small, scratch / "out-1", "--force", "--jobs", "1")),
                      lambda: measure(build(small, scratch / "out-n", "--force")))
    speedup = [x.wall / y.wall for x, y in zip(one, many, strict=True)]
    table.add(f"parallel speed-up, {cores} workers / one process", spread(speedup),
              f"≥ {0.9 * cores:.2f}", statistics.median(speedup) >= 0.9 * cores,
              f"wall s {spread([r.wall for r in one])} one process, "
              f"{spread([r.wall for r in many])} with {cores} workers", one, many)


def large_catalogue(table: Table, scratch: Path, arguments: argparse.Namespace) -> None:
    import catalogue

    size, formats = arguments.catalogue, arguments.catalogue_formats
    sources = catalogue.write(scratch / "large", size)
    output = scratch / "out-large"

    def build_large() -> list[str]:
        return build(sources, output, "--format", formats)

    print(f"{size} leaflets, format {formats}, built once", flush=True)
    first = measure(build_large())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    table.add(f"full build, {size} leaflets, format {formats}",
              f"{first.wall:.0f} s wall, {first.cpu:.0f} CPU-s", "", None,
              "the report included; one run", [first])
    table.add("peak memory of any build process", f"{peak:.0f} MB", "< 400 MB", peak < 400,
              f"largest resident set of the build, its worker server and workers ({size} "
              "leaflets, one worker runs up to 400 jobs)", [first])

    changed = sorted((sources / "leaflets").glob("*.yaml"))[size // 2]
    original = changed.read_text(encoding="utf-8")
    edits = iter(range(1000))

    def edit_and_build() -> Run:
        changed.write_text(original.replace(
            "  body: |\n", f"  body: |\n    Een zin erbij, de {next(edits) + 1}e.\n\n", 1),
            encoding="utf-8")
        return measure(build_large())

    listing = documents(sources, scratch / "html-one", [changed.stem], formats.split(","))
    count = len(json.loads(listing.read_text(encoding="utf-8"))["documents"])
    print(f"one leaflet changed among {size}, against its {count} documents alone", flush=True)
    a, b = pairs(arguments.pairs, edit_and_build, lambda: measure(alone(listing, 1)))
    wall, cpu = ratios(a, b, "wall"), ratios(a, b, "cpu")
    table.add(f"one leaflet changed among {size}, wall: whole command / WeasyPrint alone",
              spread(wall), "≤ 1.2", statistics.median(wall) <= 1.2,
              f"wall s {spread([r.wall for r in a])} against {spread([r.wall for r in b])}; "
              f"CPU ratio {spread(cpu)}; {count} documents, one fresh process", a, b)

    print(f"nothing changed, {size} leaflets", flush=True)
    measure(build_large())  # the manifest and report as a no-op finds them
    noop = [measure(build_large()) for _ in range(arguments.pairs)]
    table.add(f"rebuild, nothing changed, {size} leaflets", spread([r.wall for r in noop], " s"),
              "< 0.4 s", statistics.median([r.wall for r in noop]) < 0.4,
              f"the whole command, Python's start included; CPU-s {spread([r.cpu for r in noop])}",
              noop)
    report_cost(table, sources, output, formats, arguments.pairs)


def report_cost(table: Table, sources: Path, output: Path, formats: str, repeats: int) -> None:
    """The report alone, written again from the pictures the workers drew."""
    from leaflets.build import pipeline
    from leaflets.build.options import Options
    from leaflets.build.progress import Progress
    from leaflets.publish import report
    from leaflets.source import builtin

    known = builtin.data().formats
    chosen = tuple(known[name] for name in formats.split(","))
    outcome = pipeline.build(sources, output, Options(formats=chosen), Progress())
    outcome.changed = True  # as after a build: written, not kept
    runs = []
    for _ in range(repeats):
        load, started, cpu = os.getloadavg()[0], time.perf_counter(), time.process_time()
        report.write(output, outcome)
        runs.append(Run(time.perf_counter() - started, time.process_time() - cpu, load))
    table.add(f"the report, {len(outcome.findings)} editions", spread([r.wall for r in runs], " s"),
              "", None, f"written after the last PDF, in the build's process (its pictures are "
              f"drawn in the workers); CPU-s {spread([r.cpu for r in runs])}", runs)


def write_results(table: Table, complete: bool = True) -> None:
    loads, cores = table.loads or [0.0], table.cores
    minutes = (time.monotonic() - table.started) / 60
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` ({' '.join(sys.argv[1:]) or 'the defaults'}) on "
        f"{dt.date.today().isoformat()}: {platform.platform()}, {cores} cores, Python "
        f"{platform.python_version()}; {minutes:.0f} minutes"
        + ("." if complete else ", and still running: the figures below are those measured "
           "so far."),
        "",
        f"The machine's load (1-minute load average at the start of each run): median "
        f"{statistics.median(loads):.1f}, from {min(loads):.1f} to {max(loads):.1f}, on "
        f"{cores} cores. A load above the number of cores means other work shared the "
        "processors: wall times and the speed-up suffer most, CPU times least.",
        "",
        "Each figure: the median, and in brackets the range, of the pairs or runs named.",
        "",
        "| figure | measured | target | met | how |",
        "|---|---|---|---|---|",
    ]
    for figure, measured, target, met, how in table.rows:
        verdict = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {figure} | {measured} | {target} | {verdict} | {how} |")
    lines += ["", "## Live preview", "",
              "Save-to-visible time of `make_leaflets.py serve` (target 1 s) is measured by its "
              "own script, `benchmarks/preview.py`, which writes [PREVIEW.md](PREVIEW.md)."]
    table.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if complete:
        print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaflets", type=int, default=6,
                        help="leaflets of the catalogue the rounds build (default 6)")
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs per figure (default 5)")
    parser.add_argument("--catalogue", type=int, default=200,
                        help="leaflets of the large catalogue: no-op and one changed (200)")
    parser.add_argument("--catalogue-formats", default="a4",
                        help="the formats the large catalogue is built in (default a4)")
    parser.add_argument("--speedup-leaflets", type=int,
                        help="leaflets of the speed-up pairs (default: those of the rounds, "
                             "the full build)")
    parser.add_argument("--quick", action="store_true",
                        help="a small run while developing: 4 leaflets, 2 pairs, 20 in the "
                             "large catalogue; writes benchmarks/RESULTS-quick.md")
    parser.add_argument("--alone", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.alone:
        weasyprint_alone(arguments.alone, arguments.processes)
        return
    if arguments.quick:
        arguments.leaflets, arguments.pairs, arguments.catalogue = 3, 2, 20
        arguments.speedup_leaflets = 2
    if sys.platform.startswith("linux"):  # the build's worker server ends after it: reap it
        ctypes.CDLL(None).prctl(_PR_SET_CHILD_SUBREAPER, 1)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    arguments.speedup_leaflets = arguments.speedup_leaflets or arguments.leaflets
    cores = os.cpu_count() or 1
    table = Table(RESULTS.with_name("RESULTS-quick.md") if arguments.quick else RESULTS, cores)
    with tempfile.TemporaryDirectory() as folder:
        large_catalogue(table, Path(folder), arguments)
        catalogue_pairs(table, Path(folder), arguments, cores)
    write_results(table)


if __name__ == "__main__":
    main()
