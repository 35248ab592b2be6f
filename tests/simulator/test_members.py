"""Pools of named people with their own calendars (differentiated resources)."""

from __future__ import annotations

import datetime as dt

import pytest
import simpy

from bpmn_io.profile_schema import pool_from_data
from processes.errors import InputError
from processes.params import CalendarSpec, PoolMember, ResourcePool
from simulator.members import MemberDesk
from simulator.resources import WorkCalendar, merged_pool

MONDAY = dt.date(2025, 1, 6)
DAY = ((8.0, 16.0),)
WEEK = CalendarSpec("office", (DAY,) * 5 + ((), ()))
MON_WED = CalendarSpec("mon_wed", (DAY,) * 3 + ((), (), (), ()))


def desk(env: simpy.Environment) -> MemberDesk:
    return MemberDesk(env, (("anna", WorkCalendar(MON_WED, MONDAY)), ("bertil", WorkCalendar(WEEK, MONDAY))))


def test_free_work_goes_to_who_finishes_first() -> None:
    env = simpy.Environment(initial_time=3 * 24 + 9.0)  # Thursday 09:00: anna is off until Monday
    d = desk(env)
    taken = d.request(2.0)
    assert taken.triggered and d.names[taken.value] == "bertil"
    second = d.request(2.0)  # only anna is free: she takes it (and starts on Monday)
    assert d.names[second.value] == "anna"


def test_waiting_work_is_served_first_come() -> None:
    env = simpy.Environment(initial_time=9.0)
    d = desk(env)
    first, second = d.request(1.0), d.request(1.0)
    third, fourth = d.request(1.0), d.request(1.0)
    assert first.triggered and second.triggered and not third.triggered
    d.release(second.value)
    assert third.triggered and third.value == second.value and not fourth.triggered
    d.withdraw(fourth)  # cancelled while waiting: leaves the queue
    d.release(first.value)
    assert sorted(d.free) == [first.value]


def test_members_in_the_profile() -> None:
    pool = pool_from_data("officer", {"members": {"anna": {"calendar": "mon_wed", "fte": 0.5}, "bertil": {}},
                                      "calendar": "office"}, ("pools", "officer"))
    assert pool.count == 2
    assert pool.members == (PoolMember("anna", "mon_wed", 0.5), PoolMember("bertil", "office", 1.0))


def test_bad_members_are_refused_with_the_path() -> None:
    with pytest.raises(InputError, match="count 3 but 1 member, anna"):
        pool_from_data("officer", {"count": 3, "members": {"anna": {}}}, ("pools", "officer"))
    with pytest.raises(InputError, match="is not a mapping of people"):
        pool_from_data("officer", {"members": ["anna"]}, ("pools", "officer"))


def test_joining_pools_keeps_the_people() -> None:
    a = ResourcePool("officer", 1, members=(PoolMember("anna", "mon_wed"),))
    b = ResourcePool("officer", 2, fte=0.5)
    joint = merged_pool([a, b])
    assert joint.count == 3
    assert [m.name for m in joint.members] == ["anna", "officer-2.1", "officer-2.2"]
    assert joint.members[1].fte == 0.5
