"""Fits over an observed log: arrivals, branching, committee meetings, the legal clock.

Each returns plain numbers with their 95 % interval; ``calibrate.profile_out`` writes
them into a profile. Intervals: exact Poisson (Garwood) for the arrival rate, a
percentile bootstrap over cases (200 resamplings, seed 0) for probabilities.

The branch fits live in :mod:`calibrate.branchfits` and stay importable from here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from bpmn_io.caselog import LogTable, from_seconds
from calibrate.branchfits import RESAMPLES, BranchFit, branch_fit, fit_branching, fit_branching_replayed
from calibrate.distances import case_deadline_days
from calibrate.fitdist import resample_blocks
from calibrate.meetings import RecordedHour, recorded_hour
from calibrate.observe import HOUR, Observed, through_unmapped
from processes.calendarmonths import DAY_RULE_WORDS, by_day
from processes.numbers import share as share_said
from processes.wording import counted

__all__ = ["ArrivalFit", "fit_arrivals", "BranchFit", "fit_branching", "branch_fit", "fit_branching_replayed",
           "MeetingFit", "fit_meetings", "ClockFit", "fit_clock", "within_said", "case_arrivals", "only_in_progress",
           "only_in_progress_said", "CaseDelayFit", "fit_case_delays", "DAYS_KEPT"]

_DAY = 86400.0
_YEAR = 365.25 * _DAY


def case_arrivals(obs: Observed) -> np.ndarray:
    """Each case's arrival: the start of its first row where the log gives one, else its completion
    (an estimated start says when the resource was free, not when the application came in).

    A row still in progress at the export (a start, no end) is one of its case's rows too: it can be the case's
    first, and a case known only by such rows (not among the table's cases) arrived at its first one's start, so
    a log exported while this year's cases are under way does not lose them from the rate. Those cases come last.
    """
    known, running = obs.table.arrivals()
    return np.concatenate([known, np.fromiter(running.values(), float, len(running))])


def only_in_progress(table: LogTable) -> int:
    """How many cases the log knows only by rows still in progress at the export (no completed row)."""
    return len({r.case for r in table.in_progress} - set(table.case_ids))


def only_in_progress_said(n: int) -> str:
    """What the arrivals' note and text say of ``n`` cases known only by rows in progress, in English and Swedish."""
    return (f"{counted(n, 'case', lang='en')} known only by activities still in progress at the export counted as "
            f"{'an arrival' if n == 1 else 'arrivals'} at {'its' if n == 1 else 'their'} first one's start (på svenska: "
            f"{counted(n, 'ärende', 'ärenden', lang='sv')} som bara syns genom aktiviteter som pågick vid exporten "
            "räknas som inkomna vid den första aktivitetens start)")


@dataclass(frozen=True, slots=True)
class ArrivalFit:
    n: int
    first: dt.datetime
    last: dt.datetime
    per_year: float
    per_year_ci: tuple[float, float]
    seasonality: tuple[float, ...] | None  # 12 weights (mean 1), None when under a year of data
    weekdays: tuple[float, ...]  # share of arrivals Monday..Sunday
    #: (rate over the whole log, its 95 % interval) when the last year's rate replaced it (a level shift)
    whole_log: tuple[float, tuple[float, float]] | None = None

    def data(self) -> dict[str, Any]:
        return {"cases": self.n, "first": self.first.isoformat(), "last": self.last.isoformat(),
                "per_year": self.per_year, "per_year_ci": list(self.per_year_ci),
                "per_year_whole_log": None if self.whole_log is None else self.whole_log[0],
                "seasonality": list(self.seasonality) if self.seasonality else None,
                "weekday_shares": dict(zip(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), self.weekdays,
                                           strict=True))}


def _poisson_rate(k: int, years: float) -> tuple[float, tuple[float, float]]:
    """``k`` events in ``years``: the rate per year and its exact (Garwood) 95 % interval."""
    from scipy import stats

    low = stats.chi2.ppf(0.025, 2 * k) / 2 / years if k > 0 else 0.0
    return k / years, (float(low), float(stats.chi2.ppf(0.975, 2 * k + 2) / 2 / years))


