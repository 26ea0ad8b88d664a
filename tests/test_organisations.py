"""Who a leaflet is from and how to reach them: organisations, departments, snippets, variables.

Real sources in, real PDFs out, checked by their text and their link annotations.
"""

from __future__ import annotations

import pikepdf
import pytest
from conftest import ROOT, VALID
from pypdf import PdfReader

from leaflets.render.html import tel_url
from leaflets.source.values import contrast

ORGANISATION = """\
name: Voorbeeldziekenhuis
logo:
  file: images/logo.svg
  alt: Logo van het Voorbeeldziekenhuis
website: https://www.example.org/
colours:
  text: "#0b5e6b"
departments:
  gips:
    name: Gipskamer
    phone: 020 7946 0123
    email: gips@example.org
    hours: elke werkdag, 8.00 tot 17.00 uur
  kinderchirurgie:
    name: Polikliniek kinderchirurgie
    phone: 020 7946 0456
    email: kinderchirurgie@example.org
"""
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
        '<rect width="10" height="10" fill="#0b5e6b"/></svg>')
WITH_DEPARTMENT = VALID.replace("updated: 2024-03-01", "updated: 2024-03-01\ndepartments: [gips]")
SNIPPETS = """\
bel-direct:
  heading: Wanneer bellen?
  urgent: true
  body: |
    Bel direct {{ department.phone }} als het gips knelt.
"""


URGENT_FOR_ADULTS = """\
  - heading: Wanneer bellen?
    urgent: true
    audiences: [adult]
    body: Bel direct als uw vingers blauw worden.
"""


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def uris(path) -> set[str]:
    with pikepdf.open(path) as pdf:
        return {str(annotation.A.URI) for page in pdf.pages
                for annotation in page.get("/Annots", []) if "/A" in annotation
                and "/URI" in annotation.A}


@pytest.fixture
def hospital(sources):
    (sources.root / "organisation.yaml").write_text(ORGANISATION, encoding="utf-8")
    (sources.root / "images").mkdir()
    (sources.root / "images" / "logo.svg").write_text(LOGO, encoding="utf-8")
    return sources


def test_every_edition_names_the_organisation_first_and_ends_with_the_contact_block(hospital,
                                                                                     run):
    hospital.write("arm.yaml", WITH_DEPARTMENT)
    result = run("--format", "a4,a5,large,booklet")
    assert result.status == 0, result.err
    for path in hospital.output.rglob("*.pdf"):
        first = PdfReader(path).pages[0].extract_text()
        if "booklet" not in path.name:
            assert "Voorbeeldziekenhuis" in first, path
        text = text_of(path)
        assert "Gipskamer" in text and "020 7946 0123" in text, path
        assert "gips@example.org" in text, path
        assert {"tel:02079460123", "mailto:gips@example.org"} <= uris(path), path


def test_a_telephone_number_becomes_an_international_tel_link_with_a_country_code():
    assert tel_url("088 555 01 00", "+31") == "tel:+31885550100"
    assert tel_url("+31 (0)20 794 6012") == "tel:+31207946012"
    assert tel_url("020-7946 0123") == "tel:02079460123"


def test_the_booklet_back_cover_holds_the_contact_block_and_the_dates(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT)
    assert run("--format", "press").status == 0  # the booklet's pages, not imposed
    pages = PdfReader(hospital.output / "print" / "adult" / "arm.a5-press.pdf").pages
    back = pages[-1].extract_text()
    assert "Gipskamer" in back and "020 7946 0123" in back and "1 maart 2024" in back


def test_padding_pages_of_a_booklet_are_for_questions_and_notes(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT)
    assert run("--format", "press").status == 0
    pages = [page.extract_text() for page in PdfReader(
        hospital.output / "print" / "adult" / "arm.a5-press.pdf").pages]
    assert len(pages) % 4 == 0
    assert any("Mijn vragen" in page for page in pages[:-1])
    assert all(page.strip() for page in pages)


