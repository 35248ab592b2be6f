"""The stage of a permit case a step's label names (stages.py, stages.yaml)."""

from __future__ import annotations

import pytest

from processes.diff.stages import builtin_stages, parse_stages, stage_of
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.errors import InputError


def stages(labels: list[str], language: str) -> list[str | None]:
    lex = Lexicon.build(builtin_synonyms(), labels, language=language)
    return [stage_of(lex, x) for x in labels]


def test_swedish_labels_name_their_stage_in_any_register() -> None:
    labels = ["Diarieföring", "Ansökan registreras", "Begär komplettering", "Polisremiss",
              "Remissvar inkommer", "Platsbesök", "Första kunskapsprovet", "Nämnden beslutar"]
    assert stages(labels, "sv") == ["intake", "intake", "completeness", "referrals",
                                    "referrals", "investigation", "knowledge test", "decision"]


def test_english_labels_name_their_stage() -> None:
    labels = ["Receive application", "Request missing information", "Consult responsible authorities",
              "Representations received", "Inspect premises", "Licensing sub-committee hearing",
              "Issue licence", "Pay fee"]
    assert stages(labels, "en") == ["intake", "completeness", "referrals", "referrals",
                                    "investigation", "decision", "notice", "fees"]


def test_a_phrase_outranks_the_word_inside_it_and_two_stages_give_none() -> None:
    # "meddela beslut" is listed as a notice: its terms hold the decision word's
    labels = ["Meddela beslut", "Skicka beslut och faktura", "Kontrollera ansökan"]
    assert stages(labels, "sv") == ["notice", None, None]


def test_every_stage_has_words_in_both_languages_and_no_word_in_two_stages() -> None:
    st = builtin_stages()
    for lang in ("sv", "en"):
        assert {s for s, _ in st.words_of(lang)} == set(st.names)
        lex = Lexicon.build(builtin_synonyms(), [], language=lang)
        claims: dict[frozenset[str], set[str]] = {}
        for s, w in st.words_of(lang):
            claims.setdefault(frozenset(lex.terms(w, lang)), set()).add(s)
        assert [sorted(t) for t, named in claims.items() if len(named) > 1] == []


def test_a_malformed_stage_list_names_the_entry() -> None:
    with pytest.raises(InputError, match="unknown key 'fr'") as err:
        parse_stages({"stages": [{"name": "intake", "sv": ["registrera"]}, {"name": "x", "fr": []}]}, source="s.yaml")
    assert err.value.path == "stages[1]" and err.value.file == "s.yaml"
    with pytest.raises(InputError, match="named twice"):
        parse_stages({"stages": [{"name": "intake"}, {"name": "intake"}]})
