"""A second fork server, for the processes of the checks that need more than a run does (a case log's
calibration: :data:`web.logupload.CALIBRATION_MODULES`, scipy and networkx on the way).

Preloaded in the one fork server every process of ``permitflow serve`` starts from, the calibration went into
every pool worker too, for modules a run never uses, and stayed there: a worker's collections of the heap touch
the objects it inherited, so their pages stop being shared (each worker about 55 MB more, all the server's
processes about 95 MB more of PSS over a day of what-ifs: bench/RESULTS-web.md). This fork server preloads them
for the checks alone and starts with the first check that asks for it (a server whose managers never send a
case log never starts it); a check started from it still runs in a process of its own under its time limit,
and finds the calibration imported (bench/bench_serve_logcheck.py).

It holds about 120 MB and a case log's check is rare (a manager's calibration), so it does not stay for the
server's life: :class:`ChecksServer` stops it when no check has run for ``idle`` seconds
(:data:`IDLE_SECONDS` by default, ``permitflow serve --log-check-idle-minutes``), and the next check starts
it again and answers the same, paying the start once more (1-3 s more for that check at load 5:
bench/RESULTS-web.md). One timer thread waits out the idle time, only while the fork server runs and no check
does; :meth:`ChecksServer.close` (the app stopping) ends both.

CPython's :mod:`multiprocessing` has one fork server a process; this one is its own
:class:`multiprocessing.forkserver.ForkServer` (one an app), and a process starts from it through
:class:`CheckProcess`, whose launch is CPython's (3.11-3.13 ``popen_forkserver.Popen._launch``) with that
server in place of the module's. On another Python, or one whose multiprocessing lacks those names,
:data:`SUPPORTED` is false and the checks start from the common fork server, without the calibration
preloaded (about 0.6 s more CPU a check).
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.context import ForkServerProcess, set_spawning_popen
from typing import Any

__all__ = ["SUPPORTED", "IDLE_SECONDS", "ChecksServer", "CheckProcess"]

#: whether this Python's multiprocessing is the one :class:`_Popen` follows (its launch and the fork server's
#: stop are CPython's private code)
SUPPORTED = ((3, 11) <= sys.version_info[:2] <= (3, 13) and callable(getattr(popen_forkserver.Popen, "_launch", None))
             and callable(getattr(forkserver.ForkServer, "connect_to_new_process", None))
             and callable(getattr(forkserver.ForkServer, "_stop", None)))

#: the seconds without a check after which the checks' fork server is stopped by default: a manager checking
#: a few logs in a row (a log, its columns named, a corrected log) keeps it; an idle afternoon does not
IDLE_SECONDS = 600.0

#: the name of the thread that waits out the idle time (one at most an app)
IDLE_THREAD = "permitflow-checks-idle"


class ChecksServer:
    """The checks' fork server of one app, preloading ``preload``: started by the first check
    (:meth:`process`), kept while any check runs (:meth:`in_use`) and stopped ``idle`` seconds after the last
    one ended; the next check starts it again."""

    def __init__(self, preload: tuple[str, ...], idle: float = IDLE_SECONDS) -> None:
        self.idle = idle
        self._server = forkserver.ForkServer()
        self._server.set_forkserver_preload(list(preload))
        self._lock = threading.Lock()
        #: the checks running from it now, the timer waiting out its idle time, and whether the app stopped
        self._running = 0
        self._timer: threading.Timer | None = None
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The fork server's process id while it runs (``None``: not started, or stopped)."""
        # CPython's own name (SUPPORTED); elsewhere this server never starts
        pid: int | None = getattr(self._server, "_forkserver_pid", None)
        return pid

    def process(self, **call: Any) -> CheckProcess:
        """A process (not started; ``call``: :class:`multiprocessing.Process`'s arguments) to start from this
        fork server, inside :meth:`in_use`."""
        process = CheckProcess(**call)
        process._checks_server = self._server
        return process

    @contextmanager
    def in_use(self) -> Iterator[None]:
        """Around a check's process, from before its start until it has been joined: the fork server is not
        stopped meanwhile (its children hold it: stopping it waits for them), and its idle time counts from
        the end of the last check."""
        with self._lock:
            self._running += 1
            timer, self._timer = self._timer, None
        if timer is not None:  # it sees it is no longer the timer and returns, if it has fired
            timer.cancel()
            timer.join()
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if self._running == 0:
                    if self._closed:
                        self._stop_server()
                    elif self.pid is not None:
                        self._timer = threading.Timer(self.idle, self._idled)
                        self._timer.name, self._timer.daemon = IDLE_THREAD, True
                        self._timer.start()

    def _idled(self) -> None:
        with self._lock:
            if self._timer is threading.current_thread() and self._running == 0:
                self._timer = None
                self._stop_server()

    def _stop_server(self) -> None:
        # with the lock held and no check running: the fork server has no child that holds it, so it ends as
        # soon as it is told (its "alive" pipe closed) and is waited for; a check meanwhile waits for the lock
        if self.pid is not None:
            self._server._stop()  # type: ignore[attr-defined]  # CPython's own (SUPPORTED)

    def close(self) -> None:
        """The app stops: stop the fork server (once the checks running end, when some do) and its timer."""
        with self._lock:
            self._closed = True
            timer, self._timer = self._timer, None
            if self._running == 0:
                self._stop_server()
        if timer is not None:
            timer.cancel()
            timer.join()


class _Popen(popen_forkserver.Popen):
    def _launch(self, process_obj: Any) -> None:
        # popen_forkserver.Popen._launch, connecting to the checks' fork server instead of the module's; the
        # child reads the descriptors it is sent from its own fork server as any forkserver child does
        server: forkserver.ForkServer = process_obj._checks_server
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        # (typeshed knows neither self._fds nor util.close_fds: CPython's own, as in its _launch)
        self.sentinel, w = server.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        parent_w = os.dup(w)  # the child's sentinel of its parent, as CPython keeps it
        close = util.close_fds  # type: ignore[attr-defined]
        self.finalizer = util.Finalize(self, close, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class CheckProcess(ForkServerProcess):
    """A process started from a checks' fork server (as ``multiprocessing.Process``; made by
    :meth:`ChecksServer.process`)."""

    _checks_server: forkserver.ForkServer

    @staticmethod
    def _Popen(process_obj: Any) -> Any:  # noqa: N802 - multiprocessing's name
        return _Popen(process_obj)

    def __getstate__(self) -> dict[str, Any]:
        # sent to the child without its fork server (a lock, and the parent's)
        state = dict(self.__dict__)
        state.pop("_checks_server", None)
        return state