def fit_arrivals(arrivals: np.ndarray) -> ArrivalFit:
    """Rate per year (n - 1 gaps over the span of arrivals), monthly weights by exposure, weekday shares.

    When the arrivals span two years or more and the rate of the last year's arrivals differs
    from the whole log's beyond chance (the whole log's rate lies outside the last year's
    exact 95 % interval: the level has shifted), the last year's rate is the one fitted: a
    simulation runs after the log, where the latest level is the better guess. ``whole_log``
    then keeps the other.
    """
    times = np.sort(arrivals[np.isfinite(arrivals)])
    n = int(times.size)
    span = float(times[-1] - times[0]) if n > 1 else 0.0
    k = max(n - 1, 0)
    whole = None
    if span <= 0:
        rate, ci = float("nan"), (float("nan"), float("nan"))
    else:
        rate, ci = _poisson_rate(k, span / _YEAR)
        if span >= 2 * _YEAR:
            recent, recent_ci = _poisson_rate(int(np.count_nonzero(times > times[-1] - _YEAR)), 1.0)
            if not recent_ci[0] <= rate <= recent_ci[1]:
                whole, rate, ci = (rate, ci), recent, recent_ci
    first, last = from_seconds(times[0]), from_seconds(times[-1])
    months = Counter(from_seconds(t).month for t in times)
    exposure = np.zeros(12)
    day = first.date()
    while day <= last.date():
        exposure[day.month - 1] += 1
        day += dt.timedelta(days=1)
    season = None
    if span >= 360 * _DAY and (exposure > 0).all():
        rates = np.array([months.get(m + 1, 0) / exposure[m] for m in range(12)])
        if rates.mean() > 0:
            season = tuple(round(float(r / rates.mean()), 3) for r in rates)
    wd = Counter(from_seconds(t).weekday() for t in times)
    weekdays = tuple(round(wd.get(d, 0) / n, 4) for d in range(7))
    return ArrivalFit(n, first, last, float(rate), ci, season, weekdays, whole)


@dataclass(frozen=True, slots=True)
class MeetingFit:
    element: str
    dates: tuple[dt.date, ...]
    rrule: str | None
    except_months: tuple[int, ...]
    at_hour: float | None
    cutoff_hours: float | None
    cutoff_bounds: tuple[float, float] | None
    batch_mean: float
    lags_hours: np.ndarray | None  # decision end - meeting (when the log has the meeting as start)
    #: a log of completions only: what its decisions' completions show of the sittings' hour
    recorded: RecordedHour | None = None

    @property
    def days_shown(self) -> bool:
        """Whether ``dates`` are the sittings' days: the log has the sittings (their starts), or its decisions'
        completions were recorded at them (one hour, :func:`calibrate.meetings.recorded_hour`). Records a
        varying time after the sittings (the minutes) fall on other days: a Tuesday's sitting whose minutes
        come 2 days to a week later is recorded from Thursday to the next Tuesday, most on a weekend."""
        return self.recorded is None or self.recorded.hour is not None

    def data(self) -> dict[str, Any]:
        return {"element": self.element, "meetings": len(self.dates), "first": str(self.dates[0]),
                "last": str(self.dates[-1]), "rrule": self.rrule, "except_months": list(self.except_months),
                "at_hour": self.at_hour, "agenda_cutoff_days": None if self.cutoff_hours is None
                else round(self.cutoff_hours / 24, 2),
                "agenda_cutoff_bounds_days": None if self.cutoff_bounds is None
                else [round(b / 24, 2) for b in self.cutoff_bounds],
                "cases_per_meeting": round(self.batch_mean, 2),
                **({"hour_from_completions": self.recorded.said()} if self.recorded else {}),
                **({} if self.days_shown else {"days_kept": DAYS_KEPT})}


#: a log of completions only whose decisions were not recorded at the sittings: why the profile's days stay
DAYS_KEPT = ("meeting days not in the log (the profile's kept, with its lag to the minutes): its decisions' "
             "completions do not show them recorded at the sittings (the hour's note says why), so their days may be "
             "the minutes', a varying time after the sittings, not the sittings'")


