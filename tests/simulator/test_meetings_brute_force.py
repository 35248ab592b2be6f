"""The committee's next meeting against a brute force over dateutil's own list of the rule's dates.

A case ready at hour r waits for the first meeting m (the rule's dates at the meeting hour, less the
summer break and cancelled dates, plus the extra dates) whose agenda cut-off it made: m - cutoff >= r.
Here that is found by listing every meeting of the next years with dateutil directly and taking the
first that qualifies, for random ready times, cut-offs and the library's three kinds of rule.
"""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from processes.params import MeetingSchedule
from simulator.decisions import MeetingCalendar

START = dt.date(2025, 1, 1)
RULES = ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=WEEKLY;BYDAY=MO")
EXTRA = (dt.date(2025, 8, 7), dt.date(2026, 2, 12))  # extra meetings on Thursdays, off every rule
CANCELLED = (dt.date(2025, 12, 16), dt.date(2026, 4, 6))


def brute_force(rule: str, at_hour: float, cutoff: float, ready: float) -> float:
    origin = dt.datetime.combine(START, dt.time()) + dt.timedelta(hours=at_hour)
    days = [d for d in rrulestr(rule, dtstart=origin).between(origin, origin + dt.timedelta(days=4 * 366), inc=True)
            if d.month != 7 and d.date() not in CANCELLED]
    days += [dt.datetime.combine(d, dt.time()) + dt.timedelta(hours=at_hour) for d in EXTRA]
    hours = sorted((d - dt.datetime.combine(START, dt.time())).total_seconds() / 3600 for d in days)
    return next(m for m in hours if m - cutoff >= ready)


@settings(max_examples=150, deadline=None)
@given(rule=st.sampled_from(RULES), at_hour=st.sampled_from((9.0, 13.0, 18.5)),
       cutoff=st.floats(0.0, 20 * 24.0), ready=st.floats(0.0, 2 * 8760.0))
def test_the_next_meeting_is_the_first_whose_cut_off_the_case_made(rule: str, at_hour: float, cutoff: float,
                                                                      ready: float) -> None:
    schedule = MeetingSchedule(rrule=rule, dates=EXTRA, at_hour=at_hour, except_months=(7,), except_dates=CANCELLED)
    calendar = MeetingCalendar(schedule, START, cutoff=cutoff)
    assert calendar.next_meeting(ready) == brute_force(rule, at_hour, cutoff, ready)


def test_a_case_ready_exactly_at_the_cut_off_makes_the_agenda() -> None:
    # the third Tuesday of January 2025 is the 21st: 13:00 there is hour 20 * 24 + 13 = 493
    calendar = MeetingCalendar(MeetingSchedule(rrule=RULES[0], at_hour=13.0), START, cutoff=240.0)
    assert calendar.next_meeting(493.0 - 240.0) == 493.0
    assert calendar.next_meeting(493.0 - 240.0 + 1e-9) > 493.0  # a moment late: the next month's


def test_a_rule_meets_on_a_holiday_as_docs_profile_md_says_and_except_dates_cancels_it() -> None:
    easter_monday = (dt.date(2025, 4, 21) - START).days * 24 + 13.0
    weekly = MeetingSchedule(rrule=RULES[2], at_hour=13.0)
    assert MeetingCalendar(weekly, START).next_meeting(easter_monday - 1) == easter_monday
    cancelled = MeetingSchedule(rrule=RULES[2], at_hour=13.0, except_dates=(dt.date(2025, 4, 21),))
    assert MeetingCalendar(cancelled, START).next_meeting(easter_monday - 1) == easter_monday + 7 * 24
