"""The built-in data (formats, audiences, languages) is validated like a source.

A copy of leaflets/data/ is changed the way the README says ("Adding a format,
an audience or a language") and named with LEAFLETS_DATA; every mistake in it is
one `file:line:column` line and exit status 1, for build, lint and check alike.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, VALID
from pypdf import PdfReader

DATA = ROOT / "leaflets" / "data"

NEW_FORMAT = """\
draft:
  description: A4 draft for proofreading
  output: "drafts/{audience}/{id}.pdf"
  page_size: A4 portrait
  page_margin: 25mm
  type_scale: 1
  min_body_size: 12pt
  min_text_size: 9pt
  viewer_preferences:
    PrintScaling: None
"""
NEW_AUDIENCE = """\
teens:
  layout: leaflet.html
  stylesheet: adult.css
"""
SWEDISH = """\
sv:
  glossary: Svåra ord
  audience:
    child-parent: Information för barn och föräldrar
    adult: Information för patienter
    teens: Information för tonåringar
  page: sida
  page_of: av
  author: Författare
  updated: Senast uppdaterad
  links: Länkar
  references: Källor
  contents: Innehåll
  months: [januari, februari, mars, april, maj, juni, juli, augusti, september, oktober, november, december]
  date_format: "{day} {month} {year}"
  contact:
    heading: Frågor? Kontakta oss
"""
SWEDISH_LEAFLET = """\
language: sv
audiences:
  teens:
    title: Bruten arm
  adult:
    title: Armfraktur
updated: 2024-03-01
sections:
  - heading: Vad har hänt?
    body: Armen är bruten. Gipset sitter i sex veckor.
