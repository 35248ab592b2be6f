"""How and by which channel a step is done weighs little in a label (channels.py, labelsim.py):
"Kunskapsprov digitalt" is "Kunskapsprov på papper"; two channels still tell labels apart."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.channels import channel_word, channels_of, read_channels
from processes.diff.labelsim import label_similarity
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon


def _lexicon(*labels: str) -> Lexicon:
    return Lexicon.build(builtin_synonyms(), labels, language="sv")


def test_channel_words_and_phrases_are_one_term_each() -> None:
    lex = _lexicon("Kunskapsprov på papper", "Kommunicering via Mina sidor", "Sökanden gör kunskapsprovet digitalt")
    assert lex.terms("Kunskapsprov på papper") == ("=kunskapsprov", "~paper")
    assert channels_of(lex.terms("Kommunicering via Mina sidor")) == ("digital",)
    assert channels_of(lex.terms("Sökanden gör kunskapsprovet digitalt")) == ("digital",)
    assert read_channels("beslut skickas by post", "en") == "beslut skickas ~post"


def test_words_of_another_meaning_are_not_channels() -> None:
    # listed as written, not by root: "personligen" is a manner, "person" is not
    assert [channel_word(w, "sv") for w in ("personligen", "person", "digitalt", "digitalisera")] == [
        "~in_person",
        None,
        "~digital",
        None,
    ]
    # "papper" alone is the application's documents (the synonym list), "på papper" the channel
    lex = _lexicon("Granska papper", "Kunskapsprov på papper")
    assert lex.terms("Granska papper") == ("=ansökan", "=granska")


def test_a_channel_weighs_a_quarter_of_a_word() -> None:
    lex = _lexicon("Kunskapsprov digitalt", "Kunskapsprov på papper", "Ansökan med posten", "Ansökan per post")
    # {kunskapsprov, ~digital} against {kunskapsprov, ~paper}: 2 of 2.5 (0.5 when a channel weighed 1)
    assert label_similarity(lex, "Kunskapsprov digitalt", "Kunskapsprov på papper") == 0.8
    assert label_similarity(lex, "Ansökan med posten", "Ansökan per post") == 1.0


def test_two_channels_still_tell_labels_apart() -> None:
    lex = _lexicon("Ansökan kommer med posten", "Ansökan kommer med mejl")
    assert label_similarity(lex, "Ansökan kommer med posten", "Ansökan kommer med mejl") == 0.8


def _chain(labels: list[str]) -> object:
    nodes = [("S", "start", "Ansökan inkommer"), ("R", "userTask", "Granska ansökan")]
    nodes += [(f"X{i}", "userTask", label) for i, label in enumerate(labels)]
    nodes += [("D", "userTask", "Fatta beslut"), ("E", "end", "Ärendet avslutat")]
    return model(nodes, chain=" ".join(["S", "R", *(f"X{i}" for i in range(len(labels))), "D", "E"]))


def test_the_test_taken_digitally_is_the_test_on_paper() -> None:
    # without the rule the two labels are 0.58 alike and both steps are left as questions
    d = diff_models(
        _chain(["Sökanden gör kunskapsprovet digitalt", "Platsbesök"]),
        _chain(["Platsbesök", "Kunskapsprov på papper i kommunhuset"]),
        language="sv",
    )
    assert sorted((m.a, m.b) for m in d.matches if m.a[0].startswith("X")) == [
        (("X0",), ("X1",)),
        (("X1",), ("X0",)),
    ]
    assert not d.uncertain


def test_who_is_told_weighs_more_than_how() -> None:
    # without the rule the one step is grouped with both; with it, with the one that tells the applicant
    d = diff_models(
        _chain(["Underrätta sökanden per telefon"]),
        _chain(["Underrätta polisen per telefon", "Underrätta sökanden via Mina sidor"]),
        language="sv",
    )
    assert [(m.a, m.b) for m in d.matches if m.a[0].startswith("X")] == [(("X0",), ("X1",))]
    # the weak case: a step that shares only the channel and the verb stays a question
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain] == [("b", "X0", [("X0",)])]


def test_a_second_test_in_another_manner_stays_a_question() -> None:
    d = diff_models(
        _chain(["Kunskapsprov digitalt", "Platsbesök"]),
        _chain(["Kunskapsprov på papper", "Platsbesök", "Kunskapsprov muntligt"]),
        language="sv",
    )
    assert [(m.a, m.b) for m in d.matches if m.a == ("X0",)] == [(("X0",), ("X0",))]
    assert [(u.side, u.step) for u in d.uncertain] == [("b", "X2")]
