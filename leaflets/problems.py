"""Problems found in sources and builds, each with a severity and a stable code.

Printed one per line, `file:line:column: message [code]`, and for a warning
`file:line:column: warning: message [code]`. What to do about each code is in
`leaflets/codes.py` (and docs/problems.md, generated from it).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .codes import CODES


class Severity(enum.StrEnum):
    ERROR = "error"  # the leaflet is not built; exit status 1
    WARNING = "warning"  # reported; an error under --strict


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, at a place in a file (1-based line and column; line 0: the file)."""

    path: str
    line: int
    column: int
    message: str
    code: str
    severity: Severity

    def __str__(self) -> str:
        # One line per problem, whatever a message quotes.
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{' '.join(self.message.split())} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_error(self) -> Problem:
        """This problem as the error it is under --strict (same code, same place)."""
        return replace(self, severity=Severity.ERROR)


def problem(path: str, line: int, column: int, code: str, message: str) -> Problem:
    """A problem of a registered kind; its severity comes from the code's letter."""
    entry = CODES[code]  # an unregistered code is a bug: fail loudly
    severity = Severity.WARNING if entry.warning else Severity.ERROR
    return Problem(path, line, column, message, code, severity)


class LeafletError(Exception):
    """Something that cannot be built; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
