"""Properties that hold for every input, checked on generated ones (hypothesis).

- Any Markdown renders to the subset's own tags and attributes: never raw HTML,
  never a script or a link the subset does not allow.
- Any leaflet source, valid or broken, gives PDFs or `file:line:column` errors
  with exit status 1; never a traceback, never another status.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import yaml
from conftest import VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaflets import markdown
from leaflets.cli import main

ALLOWED_TAGS = {"p", "h3", "ul", "ol", "li", "strong", "em", "a", "span", "br", "img"}
ALLOWED_ATTRIBUTES = {"href", "class", "src", "alt"}

markdownish = st.lists(
    st.sampled_from([*list("ab <>/\"'=&;!#*_-[]()`\n:."), "script", "img", "onerror", "javascript:", "https://x.nl", "<b>", "</p>", "<!--", "&lt;", "![x](images/a.svg)", "[y](mailto:a@b.nl)", "### ", "1. ", "- ", "    "]),
    max_size=40).map("".join)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    def handle_comment(self, data):
        self.found.append(("!--", []))


@settings(max_examples=400, deadline=None)
@given(markdownish)
def test_markdown_never_renders_raw_html(text):
    parser = Tags()
    parser.feed(markdown.render(text))
    for tag, attributes in parser.found:
        assert tag in ALLOWED_TAGS, (text, tag)
        for name, value in attributes:
            assert name in ALLOWED_ATTRIBUTES, (text, name)
            if name == "href":
                assert re.match(r"(https?://|mailto:)", value or ""), (text, value)
            if name == "src":
                assert markdown.IMAGE_SOURCE.match(value or ""), (text, value)


# Leaflet sources: valid ones built from parts, broken ones by damaging them.
words = st.text(alphabet=st.sampled_from(list("abcdeéëxyz ?.,’")), min_size=1, max_size=20)
variant = st.one_of(words, st.fixed_dictionaries({"child-parent": words, "adult": words}),
                    st.fixed_dictionaries({"adult": words}), st.just(None), st.integers())
section = st.fixed_dictionaries(
    {"heading": variant, "body": variant},
    optional={"audiences": st.sampled_from([["adult"], ["child-parent"], [], ["teens"], "adult"])})
leaflet = st.fixed_dictionaries(
    {"language": st.sampled_from(["nl", "en", "xx", "nl-BE", "", "Nederlands"]),
     "audiences": st.sampled_from([
         {"adult": {"title": "Arm"}},
         {"child-parent": {"title": "Arm"}, "adult": {"title": "Arm"}},
         {"adult": {}}, {"teens": {"title": "x"}}, {}]),
     "updated": st.sampled_from(["2024-01-31", "2024-02-30", "31-01-2024", None]),
     "sections": st.lists(section, max_size=3)},
    optional={"links": st.lists(st.fixed_dictionaries({"title": variant, "url": st.sampled_from(
                  ["https://a.nl", "ftp://a.nl", "a.nl", "mailto:a@b.nl"])}), max_size=2),
              "references": st.lists(variant, max_size=2),
              "review": st.sampled_from(["2030-01-01", "soon"])})


@st.composite
def leaflet_sources(draw):
    if draw(st.booleans()):
        text = yaml.safe_dump(draw(leaflet), allow_unicode=True, sort_keys=False)
    else:
        text = VALID
    # Damage: a character inserted, or a slice cut out, somewhere.
    damage = draw(st.sampled_from(["none", "insert", "cut"]))
    at = draw(st.integers(min_value=0, max_value=len(text)))
    if damage == "insert":
        text = text[:at] + draw(st.sampled_from(list(":-[]{}&*!|>'\"\t#%@` \n\x00é"))) + text[at:]
    elif damage == "cut":
        text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=15)):]
    return text


PROBLEM = re.compile(r"^.+:\d+:\d+: .+$")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=leaflet_sources())
def test_any_source_gives_pdfs_or_located_errors_never_a_traceback(text, capsys):
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / "leaflets").mkdir()
        (folder / "leaflets" / "generated.yaml").write_text(text, encoding="utf-8")
        status = main(["--sources", str(folder), "--output", str(folder / "output"),
                       "--format", "a4"])
        err = capsys.readouterr().err
        assert status in (0, 1), err
        lines = [line for line in err.splitlines() if not line.endswith("were not built")]
        assert all(PROBLEM.match(line) for line in lines), err
        if status == 1:
            assert any(": warning: " not in line for line in lines), err
            assert not list((folder / "output").rglob("*.pdf"))
        else:
            assert list((folder / "output").rglob("*.pdf"))
    finally:
        shutil.rmtree(folder)
