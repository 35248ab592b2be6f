"""The fit report of a calibration as text lines for a person (``--format json`` prints the data)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calibrate.fits import only_in_progress_said, within_said
from calibrate.profileentry import num
from processes.numbers import machine, number, percent
from processes.stepnames import step_said
from processes.wording import counted

__all__ = ["calibration_text"]


def calibration_text(report: dict[str, Any], *, notes: list[str] | tuple[str, ...] = (),
                     names: Mapping[str, str] | None = None) -> str:
    """What was mapped, what was fitted (with intervals), what was left as it was.

    ``names``: the model's names by element, flow and lane id; each step is then said by its name
    with its id after it (``Granska ansökan (Activity_0bevis9)``): a modelling tool's ids mean nothing
    to a person.
    """
    def said(eid: str) -> str:
        return step_said(eid, (names or {}).get(eid))
    lines = [f"log: {report['log']}: {counted(report['cases'], 'case', lang='en')}, "
             f"{counted(report['events'], 'event', lang='en')}, "
             f"{report['period']}",
             report["start_times"]]
    lines += [f"note: {n}" for n in notes]
    mapped = [m for m in report.get("mapping", []) if m["element"]]
    activities = counted(len(report.get("mapping", [])), "activity", "activities", lang="en")
    lines.append(f"mapped {_n(len(mapped))} of {activities} onto model steps:")
    lines += [f"  {m['activity']} -> {said(m['element'])}  ({m['how']})" for m in mapped]
    ignored = [m for m in report.get("mapping", []) if not m["element"] and m["how"].startswith("ignored")]
    if ignored:  # counted in "of N" above: say which and why (a --mapping 'ignore', a boundary event's timer)
        lines.append(f"ignored ({len(ignored)}; not fitted): " + "; ".join(
            f"{m['activity']} ({m['how'].removeprefix('ignored (').removesuffix(')')})" for m in ignored))
    if report.get("unmapped"):
        lines.append(f"unmapped ({len(report['unmapped'])}; left out of the fit, give them in --mapping): "
                     + "; ".join(report["unmapped"][:30]) + (" ..." if len(report["unmapped"]) > 30 else ""))
    a = report.get("arrivals")
    if report.get("arrivals_kept"):
        lines.append(f"arrivals: not fitted ({report['arrivals_kept']})")
    if a:
        lines.append(f"arrivals: {_x(a['per_year'])} a year [{_x(a['per_year_ci'][0])}, {_x(a['per_year_ci'][1])}]"
                     + ("" if a.get("per_year_whole_log") is None else
                        f" (the last year's; the whole log's {_x(a['per_year_whole_log'])} differs beyond chance)")
                     + ("" if a["seasonality"] is None else ", seasonality (January to December, arrivals a day over "
                        "the year's mean) " + " ".join(f"{w:.2f}" for w in a["seasonality"]))
                     + (f"; {only_in_progress_said(a['in_progress_only'])}" if a.get("in_progress_only") else ""))
    for p in report.get("pools", []):
        lines.append(f"pool {p['pool']}: {p['count']} ({p['counted_by']}), lanes {', '.join(map(said, p['lanes']))}"
                     + ("" if p["hours"] is None else ", hours " + ", ".join(f"{d} {h}" for d, h in p["hours"].items()
                                                                              if h != "closed")))
    for pool, c in (report.get("capacity") or {}).items():
        lines.append(f"pool {pool}: the work the estimated starts give would keep it busy {percent(c['utilisation'], 'en')} of its "
                     "hours (they include waiting): its steps are calendar delays from enabling to completion")
    for e, d in report.get("durations", {}).items():
        lines.append(f"{d['kind']:5} {said(e)}: {d['family']} mean {_sig(d['mean_hours'])} h "  # never 3.51e+04
                     f"[{_sig(d['mean_ci'][0])}, {_sig(d['mean_ci'][1])}], n={_n(d['n'])}"
                     + (f"; {d['censored_note']}" if d.get("censored_note") else ""))
    cd = report.get("case_delays")
    if cd:
        lines.append(f"delays within a case: correlation {cd['correlation']:.3f} [{cd['ci'][0]:.3f}, {cd['ci'][1]:.3f}] "
                     f"over {_n(cd['cases'])} cases ({_n(cd['pairs'])} pairs): "
                     + ("written as case_delays (a case's delays move together)" if cd["written"] else
                        "not written (the interval reaches 0: independent draws)"))
    for g, b in report.get("branching", {}).items():
        lines.append(f"branch {said(g)}: " + ", ".join(f"{said(k)} {v:.3f} [{b['ci'][k][0]:.3f}, {b['ci'][k][1]:.3f}]"
                                                 for k, v in b["probabilities"].items())
                     + f" ({_n(b['passes'])} passes)")
    m = report.get("meetings")
    if m:
        if m["agenda_cutoff_days"] is None:  # completions only, not at the sittings: no sitting to count back from
            cutoff = "agenda cut-off not in the log (the profile's kept)"
        else:
            lo, hi = m["agenda_cutoff_bounds_days"]
            cutoff = f"agenda cut-off {m['agenda_cutoff_days']} days [{lo}, {hi}]"
        if m.get("days_kept"):  # completions recorded after the sittings: nothing of them fitted
            lines.append(f"meetings of {said(m['element'])}: {m['days_kept']}; {m['hour_from_completions']}")
        else:
            lines.append(f"meetings of {said(m['element'])}: {m['meetings']} days {m['first']} to {m['last']}, "
                         f"rule {m['rrule'] or 'none (dates listed)'}, except months "
                         f"{', '.join(map(str, m['except_months'])) or 'none'}, {cutoff}"
                         + (f"; {m['hour_from_completions']}" if m.get("hour_from_completions") else ""))
    c = report.get("clock")
    if c and "median_days" in c:
        lines.append(f"legal clock: {', '.join(map(said, c['start_marked_by']))} -> {', '.join(map(said, c['stop_marked_by']))}: median "
                     f"{_x(c['median_days'])} days over {_n(c['cases'])} cases"
                     + within_said(c["share_within_deadline"], c.get("deadline_calendar_months"),
                                   c.get("deadline_unit")))
    if a or report.get("durations") or report.get("branching") or cd or m:
        lines.append(_LEGEND)
    return "\n".join(lines)


def _x(value: float) -> str:
    """A rate or a number of days with one decimal, as the text's English writes it ("1,234.5 a year")."""
    return number(value, "en", 1)


def _sig(value: float) -> str:
    """A mean to 3 significant digits, never in exponent notation, grouped ("35,100 h"; it said "35100")."""
    return machine(num(value, 3), "en")


def _n(count: int) -> str:
    """A count as the text's English writes it, thousands grouped ("25,051"; it said "25051 events")."""
    return number(count, "en")


#: what the figures above are, said once under them
_LEGEND = ("[low, high]: a 95% interval (arrivals a year: exact Poisson over the log's period; the mean of a work time "
           "or delay: bootstrap over its n activity instances and the waits a timer cut off, each resampling fitted "
           "again; a branch's share and the correlation: bootstrap over cases), except the agenda cut-off's, which are "
           "the bounds its meetings allow (the latest-ready case that made a meeting, the earliest that missed one); "
           "work: hours inside the pool's working hours; delay: calendar hours from the step's enabling to its "
           "completion; passes: the times a case reached the gateway")
