"""Leaflets in other languages: printed labels, writing direction, fonts."""

from __future__ import annotations

import pytest
from conftest import VALID
from pypdf import PdfReader

from leaflets import language as tags

ARABIC = """\
language: ar
audiences:
  adult:
    title: جراحة الركبة
updated: 2025-01-10
review: 2099-01-10
sections:
  - heading: ما هي جراحة الركبة؟
    body: |
      جراحة الركبة عملية **بسيطة**. ستبقى في المستشفى يوما واحدا.

      - لا تأكل قبل العملية
      - أحضر أدويتك
  - heading: أسئلة؟
    body: اتصل بقسم جراحة العظام.
references:
  - دليل جراحة الركبة
"""

TURKISH = """\
language: tr
audiences:
  child-parent:
    title: Diz ameliyatı
updated: 2025-01-10
sections:
  - heading: Ameliyat nedir?
    body: Doktor dizine bakacak. Şişlik ve ağrı olabilir.
"""


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def font_names(path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.mark.parametrize("language, direction", [
    ("ar", "rtl"), ("ar-MA", "rtl"), ("he", "rtl"), ("fa-IR", "rtl"), ("ur", "rtl"),
    ("az-Arab", "rtl"), ("ar-Latn", "ltr"), ("ku", "ltr"), ("nl", "ltr"), ("en-GB", "ltr"),
])
def test_the_writing_direction_follows_the_language_tag(language, direction):
    assert tags.direction(language) == direction


def test_an_arabic_leaflet_is_printed_right_to_left_in_a_font_with_arabic_letters(sources, run):
    sources.write("knie.yaml", ARABIC)
    result = run()
    assert result.status == 0, result.err
    assert not any("none of the leaflet fonts" in line for line in result.warning_lines)
    pdf = sources.pdf("adult", "knie")
    assert "IBM-Plex-Sans-Arabic" in font_names(pdf)
    text = text_of(pdf)
    assert "جراحة الركبة" in text and "أحضر أدويتك" in text
    assert "المراجع" in text and "آخر تحديث" in text  # Arabic labels, not English ones


def test_list_bullets_of_a_right_to_left_leaflet_stand_on_the_right(sources, run):
    sources.write("knie.yaml", ARABIC)
    assert run().status == 0
    bullets, words = [], []

    def visit(string, cm, tm, *_):
        if not string.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        (bullets if string.strip() == "•" else words).append((round(y), x))

    PdfReader(sources.pdf("adult", "knie")).pages[0].extract_text(visitor_text=visit)
    assert len(bullets) == 2
    for line, bullet_x in bullets:
        item = [x for y, x in words if y == line]
        assert item and bullet_x > max(item)


def test_a_turkish_leaflet_gets_turkish_labels_and_dates(sources, run):
    sources.write("diz.yaml", TURKISH)
    assert run().status == 0
    text = text_of(sources.pdf("child-parent", "diz"))
    assert "Son güncelleme: 10 Ocak 2025" in text
    assert "ÇOCUKLAR VE EBEVEYNLER İÇİN BİLGİ" in text  # Turkish capitals: i becomes İ


def test_only_an_edition_with_arabic_script_loads_the_arabic_font(sources, run):
    sources.write("knie.yaml", ARABIC)
    sources.write("arm.yaml", VALID)
    sources.write("tolk.yaml", VALID.replace("Dat doet pijn.", "Dat doet pijn. هل تحتاج إلى مترجم؟"))
    result = run()
    assert result.status == 0
    assert not any("none of the leaflet fonts" in line for line in result.warning_lines)
    assert "IBM-Plex-Sans-Arabic" in font_names(sources.pdf("child-parent", "tolk"))
    assert "IBM-Plex-Sans-Arabic" not in font_names(sources.pdf("child-parent", "arm"))


def test_a_character_only_the_unlinked_arabic_font_has_is_still_reported(sources, run):
    sources.write("pijl.yaml", VALID.replace("Dat doet pijn.", "Dat doet pijn → rust."))
    assert any("U+2192" in line for line in run().warning_lines)


def test_an_edition_prints_the_same_after_an_arabic_one_in_the_same_process(sources, run, tmp_path):
    sources.write("arm.yaml", VALID)
    assert run("--jobs", "1", "--output", str(tmp_path / "alone")).status == 0
    sources.write("aa-knie.yaml", ARABIC)
    assert run("--jobs", "1", "--output", str(tmp_path / "after")).status == 0  # aa-knie first
    for audience in ("adult", "child-parent"):
        assert (tmp_path / "after" / audience / "arm.pdf").read_bytes() == (
            tmp_path / "alone" / audience / "arm.pdf").read_bytes()
