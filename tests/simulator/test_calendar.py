"""Work calendars by hand: nights, weekends, Swedish holidays and eves, July, FTE."""

from __future__ import annotations

import datetime as dt

import pytest
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from processes.errors import SimulationError
from processes.model import FrozenMap
from processes.params import Arrivals, CalendarSpec, Closure, ResourcePool, SimParams
from simulator.resources import PoolSchedule, WorkCalendar, holiday_dates, pool_schedules, work_in_calendar

START = dt.date(2025, 1, 1)  # a Wednesday; hour 0 is 2025-01-01 00:00
WEEK_8_16 = (((8.0, 16.0),),) * 5 + ((), ())


def hours(when: dt.datetime) -> float:
    return (when - dt.datetime(2025, 1, 1)).total_seconds() / 3600


def at(y: int, m: int, d: int, h: float = 0.0) -> float:
    return hours(dt.datetime(y, m, d)) + h


def office(**kw: object) -> CalendarSpec:
    return CalendarSpec("office", WEEK_8_16, **kw)  # type: ignore[arg-type]


def test_three_hours_from_friday_15_end_monday_10() -> None:
    cal = WorkCalendar(office(), START)
    assert cal.finish(at(2025, 1, 10, 15), 3.0) == at(2025, 1, 13, 10)


def test_work_ending_at_closing_time_ends_then_and_zero_work_is_instant() -> None:
    cal = WorkCalendar(office(), START)
    assert cal.finish(at(2025, 1, 10, 15), 1.0) == at(2025, 1, 10, 16)
    assert cal.finish(at(2025, 1, 11, 3), 0.0) == at(2025, 1, 11, 3)


def test_work_started_while_closed_begins_at_the_next_opening() -> None:
    cal = WorkCalendar(office(), START)
    assert cal.next_open(at(2025, 1, 11, 12)) == at(2025, 1, 13, 8)  # Saturday noon -> Monday 08:00
    assert cal.next_open(at(2025, 1, 13, 9.5)) == at(2025, 1, 13, 9.5)
    assert cal.finish(at(2025, 1, 11, 12), 2.0) == at(2025, 1, 13, 10)


def test_swedish_holidays_include_the_eves_and_not_ordinary_sundays() -> None:
    days = holiday_dates("SE", 2025)
    assert {
        dt.date(2025, 6, 20),
        dt.date(2025, 12, 24),
        dt.date(2025, 12, 31),
    } <= days  # midsommar-, jul-, nyårsafton
    assert dt.date(2025, 1, 12) not in days  # an ordinary Sunday
    assert dt.date(2025, 1, 6) in days  # trettondedag jul


def test_midsommarafton_is_not_worked() -> None:
    cal = WorkCalendar(office(holidays="SE"), START)
    # Thu 2025-06-19 14:00 + 5 h: 2 h on Thursday; Fri 20 (midsommarafton), Sat 21, Sun 22 closed; 3 h Monday
    assert cal.finish(at(2025, 6, 19, 14), 5.0) == at(2025, 6, 23, 11)
    assert not cal.is_open(at(2025, 6, 20, 10))
    plain = WorkCalendar(office(), START)
    assert plain.finish(at(2025, 6, 19, 14), 5.0) == at(2025, 6, 20, 11)


def test_julafton_and_the_christmas_days_are_not_worked() -> None:
    cal = WorkCalendar(office(holidays="SE"), START)
    # Tue 2025-12-23 15:00 + 4 h: 1 h on the 23rd; 24 (julafton), 25, 26 holidays, 27-28 weekend; 3 h Mon 29
    assert cal.finish(at(2025, 12, 23, 15), 4.0) == at(2025, 12, 29, 11)
    # Tue 30 15:00 + 2 h: 1 h; 31 (nyårsafton) and Jan 1 closed; Fri 2026-01-02 1 h
    assert cal.finish(at(2025, 12, 30, 15), 2.0) == at(2026, 1, 2, 9)


def test_a_july_closure_pauses_work() -> None:
    july = Closure(dt.date(2000, 7, 1), dt.date(2000, 7, 31), capacity=0.0)
    cal = WorkCalendar(office(closures=(july,)), START)
    # Mon 2025-06-30 14:00 + 4 h: 2 h Monday, closed all July, 2 h on Fri 2025-08-01
    assert cal.finish(at(2025, 6, 30, 14), 4.0) == at(2025, 8, 1, 10)
    # the closure recurs every year
    assert cal.open_hours(at(2026, 7, 1), at(2026, 8, 1)) == 0.0


