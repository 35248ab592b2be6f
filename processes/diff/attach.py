"""The attach pass: a step left over joins the correspondence of its neighbour, block to block
(split from groups.py: the passes that pair a step anew live there; this one grows a
correspondence already found). Its bars (``BLOCK_MIN_LABEL``, at most ``MAX_SIBLINGS`` steps on
a side) are groups.py's, read there when it runs; it reads siblings as the group pass does
(groups.label_reading, groups.only_theirs).

**Attach pass** (block to block): a named step x left over after the passes above joins an
existing correspondence when its best partner by label (same family, at least
``min_label`` alike) is a step y already in that correspondence, x sits next to (is a
predecessor or successor of) one of the correspondence's steps on x's side: label and
adjacency are the evidence, and the pair's combined score is not asked to reach any bar
(it asked for ``threshold - PROPAGATION`` until branch match: "Confirm identity without"
next to "Confirm identity" has label 0.66 but a combined score of 0.63, since the other
model's matched step had to pay for its neighbours being different). Both models are read this way, so two
steps drawn as two others become one correspondence of four pairs. Instead of sitting next
to it, x may lie anywhere in the process (pool) of the correspondence's steps on its side when the correspondence is one step y against steps like x, and y
names what sets each of them apart while they share something ("Hämta in yttranden från
polisen och Skatteverket" against "Polisremiss" and "Skatteremiss" with other steps between
them), or y is an event naming only what they share and nothing else in their model says
it ("Remissvar inkomna" against one answer event per body, drawn apart). With a label of
at least ``BLOCK_MIN_LABEL``, x also joins when it is a branch beside the correspondence's
steps (a predecessor or successor in common: one block) and either y says all x says and
more, x saying two things at least, y saying nothing that neither x nor those steps say and
something that only x says ("Polisremiss" beside "Kontroll hos Skatteverket och
Kronofogden", both against "Remisser till polisen, Skatteverket och Kronofogden"), or x, its
sibling and y share a term of the synonym list — the same work done another way — unless y
names by that list what sets the sibling apart while x names something y does not
("Enhetschefen beslutar på delegation" beside "Socialnämnden fattar beslut", both against
"Arbetsutskottet fattar beslut"; not "Yttrande från Skatteverket" beside "Yttrande från
polisen" against "Polisens yttrande inkommer"; branch m10). With a weaker label
(at least ``BLOCK_MIN_LABEL``), x joins only next to the correspondence, when y names what sets
apart x and the steps it holds and those share nothing: two different parts of one step
("Diarieföring och tilldelning av handläggare" / "Registrera ärendet", "Tilldela
handläggare") and at least half of x's terms are in y's label. Its confidence is the
lowest of the correspondence's and the joining steps' scores. A step that names a part of the
knowledge test other than every part the correspondence's steps name ("Handläggaren rättar
provet" beside "Kunskapsprov" ~ "Sökanden skriver kunskapsprovet") does not join; it is asked
about with the correspondence's step instead (testparts.py; branch many27).
"""

from __future__ import annotations

import numpy as np

from processes.diff import groups
from processes.diff.groups import label_reading, only_theirs
from processes.diff.matchtypes import Match, PassInput, family, ids_on, named, pooled_similarity, what
from processes.diff.testparts import APART_REASON, Apart, apart_in_test
from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["attach_pass", "lists_each"]


def attach_pass(given: PassInput, matches: list[Match], apart: list[tuple[Apart, str]] | None = None) -> list[Match]:
    """Block to block: a step left over joins the correspondence of its neighbour (module doc);
    a step kept out as of another part of the knowledge test (testparts.py) is added to
    ``apart`` with the reason."""
    a, b, lex, lang = given.a, given.b, given.lex, given.langs
    apart = [] if apart is None else apart
    matches = _attach_side(given, matches, "a", apart)
    matches = _attach_side(given.swapped(), matches, "b", apart)
    # a correspondence that grew: its label is that of the pooled labels of both sides
    out = []
    for m in matches:
        if m.how == "grouped" and len(m.a) + len(m.b) > 2:
            m = Match(m.a, m.b, m.confidence, round(pooled_similarity(lex, a, b, m.a, m.b, lang), 3), m.how)
        out.append(m)
    return out


