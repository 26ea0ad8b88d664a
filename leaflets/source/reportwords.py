"""The words of the editors' report and of the leaflet site, per language.

They are the `report:` and `site:` blocks of languages.yaml.

Declared once here, like the leaflet's fields: each label's name, and for a
label with `{placeholders}` exactly the ones it must use. Every label is
optional in a language but English, which is complete (a test and the loader
check it): the report takes a missing label from English.
"""

from __future__ import annotations

from yaml.nodes import Node

from .nodes import Context, Field, Schema, Text, Validator, read_fields
from .values import Pattern


def _label(name: str, description: str, *placeholders: str) -> Field:
    return Field(name, Pattern(placeholders) if placeholders else Text(), description)


REPORT = Schema("the report's words", (
    _label("title", "the report's title"),
    _label("built", "the count of PDFs built (followed by the number)"),
    _label("problems", "the count of problems"),
    _label("warnings", "the count of warnings"),
    _label("made", "when the report was made"),
    _label("overview", "the heading of the overview table"),
    _label("overview_caption", "what the overview shows"),
    _label("search", "the label of the overview's search field"),
    _label("show", "the label of the overview's status choice"),
    _label("all", "the status choice that shows every row"),
    _label("shown", "how many rows the overview shows", "shown", "total"),
    _label("leaflet", "column: the leaflet"),
    _label("audience", "column: the audience"),
    _label("status", "column: the status"),
    _label("findings", "column and heading: the findings"),
    _label("pages", "column and heading: the pages"),
    _label("review", "column: the review date"),
    _label("status_fine", "status: nothing to do"),
    _label("status_warnings", "status: warnings"),
    _label("status_errors", "status: not built"),
    _label("status_review", "status: the review date has passed or is near"),
    _label("problems_heading", "the heading of the problems that stopped a leaflet"),
    _label("files", "the heading of an edition's PDFs"),
    _label("no_files", "an edition without a PDF"),
    _label("file_detail", "the pages and size of a PDF", "pages", "size"),
    _label("readability", "the heading of the readability figures"),
    _label("measure", "column: a readability measure"),
    _label("this_edition", "column: the edition's figure"),
    _label("target", "column: the audience's target"),
    _label("met", "column: whether the target is met"),
    _label("yes", "a target met"),
    _label("no", "a target missed"),
    _label("no_figure", "no figure to judge"),
    _label("at_most", "a target's bound: at most"),
    _label("at_least", "a target's bound: at least"),
    _label("not_measured", "a figure the language has no formula for"),
    _label("no_target", "an audience without a target"),
    _label("words_unit", "the unit of sentence lengths"),
    _label("average_sentence", "measure: the average sentence length"),
    _label("long_words", "measure: the share of long words"),
    _label("reading_ease", "measure: reading ease, by its formula", "formula"),
    _label("longest_sentence", "measure: the longest sentence"),
    _label("counted", "the counts the figures are measured on", "sentences", "words"),
    _label("long_sentences", "the heading of the sentences over the target"),
    _label("long_sentence", "where a long sentence is and how long", "line", "words"),
    _label("spelling", "the heading of the spelling findings"),
    _label("spelling_unchecked", "spelling not checked: no dictionary"),
    _label("unknown_words", "the words the dictionary does not know"),
    _label("all_words_known", "every word is known"),
    _label("review_planned", "the next review date", "date"),
    _label("review_soon", "a review date that is near", "date"),
    _label("review_overdue", "a review date that has passed", "date"),
    _label("review_missing", "a leaflet without a review date"),
    _label("at_line", "where a finding is", "line"),
    _label("messages_language", "the language the findings are written in (English)"),
    _label("see_pages", "the link to the page views of every format"),
    _label("page_of", "a page and the page count", "number", "total"),
    _label("back", "the link back to the report"),
    _label("open_pdf", "the link to a PDF"),
    # Document control (issue 14).
    _label("code", "column: the leaflet's code"),
    _label("no_code", "a leaflet without a code"),
    _label("edition", "column: the released edition the text is"),
    _label("edition_number", "a released edition", "number"),
    _label("edition_none", "a text that is not a released edition"),
    _label("unreleased", "column: changes since the last released edition"),
))
NAMES = REPORT.names

#: The words of the contact block that ends every edition, and of the notes pages.
CONTACT = Schema("the contact block's words", (
    _label("heading", "the contact block's heading"),
    _label("intro", "one line under the heading: whom the reader reaches"),
    _label("phone", "label: the telephone number"),
    _label("email", "label: the e-mail address"),
    _label("website", "label: the website"),
    _label("address", "label: the address"),
    _label("hours", "label: when the department can be reached"),
    _label("urgent", "label: the urgent number"),
    _label("urgent_note", "when to call the urgent number, if the department says nothing"),
    _label("published_by", "before the organisation's name on a booklet's back cover"),
    _label("notes", "the heading of a notes page"),
    _label("questions", "the heading of a page for the reader's questions"),
))
CONTACT_NAMES = CONTACT.names

#: The words of the leaflet site, and of the caption beside a print's QR code.
SITE = Schema("the site's words", (
    _label("title", "the site's name, on every page and in the feed"),
    _label("intro", "the index's opening sentence"),
    _label("skip", "the skip link to the page's content"),
    _label("home", "the link back to the index"),
    _label("search", "the label of the index's search field"),
    _label("audience", "the label of the index's audience choice"),
    _label("department", "the label of the index's department choice, and the column"),
    _label("language", "the column: the leaflet's language"),
    _label("all", "the choice that shows every leaflet"),
    _label("shown", "how many leaflets the filter shows", "shown", "total"),
    _label("none_shown", "the filter matches no leaflet"),
    _label("leaflet", "the column: the leaflet"),
    _label("updated", "the column and fact: the date of the current edition"),
    _label("review", "the fact: the next review date"),
    _label("edition", "the fact: the edition, by its number or date"),
    _label("code", "the fact: the leaflet's code"),
    _label("downloads", "the heading of the PDFs to download"),
    _label("pdf_detail", "a PDF's format, pages and size", "format", "pages", "size"),
    _label("for_printing", "the heading of the PDFs for printers"),
    _label("newer", "on an older edition's page: a newer edition exists", "date"),
    _label("read_current", "the link from an older edition to the current one"),
    _label("this_edition", "on an older edition's page: which edition it is", "date"),
    _label("qr_caption", "printed beside the QR code, before its address"),
    _label("feed", "the link to the feed of new and updated editions"),
    _label("preview_error", "the preview's notice that the last save could not be built"),
    # A format without a word here is named by its description in formats.yaml.
    *(_label(f"format_{name}", f"the download link of the {name} format's PDF")
      for name in ("a4", "a5", "large", "large18", "booklet", "press")),
))
SITE_NAMES = SITE.names


class ReportWords(Validator[tuple[tuple[str, str], ...]]):
    """A language's words of one block (the report's, or with `schema=SITE` the site's)."""

    kind = "mapping of labels"

    def __init__(self, schema: Schema = REPORT) -> None:
        self.schema = schema

    def read(self, node: Node, what: str, context: Context) -> tuple[tuple[str, str], ...] | None:
        values = read_fields(self.schema, node, what, context)
        if values is None:
            return None
        return tuple((name, text) for name, text in values.items() if text is not None)
