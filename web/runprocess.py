"""What runs in a process of its own for the server (:class:`web.runs.Runs`): a study's run as a task
that pickles (:class:`StudyTask`), a large run's process with a pool of its own (:func:`run_in_process`), a
call apart such as an upload's check (:func:`call_in_process`), and an error made fit to travel back
(:func:`portable`).

Its own module: these functions are what the started processes run; the server that starts them,
keeps their runs and reads their messages is :mod:`web.runs`.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from processes.errors import PermitflowError
from scenarios.batch import BatchResults
from scenarios.executors import watch_parent
from scenarios.road import execute, prepare
from scenarios.study import Study
from web.runrecord import UNCERTAINTY, store

__all__ = ["StudyTask", "run_in_process", "call_in_process", "portable"]


@dataclass
class StudyTask:
    """A study's run (:meth:`Runs.start`): the plan on the executor, the page's answer, and the
    "how sure" run when asked; picklable, for a run in a process of its own."""

    study: Study
    plan: Any  # None until :meth:`prepare`
    finish: Callable[[BatchResults], dict[str, Any]]
    uncertainty: int
    names: dict[str, dict[str, str]]
    workers: int
    ahead: int

    def prepare(self) -> int:
        """Check and plan the study (errors raise here); the work units it takes."""
        self.plan = prepare(self.study)
        return len(self.plan.jobs) * (1 + self.uncertainty)

    def __call__(self, run: Any, executor: Executor | None) -> tuple[BatchResults | None, dict[str, Any]]:
        if self.plan is None:
            self.prepare()
        batch = execute(self.plan, executor=executor, progress=run.advance, workers=self.workers, ahead=self.ahead)
        if run.state == "cancelled":
            return batch, {}
        answer = self.finish(batch)
        if self.uncertainty:
            from scenarios.uncertainty import run_uncertainty
            from web.answer import how_sure

            study = self.study
            doc = run_uncertainty(study, points=self.uncertainty, seed=study.scenarios[0].seed, executor=executor,
                                  progress=run.advance, nominal=batch, workers=self.workers, ahead=self.ahead)
            answer["how_sure"] = how_sure(doc, self.names)
            # kept for the report, which says the answers were checked against the ranges (it said not);
            # :func:`store` takes it out of the page's answer
            answer[UNCERTAINTY] = doc
        return batch, answer


class _Apart:
    """What a task run in a process of its own sees of its run: progress goes to the server."""

    state = "running"  # a cancelled run's process is ended, it never sees "cancelled"

    def __init__(self, send: Connection) -> None:
        self.send, self.lock = send, threading.Lock()

    def advance(self, n: int) -> None:
        with self.lock:
            self.send.send(("progress", n))


def run_in_process(task: Callable[..., Any], send: Connection, server: int, workers: int) -> None:
    """A run's process (:meth:`Runs._start_apart` starts it, :meth:`Runs._finish_apart` reads it):
    ``task`` on a pool of ``workers`` forked from here; sends ("planned", work units) or ("refused",
    error), then its progress, then ("done", what :func:`store` keeps) or ("failed", message)."""
    watch_parent(server)  # ends with the server, even a server killed by SIGKILL
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's: it ends this process when it stops
    run = _Apart(send)
    try:
        total = task.prepare() if isinstance(task, StudyTask) else None
    except Exception as err:  # noqa: BLE001 - bad input: the server answers it as when planned there
        send.send(("refused", portable(err)))
        send.close()
        return
    send.send(("planned", total))
    # forked from here (no thread of ours runs but the watchdogs): the workers start with what this
    # process imported and end with it (their parent-death signal and watchdog, as the server's)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=watch_parent, initargs=(os.getpid(),))
    try:
        batch, answer = task(run, pool)
        message: tuple[str, Any] = ("done", store(batch, answer))
    except Exception as err:  # noqa: BLE001 - the server reports it on the page and goes on
        message = ("failed", str(err))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    with run.lock:
        send.send(message)
    send.close()


def call_in_process(fn: Callable[..., Any], args: tuple[Any, ...], send: Connection, server: int) -> None:
    """The process of its own of :meth:`Runs.call_apart`: sends ("done", result) or ("refused", error)."""
    watch_parent(server)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's
    try:
        message: tuple[str, Any] = ("done", fn(*args))
    except Exception as err:  # noqa: BLE001 - the server answers it as when raised there
        message = ("refused", portable(err))
    send.send(message)
    send.close()


def portable(err: Exception) -> Exception:
    """``err`` as it can travel to the server: itself when it pickles back whole, else its message."""
    try:
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own
    except Exception:  # noqa: BLE001 - any error type that does not pickle
        back = None
    if isinstance(back, PermitflowError) and str(back) == str(err):
        return back
    return PermitflowError(str(err))
