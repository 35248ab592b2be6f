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


# -- the second blind pass (branch many22): registers the first pass missed


def test_second_pass_swedish_registers_name_their_stage() -> None:
    # a mailing ("utskick"), the registry's acknowledgement, the applicant's receipt of the
    # decision, a committee meeting, a supervision test purchase, a written-off case
    labels = ["Utskick av beslut", "Mottagningsbekräftelse skickas", "Sökanden tar emot beslutet",
              "Sammanträde", "Kontrollköp", "Ärendet avskrivs", "Inkommen avgift"]
    assert stages(labels, "sv") == ["notice", "intake", "notice", "decision", "follow-up", "closure", "fees"]


def test_second_pass_english_registers_name_their_stage() -> None:
    # a phrase that holds two stages' words is listed whole: "refer to committee" is the
    # decision (not a referral), "fee received" a fee (not intake), "reference number" intake
    labels = ["Refer to committee", "Fee received", "Create case, reference number", "DBS check",
              "Test purchase", "Application withdrawn", "Notify outcome"]
    assert stages(labels, "en") == ["decision", "fees", "intake", "investigation", "follow-up", "closure", "notice"]


def test_second_pass_leaves_a_label_of_two_stages_without_one() -> None:
    # the weak cases: a mailing of remisser and a decision is still two stages, and a word
    # the pass left out on purpose ("justera": adjust, or sign the minutes) names none
    labels = ["Utskick av remisser och beslut", "Justera uppgifter"]
    assert stages(labels, "sv") == [None, None]
    assert stages(["Receive decision and invoice"], "en") == [None]


def test_a_remembered_answer_is_used_only_for_the_stage_list_it_was_found_with() -> None:
    """The lexicon's memo keys a stage list by id(); an id is reused once its object is gone, so the answer is
    kept with its object and checked (found by the determinism review, 2026-12-06: it was not)."""
    lex = Lexicon.build(builtin_synonyms(), ["Platsbesök"], language="sv")
    mine = parse_stages({"stages": [{"name": "visit", "sv": ["platsbesök"], "en": ["site visit"]}]}, source="s.yaml")
    gone = parse_stages({"stages": [{"name": "other", "sv": ["platsbesök"], "en": ["site visit"]}]}, source="t.yaml")
    lex._memo[("stage", "Platsbesök", "sv", id(mine))] = (gone, "other")  # what a dead object's id would leave
    assert stage_of(lex, "Platsbesök", stages=mine) == "visit"
    assert stage_of(lex, "Platsbesök", stages=mine) == "visit"  # and now remembered with its own list
