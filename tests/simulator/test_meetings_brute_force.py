"""The committee's next meeting against a brute force over dateutil's own list of the rule's dates.

A case ready at hour r waits for the first meeting m (the rule's dates at the meeting hour, less the
summer break and cancelled dates, plus the extra dates) whose agenda cut-off it made: m - cutoff >= r.
Here that is found by listing every meeting of the next years with dateutil directly and taking the
first that qualifies, for random ready times, cut-offs and the library's three kinds of rule. A rule's
meeting on a Swedish holiday or eve does not take place when the run's calendar closes them (by hand,
over six years, for the library's three rules).
"""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from processes.params import MeetingSchedule
from simulator.decisions import MeetingCalendar
from simulator.resources import holiday_dates

START = dt.date(2025, 1, 1)
RULES = ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=WEEKLY;BYDAY=MO")
EXTRA = (dt.date(2025, 8, 7), dt.date(2026, 2, 12))  # extra meetings on Thursdays, off every rule
CANCELLED = (dt.date(2025, 12, 16), dt.date(2026, 4, 6))


def brute_force(rule: str, at_hour: float, cutoff: float, ready: float) -> float:
    origin = dt.datetime.combine(START, dt.time()) + dt.timedelta(hours=at_hour)
    days = [d for d in rrulestr(rule, dtstart=origin).between(origin, origin + dt.timedelta(days=4 * 366),
                                                              inc=True)
            if d.month != 7 and d.date() not in CANCELLED]
    days += [dt.datetime.combine(d, dt.time()) + dt.timedelta(hours=at_hour) for d in EXTRA]
    hours = sorted((d - dt.datetime.combine(START, dt.time())).total_seconds() / 3600 for d in days)
    return next(m for m in hours if m - cutoff >= ready)


@settings(max_examples=150, deadline=None)
@given(rule=st.sampled_from(RULES), at_hour=st.sampled_from((9.0, 13.0, 18.5)),
       cutoff=st.floats(0.0, 20 * 24.0), ready=st.floats(0.0, 2 * 8760.0))
def test_the_next_meeting_is_the_first_whose_cut_off_the_case_made(rule: str, at_hour: float, cutoff: float,
                                                                      ready: float) -> None:
    schedule = MeetingSchedule(rrule=rule, dates=EXTRA, at_hour=at_hour, except_months=(7,),
                               except_dates=CANCELLED)
    calendar = MeetingCalendar(schedule, START, cutoff=cutoff)
    assert calendar.next_meeting(ready) == brute_force(rule, at_hour, cutoff, ready)


def test_a_case_ready_exactly_at_the_cut_off_makes_the_agenda() -> None:
    # the third Tuesday of January 2025 is the 21st: 13:00 there is hour 20 * 24 + 13 = 493
    calendar = MeetingCalendar(MeetingSchedule(rrule=RULES[0], at_hour=13.0), START, cutoff=240.0)
    assert calendar.next_meeting(493.0 - 240.0) == 493.0
    assert calendar.next_meeting(493.0 - 240.0 + 1e-9) > 493.0  # a moment late: the next month's


def test_a_rule_meets_on_a_holiday_only_without_a_holiday_calendar_or_as_an_explicit_date() -> None:
    # Easter Monday 2025 is 21 April; 6 January (trettondedag jul) a Monday too
    easter_monday = (dt.date(2025, 4, 21) - START).days * 24 + 13.0
    twelfth = (dt.date(2025, 1, 6) - START).days * 24 + 13.0
    weekly = MeetingSchedule(rrule=RULES[2], at_hour=13.0)
    # a run whose calendars close on no holiday: the rule is followed as written
    assert MeetingCalendar(weekly, START).next_meeting(easter_monday - 1) == easter_monday
    # the office closed on Swedish holidays: the chair meets the Monday after
    closed = MeetingCalendar(weekly, START, holidays=("SE",))
    assert closed.next_meeting(easter_monday - 1) == easter_monday + 7 * 24
    assert closed.next_meeting(0.0) == twelfth + 7 * 24
    # a body that really meets then lists the date: held
    listed = MeetingSchedule(rrule=RULES[2], at_hour=13.0, dates=(dt.date(2025, 4, 21),))
    assert MeetingCalendar(listed, START, holidays=("SE",)).next_meeting(easter_monday - 1) == easter_monday
    cancelled = MeetingSchedule(rrule=RULES[2], at_hour=13.0, except_dates=(dt.date(2025, 4, 21),))
    assert MeetingCalendar(cancelled, START).next_meeting(easter_monday - 1) == easter_monday + 7 * 24


