"""What a label says aside from the work: a legal reference in brackets, a question to oneself.

A lawyer's model cites the law after each step ("Beslut på delegation (6 kap. 37 § KL,
delegationsordningen)", "Godkänt kunskapsprov, högst tre provtillfällen (8 kap. 12 § AL,
FoHMFS 2014:7)"); an officer drawing for himself leaves questions in his labels ("Remiss SKV,
KFM, räddn.tj., miljö (bygg ibland?)", "Kommunicera m. sökande (FL), 1 v att svara?"). Read
word by word, the chapter and section numbers, the law's abbreviation and the question's words
are terms the other drawer's label lacks. ``without_asides`` leaves out:

* a round-bracketed part whose content holds a section sign "§" (the whole bracket, with
  whatever it lists beside the reference: "kommunens riktlinjer", "delegationsordningen");
* a round-bracketed part whose content ends with "?";
* a tail that ends with "?" after a spaced dash (" – ", " — ", " - ") or after the label's last
  comma.

A bracket that lists the parts of the work ("(kompletteringar, polisens yttrande,
kunskapsprov)") has neither sign and stays; so does a "§" outside a bracket (the citation
reading, ``citations.py``, handles that) and a label that is itself a question ("Komplett?").
A label is never emptied.

>>> without_asides("Beslut på delegation (6 kap. 37 § KL, delegationsordningen)")
'Beslut på delegation'
>>> without_asides("Remiss SKV, KFM, räddn.tj., miljö (bygg ibland?)")
'Remiss SKV, KFM, räddn.tj., miljö'
>>> without_asides("Kommunicera m. sökande (FL), 1 v att svara?")
'Kommunicera m. sökande (FL)'
>>> without_asides("Tjänsteskrivelse till AU – sista dag ärenden ca 10 dgr före mötet?")
'Tjänsteskrivelse till AU'
>>> without_asides("Förvaltningen utreder ansökan (kompletteringar, polisens yttrande, kunskapsprov)")
'Förvaltningen utreder ansökan (kompletteringar, polisens yttrande, kunskapsprov)'
>>> without_asides("Komplett?")
'Komplett?'
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["without_asides", "is_aside"]

#: a round-bracketed part with no bracket inside
_BRACKET = re.compile(r"\(([^()]*)\)")
#: a spaced dash and everything after it
_DASH_TAIL = re.compile(r"\s[–—-]\s(.*)$", re.DOTALL)
#: the label's last comma and everything after it
_COMMA_TAIL = re.compile(r",\s([^,]*)$", re.DOTALL)


def is_aside(part: str) -> bool:
    """Whether a bracket's content or a tail is a legal reference or a question.

    >>> is_aside("8 kap. 11 § AL"), is_aside("bygg ibland?"), is_aside("vandel, ekonomi")
    (True, True, False)
    """
    text = part.strip()
    return "§" in text or text.endswith("?")


def _brackets_away(label: str) -> str:
    """``label`` without its bracketed asides; a bracket's "§" counts only inside it."""
    return _BRACKET.sub(lambda m: " " if is_aside(m.group(1)) else m.group(0), label)


def _question_tail_away(label: str) -> str:
    """``label`` without a tail that asks a question, after a spaced dash or the last comma."""
    for tail in (_DASH_TAIL, _COMMA_TAIL):
        m = tail.search(label)
        if m is not None and m.group(1).strip().endswith("?"):
            return label[: m.start()]
    return label


@lru_cache(maxsize=4096)
def without_asides(label: str) -> str:
    """``label`` without legal references in brackets and questions to oneself (module doc)."""
    if "§" not in label and "?" not in label:
        return label
    out = _question_tail_away(_brackets_away(label))
    out = " ".join(out.split()).strip(" ,;:–—-")
    return out if any(ch.isalpha() for ch in out) else label
