"""One calibration run's state, and how it reads a step's rows: work or calendar delay, the starts work is
counted from, work hours inside a pool's calendar, each row's release.

Its own module because every part of the profile the run writes (:mod:`calibrate.poolentries`,
:mod:`calibrate.stepdurations`, :mod:`calibrate.branchentries`, :mod:`calibrate.decisionentries`) reads the
log through this state; :class:`calibrate.core._Builder` joins those parts into one run.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from bpmn_io.caselog import LogTable, from_seconds, names_someone
from calibrate import staff
from calibrate.mapping import ActivityMapping
from calibrate.observe import Observed, observe, released
from calibrate.starttimes import spaced_starts
from processes.model import Definitions, Event, Process
from simulator.resources import WorkCalendar

__all__ = ["CalibrationRun", "lane_pool"]
def lane_pool(process: Process, element: str, pools: dict[str, Any]) -> tuple[str | None, str | None]:
    """(lane id, pool name) of ``element`` by the base profile's pool lanes."""
    lane = process.lane_of(element)
    if lane is None:
        return None, None
    for name, pool in pools.items():
        lanes = pool.get("lanes") or []
        lanes = [lanes] if isinstance(lanes, str) else lanes
        if lane.id in lanes or (lane.name and lane.name in lanes):
            return lane.id, str(name)
    return lane.id, None


class CalibrationRun:
    """The observed log, the profile being written and the report of one calibration run, and how the run
    reads the log's rows; the parts of the profile are written by its subclasses."""

    def __init__(self, defs: Definitions, table: LogTable, mapping: ActivityMapping, base: dict[str, Any] | None,
                 log_name: str, exported_at: float | None = None) -> None:
        self.process = defs.process()
        self.table = table
        self.mapping = mapping
        self.base = copy.deepcopy(base) if base else {}
        self.obs: Observed = observe(self.process, table, mapping)
        self.source = f"log {log_name} ({table.n_cases} cases, {table.period_text()})"
        self.sim: dict[str, Any] = self.base.setdefault("simulation", {}) or {}
        self.base["simulation"] = self.sim
        self.report: dict[str, Any] = {"log": log_name, "cases": table.n_cases, "events": table.n_events,
                                       "period": table.period_text(), "start_times": self.obs.starts.note}
        self.calendars: dict[str, WorkCalendar] = {}
        self.dates_only = staff.dates_only(table.end)
        self.overloaded: dict[str, float] = {}  # pool -> utilisation, see capacity()
        self._release: np.ndarray | None = None
        #: the people who keep items open (staff.PoolFit.open_items) -> their rows' median hours open, and which
        #: rows of the log are theirs in the pools they were found in: that work is read from the spacing of
        #: completions, not from the logged start (pools(), _starts)
        self.open_items: dict[str, float] = {}
        self._kept = np.zeros(table.n_events, bool)
        self._spaced: np.ndarray | None = None
        #: when the log was exported (wall-clock seconds): its last event unless the user said
        self.exported = table.last_seen() if exported_at is None else exported_at
        self.exported_text = (f"{from_seconds(self.exported):%Y-%m-%d %H:%M}, "
                              + ("the log's last event" if exported_at is None else "as given"))

    def _is_delay(self, e: str) -> bool:
        node = self.process.nodes.get(e)
        old = ((self.sim.get("elements") or {}).get(e)) or {}
        if "delay" in old:
            return True
        if "duration" in old:
            return False
        if isinstance(node, Event):
            return True
        return self.dates_only or self._pool_of(e) in self.overloaded or self._nobodys(e)

    def _nobodys(self, e: str) -> bool:
        """Whether no row of ``e`` names who did it while the log names people for other steps: an external
        wait (a referral's answer, the applicant's supplement), not the pool's work. A discovered model puts
        every step in one lane, and a log with start times had its five referral answers fitted as 108 hours
        of the staff's work each, so that a simulation of it decided no case in a year (found by QA,
        2026-12-07)."""
        rows = self.obs.rows(e)
        named = names_someone(self.table.resources)  # "none", as permitflow's own logs write, names no one
        return bool(rows.size) and bool(named[self.table.resource].any()) and not named[self.table.resource[rows]].any()

    def _pool_of(self, e: str) -> str | None:
        lane, pool = lane_pool(self.process, e, self.sim.get("pools") or {})
        return pool or (f"staff_{lane}" if lane else None)

    def _work_values(self, e: str) -> np.ndarray:
        """Work hours of ``e``'s rows inside its pool's calendar (wall hours without one)."""
        return self._work_hours(e, self._pool_of(e))

    def _released(self) -> np.ndarray:
        """Each row's release (:func:`calibrate.observe.released`) with the begin a delay is measured from."""
        if self._release is None:
            begin = np.where(self.obs.starts.estimated, self.obs.enabled, self.obs.starts.start)
            begin = np.where(np.isnan(begin), self.table.end, begin)
            self._release = released(self.obs, begin)
        return self._release

    def _work_hours(self, element: str, pool: str | None) -> np.ndarray:
        """Work hours of ``element``'s rows inside ``pool``'s calendar (wall hours without one).

        A start estimated from the resource's previous completion alone (the log shows nothing earlier
        in the case, so nothing enabling the step: the arrival was not logged) says when the person was
        free, not when the step began; a person idle for days would have worked on it all that time. Such
        a start counts from no earlier than 00:00 of the completion's day: the work is that day's open
        hours up to the completion, at most (the days before are waiting for an arrival the log did not
        see)."""
        rows = self.obs.rows(element)
        cal = self.calendars.get(pool or "")
        begun, estimated = self._starts(rows)
        h0, h1 = self.obs.hours(begun), self.obs.hours(self.table.end[rows])
        unseen = estimated & np.isnan(self.obs.enabled[rows])
        h0 = np.where(unseen, np.maximum(h0, np.floor(h1 / 24.0) * 24.0), h0)
        hours = np.array([cal.open_hours(a, b) for a, b in zip(h0, h1, strict=True)]) if cal else h1 - h0
        # to the millisecond: sums of calendar intervals leave float residue (1e-14 h) that the
        # profile wrote as "0.00000000000172m" and counted as work above zero
        return np.round(hours * 3_600_000) / 3_600_000

    def _starts(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The starts work is counted from for ``rows``, and which are estimated: the log's (or their
        estimate), but for a person whose rows are items kept open for days (:attr:`open_items`) the later of the step's
        enabling and that person's previous completion, as in a log of completions only: the logged start says
        when the item landed on the desk, the spacing of the completions when work on it can have begun."""
        start, estimated = self.obs.starts.start[rows], self.obs.starts.estimated[rows]
        if not self.open_items:
            return start, estimated
        if self._spaced is None:
            self._spaced = spaced_starts(self.table, self.obs.enabled)
        kept = self._kept[rows]
        return np.where(kept, self._spaced[rows], start), estimated | kept
