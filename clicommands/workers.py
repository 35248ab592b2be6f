"""The machinery that takes a simulation's work units to the workers: the plan (with its unit limit),
the worker pool (local processes or Dask), the forked helper that prepares the report ahead (``Ahead``), the
progress bar, Ctrl-C handling, and the settings a command's own process makes (one BLAS thread, the collector).

Its own module because simulate, run and compare share it, and tests and benchmarks patch it here.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import partial
from typing import TYPE_CHECKING, ClassVar

import click

from clicommands.output import fail
from processes.numbers import number
from processes.wording import counted

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from report.build import EarlyPlots
    from scenarios.batch import BatchResults
    from scenarios.road import Plan
    from scenarios.study import Study
    from simulator.runner import ResultCache

__all__ = ["Ahead", "check_units", "loading", "NO_CACHE_VERSION", "on_interrupt", "one_blas_thread",
           "OWN_PROCESS", "Pool", "prepared", "report_inherited", "stderr_is_terminal", "Terminated",
           "terminate_as_interrupt", "travel", "warm_report"]


def stderr_is_terminal() -> bool:
    """Whether the progress bar has a person to show it to (not a pipe or a file)."""
    return sys.stderr.isatty()


class Terminated(KeyboardInterrupt):
    """SIGTERM in a command's own process (:func:`terminate_as_interrupt`), raised where Ctrl-C raises
    KeyboardInterrupt, so that it takes the same way out: workers ended, temporary files removed, one line."""


@contextmanager
def on_interrupt(say: Callable[[], str]) -> Iterator[None]:
    """Ctrl-C inside the block: one line (``say()``: what was kept, how to go on), exit code 130;
    SIGTERM (:class:`Terminated`): the same line, exit code 143 (128 + 15, as a shell reports the signal)."""
    try:
        yield
    except Terminated:
        click.echo(f"permitflow: stopped (SIGTERM): {say()}", err=True)
        raise SystemExit(143) from None
    except KeyboardInterrupt:
        click.echo(f"permitflow: interrupted: {say()}", err=True)
        raise SystemExit(130) from None


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM inside the block stops the command as Ctrl-C does (:class:`Terminated`).

    ``kill``, ``timeout`` and a batch system's job limit send SIGTERM, which ended a run by the signal
    itself: no line of how many work units finished and where they are kept, and the temporary files of
    a write under way left for the next run to remove (found by QA, qabatch). Signals are set in the main
    thread only; elsewhere (a program's thread that calls ``cli``) SIGTERM stays as it was. A process forked
    inside the block (a pool worker, a local Dask worker, a helper) inherits the handler: there SIGTERM
    ends the process as by the signal itself, as the pool's ``terminate()`` expects."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    own = os.getpid()

    def stop(signum: int, _frame: object) -> None:
        if os.getpid() != own:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        # the run is on its one way out: a second SIGTERM (kill twice, a service manager signalling the whole
        # group, two pool workers' hooks in a test) raised again inside the first's clean-up and added a
        # second, contradicting line ("before any work unit ran")
        signal.signal(signum, signal.SIG_IGN)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Ahead:
    """``make(names)`` for the names given here: work that does not need a run's results, made while
    the run starts and simulates. ``fork`` (the run may use more than one process): in a forked
    helper started now (:class:`processes.forkshare.Forked`), on a core this process leaves idle
    while it prepares the run; otherwise in a thread once the run's units are with the workers
    (:meth:`start_waiting`, which :func:`travel` calls); made when asked if the run stayed in this
    process. :meth:`close` stops what was not asked for."""

    waiting: ClassVar[list[Ahead]] = []

    def __init__(self, make: Callable[[Sequence[str]], str], names: Sequence[str], *, fork: bool = False) -> None:
        from processes.forkshare import Forked

        self.make, self.names = make, list(names)
        self.thread: threading.Thread | None = None
        self.outcome: tuple[str | None, BaseException | None] = (None, None)
        self.forked: Forked[list[str], str] | None = None
        if len(self.names) >= 2:
            if fork:
                self.forked = Forked(self.names, make)
            if self.forked is None or not self.forked.forked:
                self.forked = None
                Ahead.waiting.append(self)

    @classmethod
    def start_waiting(cls) -> None:
        """Start every piece of work made so far and not started."""
        while cls.waiting:
            ahead = cls.waiting.pop()
            ahead.thread = threading.Thread(target=ahead._run, daemon=True)
            ahead.thread.start()

    def _run(self) -> None:
        try:
            self.outcome = (self.make(self.names), None)
        except BaseException as err:  # noqa: BLE001 - raised again where the result is asked for
            self.outcome = (None, err)

    def __call__(self, names: Sequence[str]) -> str:
        if self in Ahead.waiting:
            Ahead.waiting.remove(self)
        if self.forked is not None:
            forked, self.forked = self.forked, None
            if list(names) == self.names:
                return forked.result()  # made here if the helper could not: its error raised here
            forked.cancel()
        if self.thread is None or list(names) != self.names:
            return self.make(list(names))
        self.thread.join()
        html, error = self.outcome
        if error is not None:
            raise error
        return html or ""

    def close(self) -> None:
        """Stop a forked helper whose work was not asked for (a run that failed or was stopped)."""
        if self in Ahead.waiting:
            Ahead.waiting.remove(self)
        if self.forked is not None:
            forked, self.forked = self.forked, None
            forked.cancel()

#: the code version in the keys of units no cache ever sees (``simulate``'s)
NO_CACHE_VERSION = "not cached"


def check_units(study: Study, units: int, force: bool) -> None:
    """Refuse a run of more than ``MAX_WORK_UNITS`` units unless ``force``."""
    from scenarios.road import MAX_WORK_UNITS

    if units > MAX_WORK_UNITS and not force:
        fail(f"{study.source or study.name}: the run plans {counted(units, 'work unit')} (sweep points x "
             f"replications; the limit is {counted(MAX_WORK_UNITS, 'work unit')}): give --force to run them "
             "anyway")


def prepared(study: Study, *, force: bool = False, case_rows: bool = True, version: str | None = None) -> Plan:
    """``study`` checked and planned (:func:`scenarios.road.prepare`, ``case_rows`` and ``version``
    passed on); nothing runs or is written yet.

    A study planning more than ``MAX_WORK_UNITS`` units is refused before anything is
    parsed or run, unless ``force``.
    """
    from scenarios.road import planned_units, prepare

    check_units(study, planned_units(study), force)
    with on_interrupt(lambda: "before any work unit ran; nothing was written"):
        ready = prepare(study, case_rows=case_rows, version=version)
    for warning in ready.warnings:  # what the profiles let run but likely do not mean: said before it runs
        click.echo(f"permitflow: warning: {warning}", err=True)
    for note in ready.notes:  # what runs in place of what a model does not hold (an empty subprocess)
        click.echo(f"note: {note}", err=True)
    return ready


class Pool(ExitStack):
    """The executor of a run, kept open after its units: the next plan's units and the report's
    plots go to the same workers. Closing it stops them."""

    def __init__(self) -> None:
        super().__init__()
        self.executor: Executor | None = None
        #: the workers were started with matplotlib loaded in this process (a local Dask cluster)
        self.inherited = False


def warm_report(executor: Executor, workers: int | None, inherited: bool = False) -> None:
    """Once every unit is with the workers: the work :class:`Ahead` holds starts here, and each
    worker imports matplotlib when it runs out of units, before the report's plots come (unless
    the workers were forked with it: :func:`report_inherited`; ``inherited``: a local Dask
    cluster started after it was loaded here)."""
    from report.plots import warm_up
    from scenarios.executors import forks

    Ahead.start_waiting()
    if inherited or forks(executor):
        return
    for _ in range(workers or os.cpu_count() or 1):
        executor.submit(warm_up)


def report_inherited() -> None:
    """matplotlib imported here (and its font loaded) before a forked pool's first task: every
    worker has it from the fork instead of importing it itself (about 0.6-0.9 CPU s each).
    Loaded with the collector paused and then frozen, as the study is (:func:`loading`)."""
    from report.plots import warm_up

    with loading():
        warm_up()


def travel(plan: Plan, *, workers: int | None, dask: str | None, cache: ResultCache | None,
           show_bar: bool, kept: str, pool: Pool | None = None,
           early: EarlyPlots | None = None, quiet: bool = False) -> tuple[BatchResults, int, int]:
    """Run a checked ``plan`` on the one road: (results, work units, found in the cache).

    A run of more than ``MAX_WORK_UNITS`` units (forced) without a progress bar says
    how far it got on stderr, every tenth of the units, unless ``quiet`` (``-q``).
    Ctrl-C stops the run with one line saying how many units finished and what was
    kept (``kept``: where finished units are, or why nothing is); exit code 130.
    Once the units are with the workers, the work :class:`Ahead` holds starts.
    ``pool``: the executor is opened there (or taken from there when an earlier plan opened
    it) and stays open when this returns, for the report's plots. ``early``: on local workers (a
    pool or ``--dask local``: their number is known), the report's plots go to them as soon as
    their points are summarised, between the run's last chunks.
    """
    from scenarios.executors import executor_for, fork_split, forks, largest_chunk
    from scenarios.road import MAX_WORK_UNITS, ReadOnce, execute

    study = plan.study
    done = 0
    total = len(plan.jobs)
    step = max(1, total // 10) if total > MAX_WORK_UNITS and not show_bar and not quiet else 0

    def finished(n: int) -> None:
        nonlocal done
        if step and (done + n) // step > done // step:
            click.echo(f"permitflow: progress: {number(done + n, 'en')} of {counted(total, 'work unit')}",
                       err=True)
        done += n

    held = None if cache is None else ReadOnce(cache)  # each entry read once, counted as it is read

    def say() -> str:
        # units found in the cache count from the moment they are read, before the run reports them
        finished = max(done, held.held + held.stored if held is not None else 0)
        # none finished: there is no cache to go on from, and the folder is left as it was (report.folder.claim)
        return (f"{number(finished, 'en')} of {counted(total, 'work unit')} finished; "
                f"{kept if finished else 'nothing was written'}")

    with on_interrupt(say), ExitStack() as own:
        cached = 0 if held is None else held.count(plan.jobs)
        cache = held
        split = 1
        if pool is not None and pool.executor is not None:
            executor: Executor | None = pool.executor
        else:
            if pool is not None and dask == "local" and total > cached and "matplotlib" not in sys.modules:
                # a local cluster forks its workers as it starts (LOCAL_DASK): they inherit matplotlib
                report_inherited()
                pool.inherited = True
            # the units still to run, each taken as the plan's average (the cache is not read twice)
            todo_cost = plan.cost() * (total - cached) / total if total else 0.0
            executor = (pool or own).enter_context(executor_for(
                workers=workers, dask=dask, jobs=total - cached, cost=todo_cost))
            if pool is not None:
                pool.executor = executor
            if executor is None:  # a small run stays here, shared with forked helpers where that pays
                split = fork_split(workers=workers, dask=dask, jobs=total - cached, cost=todo_cost)
        submitted: Callable[[], None] = Ahead.start_waiting
        if pool is not None and executor is not None:
            submitted = partial(warm_report, executor, workers, pool.inherited)
            if pool.executor is executor and forks(executor) and total > cached and "matplotlib" not in sys.modules:
                report_inherited()  # before the first task forks the workers
        point_done = point_compared = None
        if early is not None and executor is not None:
            from concurrent.futures import ProcessPoolExecutor  # a run that stays here never loads it

            if dask == "local" or isinstance(executor, ProcessPoolExecutor):
                early.executor = executor
                point_done, point_compared = early.point, early.compared
        most = largest_chunk(dask)  # replications per task: more on a local Dask cluster, whose tasks cost more
        if not show_bar:
            return execute(plan, executor=executor, cache=cache, progress=finished, workers=workers,
                           submitted=submitted, split=split, point_done=point_done,
                           point_compared=point_compared, most=most), total, cached
        with click.progressbar(length=total, label=f"{study.name}: {total} work units", file=sys.stderr,
                               show_pos=True) as bar:
            def both(n: int) -> None:
                finished(n)
                bar.update(n)

            return execute(plan, executor=executor, cache=cache, progress=both, workers=workers,
                           submitted=submitted, split=split, point_done=point_done,
                           point_compared=point_compared, most=most), total, cached


#: true while main() runs a command: this process is the command's own (not the tests' or a program's that calls cli)
OWN_PROCESS: list[bool] = []


@contextmanager
def loading() -> Iterator[None]:
    """Python's cycle collector paused while a command, in a process of its own, loads its modules
    and inputs.

    What loading makes is kept (modules, classes, the parsed model and profile), so a collection
    every 700 new objects frees nothing and walks them all again. Afterwards everything that exists
    is frozen (``gc.freeze``: left out of every later collection, as garbage it is not) and the
    collector runs again for the simulation. A caller's process (the tests', a program's that
    calls ``cli``) keeps its collector as it is."""
    if not OWN_PROCESS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


#: the settings OpenBLAS reads for its number of threads, in its order
_BLAS_THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def one_blas_thread() -> None:
    """Ask numpy's OpenBLAS for no helper thread, unless the user chose a number or numpy is loaded.

    OpenBLAS starts its threads when numpy is imported and they spin for about 0.1 s waiting for
    work; a simulation gives them none (it multiplies no matrices), so that is CPU time taken from
    the simulation's own core and from every other process. Set in the environment before numpy
    loads, so that worker processes inherit it; a user's own setting is left alone, and so is the
    environment of a caller's process (the tests', a program's that calls ``cli``: main() did not
    start the command)."""
    if (OWN_PROCESS and "numpy" not in sys.modules
            and not any(name in os.environ for name in _BLAS_THREAD_SETTINGS)):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"

