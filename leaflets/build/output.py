"""Stage 5: put a finished PDF in place without ever leaving a half-written one.

The output folder is untrusted like the sources: whatever links it holds, the
build writes, reads and deletes only inside it. A folder on the way to a file
that is a link is refused; a file that is a link is replaced, never written
through. The temporary files a build makes are recorded in a journal, so
that the next build removes those it left behind, and nothing else.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..source.entries import read_file

LOCK_FILE = ".build.lock"
#: The build's record of what it made (manifest.py).
MANIFEST = ".build-manifest.json"
JOURNAL = ".build-temporaries"
TEMPORARY_SUFFIX = ".part"

_held: set[Path] = set()  # the output folders this process holds: their writes are journaled


class OutputBusy(Exception):
    """Another build is writing to the same output folder."""

    def __init__(self, output: Path, holder: str):
        self.output, self.holder = output, holder
        super().__init__(f"another build (process {holder or 'unknown'}) is writing to "
                         f"{output}; wait for it to finish, or build into another --output")


class LinkInTheWay(OSError):
    """A link where the build would write: it never writes through one."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ELOOP, f"{path} is a link, and the build writes nothing "
                                      "through a link; remove it", str(path))


@contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold the output folder for one build; raise `OutputBusy` if another holds it.

    The lock is released by the operating system when the process ends, however
    it ends, so a killed build never leaves the folder locked.
    """
    output.mkdir(parents=True, exist_ok=True)
    with os.fdopen(_open_inside(output, LOCK_FILE, os.O_RDWR | os.O_CREAT), "r+",
                   encoding="ascii") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(output, handle.read().strip()) from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        _remove_leftovers(output)
        _held.add(output)
        try:
            yield
        finally:
            # None, unless a write failed halfway or the build was interrupted (Ctrl+C).
            with contextlib.suppress(OSError):
                _remove_leftovers(output)
            _held.discard(output)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_inside(output: Path, name: str, flags: int) -> int:
    try:
        return os.open(output / name, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise LinkInTheWay(output / name) from None
        raise


def _remove_leftovers(output: Path) -> None:
    """The temporary files a build recorded and did not get to rename (it was killed)."""
    try:
        recorded = read_file(output / JOURNAL).decode("utf-8", "replace").splitlines()
    except OSError:
        return
    for name in dict.fromkeys(recorded):
        path = output / name
        if (path.name.startswith(".") and path.name.endswith(TEMPORARY_SUFFIX)
                and ".." not in Path(name).parts and not Path(name).is_absolute()):
            remove_recorded(output, name)
    remove_recorded(output, JOURNAL)


def _record_temporary(output: Path, temporary: Path) -> None:
    line = f"{os.path.relpath(temporary, os.path.abspath(output))}\n".encode()
    handle = _open_inside(output, JOURNAL, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        os.write(handle, line)
    finally:
        os.close(handle)


def folder_inside(output: Path, folder: Path) -> None:
    """Make `folder` (under `output`) and the folders above it; refuse a link on the way."""
    output.mkdir(parents=True, exist_ok=True)  # the folder the user named, links and all
    current = output
    for part in folder.relative_to(output).parts:
        current = current / part
        try:
            status = current.lstat()
        except FileNotFoundError:
            current.mkdir(exist_ok=True)
            continue
        if stat.S_ISLNK(status.st_mode):
            raise LinkInTheWay(current)
        if not stat.S_ISDIR(status.st_mode):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(current))


def refuse_links(output: Path, folder: Path) -> None:
    """Make `folder` under `output`; raise `LinkInTheWay` for any link in or above it."""
    folder_inside(output, folder)
    waiting = [str(folder)]
    while waiting:
        try:
            entries = list(os.scandir(waiting.pop()))
        except OSError:  # gone meanwhile, or unreadable: nothing in it is written through
            continue
        for entry in entries:  # the kind of each entry comes with the listing: no stat each
            if entry.is_symlink():
                raise LinkInTheWay(Path(entry.path))
            if entry.is_dir(follow_symlinks=False):
                waiting.append(entry.path)


def read_recorded(output: Path, name: str, limit: int | None = None) -> bytes:
    """A file the build wrote under `output` (`name` relative to it), through no link."""
    path = output / name
    for above in reversed(path.relative_to(output).parents[:-1]):
        if (output / above).is_symlink():
            raise LinkInTheWay(output / above)
    if path.is_symlink():
        raise LinkInTheWay(path)
    return read_file(path, limit)


def remove_recorded(output: Path, name: str) -> bool:
    """Delete a file the build recorded (`name` under `output`); whether it was there.

    Only a regular file is deleted, and only when no link leads to it.
    """
    path = output / name
    try:
        folder_is_ours = all(not (output / above).is_symlink()
                             for above in path.relative_to(output).parents[:-1])
        if folder_is_ours and stat.S_ISREG(path.lstat().st_mode):
            path.unlink()
            return True
    except (OSError, ValueError):
        pass
    return False


def write_inside(output: Path, path: Path, data: bytes) -> None:
    """Write `path` under `output` (a picture: no need to be atomic), through no link."""
    folder_inside(output, path.parent)
    if path.is_symlink():
        path.unlink()  # replaced, never written through
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o644)
    with os.fdopen(handle, "wb") as file:
        file.write(data)


def write_atomically(path: Path, data: bytes, inside: Path | None = None) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix.

    The bytes go to a temporary file in the same folder, are flushed to disk, and
    the file is renamed over `path` (an atomic step on POSIX and Windows). With
    `inside` (the output folder), no link on the way is followed.
    """
    if inside is not None:
        folder_inside(inside, path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}{TEMPORARY_SUFFIX}"
    if inside in _held:  # recorded before it exists: an interrupted build leaves none behind
        _record_temporary(inside, temporary)
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                         | os.O_CLOEXEC, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
