"""The problem codes of what the build takes on trust: nothing.

Odd entries among the sources, a damaged record of the last build, a worker that
died, images that do not decode, text the page cannot hold, invisible controls.
Listed in docs/problems.md after the codes of `codes.py`, which makes each entry a
`Code` (code, summary, trigger, fix) and adds this group.
"""

from __future__ import annotations

#: (heading, ((code, summary, trigger, fix), ...)), as `codes.Code` takes them.
GROUP: tuple[str, tuple[tuple[str, str, str, str], ...]] = (
    "What the build takes on trust: nothing", (
    ("E-not-a-file", "An entry among the sources is not a regular file.",
         "A folder, a link to nothing, a named pipe (FIFO) or a device where a leaflet, "
         "the glossary, the word list or an image should be; it is never read.",
         "Remove the entry, or put the file it should be in its place."),
    ("W-manifest-damaged", "The record of the last build cannot be trusted.",
         "An output folder's `.build-manifest.json` that is not the JSON object a build "
         "writes (edited, truncated, replaced).",
         "Nothing to fix: every leaflet is built again and the record is written anew."),
    ("E-worker-died", "A worker process died while typesetting an edition.",
         "The operating system ended a worker (out of memory, killed); the build "
         "replaces it and goes on with the other editions.",
         "Build again; if it recurs for the same edition, shorten it or report it."),
    ("E-image-undecodable", "An image file cannot be decoded.",
         "A truncated or malformed SVG or PNG, an SVG with a DOCTYPE, a PNG larger "
         "than the image decoder accepts, or a file whose contents are not its type.",
         "Export the image again as a plain PNG or SVG, and check that it opens."),
    ("E-markdown-too-deep", "Text nested deeper than the Markdown subset supports.",
         "Lists or quotes nested more levels deep than a leaflet can print.",
         "Flatten the nesting: a patient leaflet needs at most a list within a list."),
    ("W-text-too-wide", "A word or address wider than the page.",
         "A word, code or web address so long that even broken at any letter it "
         "runs past the edge of the page in an edition.",
         "Shorten it, or link a short text to the address instead."),
    ("E-bidi-control", "An invisible direction control in the text.",
         "A bidirectional embedding, override or isolate (U+202A-U+202E, "
         "U+2066-U+2069) in a text: it reorders what is printed (a dosage typed "
         "105 prints as 150) and cannot be seen in the source.",
         "Delete the character (retype the text around it)."),
    ("W-invisible-control", "An invisible directional mark in the text.",
         "A left-to-right, right-to-left or Arabic letter mark (U+200E, U+200F, "
         "U+061C) in a text; it moves neutral characters such as punctuation.",
         "Delete it, unless the text mixes left-to-right and right-to-left words."),
))
