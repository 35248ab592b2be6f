"""A pool of named people, each on their own calendar: who takes the next piece of work.

A pool whose members share one calendar is a count of members and a FIFO queue
(:class:`simulator.workplace.PoolAtWork`, as a simpy ``Resource``): any free member is
as good as another. When the people differ (one works Monday to Wednesday, another
half days), it matters who takes a task, so :class:`MemberDesk` keeps the free
people and a first-come queue of work: work that arrives while someone is free goes
to the free person who would finish it first (ties: the one listed first); work
that has to wait goes, in arrival order, to the next person who becomes free.
Deterministic: no random choice, and the same events give the same assignments.
"""

from __future__ import annotations

from collections import deque

from simulator.resources import WorkCalendar
from simulator.simpyimport import simpy

__all__ = ["MemberDesk"]


class MemberDesk:
    """The free people of a pool and the work waiting for one of them."""

    __slots__ = ("env", "names", "calendars", "free", "waiting")

    def __init__(self, env: simpy.Environment, members: tuple[tuple[str, WorkCalendar], ...]) -> None:
        self.env = env
        self.names = tuple(name for name, _cal in members)
        self.calendars = tuple(cal for _name, cal in members)
        self.free = list(range(len(members)))
        self.waiting: deque[tuple[simpy.Event, float]] = deque()

    def request(self, hours: float) -> simpy.Event:
        """An event that succeeds with the index of the person who takes ``hours`` of work."""
        event = self.env.event()
        if self.free:
            now = self.env.now
            best = min(self.free, key=lambda i: (self.calendars[i].finish(now, hours), i))
            self.free.remove(best)
            event.succeed(best)
        else:
            self.waiting.append((event, hours))
        return event

    def release(self, member: int) -> None:
        """``member`` is free again: the longest-waiting work is theirs, else they wait for work."""
        if self.waiting:
            event, _hours = self.waiting.popleft()
            event.succeed(member)
        else:
            self.free.append(member)
            self.free.sort()

    def withdraw(self, event: simpy.Event) -> None:
        """Work that was waiting (``event``) is cancelled: leave the queue, or hand back the person it got."""
        for i, (queued, _hours) in enumerate(self.waiting):
            if queued is event:
                del self.waiting[i]
                return
        if event.triggered and isinstance(event.value, int):
            self.release(event.value)