def test_reduced_capacity_in_july_shortens_each_day() -> None:
    half = Closure(dt.date(2000, 7, 1), dt.date(2000, 7, 31), capacity=0.5)
    cal = WorkCalendar(office(closures=(half,)), START)
    assert cal.day_intervals(dt.date(2025, 7, 1)) == ((8.0, 12.0),)
    # Tue 2025-07-01 11:00 + 3 h: 1 h to 12:00, then 2 h on Wed
    assert cal.finish(at(2025, 7, 1, 11), 3.0) == at(2025, 7, 2, 10)


def test_extra_closed_dates_and_split_days() -> None:
    spec = CalendarSpec(
        "split", (((8.0, 12.0), (13.0, 17.0)),) * 5 + ((), ()), closed_dates=(dt.date(2025, 1, 2),)
    )
    cal = WorkCalendar(spec, START)
    # Wed 2025-01-01 11:00 + 3 h: 1 h to 12:00, lunch, 2 h to 15:00
    assert cal.finish(at(2025, 1, 1, 11), 3.0) == at(2025, 1, 1, 15)
    # Wed 16:00 + 3 h: 1 h, Thu 2 Jan closed, 2 h Fri
    assert cal.finish(at(2025, 1, 1, 16), 3.0) == at(2025, 1, 3, 10)
    assert not cal.is_open(at(2025, 1, 1, 12.5))


def test_fte_share_is_the_first_part_of_each_day() -> None:
    cal = WorkCalendar(office(), START, share=0.5)
    assert cal.day_intervals(dt.date(2025, 1, 2)) == ((8.0, 12.0),)
    assert cal.finish(at(2025, 1, 2, 11), 2.0) == at(2025, 1, 3, 9)


@pytest.mark.parametrize(("count", "fte"), [(1, 1.0), (2, 0.6), (3, 0.2), (5, 0.75)])
def test_pool_capacity_is_count_times_fte_times_weekly_hours(count: int, fte: float) -> None:
    spec = CalendarSpec("office", (((8.0, 16.5),),) * 4 + (((8.0, 15.0),), (), ()), holidays="SE")
    params = SimParams(
        START,
        cases=1,
        calendars=FrozenMap({"office": spec}),
        pools=FrozenMap({"p": ResourcePool("p", count, fte=fte)}),
        arrivals=Arrivals(per_year=1.0),
    )
    pool = pool_schedules(params)["p"]
    # week of Mon 2025-02-03 has no holiday; 4 x 8.5 h + 7 h = 41 h
    assert pool.capacity_hours(at(2025, 2, 3), at(2025, 2, 10)) == pytest.approx(count * fte * 41.0, abs=1e-9)
    assert pool.members_at(at(2025, 2, 3, 8.5)) == count and pool.members_at(at(2025, 2, 8, 10)) == 0


def test_open_hours_over_a_year_count_holidays_and_eves() -> None:
    cal = WorkCalendar(office(holidays="SE"), START)
    weekdays = sum(1 for d in range(365) if (START + dt.timedelta(days=d)).weekday() < 5)
    closed_weekdays = sum(1 for d in holiday_dates("SE", 2025) if d.weekday() < 5)
    assert cal.open_hours(0.0, at(2026, 1, 1)) == 8.0 * (weekdays - closed_weekdays)


def test_a_calendar_never_open_after_a_date_is_an_error_not_a_hang() -> None:
    forever = Closure(dt.date(2025, 1, 1), dt.date(2200, 1, 1), capacity=0.0, yearly=False)
    cal = WorkCalendar(office(closures=(forever,)), START)
    with pytest.raises(SimulationError, match=r"calendar 'office' has no open hour within 60 years"):
        cal.finish(10.0, 1.0)


def test_work_in_calendar_runs_inside_simpy() -> None:
    env = simpy.Environment(initial_time=at(2025, 1, 10, 15))
    cal = WorkCalendar(office(), START)
    log = []

    def task():  # type: ignore[no-untyped-def]
        end = yield from work_in_calendar(env, cal, 3.0)
        log.append((end, env.now))

    env.process(task())
    env.run()
    assert log == [(at(2025, 1, 13, 10), at(2025, 1, 13, 10))]


