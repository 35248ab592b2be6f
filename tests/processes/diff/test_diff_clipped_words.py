"""A clipped word written with a period that has no one reading over both models ("kompl."
where they write komplett, komplettering and kompletthetsgranskning) is read by the label it
is compared with (abbreviations.clipped_readings, labelsim; bench/RESULTS-matching.md
"Branch many77")."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.abbreviations import clipped_readings, expand
from processes.diff.labelsim import label_matrix, label_similarity
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.model import Definitions

# p76's vocabulary: the words beginning with "kompl" have three readings, none a majority
_LABELS = ("Begära kompl.", "Kompl. inkommen", "Kompletthetskontroll (bilagor)",
           "Begär komplettering (svarsfrist 14 dgr)", "Komplettering in", "Kompletthetsgranskning (handlingar)")


def _lex(*labels: str, language: str = "sv") -> Lexicon:
    return Lexicon.build(builtin_synonyms(), labels, language=language)


def test_a_clipped_word_without_one_reading_reads_as_the_words_it_begins() -> None:
    lex = _lex(*_LABELS)
    assert expand(lex, "Begära kompl.", "sv") == "Begära kompl."  # no one reading for all labels
    # komplettering whole (a synonym-list word); of kompletthets|granskning only the part it reaches
    assert clipped_readings(lex, "sv") == {"kompl": frozenset({"=komplettering", "=komplett"})}


def test_the_other_label_chooses_the_reading() -> None:
    lex = _lex(*_LABELS)
    assert label_similarity(lex, "Begära kompl.", "Begär komplettering") == 1.0
    assert label_similarity(lex, "Kompl. inkommen", "Komplettering inkommen") == 1.0
    # against the completeness check it shares one term, not the check itself
    assert label_similarity(lex, "Begära kompl.", "Kompletthetsgranskning") == 0.5
    # the matrix reads it as the single comparison does, both ways
    a, b = ["Begära kompl.", "Kompl. inkommen"], ["Begär komplettering", "Komplettering inkommen"]
    assert label_matrix(lex, a, b, weighted=False).tolist() == [[1.0, 0.5], [0.5, 1.0]]
    assert label_matrix(lex, b, a, weighted=False).tolist() == [[1.0, 0.5], [0.5, 1.0]]


def test_what_is_no_clipped_word_is_left_alone() -> None:
    lex = _lex("Remisser ut (polis m.fl.)", "s.17 app recd (GOV.UK)", "Fördela till handl.", "Kap. 8 prövning",
               "Flerfaldiga remisser", "Governance", "Handläggaren utreder", "Kapitel 8")
    assert lex.clipped == frozenset({"handl", "kap"})  # "m.fl.", "s.17", "GOV.UK": no word then a period
    # handl is a synonym-list word, read by the list; kap. has one reading, which expand spells out
    assert expand(lex, "Kap. 8 prövning", "sv") == "kapitel 8 prövning"
    assert clipped_readings(lex, "sv") == {}
    # a word no label begins with it: unchanged
    lex = _lex("Begära kompl.", "Begär in det som saknas")
    assert clipped_readings(lex, "sv") == {}
    assert label_similarity(lex, "Begära kompl.", "Begär in det som saknas") < 1.0


def test_an_english_clipped_word_with_a_period() -> None:
    lex = _lex("Site insp.", "Site inspection", "Inspector's report", language="en")
    assert label_similarity(lex, "Site insp.", "Site inspection") == 1.0


def test_the_matcher_pairs_the_request_and_the_answer() -> None:
    def chain(labels: tuple[str, str, str]) -> Definitions:
        check, ask, answer = labels
        nodes = [("S", "start", "Ansökan in via e-tjänsten"), ("K", "userTask", check),
                 ("X", "xor", "Komplett?"), ("B", "sendTask", ask), ("I", "message", answer),
                 ("R", "userTask", "Remiss till polisen"), ("E", "end", "Ärendet avslutat")]
        return model(nodes, [("S", "K"), ("K", "X"), ("X", "R"), ("X", "B"), ("B", "I"), ("I", "K"), ("R", "E")])

    d = diff_models(chain((_LABELS[2], _LABELS[0], _LABELS[1])), chain((_LABELS[5], _LABELS[3], _LABELS[4])))
    pairs = {(m.a, m.b) for m in d.matches}
    assert {(("B",), ("B",)), (("I",), ("I",))} <= pairs
    assert not [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]
