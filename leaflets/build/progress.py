"""Showing a build as it goes: a progress bar on a terminal, plain lines in a log."""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

from .pipeline import BuiltEdition, JobResult, LogLines, Progress


class Bar(Progress):
    """A progress bar with the edition just made and the time left (tqdm)."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.bar: tqdm | None = None

    def start(self, total: int) -> None:
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
