"""A coarse step and the fine steps that share its head word in one place (heads.py):
"Consultation and public notice period" = "E-consult Police" + "E-consult FRS" + …"""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.heads import HEAD, head_terms
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def _licensing(*middle: str, extra: tuple[str, ...] = ()) -> object:
    """Start, "Receive the application", the ``middle`` steps, "Decide on the licence", end;
    then the ``extra`` steps after the decision."""
    ids = [f"M{k}" for k in range(len(middle))] + [f"X{k}" for k in range(len(extra))]
    nodes = [
        ("S", "start", "Application received"),
        ("R", "userTask", "Receive the application"),
        *((f"M{k}", "userTask", m) for k, m in enumerate(middle)),
        ("D", "userTask", "Decide on the licence"),
        *((f"X{k}", "userTask", x) for k, x in enumerate(extra)),
        ("E", "end", "Licence issued"),
    ]
    order = ["S", "R", *ids[: len(middle)], "D", *ids[len(middle) :], "E"]
    return model(nodes, chain=" ".join(order))


def test_the_head_is_the_first_word_as_matching_reads_it() -> None:
    labels = [
        "Consultation and public notice period (28 days)",
        "E-consult Police (PLO)",
        "Completeness review",
    ]
    lex = Lexicon.build(builtin_synonyms(), labels, language="en")
    heads = [head_terms(lex, Step(f"T{k}", x, "task", "task"), "en") for k, x in enumerate(labels)]
    assert heads == [frozenset({"consult"}), frozenset({"consult"}), frozenset({"complet"})]


def test_one_coarse_step_stands_for_the_steps_that_share_its_head() -> None:
    coarse = _licensing("Consultation and public notice period (28 days)")
    fine = _licensing(
        "E-consult Police (PLO)", "E-consult FRS", "E-consult Planning (hours)", "Site visit on the premises"
    )
    d = diff_models(coarse, fine, language="en")
    heads = [(m.a, m.b) for m in d.matches if m.how == HEAD]
    assert heads == [(("M0",), ("M0", "M1", "M2"))]
    # the site visit lost the place it was asked about by; it still asks about the consultation
    [visit] = [u for u in d.uncertain if u.step == "M3"]
    assert [c.ids for c in visit.candidates] == [("M0",)]
    assert "matched by its head word" in visit.candidates[0].reasons[0]
    assert not [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]


def test_a_head_written_in_two_places_is_no_evidence() -> None:
    # "Send" starts a step left over after the decision too: which send is which is not said
    b = _licensing("Send fingerprints to the sheriff", "Send photographs to the newspaper")
    # written once in the place and nowhere else, even a light verb is read as the head (the
    # rule's weak side: these two sends are not parts of the plans sent)
    once = diff_models(_licensing("Send the plans to the fire marshal"), b, language="en")
    assert [(m.a, m.b) for m in once.matches if m.how == HEAD] == [(("M0",), ("M0", "M1"))]
    twice = _licensing("Send the plans to the fire marshal", extra=("Send the invoice",))
    d = diff_models(twice, b, language="en")
    assert not [m for m in d.matches if "M0" in m.a]


def test_a_noun_compound_or_a_swedish_label_is_not_read() -> None:
    # the weak side: a noun compound puts its head last ("Premises inspection"); the rule reads
    # the first word only, so the inspections are not joined by it
    d = diff_models(
        _licensing("Premises inspection"), _licensing("Inspect the kitchen", "Inspect the bar"), language="en"
    )
    assert not [m for m in d.matches if m.how == HEAD]
    # Swedish labels may put the subject or the object first: the rule is English only
    sv_a = _licensing("Remittering till myndigheter")
    sv_b = _licensing("Remittering polisen", "Remittering räddningstjänsten")
    assert not [m for m in diff_models(sv_a, sv_b, language="sv").matches if m.how == HEAD]
