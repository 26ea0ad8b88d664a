"""A broken source gets one `file:line:column: message` line per problem and no PDF.

Every test here also keeps a valid leaflet beside the broken one, which must
still build: one editor's mistake never stops another clinic's leaflet.
"""

from __future__ import annotations

import pytest
from conftest import VALID


def build_with(sources, run, name: str, text: str | bytes):
    sources.write("valid-leaflet.yaml", VALID)
    path = sources.write(name, text)
    result = run()
    assert result.status == 1, result.err
    assert "Traceback" not in result.err
    assert sources.pdf("adult", "valid-leaflet").exists(), "the valid leaflet must still build"
    assert not list(sources.output.glob(f"*/{path.stem}.pdf")), "a broken leaflet gets no PDF"
    return path, result


def test_an_unclosed_bracket_is_reported_where_it_opens(sources, run):
    path, result = build_with(sources, run, "broken.yaml", "language: nl\naudiences: [adult\n")
    assert result.error_lines == [
        f"{path}:2:12: the '[' here is not closed; close it with ']' on the same line, or "
        "write the values on lines of their own [E-yaml-unclosed-bracket]"]


def test_a_yaml_syntax_error_without_advice_keeps_the_parsers_words_and_place(sources, run):
    path, result = build_with(sources, run, "broken.yaml", "language: nl\nupdated: `gisteren`\n")
    assert result.error_lines == [
        f"{path}:2:10: YAML syntax error: found character '`' that cannot start any token "
        "(while scanning for the next token) [E-yaml-syntax]"]


def test_tab_indentation_is_reported_per_line(sources, run):
    path, result = build_with(sources, run, "tabs.yaml",
                              "language: nl\naudiences:\n\tadult:\n\t\ttitle: x\n")
    assert result.error_lines == [
        f"{path}:3:1: tab character in the indentation; YAML indents with spaces only "
        "[E-tab-indentation]",
        f"{path}:4:1: tab character in the indentation; YAML indents with spaces only "
        "[E-tab-indentation]",
    ]


def test_a_duplicate_key_names_the_line_of_the_first(sources, run):
    text = VALID.replace("author: Afdeling Kinderchirurgie\n",
                         "author: Afdeling Kinderchirurgie\nauthor: Iemand anders\n")
    path, result = build_with(sources, run, "duplicate.yaml", text)
    assert result.error_lines == [
        f"{path}:9:1: duplicate key 'author' in the leaflet (first given at line 8) [E-duplicate-key]"]


def test_an_unknown_audience_names_the_known_ones(sources, run):
    text = VALID.replace("  adult:\n    title: Armfractuur\n", "  teens:\n    title: Armfractuur\n")
    path, result = build_with(sources, run, "unknown-audience.yaml", text)
    assert (f"{path}:6:3: unknown audience 'teens' (known audiences: child-parent, adult) "
            "[E-unknown-audience]") in result.error_lines


def test_an_unknown_audience_in_a_per_audience_text_is_named_with_the_missing_one(sources, run):
    text = VALID.replace("      adult: Wat is een armfractuur?", "      kids: Wat is een armfractuur?")
    path, result = build_with(sources, run, "unknown-variant.yaml", text)
    assert result.error_lines == [
        f"{path}:12:7: section 1 has no heading for audience 'adult' [E-missing-variant]",
        f"{path}:13:7: unknown audience 'kids' in the heading of section 1 "
        "(known audiences: child-parent, adult) [E-unknown-audience]",
    ]


def test_an_audience_without_a_title_is_an_error(sources, run):
    text = VALID.replace("    title: Armfractuur\n", "    subtitle: Voor volwassenen\n")
    path, result = build_with(sources, run, "no-title.yaml", text)
    assert result.error_lines == [f"{path}:7:5: audience 'adult' has no title [E-missing-field]"]


def test_a_per_audience_text_without_a_published_audience_is_an_error(sources, run):
    text = VALID.replace("      adult: Een breuk van een van de botten van de arm.\n", "")
    path, result = build_with(sources, run, "missing-variant.yaml", text)
    assert result.error_lines == [f"{path}:15:7: section 1 has no body for audience 'adult' [E-missing-variant]"]


def test_a_date_not_written_yyyy_mm_dd_is_an_error(sources, run):
    path, result = build_with(sources, run, "bad-date.yaml",
                              VALID.replace("updated: 2024-03-01", "updated: 1 maart 2024"))
    assert result.error_lines == [
        f"{path}:9:10: 'updated' must be an ISO date (YYYY-MM-DD), not '1 maart 2024' [E-date-format]"]


def test_a_date_not_in_the_calendar_is_an_error(sources, run):
    path, result = build_with(sources, run, "no-such-day.yaml",
                              VALID.replace("updated: 2024-03-01", "updated: 2023-02-29"))
    assert result.error_lines == [
        f"{path}:9:10: 'updated' is 2023-02-29, which is not a date in the calendar [E-date-invalid]"]


