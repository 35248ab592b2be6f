"""English nominalisations read as the verb a label compared uses (processes/diff/derivation.py),
and the run pass's guard: the derivation never turns a place round (runs.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.derivation import verb_root
from processes.diff.language import word_root
from processes.diff.matchtypes import Match
from processes.diff.runs import RUN, run_pass
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view


def _stem(word: str) -> str:
    return word_root(word, "en")


def test_nominalisations_whose_spelling_changes_are_read_as_their_verbs() -> None:
    pairs = [
        ("payment", "pay"), ("decision", "decide"), ("submission", "submit"), ("verification", "verify"),
        ("issuance", "issue"), ("registration", "register"), ("referral", "refer"), ("denial", "deny"),
        ("compliance", "comply"), ("notification", "notify"), ("permission", "permit"), ("clearance", "clear"),
    ]
    assert [verb_root(noun, _stem, {_stem(verb)}) for noun, verb in pairs] == [_stem(v) for _n, v in pairs]


def test_a_noun_stays_itself_when_no_label_uses_the_verb_or_no_rule_applies() -> None:
    assert verb_root("payment", _stem, {"fee"}) is None
    assert verb_root("national", _stem, {"nation"}) is None  # -nal is no nominalisation
    assert verb_root("station", _stem, {"state"}) is None  # -tion is the stemmer's already
    # the stemmer joins these already: nothing to add
    assert verb_root("inspection", _stem, {"inspect"}) is None
    assert verb_root("approval", _stem, {_stem("approve")}) is None


def test_the_lexicon_reads_payment_as_pay_only_where_a_label_pays() -> None:
    plain = Lexicon.build(builtin_synonyms(), ["Receive the fee payment", "Pay the fee"], language="en")
    both = replace(plain, derive=True, _memo={})
    alone = replace(
        Lexicon.build(builtin_synonyms(), ["Receive the fee payment", "Refund the fee"], language="en"),
        derive=True,
        _memo={},
    )
    assert "pay" in both.terms("Receive the fee payment")
    assert "payment" in alone.terms("Receive the fee payment")
    # the ordinary reading (what the first assignment uses) keeps the noun
    assert "payment" in plain.terms("Receive the fee payment")


def test_the_payment_and_paying_steps_of_one_place_are_paired() -> None:
    # the ordinary labels share no word (0.00): the one-against-one place stays open, only asked
    # about; read as "pay" the two are related (0.44) and the place pass pairs them
    a = linear(["Receive the application", "Payment received", "Hold the hearing", "Issue"], prefix="A")
    b = linear(["Receive the application", "Customer pays online", "Hold the hearing", "Issue"], prefix="B")
    d = diff_models(a, b)
    assert [(m.a, m.b, m.how) for m in d.matches if "A1" in m.a] == [(("A1",), ("B1",), "placed")]
    assert not d.uncertain


def test_the_payment_and_paying_steps_of_two_places_are_only_asked_about() -> None:
    # never in the first assignment: across the model the reading only names a candidate
    a = linear(["Receive the application", "Receive the license fee payment", "Hold the hearing", "Issue"], prefix="A")
    b = linear(["Receive the application", "Hold the hearing", "Pay the license fee", "Issue"], prefix="B")
    d = diff_models(a, b)
    assert not [m for m in d.matches if "A1" in m.a]
    (u,) = [u for u in d.uncertain if u.step == "A1"]
    assert u.candidates[0].ids == ("B2",)
    assert u.candidates[0].label > 0.8


def _place(lab_rows: list[list[float]]):
    # S, P, two steps left over (X1 X2 / Y1 Y2), Q, E: every other step matched to its namesake
    a = linear(["Receive", "Check", "Print", "Mail"], prefix="A")
    b = linear(["Receive", "Check", "Draft", "Send"], prefix="B")
    va, vb = build_view(a), build_view(b)
    ids_a, ids_b = list(va.steps), list(vb.steps)
    around = [Match((x,), (y,), 1.0, 1.0) for x, y in (("S", "S"), ("A0", "B0"), ("A1", "B1"), ("E", "E"))]
    lab = np.zeros((len(ids_a), len(ids_b)))
    for (x, y), value in zip((("A2", "B2"), ("A2", "B3"), ("A3", "B2"), ("A3", "B3")), sum(lab_rows, []), strict=True):
        lab[ids_a.index(x), ids_b.index(y)] = value
    return va, vb, lab, np.full(lab.shape, 0.3), around


def _runs(plain: list[list[float]], derived: list[list[float]]) -> set[tuple[str, str]]:
    va, vb, lab, score, around = _place(derived)
    _va, _vb, under, _score, _around = _place(plain)
    found, _notes = run_pass(va, vb, lab, score, list(around), set(), under)
    return {(m.a[0], m.b[0]) for m in found if m.how == RUN}


def test_the_plain_labels_choose_the_way_a_place_pairs() -> None:
    # rows: A2 with (B2, B3), A3 with (B2, B3); the plain labels say crosswise, the derived in order
    assert _runs([[0.1, 0.4], [0.4, 0.1]], [[0.6, 0.4], [0.4, 0.6]]) == {("A2", "B3"), ("A3", "B2")}


def test_a_derivation_settles_an_open_place_only_in_order() -> None:
    level = [[0.25, 0.25], [0.25, 0.25]]
    assert _runs(level, [[0.5, 0.25], [0.25, 0.25]]) == {("A2", "B2"), ("A3", "B3")}
    # the weak case: the derived labels would pair crosswise, so the place stays open
    assert _runs(level, [[0.25, 0.5], [0.25, 0.25]]) == set()
