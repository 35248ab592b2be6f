"""What a label says beside the work: an item code, a system's prefix, a status tail.

A quality system numbers its activities ("A5 Begära komplettering med svarsfrist", "MP2
Ansökan fullständig"), a case system's administrator marks who does a work item ("Auto:
skicka kvittens till sökande", "Uppg: registrera inkomna remissvar") and writes the status
it sets after an arrow ("… → status Remiss"). None of these says what the step does, and
another person drawing the same process writes none of them. ``bare_label`` gives the label
without them:

* a leading **item code** — capital letters (one to three), digits (one to three) and at
  most one small letter ("A5", "MP2", "A7b") — when another label compared begins with a code
  of the same letters (a numbering, not a lone "E18 …");
* a leading **prefix** — one word of letters written straight before a colon ("Auto:") —
  when at least three labels compared begin with it;
* a trailing **status** — "→ status …" or "-> status …" to the end of the label.

Something must stand beside what is cut: a label is never emptied.

>>> found = recurring_prefixes(["A1 Diarieföra", "A2 Fördela", "Auto: x", "Auto: y", "Auto: z"])
>>> sorted(found)
['A', 'Auto:']
>>> bare_label("A14 Besluta i ärendet", found)
'Besluta i ärendet'
>>> bare_label("Auto: generera och skicka remisser (5 st) → status Remiss", found)
'generera och skicka remisser (5 st)'
>>> bare_label("E18 Vägarbete", found)
'E18 Vägarbete'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["bare_label", "recurring_prefixes", "CODE_LABELS", "COLON_LABELS"]

#: how many labels besides one must begin with a code of the same letters
CODE_LABELS = 2
#: how many distinct labels must begin with the same word and colon
COLON_LABELS = 3

_CODE = re.compile(r"^\s*([A-ZÅÄÖ]{1,3})[0-9]{1,3}[a-z]?\s+(?=\S)")
_COLON = re.compile(r"^\s*([^\W\d_]+:)\s+(?=\S)")
_STATUS_TAIL = re.compile(r"(?<=\S)\s*(?:→|->)\s*status\b:?.*$", re.IGNORECASE | re.DOTALL)


def _leading(label: str) -> tuple[str, str] | None:
    """("code" letters or "word:", the label after it), or None."""
    m = _CODE.match(label)
    if m is not None:
        return m.group(1), label[m.end():]
    m = _COLON.match(label)
    if m is not None:
        return m.group(1), label[m.end():]
    return None


def recurring_prefixes(labels: Iterable[str]) -> frozenset[str]:
    """The code letters ("A", "MP") and colon words ("Auto:") that begin enough distinct
    ``labels`` to be a numbering or a system's marks (``CODE_LABELS``, ``COLON_LABELS``)."""
    counts: Counter[str] = Counter()
    for label in dict.fromkeys(labels):
        found = _leading(label)
        if found is not None:
            counts[found[0]] += 1
    return frozenset(
        p for p, n in counts.items() if n >= (COLON_LABELS if p.endswith(":") else CODE_LABELS)
    )


def bare_label(label: str, prefixes: frozenset[str]) -> str:
    """``label`` without a recurring leading code or prefix and without a status tail."""
    if not prefixes and "status" not in label.casefold():
        return label
    out = label
    found = _leading(out)
    if found is not None and found[0] in prefixes:
        out = found[1]
    tail = _STATUS_TAIL.search(out)
    if tail is not None and out[: tail.start()].strip():
        out = out[: tail.start()]
    return out.strip() or label
