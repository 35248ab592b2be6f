"""A token's simpy process: started in the step that makes it, ending without an event no one waits for."""

from __future__ import annotations

from typing import Any

import pytest
import simpy

from simulator.tokenprocess import TokenProcess


def test_started_now_runs_to_its_first_event_inside_the_callers_step() -> None:
    env = simpy.Environment()
    log: list[tuple[str, float]] = []
    seen: list[Any] = []

    def token() -> Any:
        log.append(("token starts", env.now))
        seen.append(env.active_process)
        yield env.timeout(2.0)
        log.append(("token ends", env.now))

    def caller() -> Any:
        yield env.timeout(1.0)
        started = TokenProcess(env, token(), now=True)
        log.append(("caller goes on", env.now))
        assert env.active_process is me[0]  # the caller is the active process again
        assert seen == [started]  # the token ran as itself
        yield env.timeout(5.0)

    me = [env.process(caller())]
    env.run()
    assert log == [("token starts", 1.0), ("caller goes on", 1.0), ("token ends", 3.0)]


def test_an_end_no_one_waits_for_schedules_nothing_and_a_waited_end_resumes_the_waiter() -> None:
    env = simpy.Environment()
    scheduled: list[Any] = []
    schedule = env.schedule

    def recording(event: Any, *args: Any, **kwargs: Any) -> None:
        scheduled.append(event)
        schedule(event, *args, **kwargs)

    env.schedule = recording  # type: ignore[method-assign]

    def token(value: int) -> Any:
        yield env.timeout(1.0)
        return value

    quiet = TokenProcess(env, token(1))
    waited = TokenProcess(env, token(2))
    got: list[Any] = []

    def waiter() -> Any:
        got.append((yield waited))

    env.process(waiter())
    env.run(until=1.5)
    assert not quiet.is_alive and quiet.value == 1 and quiet.processed
    assert quiet not in scheduled and waited in scheduled  # only the waited end is an event
    assert got == [2]


def test_a_token_that_fails_stops_the_run_with_its_error() -> None:
    env = simpy.Environment()

    def token() -> Any:
        yield env.timeout(1.0)
        raise ValueError("the model is wrong here")

    TokenProcess(env, token())
    with pytest.raises(ValueError, match="the model is wrong here"):
        env.run()


def test_a_token_waits_with_one_bound_method_and_drops_it_when_it_ends() -> None:
    env = simpy.Environment()

    def token() -> Any:
        yield env.timeout(1.0)
        yield env.timeout(1.0)

    proc = TokenProcess(env, token(), now=True)
    first = proc._target.callbacks[0]  # type: ignore[union-attr]
    env.step()
    assert proc._target.callbacks == [first] and proc._target.callbacks[0] is first  # type: ignore[union-attr]
    env.run()
    assert not proc.is_alive and proc._wake is None  # no cycle left: the process points at nothing of its own


def test_an_interrupted_token_leaves_the_event_it_waited_for() -> None:
    env = simpy.Environment()
    log: list[float] = []

    def sleeper() -> Any:
        try:
            yield env.timeout(5.0)
        except simpy.Interrupt:
            log.append(env.now)

    proc = TokenProcess(env, sleeper(), now=True)
    waited = proc._target

    def killer() -> Any:
        yield env.timeout(1.0)
        proc.interrupt()
        yield env.timeout(0.0)
        log.append(len(waited.callbacks))  # type: ignore[arg-type]  # the sleeper is no longer among them

    env.process(killer())
    env.run()
    assert log == [1.0, 0] and proc._wake is None and not proc.is_alive
