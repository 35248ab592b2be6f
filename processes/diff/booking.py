"""Booking a thing, where the other model draws only the thing, is part of that thing.

One clerk draws "Kalla sökanden till kunskapsprov" and then "Genomför kunskapsprovet",
"Boka platsbesök med sökanden" and then "Gör platsbesök på serveringsstället"; the other
draws "Kunskapsprov" and "Platsbesök på serveringsstället" alone, the booking inside them.
The thing itself pairs by label; the booking step is left over and would be reported as
work only one municipality does, though the other books its tests and visits too.

``preparation_pass`` (Swedish and English alike; the booking words are the synonym list's
group of setting a time: boka, bokning, kalla, kallelse …) joins a booking step x left over
to the correspondence of the thing it books when

* x's label, without the booking words, the applicant and the message words ("skicka
  kallelse"), names a thing T (at least one term);
* the other model has exactly one activity y that says T in full, its label headed by
  the thing ("Kunskapsprov i alkohollagen", "Platsbesök på serveringsstället": the whole
  thing, not an act within it such as "Sökanden skriver kunskapsprovet", which the
  booking is not part of), and y is in a correspondence together with a step of x's own
  model that says T (the thing itself);
* the other model has no booking step for T of its own (an activity with a booking word
  and all of T): then its booking is a step of its own, and x belongs with that.

Its confidence is the lower of the correspondence's and x's own with y (matchtypes.pair_confidence).
"""

from __future__ import annotations

from processes.diff.matchtypes import (
    ACTIVITIES,
    Match,
    PassInput,
    from_both_sides,
    ids_on,
    named,
    pair_confidence,
    what,
)
from processes.diff.text import Lexicon

__all__ = ["preparation_pass"]

#: words of a booking label that are not the thing booked (their terms, by the lexicon)
_NOT_THE_THING = "boka sökanden skicka tid"


def _headed_by(lex: Lexicon, label: str, thing: set[str], lang: str) -> bool:
    """Whether ``label``'s first word is the thing ("Kunskapsprov i alkohollagen",
    "Platsbesök på serveringsstället"), not an act within it ("Sökanden skriver
    kunskapsprovet": someone writing the test)."""
    words = label.split()
    head = set(lex.terms(words[0], lang)) if words else set()
    return bool(head) and head <= thing


def preparation_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Booking steps left over joined to the correspondence of the thing booked (module doc)."""
    return from_both_sides(_side, given, matches)


def _side(given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]:
    own, other, lex, lang, score, banned = given.a, given.b, given.lex, given.langs, given.score, given.banned
    s_own, s_other = ("b", "a") if swap else ("a", "b")
    booking = set(lex.terms("boka", lang[0]))
    booking_other = set(lex.terms("boka", lang[1]))
    if not booking:
        return matches
    not_thing = set(lex.terms(_NOT_THE_THING, lang[0]))
    io = {s: i for i, s in enumerate(own.steps)}
    im = {s: j for j, s in enumerate(other.steps)}
    bags_own = {s: set(lex.terms(what(lex, st, lang[0]), lang[0])) for s, st in own.steps.items() if named(st)}
    if not any(booking <= bag for bag in bags_own.values()):
        return matches  # no booking step on this side
    bags_other = {
        s: set(lex.terms(what(lex, st, lang[1]), lang[1]))
        for s, st in other.steps.items() if st.kind in ACTIVITIES and named(st)
    }
    out = list(matches)
    for x, st in own.steps.items():
        if st.kind not in ACTIVITIES or x not in bags_own or not booking <= bags_own[x]:
            continue
        if any(x in ids_on(m, s_own) for m in out):
            continue
        thing = bags_own[x] - not_thing
        if not thing:
            continue
        saying = [y for y, bag in bags_other.items() if thing <= bag]
        if len(saying) != 1 or any(booking_other <= bag for bag in (bags_other[y] for y in saying)):
            continue
        if any(booking_other <= bag and thing <= bag for bag in bags_other.values()):
            continue  # the other model books it in a step of its own
        y = saying[0]
        if (x, y) in banned or not _headed_by(lex, what(lex, other.steps[y], lang[1]), thing, lang[1]):
            continue
        held = [m for m in out if y in ids_on(m, s_other)]
        if len(held) != 1 or held[0].how == "confirmed":
            continue
        m = held[0]
        if not any(s in bags_own and thing <= bags_own[s] for s in ids_on(m, s_own)):
            continue  # the thing itself is not in that correspondence
        if any((x, t) in banned for t in ids_on(m, s_other)):
            continue
        conf = min(m.confidence, pair_confidence(score, given.lab, io[x], im[y]))
        mine = tuple(sorted(ids_on(m, s_own) + (x,), key=lambda s: io[s]))
        a_ids, b_ids = (m.a, mine) if swap else (mine, m.b)
        out[out.index(m)] = Match(a_ids, b_ids, round(conf, 3), m.label, "grouped")
    return out