def _attach_side(given: PassInput, matches: list[Match], side: str, apart: list[tuple[Apart, str]]) -> list[Match]:
    one, other, lab, score = given.a, given.b, given.lab, given.score
    banned, options, lex, lang = given.banned, given.options, given.lex, given.langs
    other_side = "b" if side == "a" else "a"
    ids_other = list(other.steps)
    index_one = {s: i for i, s in enumerate(one.steps)}
    unit_one = {s: k for k, m in enumerate(matches) for s in ids_on(m, side)}
    unit_other = {s: k for k, m in enumerate(matches) for s in ids_on(m, other_side)}
    joins: dict[int, list[tuple[float, str]]] = {}
    # the named steps of the other model by family, once (not once per step x)
    by_family: dict[str, list[int]] = {}
    for j, y in enumerate(ids_other):
        if named(other.steps[y]):
            by_family.setdefault(family(other.steps[y]), []).append(j)
    columns = {fam: np.array(js, dtype=np.intp) for fam, js in by_family.items()}
    for x_id, x in one.steps.items():
        if x_id in unit_one or not named(x):
            continue
        row = lab[index_one[x_id]]
        fam = family(x)
        same = columns.get(fam)
        if same is None:
            continue
        best = int(same[int(np.argmax(row[same]))])  # the first of the best: max by (label, -j)
        y_id = ids_other[best]
        if float(row[best]) < groups.BLOCK_MIN_LABEL or y_id not in unit_other or (x_id, y_id) in banned:
            continue
        combined = float(score[index_one[x_id], best])
        k = unit_other[y_id]
        m = matches[k]
        if m.how == "confirmed" or any(family(one.steps[s]) != fam for s in ids_on(m, side) if s in one.steps):
            continue
        # x sits next to the steps that y's correspondence already holds on x's side
        near = set(one.predecessors(x_id)) | set(one.successors(x_id))
        adjacent = bool(near & set(ids_on(m, side)))
        if not adjacent and all(one.steps[s].process != x.process for s in ids_on(m, side) if s in one.steps):
            continue  # not next to them and in another process (pool): no branch beside them
        if _said_in_full(lex, one, other, m, x_id, side, lang) or _alternative(lex, one, other, m, x_id, side, lang):
            pass  # a branch beside them that y names in full, or another way of doing what y does
        elif float(row[best]) < options.min_label:
            # a weaker label: x is next to them and y names each of them ("Diarieföring och
            # tilldelning av handläggare" / "Registrera ärendet" next to "Tilldela handläggare")
            if not adjacent or not lists_each(lex, one, other, m, x_id, side, lang, shared=False):
                continue
        elif not adjacent and not lists_each(lex, one, other, m, x_id, side, lang):
            continue
        parts = apart_in_test(lex, one, other, m, x_id, side, lang)
        if parts is not None:
            # another part of the knowledge test: asked about at the end, not joined
            apart.append(((side, x_id, y_id), APART_REASON.format(mine=parts[0], theirs=parts[1])))
            continue
        joins.setdefault(k, []).append((combined, x_id))
    out = list(matches)
    for k, extra in sorted(joins.items()):
        m = out[k]
        added = tuple(x for _, x in sorted(extra, key=lambda e: (-e[0], e[1]))[: groups.MAX_SIBLINGS - 1])
        order = {s: i for i, s in enumerate(one.steps)}
        mine = tuple(sorted(set(ids_on(m, side)) | set(added), key=lambda s: order.get(s, len(order))))
        a_ids, b_ids = (mine, m.b) if side == "a" else (m.a, mine)
        out[k] = Match(a_ids, b_ids, round(min(m.confidence, min(s for s, _ in extra)), 3), m.label, "grouped")
    return out


