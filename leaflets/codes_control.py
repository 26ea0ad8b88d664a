"""The problem codes of document control: the leaflet's code and history, release, the archive.

Listed in docs/problems.md after the codes of `codes.py`, which makes each entry a
`Code` (code, summary, trigger, fix) and adds this group.
"""

from __future__ import annotations

#: (heading, ((code, summary, trigger, fix), ...)), as `codes.Code` takes them.
GROUP: tuple[str, tuple[tuple[str, str, str, str], ...]] = (
    "Document control: codes, editions, release and the archive", (
    ("E-code-format", "A leaflet code that is not written as codes are.",
         "A `code` with other characters than capitals and digits in parts joined by `-`, "
         "`.` or `/`.",
         "Write the code as the document register has it, such as `NEU-012`."),
    ("E-history-without-code", "Editions are recorded for a leaflet without a code.",
         "A `history` in a leaflet that has no `code`.",
         "Add the leaflet's `code`: the editions of a leaflet are known by it."),
    ("E-edition-number", "The editions of `history` are not numbered 1, 2, 3, ...",
         "A record whose `number` is not one more than the record above it (the first is 1).",
         "Number the editions in order, oldest first; never renumber a released edition."),
    ("E-edition-order", "An edition is dated before the edition above it.",
         "A record of `history` whose `date` is earlier than the date of the one before it.",
         "Correct the date: editions are listed oldest first."),
    ("E-edition-future", "An edition is dated after today.",
         "A record of `history` whose `date` lies ahead: an edition is dated the day it "
         "is approved.",
         "Release the edition on the day of its approval (`make_leaflets.py release`)."),
    ("E-date-future", "The date of a text is after today.",
         "An `updated` date that lies ahead.",
         "Give the date the text was written or last checked."),
    ("W-no-document-control", "The leaflet has no code.",
     "A leaflet without `code`: its editions print no code or edition number, and it "
     "cannot be released. (A leaflet with a code that was never released prints "
     "\"draft\" instead of an edition; that is no warning.)",
     "Add `code:` (and `approver:`), then release it: `make_leaflets.py release <id> "
     "--note \"...\"`."),
    ("W-withdrawn", "The leaflet was withdrawn.",
     "`make_leaflets.py withdraw <id>` marked it withdrawn (`withdrawn.json` in its "
     "archive): its PDFs print \"draft\" and it cannot be released again.",
     "Hand out none of its editions; remove the source when the clinic agrees (its "
     "archive stays)."),
    ("W-date-unchanged", "The text changed since its last edition, its date did not.",
         "An audience's text differs from the text of the last released edition (in the "
         "archive) while its `updated` date is still the same.",
         "Set `updated` for that audience to the date of the change."),
    ("W-edition-not-archived", "The last edition of `history` is not in the archive.",
         "A recorded edition without its folder in `<sources>/archive/<id>/`: what changed "
         "since cannot be said, and `diff` has nothing to compare with.",
         "Release editions with `make_leaflets.py release`, which archives them."),
    ("E-archive-damaged", "A file of the archive does not match its recorded hash.",
         "`make_leaflets.py history` or `release` found an archived file missing, or its "
         "SHA-256 differs from the one recorded when the edition was released.",
         "Restore the archive from version control (`git checkout -- sources/archive`); "
         "archived files are never edited."),
    ("E-release-refused", "`make_leaflets.py release` did not release the leaflet.",
         "The leaflet has errors, no code or approver, page texts that differ from their "
         "snapshots, a review date that has passed, or no change since its last edition; "
         "the message says which.",
         "Fix what the message names, then release again; nothing was written."),
))
