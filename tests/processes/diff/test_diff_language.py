"""Labels in Swedish and English: roots, nominalisations, numbers, language detection, thesaurus."""

from __future__ import annotations

import pytest

from processes.diff.labelsim import label_matrix, label_similarity
from processes.diff.language import detect_language, word_root
from processes.diff.synonyms import Synonyms, builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.thesaurus import parse_mythes


def lexicon(*labels: str, language: str = "auto") -> Lexicon:
    return Lexicon.build(builtin_synonyms(), labels, language=language)


@pytest.mark.parametrize(
    "a,b",
    [
        ("Registrering av ansökan", "Registrera ansökan"),  # nominalisation -ering / verb -era
        ("Ansökan registreras", "Registrera ansökan"),  # passive voice
        ("Granskning av ansökan", "Granska ansökan"),  # -ning / infinitive -a
        ("Utredning", "Handläggaren utreder"[len("Handläggaren ") :]),  # utreder ~ utredning
        ("Inspektion av lokalen", "Besök serveringsstället"),  # domain synonyms
        ("Första kunskapsprovet", "Kunskapsprov 1"),  # an ordinal is its number
    ],
)
def test_swedish_forms_of_one_step_score_one(a: str, b: str) -> None:
    assert label_similarity(lexicon(a, b), a, b) == 1.0


@pytest.mark.parametrize(
    "a,b",
    [
        ("Evaluation of application", "Evaluate application"),
        ("Rejection", "Rejected"),
        ("Checking documents", "Check document"),
    ],
)
def test_english_forms_of_one_step_score_one(a: str, b: str) -> None:
    assert label_similarity(lexicon(a, b, language="en"), a, b) == 1.0


def test_numbered_duplicates_are_alike_but_told_apart() -> None:
    lex = lexicon("Kunskapsprov 1", "Kunskapsprov 2")
    assert 0.5 <= label_similarity(lex, "Kunskapsprov 1", "Kunskapsprov 2") < 1.0
    # a number a tool glued to a word is not part of the name
    assert label_similarity(lex, "Checking for completeness2", "Checking for completeness") == 1.0


def test_roots_join_a_verb_and_its_nominalisation() -> None:
    assert {word_root(w, "sv") for w in ("registrering", "registrera", "registreras")} == {"registr"}
    assert word_root("utredning", "sv") == word_root("utreda", "sv") == "utred"
    assert word_root("evaluation", "en") == word_root("evaluate", "en") == "evalu"


def test_the_language_is_detected_per_set_of_labels() -> None:
    assert detect_language(["Send letter of acceptance", "Check documents"]) == "en"
    assert detect_language(["Registrera ansökan i diariet", "Utredning"]) == "sv"
    assert detect_language(["Skicka remiss", "Beslut"]) == "sv"  # å/ä/ö-less but not English either


def test_a_word_common_to_many_labels_of_a_model_weighs_less() -> None:
    labels_a = ["Granska ansökan", "Registrera ansökan", "Arkivera ansökan"]
    labels_b = ["Granska underlag"]
    lex = lexicon(*labels_a, *labels_b)
    sim = label_matrix(lex, labels_a, labels_b)
    # "granska" is shared; "ansökan" is in every label of A, so missing it costs less than 1/2
    assert sim[0, 0] > label_similarity(lex, "Granska ansökan", "Granska underlag") == 0.5


def test_the_thesaurus_adds_synonyms_read_from_mythes_data() -> None:
    dat = b"UTF-8\nevaluate|1\n(verb)|assess|appraise|judge (generic term)\nassess|1\n(verb)|evaluate\n"
    offsets = [dat.index(b"evaluate|"), dat.index(b"assess|")]
    idx = f"UTF-8\n2\nevaluate|{offsets[0]}\nassess|{offsets[1]}\n".encode()
    thesaurus = parse_mythes(dat, idx, ["evaluate", "assess"], lang="en")
    assert thesaurus.related("evalu", "assess", "en")
    assert not thesaurus.related("evalu", "judg", "en")  # a broader ("generic") term is not a synonym
    lex = Lexicon.build(Synonyms(), ["Evaluate application", "Assess application"], language="en", thesaurus=thesaurus)
    assert label_similarity(lex, "Evaluate application", "Assess application") == 0.9  # (0.8 + 1 + 0.8 + 1) / 4
    plain = Lexicon.build(Synonyms(), ["Evaluate application", "Assess application"], language="en")
    assert label_similarity(plain, "Evaluate application", "Assess application") == 0.5


def test_no_thesaurus_is_read_when_the_system_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    from bpmn_io.lexical import available_thesauri, system_thesaurus

    monkeypatch.setenv("PERMITFLOW_MYTHES", "none")
    assert available_thesauri() == {}
    assert system_thesaurus({"sv": ["Granska ansökan"]}).roots == {}
