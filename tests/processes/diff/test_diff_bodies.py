"""A body named in a step of a lane that lists several bodies stays in the label
(bodies.py): "Polisen lämnar sitt yttrande" in the lane "Polisen och andra myndigheter" is
the police's answer, not any body's."""

from __future__ import annotations

from processes.diff.bodies import names_one_of
from processes.diff.matchtypes import what
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def test_a_list_lane_keeps_the_body_a_step_names() -> None:
    lane = "Polisen och andra myndigheter"
    lex = Lexicon.build(builtin_synonyms(), [lane, "Polisen lämnar sitt yttrande", "Yttrande Polis"])
    assert names_one_of(lex, lane, ["Polisen"], "sv")
    assert not names_one_of(lex, "Socialnämnden", ["Socialnämnden"], "sv")
    assert not names_one_of(lex, "Miljö- och hälsoskyddsnämnden", ["hälsoskyddsnämnden"], "sv")
    step = Step("T", "Polisen lämnar sitt yttrande", "task", "user", lane)
    assert what(lex, step, "sv") == "Polisen lämnar sitt yttrande"


def test_a_lane_of_one_body_still_leaves_its_own_name_out() -> None:
    lex = Lexicon.build(builtin_synonyms(), ["Nämnden", "Beslut i nämnden"])
    assert what(lex, Step("T", "Beslut i nämnden", "task", "user", "Nämnden"), "sv") == "Beslut i"
