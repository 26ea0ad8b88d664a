"""Reading one entry of the sources folder, which the build treats as untrusted.

Only a regular file is read (a link to one is followed): a folder, a dangling
link, a named pipe or a device among the sources is refused with a sentence
that says what it is, never read, and never waited on (a pipe is opened
without blocking, so a FIFO named `x.yaml` cannot hang the build).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotAFile(OSError):
    """An entry that is not a regular file; `strerror` says what it is instead."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, what, str(path))


def what_it_is(mode: int) -> str:
    """A file mode in words, for an entry that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "it is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "it is a socket, not a file"
    return "it is not a regular file"


def _dangling(path: Path) -> NotAFile | None:
    try:
        if path.is_symlink() and not path.exists():
            return NotAFile(path, f"it is a link to '{os.readlink(path)}', which does not exist")
    except OSError:
        pass
    return None


def check_file(path: Path) -> os.stat_result:
    """The status of `path` if it is a regular file; raise `OSError` (`NotAFile`) if not."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise _dangling(path) or FileNotFoundError(
            errno.ENOENT, os.strerror(errno.ENOENT), str(path)) from None
    if not stat.S_ISREG(status.st_mode):
        raise NotAFile(path, what_it_is(status.st_mode))
    return status


def read_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file `path` (at most `limit` + 1 of them, when given).

    Raise `OSError` when it cannot be read; a `NotAFile` says what it is instead.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _dangling(path) or FileNotFoundError(
            errno.ENOENT, os.strerror(errno.ENOENT), str(path)) from None
    except IsADirectoryError:
        raise NotAFile(path, what_it_is(stat.S_IFDIR)) from None
    mode = os.fstat(handle).st_mode
    if not stat.S_ISREG(mode):
        os.close(handle)
        raise NotAFile(path, what_it_is(mode))
    with os.fdopen(handle, "rb") as file:
        return file.read() if limit is None else file.read(limit + 1)