"""


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the built-in data."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def command(data: Path, sources, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "make_leaflets.py"), *args, "--sources", str(sources.root),
         "--output", str(sources.output)],
        env={**os.environ, "LEAFLETS_DATA": str(data)}, check=False, capture_output=True, text=True,
        timeout=300)


def add_audience_label(data: Path, label: str) -> None:
    """`teens: <label>` under `audience:` in every language, as the README says."""
    path = data / "languages.yaml"
    path.write_text(re.sub(r"^(  audience:\n)", rf"\1    teens: {label}\n",
                           path.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")


def test_a_format_an_audience_and_a_language_added_as_the_readme_says_build(data, sources):
    with (data / "formats.yaml").open("a", encoding="utf-8") as formats:
        formats.write(NEW_FORMAT)
    with (data / "audiences.yaml").open("a", encoding="utf-8") as audiences:
        audiences.write(NEW_AUDIENCE)
    add_audience_label(data, "Information for teenagers")
    with (data / "languages.yaml").open("a", encoding="utf-8") as languages:
        languages.write(SWEDISH)
    sources.write("arm.yaml", SWEDISH_LEAFLET)
    result = command(data, sources, "--format", "draft")
    assert result.returncode == 0, result.stderr
    assert "W-language-labels" not in result.stderr
    teens = PdfReader(sources.output / "drafts" / "teens" / "arm.pdf")
    text = teens.pages[0].extract_text()
    assert "INFORMATION FÖR TONÅRINGAR" in text and "Bruten arm sida 1 av 1" in text
    assert teens.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"
    assert (sources.output / "drafts" / "adult" / "arm.pdf").is_file()


BROKEN = {
    "formats.yaml": ("  stylesheets: [a5.css]\n", "  stylesheet: [a5.css]\n",
                     "formats.yaml:56:3: unknown field 'stylesheet' in format 'a5'; did you mean "
                     "'stylesheets'? [E-unknown-field]"),
    "audiences.yaml": ("  stylesheet: adult.css\n", "  stylesheet: adults.css\n",
                       "audiences.yaml:21:15: the stylesheet of audience 'adult' names "
                       "'adults.css', which is not a file in styles/ [E-missing-file]"),
    "languages.yaml": ("  page_of: van\n", "  page_of: [van]\n",
                       "languages.yaml:18:12: the page_of of language 'nl' must be text, not "
                       "a list [E-not-text]"),
}


@pytest.mark.parametrize("name", BROKEN)
@pytest.mark.parametrize("verb", ["build", "lint", "check"])
def test_a_mistake_in_the_built_in_data_is_one_located_line_and_status_1(data, sources, name,
                                                                        verb):
    before, after, message = BROKEN[name]
    path = data / name
    assert before in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(before, after, 1), encoding="utf-8")
    sources.write("arm.yaml", VALID)
    result = command(data, sources, verb)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{data}/{message}", "1 problem(s) in the built-in data; no leaflet was read"]
    assert not sources.output.exists() or not list(sources.output.rglob("*.pdf"))


def test_an_audience_without_a_label_in_every_language_is_named_per_language(data, sources):
    with (data / "audiences.yaml").open("a", encoding="utf-8") as audiences:
        audiences.write(NEW_AUDIENCE)
    sources.write("arm.yaml", VALID)
    result = command(data, sources, "lint")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()[:-1]
    languages = re.findall(r"^(\w+):$", (data / "languages.yaml").read_text(encoding="utf-8"),
                           flags=re.MULTILINE)
    assert lines == [line for line in lines if line.startswith(f"{data}/languages.yaml:")]
    assert [re.search(r"language '(\w+)'", line)[1] for line in lines] == languages
    assert all(line.endswith("has no label for audience 'teens' (add one to every language) "
                             "[E-missing-label]") for line in lines)


def test_help_and_usage_errors_work_when_the_data_is_broken(data, sources):
    (data / "formats.yaml").write_text("a4: [\n", encoding="utf-8")
    sources.write("arm.yaml", VALID)
    assert command(data, sources, "--help").returncode == 0
    assert command(data, sources, "--jobs", "-1").returncode == 2
    result = command(data, sources, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"{data}/formats.yaml:2:1: YAML syntax error")


def test_type_sizes_and_print_presets_of_a_format_are_checked_like_everything_else(data, sources):
    # Each format states its smallest type, with its unit, and may ask the print
    # dialog only for what PDF defines (ViewerPreferences).
    path = data / "formats.yaml"
    text = path.read_text(encoding="utf-8").replace("  min_body_size: 16pt\n",
                                                    "  min_body_size: 16\n", 1)
    path.write_text(text.replace("    Duplex: DuplexFlipShortEdge\n    PrintScaling: None\n",
                                 "    Duplexx: DuplexFlipShortEdge\n    PrintScaling: Fit\n"),
                    encoding="utf-8")
    lines = text.splitlines()
    size = lines.index("  min_body_size: 16") + 1
    duplex = next(n for n, line in enumerate(lines, 1) if line.startswith("    Duplex:"))
    sources.write("arm.yaml", VALID)
    result = command(data, sources, "lint")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{data}/formats.yaml:{size}:18: the min_body_size of format 'large' must be a type "
        "size in pt such as '12pt', not '16' [E-not-a-number]",
        f"{data}/formats.yaml:{duplex}:5: unknown field 'Duplexx' in the viewer_preferences of "
        "format 'booklet'; did you mean 'Duplex'? [E-unknown-field]",
        f"{data}/formats.yaml:{duplex + 1}:19: the viewer_preferences of format 'booklet': "
        "PrintScaling must be None or AppDefault, not 'Fit' [E-unknown-value]",
        "3 problem(s) in the built-in data; no leaflet was read"]


def test_the_reports_english_words_are_complete_and_stand_in_for_a_missing_one(data, sources):
    path = data / "languages.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    overview: Overzicht\n", ""), encoding="utf-8")
    sources.write("arm.yaml", VALID)
    assert command(data, sources, "--format", "a4").returncode == 0
    page = (sources.output / "report" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="overview-title">Overview</h2>' in page
    assert "<h3>Leesbaarheid</h3>" in page
    path.write_text(text.replace("    title: Leaflet report\n", ""), encoding="utf-8")
    result = command(data, sources, "lint")
    english = text.splitlines().index("en:") + 1
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{data}/languages.yaml:{english}:1: the report's words for 'en', which stand in for every "
        "language's missing ones, lack title [E-missing-label]",
        "1 problem(s) in the built-in data; no leaflet was read"]


def test_a_format_made_from_pages_unlike_its_own_is_refused(data, sources):
    path = data / "formats.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  pages_of: press\n", "  pages_of: a5\n", 1), encoding="utf-8")
    line = text[:text.index("\nbooklet:")].count("\n") + 2
    sources.write("arm.yaml", VALID)
    result = command(data, sources, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{data}/formats.yaml:{line}:1: format 'booklet' takes the pages of 'a5', but their "
        "cover, pad_to, accessible differ, so their pages would not be the same [E-pages-of]")
