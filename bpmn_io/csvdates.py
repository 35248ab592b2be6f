"""The timestamps of a CSV case log: their form read from the rows, not from the first row alone.

A case system's export writes its dates one way for the whole file. Recognised:

* ISO 8601 (``2025-03-04``, ``2025-03-04 13:05:07.123``, ``2025-03-04T13:05+01:00``, ``2025-W10-2``,
  ``20250304T130507``), also with a Swedish time (``2025-03-04 13.05``, ``2025-03-04 kl. 13.05``;
  Python's own reader took ``13.05`` for 13:00:00.05);
* day and month in numbers before the year, with ``/``, ``-`` or ``.`` (``4/3/2025``, ``04.03.2025``,
  ``4-3-2025 13:05``, ``3/4/2025 1:05 PM``);
* the year first with ``/`` or ``.`` (``2025/03/04 13:05``);
* a month's name, Swedish or English, in full or cut to three letters (``4 mars 2025``, ``4 Mar 2025``,
  ``04-mar-2025``).

A time (``13:05``, ``13:05:07``, ``13:05:07,123``, ``13.05``, ``kl. 13.05``, ``1:05 PM``, Swedish ``1:05 em``
and ``10:30 fm``) may follow any date or not, row by row (Excel writes a date-time cell as ``4/3/2025`` at
midnight and ``4/3/2025 13:05`` otherwise), and after the time a zone: an offset (``+01:00``) or ``CET``,
``CEST``, ``UTC``, ``GMT`` (other names are refused: ``IST`` or ``EST`` name several offsets). A weekday's name,
Swedish or English, may come before the date (``mån 7 dec 2026``, ``Mon, 7 Dec 2026``); it must be the date's.

Day first or month first? A value whose first number is above 12 can only be day first, one whose
second number is above 12 only month first. The rows are read until one decides (the rows before it
wait, so they are read the same way); a row that decides the other way is an error naming both lines.
When no row decides, the Swedish and European order (day first) is used and the note says so and how
to give the other (``--date-format month-first``). ``--date-format`` also takes a ``strptime`` format,
which every value must match.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from bpmn_io.caselog import LOG_YEARS, instant_seconds, outside_log_years, wall_seconds
from processes.errors import InputError

__all__ = ["Stamps", "ORDER_WORDS", "offset_label", "offsets_note", "misread_by_python"]

#: --date-format words that fix the order of a numeric date and leave the rest to the rows
ORDER_WORDS = {"day-first": "day", "month-first": "month"}

_TIME = (r"(?:(?:\s+|T)(?:kl\.?\s*)?(?P<H>\d{1,2})(?P<ts>[:.])(?P<M>\d{2})"
         r"(?:(?P=ts)(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?(?:\s*(?P<p>[AaPpFfEe])\.?[Mm]\.?)?"
         r"(?:\s*(?P<z>Z|[+-]\d{2}:?\d{2}|(?i:CEST|CET|UTC|GMT)))?)?\s*$")
_NUMERIC = re.compile(r"^\s*(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})" + _TIME)
_YEAR_FIRST = re.compile(r"^\s*(?P<y>\d{4})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _TIME)
_NAMED = re.compile(r"^\s*(?P<d>\d{1,2})\.?(?:\s+|-)(?P<mon>[^\W\d_]{3,})\.?(?:\s+|-)(?P<y>\d{4})" + _TIME)
#: ISO text Python reads wrongly: a fraction of the hour or the minute (``13.05`` as 13:00:00.05)
_ISO_FRACTION = re.compile(r"[T ]\d{2}(?::\d{2})?[.,]\d")
_MONTHS = {"januari": 1, "january": 1, "februari": 2, "february": 2, "mars": 3, "march": 3, "april": 4,
           "maj": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7, "augusti": 8, "august": 8,
           "september": 9, "oktober": 10, "october": 10, "november": 11, "december": 12}
#: Excel's date serial number (days since 1899-12-30, the time as a fraction: 45720.5), as an export of a cell not
#: formatted as a date writes it
_EXCEL_SERIAL = re.compile(r"^\s*\d{5}(?:[.,]\d+)?(?:\s.*)?$")  # "45720 13:05" with a time column
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
#: the times of day and zones read after any date, as an error message lists them
_CLOCKS = "13:05, 13.05, kl. 13.05, 13:05:07,123, 1:05 PM, 1:05 em; a zone +01:00, CET, CEST or UTC"
_ISO_EXPECTED = f"ISO 8601 such as 2024-03-01T09:30:00, with or without a time ({_CLOCKS}); or give --date-format"
#: a time zone's name the reader does not take: most mean different offsets in different countries (IST, EST)
_ZONE_NAME = re.compile(r"\d\s*([A-Za-z]{3,5})\s*$")


def _month(word: str) -> int | None:
    found = {m for name, m in _MONTHS.items() if name.startswith(word.lower())}
    return found.pop() if len(found) == 1 else None


def _at(y: str, m: int, d: int, g: re.Match[str]) -> dt.datetime:
    """The date-time of a matched value (ValueError if it is no real date or time)."""
    hour = int(g["H"]) if g["H"] else 0
    if g["p"]:
        if not 1 <= hour <= 12:
            raise ValueError(hour)
        hour = hour % 12 + (12 if g["p"].lower() in "pe" else 0)  # PM, or Swedish em (eftermiddag)
    micro = int((g["f"] + "000000")[:6]) if g["f"] else 0
    return dt.datetime(int(y), m, d, hour, int(g["M"] or 0), int(g["S"] or 0), micro, _zone(g["z"]))


#: the zone names a Swedish export writes after a time, and their offsets (other names are refused: a name such
#: as EST or IST means different offsets in different countries)
_ZONES = {"CET": 1, "CEST": 2, "UTC": 0, "GMT": 0, "Z": 0}
_UTC = {"Z", "UTC", "GMT"}


def _last_sunday(year: int, month: int) -> dt.datetime:
    last = dt.datetime(year, month, 31)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def _out_of_season(text: str, when: dt.datetime, line: int) -> str | None:
    """What to say when ``text`` names CET on a date Swedish clocks are on summer time (from 01:00 UTC on the last
    Sunday of March to 01:00 UTC on the last Sunday of October), or CEST outside it; None when it is in season.
    Some exports label every time CET: the times are then the local clock's, read as such either way, but their
    offsets cannot order October's repeated hour."""
    name = text.rstrip().upper()[-4:].lstrip()
    if name not in ("CET", "CEST"):
        return None
    utc = when.replace(tzinfo=None) - (when.utcoffset() or dt.timedelta())
    summer = _last_sunday(utc.year, 3) + dt.timedelta(hours=1) <= utc < _last_sunday(utc.year, 10) + dt.timedelta(hours=1)
    if summer == (name == "CEST"):
        return None
    return (f"line {line}'s {text.strip()[:40]!r} names {name} on a date when Swedish clocks are on "
            f"{'CEST' if summer else 'CET'}: read as written ({'+01:00' if name == 'CET' else '+02:00'}), the local "
            f"time kept; if the export writes {name} all year, its offsets cannot order two events of October's "
            "repeated hour")


