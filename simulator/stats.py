"""Figures of a run, as pure functions of its records; replications and confidence intervals.

:func:`figures` turns a :class:`SimResult` into a flat ``dict[str, float]``.
With records it computes every figure from them exactly (:func:`summary_of`
replays the records); without (``keep_records=False``) it reads the streaming
:class:`Summary` the engine filled during the run. Both give the same keys and,
for every mean, share, utilisation and maximum, the same values; quantiles of a
summary-only run come from a :class:`LogHistogram`: exact for the first 1000
cases, then within 0.25 % of the value of the quantile's rank (fixed memory).

Times in figures are days (24 h) unless the key says ``hours``. Cases that
arrive during the warm-up are excluded; steps count if enabled after it;
utilisation, queue length and backlog are measured over the window
``[warmup, horizon]`` (time-weighted, by Little's law from the waits).

Keys: ``cases``, ``cases_open`` (not finished when the run stopped),
``cases_undecided`` (no decision: open, or ended without reaching the clock's stop:
withdrawn, dismissed), ``cases_decided``, ``submission_to_decision_{mean,median,p90,p95,max}_days``,
``complete_to_decision_...`` (the legal clock), ``within_deadline_share`` (within the
deadline), ``within_extended_deadline_share`` (within deadline + the one extension allowed),
``within_legal_time_share`` (within the deadline, or the extended deadline when the case
was extended), ``extended_share`` (cases whose deadline was extended) -- these four over
decided cases, the three shares ``nan`` without a clock (no deadline); ``outcome_share.<outcome>`` and ``outcome_days.<outcome>`` (share of all
cases, mean days from submission to the end) for each outcome ``simulation.outcomes`` names,
``wait_days.<element>`` (queue for a member or a meeting), ``work_hours.<element>``,
``elapsed_days.<element>`` (enable to end: queue, work, pauses, delays), ``utilisation.<pool>``,
``queue_length.<pool>``, ``wait_days_pool.<pool>``, ``committee_backlog.<body>``,
``agenda_max.<body>``, ``meetings.<body>``, ``cost_per_case`` and, given the fee,
``fee``, ``cost_share_of_fee``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from processes.params import OUTCOMES, LegalClock
from simulator.records import SimResult
from simulator.tquantile import t_quantile

__all__ = ["LogHistogram", "Summary", "figures", "summary_of", "confidence_interval", "linear_quantile",
           "natural_bounds"]

DAY = 24.0
QUANTILES = (("median", 0.5), ("p90", 0.9), ("p95", 0.95))


class LogHistogram:
    """Count, sum, maximum and quantiles of a stream of durations (hours) in constant memory.

    The first :data:`EXACT` values are kept and give exact quantiles (numpy's
    linear interpolation); after that every value goes into one of a fixed set
    of logarithmic bins, each :data:`RATIO` wide (0.5 %), from 1e-3 h (3.6 s) to
    1e6 h (114 years), and a quantile is the geometric middle of the bin that
    holds it: within 0.25 % of the value of that rank (values under 1e-3 h read
    as 0). Adding a value costs one logarithm. ``exact=True`` keeps every value
    (for figures computed from records).

    >>> h = LogHistogram()
    >>> for x in range(1, 5001): h.add(float(x))
    >>> abs(h.quantile(0.5) / 2500.5 - 1) < 0.003
    True
    """

    __slots__ = ("count", "total", "largest", "values", "bins", "exact", "ordered")

    def __init__(self, exact: bool = False) -> None:
        self.count = 0
        self.total = 0.0
        self.largest = -math.inf
        self.values: list[float] | None = []
        self.bins: list[int] | None = None
        self.exact = exact
        #: (how many values, those values in order or None when one is NaN), made by the first quantile
        self.ordered: tuple[int, list[float] | None] = (-1, None)

    def add(self, x: float) -> None:
        """Observe ``x`` (hours, >= 0)."""
        self.count += 1
        self.total += x
        if x > self.largest:
            self.largest = x
        bins = self.bins
        if bins is not None:
            bins[0 if x < _LOW else min(_NBINS, 1 + int(_log(x * _PER_LOW) * _PER_LOG_RATIO))] += 1
            return
        values = self.values
        values.append(x)  # type: ignore[union-attr]
        if len(values) > EXACT and not self.exact:  # type: ignore[arg-type]
            self.bins = [0] * (_NBINS + 1)
            for v in values:  # type: ignore[union-attr]
                self.bins[_bin(v)] += 1
            self.values = None

    def quantile(self, p: float) -> float:
        """The ``p`` quantile (nan when empty)."""
        if self.count == 0:
            return math.nan
        values = self.values
        if values is not None:
            # every quantile of the same values from one sorted copy (they are only ever appended to)
            count, ordered = self.ordered
            if count != len(values):
                ordered = _in_order(values)
                self.ordered = (len(values), ordered)
            return math.nan if ordered is None else _ordered_quantile(ordered, p, values)
        rank = p * (self.count - 1)
        seen = 0
        for i, n in enumerate(self.bins):  # type: ignore[arg-type]
            seen += n
            if seen > rank:
                return 0.0 if i == 0 else _LOW * RATIO ** (i - 0.5)
        return _LOW * RATIO ** (_NBINS - 0.5)

    def figures(self, prefix: str) -> dict[str, float]:
        """``<prefix>_{mean,median,p90,p95,max}_days``."""
        if not self.count:
            return {f"{prefix}_{k}_days": math.nan for k in ("mean", "median", "p90", "p95", "max")}
        out = {f"{prefix}_mean_days": self.total / self.count / DAY}
        for name, p in QUANTILES:
            out[f"{prefix}_{name}_days"] = self.quantile(p) / DAY
        out[f"{prefix}_max_days"] = self.largest / DAY
        return out


def linear_quantile(values: Sequence[float], p: float) -> float:
    """The ``p`` quantile of ``values`` (not empty, 0 <= ``p`` <= 1), interpolated linearly between
    the order statistics: ``float(numpy.quantile(values, p))`` to the last bit (its default
    method, Hyndman and Fan's 7th, with the same float operations in the same order), without
    numpy's array machinery (which loads ``numpy.ma`` on its first call and costs ~30 µs a call).

    >>> linear_quantile([4.0, 1.0, 3.0, 2.0], 0.5)
    2.5
    """
    ordered = _in_order(values)
    return math.nan if ordered is None else _ordered_quantile(ordered, p, values)


def _in_order(values: Sequence[float]) -> list[float] | None:
    """``values`` as floats in ascending order, or None when one is NaN (numpy sorts NaN last and
    answers NaN)."""
    if any(map(math.isnan, values)):
        return None
    return sorted(map(float, values))


def _ordered_quantile(ordered: list[float], p: float, values: Sequence[float]) -> float:
    """:func:`linear_quantile` of ``values`` given them in order (``ordered``, without NaN)."""
    n = len(ordered)
    at = (n - 1) * p
    if at >= n - 1:  # numpy takes the last value for both neighbours and interpolates from index -1
        below = above = -1
        base = -1.0
    else:
        base = float(math.floor(at))
        below = int(base)
        above = below + 1
    gamma = at - base
    low, high = ordered[below], ordered[above]
    if (low == 0.0 or high == 0.0) and any(x == 0.0 and math.copysign(1.0, x) < 0.0 for x in ordered):
        # 0.0 and -0.0 compare equal: which of them numpy's partition puts where is its own affair
        return float(np.quantile(values, p))
    diff = high - low
    if gamma >= 0.5:
        return high - diff * (1 - gamma)
    return low + diff * gamma


EXACT = 1000
RATIO = 1.005
_LOW = 1e-3
_LOG_RATIO = math.log(RATIO)
_PER_LOG_RATIO = 1.0 / _LOG_RATIO
_PER_LOW = 1.0 / _LOW
_log = math.log
_NBINS = int(math.ceil(math.log(1e6 / _LOW) / _LOG_RATIO))


def _bin(x: float) -> int:
    if x < _LOW:
        return 0
    return min(_NBINS, 1 + int(_log(x * _PER_LOW) * _PER_LOG_RATIO))


def _outcome_order(kinds: Iterable[str]) -> list[str]:
    """The outcomes present, in the order of ``processes.params.OUTCOMES``."""
    present = set(kinds)
    return [k for k in OUTCOMES if k in present] + sorted(present - set(OUTCOMES))


def _overlap(a: float, b: float, lo: float, hi: float) -> float:
    return max(0.0, min(b, hi) - max(a, lo))


class Summary:
    """Streaming accumulators of one run; memory independent of the number of cases
    (it grows only with the number of elements, pools and meetings)."""

    def __init__(self, warmup: float, clock: LegalClock | None = None, start: dt.date | None = None, *,
                 exact: bool = False, clock_starts_at_arrival: bool = False,
                 outcomes: Mapping[str, str] | None = None) -> None:
        self.warmup = warmup
        #: the legal clock, whose :meth:`~processes.params.LegalClock.span` says when a case is late;
        #: ``start``: the run's first day (hour 0), on whose calendar a deadline in months is counted
        self.clock = clock
        self.start = start or dt.date(2000, 1, 1)
        self.window_end = math.inf
        self.cases = 0
        self.open = 0
        self.undecided = 0
        self.within = 0
        self.within_extended = 0
        self.within_legal = 0
        self.extended = 0
        # end event id -> outcome; per outcome [cases, hours from submission to the end]
        self.outcomes = dict(outcomes or {})
        self.by_outcome: dict[str, list[float]] = {
            kind: [0, 0.0] for kind in _outcome_order(self.outcomes.values())}
        self.s2d = LogHistogram(exact)
        # without a clock start, complete = arrival: one series serves both figures
        self.c2d = self.s2d if clock_starts_at_arrival else LogHistogram(exact)
        self.steps: dict[str, list[float]] = {}  # element -> [count, wait, work, elapsed]
        self.pools: dict[str, list[float]] = {}  # pool -> [busy work in window, wait in window, work after warmup, wait sum, count]
        self.agendas: dict[tuple[str, float], int] = {}
        self.backlog: dict[str, float] = {}
        self.pool_records: tuple[Any, ...] = ()

    def use_clock(self, *, starts_at_arrival: bool) -> None:
        """Before any case: whether the legal clock starts at arrival (one series then serves both)."""
        if starts_at_arrival:
            self.c2d = self.s2d
        elif self.c2d is self.s2d:
            self.c2d = LogHistogram(self.s2d.exact)

    def set_window_end(self, end: float) -> None:
        self.window_end = end

    def add_case(self, arrival: float, complete: float, decision: float, end: float, outcome: str = "open",
                 extended: bool = False) -> None:
        """A case finished (or was still open when the run stopped), ending at end event ``outcome``;
        ``extended``: its legal clock was extended."""
        if arrival < self.warmup:
            return
        self.cases += 1
        if math.isnan(end):
            self.open += 1
        else:
            kind = self.outcomes.get(outcome)
            if kind is not None:
                acc = self.by_outcome[kind]
                acc[0] += 1
                acc[1] += end - arrival
        if math.isnan(decision):
            self.undecided += 1
            return
        self.s2d.add(decision - arrival)
        if not math.isnan(complete):
            legal = decision - complete
            if self.c2d is not self.s2d:
                self.c2d.add(legal)
            if extended:
                self.extended += 1
            clock = self.clock
            if clock is None:
                return
            within = legal <= clock.span(complete, self.start)
            within_extended = legal <= clock.span(complete, self.start, extended=True)
            self.within += within
            self.within_extended += within_extended
            self.within_legal += within_extended if extended else within

    def add_step(self, element: str, enable: float, start: float, end: float, work: float) -> None:
        """An activity: queued from ``enable``, started ``start``, ended ``end``."""
        if enable < self.warmup:
            return
        acc = self.steps.get(element)
        if acc is None:
            acc = self.steps[element] = [0, 0.0, 0.0, 0.0]
        acc[0] += 1
        acc[1] += start - enable
        acc[2] += work
        acc[3] += end - enable

    def add_work(self, pool: str, enable: float, start: float, end: float, work: float, element: str) -> None:
        """A step of ``element`` by a member of ``pool``, queued from ``enable``,
        held from ``start`` to ``end`` doing ``work`` hours."""
        lo = self.warmup
        if enable >= lo:  # add_step, inlined (once per step of every run)
            acc = self.steps.get(element)
            if acc is None:
                acc = self.steps[element] = [0, 0.0, 0.0, 0.0]
            acc[0] += 1
            acc[1] += start - enable
            acc[2] += work
            acc[3] += end - enable
        acc = self.pools.get(pool)
        if acc is None:
            acc = self.pools[pool] = [0.0, 0.0, 0.0, 0.0, 0]
        hi = self.window_end
        held = end - start
        if lo <= start and end <= hi:  # the usual case: wholly inside the window
            acc[0] += work
        elif held > 0:
            acc[0] += work * _overlap(start, end, lo, hi) / held
        elif lo <= start <= hi:
            acc[0] += work
        if enable < start:
            acc[1] += start - enable if lo <= enable and start <= hi else _overlap(enable, start, lo, hi)
        if enable >= lo:
            acc[2] += work
            acc[3] += start - enable
            acc[4] += 1

    def add_agenda(self, body: str, ready: float, meeting: float) -> None:
        """A case ready at ``ready`` decided at the meeting at ``meeting``."""
        key = (body, meeting)
        self.agendas[key] = self.agendas.get(key, 0) + 1
        self.backlog[body] = self.backlog.get(body, 0.0) + _overlap(ready, meeting, self.warmup, self.window_end)

    def close(self, window_end: float, pool_records: Sequence[Any]) -> None:
        """The run ended; ``pool_records`` give the member-hours available."""
        self.window_end = window_end
        self.pool_records = tuple(pool_records)

    def figures(self, fee: float | None = None) -> dict[str, float]:
        """The flat figures of this run (see the module docstring for keys)."""
        out: dict[str, float] = {"cases": float(self.cases), "cases_open": float(self.open),
                                 "cases_undecided": float(self.undecided),
                                 "cases_decided": float(self.cases - self.undecided)}
        out.update(self.s2d.figures("submission_to_decision"))
        out.update(self.c2d.figures("complete_to_decision"))
        decided = self.c2d.count
        # no clock, no deadline: a share within it would claim every case on time
        timed = decided if self.clock is not None else 0
        out["within_deadline_share"] = self.within / timed if timed else math.nan
        out["within_extended_deadline_share"] = self.within_extended / timed if timed else math.nan
        out["within_legal_time_share"] = self.within_legal / timed if timed else math.nan
        out["extended_share"] = self.extended / decided if decided else math.nan
        for kind, (count, hours) in self.by_outcome.items():
            out[f"outcome_share.{kind}"] = count / self.cases if self.cases else math.nan
            out[f"outcome_days.{kind}"] = hours / count / DAY if count else math.nan
        for element, (count, wait, work, elapsed) in sorted(self.steps.items()):
            out[f"wait_days.{element}"] = wait / count / DAY
            out[f"work_hours.{element}"] = work / count
            out[f"elapsed_days.{element}"] = elapsed / count / DAY
        span = self.window_end - self.warmup
        cost = 0.0
        for record in self.pool_records:
            busy, waiting, work, wait_sum, count = self.pools.get(record.pool, [0.0, 0.0, 0.0, 0.0, 0])
            out[f"utilisation.{record.pool}"] = busy / record.available_hours if record.available_hours > 0 else math.nan
            out[f"queue_length.{record.pool}"] = waiting / span if span > 0 else math.nan
            out[f"wait_days_pool.{record.pool}"] = wait_sum / count / DAY if count else math.nan
            cost += work * record.cost_per_hour
        bodies = sorted({body for body, _ in self.agendas})
        for body in bodies:
            sizes = [n for (b, _), n in self.agendas.items() if b == body]
            out[f"committee_backlog.{body}"] = self.backlog.get(body, 0.0) / span if span > 0 else math.nan
            out[f"agenda_max.{body}"] = float(max(sizes))
            out[f"meetings.{body}"] = float(len(sizes))
        out["cost_per_case"] = cost / self.cases if self.cases else math.nan
        if fee is not None:
            out["fee"] = float(fee)
            out["cost_share_of_fee"] = out["cost_per_case"] / fee if fee else math.nan
        return out


def summary_of(result: SimResult) -> Summary:
    """A :class:`Summary` rebuilt from ``result``'s records, with exact quantiles."""
    base = result.summary
    summary = Summary(result.warmup, base.clock, base.start, exact=True,
                      clock_starts_at_arrival=base.c2d is base.s2d, outcomes=base.outcomes)
    summary.set_window_end(result.horizon)
    add_case, add_work = summary.add_case, summary.add_work
    for c in result.cases:
        add_case(c.arrival, c.complete, c.decision, c.end, c.outcome, c.extended)
    pools = {p.pool for p in result.pools}
    for a in result.activities:
        resource = a.resource
        if resource and resource in pools:
            add_work(resource, a.enable, a.start, a.end, a.work, a.element)
        elif a.resource:
            summary.add_step(a.element, a.enable, a.start, a.end, a.work)
            summary.add_agenda(a.resource, a.enable, a.start)
        else:
            summary.add_step(a.element, a.enable, a.start, a.end, a.work)
    summary.close(result.horizon, result.pools)
    return summary


def figures(result: SimResult, *, fee: float | None = None) -> dict[str, float]:
    """The figures of one run: from its records when kept, else from its summary.

    ``fee``: the application fee charged (kr), to set officer cost against it.
    """
    if result.cases:
        return summary_of(result).figures(fee)
    return result.summary.figures(fee)


def confidence_interval(values: Iterable[float], level: float = 0.95) -> tuple[float, float, float]:
    """(mean, low, high): the Student t confidence interval of the mean of ``values``.

    NaN values are dropped; fewer than two values give ``nan`` bounds.

    >>> confidence_interval([1.0, 2.0, 3.0])[0]
    2.0
    """
    xs = np.asarray([v for v in values if not math.isnan(v)], dtype=float)
    if len(xs) == 0:
        return (math.nan, math.nan, math.nan)
    mean = float(xs.mean())
    if len(xs) < 2:
        return (mean, math.nan, math.nan)
    half = float(t_quantile(0.5 + level / 2, len(xs) - 1) * xs.std(ddof=1) / math.sqrt(len(xs)))
    return (mean, mean - half, mean + half)


_NOT_NEGATIVE = frozenset(("cases", "cases_open", "cases_undecided", "cases_decided", "cost_per_case", "fee",
                           "cost_share_of_fee"))
_NOT_NEGATIVE_PREFIXES = ("submission_to_decision_", "complete_to_decision_", "outcome_days.", "wait_days.",
                          "work_hours.", "elapsed_days.", "utilisation.", "queue_length.", "wait_days_pool.",
                          "committee_backlog.", "agenda_max.", "meetings.")


def natural_bounds(figure: str) -> tuple[float, float]:
    """Where the mean of ``figure`` (a key of :meth:`Summary.figures`, with or without ``<process>/``) can lie:
    ``(0, 1)`` for a share of cases, ``(0, inf)`` for every other figure (counts, days, hours, utilisation,
    queue lengths, costs, the cost over the fee: none is below zero), ``(-inf, inf)`` for a name this module
    does not make. A confidence interval of the mean cut to these bounds still holds the mean whenever the
    interval did: it covers it at least as often.

    >>> natural_bounds("helsingborg/cases"), natural_bounds("outcome_share.grant"), natural_bounds("x")
    ((0.0, inf), (0.0, 1.0), (-inf, inf))
    """
    name = figure.partition("/")[2] if "/" in figure else figure
    if name != "cost_share_of_fee" and (name.endswith("_share") or name.startswith("outcome_share.")):
        return (0.0, 1.0)
    if name in _NOT_NEGATIVE or name.startswith(_NOT_NEGATIVE_PREFIXES):
        return (0.0, math.inf)
    return (-math.inf, math.inf)
