"""The organisation a run happens in: pools at work, decision bodies, arrivals.

The engine asks the :class:`Workplace` to do work for a pool (FIFO queue for a
member, then the work inside the member's calendar from
:mod:`simulator.resources`), to take a decision at the current delegation level
(a body that meets: the first meeting whose agenda cut-off the case made, from
:mod:`simulator.decisions`; a person: ordinary work for their pool), and for the
arrival times (:mod:`simulator.arrivals`).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from heapq import heappush
from typing import Any

import numpy as np

from processes.errors import SimulationError
from processes.params import SimParams
from simulator.arrivals import arrival_times
from simulator.decisions import MeetingCalendar, meeting_calendar, run_holidays
from simulator.members import MemberDesk
from simulator.records import PoolRecord
from simulator.resources import PoolSchedule, pool_schedules
from simulator.simpyimport import simpy
from simulator.streams import draws, lazy_stream, stream
from simulator.tokenprocess import timeouts

__all__ = ["Workplace", "PoolAtWork"]


_Event = simpy.Event
_NORMAL = simpy.events.NORMAL
_new = object.__new__

#: pools hand their members over themselves (:class:`PoolAtWork`: a free member taken without
#: an event when no one waits, a FIFO queue of plain events otherwise) instead of through
#: simpy's ``Resource``; tests turn it off to check that results stay identical
FREE_MEMBER_FAST_PATH = True


class PoolAtWork:
    """A pool in a running simulation: its members, its FIFO queue and its calendar.

    With :data:`FREE_MEMBER_FAST_PATH` (the default) the pool keeps its own count of
    members at work and its own queue of waiting tokens, and hands members over at the
    same moments and in the same order as a ``simpy.Resource`` would (:meth:`join`,
    :meth:`leave`); with it off, the steps use ``resource`` (simpy's own), so that tests
    can compare the two.
    """

    __slots__ = ("name", "schedule", "resource", "calendar", "always_open", "desk", "env", "quick", "capacity",
                 "busy", "waiting")

    def __init__(self, env: simpy.Environment, schedule: PoolSchedule) -> None:
        self.name = schedule.name
        self.schedule = schedule
        self.env = env
        self.resource = simpy.Resource(env, capacity=schedule.count)
        self.calendar = schedule.calendar
        self.always_open = _always_open(schedule.calendar) and not schedule.members
        # people with calendars of their own: who takes the work matters
        self.desk = MemberDesk(env, schedule.members) if schedule.members else None
        self.quick = FREE_MEMBER_FAST_PATH
        self.capacity = schedule.count
        self.busy = 0  # members at work
        self.waiting: deque[simpy.Event] = deque()  # tokens queueing, first come first served

    def take_free(self) -> bool:
        """A member, taken at once, when one is free and no one queues (then ``True``);
        else ``False`` (then queue with :meth:`join`).

        Taking a member without an event saves simpy's request and release events and
        the resumption between them; the order of everything else is unchanged.
        """
        if not self.quick or self.waiting or self.busy >= self.capacity:
            return False
        self.busy += 1
        return True

    def give_back(self) -> None:
        """Return a member from :meth:`take_free`, as :meth:`leave` does."""
        self.busy -= 1
        if self.waiting:
            self.hand_over_soon()

    def join(self) -> simpy.Event:
        """Queue for a member: an event that fires when one is handed over (simpy's ``Request``:
        granted at once, as an event of this instant, when a member is free)."""
        request = simpy.Event(self.env)
        self.waiting.append(request)
        self._hand_over(None)
        return request

    def leave(self, request: simpy.Event) -> None:
        """Give back the member of a granted ``request`` (simpy's ``Release``: the next token in
        the queue gets the member when the release's event is processed, an event of this
        instant; with no one queueing that event would do nothing and is left out)."""
        self.busy -= 1
        if self.waiting:
            self.hand_over_soon()

    def quit(self, request: simpy.Event) -> None:
        """Leave the queue or the member after an interruption (simpy's ``Request.__exit__``:
        cancel the request if not yet granted, then release, which always schedules its event)."""
        if request.triggered:
            self.busy -= 1
        else:
            self.waiting.remove(request)
        self.hand_over_soon()

    def hand_over_soon(self) -> None:
        """A member came back: the head of the queue gets one at an event of this instant
        (simpy's ``Release`` event, processed after what this instant has already scheduled)."""
        # simpy.Event(env), its callback, succeed(): made and scheduled in one go (the same event, the same place)
        env = self.env
        release = _new(_Event)
        release.env = env
        release.callbacks = [self._hand_over]
        release._ok = True
        release._value = None
        heappush(env._queue, (env._now, _NORMAL, next(env._eid), release))  # type: ignore[attr-defined]

    def _hand_over(self, _event: simpy.Event | None) -> None:
        # simpy's BaseResource._trigger_put for a Resource: only the head of the queue is tried
        if self.waiting and self.busy < self.capacity:
            self.busy += 1
            self.waiting.popleft().succeed()


def _always_open(calendar: Any) -> bool:
    spec = calendar.spec
    return (
        calendar.share >= 1.0
        and spec.holidays is None
        and not spec.closed_dates
        and not spec.closures
        and all(day == ((0.0, 24.0),) for day in spec.week)
    )


class Workplace:
    """Pools, decision bodies and arrivals of one process in one environment.

    ``pools`` lets several processes share :class:`PoolAtWork` objects (a joint
    permit unit); by default each pool of ``params`` gets its own.
    """

    def __init__(self, env: simpy.Environment, params: SimParams, root: np.random.SeedSequence,
                 pools: dict[str, PoolAtWork] | None = None) -> None:
        self.env = env
        self.timeout = timeouts(env)  # env.timeout, made in one call
        self.params = params
        self.root = root
        self.pools = pools if pools is not None else {
            name: PoolAtWork(env, schedule) for name, schedule in pool_schedules(params).items()}
        self.last_arrival = math.inf
        self.horizon = params.horizon
        self.by_horizon = False  # set by arrival_times: a horizon run, or a number of cases
        decision = params.decision
        self.decision = decision
        self.meetings: dict[str, MeetingCalendar] = {}
        self.lag: Iterator[float] | None = None
        self.body_work: dict[str, Iterator[float]] = {}
        self.agenda_lag: dict[tuple[str, float], float] = {}
        if decision is not None:
            holidays = run_holidays(params)
            for level, body in decision.bodies.items():
                calendar = meeting_calendar(body, params.start, holidays)
                if calendar is not None:
                    self.meetings[level] = calendar
                elif body.duration is not None:
                    self.body_work[level] = draws(body.duration, lazy_stream(root, "decision", level))
            if decision.after_meeting is not None:
                self.lag = draws(decision.after_meeting, lazy_stream(root, "after_meeting", decision.element))

    # ------------------------------------------------------------------ arrivals

    def arrival_times(self, cases: int | None) -> Iterator[float]:
        """Arrival instants (hours), ascending: ``cases`` of them, or as ``params`` say."""
        count = cases if cases is not None else self.params.cases
        horizon = None if count is not None else self.horizon
        self.by_horizon = horizon is not None
        return arrival_times(self.params.arrivals, self.params.start, stream(self.root, "arrivals"),
                             cases=count, horizon=horizon)

    @property
    def last_arrival_bound(self) -> float:
        """A time by which every arrival has happened (for the run's safety stop)."""
        return float(self.horizon) if self.by_horizon and self.horizon is not None else 0.0

    def arrivals_done(self, now: float) -> None:
        self.last_arrival = now

    def observation_end(self) -> float:
        """End of the observation window: the horizon, or the last arrival."""
        if self.by_horizon and self.horizon is not None:
            return float(self.horizon)
        return self.last_arrival if math.isfinite(self.last_arrival) else self.env.now

    def pool_records(self, start: float, end: float) -> tuple[PoolRecord, ...]:
        """Each pool's size and member-hours available in ``[start, end]``."""
        out = []
        for name, pool in sorted(self.pools.items()):
            schedule = pool.schedule
            hours = schedule.capacity_hours(start, end) if end > start else 0.0
            fte = schedule.mean_share()
            out.append(PoolRecord(name, schedule.count, fte, hours, schedule.cost_per_hour))
        return tuple(out)

    # ------------------------------------------------------------------ work

    def work(self, case: Any, node: Any, hours: float, recorder: Any, pool_name: str | None = None) -> Any:
        """Queue for a member of the node's pool, then do ``hours`` of work in its calendar."""
        env = self.env
        pool = self.pools[pool_name or node.pool]
        if pool.desk is not None:
            yield from self._work_by_person(case, node, hours, recorder, pool.name, pool.desk)
            return
        enable = env.now
        if not pool.take_free():
            start = yield from self.queue_and_work(case, node, pool, enable, hours, recorder)
        else:
            try:
                start = yield from self._held_work(case, node, pool, enable, hours, recorder)
            finally:
                pool.give_back()
        recorder.worked(case, node, pool.name, enable, start, env.now, hours)

    def queue_and_work(self, case: Any, node: Any, pool: PoolAtWork, enable: float, hours: float,
                       recorder: Any) -> Any:
        """Queue (FIFO) for a member of ``pool``, then work ``hours`` in its calendar; returns the start."""
        if not pool.quick:
            with pool.resource.request() as simpy_request:
                yield simpy_request
                return (yield from self._held_work(case, node, pool, enable, hours, recorder))
        request = pool.join()
        try:
            yield request
            start = yield from self._held_work(case, node, pool, enable, hours, recorder)
        except GeneratorExit:  # a generator closed when the run is over: as simpy, release nothing
            raise
        except BaseException:
            pool.quit(request)
            raise
        pool.leave(request)
        return start

    def _work_by_person(self, case: Any, node: Any, hours: float, recorder: Any, pool: str,
                        desk: MemberDesk) -> Any:
        """As :meth:`work` for a pool of people with their own calendars (:mod:`simulator.members`)."""
        env = self.env
        enable = env.now
        taken = desk.request(hours)
        try:
            person = yield taken
        except simpy.Interrupt:
            desk.withdraw(taken)
            raise
        calendar, name = desk.calendars[person], desk.names[person]
        start = calendar.next_open(env.now)
        try:
            end = calendar.finish(env.now, hours)
            if end > env.now:
                yield env.timeout(end - env.now)
        except simpy.Interrupt:
            desk.release(person)
            recorder.worked(case, node, pool, enable, min(start, env.now), env.now,
                            calendar.open_hours(start, env.now), cancelled=True, member=name)
            raise
        desk.release(person)
        recorder.worked(case, node, pool, enable, start, env.now, hours, member=name)

    def _held_work(self, case: Any, node: Any, pool: PoolAtWork, enable: float, hours: float,
                   recorder: Any) -> Any:
        """Work ``hours`` in the pool's calendar from now, a member held; returns the start.
        A cancellation (by a boundary event or a terminate end) records the part done."""
        env = self.env
        now = env.now
        start = now
        try:
            if pool.always_open:
                yield self.timeout(hours)
            else:
                start, end = pool.calendar.span(now, hours)
                if end > now:
                    yield self.timeout(end - env.now)
        except simpy.Interrupt:
            self.cut_short(case, node, pool, enable, start, recorder)
            raise
        return start

    def cut_short(self, case: Any, node: Any, pool: PoolAtWork, enable: float, start: float, recorder: Any) -> None:
        """Record the part done of work cancelled now (by a boundary event or a terminate end)."""
        now = self.env.now
        done = max(0.0, now - start) if pool.always_open else pool.calendar.open_hours(start, now)
        recorder.worked(case, node, pool.name, enable, min(start, now), now, done, cancelled=True)

    def projected_decision(self, level: str | None, now: float) -> float:
        """When a case ready for decision now would be decided at ``level``: the next meeting whose
        agenda it makes plus the mean lag after a meeting, or (a person) now plus the mean decision work."""
        decision = self.decision
        if decision is None or level is None:
            return now
        if level in self.meetings:
            lag = decision.after_meeting.mean() if decision.after_meeting is not None else 0.0
            return self.meetings[level].next_meeting(now) + lag
        body = decision.bodies[level]
        return now + (body.duration.mean() if body.duration is not None else 0.0)

    def _forget_agendas_before(self, ready: float) -> None:
        # a method of its own: decide (once per decision) makes no closure cell for ``ready``
        for old in [k for k in self.agenda_lag if k[1] < ready]:
            del self.agenda_lag[old]

    def decide(self, case: Any, node: Any, recorder: Any, level: str | None = None) -> Any:
        """The decision at ``level`` (default: the current delegation level)."""
        decision = self.decision
        if decision is None:
            raise SimulationError("a decision step without `decision:` in params", element=node.id)
        level = level or decision.delegation
        body = decision.bodies[level]
        if level in self.meetings:
            env = self.env
            ready = env.now
            try:
                meeting = self.meetings[level].next_meeting(ready)
            except SimulationError as err:
                err.element = err.element or node.id
                raise
            key = (level, meeting)
            lag = self.agenda_lag.get(key)
            if lag is None:
                lag = next(self.lag) if self.lag is not None else 0.0
                self.agenda_lag[key] = lag
                if len(self.agenda_lag) > 64:  # only the current and future agendas matter
                    self._forget_agendas_before(ready)
            yield self.timeout(meeting + lag - ready)
            recorder.decided(case, node, level, ready, meeting, env.now)
            return
        hours = next(self.body_work[level]) if level in self.body_work else 0.0
        yield from self.work(case, node, hours, recorder, pool_name=body.pool)

