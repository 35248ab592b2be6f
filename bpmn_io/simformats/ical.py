"""Weekly opening hours from the iCalendar text of a BPSim ``Calendar``.

BPSim (1.0 and 2.0) keeps a calendar as iCalendar (RFC 5545) text. What a
permitflow calendar can hold is a week of opening hours, so only simple
repeating events are read: each ``VEVENT`` with a ``DTSTART``, a ``DTEND`` (or
``DURATION``) on the same day, and an ``RRULE`` of ``FREQ=WEEKLY`` (on the
``BYDAY`` days, default the weekday of ``DTSTART``) or ``FREQ=DAILY`` (every
day, or the ``BYDAY`` days), ``INTERVAL=1``. Anything else raises
:class:`ICalError` naming what is not weekly; ``COUNT`` and ``UNTIL`` (an end
of the repetition) are reported in the returned notes, since permitflow
calendars repeat for ever.

>>> weekly_hours("BEGIN:VCALENDAR\\nBEGIN:VEVENT\\nDTSTART:20250106T080000\\nDTEND:20250106T160000\\n"
...              "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\\nEND:VEVENT\\nEND:VCALENDAR")[0]["fri"]
'08:00-16:00'
"""

from __future__ import annotations

import datetime as dt
import re

from bpmn_io.simformats.common import WEEKDAY_NAMES, week_from_rules

__all__ = ["weekly_hours", "ICalError"]

_BYDAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_DURATION = re.compile(r"^P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$")


class ICalError(ValueError):
    """The calendar is not a simple week of opening hours (the message says why)."""


def _lines(text: str) -> list[str]:
    """Content lines, unfolded (a line starting with a space or tab continues the previous one)."""
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and out:
            out[-1] += raw[1:]
        elif raw.strip():
            out.append(raw.strip())
    return out


def _moment(value: str, what: str) -> dt.datetime:
    core = value.strip().rstrip("Z")
    for fmt in ("%Y%m%dT%H%M%S", "%Y%m%dT%H%M", "%Y%m%d"):
        try:
            return dt.datetime.strptime(core, fmt)
        except ValueError:
            continue
    raise ICalError(f"{what} {value!r} is not an iCalendar date-time (expected e.g. 20250106T080000)")


def _events(text: str) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in _lines(text):
        name, _, value = line.partition(":")
        key = name.split(";", 1)[0].upper()
        if key == "BEGIN" and value.upper() == "VEVENT":
            current = {}
        elif key == "END" and value.upper() == "VEVENT":
            if current is not None:
                events.append(current)
            current = None
        elif current is not None:
            current[key] = value
    return events


def weekly_hours(text: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """permitflow ``hours:`` (``{"mon": "08:00-16:00", ...}``) and notes, from iCalendar ``text``.

    Raises ICalError when an event is not a simple weekly or daily repetition.
    """
    rules: list[tuple[str, str, float, float]] = []
    notes: list[str] = []
    events = _events(text)
    if not events:
        raise ICalError("no VEVENT found")
    for n, ev in enumerate(events, 1):
        what = f"VEVENT {n}"
        if "DTSTART" not in ev:
            raise ICalError(f"{what} has no DTSTART")
        start = _moment(ev["DTSTART"], f"{what} DTSTART")
        if "DTEND" in ev:
            end = _moment(ev["DTEND"], f"{what} DTEND")
        elif "DURATION" in ev and (m := _DURATION.match(ev["DURATION"].strip())):
            try:
                parts = (("days", m["d"]), ("hours", m["h"]), ("minutes", m["m"]), ("seconds", m["s"]))
                end = start + dt.timedelta(**{k: int(v or 0) for k, v in parts})
            except OverflowError:  # PT99999999999H was a traceback
                raise ICalError(f"{what} DURATION {ev['DURATION']!r} runs past the day it starts") from None
        else:
            raise ICalError(f"{what} has no DTEND or DURATION (expected e.g. PT8H)")
        begin_h = start.hour + start.minute / 60 + start.second / 3600
        if end.date() == start.date():
            end_h = end.hour + end.minute / 60 + end.second / 3600
        elif end == dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time()):
            end_h = 24.0
        else:
            raise ICalError(f"{what} runs past the day it starts ({ev['DTSTART']} to {ev.get('DTEND', '')})")
        if not end_h > begin_h:
            raise ICalError(f"{what} ends before it starts")
        rule = {k.upper(): v for k, _, v in (p.partition("=") for p in ev.get("RRULE", "").split(";") if p)}
        if not rule:
            raise ICalError(f"{what} does not repeat (no RRULE; expected FREQ=WEEKLY or FREQ=DAILY)")
        freq = rule.get("FREQ", "").upper()
        if freq not in ("WEEKLY", "DAILY"):
            raise ICalError(f"{what} RRULE FREQ={freq} (expected WEEKLY or DAILY)")
        if rule.get("INTERVAL", "1") != "1":
            raise ICalError(f"{what} RRULE INTERVAL={rule['INTERVAL']} (only every week or day is a weekly calendar)")
        for extra in sorted(set(rule) - {"FREQ", "INTERVAL", "BYDAY", "WKST", "COUNT", "UNTIL"}):
            raise ICalError(f"{what} RRULE {extra}={rule[extra]} is not a weekly rule")
        for end_key in ("COUNT", "UNTIL"):
            if end_key in rule:
                notes.append(f"{what} RRULE {end_key}={rule[end_key]}: the end of the repetition is not imported "
                             "(permitflow calendars repeat every week)")
        if "BYDAY" in rule:
            days = []
            for code in rule["BYDAY"].split(","):
                code = code.strip().upper()
                if code not in _BYDAY:
                    raise ICalError(f"{what} RRULE BYDAY={code} (expected MO, TU, WE, TH, FR, SA or SU)")
                days.append(_BYDAY[code])
        else:
            days = list(range(7)) if freq == "DAILY" else [start.weekday()]
        for d in days:
            rules.append((WEEKDAY_NAMES[d], WEEKDAY_NAMES[d], begin_h, end_h))
    return week_from_rules(rules), tuple(notes)
