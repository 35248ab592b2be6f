"""A second fork server, for the processes of the checks that need more than a run does (a case log's
calibration: :data:`web.logupload.CALIBRATION_MODULES`, scipy and networkx on the way).

Preloaded in the one fork server every process of ``permitflow serve`` starts from, the calibration went into
every pool worker too, for modules a run never uses, and stayed there: a worker's collections of the heap touch
the objects it inherited, so their pages stop being shared (each worker about 55 MB more, all the server's
processes about 95 MB more of PSS over a day of what-ifs: bench/RESULTS-web.md). This fork server preloads them
for the checks alone and starts with the first check that asks for it (a server whose managers never send a
case log never starts it); a check started from it still runs in a process of its own under its time limit,
and finds the calibration imported (bench/bench_serve_logcheck.py).

CPython's :mod:`multiprocessing` has one fork server a process; a second one is its own
:class:`multiprocessing.forkserver.ForkServer`, and a process starts from it through :class:`CheckProcess`,
whose launch is CPython's (3.11-3.13 ``popen_forkserver.Popen._launch``) with that server in place of the
module's. On another Python, or one whose multiprocessing lacks those names, :data:`SUPPORTED` is false and the
checks start from the common fork server, without the calibration preloaded (about 0.6 s more CPU a check).
"""

from __future__ import annotations

import io
import os
import sys
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.context import ForkServerProcess, set_spawning_popen
from typing import Any

__all__ = ["SUPPORTED", "CheckProcess", "preload_checks"]

#: whether this Python's multiprocessing is the one :class:`_Popen` follows (its launch is CPython's private code)
SUPPORTED = ((3, 11) <= sys.version_info[:2] <= (3, 13) and callable(getattr(popen_forkserver.Popen, "_launch", None))
             and callable(getattr(forkserver.ForkServer, "connect_to_new_process", None)))

#: the checks' fork server (one a server process, as multiprocessing's own; started by the first check)
_SERVER = forkserver.ForkServer()


def preload_checks(modules: tuple[str, ...]) -> None:
    """The modules the checks' fork server imports when it starts (no effect once it runs)."""
    _SERVER.set_forkserver_preload(list(modules))


class _Popen(popen_forkserver.Popen):
    def _launch(self, process_obj: Any) -> None:
        # popen_forkserver.Popen._launch, connecting to the checks' fork server instead of the module's; the
        # child reads the descriptors it is sent from its own fork server as any forkserver child does
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        # (typeshed knows neither self._fds nor util.close_fds: CPython's own, as in its _launch)
        self.sentinel, w = _SERVER.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        parent_w = os.dup(w)  # the child's sentinel of its parent, as CPython keeps it
        close = util.close_fds  # type: ignore[attr-defined]
        self.finalizer = util.Finalize(self, close, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class CheckProcess(ForkServerProcess):
    """A process started from the checks' fork server (as ``multiprocessing.Process``; forkserver only)."""

    @staticmethod
    def _Popen(process_obj: Any) -> Any:  # noqa: N802 - multiprocessing's name
        return _Popen(process_obj)
