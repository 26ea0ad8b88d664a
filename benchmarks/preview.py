"""Save to visible: how long the live preview takes to show a saved change.

Starts `make_leaflets.py serve` on a copy of the project's sources, waits until
its first pages are served, then saves an edit of the project leaflet and
times, from the save to the moment the served HTML edition holds the new
text, over several saves (the PDFs build in the background meanwhile, as they
do for an editor). Target: within 1 second. Writes benchmarks/PREVIEW.md.

    .venv/bin/python benchmarks/preview.py [--saves N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEAFLET = "neuralgische-amyotrofie"
TARGET_SECONDS = 1.0
SENTENCE = "Wij helpen u graag."


def served(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def save_to_visible(source: Path, page: str, text: str, marker: str) -> float:
    started = time.perf_counter()
    source.write_text(text.replace(SENTENCE, f"Wij helpen u graag ({marker})."),
                      encoding="utf-8")
    while marker not in served(page):
        if time.perf_counter() - started > 30:
            raise SystemExit(f"the preview did not show save {marker} within 30 s")
        time.sleep(0.005)
    return time.perf_counter() - started


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--saves", type=int, default=10)
    options = arguments.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sources = Path(folder) / "sources"
        shutil.copytree(ROOT / "sources", sources)
        source = sources / "leaflets" / f"{LEAFLET}.yaml"
        text = source.read_text(encoding="utf-8")
        assert SENTENCE in text, "the benchmark edits a sentence the project leaflet has"
        server = subprocess.Popen(
            [sys.executable, "make_leaflets.py", "serve", "--port", "0", "--sources",
             str(sources), "--output", str(Path(folder) / "output")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = server.stdout.readline() if server.stdout else ""
            url = line.split(" at ")[1].split()[0]
            page = f"{url}{LEAFLET}/adult/"
            times = []
            for save in range(options.saves):
                times.append(save_to_visible(source, page, text, f"save {save}"))
                time.sleep(0.3)  # an editor's pause between saves
        finally:
            server.terminate()
            server.wait(timeout=30)
    median, worst = statistics.median(times), max(times)
    verdict = "meets" if worst <= TARGET_SECONDS else "misses"
    report = "\n".join([
        "# Live preview: save to visible",
        "",
        "<!-- Written by benchmarks/preview.py; run it again to refresh. -->",
        "",
        f"{dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {len(times)} saves of `{LEAFLET}.yaml` while "
        "`make_leaflets.py serve` runs, each timed from the save until the served adult "
        "HTML edition holds the new text (the PDFs build in the background meanwhile).",
        "",
        "| measure | seconds | target |",
        "|---|---|---|",
        f"| median | {median:.3f} | ≤ {TARGET_SECONDS:g} |",
        f"| slowest | {worst:.3f} | ≤ {TARGET_SECONDS:g} |",
        "",
        f"The slowest save {verdict} the target.",
        "",
    ])
    (ROOT / "benchmarks" / "PREVIEW.md").write_text(report, encoding="utf-8")
    print(report)
    return 0 if worst <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
