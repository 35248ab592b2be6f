"""One step whose label names two pieces of work, against the two steps of the other model that do them.

One clerk draws "Förhandsgranskning och diarieföring", the other "Diarieför ansökan i Public 360" and,
right after it, "Kontrollera ansökan mot kommunens riktlinjer"; "Diarieföra och fördela till
handläggare" against "Diarieföra ansökan", "Skicka mottagningsbevis", "Fördela ärendet till
alkoholhandläggaren". summary.py pairs such a label with finer steps only when each part is *said
in full* by its step; here the parts are said in other words ("Förhandsgranskning" is a check of
the application, "handläggare" an "alkoholhandläggare"), so the one step and the two are left as
questions about each other.

``two_acts_pass`` (right after summary.py's pass) reads a named activity x whose label (its
``what``, "+" read as a comma) splits by :func:`summary.label_parts` into exactly two parts, each
with terms and no term in both (two different pieces of work, not one act towards two bodies
read as {remiss, polis} / {remiss, skatteverket}). x is left over or paired one to one (not
confirmed) with a step, the *held* step. A named activity y of the other model *reads* part i when
the bag similarity of the part's terms and y's is at least ``BLOCK_MIN_LABEL`` and strictly above
its reading of the other part. Part i's step is the held step when it reads part i; otherwise the
step left over that reads it strictly best (a tie names nothing), and the part reads that step
better than any step of x's model left over reads it by label (x's whole label is unlike each
finer step because it names the other piece of work too, so it is not asked to beat them). When the two parts have two different steps,
one a successor of the other or of its successor (at most one step between; gateways skipped), x
and the two become one correspondence (``how`` "grouped"); its confidence is the lowest combined
score of its pairs (the label where a score is 0).
"""

from __future__ import annotations

from typing import NamedTuple

from processes.diff.groups import BLOCK_MIN_LABEL
from processes.diff.labelsim import bag_similarity
from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, from_both_sides, ids_on, named, what
from processes.diff.summary import label_parts, names_only_bodies
from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["ActPart", "two_act_parts", "two_acts_pass"]


class ActPart(NamedTuple):
    """One piece of work named in a label: its terms, and the terms of its first word (what is done)."""

    terms: tuple[str, ...]
    head: tuple[str, ...]


def two_act_parts(lex: Lexicon, label: str, lang: str) -> tuple[ActPart, ActPart] | None:
    """The two parts of a label naming two pieces of work, or None when the label has not
    exactly two parts with terms of their own.

    >>> from processes.diff.synonyms import builtin_synonyms
    >>> lex = Lexicon.build(builtin_synonyms(), [])
    >>> first, second = two_act_parts(lex, "Förhandsgranskning och diarieföring", "sv")
    >>> "=granska" in first.head, second.head
    (True, ('=registrera',))
    >>> two_act_parts(lex, "Skicka remiss till polisen och remiss till Skatteverket", "sv") is None
    True
    """
    key = ("two-act-parts", label, lang)
    found = lex._memo.get(key, ())
    if found == ():
        found = None
        texts = label_parts(label.replace("+", ","))
        # a part naming only bodies continues the one before ("… till polisen och Skatteverket"): one act
        if len(texts) == 2 and not names_only_bodies(texts[1], lang):
            parts = tuple(_part(lex, t, lang) for t in texts)
            first, second = parts
            if first.head and second.head and not set(first.terms) & set(second.terms):
                found = (first, second)
        lex._memo[key] = found
    return found  # type: ignore[return-value]


def _part(lex: Lexicon, text: str, lang: str) -> ActPart:
    """A part's terms and those of its first word with terms of the part ("till Skatteverket": Skatteverket)."""
    terms = tuple(sorted(set(lex.terms(text, lang))))
    for word in text.split():
        head = tuple(t for t in sorted(set(lex.terms(word, lang))) if t in terms)
        if head:
            return ActPart(terms, head)
    return ActPart(terms, ())


def _near(view: ModelView, y1: str, y2: str) -> bool:
    """Whether one step follows the other with at most one step between (gateways skipped)."""
    for u, v in ((y1, y2), (y2, y1)):
        after = view.successors(u)
        if v in after or any(v in view.successors(w) for w in after):
            return True
    return False


