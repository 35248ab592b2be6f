"""glibc's heap kept, not trimmed, in a process that forks workers and in its workers.

A process pool's workers and the forked helpers (:mod:`processes.forkshare`) start with the
parent's heap shared copy-on-write. glibc gives the top of the heap back to the system whenever
more than ``M_TRIM_THRESHOLD`` (128 KiB by default) is free there, and takes it back page by page
on the next allocations, and blocks of more than ``M_MMAP_THRESHOLD`` (a dynamic 128 KiB to
32 MiB) get their own mapping, returned on ``free``: a simulation that allocates and frees its
tables unit after unit pays page faults (zeroed pages, system CPU) for memory it had a moment
before. Held off, the children of the bundled study's two-worker run (two workers and the
comparison's helper) took 42.5k minor faults instead of 64.7-66.9k (0.29-0.68 system CPU s in
all), measured with the environment variables (bench/RESULTS-road.md, ninth session).

The cost: a process keeps up to :data:`HEAP_KEPT` bytes of freed heap, which it reuses, instead of
giving them back, and grows its heap :data:`HEAP_SETTINGS`' top pad at a time (address space;
pages count only once touched). A run's processes end with the run.

A user's own settings win: glibc's environment variables (``MALLOC_TRIM_THRESHOLD_`` and the
others) or ``GLIBC_TUNABLES`` naming the same setting leave that setting alone. Elsewhere than
glibc (musl, macOS, Windows) nothing is done.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["HEAP_SETTINGS", "HEAP_KEPT", "heap_settings", "keep_heap", "libc_name"]

#: freed heap a process keeps for reuse rather than giving it back to the system
HEAP_KEPT = 256 * 2**20

#: (mallopt's parameter, its number in glibc's malloc.h, the value, glibc's environment variable,
#: its tunable): the values of the measured experiment
HEAP_SETTINGS: tuple[tuple[str, int, int, str, str], ...] = (
    ("M_TRIM_THRESHOLD", -1, HEAP_KEPT, "MALLOC_TRIM_THRESHOLD_", "glibc.malloc.trim_threshold"),
    ("M_TOP_PAD", -2, 64 * 2**20, "MALLOC_TOP_PAD_", "glibc.malloc.top_pad"),
    ("M_MMAP_THRESHOLD", -3, 32 * 2**20, "MALLOC_MMAP_THRESHOLD_", "glibc.malloc.mmap_threshold"),
)


def libc_name() -> str | None:
    """The C library this process runs on, as ``confstr`` names it (``"glibc 2.36"``), or ``None``."""
    try:
        return os.confstr("CS_GNU_LIBC_VERSION")
    except (AttributeError, ValueError, OSError):  # not POSIX, or not a GNU libc
        return None


def heap_settings(libc: str | None, environ: Mapping[str, str]) -> tuple[tuple[str, int, int], ...]:
    """The ``mallopt`` calls to make: (parameter name, number, value) of :data:`HEAP_SETTINGS` on
    glibc, less those the user set in ``environ``; none on another C library.

    >>> [name for name, _, _ in heap_settings("glibc 2.36", {"MALLOC_TOP_PAD_": "0"})]
    ['M_TRIM_THRESHOLD', 'M_MMAP_THRESHOLD']
    >>> heap_settings(None, {})
    ()
    """
    if libc is None or not libc.startswith("glibc "):
        return ()
    tunables = environ.get("GLIBC_TUNABLES", "")
    return tuple((name, number, value) for name, number, value, variable, tunable in HEAP_SETTINGS
                 if variable not in environ and tunable + "=" not in tunables)


def keep_heap() -> tuple[str, ...]:
    """Make the ``mallopt`` calls of :func:`heap_settings` for this process (the module doc: why);
    return the names of the settings glibc took. Before a fork, so that the children have them
    from the start, and again in a worker that was not forked (harmless to repeat)."""
    settings = heap_settings(libc_name(), os.environ)
    if not settings:
        return ()
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return ()
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return tuple(name for name, number, value in settings if mallopt(number, value) == 1)
