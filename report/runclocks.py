"""Each process's legal clock (deadline, extension) as a run measured it: its profile's, with a
scenario's ``set:`` of ``simulation.clock`` applied; and a figure's words naming that deadline.

Its own module: the figures tables, the how-sure table, the plots and the report's captions all
name the same deadline, and the clock says nothing of how any of them is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from report.deadlines import deadline_said, profile_clock

__all__ = ["Clock", "clocks_of", "deadline_words"]


Clock = tuple[float | None, float | None]


def clocks_of(doc: Mapping[str, Any], profiles: Mapping[str, Any] | None) -> dict[str, Clock | None]:
    """Each process's (deadline, extension) in hours: its profile's, with a scenario's ``set:`` of
    ``simulation.clock`` (its deadline or extension) applied, as the run measured it (None: no clock,
    or no profile); ``(None, None)`` when its scenarios or sweep points have different ones."""
    found: dict[str, set[Clock | None]] = {}
    for s in doc["scenarios"]:
        swept = [entry["path"] for entry in s.get("sweep") or [] if _clock_path(entry["path"])]
        for member in s["members"]:
            profile = (profiles or {}).get(member)
            simulation = (profile or {}).get("simulation") if isinstance(profile, Mapping) else None
            clock = dict((simulation or {}).get("clock") or {}) if isinstance(simulation, Mapping) else {}
            for entry in s.get("set") or []:
                path = _clock_path(entry["path"])
                if path is None or entry.get("process", member) != member:
                    continue
                if path == "clock":
                    clock = dict(entry["value"]) if isinstance(entry["value"], Mapping) else {}
                else:
                    clock[path.removeprefix("clock.")] = entry["value"]
            said: Clock | None = profile_clock({"simulation": {"clock": clock}} if clock else None)
            if any(written.split(".simulation.")[0] in (written, member) for written in swept):
                said = (None, None)  # swept: each point its own
            found.setdefault(member, set()).add(said)
    return {m: next(iter(c)) if len(c) == 1 else (None, None) for m, c in found.items()}


def _clock_path(path: str) -> str | None:
    """``clock``, ``clock.deadline`` or ``clock.extension`` of a written ``set:``/``sweep:`` path (the
    member's name may come first); None for any other path."""
    rest = path.partition("simulation.")[2] if "simulation." in path else ""
    return rest if rest in ("clock", "clock.deadline", "clock.extension") else None


def deadline_words(words: Mapping[str, str],
                   clock: tuple[float | None, float | None] | None) -> dict[str, str]:
    """``words`` by language, naming ``clock``'s deadline (as written: no clock)."""
    return {lang: text if clock is None else deadline_said(text, lang, *clock) for lang, text in words.items()}
