"""The engine's own event loop (``simulator.engine.run_until``: simpy's ``run(until=event)`` with
``step`` inlined), its timeouts and release events made in one call (``simulator.tokenprocess.timeouts``,
``PoolAtWork.hand_over_soon``) and its steps added to the summary without ``Recorder.worked`` change
nothing: the same events in the same order, the same errors, and the same records, event log and
figures as with simpy's ``Environment.run``, ``env.timeout``, ``Event.succeed`` and ``Recorder.worked``."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bpmn_io.library import library_names, load_entry
from bpmn_io.profile import profile_from_data
from simulator import engine, recorder, replication, workplace
from simulator.eventlog import to_csv
from simulator.resources import pool_schedules
from simulator.simpyimport import simpy
from simulator.stats import figures
from simulator.tokenprocess import timeouts


def _model(env: simpy.Environment, log: list[tuple[float, str]], fail_at: float | None = None) -> simpy.Event:
    """A few processes that wait on timeouts, events and each other, and an event that stops the run."""
    stop = env.event()
    shared = env.event()

    def worker(name: str, gaps: tuple[float, ...]) -> Any:
        for gap in gaps:
            yield env.timeout(gap)
            log.append((env.now, name))
            if fail_at is not None and env.now >= fail_at:
                raise KeyError(f"{name} failed")
        if not shared.triggered:
            shared.succeed(name)
        return name

    def waiter() -> Any:
        first = yield shared
        log.append((env.now, f"shared by {first}"))
        done = yield env.process(worker("late", (0.0, 1.5)))
        log.append((env.now, f"joined {done}"))
        yield env.timeout(0.0)
        stop.succeed("stopped")

    for name, gaps in (("a", (1.0, 2.0, 0.5)), ("b", (2.0, 0.0, 1.5)), ("c", (0.5, 0.5, 0.5, 3.0))):
        env.process(worker(name, gaps))
    env.process(waiter())
    env.process(worker("after", (20.0,)))  # still scheduled when the run stops
    return stop


def _simpy_run(fail_at: float | None = None) -> tuple[list[tuple[float, str]], float, Any]:
    env = simpy.Environment()
    log: list[tuple[float, str]] = []
    stop = _model(env, log, fail_at)
    try:
        env.run(until=stop)
    except KeyError as err:
        return log, env.now, (type(err), err.args, type(err.__cause__), err.__cause__.args)  # type: ignore[union-attr]
    return log, env.now, len(env._queue)  # type: ignore[attr-defined]


def _own_run(fail_at: float | None = None) -> tuple[list[tuple[float, str]], float, Any]:
    env = simpy.Environment()
    log: list[tuple[float, str]] = []
    stop = _model(env, log, fail_at)
    try:
        engine.run_until(env, stop)
    except KeyError as err:
        return log, env.now, (type(err), err.args, type(err.__cause__), err.__cause__.args)  # type: ignore[union-attr]
    return log, env.now, len(env._queue)  # type: ignore[attr-defined]


def test_the_loop_processes_what_simpy_processes_in_the_same_order() -> None:
    ours = _own_run()
    assert ours == _simpy_run()
    log, now, left = ours
    assert now == 5.0 and left > 0  # stopped at the stop event, with events still scheduled
    assert log[7:10] == [(3.5, "b"), (3.5, "a"), (3.5, "shared by b")]  # same instant: in the order scheduled
    assert log[-1] == (5.0, "joined late")


def test_a_failure_stops_the_loop_as_it_stops_simpy() -> None:
    ours = _own_run(fail_at=2.0)
    assert ours == _simpy_run(fail_at=2.0)
    assert ours[2][0] is KeyError and ours[2][2] is KeyError  # a copy, caused by the process's own error
    assert ours[1] == 2.0


def test_a_run_out_of_events_before_the_stop_is_an_error_as_in_simpy() -> None:
    env = simpy.Environment()
    env.timeout(1.0)
    with pytest.raises(RuntimeError, match="No scheduled events left"):
        engine.run_until(env, env.event())
    assert env.now == 1.0
    states = []
    for run in (engine.run_until, lambda env, until: env.run(until=until)):
        done = simpy.Environment()
        stop = done.event().succeed("v")
        run(done, stop)
        first = (stop.processed, list(stop.callbacks), len(done._queue))  # type: ignore[attr-defined]
        run(done, stop)  # again: simpy put the stop event back in the queue, and processes it again
        states.append((first, stop.processed, stop.callbacks, len(done._queue), done.now))  # type: ignore[attr-defined]
    assert states[0] == states[1]
    assert states[0][0] == (False, [], 1)


def test_timeouts_are_simpys_timeouts_in_simpys_place() -> None:
    ours, theirs = simpy.Environment(initial_time=3.0), simpy.Environment(initial_time=3.0)
    made = timeouts(ours)
    for delay in (2.5, 0.0, 1.25, 2.5, 7.0):
        a, b = made(delay), theirs.timeout(delay)
        assert type(a) is type(b) is simpy.events.Timeout
        assert vars(a).keys() == vars(b).keys()
        assert (a.callbacks, a._value, a._delay, a._ok) == (b.callbacks, b._value, b._delay, b._ok)
    assert [entry[:3] for entry in ours._queue] == [entry[:3] for entry in theirs._queue]  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="Negative delay"):
        made(-1.0)
    assert len(ours._queue) == 5  # type: ignore[attr-defined]


def test_a_release_is_scheduled_as_simpys_event_and_succeed_schedule_it() -> None:
    ours, theirs = simpy.Environment(initial_time=2.0), simpy.Environment(initial_time=2.0)
    pool = workplace.PoolAtWork(ours, next(iter(pool_schedules(load_entry("helsingborg").profile.simulation).values())))
    for env in (ours, theirs):
        env.timeout(1.0)
    pool.hand_over_soon()
    release = simpy.Event(theirs)
    release.callbacks.append(pool._hand_over)  # type: ignore[union-attr]
    release.succeed()
    (a_time, a_prio, a_id, a), (b_time, b_prio, b_id, b) = ours._queue[0], theirs._queue[0]  # type: ignore[attr-defined]
    assert (a_time, a_prio, a_id) == (b_time, b_prio, b_id) == (2.0, 1, 1)
    assert type(a) is type(b) is simpy.Event
    assert vars(a).keys() == vars(b).keys() and (a._ok, a._value, a.callbacks) == (b._ok, b._value, b.callbacks)


def _simpy_loop_and_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    """simpy's own run loop, timeouts and release events, and every step through Recorder.worked."""
    monkeypatch.setattr(engine, "run_until", lambda env, until: env.run(until=until))
    monkeypatch.setattr(replication, "timeouts", lambda env: env.timeout)
    monkeypatch.setattr(workplace, "timeouts", lambda env: env.timeout)

    def hand_over_soon(self: workplace.PoolAtWork) -> None:
        release = simpy.Event(self.env)
        release.callbacks.append(self._hand_over)  # type: ignore[union-attr]
        release.succeed()

    monkeypatch.setattr(workplace.PoolAtWork, "hand_over_soon", hand_over_soon)
    made = recorder.Recorder.__init__

    def without_direct_work(self: recorder.Recorder, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        self.direct_work = None

    monkeypatch.setattr(recorder.Recorder, "__init__", without_direct_work)


@pytest.mark.parametrize("name", library_names())
def test_library_models_give_the_same_records_with_simpys_loop(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    entry = load_entry(name)
    raw = copy.deepcopy(entry.profile.raw)
    raw["simulation"].pop("horizon", None)
    raw["simulation"]["cases"] = 150
    params = profile_from_data(raw).simulation
    process = entry.definitions.process()
    ours = engine.simulate(process, params, seed=11)
    exact = engine.simulate(process, params, seed=11, keep_records=False, exact=True)
    streaming = engine.simulate(process, params, seed=11, keep_records=False)
    _simpy_loop_and_timeouts(monkeypatch)
    theirs = engine.simulate(process, params, seed=11)
    assert ours.cases == theirs.cases and ours.activities == theirs.activities
    assert ours.intervals == theirs.intervals and ours.meetings == theirs.meetings
    assert ours.events == theirs.events
    assert to_csv(ours, params.start) == to_csv(theirs, params.start)
    assert figures(ours) == figures(theirs)
    assert exact.summary.figures() == engine.simulate(process, params, seed=11, keep_records=False,
                                                      exact=True).summary.figures() == figures(ours)
    assert streaming.summary.figures() == engine.simulate(process, params, seed=11,
                                                          keep_records=False).summary.figures()
    assert any(a.start > a.enable for a in ours.activities)  # some work queued
