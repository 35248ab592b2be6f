"""A label's final bracketed aside, and the label without it (its *core*).

People annotate a step in brackets after its name: an audit's time target ("Kunskapsprov (mål:
inom 3 veckor från MP2)"), a reply time ("Begäran om komplettering (svarstid 14 dagar)"), a new
officer's note to herself ("Platsbesök (alltid på nya ställen, säger B)"). The aside's words
are not the step's, and a label read whole carries them against every partner: "Kunskapsprov
(mål: …)" is no longer said in full inside "Du skriver kunskapsprovet hos oss", so the
containment floor (labelsim.CONTAIN) does not hold. matching.labels therefore also compares the
cores and keeps the larger similarity of a pair; a bracket that says what the step covers
("Förvaltningen utreder ansökan (kompletteringar, polisens yttrande, …)") still counts through
the whole label (bench/RESULTS-matching.md, "Branch many89").

Only one round bracketed part that closes the label is an aside, after a word outside it; a
bracket in the middle ("Remiss (polis) skickas") is part of the name.
"""

from __future__ import annotations

import re

__all__ = ["core_of"]

_FINAL_ASIDE = re.compile(r"^(?P<core>.*\w.*?)\s*\([^()]*\)\s*$", re.DOTALL)


def core_of(label: str) -> str:
    """``label`` without its final bracketed aside; ``label`` itself when it has none.

    >>> core_of("Kunskapsprov (mål: inom 3 veckor från MP2)")
    'Kunskapsprov'
    >>> core_of("Remiss (polis) skickas")
    'Remiss (polis) skickas'
    >>> core_of("(mål: samma dag)")
    '(mål: samma dag)'
    """
    found = _FINAL_ASIDE.match(label)
    return found.group("core").rstrip() if found else label
