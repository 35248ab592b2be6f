"""English office contractions read as the participle they stand for (contractions.py):
"Police report rec'd", "Docs chk'd"."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.abbreviations import expand
from processes.diff.contractions import read_contractions, reading
from processes.diff.labelsim import label_similarity
from processes.diff.matchtypes import what
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def _en(*labels: str) -> Lexicon:
    return Lexicon.build(builtin_synonyms(), labels, language="en")


def test_a_contraction_reads_as_the_participle_the_labels_write() -> None:
    lex = _en("Police report rec'd", "Certificate received", "Check application")
    assert read_contractions(lex, "Police report rec'd (vetting)") == "Police report received (vetting)"
    assert read_contractions(lex, "DLC decision rec’d") == "DLC decision received"  # a typographic apostrophe
    # no label writes a participle of "check": the clerical list's one fitting word
    assert reading(lex, "chk") == "checked"
    assert expand(lex, "Docs chk'd", "en") == "Docs checked"


def test_a_contraction_with_two_readings_or_none_stays() -> None:
    # "received" and "recorded" both fit "rec'd": no guess
    lex = _en("Police report rec'd", "Certificate received", "Objection recorded")
    assert read_contractions(lex, "Police report rec'd") == "Police report rec'd"
    # a base form is no participle: from the list, "req'd" is requested or required
    lex = _en("Form req'd", "Request missing information")
    assert read_contractions(lex, "Form req'd") == "Form req'd"
    assert reading(lex, "zq") is None
    # possessives and Swedish labels are not read
    assert read_contractions(lex, "Inspector's report") == "Inspector's report"
    assert expand(_en("Ansökan rec'd", "Ansökan received"), "Ansökan rec'd", "sv") == "Ansökan rec'd"


def test_the_matcher_compares_the_read_participle() -> None:
    labels = ["Application rec'd", "Application received", "Application recorded"]
    lex = _en(*labels[:2])
    a, b = (what(lex, Step(f"T{k}", x, "task", "task"), "en") for k, x in enumerate(labels[:2]))
    assert label_similarity(lex, a, b) == 1.0
    lex = _en(*labels)
    a, b = (what(lex, Step(f"T{k}", x, "task", "task"), "en") for k, x in enumerate(labels[:2]))
    assert label_similarity(lex, a, b) < 1.0


def _checklist(*steps: str) -> object:
    nodes = [
        ("S", "start", "Start"),
        *((f"T{k}", "userTask", s) for k, s in enumerate(steps)),
        ("E", "end", "Done"),
    ]
    return model(nodes, chain=" ".join(["S", *(f"T{k}" for k in range(len(steps))), "E"]))


def test_the_diff_pairs_a_contracted_step() -> None:
    # drawn in another order, beside "Fee refunded": read as "rec", "Fee rec'd" is left uncertain
    d = diff_models(
        _checklist("Fee rec'd", "Plan chk'd", "Fee refunded"),
        _checklist("Plan checked", "Fee received", "Fee refunded"),
    )
    assert {(m.a, m.b) for m in d.matches} >= {(("T0",), ("T1",)), (("T1",), ("T0",)), (("T2",), ("T2",))}
    assert not d.uncertain
    assert not [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]
