"""Two acts, one step: a label naming two pieces of work against the two steps of the other model doing them."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.twoacts import two_act_parts, two_acts_pass
from processes.model import Definitions

#: the start, the decision and the end paired already, as the assignment pairs them
AROUND = [Match(("S",), ("S",), 0.9, 0.5), Match(("T9",), ("U9",), 0.9, 0.9), Match(("E",), ("E",), 0.9, 0.5)]


def _pass(a: Definitions, b: Definitions, matches: list[Match], langs: tuple[str, str] = ("sv", "sv")) -> list[Match]:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a=langs[0], lang_b=langs[1])
    return two_acts_pass(PassInput(ca.view, cb.view, lex, langs, lab, score), matches)


def test_two_parts_with_terms_of_their_own() -> None:
    lex = Lexicon.build(builtin_synonyms(), [])
    first, second = two_act_parts(lex, "Diarieföra och fördela till handläggare", "sv")  # type: ignore[misc]
    assert first.head == ("=registrera",)
    assert second.head == ("=fördela",)
    # "+" joins two parts as "och" does
    assert two_act_parts(lex, "Kompletthetskontroll (bilagor + avgift betald)", "sv") is not None
    # one act towards two bodies: "remiss" in both parts
    assert two_act_parts(lex, "Skicka remiss till polisen och remiss till Skatteverket", "sv") is None
    # a second part naming only a body continues the first: one act towards two bodies
    assert two_act_parts(lex, "Beslutskopior till Polismyndigheten och Länsstyrelsen", "sv") is None
    assert two_act_parts(lex, "Hämta in yttranden från polisen och Skatteverket", "sv") is None
    # one part, or three
    assert two_act_parts(lex, "Granska ansökan", "sv") is None
    assert two_act_parts(lex, "Diarieföra, granska och fördela ärendet", "sv") is None


def _p31(b_label: str = "Förhandsgranskning och diarieföring") -> tuple[Definitions, Definitions]:
    # p31's shape: a's registration, then past a parallel gateway its check beside the test call
    a = model(
        [("S", "start", "Ansökan mottagen"), ("T1", "userTask", "Diarieför ansökan i Public 360"),
         ("G", "and", ""), ("T2", "userTask", "Kontrollera ansökan mot kommunens riktlinjer"),
         ("T3", "sendTask", "Skicka kallelse till kunskapsprov"), ("J", "and", ""),
         ("T9", "userTask", "Socialnämnden beslutar"), ("E", "end", "Ärendet klart")],
        [("G", "T3"), ("T3", "J")],
        chain="S T1 G T2 J T9 E",
    )
    b = model(
        [("S", "start", "Ansökan skickas in"), ("U1", "userTask", b_label),
         ("U2", "userTask", "Kunskapsprov"), ("U9", "userTask", "Delegationsbeslut"), ("E", "end", "Beviljat")],
        chain="S U1 U2 U9 E",
    )
    return a, b


def test_one_step_of_two_acts_takes_the_two_steps_doing_them() -> None:
    a, b = _p31()
    found = [(m.a, m.b, m.how) for m in _pass(a, b, AROUND)]
    assert (("T1", "T2"), ("U1",), "grouped") in found
    # and in the whole comparison: one correspondence, no question about either step
    d = diff_models(a, b)
    assert [set(m.a) for m in d.matches if "U1" in m.b] == [{"T1", "T2"}]
    assert not [u for u in d.uncertain if u.step in ("T1", "T2", "U1")]


def test_the_two_steps_may_have_one_step_between_them() -> None:
    # p73's shape: the receipt between the registration and the assignment
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Diarieföra ansökan"),
         ("T2", "sendTask", "Skicka mottagningsbevis"), ("T3", "userTask", "Fördela ärendet till alkoholhandläggaren"),
         ("T9", "userTask", "Fatta beslut"), ("E", "end", "Klart")],
        chain="S T1 T2 T3 T9 E",
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Diarieföra och fördela till handläggare"),
         ("U9", "userTask", "Beslut"), ("E", "end", "Slut")],
        chain="S U1 U9 E",
    )
    assert [(m.a, m.b) for m in _pass(a, b, AROUND)][3:] == [(("T1", "T3"), ("U1",))]


def test_a_one_to_one_partner_grows_by_the_other_act() -> None:
    # p17's shape: "Utse handläggare" paired already; "Registrera ärendet" right before it joins
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Diarieföring och tilldelning av handläggare"),
         ("T9", "userTask", "Fatta beslut"), ("E", "end", "Klart")],
        chain="S T1 T9 E",
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Registrera ärendet"), ("U2", "userTask", "Utse handläggare"),
         ("U9", "userTask", "Beslut"), ("E", "end", "Slut")],
        chain="S U1 U2 U9 E",
    )
    out = _pass(a, b, [*AROUND, Match(("T1",), ("U2",), 0.8, 0.87)])
    assert [(m.a, m.b, m.how) for m in out][3:] == [(("T1",), ("U1", "U2"), "grouped")]


def test_a_step_that_shares_only_the_object_does_not_do_the_part() -> None:
    # p21: the invoice shares the fee with "kontrollera att avgiften är betald", not the check
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Diarieföra ärendet"),
         ("T2", "sendTask", "Skicka faktura på ansökningsavgiften"), ("T9", "userTask", "Fatta beslut"),
         ("E", "end", "Klart")],
        chain="S T1 T2 T9 E",
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Diarieföra ansökan och kontrollera att avgiften är betald"),
         ("U9", "userTask", "Beslut"), ("E", "end", "Slut")],
        chain="S U1 U9 E",
    )
    held = [*AROUND, Match(("T1",), ("U1",), 0.7, 0.6)]
    assert _pass(a, b, held) == held


def test_steps_far_apart_or_english_models_are_left_alone() -> None:
    a, b = _p31()
    assert _pass(a, b, AROUND, langs=("en", "en")) == AROUND
    # the check three steps after the registration: not the same place
    far = model(
        [("S", "start", "Ansökan mottagen"), ("T1", "userTask", "Diarieför ansökan i Public 360"),
         ("T4", "userTask", "Skicka remisser"), ("T5", "userTask", "Boka kunskapsprov"),
         ("T2", "userTask", "Kontrollera ansökan mot kommunens riktlinjer"),
         ("T9", "userTask", "Socialnämnden beslutar"), ("E", "end", "Ärendet klart")],
        chain="S T1 T4 T5 T2 T9 E",
    )
    assert _pass(far, b, AROUND) == AROUND
