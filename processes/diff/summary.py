"""A coarse step that sums up several: its label lists the work of steps of the other model.

One clerk draws "Utredning av ansökan inklusive remisser och kunskapsprov", the other
"Skicka remisser till …", "Genomför kunskapsprov med sökanden" and "Utred ärendet …";
one draws "Diarieföring och ärendefördelning", the other "Diarieför ansökan" and "Tilldela
ärendet en handläggare"; "Skicka beslut och tillståndsbevis" against "Utfärdande av
tillståndsbevis" beside the dispatch. The coarse label is an enumeration: its parts, split
at the words that join a list ("och", "samt", "inklusive", "inkl", "plus", commas), each
name the work of one finer step, which says that part in full (all the part's terms are the
step's terms) and usually more (whom the remiss goes to, what the test is). The label as a
whole is unlike each finer step (it says the others' work too), so the one-to-one passes
leave them apart, and the group passes need the finer steps next to each other.

``summary_pass`` (after the contained passes, before the decision pass) reads every named
activity x whose label has two parts or more; for each part it looks for the activities of the
other model that say the part in full. A part said by exactly one, y, not yet in any
correspondence, for which x is the best partner by label among the steps
left over on x's side (strictly: a tie names nothing), names y. When at least two parts are named by
different steps, x and those steps become one correspondence; a step already paired with x
one to one counts as naming a part when it says one in full, and the correspondence grows
around it. A part said by two or more activities (matched or not) is ambiguous and names none; an x
paired with a step that says none of its parts is left alone (other evidence decided).
Its confidence is the lowest combined score of its pairs.
"""

from __future__ import annotations

import re

import numpy as np

from processes.diff.matchtypes import ACTIVITIES, Match, ids_on, named, what
from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["LIST_WORDS", "label_parts", "summary_pass"]

#: words that join the items of a list in a Swedish or English label
LIST_WORDS = frozenset("och samt inklusive inkl plus respektive and including".split())


def label_parts(label: str) -> list[str]:
    """The parts of an enumerating label, split at list words and commas.

    >>> label_parts("Utredning av ansökan inklusive remisser och kunskapsprov")
    ['Utredning av ansökan', 'remisser', 'kunskapsprov']
    >>> label_parts("Diarieföring och ärendefördelning")
    ['Diarieföring', 'ärendefördelning']
    """
    parts: list[list[str]] = [[]]
    for token in re.split(r"(\s*[,;/]\s*|\s+)", label.strip()):
        if not token.strip():
            continue
        if token.strip() in {",", ";", "/"} or token.casefold().strip(".") in LIST_WORDS:
            if parts[-1]:
                parts.append([])
            continue
        parts[-1].append(token)
    return [" ".join(p) for p in parts if p]


def summary_pass(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    lang: tuple[str, str],
    lab: np.ndarray,
    score: np.ndarray,
    matches: list[Match],
    banned: set[tuple[str, str]],
) -> list[Match]:
    """Coarse steps whose label lists the work of finer steps of the other model (module doc)."""
    out = _side(a, b, lex, lang, lab, score, matches, banned, swap=False)
    return _side(b, a, lex, (lang[1], lang[0]), lab.T, score.T, out, {(y, x) for x, y in banned}, swap=True)


def _side(
    one: ModelView,
    many: ModelView,
    lex: Lexicon,
    lang: tuple[str, str],
    lab: np.ndarray,
    score: np.ndarray,
    matches: list[Match],
    banned: set[tuple[str, str]],
    *,
    swap: bool,
) -> list[Match]:
    s_one, s_many = ("b", "a") if swap else ("a", "b")
    io = {s: i for i, s in enumerate(one.steps)}
    im = {s: j for j, s in enumerate(many.steps)}
    out = list(matches)
    for x, xs in one.steps.items():
        if xs.kind not in ACTIVITIES or not named(xs):
            continue
        parts = [set(lex.terms(p, lang[0])) for p in label_parts(what(lex, xs, lang[0]))]
        parts = [p for p in parts if p]
        if len(parts) < 2:
            continue
        taken_one = {s for m in out for s in ids_on(m, s_one)}
        taken_many = {s for m in out for s in ids_on(m, s_many)}
        mine = [m for m in out if x in ids_on(m, s_one)]
        if mine and (
            len(mine) > 1 or mine[0].how == "confirmed" or len(ids_on(mine[0], s_one)) != 1
            or len(ids_on(mine[0], s_many)) != 1
        ):
            continue
        held = ids_on(mine[0], s_many)[0] if mine else None
        free_many = [
            s for s, st in many.steps.items()
            if s not in taken_many and st.kind in ACTIVITIES and named(st) and (x, s) not in banned
        ]
        rows_one = [io[s] for s, st in one.steps.items() if s == x or (s not in taken_one and named(st))]
        bags = {
            s: set(lex.terms(what(lex, st, lang[1]), lang[1]))
            for s, st in many.steps.items() if st.kind in ACTIVITIES and named(st)
        }
        held_bag = set(lex.terms(what(lex, many.steps[held], lang[1]), lang[1])) if held else set()
        named_by: list[str] = []
        held_names = False
        for part in parts:
            if held and part <= held_bag:
                held_names = True
                continue
            # the part names exactly one activity of the other model, and that one is left over
            saying = [s for s, bag in bags.items() if s != held and part <= bag]
            if len(saying) != 1 or saying[0] not in free_many or saying[0] in named_by:
                continue
            y = saying[0]
            others = [lab[i, im[y]] for i in rows_one if i != io[x]]
            if float(lab[io[x], im[y]]) <= max([0.0, *map(float, others)]):
                continue
            named_by.append(y)
        if held and not held_names:
            continue
        if len(named_by) + (1 if held else 0) < 2:
            continue
        ys = sorted(([held] if held else []) + named_by, key=lambda s: im[s])
        conf = min(float(score[io[x], im[y]]) for y in ys)
        label = min(float(lab[io[x], im[y]]) for y in ys)
        if mine:
            out.remove(mine[0])
        a_ids, b_ids = (tuple(ys), (x,)) if swap else ((x,), tuple(ys))
        out.append(Match(a_ids, b_ids, round(conf, 3), round(label, 3), "grouped"))
    return out