def _reads(lex: Lexicon, parts: tuple[ActPart, ActPart], bag: tuple[str, ...], own: int, lang: str) -> float:
    """How well a step (its terms ``bag``) reads part ``own``: its bag similarity with the part, when
    at least ``BLOCK_MIN_LABEL``, strictly above its reading of the other part, and the step shares
    a term of the part's first word (it does that work); else 0."""
    if not set(parts[own].head) & set(bag):
        return 0.0
    r = [bag_similarity(lex, list(p.terms), list(bag), lang) for p in parts]
    return r[own] if r[own] >= BLOCK_MIN_LABEL and r[own] > r[1 - own] else 0.0


def two_acts_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """One step of two pieces of work with the two steps of the other model doing them (module doc)."""
    return from_both_sides(_side, given, matches)


def _side(given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]:
    one, many, lex, lang = given.a, given.b, given.lex, given.langs
    lab, score, banned = given.lab, given.score, given.banned
    s_one, s_many = ("b", "a") if swap else ("a", "b")
    io = {s: i for i, s in enumerate(one.steps)}
    im = {s: j for j, s in enumerate(many.steps)}
    out = list(matches)
    bags: dict[str, tuple[str, ...]] | None = None
    if lang != ("sv", "sv"):
        return out
    for x, xs in one.steps.items():
        if xs.kind not in ACTIVITIES or not named(xs):
            continue
        parts = two_act_parts(lex, what(lex, xs, lang[0]), lang[0])
        if parts is None:
            continue
        mine = [m for m in out if x in ids_on(m, s_one)]
        if mine and (
            len(mine) > 1
            or mine[0].how == "confirmed"
            or len(ids_on(mine[0], s_one)) != 1
            or len(ids_on(mine[0], s_many)) != 1
        ):
            continue
        if bags is None:  # the other model's terms, once per side
            bags = {
                s: tuple(lex.terms(what(lex, st, lang[1]), lang[1]))
                for s, st in many.steps.items()
                if st.kind in ACTIVITIES and named(st)
            }
        held = ids_on(mine[0], s_many)[0] if mine else None
        taken_one = {s for m in out for s in ids_on(m, s_one)}
        taken_many = {s for m in out for s in ids_on(m, s_many)}
        rows_one = [io[s] for s, st in one.steps.items() if s != x and s not in taken_one and named(st)]

        steps: list[str] = []
        for own in (0, 1):
            if held is not None and held in bags and _reads(lex, parts, bags[held], own, lang[0]):
                # a partner saying all of the other part's first word does both: x stays one to one
                if set(parts[1 - own].head) <= set(bags[held]):
                    break
                steps.append(held)
                continue
            ranked = sorted(
                (
                    (_reads(lex, parts, bags[y], own, lang[0]), y)
                    for y in bags
                    if y not in taken_many and (x, y) not in banned
                ),
                key=lambda t: (-t[0], im[t[1]]),
            )
            ranked = [t for t in ranked if t[0] > 0]
            if not ranked or (len(ranked) > 1 and ranked[1][0] >= ranked[0][0]):
                break
            best, y = ranked[0]
            # the part reads y better than any step left over on x's side reads it as a whole
            if best <= max([0.0, *(float(lab[i, im[y]]) for i in rows_one)]):
                break
            steps.append(y)
        if len(steps) != 2 or steps[0] == steps[1] or (held is not None and held not in steps):
            continue
        if not _near(many, steps[0], steps[1]):
            continue
        ys = sorted(steps, key=lambda s: im[s])
        conf = min(float(score[io[x], im[y]]) or float(lab[io[x], im[y]]) for y in ys)
        label = min(float(lab[io[x], im[y]]) for y in ys)
        if mine:
            out.remove(mine[0])
        a_ids, b_ids = (tuple(ys), (x,)) if swap else ((x,), tuple(ys))
        out.append(Match(a_ids, b_ids, round(conf, 3), round(label, 3), "grouped"))
    return out
