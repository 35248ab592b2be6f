"""Decision bodies that meet: which meeting decides a case, by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from processes.errors import SimulationError
from processes.params import DecisionBody, MeetingSchedule
from simulator.decisions import MeetingCalendar, agendas, meeting_calendar

START = dt.date(2025, 1, 1)
THIRD_TUESDAY = "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3"


def at(y: int, m: int, d: int, h: float = 0.0) -> float:
    return (dt.datetime(y, m, d) - dt.datetime(2025, 1, 1)).total_seconds() / 3600 + h


def committee(**kw: object) -> MeetingCalendar:
    schedule = MeetingSchedule(rrule=THIRD_TUESDAY, at_hour=13.0, **kw)  # type: ignore[arg-type]
    return MeetingCalendar(schedule, START, cutoff=240.0)  # 10 days


def test_meetings_follow_the_rrule() -> None:
    cal = committee()
    assert [cal.meeting_datetime(m) for m in cal.meetings_between(0.0, at(2025, 4, 1))] == [
        dt.datetime(2025, 1, 21, 13),
        dt.datetime(2025, 2, 18, 13),
        dt.datetime(2025, 3, 18, 13),
    ]


def test_a_case_that_made_the_cutoff_is_decided_at_the_next_meeting() -> None:
    cal = committee()
    # meeting Tue 2025-02-18 13:00, cut-off ten days before: Sat 2025-02-08 13:00
    assert cal.agenda_cutoff_for(at(2025, 2, 18, 13)) == at(2025, 2, 8, 13)
    assert cal.next_meeting(at(2025, 2, 8, 13)) == at(2025, 2, 18, 13)  # ready exactly at the cut-off
    assert cal.next_meeting(at(2025, 1, 22)) == at(2025, 2, 18, 13)


def test_a_case_ready_two_days_after_the_cutoff_waits_for_the_meeting_after() -> None:
    cal = committee()
    assert cal.next_meeting(at(2025, 2, 10, 13)) == at(2025, 3, 18, 13)


def test_the_summer_break_skips_july() -> None:
    cal = committee(except_months=(7,))
    # June meeting Tue 17 (cut-off Sat 7 June 13:00) missed; July 15 is in the break; next is Tue 19 August
    assert cal.next_meeting(at(2025, 6, 10)) == at(2025, 8, 19, 13)
    without_break = committee()
    assert without_break.next_meeting(at(2025, 6, 10)) == at(2025, 7, 15, 13)
    assert cal.meetings_per_year(2025) == 11 and without_break.meetings_per_year(2025) == 12


def test_explicit_meeting_dates_and_cancelled_dates() -> None:
    schedule = MeetingSchedule(
        dates=(dt.date(2025, 3, 10), dt.date(2025, 1, 13), dt.date(2025, 2, 10)),
        at_hour=10.0,
        except_dates=(dt.date(2025, 2, 10),),
    )
    cal = MeetingCalendar(schedule, START, cutoff=24.0)
    assert cal.next_meeting(0.0) == at(2025, 1, 13, 10)
    # ready Sun 12 Jan 11:00: one day before Mon 13 10:00 is 12 Jan 10:00, missed; 10 Feb cancelled
    assert cal.next_meeting(at(2025, 1, 12, 11)) == at(2025, 3, 10, 10)
    with pytest.raises(SimulationError, match=r"no meeting after hour"):
        cal.next_meeting(at(2025, 3, 10))


def test_a_rule_and_extra_dates_together() -> None:
    schedule = MeetingSchedule(
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", dates=(dt.date(2025, 1, 9),), at_hour=9.0
    )
    cal = MeetingCalendar(schedule, START, cutoff=0.0)
    # every other Wednesday from Wed 1 Jan: 1, 15, 29 Jan ...; plus Thu 9 Jan
    assert cal.meetings_between(0.0, at(2025, 2, 1)) == [
        at(2025, 1, 1, 9),
        at(2025, 1, 9, 9),
        at(2025, 1, 15, 9),
        at(2025, 1, 29, 9),
    ]
    assert cal.next_meeting(at(2025, 1, 2)) == at(2025, 1, 9, 9)


def test_meetings_go_on_far_into_the_future() -> None:
    cal = committee(except_months=(7,))
    assert cal.meeting_datetime(cal.next_meeting(at(2045, 7, 1))) == dt.datetime(2045, 8, 15, 13)


def test_a_finite_rule_runs_out_with_a_clear_error() -> None:
    cal = MeetingCalendar(MeetingSchedule(rrule="FREQ=WEEKLY;COUNT=2", at_hour=9.0), START)
    assert cal.next_meeting(0.0) == at(2025, 1, 1, 9)
    with pytest.raises(SimulationError, match=r"no meeting after hour 200"):
        cal.next_meeting(200.0)


def test_cases_on_one_agenda_are_decided_together() -> None:
    cal = committee()
    ready = [at(2025, 1, 2), at(2025, 1, 15), at(2025, 1, 5), at(2025, 2, 12)]
    assert agendas(cal, ready) == {
        at(2025, 1, 21, 13): [0, 2],
        at(2025, 2, 18, 13): [1],
        at(2025, 3, 18, 13): [3],
    }


def test_people_have_no_meeting_calendar() -> None:
    officer = DecisionBody("officer", pool="officer")
    body = DecisionBody("committee", meetings=MeetingSchedule(rrule=THIRD_TUESDAY), agenda_cutoff=240.0)
    assert meeting_calendar(officer, START) is None
    cal = meeting_calendar(body, START)
    assert cal is not None and cal.cutoff == 240.0
    assert cal.next_meeting(0.0) == at(2025, 1, 21, 13)