def test_pool_schedule_is_plain_data() -> None:
    cal = WorkCalendar(office(), START)
    pool = PoolSchedule("officer", 2, cal, 700.0)
    assert pool.capacity_hours(at(2025, 1, 6), at(2025, 1, 13)) == 80.0


@settings(max_examples=150, deadline=None)
@given(
    start=st.floats(min_value=0, max_value=3 * 8766, allow_nan=False),
    work=st.floats(min_value=0.01, max_value=500, allow_nan=False),
    share=st.sampled_from([1.0, 0.6, 0.25]),
)
def test_finish_spends_exactly_the_work_in_open_hours(start: float, work: float, share: float) -> None:
    july = Closure(dt.date(2000, 7, 1), dt.date(2000, 7, 31), capacity=0.5)
    cal = WorkCalendar(office(holidays="SE", closures=(july,)), START, share=share)
    end = cal.finish(start, work)
    assert end > start
    assert cal.open_hours(start, end) == pytest.approx(work, abs=1e-6)
    assert cal.is_open(end - 1e-7)  # it was working just before it finished


def test_work_ending_at_a_shortened_closing_time_is_not_pushed_to_the_next_morning() -> None:
    # 0.6 FTE in a half-capacity July: 0.3 x 8 h = 2.4 h a day (08:00-10:24), a sum that floats do not hit exactly
    july = Closure(dt.date(2000, 7, 1), dt.date(2000, 7, 31), capacity=0.5)
    cal = WorkCalendar(office(closures=(july,)), START, share=0.6)
    end = cal.finish(at(2025, 7, 7, 8), 24.0)  # ten working days from Mon 7 July 08:00
    assert end == pytest.approx(at(2025, 7, 18, 10.4), abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(t=st.floats(min_value=-5.0, max_value=3 * 8766.0), work=st.sampled_from([0.0, 0.5, 1.0, 8.0]) | st.floats(0.0, 400.0),
       share=st.sampled_from([1.0, 0.5, 0.8]))
def test_span_is_next_open_and_finish_in_one_lookup(t: float, work: float, share: float) -> None:
    cal = WorkCalendar(office(holidays="SE"), START, share=share)
    assert cal.span(t, work) == (cal.next_open(t), cal.finish(t, work))


def test_span_refuses_work_it_cannot_schedule_as_finish_does() -> None:
    cal = WorkCalendar(office(), START)
    with pytest.raises(SimulationError, match="cannot be scheduled"):
        cal.span(10.0, -1.0)


def test_answers_do_not_depend_on_how_far_the_shared_tape_was_built() -> None:
    """Calendars of the same spec, start and share share their working intervals in a process
    (the tape, built a year at a time). A calendar open across midnight has intervals that run on
    past the end of a year's tape: a worker that ran a longer replication first must give the same
    answers, to the last bit, as a fresh process (the order of a worker's tasks never shows)."""
    # a duty roster open day and night but on one maintenance day in year 3: one long interval
    round_the_clock = (((0.0, 24.0),),) * 7
    closed = (dt.date(2027, 6, 1),)
    queries = [(24.0 * d + 0.37 * k, 0.1 + 3.3 * k) for d in range(5, 700, 17) for k in range(1, 4)]

    def answers(calendar: WorkCalendar, t: float, work: float) -> tuple[float, ...]:
        return (calendar.open_before(t), calendar.finish(t, work), *calendar.span(t, work),
                calendar.open_hours(t / 2, t), calendar.next_open(t))

    # each query on a tape of its own (as in a new process), built only as far as the query needs
    fresh = [answers(WorkCalendar(CalendarSpec(f"duty {i}", round_the_clock, closed_dates=closed), START), t, w)
             for i, (t, w) in enumerate(queries)]
    spec = CalendarSpec("duty", round_the_clock, closed_dates=closed)
    WorkCalendar(spec, START).open_before(24.0 * 365 * 4)  # an earlier task reached four years ahead
    later = WorkCalendar(spec, START)
    assert [answers(later, t, w) for t, w in queries] == fresh