def test_a_leaflet_without_a_department_builds_with_the_completeness_warning(sources, run):
    sources.write("arm.yaml", VALID.replace("Kom terug als het knelt.", "Vragen? Kom terug."))
    result = run()
    assert result.status == 0, result.err
    assert any("[W-no-contact]" in line for line in result.warning_lines)
    assert run("--strict").status == 1


def test_a_department_with_a_phone_number_satisfies_completeness(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT)
    result = run()
    assert result.status == 0, result.err
    assert not any("[W-no-contact]" in line for line in result.warning_lines)


def test_an_unknown_department_is_a_located_error_and_the_others_still_build(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT.replace("[gips]", "[gipz]"))
    hospital.write("been.yaml", WITH_DEPARTMENT.replace("Gebroken arm", "Gebroken been"))
    result = run()
    assert result.status == 1
    assert len(result.error_lines) == 1
    assert "arm.yaml:" in result.error_lines[0] and "did you mean 'gips'" in result.error_lines[0]
    assert "[E-unknown-department]" in result.error_lines[0]
    assert hospital.pdf("adult", "been").exists() and not hospital.pdf("adult", "arm").exists()


def test_a_brand_text_colour_under_4_5_to_1_is_a_located_error(hospital, run):
    (hospital.root / "organisation.yaml").write_text(
        ORGANISATION.replace("#0b5e6b", "#9fc5cc"), encoding="utf-8")
    hospital.write("arm.yaml", WITH_DEPARTMENT)
    result = run()
    assert result.status == 1
    assert result.error_lines == [line for line in result.error_lines
                                  if "organisation.yaml:7:9:" in line and "[E-brand-contrast]"
                                  in line]
    assert len(result.error_lines) == 1
    assert hospital.pdf("adult", "arm").exists()  # built, in the audience's own colours


def test_contrast_is_the_wcag_ratio():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_a_snippet_is_a_section_and_its_variables_come_from_the_department(hospital, run):
    (hospital.root / "snippets.yaml").write_text(SNIPPETS, encoding="utf-8")
    hospital.write("arm.yaml", WITH_DEPARTMENT + "  - snippet: bel-direct\n")
    result = run()
    assert result.status == 0, result.err
    for audience in ("adult", "child-parent"):
        text = text_of(hospital.pdf(audience, "arm"))
        assert "Wanneer bellen?" in text and "Bel direct 020 7946 0123 als het gips knelt" in text


def test_an_unknown_variable_is_a_located_error(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT.replace(
        "Het gips blijft", "Bel {{ department.telefoon }}. Het gips blijft"))
    result = run()
    assert result.status == 1
    (line,) = result.error_lines
    assert "arm.yaml:20:11:" in line and "[E-unknown-variable]" in line


def test_an_unknown_snippet_is_a_located_error(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT + "  - snippet: bel-meteen\n")
    result = run()
    assert result.status == 1
    (line,) = result.error_lines
    assert "arm.yaml:" in line and "[E-unknown-snippet]" in line


def test_a_variable_of_a_missing_department_field_names_the_department(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT.replace(
        "Het gips blijft", "Bel {{ department.urgent_phone }}. Het gips blijft"))
    result = run()
    assert result.status == 1
    (line,) = result.error_lines
    assert "department 'gips' has no urgent_phone" in line and "[E-variable-missing]" in line


def test_a_changed_phone_number_rebuilds_exactly_the_leaflets_that_print_it(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT)
    hospital.write("been.yaml", WITH_DEPARTMENT.replace("[gips]", "[kinderchirurgie]"))
    hospital.write("hand.yaml", VALID.replace("Gebroken arm", "Gebroken hand"))
    assert run().status == 0
    before = {p: p.stat().st_mtime_ns for p in hospital.output.rglob("*.pdf")}
    (hospital.root / "organisation.yaml").write_text(
        ORGANISATION.replace("020 7946 0123", "020 7946 0999"), encoding="utf-8")
    result = run()
    assert result.status == 0, result.err
    changed = {p.name for p, t in before.items() if p.stat().st_mtime_ns != t}
    assert changed == {"arm.pdf"}
    assert "020 7946 0999" in text_of(hospital.pdf("adult", "arm"))
    assert "020 7946 0999" in text_of(hospital.pdf("child-parent", "arm"))


