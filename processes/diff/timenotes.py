"""What a label says about time: a duration, a deadline or a target beside the work.

Drawers annotate steps with when or how long they take: "Registrering (mål: samma
arbetsdag)", "Remiss till polisen (svarsfrist 14 dgr)", "Yttrande inkommer – svarstid 2 v",
"Fullständighetskontroll (mål: inom 5 arbetsdagar från MP1)". Another person drawing the
same process writes other figures or none, and the annotation says nothing of what is done.
``without_time_notes`` gives the label without such parts:

* a round-bracketed part, anywhere in the label, and a dash-led tail (a spaced dash and the
  rest of the label) are cut when every word of them belongs to a time expression — numbers,
  time units and their abbreviations, time words ("inom", "ca", "senast"), target and
  deadline words ("mål", "svarsfrist", "överklagande") and measuring-point codes ("MP2") —
  and at least one word is a number or a unit;
* a bracket that names anything else ("(kunskapsprov m.m.)", "(oftast på delegation)") is
  kept, and the label is kept whole when fewer than two terms would remain, so a one-word
  remainder ("Kunskapsprov") never stands for a label that says more.

>>> without_time_notes("Remiss till polisen (svarsfrist 14 dgr)")
'Remiss till polisen'
>>> without_time_notes("Yttrande från polisen – svarstid 2 v")
'Yttrande från polisen'
>>> without_time_notes("Utredning (kunskapsprov m.m.)")
'Utredning (kunskapsprov m.m.)'
>>> without_time_notes("Kunskapsprov (mål: inom 3 veckor från MP2)")
'Kunskapsprov (mål: inom 3 veckor från MP2)'
"""

from __future__ import annotations

import re
from functools import lru_cache

from processes.diff.language import STOPWORDS

__all__ = ["without_time_notes", "is_time_expression", "MIN_TERMS"]

#: terms (words of two letters or more, not stop words) that must remain after a cut
MIN_TERMS = 2

_NUMBER_WORDS = frozenset({"en", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"})
_UNITS = frozenset({
    "d", "dag", "dagar", "dgr", "arbetsdag", "arbetsdagar",
    "v", "vecka", "veckor", "veckan",
    "mån", "månad", "månader",
    "h", "tim", "timme", "timmar",
})
_TIME_WORDS = frozenset({"inom", "ca", "c:a", "cirka", "senast", "efter", "från", "upp", "till", "samma"})
_TARGET_WORDS = frozenset({"mål", "frist", "svarsfrist", "svarstid", "tidsgräns", "överklagande"})

_BRACKET = re.compile(r"\s*\(([^()]*)\)")
_DASH_TAIL = re.compile(r"\s+[–—-]\s+(.*)$", re.DOTALL)
_NUMBER = re.compile(r"^\d+(?:[–—-]\d+)?([^\W\d_]*)$")
_POINT_CODE = re.compile(r"^[A-ZÅÄÖ]{1,3}[0-9]{1,3}[a-z]?$")
_SPLIT = re.compile(r"[\s,.;/?!]+|(?<!c):(?!a)")
_STOP = STOPWORDS["sv"] | STOPWORDS["en"]


def _tokens(text: str) -> list[str]:
    """Words of ``text``; a range of codes ("MP1–MP6") as its two codes."""
    out: list[str] = []
    for word in _SPLIT.split(text):
        word = word.strip("()[]\"'")
        if not word:
            continue
        codes = re.split(r"[–—-]", word)
        if len(codes) > 1 and all(_POINT_CODE.match(c) for c in codes):
            out.extend(codes)
        else:
            out.append(word)
    return out


def is_time_expression(text: str) -> bool:
    """Whether every word of ``text`` says when or how long, with a number or unit among them.

    >>> is_time_expression("mål: inom 5 arbetsdagar från MP1")
    True
    >>> is_time_expression("5 st")
    False
    """
    measured = False
    words = _tokens(text)
    if not words:
        return False
    for word in words:
        if _POINT_CODE.match(word):
            continue
        w = word.casefold().rstrip(".")
        number = _NUMBER.match(w)
        if number is not None:
            if number.group(1) and number.group(1) not in _UNITS:
                return False
            measured = True
        elif w in _UNITS or w in _NUMBER_WORDS:
            measured = True
        elif w not in _TIME_WORDS and w not in _TARGET_WORDS:
            return False
    return measured


def _terms(text: str) -> int:
    return sum(
        1 for w in re.findall(r"[^\W\d_]+", text.casefold()) if len(w) >= 2 and w not in _STOP
    )


@lru_cache(maxsize=65536)
def without_time_notes(label: str) -> str:
    """``label`` without its bracketed parts and dash-led tail that are only time expressions,
    or ``label`` itself when fewer than ``MIN_TERMS`` terms would remain."""
    if "(" not in label and not _DASH_TAIL.search(label):
        return label
    out = _BRACKET.sub(lambda m: "" if is_time_expression(m.group(1)) else m.group(0), label)
    tail = _DASH_TAIL.search(out)
    if tail is not None and is_time_expression(tail.group(1)):
        out = out[: tail.start()]
    out = out.strip()
    if out == label.strip() or _terms(out) < MIN_TERMS:
        return label
    return out
