"""`make_leaflets.py serve`: the site on localhost, made again as the editors save."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from conftest import ROOT, VALID


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (found := condition()):
            return found
        time.sleep(0.05)
    raise AssertionError("the preview did not change in time")


@pytest.fixture
def server(sources) -> Iterator[str]:
    sources.write("arm.yaml", VALID)
    process = subprocess.Popen(
        [sys.executable, "make_leaflets.py", "serve", "--port", "0", "--format", "a4",
         "--jobs", "1", "--sources", str(sources.root), "--output", str(sources.output)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("serving "), line
        yield line.split(" at ")[1].split()[0]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_saved_change_is_in_the_served_page_without_a_build_command(server, sources):
    page = f"{server}arm/adult/"
    assert "Een breuk van een van de botten" in get(page)
    sources.write("arm.yaml", VALID.replace("Een breuk van een", "Een scheur in een"))
    wait_for(lambda: "Een scheur in een" in get(page))
    # The page on disk has no preview script: it is added as the page is served.
    assert "/__preview/reload.js" in get(page)
    on_disk = (sources.output / "site" / "arm" / "adult" / "index.html").read_text("utf-8")
    assert "Een scheur in een" in on_disk and "__preview" not in on_disk


def test_the_page_learns_of_each_change_from_the_state_it_polls(server, sources):
    state = f"{server}__preview/state"
    before = json.loads(get(state))["version"]
    sources.write("arm.yaml", VALID.replace("zes weken", "vijf weken"))
    wait_for(lambda: json.loads(get(state))["version"] > before)


def test_a_save_with_an_error_shows_it_with_its_place_and_keeps_the_last_good_page(
        server, sources):
    page, state = f"{server}arm/adult/", f"{server}__preview/state"
    sources.write("arm.yaml", VALID.replace("updated: 2024-03-01", "updated: 2024-02-30"))
    errors = wait_for(lambda: json.loads(get(state))["errors"])
    assert errors == [f"{sources.root / 'leaflets' / 'arm.yaml'}:9:10: 'updated' is 2024-02-30, "
                      "which is not a date in the calendar [E-date-invalid]"]
    assert "Een breuk van een van de botten" in get(page)
    sources.write("arm.yaml", VALID)
    wait_for(lambda: json.loads(get(state))["errors"] == [])


def test_the_pdfs_follow_in_the_background(server, sources):
    wait_for(lambda: sources.pdf("adult", "arm").exists(), seconds=60)
    wait_for(lambda: "arm.pdf" in get(f"{server}arm/adult/"), seconds=30)
