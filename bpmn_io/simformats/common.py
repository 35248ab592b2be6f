"""What every simulation-format adapter shares: the result type, units, and model lookups."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from lxml import etree

from bpmn_io.xmlsafe import parse_xml
from processes.errors import InputError
from processes.model import Definitions, Gateway, Process
from processes.params import WEEKDAYS

__all__ = [
    "Converted",
    "hours_text",
    "branching_gateways",
    "normalised",
    "ALWAYS_OPEN",
    "profile_document",
    "WEEKDAY_NAMES",
    "MONTH_DAYS",
    "constant_arrivals",
    "Where",
]

#: Prosimos / QBP weekday names, Monday first (permitflow's order)
WEEKDAY_NAMES = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")

#: permitflow ``hours:`` of a calendar open around the clock (copy it before putting it in a document)
ALWAYS_OPEN: Mapping[str, str] = {day: "00:00-24:00" for day in WEEKDAYS}


@dataclass(frozen=True, slots=True)
class Converted:
    """A converted document and what could not be carried over, one line each; ``comments``: what the
    written YAML says above a key, by its key path (``convert --to profile``: :func:`.skeleton.profile_yaml`)."""

    document: dict[str, Any]
    warnings: tuple[str, ...] = ()
    comments: tuple[tuple[tuple[str, ...], str], ...] = ()


class Where:
    """The file a simulation block came from, and the file's own line of each element re-read from the
    block's kept text (:mod:`bpmn_io.blocklines`): lxml's ``sourceline`` of a re-read element is a line of
    that text, which is no line of the file. Where the model holds no lines for a text (a model not read from
    a BPMN file), an error names the file without a line rather than a wrong one."""

    __slots__ = ("source", "_defs", "_lines")

    def __init__(self, defs: Definitions, source: str) -> None:
        self.source = source
        self._defs = defs
        self._lines: dict[etree._Element, int] = {}

    def read(self, text: str) -> etree._Element:
        """The root of the kept XML ``text``, its elements' file lines noted."""
        root = parse_xml(text.encode("utf-8"), source=self.source).getroot()
        lines = self._defs.block_lines.get(text, ())
        elements = [e for e in root.iter() if isinstance(e.tag, str)]
        if len(lines) == len(elements):  # the same elements in the same order (else no line is right)
            self._lines.update((e, n) for e, n in zip(elements, lines, strict=True) if n)
        return root

    def line(self, el: etree._Element) -> int | None:
        return self._lines.get(el)

    def error(self, el: etree._Element, message: str) -> InputError:
        """Bad input at ``el``: the file, the file's line of ``el``, ``message``."""
        return InputError(message, file=self.source, line=self.line(el))

    def said(self, el: etree._Element, message: str) -> str:
        """A warning about ``el``: the file, the file's line of ``el``, ``message`` (as an error is said)."""
        return str(self.error(el, message))


def pool_count(amount: float, where: Where, el: etree._Element, said: str, warnings: list[str]) -> int:
    """The members of a pool from another tool's count ``amount`` (QBP's totalAmount, BPSim's Quantity;
    ``said`` the attribute as written, ``el`` its element): a whole number from 1; any other (2.5, 0, -5,
    1e400) is imported cut to a whole number, at least 1, with a warning naming the file, line, what was read
    and what used."""
    count = max(1, int(amount)) if math.isfinite(amount) else 1  # int(inf) was an OverflowError
    if count != amount:
        warnings.append(where.said(el, f"{said} is not a whole number >= 1; imported as {count}"))
    return count


#: month lengths of a 365-day year: as seasonality weights they give the same arrival rate every day
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def constant_arrivals(mean_hours: float) -> dict[str, Any]:
    """permitflow ``arrivals:`` for a Poisson process with mean inter-arrival time ``mean_hours``.

    permitflow's rate is per calendar month (``per_year`` spread by ``seasonality``);
    weights equal to the month lengths give one constant rate, and ``per_year``
    over the 8760 hours of a 365-day year gives that rate (in a leap year
    February's rate is 28/29 of the others').
    """
    return {"per_year": round(8760.0 / mean_hours, 9), "seasonality": list(MONTH_DAYS)}


def hours_text(hours: float) -> str:
    """A duration in hours as profile text, the way a person writes it: minutes under an hour, hours from one
    (``'7m'``, ``'2.5h'``; ``m`` and ``h`` are valid for work and calendar time alike), in the other unit when only
    that one is exact to 3 decimals (``'70m'``), else the shorter. Its text reads back (``parse_duration``) as
    ``hours`` to 12 significant digits (float rounding aside, the same value); it wrote ``'0.116666666667h'``.

    >>> [hours_text(h) for h in (420 / 3600, 2.5, 70 / 60, 0.5, 0.0, 8766.0, 10 / 3600)]
    ['7m', '2.5h', '70m', '30m', '0h', '8766h', '0.1666666666667m']
    """
    hours = float(hours)
    if hours == 0 or not math.isfinite(hours):
        return f"{hours:g}h" if hours else "0h"
    texts = {unit: _decimal_for(hours, per) for unit, per in (("m", 1 / 60), ("h", 1.0))}
    first, second = ("m", "h") if hours < 1 else ("h", "m")
    for unit in (first, second):
        if len(texts[unit].partition(".")[2]) <= 3:
            return texts[unit] + unit
    unit = min((first, second), key=lambda u: len(texts[u]))
    return texts[unit] + unit


