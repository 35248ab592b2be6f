"""Durations with units, as written in profile.yaml, converted to hours.

Two kinds of time are measured in hours, and a unit means a different thing
for each:

- **calendar time** (``delay:``, agenda cut-off, horizon, deadline): elapsed
  hours on the clock. ``1d`` = 24 h, ``1w`` = 7 d = 168 h, ``1mo`` = 1/12 of a
  Julian year = 730.5 h, ``1y`` = 365.25 d = 8766 h (a legal clock's deadline in
  months or years is counted on the calendar instead: :func:`calendar_months`).
- **work time** (``duration:`` of a task done by a pool member): hours of work
  inside the member's calendar. Only ``m`` and ``h`` are accepted, because a
  "day of work" has no single length (an 08-16:30 day, a 0.6 FTE day ...);
  write ``16h``, not ``2d``.

>>> parse_duration("30m")
0.5
>>> parse_duration("2w")
336.0
>>> parse_duration("4mo")
2922.0
>>> format_duration(336.0)
'2w'
"""

from __future__ import annotations

import math
import re

from processes.numbers import number
from processes.rulewords import rule_error, written

__all__ = [
    "CALENDAR_UNITS",
    "WORK_UNITS",
    "parse_duration",
    "format_duration",
    "duration_said",
    "decimal_text",
    "exact_to_thousandths",
    "is_duration_text",
    "months_written",
    "written_unit",
    "calendar_months",
    "decimal_point",
]

#: hours per unit for calendar (elapsed) time
CALENDAR_UNITS: dict[str, float] = {
    "m": 1 / 60,
    "h": 1.0,
    "d": 24.0,
    "w": 168.0,
    "mo": 730.5,
    "y": 8766.0,
}
#: hours per unit for work time (hours of work)
WORK_UNITS: dict[str, float] = {"m": 1 / 60, "h": 1.0}

_DURATION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(mo|m|h|d|w|y)\s*$")
# "0,5" or "1,5h": a number written with a Swedish decimal comma
_DECIMAL_COMMA = re.compile(r"\s*([-+]?[0-9]+),([0-9]+\s*[a-z]*)\s*")


def decimal_point(value: object) -> str | None:
    """``value`` written with a decimal point when it is a number (or duration) written with a decimal comma
    (``'0,5'`` -> ``'0.5'``, ``'1,5h'`` -> ``'1.5h'``), else None.

    >>> decimal_point("1,5h"), decimal_point("1.5h")
    ('1.5h', None)
    """
    match = _DECIMAL_COMMA.fullmatch(value) if isinstance(value, str) else None
    return f"{match[1]}.{match[2]}" if match else None


def is_duration_text(value: object) -> bool:
    """True if ``value`` is a string such as ``'3d'`` (a number and a known unit)."""
    return isinstance(value, str) and _DURATION.match(value) is not None


def months_written(value: object) -> float | None:
    """How many months ``value`` is when it is a duration written in months or years (``'4mo'``: 4.0, ``'1y'``:
    12.0), else None (another unit, or no duration text): a deadline in months or years is counted on the
    calendar, a year as 12 calendar months (lagen (1930:173) om beräkning av lagstadgad tid counts both so).

    >>> months_written("4mo"), months_written(" 1.5 mo"), months_written("1y"), months_written("120d")
    (4.0, 1.5, 12.0, None)
    >>> months_written(2922.0) is None
    True
    """
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None or match[2] not in ("mo", "y"):
        return None
    return float(match[1]) * (12 if match[2] == "y" else 1)


def written_unit(value: object) -> str | None:
    """The unit a duration text is written in (``'1461d'``: ``'d'``, ``'4mo'``: ``'mo'``), None for a number or
    a text that is no duration.

    >>> written_unit("1461d"), written_unit(" 4 mo"), written_unit(2922.0)
    ('d', 'mo', None)
    """
    match = _DURATION.match(value) if isinstance(value, str) else None
    return match.group(2) if match else None


def calendar_months(value: object) -> int | None:
    """The calendar months of a deadline written in months or years (``'4mo'``: 4, ``'2y'``: 24), None in
    another unit (``'120d'``: that fixed length from every start). A part of a month is refused
    (``InputError``, rule ``whole_months``; the caller adds where): calendar months have no fixed length
    to take a share of.

    >>> calendar_months("4mo"), calendar_months("1y"), calendar_months("8w")
    (4, 12, None)
    """
    months = months_written(value)
    if months is None:
        return None
    if months != int(months):
        raise rule_error("whole_months", value=written(value), days=f"{round(parse_duration(value) / 24)}d")
    return int(months)


