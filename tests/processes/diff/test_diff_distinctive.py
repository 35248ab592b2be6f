"""English steps each other's first question that alone name two words are one step
(distinctive.py; bench/RESULTS-matching.md "Branch many98", en-d1 e2/e3)."""

from __future__ import annotations

from pathlib import Path

from bpmn_io.loading import load_model
from processes.diff import diff_models
from processes.diff.distinctive import DISTINCTIVE

_EN = Path(__file__).resolve().parents[3] / "bench" / "matching" / "en"


def _diff(pair: str) -> object:
    return diff_models(load_model(_EN / pair / "a.yaml"), load_model(_EN / pair / "b.yaml"))


def test_two_words_only_they_name_make_one_step() -> None:
    # e3: the certificate check (each the other's only question, labels 0.41) and the record
    # check (labels 0.64) are asked about on main; each pair alone names two words in its models
    d = _diff("e3")
    pairs = {(m.a, m.b) for m in d.matches if m.how == DISTINCTIVE}
    assert pairs == {
        (("SVC_CheckRBS",), ("cp05b-server-certification",)),
        (("REF_RCMP",), ("cp05a-record-check",)),
    }
    assert any("only they name certif, manag" in n for n in d.notes)
    # the health referral shares one such word ("health") only: still a question
    assert any(u.step == "REF_Health" for u in d.uncertain)


def test_one_rare_word_is_not_enough() -> None:
    # e2: "Consultation and public notice period (28 days)" and "Calc 28-day period and diary LDR"
    # alone name "period" (one word): no pair, and the e-consultations are still asked about
    d = _diff("e2")
    assert not [m for m in d.matches if m.how == DISTINCTIVE]
    assert {"KB050_ConsultPolice", "KB052_ConsultFRS"} <= {u.step for u in d.uncertain if u.side == "b"}
