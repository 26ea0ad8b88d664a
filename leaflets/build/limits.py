"""Bounds on the work one leaflet may cause, so that one bad leaflet cannot stall a build."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: Seconds one edition may take to typeset (a long leaflet takes a few).
DEFAULT_RENDER_SECONDS = 120.0
#: Seconds reading and checking one leaflet may take (a 1 MB source takes a few).
CHECK_SECONDS = 120.0


class TimeLimitExceeded(BaseException):
    """Raised inside the work that ran out of time.

    A BaseException, so that no `except Exception` in the renderer swallows it.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[bool]:
    """Stop the enclosed work after `seconds`; yield whether that limit can be enforced.

    A timer signal can only interrupt the main thread (on POSIX): work on another
    thread (a thread pool, a Dask worker) runs without a limit, and says so.
    """
    if not seconds:
        yield True
        return
    if (not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield False
        return
    expired = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal expired
        expired = True
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # the renderer caught it somewhere and carried on
        raise TimeLimitExceeded