def parse_duration(value: object, *, work: bool = False, unit: str | None = None) -> float:
    """Hours in ``value``: a string with a unit (``'4h'``), or a number with ``unit``.

    ``work=True`` reads work time (only ``m`` and ``h``). A plain number is
    accepted only when ``unit`` says what it counts. Raises ``InputError``
    naming the bad value and what is allowed; the caller adds file, line and
    key path.
    """
    units = WORK_UNITS if work else CALENDAR_UNITS
    allowed = ", ".join(units)
    kind = ("work duration", "arbetstiden") if work else ("duration", "tidslängden")
    if isinstance(value, bool):
        raise rule_error("duration_not", kind=kind, value=written(value), units=allowed)
    if isinstance(value, (int, float)):
        if unit is None:
            raise rule_error("duration_no_unit", kind=kind, value=written(value), example=f"{value}h", units=allowed)
        if not isinstance(unit, str) or unit not in units:
            raise rule_error("duration_unit", unit=repr(unit), units=allowed,
                             kind=("work duration", "arbetstid") if work else ("duration", "tidslängd"))
        hours = float(value) * units[unit]
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if match is None and value.strip().startswith("-") and _DURATION.match(value.strip()[1:]):
            raise rule_error("duration_negative", kind=kind, value=written(value))
        if match is None and decimal_point(value):
            raise rule_error("decimal_comma", value=written(value), point=repr(decimal_point(value)))
        if match is None:
            raise rule_error("duration_no_number", kind=kind, value=written(value), units=allowed)
        number, found = match.groups()
        if found not in units:
            raise rule_error("duration_work_unit", kind=kind, value=written(value), unit=found, units=allowed,
                             example=_as_hours_hint(float(number), found))
        hours = float(number) * units[found]
    else:
        raise rule_error("duration_not", kind=kind, value=written(value), units=allowed)
    if not math.isfinite(hours) or hours < 0:
        raise rule_error("duration_infinite", kind=kind, value=written(value))
    return hours


def _as_hours_hint(number: float, unit: str) -> str:
    hours = number * CALENDAR_UNITS[unit] / 3  # an 8-hour working day is the usual reading
    return f"{hours:g}h"


#: the calendar units a duration is said in, largest first: (unit, English one/many, Swedish one/many)
_SAID_UNITS = (("y", ("year", "years"), ("år", "år")), ("mo", ("month", "months"), ("månad", "månader")),
               ("w", ("week", "weeks"), ("vecka", "veckor")), ("d", ("day", "days"), ("dag", "dagar")),
               ("h", ("hour", "hours"), ("timme", "timmar")))


def duration_said(hours: float, unit: str | None = None) -> tuple[str, str]:
    """``hours`` of calendar time in words (English, Swedish), in the largest unit that gives it to 3 decimals
    from 0.01 up, which is the unit it was written in (``--years 0.01``, ``warmup: 8w``); else in hours, or
    days from two days up, to one decimal. A message said "warmup of 1344 h ... horizon of 87.66 h" to a user
    who typed ``--years 0.01`` beside a profile's ``warmup: 8w``. ``unit``: the unit it was written in
    (:func:`written_unit`), said in that one instead (``28d`` is "28 days", not "4 weeks"; minutes as above).

    >>> duration_said(87.66), duration_said(1344.0), duration_said(8766.0), duration_said(100.0)
    (('0.01 years', '0,01 år'), ('8 weeks', '8 veckor'), ('1 year', '1 år'), ('100 hours', '100 timmar'))
    >>> duration_said(1000.123456), duration_said(24 * 365.25 / 1e4)
    (('41.7 days', '41,7 dagar'), ('0.9 hours', '0,9 timmar'))
    >>> duration_said(672.0), duration_said(672.0, "d")
    (('4 weeks', '4 veckor'), ('28 days', '28 dagar'))
    """
    def exact(name: str) -> bool:
        amount = hours / CALENDAR_UNITS[name]
        return abs(amount) >= 0.01 and math.isclose(amount, round(amount, 3), rel_tol=1e-9)

    written = [u for u in _SAID_UNITS if u[0] == unit]
    said = written[0] if written else next((u for u in _SAID_UNITS if exact(u[0])), None)
    name, en, sv = said or _SAID_UNITS[-1 if abs(hours) < 48 else -2]
    amount = round(hours / CALENDAR_UNITS[name], 3 if said else 1)
    one = amount == 1
    return f"{number(amount, 'en')} {en[not one]}", f"{number(amount, 'sv')} {sv[not one]}"


def format_duration(hours: float) -> str:
    """The shortest exact text for ``hours`` of calendar time (``336.0`` -> ``'2w'``).

    A whole number of the largest unit that gives one; else hours (from one hour
    up) or minutes (under an hour) when that is exact to 3 decimals (``'15.5m'``,
    ``'50.123h'``); else the same unit to 6 significant digits (``'7.40741m'``), a
    relative error under 5e-7. It was hours to 6 decimals, so ``15.5m`` read
    ``'0.258333h'``, and in minutes again ``'15.49998m'``.

    >>> format_duration(15.5 / 60), format_duration(50.123), format_duration(0.123456789)
    ('15.5m', '50.123h', '7.40741m')
    """
    if hours == 0:
        return "0h"
    for name in ("y", "mo", "w", "d", "h", "m"):
        n = hours / CALENDAR_UNITS[name]
        if abs(n - round(n)) < 1e-9 and round(n) >= 1:
            return f"{int(round(n))}{name}"
    name = "h" if hours >= 1 else "m"
    return f"{decimal_text(hours / CALENDAR_UNITS[name])}{name}"


def decimal_text(n: float) -> str:
    """``n`` as a plain decimal: exact to 3 decimals if it is (``15.5``), else to 6 significant digits
    (``7.40741``, ``0.258333``), never in exponent notation."""
    if exact_to_thousandths(n):
        return f"{round(n, 3):.3f}".rstrip("0").rstrip(".")
    text = f"{n:.6g}"
    if "e" in text:
        text = f"{float(text):.12f}".rstrip("0").rstrip(".")
    return text


def exact_to_thousandths(n: float) -> bool:
    """True if ``n`` has at most 3 decimals (within float error): ``15.5``, not ``15.49998``."""
    return abs(n - round(n, 3)) < 1e-9 * max(1.0, abs(n))
