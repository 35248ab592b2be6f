"""Numbered duplicates of any step: a numbered run in one model ("Skicka påminnelse",
"Skicka påminnelse 2") is one correspondence with the other model's one step of that stem, or
pairs with its run number by number (numbered.py; bench/RESULTS-matching.md "Branch many39")."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.numbered import numbered_runs, stem_and_number
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view


def test_the_reader_splits_a_label_into_its_stem_and_number() -> None:
    assert [stem_and_number(x) for x in ["Påminnelse 2", "Andra kontrollen", "Second reminder", "Remiss"]] == [
        (("påminnelse",), "2"), (("kontrollen",), "2"), (("reminder",), "2"), (("remiss",), None),
    ]
    assert stem_and_number("Remiss 1 av 2") is None and stem_and_number("2") is None


def test_a_run_needs_two_steps_of_one_stem_with_distinct_numbers_and_leaves_the_test_alone() -> None:
    labels = ["Påminnelse", "Påminnelse 2", "Kunskapsprov 1", "Kunskapsprov 2", "Remiss", "Remiss"]
    lex = Lexicon.build(builtin_synonyms(), labels, language="sv")
    runs = numbered_runs(lex, build_view(linear(labels)), "sv")
    assert runs == {("activity", ("påminnelse",)): (("T0", "1"), ("T1", "2"))}


def test_a_numbered_run_joins_the_other_models_one_step_of_its_stem() -> None:
    # on main "Skicka påminnelse 2" is reported as only in B
    d = diff_models(linear(["Registrera ansökan", "Skicka påminnelse", "Vänta på svar", "Fatta beslut"]),
                    linear(["Registrera ansökan", "Skicka påminnelse", "Vänta på svar", "Skicka påminnelse 2",
                            "Fatta beslut"]))
    assert (("T1",), ("T1", "T3"), "numbered") in [(m.a, m.b, m.how) for m in d.matches]
    assert d.uncertain == () and not [x for x in d.differences if x.kind.startswith("only")]


def test_two_unnumbered_steps_of_the_stem_are_no_partner_for_the_run() -> None:
    # the weak case: A says "Skicka påminnelse" twice with no number; which is the run's is not
    # read, so each pairs by label and place as on main
    d = diff_models(linear(["Registrera ansökan", "Skicka påminnelse", "Vänta på svar", "Skicka påminnelse",
                            "Fatta beslut"]),
                    linear(["Registrera ansökan", "Skicka påminnelse", "Vänta på svar", "Skicka påminnelse 2",
                            "Fatta beslut"]))
    pairs = [(m.a, m.b, m.how) for m in d.matches]
    assert (("T1",), ("T1",), "auto") in pairs and (("T3",), ("T3",), "auto") in pairs
    assert not [m for m in d.matches if m.how == "numbered"]


def test_another_stem_is_not_a_run_partner_and_stays_uncertain() -> None:
    # "Send reminder" is not the stem "reminder": the second reminder stays a question
    d = diff_models(linear(["Register application", "Send reminder", "Wait for answer", "Decide"]),
                    linear(["Register application", "Reminder 1", "Wait for answer", "Second reminder", "Decide"]))
    assert not [m for m in d.matches if m.how == "numbered"]
    assert [(u.side, u.step) for u in d.uncertain] == [("b", "T3")]
