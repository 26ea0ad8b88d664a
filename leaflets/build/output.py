"""Stage 5: put a finished PDF in place without ever leaving a half-written one."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".build.lock"
TEMPORARY_SUFFIX = ".part"


class OutputBusy(Exception):
    """Another build is writing to the same output folder."""

    def __init__(self, output: Path, holder: str):
        self.output, self.holder = output, holder
        super().__init__(f"another build (process {holder or 'unknown'}) is writing to "
                         f"{output}; wait for it to finish, or build into another --output")


@contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold the output folder for one build; raise `OutputBusy` if another holds it.

    The lock is released by the operating system when the process ends, however
    it ends, so a killed build never leaves the folder locked.
    """
    output.mkdir(parents=True, exist_ok=True)
    with open(output / LOCK_FILE, "a+", encoding="ascii") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise OutputBusy(output, handle.read().strip()) from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        _remove_leftovers(output)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_leftovers(output: Path) -> None:
    """Temporary files of a build that was killed before it could tidy up."""
    for leftover in output.rglob(f".*{TEMPORARY_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix.

    The bytes go to a temporary file in the same folder, are flushed to disk, and
    the file is renamed over `path` (an atomic step on POSIX and Windows).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
