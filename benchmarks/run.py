"""`make bench`: how fast the build is at catalogue scale, against the targets.

A synthetic catalogue of N leaflets (N = 10, 50, 200) is made from the project's
real source (each copy with its own id and title), with both audiences and all
formats. Every figure is a ratio measured in this one run, so it holds on any
machine; the table goes to benchmarks/RESULTS.md with the machine and date.

- pipeline / WeasyPrint: the build's own time (reading, checking, typesetting,
  post-processing and writing every PDF; not the editors' report) per edition,
  against the time WeasyPrint alone takes to write the same HTML, each in one
  fresh process;
- parallel speed-up: a sequential build against one with a worker per core;
- a rebuild with nothing changed, for 200 leaflets (the whole command);
- a rebuild after one leaflet changed, against building that leaflet alone;
- peak memory: the largest resident set of any build process (workers included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from leaflets import resolve
from leaflets.build.options import all_formats
from leaflets.render import pdf, typeset
from leaflets.source.catalogue import find_sources
from leaflets.source.leaflet import load_file

SAMPLE = ROOT / "sources" / "leaflets" / "neuralgische-amyotrofie.yaml"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SECONDS = re.compile(r"; ([\d.]+) s; ")


def catalogue(folder: Path, size: int) -> Path:
    """`size` copies of the real leaflet, each with its own id and titles."""
    leaflets = folder / "leaflets"
    leaflets.mkdir(parents=True)
    shutil.copy(ROOT / "sources" / "wordlist.txt", folder / "wordlist.txt")
    text = SAMPLE.read_text(encoding="utf-8")
    for number in range(1, size + 1):
        copy = (text.replace("title: Neuralgische amyotrofie",
                             f"title: Neuralgische amyotrofie {number}")
                    .replace("title: Amyotrofische schouder neuralgie",
                             f"title: Amyotrofische schouder neuralgie {number}"))
        (leaflets / f"topic-{number:03}.yaml").write_text(copy, encoding="utf-8")
    return folder


def run(sources: Path, output: Path, *options: str) -> tuple[float, float]:
    """Build; return the command's wall time and the build's own time (its summary)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "make_leaflets.py"), "--sources", str(sources),
         "--output", str(output), *options], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"the build failed:\n{result.stderr[-2000:]}")
    match = SECONDS.search(result.stdout)
    return wall, float(match.group(1)) if match else wall


def weasyprint_alone(sources: Path, scratch: Path) -> tuple[float, int]:
    """Seconds WeasyPrint alone takes for the final HTML of every edition, and how many.

    The HTML is written out first; a fresh process then times WeasyPrint on each
    document, one after the other, as the build's single process does.
    """
    folder = scratch / "html"
    folder.mkdir()
    documents = []
    for source in find_sources(sources):
        leaflet = load_file(source).leaflet
        for audience in leaflet.audience_ids:
            edition = resolve.resolve(leaflet, audience)
            for page_format in all_formats():
                path = folder / f"{len(documents):05}.html"
                path.write_text(typeset.typeset(edition, page_format).html, encoding="utf-8")
                documents.append({"html": str(path), "images": edition.images,
                                  "accessible": page_format.accessible})
    (folder / "documents.json").write_text(json.dumps(documents), encoding="utf-8")
    result = subprocess.run([sys.executable, __file__, "--alone", str(folder / "documents.json")],
                            capture_output=True, text=True, check=True)
    return float(result.stdout.split()[-1]), len(documents)


def time_weasyprint(listing: Path) -> float:
    """In a fresh process: the seconds WeasyPrint takes to write every listed document."""
    total = 0.0
    for document in json.loads(listing.read_text(encoding="utf-8")):
        html = Path(document["html"]).read_text(encoding="utf-8")
        options = {"pdf_variant": "pdf/a-2a"} if document["accessible"] else {}
        started = time.perf_counter()
        HTML(string=html, base_url=pdf.BASE_URL,
             url_fetcher=pdf.ProjectFetcher(images=Path(document["images"]))).write_pdf(
            font_config=FontConfiguration(), **options)
        total += time.perf_counter() - started
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--alone", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.alone:
        print(time_weasyprint(arguments.alone))
        return
    sizes = [int(size) for size in arguments.sizes.split(",")]
    cores = os.cpu_count() or 1
    rows, figures = [], {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        small = catalogue(scratch / "small", sizes[0])
        editions = sizes[0] * 2 * len(all_formats())

        print(f"{sizes[0]} leaflets, one process ...", flush=True)
        _, sequential = run(small, scratch / "out-1", "--jobs", "1", "--force")
        print("WeasyPrint alone, the same HTML ...", flush=True)
        alone, counted = weasyprint_alone(small, scratch)
        assert counted == editions
        figures["ratio"] = sequential / alone
        rows.append(("pipeline / WeasyPrint alone, per edition", f"{figures['ratio']:.2f}",
                     "≤ 1.10", figures["ratio"] <= 1.10,
                     f"{sequential / editions * 1000:.0f} ms against "
                     f"{alone / editions * 1000:.0f} ms, {editions} editions, one process"))

        print(f"{sizes[0]} leaflets, {cores} workers ...", flush=True)
        _, parallel = run(small, scratch / "out-n", "--jobs", str(cores), "--force")
        figures["speedup"] = sequential / parallel
        rows.append((f"parallel speed-up on {cores} cores", f"{figures['speedup']:.2f}",
                     f"≥ {0.85 * cores:.2f}", figures["speedup"] >= 0.85 * cores,
                     f"{sequential:.1f} s one process, {parallel:.1f} s {cores} workers"))

        for size in sizes[1:]:
            print(f"{size} leaflets, {cores} workers ...", flush=True)
            sources = catalogue(scratch / f"cat-{size}", size)
            output = scratch / f"out-{size}"
            _, seconds = run(sources, output, "--force")
            count = size * 2 * len(all_formats())
            rows.append((f"full build, {size} leaflets", f"{seconds:.0f} s", "", None,
                         f"{count} PDFs, {seconds / count * 1000:.0f} ms per PDF"))
        largest = sizes[-1]
        sources, output = scratch / f"cat-{largest}", scratch / f"out-{largest}"

        wall, _ = run(sources, output)
        rows.append((f"rebuild, nothing changed, {largest} leaflets", f"{wall:.2f} s", "< 1 s",
                     wall < 1.0, "the whole command, Python's start included"))

        one = catalogue(scratch / "one", 1)
        single, _ = run(one, scratch / "out-one", "--force")
        changed = sorted((sources / "leaflets").glob("*.yaml"))[-1]
        changed.write_text(changed.read_text(encoding="utf-8").replace(
            "Wij helpen u graag.", "Wij helpen u heel graag."), encoding="utf-8")
        after, _ = run(sources, output)
        figures["incremental"] = after / single
        rows.append(("rebuild after one leaflet changed / that leaflet alone",
                     f"{figures['incremental']:.2f}", "≤ 1.3", figures["incremental"] <= 1.3,
                     f"{after:.1f} s among {largest} leaflets, {single:.1f} s alone"))

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB -> MiB
    rows.append(("peak memory of a build process", f"{peak:.0f} MB", "< 400 MB", peak < 400,
                 "largest resident set of the builds and their workers"))

    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {dt.date.today().isoformat()}: {platform.platform()}, "
        f"{cores} cores, Python {platform.python_version()}.",
        "",
        "| figure | measured | target | met | how |",
        "|---|---|---|---|---|",
    ]
    for figure, measured, target, met, how in rows:
        verdict = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {figure} | {measured} | {target} | {verdict} | {how} |")
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
