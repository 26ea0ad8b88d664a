"""Showing a build as it goes: a progress bar on a terminal, plain lines in a log."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Never, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

from .jobs import BuiltEdition, JobResult


class Progress:
    """Reports a build as it goes; this one says nothing."""

    def start(self, total: int) -> None:
        pass

    def done(self, result: JobResult, edition: BuiltEdition | None) -> None:
        pass

    def finish(self) -> None:
        pass


class LogLines(Progress):
    """One line per PDF written, for logs and CI."""

    def __init__(self, say: Callable[[str], None] = print) -> None:
        self.say = say

    def done(self, result: JobResult, edition: BuiltEdition | None) -> None:
        if edition is None:
            return
        pages = f"{edition.pages} {'page' if edition.pages == 1 else 'pages'}"
        if edition.format.impose:
            sheets = edition.pages // 4
            pages += f" on {sheets} {'sheet' if sheets == 1 else 'sheets'}"
        self.say(f"wrote {edition.path} ({pages}, {edition.size / 1024:.0f} KB)")


class Bar(Progress):
    """A progress bar with the edition just made and the time left (tqdm)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: tqdm[Never] | None = None

    def start(self, total: int) -> None:
        from tqdm import tqdm  # only for a terminal with something to build

        if total:
            self.bar = tqdm(total=total, unit="PDF", file=self.stream, dynamic_ncols=True,
                            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} "
                                       "[{elapsed}<{remaining}] {postfix}")

    def done(self, result: JobResult, edition: BuiltEdition | None) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(result.job.name, refresh=False)
            self.bar.update()

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()


def for_terminal(stream: TextIO = sys.stdout) -> Progress:
    """A bar when a person watches the terminal, one line per PDF otherwise (CI, logs)."""
    return Bar(stream) if stream.isatty() else LogLines(lambda line: print(line, file=stream))
