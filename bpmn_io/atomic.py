"""Writing an output file all or nothing: the one place permitflow does it.

The data goes to a temporary file in the target's folder, is flushed to disk,
gets the mode the umask gives an ordinary new file, and is renamed over the
target. An error or interrupt leaves neither a half-written target nor the
temporary file; a file system error (a full disk, a read-only folder) is an
:class:`processes.errors.OutputError` naming the target. A temporary file is named
``.<target name>.<8 random characters>.tmp`` (:data:`TEMP_PATTERN`), so the next run
into a results folder can find and remove what a killed run left.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from processes.errors import OutputError

__all__ = ["write_atomic", "write_all_atomic", "check_writable", "TEMP_PATTERN", "staged_file"]

#: the name of a temporary file of :func:`write_atomic` (``tempfile.mkstemp``'s 8 random characters)
TEMP_PATTERN = r"\..+\.[a-z0-9_]{8}\.tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _in_the_way(target: Path) -> OutputError:
    """The error for ``target`` when a file stands where one of its folders would be."""
    blocker = next((up for up in target.parents if up.exists() and not up.is_dir()), target.parent)
    return OutputError(f"cannot write: {str(blocker)!r} is a file, not a folder", file=str(target))


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise the error :func:`write_atomic` would for ``path`` when a file stands where one of its
    folders would be, or the nearest existing folder cannot be written (tried with a temporary
    file, removed at once); leaves nothing. For a command that works a long time before it writes."""
    target = Path(path)
    place = next((up for up in target.parents if up.exists()), None)
    if place is None:
        return
    if not place.is_dir():
        raise _in_the_way(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(place))
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", file=str(target)) from None
    os.close(fd)
    Path(tmp).unlink(missing_ok=True)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place (parents created)."""
    write_all_atomic([(path, data)])


def staged_file(target: Path, data: bytes) -> Path:
    """``data`` in a temporary file beside ``target`` (parents created), flushed to disk, not yet renamed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):  # mkdir's own words ("File exists") name no culprit
        raise _in_the_way(target) from None
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", file=str(target)) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(target.parent))
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", file=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an output file gets the usual mode
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):  # a full disk or a read-only file system: say which file, exit 1
            raise OutputError(f"cannot write: {err.strerror or err}", file=str(target)) from None
        raise
    return Path(tmp)


def write_all_atomic(files: Sequence[tuple[str | os.PathLike[str], bytes]]) -> None:
    """Write each ``(path, data)`` as :func:`write_atomic` does, but every file's data first and the
    renames last, one after the other: an error or interrupt while the data is written (the long part)
    leaves every target as it was, so a set of files that belong together is not left half old, half new."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            target = Path(path)
            staged.append((staged_file(target, data), target))
        while staged:
            tmp, target = staged[0]
            try:
                os.replace(tmp, target)
            except OSError as err:
                raise OutputError(f"cannot write: {err.strerror or err}", file=str(target)) from None
            staged.pop(0)
    finally:
        for tmp, _target in staged:
            tmp.unlink(missing_ok=True)