def _decimal_for(hours: float, per: float) -> str:
    """The fewest decimals of ``hours / per`` (a plain decimal, no exponent) that read back, times ``per``, as
    ``hours`` to 12 significant digits."""
    n = hours / per
    for digits in range(0, 18):
        text = f"{n:.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if abs(float(text) * per - hours) <= 1e-12 * abs(hours):
            return text
    return np.format_float_positional(n, trim="-")


def branching_gateways(process: Process) -> dict[str, list[str]]:
    """Gateway id -> its outgoing sequence flow ids, for gateways (of any kind) with more than one way out."""
    out: dict[str, list[str]] = {}
    for node in process.nodes.values():
        if isinstance(node, Gateway):
            flows = [f.id for f in process.outgoing(node.id)]
            if len(flows) > 1:
                out[node.id] = flows
    return out


def normalised(weights: Mapping[str, float], total: float) -> dict[str, float]:
    """``weights`` divided by their ``total``, summing to exactly 1.

    What rounding leaves over is added to the last key in sorted order, so the
    result does not depend on the order the weights were read in.
    """
    out = {key: value / total for key, value in weights.items()}
    last = sorted(out)[-1]
    out[last] += 1.0 - math.fsum(out.values())
    return out


def profile_document(
    *,
    start: dt.date,
    cases: int | None,
    horizon_hours: float | None,
    calendars: dict[str, Any],
    pools: dict[str, Any],
    arrivals: dict[str, Any],
    elements: dict[str, Any],
    note: str,
) -> dict[str, Any]:
    """A profile document with only the ``simulation:`` part (plus a note on where it came from)."""
    sim: dict[str, Any] = {"start": start.isoformat()}
    if cases is not None:
        sim["cases"] = int(cases)
    else:
        sim["horizon"] = hours_text(horizon_hours if horizon_hours else 8766.0)
    if calendars:
        sim["calendars"] = calendars
    if pools:
        sim["pools"] = pools
    sim["arrivals"] = arrivals
    if elements:
        sim["elements"] = elements
    return {"note": note, "simulation": sim}


def clock_hours(text: str) -> float:
    """Hours of the day from ``HH:MM[:SS[.fff]][+zz:zz]``, 00:00 to 24:00 (a ValueError beyond); 23:59:59 and
    later count as 24:00."""
    core = text.strip()
    for sep in ("+", "Z"):
        if sep in core:
            core = core.split(sep, 1)[0]
    if core.count("-") and core.rfind("-") > 2:
        core = core[: core.rfind("-")]
    parts = core.split(":")
    h = float(parts[0])
    m = float(parts[1]) if len(parts) > 1 else 0.0
    s = float(parts[2]) if len(parts) > 2 else 0.0
    hours = h + m / 60 + s / 3600
    if not (0 <= hours <= 24 and 0 <= m < 60 and 0 <= s < 60):  # '25:00' was read as 24:00, '-1:00' went on
        raise ValueError(f"{text!r} is not a time of day")
    return 24.0 if hours >= 24 - 1.5 / 3600 else hours


def clock_or_nan(text: str) -> float:
    """:func:`clock_hours`, or nan where ``text`` is not a time of day (the importers say where it is)."""
    try:
        hours = clock_hours(text)
    except (ValueError, IndexError):
        return math.nan
    return hours if math.isfinite(hours) else math.nan


def _clock_text(hours: float) -> str:
    minutes = int(round(hours * 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def week_from_rules(rules: list[tuple[str, str, float, float]]) -> dict[str, str]:
    """permitflow ``hours:`` from weekly rules (from weekday, to weekday, begin hour, end hour).

    Overlapping or touching intervals of a day are merged; a weekday with no
    interval is left out (closed).
    """
    per_day: dict[int, list[tuple[float, float]]] = {i: [] for i in range(7)}
    for first, last, begin, end in rules:
        a, b = WEEKDAY_NAMES.index(first.upper()), WEEKDAY_NAMES.index(last.upper())
        days = range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)]
        for d in days:
            if end > begin:
                per_day[d].append((begin, end))
    hours: dict[str, str] = {}
    for d, intervals in per_day.items():
        merged: list[list[float]] = []
        for begin, end in sorted(intervals):
            if merged and begin <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([begin, end])
        texts = [f"{_clock_text(b)}-{_clock_text(e)}" for b, e in merged if _clock_text(b) != _clock_text(e)]
        if texts:
            hours[WEEKDAYS[d]] = ", ".join(texts)
    return hours