_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def fit_meetings(obs: Observed, element: str) -> MeetingFit | None:
    """Meeting days of the body deciding ``element``: the days its decisions are batched on (their starts, or in a
    log of completions only their records; :attr:`MeetingFit.days_shown` says whether those are the sittings').
    The agenda cut-off is bounded when the sittings' instants are known: the starts, or records made at them."""
    rows = obs.rows(element)
    if rows.size < 2:
        return None
    exact = not obs.starts.estimated[rows].any()
    instants = obs.starts.start[rows] if exact else obs.table.end[rows]
    days = [from_seconds(t).date() for t in instants]
    per_day = Counter(days)
    dates = tuple(sorted(per_day))
    weekday = Counter(d.weekday() for d in dates).most_common(1)[0][0]
    gaps = np.diff([d.toordinal() for d in dates])
    rule = None
    if gaps.size:
        gap = float(np.median(gaps))
        if gap <= 10:
            rule = f"FREQ=WEEKLY;BYDAY={_BYDAY[weekday]}"
        elif gap > 20:
            nth = Counter((d.day - 1) // 7 + 1 for d in dates if d.weekday() == weekday).most_common(1)[0][0]
            rule = f"FREQ=MONTHLY;BYDAY={_BYDAY[weekday]};BYSETPOS={nth}"
    months_seen = Counter(d.month for d in dates)
    years = sorted({d.year for d in dates})
    except_months = tuple(m for m in range(1, 13) if months_seen.get(m, 0) == 0 and len(years) >= 2)
    at_hour = None
    recorded = None
    if exact:
        tod = [(t % _DAY) / HOUR for t in instants]
        at_hour = round(float(np.median(tod)) * 4) / 4
    else:  # completions only: the hour when the decisions were recorded at one (calibrate.meetings)
        recorded = recorded_hour(obs.table, rows)
        at_hour = recorded.hour
    # the sittings' instants: their starts, or the decisions' records when made at the sittings (at one hour)
    sittings = exact or (recorded is not None and recorded.hour is not None)
    meeting_of = np.array(sorted(set(instants if sittings else [])) or [0.0])
    cutoff = bounds = None
    lags = None
    if sittings:
        ready = obs.enabled[rows]
        ok = np.isfinite(ready)
        upper = float(np.min(instants[ok] - ready[ok])) if ok.any() else None
        prev_idx = np.searchsorted(meeting_of, instants, side="left") - 1
        prev = np.where(prev_idx >= 0, meeting_of[np.clip(prev_idx, 0, None)], -np.inf)
        missed = ok & (ready < prev)
        lower = float(np.max(prev[missed] - ready[missed])) if missed.any() else 0.0
        if upper is not None:
            bounds = (max(lower, 0.0) / HOUR, upper / HOUR)
            cutoff = (bounds[0] + bounds[1]) / 2
        lags = (obs.table.end[rows] - instants) / HOUR if exact else None
    return MeetingFit(element, dates, rule, except_months, at_hour, cutoff, bounds,
                      float(np.mean(list(per_day.values()))), lags, recorded)


@dataclass(frozen=True, slots=True)
class ClockFit:
    """``months``: the deadline was in calendar months (each case's own date), None: a fixed length;
    ``unit``: the unit it was written in when that is days or weeks (counted by the day: a closed last day
    moves on), else None."""

    start_marks: tuple[str, ...]
    stop_marks: tuple[str, ...]
    cases: int
    median_days: float
    within: float | None
    months: int | None = None
    unit: str | None = None

    def data(self) -> dict[str, Any]:
        return {"start_marked_by": list(self.start_marks), "stop_marked_by": list(self.stop_marks),
                "cases": self.cases, "median_days": self.median_days, "share_within_deadline": self.within,
                **({"deadline_calendar_months": self.months} if self.months else {}),
                **({"deadline_unit": self.unit} if self.unit else {})}


def within_said(share: float | None, months: int | None, unit: str | None = None) -> str:
    """The clock's share within its deadline as the calibration text and the profile's note say it ("" without
    a deadline), with the rule of a deadline in calendar months, or in days or weeks (``unit``).

    >>> within_said(0.97, None), within_said(0.97, 4)
    (', 97% within the deadline', ", 97% within the deadline (4 calendar months from each case's clock start, \
to the same day of the month)")
    >>> within_said(0.97, None, "d")
    ', 97% within the deadline (a last day on a weekend, holiday or eve moved to the next weekday)'
    """
    if share is None:
        return ""
    months_rule = f" ({months} calendar months from each case's clock start, to the same day of the month)"
    rule = months_rule if months else f" ({DAY_RULE_WORDS[0]})" if by_day(unit) else ""
    return f", {share_said(share, 'en')} within the deadline{rule}"


def fit_clock(obs: Observed, start: str, stop: str, deadline_hours: float | None,
              months: int | None = None, unit: str | None = None) -> ClockFit | None:
    """Time on the legal clock per case: from the last completion marking its start to the first marking its stop;
    the share within ``deadline_hours``, or, for a deadline of ``months`` calendar months, within each case's own
    (:func:`calibrate.distances.case_deadline_days`: from its clock's start to the same day of the month); one
    written in days or weeks (``unit``) whose last day is a weekend, holiday or eve runs to the next weekday's
    end, as in the simulation."""
    mapped = set(obs.elements)
    marks: list[tuple[str, ...]] = []
    for event in (start, stop):
        if event in mapped:
            marks.append((event,))
        elif event in obs.graph:
            # the completion that fires it; a start event has none, so the first steps after it
            found = through_unmapped(obs.graph, [event], mapped, reverse=True) or through_unmapped(
                obs.graph, [event], mapped)
            marks.append(tuple(sorted(found)))
        else:
            return None
    if not marks[0] or not marks[1] or set(marks[0]) & set(marks[1]):
        # one step marking both (a log mapped onto too few steps: only the first before the stop) times nothing
        return None
    code = {e: i for i, e in enumerate(obs.elements)}
    bounds = obs.table.case_bounds()
    spans, begun = [], []
    s_codes = [code[e] for e in marks[0]]
    t_codes = [code[e] for e in marks[1]]
    for c in range(obs.table.n_cases):
        lo, hi = bounds[c], bounds[c + 1]
        el, end = obs.element[lo:hi], obs.table.end[lo:hi]
        stops = end[np.isin(el, t_codes)]
        if not stops.size:
            continue
        stop_t = stops.min()
        starts = end[np.isin(el, s_codes) & (end <= stop_t)]
        if starts.size:
            spans.append((stop_t - starts.max()) / _DAY)
            begun.append(starts.max())
    if not spans:
        return None
    arr = np.array(spans)
    within = None
    if deadline_hours is not None:
        limit = case_deadline_days(np.array(begun), deadline_hours / 24, months, unit) * 24
        within = float(np.mean(arr * 24 <= limit))
    daily = unit if not months and by_day(unit) else None
    return ClockFit(marks[0], marks[1], len(spans), float(np.median(arr)), within, months or None, daily)


#: rows an element needs before its delays' normal scores count towards the case correlation
_MIN_ROWS_FOR_SCORES = 10


@dataclass(frozen=True, slots=True)
class CaseDelayFit:
    """How strongly a case's delays move together: the correlation of the normal scores of two
    delays of one case (``rho``), with its 95 % bootstrap interval over cases."""

    rho: float
    ci: tuple[float, float]
    cases: int  # cases with two delays or more
    pairs: int  # pairs of delays within one case

    def data(self) -> dict[str, Any]:
        return {"correlation": round(self.rho, 4), "ci": [round(self.ci[0], 4), round(self.ci[1], 4)],
                "cases": self.cases, "pairs": self.pairs}


def fit_case_delays(case: np.ndarray, element: np.ndarray, hours: np.ndarray, *,
                    min_rows: int = _MIN_ROWS_FOR_SCORES) -> CaseDelayFit | None:
    """The one-factor Gaussian copula's correlation of delays within a case.

    ``case``, ``element`` and ``hours`` are one entry per delay row (the log's case index, the
    model element, the fitted delay). Each element's delays become normal scores (average ranks
    over n + 1, through the standard normal's quantile), so every element keeps its own
    distribution; a case whose delays are all long has high scores everywhere. The estimate is
    the mean product of the scores of two different rows of one case over the mean square of
    the scores: sum_c ((sum z)^2 - sum z^2) / sum_c k_c (k_c - 1), divided by mean z^2. 0 when
    delays are independent of the case, 1 when a case's delays are all at the same quantile.
    An element with fewer than ``min_rows`` rows is left out. ``None`` without a case of two
    scored delays."""
    from scipy import special, stats

    z = np.full(hours.shape, np.nan)
    for e in np.unique(element):
        rows = np.flatnonzero(element == e)
        if rows.size < min_rows:
            continue
        z[rows] = special.ndtri(stats.rankdata(hours[rows]) / (rows.size + 1))
    keep = ~np.isnan(z)
    if not keep.any():
        return None
    cases, inverse = np.unique(case[keep], return_inverse=True)
    zk = z[keep]
    s = np.bincount(inverse, weights=zk, minlength=cases.size)
    q = np.bincount(inverse, weights=zk * zk, minlength=cases.size)
    k = np.bincount(inverse, minlength=cases.size).astype(float)
    num, den = s * s - q, k * (k - 1)
    if den.sum() <= 0 or q.sum() <= 0:
        return None  # no case with two scored delays, or all scores 0

    def rho(idx: np.ndarray | slice) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):  # a resampling without a pair: left out below
            return (num[idx].sum(axis=-1) / den[idx].sum(axis=-1)) / (q[idx].sum(axis=-1) / k[idx].sum(axis=-1))

    rng = np.random.default_rng(0)
    boot = np.concatenate([rho(idx) for idx in resample_blocks(rng, cases.size, RESAMPLES)])
    boot = boot[np.isfinite(boot)]
    lo, hi = (np.percentile(boot, [2.5, 97.5]) if boot.size else (np.nan, np.nan))
    return CaseDelayFit(float(rho(slice(None))), (float(lo), float(hi)), int(np.count_nonzero(k >= 2)),
                        int(den.sum() / 2))
