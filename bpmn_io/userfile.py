"""Reading a file a user names: the one place that decides what may be read, and how.

``read_user_file(path, what=..., max_bytes=...)`` returns the file's bytes:

- a regular file whose size is checked before a byte is read;
- standard input or a shell's process substitution (``/dev/stdin``,
  ``/dev/fd/N``, ``/proc/self/fd/N``, as ``<(...)`` gives) read once, up to
  ``max_bytes`` (callers sniff the format from these bytes, never by reading again);
- anything else that is not a regular file (a named FIFO, which would wait
  forever for a writer; a device; a socket) refused with one line.

Errors are :class:`InputError` naming the file.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from processes.errors import InputError

__all__ = ["MAX_YAML_BYTES", "read_user_file", "is_stream_path", "check_regular"]

#: the size limit of a YAML file a user gives (profile, scenario, study, synonyms, matches)
MAX_YAML_BYTES = 5 * 1024 * 1024

_STREAM = re.compile(r"^/(?:dev/stdin|dev/fd/\d+|proc/self/fd/\d+)$")
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def is_stream_path(path: str | os.PathLike[str]) -> bool:
    """True for standard input and process substitutions, which are read once."""
    return bool(_STREAM.match(os.fspath(path)))


def check_regular(path: str | os.PathLike[str], *, what: str = "file") -> os.stat_result:
    """The ``stat`` of ``path`` when it is a regular file; InputError naming what it is otherwise."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}", file=os.fspath(path)) from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise InputError(f"is {kind} (expected a regular {what}; pipe data in through /dev/stdin)",
                         file=os.fspath(path))
    return info


def read_user_file(path: str | os.PathLike[str], *, what: str = "file", max_bytes: int,
                   size_check: Callable[[int], None] | None = None) -> bytes:
    """The bytes of ``path`` (see the module docstring); at most ``max_bytes`` of them.

    ``size_check(size)``, when given, words the refusal of a too large file (it
    raises); it sees the size before the file is read, or the bytes read from a stream.
    """
    name = os.fspath(path)
    if is_stream_path(name):
        try:
            with open(name, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as err:
            raise InputError(f"cannot read file: {err.strerror or err}", file=name) from None
        if len(data) > max_bytes and size_check is not None:
            size_check(len(data))
        if len(data) > max_bytes:
            raise InputError(f"more than {max_bytes} bytes (the limit for a {what})", file=name)
        return data
    size = check_regular(name, what=what).st_size
    if size > max_bytes and size_check is not None:
        size_check(size)
    if size > max_bytes:
        raise InputError(f"file is {size} bytes (the limit for a {what} is {max_bytes})", file=name)
    try:
        return Path(name).read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}", file=name) from None
