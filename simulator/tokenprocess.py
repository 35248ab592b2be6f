"""The simpy process of a token: started in the step that creates it, and ending without an event.

A plain ``simpy.Process`` costs two events that do nothing for a token: the
``Initialize`` that starts it (scheduled now, urgent) and the event of its end
(scheduled now, processed with no one waiting). :class:`TokenProcess` can be
started at once, in the step that makes it (:meth:`TokenProcess.start_now`),
and ends without scheduling itself when no one waits for it. Neither changes
the order of anything else:

- an ``Initialize`` is urgent: the process runs right after the step that made
  it, before any other event of the same instant. The arrival process starts a
  case's token right after it has scheduled its own next event, which is when
  that ``Initialize`` would have run, with the same events already scheduled;
- an event with no callbacks changes nothing when processed, and leaving it out
  leaves every other event's place in the queue (time, priority, order of
  scheduling) as it was.

A token that fails still schedules its failure, so the run stops with its error
as with any simpy process. The class relies on simpy 4's ``Process`` internals
(``_resume``, ``_generator``, ``_value``); ``tests/simulator/test_fast_path.py``
runs models with it on and off (:data:`QUIET_TOKENS`) and compares every record.
"""

from __future__ import annotations

from collections.abc import Callable
from heapq import heappush
from typing import Any

from simulator.simpyimport import simpy

__all__ = ["TokenProcess", "QUIET_TOKENS", "token_process", "timeouts"]

Initialize = simpy.events.Initialize
Timeout = simpy.events.Timeout
NORMAL = simpy.events.NORMAL

#: start tokens at once and end them without an event; tests turn it off to compare
QUIET_TOKENS = True


class _Go:
    """Stands for the ``Initialize`` event a started-at-once process does not need."""

    __slots__ = ()
    _ok = True
    _value = None


_GO = _Go()


class TokenProcess(simpy.Process):
    """A ``simpy.Process`` whose end is an event only when something waits for it.

    ``now=True`` runs the generator to its first event at once, in the current step
    (which must be another process's, or none), instead of at an ``Initialize``.
    """

    def __init__(self, env: simpy.Environment, generator: Any, now: bool = False) -> None:
        # as simpy.Process.__init__ (which inlines Event.__init__)
        self.env = env
        self.callbacks = []
        self._generator = generator
        # the bound method the process waits with, made once (not at every yield); dropped when the process
        # ends (it points back at the process: no cycle is left for the collector)
        self._wake: Callable[[simpy.Event], None] | None = self._resume
        if now:
            caller = env._active_proc  # type: ignore[attr-defined]  # env.active_process, without its call
            self._resume(_GO)  # type: ignore[arg-type]
            env._active_proc = caller  # type: ignore[attr-defined]
        else:
            self._target = Initialize(env, self)

    def _resume(self, event: simpy.Event) -> None:
        """simpy's ``Process._resume``, except that an end no one waits for schedules no event."""
        env = self.env
        env._active_proc = self  # type: ignore[attr-defined]
        generator = self._generator
        while True:
            try:
                if event._ok:
                    event = generator.send(event._value)
                else:
                    event._defused = True  # type: ignore[attr-defined]
                    exc = type(event._value)(*event._value.args)
                    exc.__cause__ = event._value
                    event = generator.throw(exc)
            except StopIteration as stop:
                self._ok = True
                self._value = stop.args[0] if stop.args else None
                if self.callbacks:
                    env.schedule(self)
                else:
                    self.callbacks = None  # type: ignore[assignment]  # processed: nothing waited for it
                self._wake = None
                break
            except BaseException as err:
                self._ok = False
                err.__traceback__ = err.__traceback__.tb_next  # type: ignore[union-attr]
                self._value = err
                env.schedule(self)
                self._wake = None
                break
            try:
                callbacks = event.callbacks
            except AttributeError:
                raise RuntimeError(f'Invalid yield value "{event}"') from None
            if callbacks is not None:  # not yet processed: resume when it is
                callbacks.append(self._wake)  # type: ignore[arg-type]  # set while the process runs
                self._target = event
                env._active_proc = None  # type: ignore[attr-defined]
                return
        self._target = None  # type: ignore[assignment]
        env._active_proc = None  # type: ignore[attr-defined]


def token_process(env: simpy.Environment, generator: Any, *, now: bool = False) -> simpy.Process:
    """The process of a token: a :class:`TokenProcess` (started at once with ``now``), or simpy's
    own with :data:`QUIET_TOKENS` off."""
    if QUIET_TOKENS:
        return TokenProcess(env, generator, now=now)
    return simpy.Process(env, generator)


def timeouts(env: simpy.Environment) -> Callable[[float], simpy.Event]:
    """``env.timeout`` for the engine's hot paths: the same ``Timeout`` event (the same attributes)
    scheduled in the same place (``Environment.schedule``'s time, priority and counter), made in one
    call instead of four (the bound class, ``Timeout.__init__``, ``Environment.schedule``)."""
    queue = env._queue  # type: ignore[attr-defined]
    eid = env._eid  # type: ignore[attr-defined]
    new = object.__new__

    def timeout(delay: float) -> simpy.Event:
        if delay < 0:
            raise ValueError(f"Negative delay {delay}")
        event = new(Timeout)
        event.env = env
        event.callbacks = []
        event._value = None
        event._delay = delay
        event._ok = True
        heappush(queue, (env._now + delay, NORMAL, next(eid), event))  # type: ignore[attr-defined]
        return event

    return timeout