def _dropped(rule: str, months: tuple[int, ...]) -> list[dt.date]:
    """The rule's dates 2025-2030 (at 13:00, less the summer break) that the Swedish holidays cancel."""
    schedule = MeetingSchedule(rrule=rule, at_hour=13.0, except_months=months)
    plain, closed = MeetingCalendar(schedule, START), MeetingCalendar(schedule, START, holidays=("SE",))
    end = (dt.date(2031, 1, 1) - START).days * 24.0
    kept = set(closed.meetings_between(0.0, end))
    return [plain.meeting_datetime(t).date() for t in plain.meetings_between(0.0, end) if t not in kept]


def test_the_librarys_committees_over_six_years_by_hand() -> None:
    # the committee (third Tuesday, not July) meets on the 15th to 21st: no Swedish holiday or eve falls on a
    # Tuesday then (the fixed ones are 1 and 6 January, 1 May, 6 June, 24-26 and 31 December; Easter Monday,
    # Ascension Thursday, Midsummer Eve and Day, All Saints' Day are other weekdays): none is cancelled
    assert _dropped(RULES[0], (7,)) == []
    # the working committee (every second Tuesday, not July): its fortnights count from the week of DTSTART
    # (Wednesday 1 January 2025), whose Tuesday is before it, so it meets 14 January 2025 and every 14 days;
    # 26 December 2028 is 1,442 days (103 fortnights) on, 1 May 2029 126 days later, 25 December 2029 238 days
    # after that, 24 December 2030 364 days later, all Tuesdays: annandag jul, första maj, juldagen, julafton
    assert _dropped(RULES[1], (7,)) == [dt.date(2028, 12, 26), dt.date(2029, 5, 1), dt.date(2029, 12, 25),
                                        dt.date(2030, 12, 24)]
    # the chair (every Monday): trettondedag jul and Easter Monday 2025, Easter Mondays, första maj 2028,
    # Christmas Day, New Year's Day, julafton and nyårsafton when they are Mondays
    assert _dropped(RULES[2], ()) == [
        dt.date(2025, 1, 6), dt.date(2025, 4, 21), dt.date(2026, 4, 6), dt.date(2027, 3, 29),
        dt.date(2028, 4, 17), dt.date(2028, 5, 1), dt.date(2028, 12, 25), dt.date(2029, 1, 1),
        dt.date(2029, 4, 2), dt.date(2029, 12, 24), dt.date(2029, 12, 31), dt.date(2030, 4, 22)]


def test_every_library_profile_keeps_its_bodies_off_its_holidays() -> None:
    from bpmn_io.library import library_names, load_entry
    from simulator.decisions import meeting_calendar, run_holidays

    for name in library_names():
        params = load_entry(name).profile.simulation
        assert run_holidays(params) == ("SE",), name
        for level, body in params.decision.bodies.items():
            calendar = meeting_calendar(body, params.start, run_holidays(params))
            if calendar is None:
                continue
            for t in calendar.meetings_between(0.0, 6 * 8766.0):
                day = calendar.meeting_datetime(t).date()
                assert day not in holiday_dates("SE", day.year), (name, level, day)


def test_a_case_ready_before_easter_monday_waits_for_the_chairs_next_monday_in_a_run() -> None:
    # hour 0 is Monday 6 January 2025; the run's office calendar closes on Swedish holidays. A case complete
    # on Saturday 19 April 2025 goes to the chair (every Monday 13:00, no cut-off): not Easter Monday, 21
    # April, but Monday 28 April 13:00 (by hand: 16 weeks and 13 hours from hour 0, 2701 h)
    from simmodels import SE_OFFICE, end, proc, replay_params, run, start, task, throw

    prm = replay_params("    Beslut: {}", dates="[2025-04-19]", at="10:00", calendars=SE_OFFICE,
                        extra="""  decision:
    element: Beslut
    delegation: chair
    bodies:
      chair:
        meetings: {rrule: "FREQ=WEEKLY;BYDAY=MO", at: "13:00"}
  clock: {start: Komplett, stop: E, deadline: 4mo}
""")
    model = proc([start("S"), throw("Komplett"), task("Beslut"), end("E")],
                 "S>Komplett Komplett>Beslut Beslut>E")
    (meeting,) = run(model, prm).meetings
    assert (meeting.body, meeting.time) == ("chair", 16 * 7 * 24 + 13.0)
