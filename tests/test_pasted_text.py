"""Text pasted from Word or a web page is normalised, or reported; never printed as garbage."""

from __future__ import annotations

from conftest import VALID
from pypdf import PdfReader


def printed(sources, audience: str = "adult") -> str:
    return "\n".join(page.extract_text() for page in PdfReader(sources.pdf(audience, "arm")).pages)


def test_invisible_characters_are_dropped(sources, run):
    sources.write("arm.yaml", VALID.replace("Houd het droog.", "Houd\u200b het\u2060 dro\ufeffog."))
    assert run().status == 0
    assert "Houd het droog." in printed(sources)


def test_windows_line_endings_read_like_any_other(sources, run):
    sources.write("arm.yaml", VALID.replace("\n", "\r\n").encode("utf-8"))
    assert run().status == 0
    assert "Het gips blijft zes weken zitten." in printed(sources)


def test_smart_quotes_dashes_and_non_breaking_spaces_print_as_themselves(sources, run):
    sources.write("arm.yaml", VALID.replace(
        "Houd het droog.", "Houd het ‘gips’ droog – “echt”, 10\u00a0dagen."))
    result = run()
    assert result.status == 0 and result.error_lines == []
    assert not [line for line in result.warning_lines if "fonts" in line]
    assert "Houd het ‘gips’ droog – “echt”, 10 dagen." in printed(sources).replace("\u00a0", " ")


def test_decomposed_accents_are_composed(sources, run):
    sources.write("arm.yaml", VALID.replace("Dat doet pijn.", "Dat doet pijn, ook in de nie\u0308r."))
    assert run().status == 0
    assert "ook in de niër." in printed(sources, "child-parent")


def test_text_saved_in_the_wrong_encoding_is_reported(sources, run):
    path = sources.write("arm.yaml", VALID.replace("heading: Gips", "heading: CafÃ© Gips"))
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{path}:17:14: the heading of section 2 contains 'Ã©', which looks like text saved in "
        "the wrong encoding (e.g. 'Ã©' for 'é'); retype it [E-wrong-encoding]"]


def test_a_control_character_is_reported_with_its_place(sources, run):
    path = sources.write("arm.yaml", VALID.replace("heading: Gips", "heading: Gi\x07ps"))
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{path}:17:16: the file contains a character YAML does not allow (U+0007); "
        "retype the text around it [E-yaml-character]"]


def test_a_private_use_character_is_reported(sources, run):
    path = sources.write("arm.yaml", VALID.replace("heading: Gips", "heading: Gips \ue000"))
    result = run()
    assert result.error_lines == [
        f"{path}:17:14: the heading of section 2 contains an invisible or unknown character "
        "(U+E000); retype the text around it [E-invisible-character]"]


def test_a_directional_mark_is_a_warning_with_its_place(sources, run):
    path = sources.write("arm.yaml", VALID.replace("heading: Gips", "heading: Gips\u200f"))
    result = run()
    assert result.status == 0
    assert (f"{path}:17:18: warning: the heading of section 2 contains an invisible directional "
            "mark (U+200F RIGHT-TO-LEFT MARK); delete it unless the text mixes left-to-right "
            "and right-to-left words [W-invisible-control]") in result.warning_lines


def test_a_direction_isolate_in_a_body_is_an_error_at_its_line(sources, run):
    path = sources.write("arm.yaml", VALID.replace("- Kom terug", "- Kom \u2067terug\u2069"))
    result = run()
    assert result.status == 1
    assert result.error_lines[0] == (
        f"{path}:22:13: the body of section 2 contains an invisible direction control (U+2067 "
        "RIGHT-TO-LEFT ISOLATE), which can reorder the printed text; delete it (retype the "
        "text around it) [E-bidi-control]")
