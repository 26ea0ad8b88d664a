"""YAML parser errors in words an editor understands: what happened, where, and what to do.

PyYAML says "mapping values are not allowed here" for a colon in a text, and
reports an unclosed quote where the file ends. Editors make a handful of
mistakes over and over: a colon in a text, a line indented too far or not far
enough, a quote that is not closed, text after a closing quote, a list written
on the line of its field, a bracket that is not closed. Each becomes its own
located problem with advice; anything else keeps the parser's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.tokens import ScalarToken, Token

from .text import START, Position, SourceText

#: A line that starts a field (`title:`) or a list item (`- `), as editors write them.
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<item>- +)?(?P<key>[\w.-]+):(?: |$)")
ITEM_LINE = re.compile(r"^(?P<indent> *)- ")
_INDENTATION_PROBLEMS = ("expected <block end>", "did not find expected key",
                         "did not find expected '-' indicator")
_BRACKETS = {"while parsing a flow mapping": ("{", "}"),
             "while parsing a flow sequence": ("[", "]")}


@dataclass(frozen=True)
class Advice:
    """A YAML error explained: where to look, its code and what to do."""

    where: Position
    code: str
    message: str


def explain(source: SourceText, error: yaml.MarkedYAMLError) -> Advice:
    """The advice for a parser error in `source`, or the parser's own words."""
    mark = error.problem_mark or error.context_mark
    where = Position(mark.line + 1, mark.column + 1) if mark else START
    problem, context = error.problem or "", error.context or ""
    quote = _unclosed_quote(source, error)
    if quote is not None:
        return quote
    if problem == "mapping values are not allowed here":
        return _colon(source, where)
    if problem == "sequence entries are not allowed here":
        return Advice(where, "E-yaml-list-after-key",
                      "a list cannot start on the line of its field; for a list in a text, "
                      "write 'body: |' and each item ('- ...') on a line of its own below it")
    if context in _BRACKETS and error.context_mark is not None:
        opening, closing = _BRACKETS[context]
        start = error.context_mark
        return Advice(Position(start.line + 1, start.column + 1), "E-yaml-unclosed-bracket",
                      f"the '{opening}' here is not closed; close it with '{closing}' on the "
                      f"same line, or write the values on lines of their own")
    if problem.startswith(_INDENTATION_PROBLEMS):
        after_quote = _text_after_quote(source, error)
        return after_quote or _indentation(source, where)
    detail = problem or "not valid YAML"
    context = f" ({context})" if context and problem else ""
    return Advice(where, "E-yaml-syntax", f"YAML syntax error: {detail}{context}")


def _tokens(source: SourceText) -> list[Token]:
    """The tokens YAML reads before it stops at the error."""
    tokens: list[Token] = []
    try:
        for token in yaml.scan(source.text, Loader=yaml.SafeLoader):
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _unclosed_quote(source: SourceText, error: yaml.MarkedYAMLError) -> Advice | None:
    """A quote opened and not closed on its line, where it opens (not where YAML gives up)."""
    start = None
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        start = error.context_mark
    else:  # closed by a quote further on, after lines that hold fields of their own
        for token in _tokens(source):
            if (isinstance(token, ScalarToken) and token.style in ('"', "'")
                    and any(KEY_LINE.match(source.line(number)) for number in range(
                        token.start_mark.line + 2, token.end_mark.line + 2))):
                start = token.start_mark
                break
    if start is None:
        return None
    quote = source.line(start.line + 1)[start.column: start.column + 1] or '"'
    return Advice(Position(start.line + 1, start.column + 1), "E-yaml-unclosed-quote",
                  f"the quote ({quote}) that starts this text is not closed on its line; end "
                  f"the text with {quote}, or leave the quotes out")


def _text_after_quote(source: SourceText, error: yaml.MarkedYAMLError) -> Advice | None:
    """More text after the quote that closes a quoted text: `title: "Ja" zei hij`."""
    mark = error.problem_mark
    if mark is None:
        return None
    before = [token for token in _tokens(source) if token.end_mark.index <= mark.index]
    last = before[-1] if before else None
    if not (isinstance(last, ScalarToken) and last.style in ('"', "'")
            and last.end_mark.line == mark.line):
        return None
    quote = last.style
    return Advice(Position(last.start_mark.line + 1, last.start_mark.column + 1),
                  "E-yaml-quoted-text",
                  f"this text starts with a quote ({quote}), so it must end with one, but more "
                  f"text follows the closing {quote}; put the whole text between quotes of "
                  f"the other kind ({_other(quote)}...{_other(quote)}), or start it with a word")


def _other(quote: str) -> str:
    return "'" if quote == '"' else '"'


def _colon(source: SourceText, where: Position) -> Advice:
    """A colon and a space inside a text, or a field indented under a text."""
    line = source.line(where.line)
    key = KEY_LINE.match(line)
    if key is not None and key.end("key") == where.column - 1:  # the line is `name: ...`
        return _indentation(source, Position(where.line, len(key.group("indent")) + 1))
    field = KEY_LINE.match(line)
    value = line[field.end():].strip() if field is not None else ""
    if value and ":" in value:  # the colon is in the text after a field's own colon
        suggestion = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
        advice = f"put the text in quotes: {suggestion}"
    else:
        advice = ("put the whole text in quotes, or write it as a block: 'body: |' with the "
                  "text on the lines below")
    return Advice(where, "E-yaml-colon",
                  f"a colon followed by a space (': ') in a text makes YAML read a new field; "
                  f"{advice}")


def _indentation(source: SourceText, where: Position) -> Advice:
    """A line that lines up with no field or list item above it."""
    line = source.line(where.line)
    indent = len(line) - len(line.lstrip(" "))
    where = Position(where.line, indent + 1)
    item = ITEM_LINE.match(line) is not None
    if not item and KEY_LINE.match(line) is None:  # a line of a text
        return Advice(where, "E-yaml-indentation",
                      f"{_name(line)} is indented less than the text above it; indent every "
                      "line of a text at least as far as its first line")
    near = []
    for deeper in (True, False):
        for number in range(where.line - 1, 0, -1):
            column = _column(source.line(number), item)
            if column is not None and ((column > indent) if deeper else (column < indent)):
                near.append(f"{_name(source.line(number), item)} on line {number} is indented "
                            f"by {column}")
                break
    around = f" ({'; '.join(near)})" if near else ""
    return Advice(where, "E-yaml-indentation",
                  f"{_name(line)} is indented by {indent} {'space' if indent == 1 else 'spaces'}, "
                  f"which lines up with no {'list item' if item else 'field'} above it{around}; "
                  "start it in the same column as the one it belongs with")


def _column(line: str, item: bool) -> int | None:
    """Where a line's list item (`item`) or field starts, if it has one."""
    if item:
        found = ITEM_LINE.match(line)
        return len(found.group("indent")) if found else None
    key = KEY_LINE.match(line)
    return key.start("key") if key else None


def _name(line: str, item: bool = True) -> str:
    """How a message names a line: its field ('adult:'), its item ('- heading:') or its start."""
    key = KEY_LINE.match(line)
    if key is not None:
        return f"'{'- ' if key.group('item') and item else ''}{key.group('key')}:'"
    words = line.strip().split()
    return f"'{' '.join(words[:3])}'" if words else "this line"
