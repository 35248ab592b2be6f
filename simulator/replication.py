"""One replication of the engine: a compiled process on a simpy environment, its tokens and arrivals.

:class:`Run` holds what one run needs (the environment, the workplace, the recorder, a draw iterator
per node) and is the token itself (:meth:`Run.token`): a small simpy process that executes a node, then
routes through the precomputed tables of its :class:`simulator.tokens.CompiledNode`, with the common
step (work for one pool, no boundary event) inlined. The rest of what a token does is in the run's
mixins: activities (:mod:`simulator.activities`), events (:mod:`simulator.eventrun`), joins
(:mod:`simulator.joins`), a scope's end (:mod:`simulator.scopeends`), ruled choices
(:mod:`simulator.choices`) and cases that cannot finish (:mod:`simulator.stuck`).

Its own module, apart from :mod:`simulator.engine` (the entry points :func:`simulator.engine.simulate`
and :func:`simulator.engine.simulate_many` and the event loop that drives a run): this is the engine's
hot path, kept as it was, every name in the token's loop a local or a global of this module.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from processes.model import Process
from processes.params import SimParams
from simulator import tokenprocess
from simulator import tokens as T
from simulator.activities import ActivityExecution
from simulator.choices import RuledChoices
from simulator.eventrun import EventExecution
from simulator.joins import JoinRouting
from simulator.recorder import Recorder
from simulator.records import SimResult
from simulator.resources import pool_schedules
from simulator.scopeends import ScopeEnds
from simulator.simpyimport import simpy
from simulator.state import Case, Scope
from simulator.streams import draws, lazy_stream, normals, uniforms
from simulator.stuck import StuckCases
from simulator.tokenprocess import TokenProcess, timeouts, token_process
from simulator.tokens import (
    ACTIVITY,
    END,
    EVENT_GATEWAY,
    EXCLUSIVE,
    INCLUSIVE,
    MESSAGE,
    SUBPROCESS,
    TERMINATE,
    TIMER,
)
from simulator.workplace import PoolAtWork, Workplace

__all__ = ["Run", "DRAIN_HOURS"]

#: hours a run may go on after the last arrival before open cases are left open
DRAIN_HOURS = 20 * 8766.0


class Run(ActivityExecution, EventExecution, JoinRouting, ScopeEnds, RuledChoices, StuckCases):
    """One replication: the simpy environment and everything it needs."""

    def __init__(self, compiled: T.CompiledProcess, params: SimParams, root: np.random.SeedSequence, *,
                 keep_records: bool, max_steps: int, env: simpy.Environment | None = None,
                 shared: dict[str, PoolAtWork] | None = None, exact: bool = False,
                 process: Process | None = None) -> None:
        self.compiled = compiled
        self.process = process  # (read only to say why cases cannot finish: stuck_error)
        self.nodes = compiled.nodes
        self.params = params
        self.root = root
        self.max_steps = max_steps
        self.env = env if env is not None else simpy.Environment(initial_time=0.0)
        self.stop = self.env.event()
        pools = None
        if shared:
            pools = {name: shared.get(name) or PoolAtWork(self.env, schedule)
                     for name, schedule in pool_schedules(params).items()}
        self.workplace = Workplace(self.env, params, root, pools)
        clock, decision = params.clock, params.decision
        # the legal clock: from clock.start (else arrival) to clock.stop (else the decision step, else the end)
        self.mark_complete = compiled.index[clock.start] if clock is not None else -1
        stop = clock.stop if clock is not None else decision.element if decision is not None else None
        self.mark_decision = compiled.index[stop] if stop is not None else -1
        self.recorder = Recorder(keep_records, params, self.workplace, marks_complete=self.mark_complete >= 0,
                                 marks_decision=self.mark_decision >= 0, exact=exact)
        self.needs_procs = any(nd.kind == T.TERMINATE or (nd.kind == T.END and nd.error)
                               or (nd.kind == T.SUBPROCESS and nd.boundaries)
                               or (nd.triggered and nd.interrupting) for nd in self.nodes)
        self.next_token = 1  # token ids start at 1: 0 means "none given"
        self.stuck: dict[int, tuple[str, ...]] = {}
        self.starved: dict[int, tuple[int, ...]] = {}  # a stuck join -> the incoming flows no token came by
        self.events = 0
        n = len(self.nodes)
        # per-node draw iterators, built once (no per-event dict lookups)
        self.work_draws: list[Iterator[float] | None] = [None] * n
        self.delay_draws: list[Iterator[float] | None] = [None] * n
        self.route_draws: list[Iterator[float] | None] = [None] * n
        self.count_draws: list[Iterator[float] | None] = [None] * n
        for nd in self.nodes:
            if nd.work is not None:
                self.work_draws[nd.index] = draws(nd.work, lazy_stream(root, "work", nd.id))
            if nd.delay is not None:
                self.delay_draws[nd.index] = draws(nd.delay, lazy_stream(root, "delay", nd.id))
        # simulation.case_delays: a case's delays move together (simulator.casedelays); without it, none of this
        rho = params.delay_correlation
        self.delay_quantiles: list[Any] | None = None
        self.case_factors: Iterator[float] | None = None
        self.case_weights = (0.0, 1.0)
        if rho > 0:
            from simulator import casedelays  # SciPy's special functions: loaded only for a profile that asks

            self.delay_quantiles = [None] * n
            for nd in self.nodes:
                if nd.delay is not None:
                    self.delay_draws[nd.index] = normals(lazy_stream(root, "delay", nd.id))
                    self.delay_quantiles[nd.index] = casedelays.quantile_of(nd.delay)
            self.case_factors = normals(lazy_stream(root, "case-delays"))
            self.case_weights = (math.sqrt(rho), math.sqrt(1.0 - rho))
        for nd in self.nodes:
            if nd.cumulative or nd.loop_again >= 0 or nd.share < 1.0:
                self.route_draws[nd.index] = uniforms(lazy_stream(root, "route", nd.id))
            if nd.mi_cardinality is not None and not isinstance(nd.mi_cardinality, int):
                self.count_draws[nd.index] = draws(nd.mi_cardinality, lazy_stream(root, "cardinality", nd.id))
        # case attributes (read by gateway conditions): one stream per attribute, drawn at arrival
        self.attr_draws = [
            (name, a.values, tuple(itertools.accumulate(a.weights)), uniforms(lazy_stream(root, "attribute", name)))
            for name, a in params.attributes.items()
        ]
        self.fail_draws = {nd.index: uniforms(lazy_stream(root, "error", nd.id)) for nd in self.nodes if nd.fails}
        self.capped = any(nd.visit_cap for nd in self.nodes)
        self.node_pools: list[PoolAtWork | None] = []
        self.hot: tuple[Any, ...] = ()
        self.timeout = timeouts(self.env)  # env.timeout, made in one call

    # ------------------------------------------------------------------ run

    def begin(self, cases: int | None) -> None:
        """Start the arrivals; ``self.stop`` fires when the run may end."""
        self.env.process(self.arrive(self.workplace.arrival_times(cases)))

    def finish(self) -> SimResult:
        """The result, or the error of cases that cannot finish."""
        if self.stuck:
            raise self.stuck_error()
        return self.recorder.result(self.root, self.env.now, self.events)

    def bind(self) -> None:
        """Tables that depend on the workplace and the recorder, made when the run starts."""
        self.node_pools = [self.workplace.pools.get(nd.pool) for nd in self.nodes]
        # the token's locals, loaded in one go
        self.hot = (self.nodes, self.env, self.workplace, self.recorder, self.work_draws, self.node_pools,
                    self.mark_complete, self.mark_decision, self.needs_procs, self.timeout,
                    self.recorder.direct_work)
        self.recorder.use_clock(marks_complete=self.mark_complete >= 0, marks_decision=self.mark_decision >= 0)
        if self.workplace.by_horizon:  # the observation window's end is known from the start
            self.recorder.summary.set_window_end(self.workplace.observation_end())

    def arrive(self, times: Iterator[float]) -> Any:
        """The arrival process: one case per arrival time, then the drain period."""
        self.bind()
        env = self.env
        case_id = 0
        start = self.compiled.start
        starts, shares, watch = self.compiled.starts, self.compiled.start_cumulative, self.compiled.watch
        # several top-level start events: each case arrives at one, by their shares (simulator.eventpasses)
        start_draws = uniforms(lazy_stream(self.root, "start")) if starts else None
        top_track = -1 in self.compiled.has_inclusive_join
        attr_draws = self.attr_draws
        case_factors = self.case_factors
        capped, opened, token, timeout = self.capped, self.recorder.open, self.token, self.timeout
        # the tokens of the cases that arrived now start once the next arrival is scheduled: where
        # their Initialize events would have run (simulator.tokenprocess)
        waiting: list[Any] = []
        quiet = tokenprocess.QUIET_TOKENS
        for t in times:
            now = env._now  # env.now without the property's call (once or twice per case)
            if t > now:
                wake = timeout(t - now)
                if waiting:
                    for generator in waiting:
                        if quiet:
                            TokenProcess(env, generator, True)
                        else:
                            simpy.Process(env, generator)
                    waiting.clear()
                yield wake
                now = env._now
            case = Case(case_id, now)
            if case_factors is not None:
                case.factor = next(case_factors)
            if capped:
                case.visits = {}
            if attr_draws:
                case.attrs = {name: values[min(bisect.bisect_right(cum, next(u)), len(values) - 1)]
                              for name, values, cum, u in attr_draws}
            scope = Scope(case, None, -1, top_track, None)  # the case does not point back: no cycle for the GC
            opened[case_id] = case  # Recorder.case_arrived, inlined
            case_id += 1
            scope.active = 1
            if start_draws is not None:
                start = starts[min(bisect.bisect_right(shares, next(start_draws)), len(starts) - 1)]
            waiting.append(token(scope, start, -1, False))
            if watch:
                self.arm(scope, watch)
        self.workplace.arrivals_done(env.now)
        self.recorder.summary.set_window_end(self.workplace.observation_end())
        # every case normally ends long before; a case still open by then is reported open
        end = max(env.now, self.workplace.last_arrival_bound) + DRAIN_HOURS
        drained = timeout(end - env.now)
        for generator in waiting:
            if quiet:
                TokenProcess(env, generator, True)
            else:
                simpy.Process(env, generator)
        yield drained
        self.stop.succeed()

    def spawn(self, scope: Scope, n: int, via: int, skip: bool) -> None:
        """A new token at ``n``; in a scope with inclusive joins its position counts at once,
        before its process first runs (another token may reach a join in the same instant)."""
        scope.active += 1
        tid = 0
        if scope.track:
            tid = self.next_token
            self.next_token += 1
            scope.positions[tid] = n  # type: ignore[index]
        token_process(self.env, self.token(scope, n, via, skip, tid))

    # ------------------------------------------------------------------ the token

    def token(self, scope: Scope, n: int, via: int, skip: bool, tid: int = 0) -> Any:
        """One token: execute node ``n`` (reached over flow ``via``), route, repeat.

        ``skip``: ``n`` has already happened (a boundary event that fired, a
        join that fired for another token); route from it at once.
        """
        (nodes, env, workplace, recorder, work_draws, pools, mark_complete, mark_decision, needs_procs, timeout,
         add_work) = self.hot
        case = scope.case
        track = scope.track
        max_steps = self.max_steps
        if not tid and (track or needs_procs):  # only then is a token looked up by id
            tid = self.next_token
            self.next_token += 1
        try:
            if scope.cancelled:
                return
            if needs_procs:
                if scope.procs is None:
                    scope.procs = {}
                scope.procs[tid] = env.active_process
            while True:
                node = nodes[n]
                kind = node.kind
                if not skip:
                    case.steps += 1
                    if case.steps > max_steps:
                        self.runaway(case, node)
                    if track:
                        scope.positions[tid] = n  # type: ignore[index]
                        if scope.joins:
                            self.recheck_inclusive(scope, n)
                    if node.plain:
                        pool = pools[n]
                        if pool.desk is None:  # Workplace.work, inlined: no generator per step
                            enable = env._now
                            hours = next(work_draws[n])  # type: ignore[arg-type]
                            if pool.quick and not pool.waiting and pool.busy < pool.capacity:
                                # PoolAtWork.take_free, inlined: a free member, taken at once
                                pool.busy += 1
                                try:
                                    if pool.always_open:
                                        start = enable
                                        yield timeout(hours)
                                    else:
                                        start, end = pool.calendar.span(enable, hours)
                                        if end > enable:
                                            yield timeout(end - enable)
                                except simpy.Interrupt:
                                    workplace.cut_short(case, node, pool, enable, start, recorder)
                                    raise
                                finally:  # PoolAtWork.give_back, inlined
                                    pool.busy -= 1
                                    if pool.waiting:
                                        pool.hand_over_soon()
                            elif pool.quick and not needs_procs:  # a queue, and nothing interrupts
                                request = pool.join()
                                yield request
                                now = env._now
                                if pool.always_open:
                                    start = now
                                    yield timeout(hours)
                                else:
                                    start, end = pool.calendar.span(now, hours)
                                    if end > now:
                                        yield timeout(end - now)
                                pool.leave(request)
                            elif pool.quick:  # a queue, and a cancellation may come: Workplace.queue_and_work, inlined
                                request = pool.join()
                                try:
                                    yield request
                                    now = start = env._now
                                    try:  # Workplace._held_work
                                        if pool.always_open:
                                            yield timeout(hours)
                                        else:
                                            start, end = pool.calendar.span(now, hours)
                                            if end > now:
                                                yield timeout(end - now)
                                    except simpy.Interrupt:
                                        workplace.cut_short(case, node, pool, enable, start, recorder)
                                        raise
                                except GeneratorExit:  # a generator closed when the run is over: release nothing
                                    raise
                                except BaseException:
                                    pool.quit(request)
                                    raise
                                pool.leave(request)
                            else:
                                start = yield from workplace.queue_and_work(case, node, pool, enable, hours,
                                                                            recorder)
                            if add_work is None:
                                recorder.worked(case, node, pool.name, enable, start, env._now, hours)
                            else:  # Recorder.worked without records: straight into the summary
                                add_work(pool.name, enable, start, env._now, hours, node.id)
                        else:
                            yield from workplace.work(case, node, next(work_draws[n]), recorder)  # type: ignore[arg-type]
                    elif kind == ACTIVITY or kind == SUBPROCESS:
                        n = yield from self.activity(scope, node)
                        if n < 0:  # an error thrown inside, not caught on it: thrown on in the scope (rethrow)
                            return
                        node = nodes[n]
                        kind = node.kind
                    elif kind == END or kind == TERMINATE:
                        if node.compensate:  # a compensation end, or a cancel end: undo first
                            yield from self.compensate(scope, node)
                        if node.escalates and self.escalate(scope, node):  # caught by an interrupting catch
                            return
                        if n == mark_complete or n == mark_decision:
                            self.mark(case, n)
                        self.reach_end(scope, node)
                        return
                    elif node.join:
                        if not self.arrive_at_join(scope, node, via):
                            return
                    elif kind == TIMER or kind == MESSAGE:
                        enable = env.now
                        yield timeout(self.catch_delay(case, node))
                        self.recorder.waited(case, node, enable)
                    elif kind == EVENT_GATEWAY:
                        n = yield from self.race(scope, node)
                        node = nodes[n]
                        kind = node.kind
                    elif node.compensate:  # a compensation throw: its handlers run, then the token goes on
                        yield from self.compensate(scope, node)
                    elif node.escalates and self.escalate(scope, node):  # an escalation throw, caught by an
                        return  # interrupting catch: the thrower ends (else it goes on)
                    if n == mark_complete or n == mark_decision:
                        self.mark(case, n)
                skip = False
                if node.sets:
                    case.attrs.update(node.sets)
                out = node.out
                if len(out) == 1:
                    via = out[0]
                    n = node.targets[0]
                    continue
                if not out:
                    self.reach_end(scope, node)
                    return
                if kind == EXCLUSIVE:
                    if node.route:
                        pos = self.ruled_route(case, node)
                        via = out[pos]
                        n = node.targets[pos]
                        continue
                    if node.conditions:
                        pos = self.by_condition(case, node)
                    else:
                        pos = T.choose_exclusive(node, next(self.route_draws[n]))  # type: ignore[arg-type]
                    if node.caps and case.visits is not None:
                        pos = self.respect_caps(case, node, pos)
                    via = out[pos]
                    n = node.targets[pos]
                    continue
                if kind == INCLUSIVE:
                    taken = T.choose_inclusive(node, next(self.route_draws[n]))  # type: ignore[arg-type]
                else:
                    taken = tuple(range(len(out)))
                for pos in taken[1:]:
                    self.spawn(scope, node.targets[pos], out[pos], False)
                via = out[taken[0]]
                n = node.targets[taken[0]]
        except simpy.Interrupt:
            pass
        finally:
            if needs_procs:
                scope.procs.pop(tid, None)  # type: ignore[union-attr]
            if track or scope.joins:
                self.token_gone(scope, tid)
            elif scope.active != 1:  # other tokens of the scope go on: nothing to settle
                scope.active -= 1
            elif scope.parent is None:  # the case's last token (token_gone, inlined)
                scope.active = 0
                case.end = env._now
                self.events += case.steps
                recorder.case_done(case)
            else:
                self.token_gone(scope, tid)