def test_a_leaflet_without_sections_is_an_error(sources, run):
    text = VALID.split("sections:")[0] + "sections: []\n"
    path, result = build_with(sources, run, "no-sections.yaml", text)
    assert result.error_lines == [
        f"{path}:10:11: 'sections' is empty; a leaflet needs at least one section [E-empty-list]"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "www.example.org"])
def test_a_link_that_is_not_http_or_mailto_is_an_error(sources, run, url):
    text = VALID + f"links:\n  - title: Meer informatie\n    url: {url}\n"
    path, result = build_with(sources, run, "bad-link.yaml", text)
    assert result.error_lines == [
        f"{path}:25:10: the url of link 1 must start with http://, https:// or mailto:, not '{url}' [E-link-scheme]"]


def test_a_link_in_the_text_that_is_not_http_or_mailto_is_an_error(sources, run):
    text = VALID.replace("Kom terug als het knelt.", "Kom terug als het [knelt](ftp://x/y).")
    path, result = build_with(sources, run, "bad-text-link.yaml", text)
    assert result.error_lines == [
        f"{path}:22:35: the body of section 2: link 'ftp://x/y' must start with "
        "http://, https:// or mailto: [E-link-scheme]"]


def test_a_file_name_that_is_not_a_valid_id_is_an_error(sources, run):
    path, result = build_with(sources, run, "Gebroken Arm.yaml", VALID)
    assert result.error_lines == [
        f"{path}:1:1: file name 'Gebroken Arm' is not a valid leaflet id: use lower-case "
        "letters, digits and single hyphens (e.g. 'knee-surgery') [E-file-name]"]


def test_an_empty_file_is_an_error(sources, run):
    path, result = build_with(sources, run, "empty.yaml", "\n  \n")
    assert result.error_lines == [
        f"{path}:1:1: the file is empty; a leaflet needs language, audiences, updated and "
        "sections [E-file-empty]"]


def test_a_file_that_is_not_utf8_is_an_error_at_its_first_bad_byte(sources, run):
    path, result = build_with(sources, run, "latin1.yaml",
                              VALID.replace("Gips", "Gips é").encode("latin-1"))
    assert result.error_lines == [f"{path}:17:19: the file is not UTF-8 (byte 0xe9); save it as UTF-8 [E-not-utf8]"]


def test_a_yaml_alias_bomb_is_refused(sources, run):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefgh", "abcdefg", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path, result = build_with(sources, run, "bomb.yaml", "\n".join(lines) + "\n")
    assert len(result.error_lines) == 1
    assert result.error_lines[0].startswith(f"{path}:")
    assert "alias bomb" in result.error_lines[0]


def test_raw_html_in_the_text_is_an_error_at_each_tag(sources, run):
    text = VALID.replace("Het gips blijft **zes weken** zitten.",
                         "Het gips blijft <b>zes weken</b> zitten.")
    path, result = build_with(sources, run, "html.yaml", text)
    assert result.error_lines == [
        f"{path}:19:23: the body of section 2: raw HTML is not allowed in the text: <b> "
        "[E-markdown-html]",
        f"{path}:19:35: the body of section 2: raw HTML is not allowed in the text: </b> "
        "[E-markdown-html]",
    ]


def test_html_in_a_heading_is_an_error(sources, run):
    path, result = build_with(sources, run, "html-heading.yaml",
                              VALID.replace("heading: Gips", "heading: <script>Gips</script>"))
    assert result.error_lines == [
        f"{path}:17:14: HTML is not allowed in the heading of section 2: '<script>' [E-html-in-text]"]


def test_unknown_field_suggests_the_right_one(sources, run):
    path, result = build_with(sources, run, "typo.yaml", VALID.replace("updated:", "updatd:"))
    assert (f"{path}:9:1: unknown field 'updatd' in the leaflet; did you mean 'updated'? "
            "[E-unknown-field]") in result.error_lines
    assert f"{path}:1:1: the leaflet has no 'updated' [E-missing-field]" in result.error_lines


def test_every_problem_in_a_file_is_reported_at_once(sources, run):
    text = (VALID.replace("updated: 2024-03-01", "updated: gisteren")
                 .replace("language: nl", "language: nederlands!"))
    _path, result = build_with(sources, run, "two-problems.yaml", text)
    assert len(result.error_lines) == 2


def test_a_broken_source_keeps_the_pdf_an_earlier_build_wrote(sources, run):
    path = sources.write("arm.yaml", VALID)
    assert run().status == 0
    earlier = sources.pdf("adult", "arm").read_bytes()
    path.write_text(VALID.replace("updated: 2024-03-01", "updated: 2024-13-01"), encoding="utf-8")
    assert run().status == 1
    assert sources.pdf("adult", "arm").read_bytes() == earlier


def test_sources_folder_without_leaflets_is_a_usage_error(run, sources, tmp_path):
    result = run("--sources", str(tmp_path / "nowhere"))
    assert result.status == 2
    assert "has no leaflets/ folder" in result.err


def test_unknown_option_is_a_usage_error(run):
    assert run("--colour", "blue").status == 2
