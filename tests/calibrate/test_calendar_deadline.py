"""A deadline in months or years read against a case log, by hand: each case's own calendar date, as the
simulation counts it (processes.calendarmonths.deadline_span), not a fixed 121.75 days for ``4mo``.

Four calendar months from 09:00 (the month's last day where the date is missing):
- 31 October 2023 -> 29 February 2024 09:00 (a leap year): 30 + 31 + 31 + 29 = 121 days;
- 31 October 2028 -> 28 February 2029 09:00: 120 days;
- 3 July 2026 -> 3 November 2026 09:00: 28 + 31 + 30 + 31 + 3 = 123 days.
Each last day is a weekday that is no holiday or eve (Thursday, Wednesday, Tuesday), as is each fixed 121.75
days' (Friday 1 March 2024, Friday 2 March 2029, Monday 2 November 2026): lagen (1930:173) 2 § moves none.
Each is decided a minute before and a minute after its date. Before and after by the calendar: on time, late,
six times over, so 3 of 6 on time. A fixed 121.75 days said 4 of 6: both of the 120 and 121 days' "after"
on time, the 123 days' "before" (122.999 days) late.
Twelve calendar months (``1y``), from 09:00: 29 February 2024 -> 28 February 2025 is 366 days; 1 March 2027 ->
1 March 2028 is 366 days (29 February 2028 between); 1 March 2026 -> 1 March 2027 365 days (Friday, Wednesday,
Monday).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from bpmn_io.caselog import wall_seconds
from bpmn_io.loading import load_model
from bpmn_io.logfiles import read_log
from bpmn_io.profile import read_profile
from calibrate.core import calibrate
from calibrate.distances import CaseLog, case_deadline_days
from calibrate.mapping import map_activities
from calibrate.reporting import calibration_text
from calibrate.validate import arrivals_before_end, score
from calibrate.validation_text import validation_text

LOGS = Path(__file__).resolve().parents[1] / "fixtures" / "logs"

#: (clock start, decision) of each case: a minute before and a minute after its four calendar months
FOUR_MONTHS = [("2023-10-31 09:00", "2024-02-29 08:59"), ("2023-10-31 09:00", "2024-02-29 09:01"),
               ("2026-07-03 09:00", "2026-11-03 08:59"), ("2026-07-03 09:00", "2026-11-03 09:01"),
               ("2028-10-31 09:00", "2029-02-28 08:59"), ("2028-10-31 09:00", "2029-02-28 09:01")]
#: ... and of twelve: on time, late, on time (a fixed 365.25 days: on time, on time, late), late
TWELVE_MONTHS = [("2024-02-29 09:00", "2025-02-28 09:00"), ("2024-02-29 09:00", "2025-02-28 09:01"),
                 ("2027-03-01 09:00", "2028-03-01 08:59"), ("2026-03-01 09:00", "2027-03-01 09:01")]


def _s(text: str) -> float:
    return wall_seconds(dt.datetime.fromisoformat(text))


def test_each_cases_deadline_is_its_own_calendar_date() -> None:
    firsts = np.array([_s(a) for a, _ in FOUR_MONTHS[::2]])
    assert case_deadline_days(firsts, 121.75, 4).tolist() == [121.0, 123.0, 120.0]
    assert case_deadline_days(firsts, 121.75).tolist() == [121.75] * 3  # in days: one length for all
    twelve = np.array([_s(a) for a, _ in TWELVE_MONTHS[::2]])
    assert case_deadline_days(twelve, 365.25, 12).tolist() == [365.0, 366.0]


def _log(cases: list[tuple[str, str]]) -> CaseLog:
    return CaseLog.of([row for i, (first, last) in enumerate(cases)
                       for row in ((f"c{i}", "Registrera", _s(first), _s(first)),
                                   (f"c{i}", "Besluta", _s(last), _s(last)))])


@pytest.mark.parametrize("cases, days, months, real_share, sim_share", [
    (FOUR_MONTHS, 121.75, 4, 3 / 6, 1.0),
    # 4 months written as days (121.75d): a fixed length, as before; a day sooner, July's cases still late
    (FOUR_MONTHS, 121.75, None, 4 / 6, 4 / 6),
    (TWELVE_MONTHS, 365.25, 12, 2 / 4, 1.0),
])
def test_the_validations_share_counts_each_case_from_its_first_event(
        cases: list[tuple[str, str]], days: float, months: int | None, real_share: float,
                                                                     sim_share: float) -> None:
    # the "simulated" log is every case a day sooner: all within their calendar months
    sooner = [(a, (dt.datetime.fromisoformat(b) - dt.timedelta(days=1)).isoformat(" ")) for a, b in cases]
    setup = {"training_cases": 10, "heldout_cases": len(cases), "training_period": "a to b",
             "heldout_period": "c to d"}
    v = score(_log(cases), [_log(sooner)], deadline_days=days, deadline_months=months, setup=setup)
    assert v.real["within_deadline"] == pytest.approx(real_share)
    assert v.simulated["within_deadline"] == pytest.approx(sim_share)
    assert v.setup.get("deadline_months") == months
    text = validation_text(v.data())
    said = ("in calendar months, to the same day of the month, from each case's first event" in text,
            "i kalendermånader, till samma dag i månaden, räknat från ärendets första händelse" in text)
    assert said == ((True, True) if months else (False, False))


def test_the_cases_that_may_be_open_at_the_export_count_each_cases_months(tmp_path: Path) -> None:
    # arrived 2026-07-03 09:00 and 2026-10-31 09:00; the log ends 2026-11-02 09:00: 122 days after the first,
    # within its four calendar months (to Tuesday 3 November: 123 days), past a fixed 121.75 days (Monday
    # 2 November 03:00); 2 days after the second
    table, _ = read_log(_csv(tmp_path, [("2026-07-03 09:00", "2026-07-04 09:00"),
                                        ("2026-10-31 09:00", "2026-11-01 09:00")]))
    until = _s("2026-11-02 09:00")
    assert arrivals_before_end(table, table, until, 121.75, 4)["heldout_recent_cases"] == 2
    assert arrivals_before_end(table, table, until, 121.75)["heldout_recent_cases"] == 1


def _csv(folder: Path, cases: list[tuple[str, str]]) -> Path:
    path = folder / "clock.csv"
    path.write_text("case;activity;timestamp;resource\n" + "".join(
        f"c{i};Registrera;{first};anna\nc{i};Besluta;{last};nämnd\n" for i, (first,
                                                                             last) in enumerate(cases)),
        encoding="utf-8")
    return path


@pytest.mark.parametrize("deadline, cases, share, rule", [
    ("4mo", FOUR_MONTHS, 0.5, "4 calendar months"),
    ("121.75d", FOUR_MONTHS, 4 / 6, None),  # the same mean length in days: a fixed length from every start
    ("1y", TWELVE_MONTHS, 0.5, "12 calendar months"),
])
def test_calibrates_legal_clock_share_counts_each_cases_calendar_months(
        tmp_path: Path, deadline: str, cases: list[tuple[str, str]], share: float, rule: str | None) -> None:
    defs = load_model(str(LOGS / "tiny.yaml"))
    table, _ = read_log(_csv(tmp_path, cases))
    base = read_profile(LOGS / "tiny_profile.yaml").raw
    base["simulation"]["clock"] = {**base["simulation"]["clock"], "deadline": deadline}
    done = calibrate(defs, table, map_activities(defs, table), base=base, log_name="clock.csv")
    clock = done.report["clock"]
    assert (clock["start_marked_by"], clock["stop_marked_by"]) == (["Task_Registrera"], ["Task_Beslut"])
    assert clock["share_within_deadline"] == pytest.approx(share)
    (line,) = [x for x in calibration_text(done.report).splitlines() if x.startswith("legal clock:")]
    within = f"{share:.0%} within the deadline"
    # in days the last day moves off a weekend (none of these does: the share is a fixed length's)
    moved = " (a last day on a weekend, holiday or eve moved to the next weekday)"
    assert line.endswith(f"{within} ({rule} from each case's clock start, to the same day of the month)"
                         if rule else within + moved), line


def test_a_log_whose_one_mapped_step_marks_both_clock_events_fits_no_clock(tmp_path: Path) -> None:
    """Found by QA (qaevid3): Helsingborg's model calibrated on a municipality's export that names only the
    application and a decision the matcher took for an end event said "legal clock: Ansökan inkommen ->
    Ansökan inkommen: median 0.0 days over 2 cases, 100% within the deadline": with nothing mapped before the
    stop but the first step, that step marked both. Here only Registrera maps onto the tiny model (the step
    after its start event and the one before its decision, through unmapped steps): no clock is fitted."""
    defs = load_model(str(LOGS / "tiny.yaml"))
    path = tmp_path / "clock.csv"
    path.write_text("case;activity;timestamp;resource\n" + "".join(
        f"c{i};Registrera;2025-0{i + 1}-03 10:00;anna\nc{i};Arkivera;2025-0{i + 2}-20 10:00;anna\n"
        for i in range(3)), encoding="utf-8")
    table, _ = read_log(path)
    mapping = map_activities(defs, table)
    assert set(mapping.element.values()) - {None} == {"Task_Registrera"}
    done = calibrate(defs, table, mapping, base=read_profile(LOGS / "tiny_profile.yaml").raw, log_name="clock.csv")
    assert "median_days" not in done.report["clock"]  # before: 0.0 days, Registrera -> Registrera
    assert done.report["clock"]["note"].startswith("the log does not mark the clock")
    assert not any(x.startswith("legal clock:") for x in calibration_text(done.report).splitlines())
