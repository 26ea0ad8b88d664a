"""Bounded work: checking a leaflet takes time in proportion to its text, and has a limit.

Speed itself is measured by `make bench`; these tests only make sure that work
which used to grow with the square of the text (each unknown word re-reading
its source) stays linear, and that a stalled check is stopped and named.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time

from conftest import ROOT, VALID

from leaflets.build import plan
from leaflets.source.yamlfile import MAX_SOURCE_BYTES


def nearly_a_megabyte_of_text() -> str:
    """A source just under the size limit: ordinary sentences and many unknown words."""
    chance = random.Random(12)
    lines, size = [], 0
    while size < MAX_SOURCE_BYTES - 60_000:
        unknown = " ".join("".join(chance.choice("bdfgklmnprstvz") + chance.choice("aeiou")
                                   for _ in range(chance.randint(2, 5))) for _ in range(6))
        line = f"      Dit is een gewone zin over {unknown}. Kom terug als het knelt.\n"
        lines.append(line)
        size += len(line.encode())
    return VALID.replace("      Het gips blijft **zes weken** zitten.\n",
                         "".join(lines) + "      Het gips blijft **zes weken** zitten.\n")


def test_lint_of_a_source_of_nearly_a_megabyte_finishes_in_seconds(sources):
    sources.write("groot.yaml", nearly_a_megabyte_of_text())
    started = time.monotonic()
    lint = subprocess.run([sys.executable, str(ROOT / "make_leaflets.py"), "--sources",
                           str(sources.root), "lint"], capture_output=True, text=True,
                          timeout=300, check=False)
    # A generous bound (the machine may be busy): quadratic work took hours.
    assert time.monotonic() - started < 60
    assert lint.returncode == 0, lint.stderr[-2000:]
    assert lint.stdout.startswith("checked 1 leaflet(s): 0 error(s), ")


def test_checking_a_leaflet_that_takes_too_long_is_stopped_and_named(sources):
    path = sources.write("arm.yaml", nearly_a_megabyte_of_text())
    checked = list(plan.plan(sources.root, None, None, seconds=0.05))
    assert [str(error) for error in checked[0].errors] == [
        f"{path}:1:1: reading and checking the leaflet took longer than 0.05 seconds and was "
        "stopped [E-time-limit]"]
