"""What a label says to the person doing the work: how long it takes, and how to do it.

Someone who draws a routine for a colleague, or times each step for a fee review, writes
notes into the labels: the effort ("Kommunicering med sökande (1 h)", "Komplettering
inkommen (ingen arbetstid)"), a reminder with a time in it ("Alla remissvar inne (ring
Polisen om inget kommit efter 3 veckor)"), or an instruction after a dash ("Gör platsbesök –
ta med planritningen och räkna sittplatserna"). Another person drawing the same work
writes a plain label, and the note's words count against the pair. ``without_work_notes``
gives the label without them:

* a round-bracketed part whose content holds a **time measure** — a number straight before
  a time unit, "2 h", "0,5 h", "3–4 v", "två veckor" — or a **working-time word**
  ("arbetstid", "tidsåtgång") is cut whole; a bare number ("(5 st)", "(1)") is no measure;
  the brackets stay when fewer than two words would be left ("Remissvar (ca 3 veckor)": a
  one-word remainder meets every label with that word);
* the **tail after the first spaced dash** is cut when the head before it has at least two
  words (it names work on its own), the tail begins with a small letter or a digit (not a
  name), has at least three words, and is not a list of single words ("Kunskapsprov –
  bokning, provtillfälle och rättning" names the parts of the step, and stays).

>>> without_work_notes("Kommunicering med sökande (1 h)")
'Kommunicering med sökande'
>>> without_work_notes("Kommunicera med sökanden – 10 dagar att svara")
'Kommunicera med sökanden'
>>> without_work_notes("Kunskapsprov – bokning, provtillfälle och rättning (2 h)")
'Kunskapsprov – bokning, provtillfälle och rättning'
>>> without_work_notes("Remissvar (ca 3 veckor)")
'Remissvar (ca 3 veckor)'
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_work_note", "is_instruction_tail", "without_work_notes"]

_NUMBER_WORDS = (
    "en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|fjorton|femton|tjugo|trettio|halv"
)
_UNITS = (
    "h|tim|timme|timmar|min|minut|minuter|d|dag|dagar|dgr|arbetsdag|arbetsdagar"
    "|v|vecka|veckor|veckan|mån|månad|månader|år"
)
_NUMBER = rf"(?:\d+(?:[,.]\d+)?(?:\s*[-–]\s*\d+(?:[,.]\d+)?)?|(?<![^\W\d_])(?:{_NUMBER_WORDS}))"
#: a number straight before a time unit, with or without a space ("2 h", "2,5h", "två veckor")
_MEASURE = re.compile(rf"{_NUMBER}\s*(?:{_UNITS})\.?(?![^\W\d_])", re.IGNORECASE)
_WORKING_TIME = re.compile(r"(?<![^\W\d_])(?:arbetstid|tidsåtgång)", re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]*)\)")
_DASH = re.compile(r"\s+[–—-]\s+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_TOKEN = re.compile(r"[^\W_]+")
_LIST_SPLIT = re.compile(r",|\s+(?:och|eller)\s+")


def is_work_note(content: str) -> bool:
    """Whether a bracket's ``content`` holds a time measure or a working-time word.

    >>> is_work_note("0,5 h per omgång"), is_work_note("ingen arbetstid"), is_work_note("5 st")
    (True, True, False)
    """
    return _MEASURE.search(content) is not None or _WORKING_TIME.search(content) is not None


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def is_instruction_tail(head: str, tail: str) -> bool:
    """Whether ``tail``, written after a spaced dash behind ``head``, is a note on how to do
    the work rather than the work or its parts (module doc).

    >>> is_instruction_tail("Gör platsbesök", "ta med planritningen och räkna sittplatserna")
    True
    >>> is_instruction_tail("Komplettering inkommen", "diarieförs")
    False
    """
    if _words(head) < 2 or not tail or not (tail[0].islower() or tail[0].isdigit()):
        return False
    if len(_TOKEN.findall(tail)) < 3:
        return False
    parts = [p.strip() for p in _LIST_SPLIT.split(tail)]
    return not (len(parts) >= 2 and all(len(p.split()) == 1 for p in parts))


@lru_cache(maxsize=8192)
def without_work_notes(label: str) -> str:
    """``label`` without its bracketed time and effort notes and its instruction tail."""
    if "(" not in label and not _DASH.search(label):
        return label
    out = label
    if "(" in out:
        cut = _BRACKET.sub(lambda m: "" if is_work_note(m.group(1)) else m.group(0), out)
        if cut != out and _words(cut) >= 2:
            out = cut.strip()
    dash = _DASH.search(out)
    if dash is not None:
        head, tail = out[: dash.start()], out[dash.end() :].strip()
        if is_instruction_tail(head, tail):
            out = head.strip()
    return out or label