def _zone(text: str | None) -> dt.timezone | None:
    if not text:
        return None
    hours = _ZONES.get(text.upper())
    if hours is not None:
        return dt.timezone(dt.timedelta(hours=hours))
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _iso(text: str) -> dt.datetime:
    g = _YEAR_FIRST.match(text)
    if g is not None and g["sep"] == "-":
        return _at(g["y"], int(g["m"]), int(g["d"]), g)
    if _ISO_FRACTION.search(text):
        raise ValueError(text)
    return dt.datetime.fromisoformat(text.strip())


#: weekday names (Swedish, English), in full or cut to two letters or more, before a date: "mån 7 dec 2026"
_WEEKDAYS = {"måndag": 0, "monday": 0, "tisdag": 1, "tuesday": 1, "onsdag": 2, "wednesday": 2, "torsdag": 3,
             "thursday": 3, "fredag": 4, "friday": 4, "lördag": 5, "saturday": 5, "söndag": 6, "sunday": 6}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"^\s*([^\W\d_]{2,})\.?,?\s+(?=\d)")


def _weekday(text: str) -> tuple[str, int | None]:
    """``text`` without a weekday's name before the date, and that weekday (0: Monday), if it has one."""
    g = _WEEKDAY.match(text)
    if g is None:
        return text, None
    word = g[1].lower()
    found = {n for name, n in _WEEKDAYS.items() if name.startswith(word)}
    if len(found) != 1:
        return text, None
    return text[g.end():], found.pop()


class _WrongWeekday(ValueError):
    """A date whose weekday is not the one named before it (a misread date, or a wrong one)."""

    def __init__(self, named: int, when: dt.datetime) -> None:
        super().__init__(named, when)
        self.named, self.when = named, when


