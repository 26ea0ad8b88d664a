"""Problems found in sources, reported to editors as `file:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor has to fix, at a place in a file (1-based line and column)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # One line per problem, whatever a message quotes.
        return f"{self.path}:{self.line}:{self.column}: {' '.join(self.message.split())}"


class LeafletError(Exception):
    """A leaflet that cannot be built; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
