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
    # nouns made from a verb by -else and -an
    assert word_root("underrättelse", "sv") == word_root("underrätta", "sv")
    assert word_root("begäran", "sv") == word_root("begära", "sv") == word_root("begär", "sv")
    assert word_root("ansökan", "sv") == word_root("ansöker", "sv")
    assert word_root("plan", "sv") == "plan"  # too short to be one


def test_finite_forms_and_participles_of_an_era_verb_reach_its_nominalisation() -> None:
    # "Registratorn arkiverar ärendet" / "Arkivering av akten"
    assert {word_root(w, "sv") for w in ("arkiverar", "arkiverade", "arkiverat", "arkivering", "arkivera")} == {"arkiv"}
    assert word_root("registrerar", "sv") == word_root("registrerades", "sv") == "registr"
    assert word_root("kompletterande", "sv") == word_root("komplettering", "sv")
    assert word_root("lärare", "sv") == "lär"  # no -era verb there: left alone


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


def _wordnet_files(synsets: list[tuple[str, list[str], list[tuple[str, int, str]]]]) -> tuple[dict[str, bytes], list[int]]:
    """WordNet ``data.<pos>`` bytes for synsets ``(pos, words, pointers (symbol, target synset
    number, source/target))``; offsets are fixed-width, so each line's length is known first."""
    header = b"  1 test data (license lines start with two spaces)\n"

    def line(k: int, offsets: list[int]) -> bytes:
        pos, words, pointers = synsets[k]
        ptrs = "".join(f" {sym} {offsets[t]:08d} {synsets[t][0]} {st}" for sym, t, st in pointers)
        words_text = " ".join(f"{w} 0" for w in words)
        return f"{offsets[k]:08d} 00 {pos} {len(words):02x} {words_text} {len(pointers):03d}{ptrs} | gloss\n".encode()

    offsets = [0] * len(synsets)
    at: dict[str, int] = {}
    for k, (pos, _, _) in enumerate(synsets):
        offsets[k] = at.get(pos, len(header))
        at[pos] = offsets[k] + len(line(k, offsets))
    files = {pos: header + b"".join(line(k, offsets) for k in range(len(synsets)) if synsets[k][0] == pos) for pos in at}
    return files, offsets


def test_wordnet_relates_synonyms_derivations_and_a_direct_hypernym_of_frequent_senses() -> None:
    from processes.diff.wordnet import WordNet, parse_exceptions, parse_index, wordnet_thesaurus

    # 0 assess/evaluate, 1 enroll, 2 matriculate (a kind of enrolling), 3 reject (a kind of
    # evaluating), 4 a rare sense of enroll shared with check; 5 assessment, 6 enrollment
    files, off = _wordnet_files(
        [
            ("v", ["assess", "evaluate"], [("+", 5, "0101")]),
            ("v", ["enroll"], [("+", 6, "0101")]),
            ("v", ["matriculate"], [("@", 1, "0000")]),
            ("v", ["reject"], [("@", 0, "0000")]),
            ("v", ["check", "enroll"], []),
            ("n", ["assessment"], [("+", 0, "0101")]),
            ("n", ["enrollment"], [("+", 1, "0101")]),
        ]
    )
    index_v = (
        "  1 license\n"
        f"assess v 1 1 + 1 0 {off[0]:08d}\nevaluate v 1 1 + 1 0 {off[0]:08d}\n"
        f"enroll v 2 1 + 2 0 {off[1]:08d} {off[4]:08d}\nmatriculate v 1 1 @ 1 0 {off[2]:08d}\n"
        f"reject v 1 1 @ 1 0 {off[3]:08d}\ncheck v 1 0 1 0 {off[4]:08d}\n"
    ).encode()
    index_n = f"  1 license\nassessment n 1 1 + 1 0 {off[5]:08d}\nenrollment n 1 1 + 1 0 {off[6]:08d}\n".encode()
    wn = WordNet(
        {"v": parse_index(index_v), "n": parse_index(index_n)},
        files,
        {"v": parse_exceptions(b"enrolled enroll\n"), "n": {}},
    )
    assert wn.base_forms("evaluated", "v") == ("evaluate",)
    assert wn.base_forms("assessments", "n") == ("assessment",)
    th = wordnet_thesaurus(wn, ["evaluate", "assess", "assessment", "enrollment", "matriculate", "check", "reject"])
    assert th.related("evalu", "assess", "en")  # one synset
    assert th.related("enrol", "matricul", "en")  # matriculate's hypernym is enroll's first sense
    assert th.related("reject", "evalu", "en")  # a direct hypernym
    assert not th.related("check", "enrol", "en")  # enroll's second sense is not a frequent one
    assert th.related("enrol", "enrol", "en") is False  # the same root is not listed as its own synonym


def test_the_system_wordnet_relates_a_nominalisation_to_a_synonym_verb() -> None:
    from bpmn_io.lexical import system_wordnet
    from processes.diff.wordnet import wordnet_thesaurus

    wn = system_wordnet()
    if wn is None:
        pytest.skip("Debian wordnet-base is not installed")
    th = wordnet_thesaurus(wn, ["enrollment", "matriculate", "wait", "waiting", "documents", "letter", "send"])
    assert th.related("enrol", "matricul", "en")
    assert not th.related("send", "letter", "en")
    lex = Lexicon.build(Synonyms(), ["Enrollment", "Matriculate"], language="en", thesaurus=th)
    assert label_similarity(lex, "Enrollment", "Matriculate") == 0.8


def test_no_wordnet_is_read_when_told_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from bpmn_io.lexical import system_thesaurus, system_wordnet

    monkeypatch.setenv("PERMITFLOW_WORDNET", "none")
    monkeypatch.setenv("PERMITFLOW_MYTHES", "none")
    assert system_wordnet() is None
    assert system_thesaurus({"en": ["Enrollment", "Matriculate"]}).roots == {}


def test_a_wordnet_index_is_searched_in_place_with_the_same_answers_as_a_full_parse() -> None:
    from processes.diff.wordnet import IndexFile, parse_index

    lines = [f"{w} v 1 1 @ 1 0 {k:08d}" for k, w in enumerate(sorted(["accept", "assess", "check", "enroll", "send", "zone"]))]
    data = ("  1 license line\n  2 another\n" + "\n".join(lines) + "\n").encode()
    index, full = IndexFile(data), parse_index(data)
    assert full["check"] == (2,)
    for word in [*full, "aardvark", "checks", "zzz", "b"]:
        assert index.get(word) == full.get(word)
        assert (word in index) == (word in full)


def test_a_swedish_particle_verb_is_read_as_its_compound() -> None:
    lex = lexicon("Hämta in yttranden från polisen", "Inhämta yttrande från polisen", "Utskick av remisser")
    assert lex.terms("Hämta in yttranden från polisen") == lex.terms("Inhämta yttrande från polisen")
    assert "utskick" in lex.terms("Skicka ut remisser")
    # a compound no label or synonym has: the particle is a stop word
    plain = lexicon("Skicka ut remisser", "Skicka remisser")
    assert plain.terms("Skicka ut remisser") == plain.terms("Skicka remisser")


def test_a_compound_in_an_verb_noun_splits_against_the_verb() -> None:
    # "begäran" reaches the root of "begär", so the compound splits at its linking -s-
    lex = lexicon("Kompletteringsbegäran", "Begär komplettering")
    assert lex.terms("Kompletteringsbegäran") == lex.terms("Begär komplettering")
