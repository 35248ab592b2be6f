"""The profile's pools and calendars as the log shows them: each pool's people, working hours and FTE from the
staff fits (:mod:`calibrate.staff`), a calendar of their own for people whose hours differ, and the capacity
check that makes an overloaded pool's steps calendar delays.

Its own module because the pools are one part of the profile with rules of their own (when hours can be read,
when a calendar of the log's replaces the model's); :class:`calibrate.core._Builder` runs it after the
arrivals (the capacity check needs their rate) and before the durations (which read the pools' calendars).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bpmn_io.profile_schema import calendar_from_data
from calibrate import staff
from calibrate.calibrationrun import CalibrationRun, lane_pool
from calibrate.profileentry import about, sourced
from processes.model import Task
from processes.params import CalendarSpec
from simulator.resources import WorkCalendar

__all__ = ["PoolEntries"]
#: activity instances a pool needs before its working hours are read from the log
_MIN_ROWS_FOR_HOURS = 200


def _hours_data(window: staff.Window) -> dict[str, str]:
    return {d: f"{staff.clock_text(w[0])}-{staff.clock_text(w[1])}" for d, w in zip(staff.WEEKDAYS, window, strict=True)
            if w}


def _inside(window: staff.Window, spec: CalendarSpec) -> bool:
    for w, day in zip(window, spec.week, strict=True):
        if w is None:
            continue
        if not day or w[0] < day[0][0] - 0.25 or w[1] > day[-1][1] + 0.25:
            return False
    return True


class PoolEntries(CalibrationRun):
    """The pools and calendars part of a calibration run (see the module doc)."""

    def pools(self) -> None:
        pools = self.sim.setdefault("pools", {}) or {}
        self.sim["pools"] = pools
        calendars = self.sim.setdefault("calendars", {}) or {}
        self.sim["calendars"] = calendars
        by_pool: dict[str, tuple[list[str], list[np.ndarray]]] = {}
        decision = (self.sim.get("decision") or {}).get("element")
        for e in self.obs.elements:
            node = self.process.nodes.get(e)
            if not isinstance(node, Task) or e == decision or self._is_delay(e):
                continue
            lane, pool = lane_pool(self.process, e, pools)
            if lane is None:
                continue
            pool = pool or f"staff_{lane}"
            lanes, rows = by_pool.setdefault(pool, ([], []))
            if lane not in lanes:
                lanes.append(lane)
            rows.append(self.obs.rows(e))
        report = []
        table = self.table
        lane_names = {pool: tuple(lane.name for lane in self.process.lanes() if lane.id in lanes)
                      for pool, (lanes, _) in by_pool.items()}
        # each person counted once, in the pool where they did most of their work (staff.home_pools)
        home = staff.home_pools({pool: [table.resources[r] for r in table.resource[np.concatenate(rows)]]
                                 for pool, (_, rows) in by_pool.items()}, lane_names)
        for pool, (lanes, rows) in sorted(by_pool.items()):
            fit = staff.fit_pool(self.obs, pool, tuple(lanes), np.concatenate(rows), lane_names[pool], home)
            report.append(fit.data())
            if fit.open_items:
                self.open_items.update(fit.open_items)
                mine = np.concatenate(rows)
                codes = [i for i, name in enumerate(table.resources) if name in fit.open_items]
                self._kept[mine[np.isin(table.resource[mine], codes)]] = True
            pools[pool] = self._pool_entry(pool, fit, pools.get(pool), calendars)
        self.report["pools"] = report

    def _pool_entry(self, pool: str, fit: staff.PoolFit, old: dict[str, Any] | None,
                    calendars: dict[str, Any]) -> dict[str, Any]:
        old = dict(old or {})
        entry: dict[str, Any] = {"count": fit.count, "fte": old.get("fte", 1.0),
                                 "calendar": old.get("calendar", "office"),
                                 "cost_per_hour": old.get("cost_per_hour", 0), "lanes": list(fit.lanes)}
        note = f"count: {fit.how}"
        if fit.people:
            note += f" ({', '.join(fit.people[:12])}{' ...' if len(fit.people) > 12 else ''})"
        if fit.elsewhere:
            note += "; counted in another pool, where they did more: " + ", ".join(
                f"{p} ({q})" for p, q in list(fit.elsewhere.items())[:12]) + (" ..." if len(fit.elsewhere) > 12 else "")
        if entry["calendar"] not in calendars:
            calendars[entry["calendar"]] = {
                "hours": {d: "08:00-17:00" for d in staff.WEEKDAYS[:5]}, "holidays": "none",
                "assumption": "office hours Monday-Friday 08:00-17:00 without public holidays: the log does not "
                              "tell (dates without times, or no calendar in the model's profile)"}
        base_cal = calendars.get(entry["calendar"])
        spec = calendar_from_data(entry["calendar"], base_cal, ("calendars", entry["calendar"])) if base_cal else None
        if fit.window is None:
            note += "; the log's timestamps carry no time of day, so hours and FTE stay as they were"
        elif fit.rows < _MIN_ROWS_FOR_HOURS:
            note += (f"; hours and FTE stay as they were: {fit.rows} activity instances are too few to tell "
                     f"working hours (at least {_MIN_ROWS_FOR_HOURS})")
        elif spec is not None and _inside(fit.window, spec):
            fte = min(1.0, staff.weekly_hours(fit.window) / spec.weekly_hours())
            entry["fte"] = round(fte, 2)
            note += (f"; fte: worked hours per week in the log ({staff.weekly_hours(fit.window):.2f} h: "
                     f"{staff.hours_line(fit.window)}) over calendar {entry['calendar']}'s {spec.weekly_hours():.2f} h")
        else:
            name = f"log_{pool}"
            cal = {"hours": _hours_data(fit.window), "holidays": (base_cal or {}).get("holidays", "none")}
            if base_cal and base_cal.get("closures"):
                cal["closures"] = base_cal["closures"]
            calendars[name] = sourced(cal, self.source, "hours: the earliest work start to the latest work end "
                                                         "the log saw per weekday (logged starts, else "
                                                         "completions; lone outliers left out); holidays and "
                                                         "closures as the model's profile gives them (none if it gives none)")
            if not base_cal:
                calendars[name]["assumption"] = "holidays: the log does not tell which public holidays apply"
            entry["calendar"], entry["fte"] = name, 1.0
            spec = calendar_from_data(name, calendars[name], ("calendars", name))
            note += f"; fte 1 on calendar {name} (the hours people worked in the log)"
        if fit.per_person:
            note += "; per person: " + "; ".join(
                f"{p}: {staff.hours_line(w)}" for p, w in list(fit.per_person.items())[:8])
            members = self._members(pool, fit, base_cal)
            if members:
                entry["members"] = members
                note += (f"; members: {len(members)} people, each on the calendar of the hours they worked "
                         "(differentiated resources)")
            else:
                note += " (one calendar for the pool: " + (
                    "every person works the same hours)" if len(set(fit.per_person.values())) == 1 else
                    f"{len(fit.people) - len(fit.per_person)} of {len(fit.people)} people have too few "
                    "activity instances (20) to tell their hours)")
        if "cost_per_hour" not in old:
            entry["assumption"] = "cost_per_hour: not in the log (0)"
        elif (fit.window is None or fit.rows < _MIN_ROWS_FOR_HOURS) and old.get("assumption"):
            entry["assumption"] = about(["fte"], old["assumption"])  # the model's fte stays, and its assumption
        if spec is not None:
            self.calendars[pool] = WorkCalendar(spec, self.obs.origin_date, share=float(entry["fte"]))
        return sourced(entry, self.source, note) | ({"assumption": entry["assumption"]} if "assumption" in entry else {})

    def _members(self, pool: str, fit: staff.PoolFit, base_cal: dict[str, Any] | None) -> dict[str, Any]:
        """Each person of ``pool`` on a calendar of their own hours, when every person's hours are known
        and they differ (else nothing: the pool's one calendar says it all)."""
        if fit.rows < _MIN_ROWS_FOR_HOURS or set(fit.per_person) != set(fit.people) \
                or len(set(fit.per_person.values())) < 2:
            return {}
        calendars = self.sim["calendars"]
        members: dict[str, Any] = {}
        for person, window in fit.per_person.items():
            name = f"log_{pool}_{person}"
            cal: dict[str, Any] = {"hours": _hours_data(window), "holidays": (base_cal or {}).get("holidays", "none")}
            if base_cal and base_cal.get("closures"):
                cal["closures"] = base_cal["closures"]
            calendars[name] = sourced(cal, self.source, f"hours {person} worked: the earliest work start to "
                                                         "the latest work end the log saw per weekday (logged "
                                                         "starts, else completions; lone outliers left out)")
            members[person] = {"calendar": name, "fte": 1.0}
        return members

    def capacity(self) -> None:
        """Pools whose work, as estimated starts give it, exceeds their hours at the fitted arrival rate.

        An estimated start is the later of the step's enabling and its resource's previous completion,
        so a busy person looks busy all the time: when people work on several cases at once, the
        estimated work is mostly waiting. A pool that would need more hours than it has to serve the
        log's own arrivals (at the whole log's rate; utilisation 1 or more: queues that grow
        without end, while the log's cases did end) cannot be right; its steps are fitted as calendar delays from enabling to
        completion instead (waiting and work together, as the log shows them).
        """
        self.overloaded = {}
        if self.dates_only:
            return
        arrivals = self.report.get("arrivals") or {}
        # the log's own arrivals over its whole period: the work the log shows was done at that rate
        per_year = float(arrivals.get("per_year_whole_log") or arrivals.get("per_year") or float("nan"))
        pools = self.sim.get("pools") or {}
        work: dict[str, float] = {}
        decision = (self.sim.get("decision") or {}).get("element")
        for e in self.obs.elements:
            node = self.process.nodes.get(e)
            pool = self._pool_of(e)
            rows = self.obs.rows(e)
            if not isinstance(node, Task) or e == decision or pool not in self.calendars or not rows.size \
                    or not self._starts(rows)[1].mean() > 0.5 \
                    or {"duration", "delay"} & set(((self.sim.get("elements") or {}).get(e)) or {}):
                continue  # the profile fixes the step's kind: a wait (Invänta komplettering) is no one's work
            work[pool] = work.get(pool, 0.0) + float(self._work_values(e).sum())
        year = 24 * 365.25
        for pool, hours in sorted(work.items()):
            count = float((pools.get(pool) or {}).get("count", 1))
            have = count * self.calendars[pool].open_hours(0.0, year)
            need = hours / max(self.table.n_cases, 1) * per_year
            if have > 0 and need / have >= 1.0:
                self.overloaded[pool] = need / have
        self.report["capacity"] = {p: {"utilisation": round(u, 3), "steps": "calendar delays"}
                                   for p, u in self.overloaded.items()}
