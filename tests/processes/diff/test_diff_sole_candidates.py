"""Two steps left over that are each other's only candidate, labels alike: one step
(solecandidates.py; bench/RESULTS-matching.md "Branch many81", sv-r21 p76)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.solecandidates import SOLE


def _visit_beside_the_remiss(visit: str, remiss: str = "Remiss Polisen", lang: str = "sv") -> object:
    """The site visit as a branch of the remiss block (Tallbacka's binder)."""
    words = {
        "sv": ("Ansökan in", "Diarieföra ansökan", "Utredning", "Beslut i AU", "Ärendet avslutat"),
        "en": (
            "Application received",
            "Register the application",
            "Assessment",
            "Committee decides",
            "Case closed",
        ),
    }[lang]
    nodes = [
        ("S", "start", words[0]), ("R", "userTask", words[1]), ("P", "and", ""), ("T", "sendTask", remiss),
        ("V", "manualTask", visit), ("J", "and", ""), ("U", "userTask", words[2]), ("D", "userTask", words[3]),
        ("E", "end", words[4]),
    ]  # fmt: skip
    return model(nodes, [("P", "T"), ("P", "V"), ("T", "J"), ("V", "J"), ("J", "U")], chain="S R P U D E")


def _visit_after_the_remiss(visit: str, remiss: str = "Remiss Polisen", lang: str = "sv") -> object:
    """The inspection of the premises after the remiss (Ekdala's walk-through)."""
    words = {
        "sv": ("Ansökan in", "Diarieföra ansökan", "Utredning", "Beslut i IU", "Avslutat"),
        "en": (
            "Application received",
            "Register the application",
            "Assessment",
            "Committee decides",
            "Closed",
        ),
    }[lang]
    nodes = [
        ("S", "start", words[0]), ("R", "userTask", words[1]), ("T", "sendTask", remiss), ("W", "manualTask", visit),
        ("U", "userTask", words[2]), ("D", "userTask", words[3]), ("E", "end", words[4]),
    ]  # fmt: skip
    return model(nodes, chain="S R T W U D E")


def _pairs(d: object) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return [(m.a, m.b, m.how) for m in d.matches if "V" in m.a]


def _asked(d: object) -> list[tuple[str, str, list[tuple[str, ...]]]]:
    return [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain]


def test_each_other_s_only_candidate_with_alike_labels_is_one_step() -> None:
    # without the rule both are asked about, each with the other as its one candidate (labels 0.36)
    d = diff_models(
        _visit_beside_the_remiss("Platsbesök med livsmedelsinspektören (kök, registrering)"),
        _visit_after_the_remiss("Besiktning av serveringsstället"),
    )
    assert _pairs(d) == [(("V",), ("W",), SOLE)]
    assert _asked(d) == []
    m = next(m for m in d.matches if m.how == SOLE)
    assert 0.3 <= m.label < 0.5
    assert any("each the other's only candidate" in n for n in d.notes)
    assert not [x for x in d.differences if x.kind.startswith("only")]


def test_labels_below_the_tier_s_bar_stay_a_question() -> None:
    # weak case: each the other's only candidate by their place (between the remiss and the
    # investigation in both), labels sharing nothing: still a question
    a = _visit_after_the_remiss("Kontroll av serveringslokal")
    d = diff_models(a, _visit_after_the_remiss("Gör platsbesök"))
    assert [(m.a, m.b) for m in d.matches if "W" in m.a] == []
    assert _asked(d) == [("a", "W", [("W",)]), ("b", "W", [("W",)])]


def test_english_pairs_stay_a_question() -> None:
    # the rule reads Swedish pairs only: on the English PMMC models such pairs are often two steps
    # (each the other's only candidate, labels 0.35 alike: paired in Swedish, asked in English)
    d = diff_models(
        _visit_beside_the_remiss("Premises visit (kitchen, registration)", "Consult the police", "en"),
        _visit_after_the_remiss("Inspection of the premises", "Consult the police", "en"),
    )
    assert _pairs(d) == []
    assert _asked(d) == [("a", "V", [("W",)]), ("b", "W", [("V",)])]
    assert [round(c.label, 2) for u in d.uncertain for c in u.candidates] == [0.35, 0.35]
