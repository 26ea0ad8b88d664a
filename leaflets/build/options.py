"""How to build: which formats, within what time, how strictly, on what executor."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor
from dataclasses import dataclass, field

from ..model import Format
from ..source import builtin
from .limits import DEFAULT_RENDER_SECONDS


def all_formats() -> tuple[Format, ...]:
    """Every built-in format, in the order formats.yaml lists them."""
    return tuple(builtin.data().formats.values())


@dataclass(frozen=True)
class Options:
    formats: tuple[Format, ...] = field(default_factory=all_formats)
    seconds: float | None = DEFAULT_RENDER_SECONDS  # per edition and format
    strict: bool = False  # editorial warnings stop a leaflet, like errors
    today: dt.date | None = None  # for review dates; None: the real today
    jobs: int = 0  # worker processes; 0: one per core; 1: in this process
    force: bool = False  # build even what is up to date
    executor: Executor | None = None  # run jobs here instead (e.g. Dask's)
    pictures: bool = False  # draw the report's pictures of each PDF where it is made