def _said_in_full(
    lex: Lexicon, one: ModelView, other: ModelView, m: Match, x_id: str, side: str, lang: tuple[str, str]
) -> bool:
    """Whether x is a branch beside the steps of ``m`` on its side (a predecessor or a
    successor in common with one of them: the same parallel or exclusive block) and the one
    step on the other side of ``m`` says everything x says and more, nothing that neither x
    nor the steps of ``m`` say, and something that only x says: "Polisremiss" beside
    "Remiss Skatteverket och Kronofogden", both against "Remisser till polis, Skatteverket
    och Kronofogden"."""
    theirs = ids_on(m, "b" if side == "a" else "a")
    if len(theirs) != 1 or theirs[0] not in other.steps:
        return False
    own = set(lex.terms(what(lex, one.steps[x_id], lang[0]), lang[0]))
    said = set(lex.terms(what(lex, other.steps[theirs[0]], lang[1]), lang[1]))
    if len(own) < 2 or not own < said:
        return False
    mine = [s for s in ids_on(m, side) if s in one.steps]
    # ... and nothing else: y is x and the steps it already holds, said together, and x
    # says a part of y that none of those steps says (not a second wording of them)
    held = set().union(*(lex.terms(what(lex, one.steps[s], lang[0]), lang[0]) for s in mine))
    if not said <= own | held or not said - held:
        return False
    before, after = set(one.predecessors(x_id)), set(one.successors(x_id))
    return any(before & set(one.predecessors(s)) or after & set(one.successors(s)) for s in mine)


def _alternative(
    lex: Lexicon, one: ModelView, other: ModelView, m: Match, x_id: str, side: str, lang: tuple[str, str]
) -> bool:
    """Whether x and a step of ``m`` on its side are branches of one block (a predecessor or
    a successor in common) and all three name the same work by the domain's vocabulary (a
    synonym group they share), unless by that vocabulary y names what sets that step apart
    from x and x names something y does not: a decision drawn as two alternatives ("Delegationsbeslut av enhetschef" / "Beslut i
    socialnämnden") against one decision."""
    theirs = ids_on(m, "b" if side == "a" else "a")
    if len(theirs) != 1 or theirs[0] not in other.steps:
        return False
    own = set(lex.terms(what(lex, one.steps[x_id], lang[0]), lang[0]))
    said = set(lex.terms(what(lex, other.steps[theirs[0]], lang[1]), lang[1]))
    before, after = set(one.predecessors(x_id)), set(one.successors(x_id))
    for s in ids_on(m, side):
        if s not in one.steps or not (before & set(one.predecessors(s)) or after & set(one.successors(s))):
            continue
        theirs_too = set(lex.terms(what(lex, one.steps[s], lang[0]), lang[0]))
        # not when, by the vocabulary, y names what sets that step apart from x and x names
        # something of its own that y does not: y is that branch alone (the police's answer,
        # not the Skatteverket branch beside it)
        if any(t.startswith("=") and t in said for t in theirs_too - own) and any(
            t.startswith("=") and t not in said for t in own - theirs_too
        ):
            continue
        if any(t.startswith("=") for t in own & said & theirs_too):
            return True
    return False


def lists_each(
    lex: Lexicon,
    one: ModelView,
    other: ModelView,
    m: Match,
    x_id: str,
    side: str,
    lang: tuple[str, str],
    shared: bool = True,
) -> bool:
    """Whether the single step on the other side of ``m`` names what sets apart each of the
    steps of ``one`` it would then hold, which share something (``label_reading`` "all", with a
    common part): "Hämta in yttranden från
    polisen, Skatteverket och räddningstjänsten" against "Polisremiss" and "Skatteremiss",
    wherever those two are drawn."""
    theirs = ids_on(m, "b" if side == "a" else "a")
    if len(theirs) != 1 or theirs[0] not in other.steps:
        return False
    mine = [s for s in ids_on(m, side) if s in one.steps] + [x_id]
    names = [what(lex, one.steps[s], lang[0]) for s in mine]
    label = what(lex, other.steps[theirs[0]], lang[1])
    reading, common = label_reading(lex, label, names, (lang[1], lang[0]))
    if not shared:
        # two different parts of one step, and at least half of what x says is said in y
        own, theirs_terms = lex.terms(names[-1], lang[0]), set(lex.terms(label, lang[1]))
        said = sum(t in theirs_terms for t in own)
        return reading == "all" and not common and 2 * said >= len(own)
    if reading == "common" and family(other.steps[theirs[0]]) == "event":
        # y names only what they share, and nothing else in their model says it
        return only_theirs(lex, one, tuple(mine), set(common) & set(lex.terms(label, lang[1])), lang[0])
    return reading == "all" and bool(common)  # the same kind of step for different things

