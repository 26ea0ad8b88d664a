"""The problem codes of organisations, departments, snippets and variables.

Listed in docs/problems.md after the codes of `codes.py`, which makes each entry a
`Code` (code, summary, trigger, fix) and adds this group.
"""

from __future__ import annotations

#: (heading, ((code, summary, trigger, fix), ...)), as `codes.Code` takes them.
GROUP: tuple[str, tuple[tuple[str, str, str, str], ...]] = (
    "Organisations, departments and snippets", (
    ("E-not-an-id", "An id is not lower-case letters, digits and hyphens.",
         "A department, organisation or snippet id such as `Neurologie` or `kinder neuro`.",
         "Write it as `neurologie` or `kinder-neuro`."),
    ("E-phone-format", "A telephone number is not one.",
         "A `phone`, `urgent_phone` or `country_code` with letters, or fewer than 6 or more "
         "than 15 digits.",
         "Write the number as patients dial it, e.g. `088 555 01 00` or `+31 88 555 01 00`."),
    ("E-email-format", "An e-mail address is not one.", "An `email` without an `@` and "
         "a domain.", "Write the address, e.g. `neurologie@example.org`."),
    ("E-colour-format", "A colour is not written `#rrggbb`.", "A brand colour such as "
         "`blue` or `#12345`.", "Write it as six hexadecimal digits after `#`, e.g. `#1f4e79`."),
    ("E-brand-contrast", "A brand text colour is too light to read.",
         "`colours.text` stands out less than 4.5:1 from white or from `colours.background` "
         "(WCAG 1.4.3). The editions are built without the brand colours.",
         "Choose a darker text colour (or a lighter background)."),
    ("E-duplicate-department", "Two organisations give the same department id.",
         "The same id under `departments` in two organisation files.",
         "Rename one (`neurologie-noord`): a leaflet names its department by id alone."),
    ("E-unknown-department", "A leaflet names a department that is not there.",
         "An id in `departments` or `publishers` that no organisation file gives.",
         "Correct the id, or add the department to `sources/organisation.yaml`."),
    ("E-unknown-snippet", "A leaflet includes a snippet that is not there.",
         "`- snippet: <name>` or `{{ snippet.<name> }}` naming no snippet of "
         "`sources/snippets.yaml` (or, as a section, one without a heading).",
         "Correct the name, or add the snippet."),
    ("E-snippet-nested", "A snippet includes another snippet.",
         "`{{ snippet.<name> }}` inside a text of `sources/snippets.yaml`.",
         "Write the text out, or include both snippets in the leaflet."),
    ("E-unknown-variable", "A text uses a variable that does not exist.",
         "`{{ ... }}` in a text that is not one of `{{ organisation.name }}`, "
         "`{{ department.phone }}` and the other fields docs/source-format.md lists.",
         "Correct the variable; to print braces, write them single."),
    ("E-variable-missing", "A variable has no value for this leaflet.",
         "`{{ department.<field> }}` in a leaflet that names no department, or whose "
         "department (of any of its publishers) lacks that field.",
         "Name the department (`departments: [<id>]`) or add the field to it."),
))
