"""English personal pronouns are stop words (branch many50's rule 2, many43's without "i")."""

from __future__ import annotations

from processes.diff.labelsim import bag_similarity
from processes.diff.language import STOPWORDS, detect_language
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon

PRONOUNS = "you we us they them me he she him".split()


def _alike(lex: Lexicon, a: str, b: str) -> float:
    return bag_similarity(lex, lex.terms(a, "en"), lex.terms(b, "en"), "en")


def test_the_pronouns_are_english_stop_words_only() -> None:
    assert set(PRONOUNS) <= STOPWORDS["en"]
    assert "i" not in STOPWORDS["en"]
    assert not set(PRONOUNS) & STOPWORDS["sv"]
    assert detect_language(["Handläggaren granskar ansökan i ärendet"]) == "sv"


def test_a_label_in_the_first_person_reads_as_the_office_imperative() -> None:
    lex = Lexicon.build(
        builtin_synonyms(), ["We check your application", "They inspect the premises"], language="en"
    )
    assert lex.terms("We check your application", "en") == lex.terms("Check application", "en")
    assert _alike(lex, "They inspect the premises", "Inspect premises") == 1.0


def test_a_pronoun_is_not_read_as_whom_it_stands_for() -> None:
    lex = Lexicon.build(
        builtin_synonyms(), ["Tell them the decision", "Tell applicant decision"], language="en"
    )
    assert 0.0 < _alike(lex, "Tell them the decision", "Tell applicant decision") < 1.0