def test_a_co_published_leaflet_gives_each_publisher_its_own_editions(hospital, run):
    hospital.write("arm.yaml", VALID.replace(
        "updated: 2024-03-01", "updated: 2024-03-01\npublishers: [gips, kinderchirurgie]"))
    result = run()
    assert result.status == 0, result.err
    folder = hospital.output / "by"
    gips = text_of(folder / "voorbeeldziekenhuis-gips" / "adult" / "arm.pdf")
    kinder = text_of(folder / "voorbeeldziekenhuis-kinderchirurgie" / "adult" / "arm.pdf")
    assert "020 7946 0123" in gips and "020 7946 0456" not in gips
    assert "020 7946 0456" in kinder and "020 7946 0123" not in kinder
    assert not hospital.pdf("adult", "arm").exists()


def test_an_urgent_instruction_for_one_audience_only_is_a_warning_naming_the_other(sources, run):
    sources.write("arm.yaml", VALID + URGENT_FOR_ADULTS)
    result = run()
    assert result.status == 0, result.err
    assert any("[W-urgent-parity]" in line and "'child-parent' edition" in line
               for line in result.warning_lines)


def test_the_shipped_example_is_plainly_fictional():
    text = (ROOT / "sources" / "organisation.yaml").read_text(encoding="utf-8")
    assert "example.org" in text
    # Ofcom's range for drama (020 7946 0000 to 0999): no one real is ever called.
    numbers = [line.split(":", 1)[1].strip() for line in text.splitlines()
               if line.strip().startswith(("phone:", "urgent_phone:"))]
    assert numbers and all(number.startswith("+44 20 7946 0") for number in numbers)


def test_a_snippet_in_a_text_needs_a_body_for_every_audience_that_reads_it(hospital, run):
    (hospital.root / "snippets.yaml").write_text(
        "kort:\n  body:\n    adult: Neem deze folder mee.\n", encoding="utf-8")
    hospital.write("arm.yaml", WITH_DEPARTMENT.replace(
        "Het gips blijft", "{{ snippet.kort }} Het gips blijft"))
    result = run()
    assert result.status == 1
    (line,) = result.error_lines
    assert "arm.yaml:20:7:" in line and "audience 'child-parent'" in line


def test_the_publishers_name_printed_by_a_variable_is_no_misspelling(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT.replace(
        "Het gips blijft", "Het {{ organisation.name }} helpt u. Het gips blijft"))
    result = run("lint")
    assert result.status == 0, result.err
    assert "Voorbeeldziekenhuis" not in result.err


def test_a_co_published_leaflet_unchanged_builds_nothing_the_second_time(hospital, run):
    hospital.write("arm.yaml", VALID.replace(
        "updated: 2024-03-01", "updated: 2024-03-01\npublishers: [gips, kinderchirurgie]"))
    assert run().status == 0
    again = run()
    assert again.status == 0
    assert again.out.startswith("nothing to build: all 4 PDF(s) are up to date (1 leaflet(s));")
    assert "site: " not in again.out  # the site offers one publisher's PDFs, always the same


def test_a_variable_outside_a_section_is_a_located_error(hospital, run):
    hospital.write("arm.yaml", WITH_DEPARTMENT.replace(
        "title: Armfractuur", "title: Armfractuur ({{ organisation.name }})"))
    result = run()
    assert result.status == 1
    (line,) = result.error_lines
    assert "arm.yaml:7:25:" in line and "sections only" in line