@dataclass(slots=True)
class _Proof:
    """The first value that can be read one way only."""

    text: str
    line: int


class Stamps:
    """Reads one log's timestamps: the form from the first value, day or month first from the rows.

    :meth:`see` each value as its row comes (it raises on a value of another form or one that decides
    against an earlier row); while :attr:`decided` is False the caller keeps the rows; :meth:`seconds`
    reads a value in the form decided (day first if :meth:`settle` was called without a proof).
    """

    def __init__(self, given: str | None, source: str) -> None:
        self.source = source
        self.given = given
        self.family: str | None = None  # "format", "iso", "numeric", "year-first", "named"
        self.sep = ""
        self.order = ORDER_WORDS.get(given or "")  # "day", "month" or None: not known yet
        self.proof: _Proof | None = None
        self.proofs: dict[str, _Proof] = {}
        self.swedish_time = False
        self.offsets: set[str] = set()
        self.alternative = ""  # what reading the other order would do, when no row decided
        self.season: str | None = None  # the first CET on a summer-time date (or CEST on a winter one), said
        if given is not None and given not in ORDER_WORDS:
            self.family = "format"

    # -- what the rows say
    @property
    def decided(self) -> bool:
        return self.family != "numeric" or self.order is not None

    def see(self, text: str, column: str | None, line: int) -> None:
        """Check ``text`` against the log's form (the first value sets it); note what it proves."""
        if text[:1].isalpha():
            text = _weekday(text)[0]
        if self.family is None:
            self.family = self._family(text)
            if self.family is None or (self.given in ORDER_WORDS and self.family != "numeric"):
                raise self._bad(text, column, line)
        if self.family != "numeric":
            return
        g = _NUMERIC.match(text)
        if g is None or g["sep"] != self.sep:
            raise self._bad(text, column, line)
        a, b = int(g["a"]), int(g["b"])
        if a > 12 and b > 12:
            raise self._bad(text, column, line)
        way = "day" if a > 12 else "month" if b > 12 else None
        if way is None:
            return
        self.proofs.setdefault(way, _Proof(text, line))
        if self.order is None:
            self.order, self.proof = way, _Proof(text, line)
        elif way != self.order:
            if self.given in ORDER_WORDS or self.sep == ".":
                raise self._bad(text, column, line)
            other = self.proofs["day" if way == "month" else "month"]
            raise InputError(
                f"{text[:40]!r} in column {column!r} can only be {way} first, but line {other.line}'s "
                f"{other.text[:40]!r} only {'month' if way == 'day' else 'day'} first: both forms in one log "
                f"(correct the export, or give --date-format)", file=self.source, line=line)

    def _family(self, text: str) -> str | None:
        g = _YEAR_FIRST.match(text)
        if g is not None:
            self.sep = g["sep"]
            return "iso" if g["sep"] == "-" else "year-first"
        try:
            _iso(text)
            return "iso"
        except ValueError:
            pass
        g = _NUMERIC.match(text)
        if g is not None:
            self.sep = g["sep"]
            if self.sep == "." and self.order is None:
                self.order = "day"  # 04.03.2025: no country writes the month first with dots
            return "numeric"
        g = _NAMED.match(text)
        if g is not None and _month(g["mon"]) is not None:
            return "named"
        return None

    def settle(self) -> None:
        """The end of the log without a row that decides: day first."""
        if self.order is None:
            self.order = "day"

    # -- reading
    def seconds(self, text: str, column: str | None, line: int) -> float:
        return self.moment(text, column, line)[0]

    def moment(self, text: str, column: str | None, line: int) -> tuple[float, float]:
        """(wall-clock seconds, UTC seconds or nan when the text gives no offset) of ``text``."""
        try:
            when = self.read(text)
        except _WrongWeekday as err:
            raise InputError(f"{text[:40]!r} in column {column!r} names a {_DAY_NAMES[err.named]}, but its date "
                             f"{err.when.date()} (read as {self.form()}) is a {_DAY_NAMES[err.when.weekday()]}: "
                             "correct the export, or give --date-format", file=self.source, line=line) from None
        except ValueError:
            raise self._bad(text, column, line) from None
        if self.season is None and when.tzinfo is not None and text[-1:].isalpha():
            self.season = _out_of_season(text, when, line)
        if when.year not in LOG_YEARS:
            raise InputError(f"{text[:40]!r} in column {column!r}: {outside_log_years(when)}",
                             file=self.source, line=line)
        return wall_seconds(when), instant_seconds(when)

    def read(self, text: str, order: str | None = None) -> dt.datetime:
        """``text`` as a date-time in the log's form (``order``: read day or month first instead); a weekday
        before the date (``mån 7 dec 2026``) must be the date's."""
        named_day = None
        if text[:1].isalpha() and self.family != "format":  # a strptime format given reads its own %a
            text, named_day = _weekday(text)
        when = self._read(text, order)
        if when.tzinfo is not None:
            self._offset(text, when)
        if named_day is not None and when.weekday() != named_day:
            raise _WrongWeekday(named_day, when)
        return when

    def _read(self, text: str, order: str | None) -> dt.datetime:
        family = self.family
        if family == "format":
            return dt.datetime.strptime(text, self.given or "")
        if family == "iso":
            if "." not in text and "," not in text and "k" not in text:
                try:  # the usual case, read in C
                    when = dt.datetime.fromisoformat(text)
                except ValueError:
                    pass
                else:
                    return when
            when = _iso(text)
            if not self.swedish_time and (" kl" in text or re.search(r"[T ]\d{1,2}\.\d{2}", text)):
                self.swedish_time = True
            return when
        if family == "numeric":
            g = _NUMERIC.match(text)
            if g is None or g["sep"] != self.sep:
                raise ValueError(text)
            a, b = int(g["a"]), int(g["b"])
            day, month = (a, b) if (order or self.order) == "day" else (b, a)
            return _at(g["y"], month, day, g)
        if family == "year-first":
            g = _YEAR_FIRST.match(text)
            if g is None or g["sep"] != self.sep:
                raise ValueError(text)
            return _at(g["y"], int(g["m"]), int(g["d"]), g)
        g = _NAMED.match(text)
        named = _month(g["mon"]) if g is not None else None
        if g is None or named is None:
            raise ValueError(text)
        return _at(g["y"], named, int(g["d"]), g)

    def _offset(self, text: str, when: dt.datetime) -> None:
        if len(self.offsets) < 3:  # enough to tell UTC from local time with summer time
            self.offsets.add(offset_label(text, when))

    # -- what the user is told
    def form(self) -> str:
        """The form the values are read in, as ``strptime`` would spell it, or ISO 8601."""
        if self.family == "format":
            return repr(self.given)
        if self.family == "iso":
            return "ISO 8601"
        if self.family == "numeric":
            s = self.sep
            return f"%d{s}%m{s}%Y" if self.order != "month" else f"%m{s}%d{s}%Y"
        if self.family == "year-first":
            return f"%Y{self.sep}%m{self.sep}%d"
        return "%d %B %Y (the month's name, Swedish or English)"

    def note(self, other_order: Callable[[], str] | None = None) -> str:
        """The note naming the form and why (``other_order``: what the other reading would do to the rows; kept
        for a later call), and what the UTC offsets seen so far do."""
        if other_order is not None:
            self.alternative = other_order()
        return self._form_note() + self._offset_note()

    def _form_note(self) -> str:
        if self.family == "format":
            return f"timestamps read as {self.given}"
        if self.family == "iso":
            text = "timestamps read as ISO 8601"
            if self.swedish_time:
                text += " (times such as 13.05 or kl. 13.05 as hours.minutes)"
            return text
        form = self.form()
        if self.family != "numeric":
            return f"timestamps read as {form} (with or without a time)"
        if self.given in ORDER_WORDS:
            return f"timestamps read as {form} (with or without a time), {self.given} as --date-format says"
        if self.sep == ".":
            return f"timestamps read as {form} (with or without a time)"
        if self.proof is not None:
            number = self.proof.text.strip().split(self.sep)[0 if self.order == "day" else 1]
            return (f"timestamps read as {form} (with or without a time): {self.order} first, as line "
                    f"{self.proof.line}'s {self.proof.text!r} shows (no month {int(number)})")
        return (f"timestamps read as {form} (with or without a time), day first as in Sweden and Europe: no row "
                f"tells day-first from month-first (no number above 12 before the year){self.alternative}; if the "
                "export writes the month first (as in the US), give --date-format month-first")

    def _offset_note(self) -> str:
        said = offsets_note(self.offsets)
        return (f"; {said}" if said else "") + (f"; {self.season}" if self.season else "")

    def expected(self) -> str:
        if self.family == "format":
            return f"the format {self.given!r}"
        if self.given in ORDER_WORDS:
            form = self.form() if self.family == "numeric" else "a date of numbers such as 4/3/2025"
            return f"{form}, {self.given} as --date-format says, with or without a time"
        if self.family is None:
            return ("ISO 8601 such as 2024-03-01T09:30:00, or a date such as 4/3/2025, 04.03.2025, 4 mars 2025 or "
                    f"mån 7 dec 2026, with or without a time ({_CLOCKS}); or give --date-format")
        if self.family == "iso":
            return _ISO_EXPECTED
        if self.family == "numeric" and self.order is None:
            s = self.sep
            form = f"%d{s}%m{s}%Y or %m{s}%d{s}%Y"
        else:
            form = self.form()
        return f"the form of the first row, {form}, with or without a time ({_CLOCKS}); or give --date-format"

    def _bad(self, text: str, column: str | None, line: int) -> InputError:
        serial = ("; it looks like Excel's date serial number: format the column as a date and time, e.g. "
                  "yyyy-mm-dd hh:mm, before saving") if _EXCEL_SERIAL.match(text) else ""
        zone = _ZONE_NAME.search(text)
        if zone is not None and zone[1].upper() not in _ZONES:
            serial = (f"; {zone[1]!r} is not read as a time zone (CET, CEST, UTC and GMT are): write the offset "
                      "instead, such as +01:00")
        return InputError(f"{text[:40]!r} in column {column!r} is not a timestamp{self._no_such_date(text)} "
                          f"(expected {self.expected()}{serial})", file=self.source, line=line)

    def _no_such_date(self, text: str) -> str:
        """``": there is no 31 February 2025"`` when ``text`` has the log's form of numbers but names a day or
        month no calendar has (a typing error, or the day and month read the other way round), else ``""`` (an empty
        end time is an activity still in progress, or refused before it gets here: ``csvlog._no_time``)."""
        if self.family == "numeric":
            g = _NUMERIC.match(text)
            if g is None or g["sep"] != self.sep:
                return ""
            a, b = int(g["a"]), int(g["b"])
            day, month = (b, a) if self.order == "month" else (a, b)
        elif self.family in ("iso", "year-first"):
            g = _YEAR_FIRST.match(text)
            if g is None or g["sep"] != self.sep:
                return ""
            day, month = int(g["d"]), int(g["m"])
        else:
            return ""
        if not 1 <= month <= 12:
            return f": there is no month {month}"
        try:
            dt.date(int(g["y"]), month, day)
        except ValueError:
            return f": there is no {day} {_MONTH_NAMES[month - 1]} {g['y']}"
        return ""


