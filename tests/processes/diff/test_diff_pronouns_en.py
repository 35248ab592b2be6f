"""English personal pronouns are stop words, as the Swedish ones are (language.STOPWORDS):
"send us the missing documents" is "send missing documents", "hears you and the objectors" is
about a hearing and objectors, not about "you"."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.labelsim import label_similarity
from processes.diff.language import STOPWORDS, detect_language
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon


def _en(*labels: str) -> Lexicon:
    return Lexicon.build(builtin_synonyms(), labels, language="en")


def _checklist(*steps: str) -> object:
    nodes = [
        ("S", "start", "Start"),
        *((f"T{k}", "userTask", s) for k, s in enumerate(steps)),
        ("E", "end", "Done"),
    ]
    return model(nodes, chain=" ".join(["S", *(f"T{k}" for k in range(len(steps))), "E"]))


def test_the_personal_pronouns_are_english_stop_words() -> None:
    pronouns = {"you", "we", "us", "they", "them", "i", "me", "he", "she", "him", "her", "it"}
    assert pronouns <= STOPWORDS["en"]
    # the Swedish list keeps its own: "us" and "he" are no Swedish words
    assert not {"you", "us", "them", "he"} & STOPWORDS["sv"]


def test_a_label_in_the_applicants_voice_has_the_terms_of_the_officers() -> None:
    for a, b in (
        ("Send us the missing documents", "Send missing documents"),
        ("We ask you for the missing information", "Ask for missing information"),
        ("They inspect the premises", "Inspect premises"),
    ):
        assert label_similarity(_en(a, b), a, b) == 1.0


def test_a_pronoun_is_not_read_as_whom_it_stands_for() -> None:
    # the weak cases: "them" is not "applicant", and with "you" gone "hears" still only
    # shares its stem with "hearing"
    a, b = "Tell them the decision", "Tell applicant decision"
    assert label_similarity(_en(a, b), a, b) < 1.0
    a, b = "The committee hears you and the objectors", "Hold licensing hearing"
    assert label_similarity(_en(a, b), a, b) < 0.5
    d = diff_models(
        _checklist("Lodge application", "Pay the fee", "The committee hears you and the objectors"),
        _checklist("Hold licensing hearing", "Lodge application", "Pay fee"),
    )
    assert {(m.a, m.b) for m in d.matches} >= {(("T0",), ("T1",)), (("T1",), ("T2",))}
    assert {(u.side, u.step) for u in d.uncertain} == {("a", "T2"), ("b", "T0")}


def test_a_swedish_i_does_not_make_a_model_english() -> None:
    # "i" is a stop word of both languages now: a tie is Swedish
    assert detect_language(["Registrera inkommen handling i diariet"]) == "sv"
    assert detect_language(["Send us documents", "Pay fee"]) == "en"
