"""Variant texts and per-section audiences: what each edition reads."""

from __future__ import annotations

from conftest import VALID

from leaflets.resolve import resolve
from leaflets.source.leaflet import load_file as load


def edition(sources, text: str, audience: str):
    path = sources.write("leaflet.yaml", text)
    return resolve(load(path).leaflet, audience)


def test_a_shared_text_is_read_by_every_audience(sources):
    for audience in ("child-parent", "adult"):
        assert edition(sources, VALID, audience).sections[1].heading == "Gips"


def test_a_per_audience_text_gives_each_audience_its_own(sources):
    assert edition(sources, VALID, "child-parent").sections[0].heading == "Wat is er gebeurd?"
    assert edition(sources, VALID, "adult").sections[0].heading == "Wat is een armfractuur?"


def test_a_section_for_one_audience_is_left_out_of_the_other(sources):
    text = VALID + "  - heading: Voor ouders\n    audiences: [child-parent]\n    body: Alleen hier.\n"
    assert [s.heading for s in edition(sources, text, "child-parent").sections][-1] == "Voor ouders"
    assert "Voor ouders" not in [s.heading for s in edition(sources, text, "adult").sections]


def test_a_section_for_one_audience_needs_no_text_for_the_other(sources):
    text = VALID + ("  - heading: {adult: Alleen volwassenen}\n    audiences: [adult]\n"
                    "    body: {adult: Tekst.}\n")
    assert edition(sources, text, "adult").sections[-1].heading == "Alleen volwassenen"


def test_title_subtitle_and_author_per_audience(sources):
    child = edition(sources, VALID, "child-parent")
    assert (child.title, child.subtitle, child.author) == (
        "Gebroken arm", "Wat je moet weten over gips", "Afdeling Kinderchirurgie")
    adult = edition(sources, VALID, "adult")
    assert (adult.title, adult.subtitle) == ("Armfractuur", None)


def test_an_optional_text_can_be_left_out_for_one_audience_with_null(sources):
    text = VALID.replace("author: Afdeling Kinderchirurgie",
                         "author:\n  child-parent: Afdeling Kinderchirurgie\n  adult: null")
    assert edition(sources, text, "adult").author is None
    assert edition(sources, text, "child-parent").author == "Afdeling Kinderchirurgie"


def test_the_updated_date_can_differ_per_audience(sources):
    text = VALID.replace("updated: 2024-03-01",
                         "updated:\n  child-parent: 2024-03-01\n  adult: 2023-12-24")
    assert edition(sources, text, "adult").updated.isoformat() == "2023-12-24"


def test_links_and_references_follow_their_audiences(sources):
    text = VALID + (
        "links:\n"
        "  - title: Voor iedereen\n    url: https://example.org/a\n"
        "  - title: Alleen ouders\n    url: https://example.org/b\n    audiences: [child-parent]\n"
        "references:\n"
        "  - Gedeelde bron.\n"
        "  - {child-parent: Bron voor ouders., adult: Bron voor volwassenen.}\n"
        "  - text: Alleen voor volwassenen.\n    audiences: [adult]\n")
    child = edition(sources, text, "child-parent")
    adult = edition(sources, text, "adult")
    assert [link.title for link in child.links] == ["Voor iedereen", "Alleen ouders"]
    assert [link.title for link in adult.links] == ["Voor iedereen"]
    assert child.references == ("Gedeelde bron.", "Bron voor ouders.")
    assert adult.references == ("Gedeelde bron.", "Bron voor volwassenen.", "Alleen voor volwassenen.")


def test_labels_come_from_the_leaflet_language(sources):
    dutch = edition(sources, VALID, "adult")
    english = edition(sources, VALID.replace("language: nl", "language: en-GB"), "adult")
    assert (dutch.labels.page, dutch.labels.page_of, dutch.labels.updated) == (
        "pagina", "van", "Laatst bijgewerkt")
    assert (english.labels.page, english.labels.page_of, english.labels.updated) == (
        "page", "of", "Last updated")


def test_an_unlabelled_language_builds_with_english_labels_and_a_warning(sources):
    path = sources.write("leaflet.yaml", VALID.replace("language: nl", "language: sv"))
    loaded = load(path)
    assert resolve(loaded.leaflet, "adult").labels.page == "page"
    assert [str(w) for w in loaded.warnings] == [
        f"{path}:1:11: warning: no printed labels for language 'sv' yet; using the en ones "
        "[W-language-labels]"]
