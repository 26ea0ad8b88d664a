"""The Markdown subset of section bodies: one definition, used to check and to render.

Editors may write paragraphs, `###` sub-headings, bullet and numbered lists,
`**bold**`, `*italic*`, links to http(s) or mailto addresses, and images from
the sources' own images folder with alt text (`![what it shows](images/x.svg)`).
Everything else CommonMark knows (raw HTML, code, quotes, rules, other heading
levels) is reported at load time, so a leaflet never prints markup its editor
did not mean. Rendering never passes raw HTML through, whatever the input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

LINK_SCHEMES = ("http", "https", "mailto")
#: Nesting levels a text may reach (each list is 2: the list and its item);
#: markdown-it drops text nested as deep as its own limit (20), so the subset stops
#: well before it.
MAX_NESTING = 10
SUBHEADING_LEVEL = 3
#: A sub-item is indented by this many spaces under its item (fewer: see `_nested_slips`).
SUBITEM_INDENT = 4
#: Digit groups a telephone number is written in: 020-123 45 67, +31 (0)20 123 4567,
#: (020) 1234567, 06-12345678. Kept on one line when printed (`.phone` in the styles).
PHONE = re.compile(r"(?<![\w+/.,:-])(?:\+|\(0)?\d[\d)]*(?:(?:\s?[-–]\s?|\s)\(?\d[\d)]*)+(?![\w/])")
PHONE_DIGITS = 6
#: An image is a file of the sources' images folder: `images/<name>.svg` or `.png`.
IMAGE_SOURCE = re.compile(r"^images/[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png)$")

# What an editor did, in words an editor understands, for every construct
# outside the subset, with the problem's code. Keys are markdown-it token types.
_NOT_IN_SUBSET = {
    "html_block": ("E-markdown-html", "raw HTML is not allowed in the text: {content}"),
    "html_inline": ("E-markdown-html", "raw HTML is not allowed in the text: {content}"),
    "code_block": ("E-markdown-construct", "text indented by four or more spaces becomes a "
                   "code block; remove the indentation"),
    "fence": ("E-markdown-construct", "code blocks (```) are not part of the leaflet text"),
    "code_inline": ("E-markdown-construct",
                    "`backticks` are not part of the leaflet text: {content}"),
    "blockquote_open": ("E-markdown-construct",
                        "quotes (lines starting with '>') are not part of the leaflet text"),
    "hr": ("E-markdown-construct", "horizontal rules (---, ***) are not part of the leaflet text"),
}


@dataclass(frozen=True)
class MarkdownProblem:
    """A construct outside the subset, or a slip, at a 0-based line of the body text."""

    line: int
    code: str  # see leaflets/codes.py
    message: str
    fragment: str = ""  # the text at fault, to find its column


def _checking_parser() -> MarkdownIt:
    # Recognise everything, so that every construct outside the subset can be named.
    parser = MarkdownIt("commonmark", {"html": True})
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # as documented
    return parser


def _rendering_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False})
    # Whatever the input, only the subset's own elements come out.
    parser.disable(["html_block", "html_inline", "code", "fence", "backticks", "blockquote", "hr"])
    parser.add_render_rule("heading_open", lambda *args: f"<h{SUBHEADING_LEVEL}>")
    parser.add_render_rule("heading_close", lambda *args: f"</h{SUBHEADING_LEVEL}>\n")
    parser.add_render_rule("link_close", _render_link_close)
    parser.add_render_rule("image", _render_image)
    parser.add_render_rule("text", _render_text)
    return parser


def check(text: str) -> list[MarkdownProblem]:
    """Every construct of `text` outside the leaflet subset, and the slips (`W-` codes)."""
    problems = []
    tokens = _CHECKER.parse(text)
    for block in tokens:
        line = block.map[0] if block.map else 0
        problems.extend(_check_token(block, line))
        for token in block.children or ():
            problems.extend(_check_token(token, line))
    return problems + _too_deep(tokens) + _nested_slips(text, tokens)


def _too_deep(tokens: Sequence[Token]) -> list[MarkdownProblem]:
    """Text nested deeper than the subset prints (the parser would drop what lies deeper)."""
    for block in tokens:
        deepest = max((block.level, *(child.level for child in block.children or ())))
        if deepest >= MAX_NESTING:
            return [MarkdownProblem(
                block.map[0] if block.map else 0, "E-markdown-too-deep",
                "the text here is nested too deep to be printed (lists within lists, or "
                f"emphasis within emphasis); nest lists at most {MAX_NESTING // 2 - 1} deep")]
    return []


def _nested_slips(text: str, tokens: Sequence[Token]) -> list[MarkdownProblem]:
    """Lists indented by 2 or 3 spaces under a bullet: they print as sub-items of it.

    An editor who wants a sub-item indents it by four spaces; two or three are
    most often a new item typed one space bar too far, which Markdown nests.
    """
    lines, problems, items = text.splitlines(), [], list[Token]()
    for token in tokens:
        if token.type == "list_item_open":
            items.append(token)
        elif token.type == "list_item_close":
            items.pop()
        elif (token.type in ("bullet_list_open", "ordered_list_open") and items and token.map
              and items[-1].markup in "-*+" and items[-1].map):
            line, above = lines[token.map[0]], lines[items[-1].map[0]]
            depth = _indent(line) - _indent(above)
            if depth < SUBITEM_INDENT:
                problems.append(MarkdownProblem(
                    token.map[0], "W-list-nested",
                    f"this list item is indented by {depth} spaces under the item above it, so "
                    "it prints as a sub-item of that one; to make it an item of its own, start "
                    "it in the same column as the item above (for a sub-item, indent it by "
                    f"{SUBITEM_INDENT} spaces)", line.strip()))
    return problems


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _check_token(token: Token, line: int) -> list[MarkdownProblem]:
    kind = token.type
    if kind in _NOT_IN_SUBSET:
        code, message = _NOT_IN_SUBSET[kind]
        content = " ".join(token.content.split())[:60]
        return [MarkdownProblem(line, code, message.format(content=content),
                                token.content.splitlines()[0] if token.content else "")]
    if kind == "heading_open" and token.tag != f"h{SUBHEADING_LEVEL}":
        level = int(token.tag[1:])
        return [MarkdownProblem(
            line, "E-heading-level",
            f"sub-headings in the text are written '{'#' * SUBHEADING_LEVEL} ' "
            f"(found a level-{level} heading '{'#' * level} ')",
        )]
    if kind == "image":
        source = str(token.attrs.get("src", ""))
        problems = []
        if not IMAGE_SOURCE.match(source):
            problems.append(MarkdownProblem(
                line, "E-image-source", f"image '{source}' must be a .svg or .png file in the "
                "images folder, written as images/<name>.svg", source))
        if not token.content.strip():
            problems.append(MarkdownProblem(
                line, "E-image-alt", f"image '{source}' needs alt text saying what it shows, "
                f"written as ![what it shows]({source})", source))
        return problems
    if kind == "link_open":
        href = str(token.attrs.get("href", ""))
        if not is_allowed_url(href):
            return [MarkdownProblem(
                line, "E-link-scheme",
                f"link '{href}' must start with http://, https:// or mailto:", href)]
    return []


def images(text: str) -> list[tuple[int, str]]:
    """(0-based line, source) of every image in `text`."""
    found = []
    for block in _CHECKER.parse(text):
        for token in block.children or ():
            if token.type == "image":
                found.append((block.map[0] if block.map else 0, str(token.attrs.get("src", ""))))
    return found


def blocks(text: str) -> list[str]:
    """The plain text of `text`, one string per paragraph, heading or list item."""
    found = []
    for token in _RENDERER.parse(text):
        if token.type == "inline":
            plain = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or () if child.type in (
                    "text", "code_inline", "softbreak", "hardbreak"))
            if plain.strip():
                found.append(" ".join(plain.split()))
    return found


def is_allowed_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme.lower() not in LINK_SCHEMES:
        return False
    if parts.scheme.lower() == "mailto":
        return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", parts.path))
    return bool(parts.netloc)


def display_url(url: str) -> str:
    """The address as a reader types it: no scheme, no trailing slash."""
    shown = re.sub(r"^(https?://|mailto:)", "", url, flags=re.IGNORECASE)
    return shown[:-1] if shown.endswith("/") and shown.count("/") == 1 else shown


@lru_cache(maxsize=4096)  # an edition's texts come again in each of its formats
def render(text: str) -> str:
    """HTML for a body in the subset. Raw HTML in `text` comes out as escaped text."""
    html: str = _RENDERER.render(text)
    return html


def phone_numbers(text: str) -> list[tuple[int, int]]:
    """Where telephone numbers are in a text: (start, end) of each."""
    return [match.span() for match in PHONE.finditer(text) if match.group()[0] in "+(0"
            and sum(character.isdigit() for character in match.group()) >= PHONE_DIGITS]


def _render_text(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                 env: EnvType) -> str:
    text, html, last = tokens[idx].content, [], 0
    for start, end in phone_numbers(text):
        html += [escapeHtml(text[last:start]),
                 f'<span class="phone">{escapeHtml(text[start:end])}</span>']
        last = end
    return "".join([*html, escapeHtml(text[last:])])


def _render_image(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                  env: EnvType) -> str:
    token = tokens[idx]
    source = str(token.attrs.get("src", ""))
    alt = escapeHtml(self.renderInlineAsText(token.children or [], options, env))
    if not IMAGE_SOURCE.match(source):  # only the sources' own images, ever
        return alt
    return f'<img src="{escapeHtml(source)}" alt="{alt}">'


def _render_link_close(self: RendererHTML, tokens: Sequence[Token], idx: int,
                       options: OptionsDict, env: EnvType) -> str:
    # Print the address after the link text, so a reader of paper can follow it.
    opening = next(t for t in reversed(tokens[:idx]) if t.type == "link_open")
    href = str(opening.attrs.get("href", ""))
    start = tokens.index(opening)
    label = "".join(t.content for t in tokens[start + 1:idx])
    closing = "</a>"
    if label.strip() in (href, display_url(href)):
        return closing
    return f'{closing}<span class="link-url"> ({escapeHtml(display_url(href))})</span>'


_CHECKER = _checking_parser()
_RENDERER = _rendering_parser()
