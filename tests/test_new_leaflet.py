"""A clean start: `make_leaflets.py new <id>` writes a starter leaflet that builds without a warning."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, VALID

from leaflets.source import builtin
from leaflets.source.schema import LEAFLET


@pytest.fixture
def shipped(sources):
    """A copy of the project's own sources: its leaflet, glossary and word list."""
    shutil.rmtree(sources.root)
    shutil.copytree(ROOT / "sources", sources.root)
    return sources


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_new_leaflet_lints_and_builds_in_every_format_without_a_warning(shipped, run,
                                                                          language):
    assert run("new", "knie-operatie", "--language", language).status == 0
    lint = run("lint", "knie-operatie")
    assert (lint.status, lint.err) == (0, "")
    build = run("build", "knie-operatie", "--format", ",".join(builtin.data().formats))
    assert build.status == 0
    assert build.err == ""
    built = [p for p in shipped.output.rglob("knie-operatie*.pdf")
             if p.relative_to(shipped.output).parts[0] != "site"]
    assert len(built) == 2 * len(builtin.data().formats)


def test_a_new_leaflet_has_both_audiences_every_field_and_notes_for_editors(shipped, run):
    result = run("new", "knie-operatie")
    path = shipped.root / "leaflets" / "knie-operatie.yaml"
    assert result.status == 0
    assert result.out.startswith(f"wrote {path}: a new leaflet in 'nl'")
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert sorted(data["audiences"]) == ["adult", "child-parent"]
    assert data["audiences"]["adult"]["title"] == "Knie operatie"
    for field in LEAFLET.names:  # written, or shown in a note to uncomment
        assert re.search(rf"^(# )?{field}:", text, re.MULTILINE), field
    assert data["review"] == dt.date.today() + dt.timedelta(days=365)
    assert data["updated"] == dt.date.today()
    assert text.count("\n#") >= 10  # short notes for the editor


def test_new_never_overwrites_a_leaflet(shipped, run):
    path = shipped.root / "leaflets" / "neuralgische-amyotrofie.yaml"
    before = path.read_bytes()
    result = run("new", "neuralgische-amyotrofie")
    assert result.status == 1
    assert result.err.splitlines() == [
        f"{path}: this leaflet exists already; edit that file, or choose another id for the "
        "new leaflet [E-leaflet-exists]"]
    assert path.read_bytes() == before


@pytest.mark.parametrize("arguments, message", [
    (("Knie Operatie",), "'Knie Operatie' is not a leaflet id: use lower-case letters, digits "
                         "and single hyphens, such as 'knie-operatie'"),
    (("knie", "--language", "Nederlands"),
     "--language takes a language tag such as 'nl', 'nl-BE' or 'en', not 'Nederlands'"),
])
def test_a_new_leaflet_needs_a_valid_id_and_language_tag(sources, run, arguments, message):
    result = run("new", *arguments)
    assert result.status == 2
    assert result.err.splitlines()[-1] == f"make_leaflets.py: error: {message}"
    assert list((sources.root / "leaflets").iterdir()) == []


def test_a_language_without_a_starter_gets_the_english_text_and_says_so(sources, run):
    result = run("new", "knie", "--language", "sv")
    assert result.status == 0
    assert result.out.splitlines()[-1] == (
        "its texts are English: there is no starter text in 'sv' yet")
    text = (sources.root / "leaflets" / "knie.yaml").read_text(encoding="utf-8")
    assert "# There is no starter text in 'sv' yet: the texts below are English." in text
    assert yaml.safe_load(text)["language"] == "sv"
    assert run("build", "knie").status == 0


def test_a_new_leaflet_is_in_the_language_most_leaflets_are_in(sources, run):
    sources.write("arm.yaml", VALID.replace("language: nl", "language: en-GB"))
    assert run("new", "knee").status == 0
    text = (sources.root / "leaflets" / "knee.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["language"] == "en-GB"
    assert "Replace the example texts with your own" in text


def test_make_leaflets_py_runs_with_the_virtual_environment_from_any_python(sources):
    # `./make_leaflets.py` starts the machine's python3; -S keeps that one's packages out.
    sources.write("arm.yaml", VALID)
    result = subprocess.run(
        [sys._base_executable, "-S", str(ROOT / "make_leaflets.py"), "lint", "arm",
         "--sources", str(sources.root)],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("checked 1 leaflet(s): 0 error(s)")
    assert os.access(ROOT / "make_leaflets.py", os.X_OK)