def offset_label(text: str, when: dt.datetime) -> str:
    """``Z``, ``+01:00``, ``UTC`` or ``CET (+01:00)``: the offset of a timestamp that has one, as written."""
    z = when.strftime("%z")
    offset = f"{z[:3]}:{z[3:5]}"
    tail = text.rstrip().upper()
    if tail.endswith("Z"):
        return "Z"
    name = next((n for n in _ZONES if n != "Z" and tail.endswith(n)), None)
    if name is None:
        return offset
    return name if name in _UTC else f"{name} ({offset})"


def offsets_note(offsets: set[str]) -> str:
    """What dropping these UTC offsets does (CSV and XES say it alike), or ``""`` when one offset throughout
    says nothing worth a note: ``+01:00`` alone changes no interval, and ``+00:00`` alone is how permitflow's
    simulator labels its local times (``simulator.eventlog``); ``Z`` alone is a log in UTC."""
    if len(offsets) < 2 and not offsets & _UTC:
        return ""
    shown = ", ".join(sorted(offsets))
    if offsets <= {"+00:00", *_UTC}:
        return (f"the times are UTC ({shown}) and are read as written, so working hours are in UTC "
                "(an office's 08:00 in Sweden reads 07:00 in winter, 06:00 in summer)")
    return (f"their UTC offsets ({shown}) are dropped and the local time kept, as a work calendar reads "
            "time: an interval across a change to or from summer time counts an hour more or less than passed")


def misread_by_python(text: str) -> bool:
    """True for ISO-like text Python's ``fromisoformat`` reads wrongly: a fraction of the hour or minute
    (``T13.05`` as 13:00:00.05)."""
    return _ISO_FRACTION.search(text) is not None
