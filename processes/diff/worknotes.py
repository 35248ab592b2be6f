"""What a label notes about time: the effort a step takes, "(2 h)", "(ingen arbetstid)", and a
time told after a dash, "Kommunicera med sökanden – 10 dagar att svara".

Someone who times each step of a routine — for a fee review, a staffing estimate — writes
the officer's hours into the labels ("Kommunicering med sökande (1 h)", "Utredning och
förslag till beslut (4 h)") and marks the waits as costing none ("Remissvar inkomna (ingen
arbetstid)"). Another person drawing the same work writes a plain label, and the note's
numbers and words count against the pair. ``without_effort_notes`` gives the label without
them: a round-bracketed part is cut whole when its content holds

* an **effort measure** — a number straight before an hour or minute unit, with or without
  a space: "2 h", "0,5 h", "2,5h", "1–2 tim", "en timme", "20 min"; or
* a **working-time word**: "arbetstid", "tidsåtgång" (and their inflections).

Calendar units are not read: days, weeks and months measure a wait or a deadline
("(svarstid 14 dagar)", "(~3–5 v)"), which a drawer who notes them writes on many labels,
and reading them away shifts the weights of a whole model's terms (branches many90, many91,
many101 rule 1). A bare number is no measure ("(5 st)", "(1)"). The brackets stay when
fewer than two words would be left ("Platsbesök (2 h)"): a one-word remainder meets every
label that has the word.

A **time told after a dash** is a note too: at the label's first spaced dash the tail is cut
when the head before it has at least two words and the tail, its own brackets left out,
holds a number before any time unit, calendar units included ("– 10 dagar att svara", "–
får yttra sig inom två veckor"). A tail with no time stays, whatever it says: it can be the
work itself, after a trigger ("bevakning förfallen – ta ställning (avskriv / pröva …)",
"status Komplett – starta handläggningstid (4 mån)": the time there is a bracket's).

>>> without_effort_notes("Kommunicering med sökande (1 h)")
'Kommunicering med sökande'
>>> without_effort_notes("Remissvar inkomna (ingen arbetstid)")
'Remissvar inkomna'
>>> without_effort_notes("Begäran om komplettering (svarstid 14 dagar)")
'Begäran om komplettering (svarstid 14 dagar)'
>>> without_effort_notes("Platsbesök (2 h)")
'Platsbesök (2 h)'
>>> without_effort_notes("Kommunicera med sökanden – 10 dagar att svara")
'Kommunicera med sökanden'
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_effort_note", "tells_a_time", "without_effort_notes"]

_NUMBER_WORDS = "en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|fjorton|femton|tjugo|trettio|halv"
_UNITS = "h|tim|timme|timmar|min|minut|minuter"
_CALENDAR_UNITS = "d|dag|dagar|dgr|arbetsdag|arbetsdagar|v|vecka|veckor|veckan|mån|månad|månader|år"
_NUMBER = rf"(?:\d+(?:[,.]\d+)?(?:\s*[-–]\s*\d+(?:[,.]\d+)?)?|(?<![^\W\d_])(?:{_NUMBER_WORDS}))"
#: a number straight before an hour or minute unit ("2 h", "2,5h", "en timme")
_MEASURE = re.compile(rf"{_NUMBER}\s*(?:{_UNITS})\.?(?![^\W\d_])", re.IGNORECASE)
#: ... or before any time unit ("10 dagar", "två veckor", "3–4 v")
_TIME = re.compile(rf"{_NUMBER}\s*(?:{_UNITS}|{_CALENDAR_UNITS})\.?(?![^\W\d_])", re.IGNORECASE)
_DASH = re.compile(r"\s+[–—-]\s+")
_WORKING_TIME = re.compile(r"(?<![^\W\d_])(?:arbetstid|tidsåtgång)", re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]*)\)")
_WORD = re.compile(r"[^\W\d_]{2,}")


def is_effort_note(content: str) -> bool:
    """Whether a bracket's ``content`` holds an effort measure or a working-time word.

    >>> is_effort_note("0,5 h per omgång"), is_effort_note("ingen arbetstid"), is_effort_note("5 st")
    (True, True, False)
    >>> is_effort_note("ring Polisen om inget kommit efter 3 veckor")
    False
    """
    return _MEASURE.search(content) is not None or _WORKING_TIME.search(content) is not None


def tells_a_time(tail: str) -> bool:
    """Whether a dash's ``tail``, its own brackets left out, holds a number before a time unit.

    >>> tells_a_time("får yttra sig inom två veckor"), tells_a_time("starta handläggningstid (4 mån)")
    (True, False)
    """
    return _TIME.search(_BRACKET.sub(" ", tail)) is not None


def _words(text: str) -> int:
    return len(_WORD.findall(text))


@lru_cache(maxsize=8192)
def without_effort_notes(label: str) -> str:
    """``label`` without its bracketed effort notes (unless fewer than two words would be
    left) and without a time told after a dash behind a head of two words or more."""
    out = label
    if "(" in out:
        cut = _BRACKET.sub(lambda m: "" if is_effort_note(m.group(1)) else m.group(0), out).strip()
        if cut != out and _words(cut) >= 2:
            out = cut
    dash = _DASH.search(out)
    if dash is not None and _words(out[: dash.start()]) >= 2 and tells_a_time(out[dash.end() :]):
        out = out[: dash.start()].strip()
    return out
