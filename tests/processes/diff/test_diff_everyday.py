"""Everyday Swedish read as office wording before the synonym list (processes/diff/everyday.py)."""

from __future__ import annotations

import dataclasses

import pytest

from processes.diff.everyday import builtin_everyday, parse_everyday, rewrite
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.errors import InputError

SYN = builtin_synonyms()


def terms(*labels: str, language: str = "sv") -> list[tuple[str, ...]]:
    lex = Lexicon.build(SYN, labels, language=language)
    return [lex.terms(label) for label in labels]


def test_irregular_past_reads_as_present():
    said, office = terms("Vi skrev kunskapsprovet", "Kunskapsprovet skrivs")
    assert said == office == ("=kunskapsprov", "=skriva")
    assert rewrite("vi fick beslutet", SYN) == "vi beslut skickas"


def test_everyday_decision_reads_as_decision():
    assert rewrite("nämnden sa ja", SYN) == "nämnden bifall"
    assert rewrite("klartecken från nämnden", SYN) == "bifall från nämnden"
    assert terms("Nämnden sa ja")[0] == ("=besluta", "=nämnd")


def test_single_word_only_in_its_listed_forms():
    # "rättigheter" is listed; "rätta" shares its Snowball root "rätt" and must stay itself
    assert rewrite("krogen ska ha rättigheter", SYN) == "krogen ska ha serveringstillstånd"
    assert rewrite("rätta provet", SYN) == "rätta provet"
    assert rewrite("godkänt prov", SYN) == "godkänt prov"


def test_synonym_phrase_as_long_wins():
    assert rewrite("kommunicera beslutet till sökanden", SYN) == "kommunicera beslutet till sökanden"
    assert rewrite("kommunicera utredningen", SYN) == "tillfälle att yttra sig utredningen"
    assert rewrite("grejerna har kommit", SYN) == "grejerna har kommit"  # "har kommit" kept for the list


def test_office_subject_dropped_only_first_and_not_alone():
    assert rewrite("kommunen kikar på lokalen", SYN) == "kikar på lokalen"
    assert rewrite("kommunen", SYN) == "kommunen"
    assert rewrite("beslut skickas till kommunen", SYN) == "beslut skickas till kommunen"
    assert rewrite("handläggaren beslutar på delegation", SYN) == "handläggaren beslutar på delegation"


def test_light_verb_dropped_when_another_word_follows():
    assert rewrite("fixa platsbesöket", SYN) == "platsbesöket"
    assert rewrite("fixa", SYN) == "fixa"


def test_question_before_a_body_is_a_request():
    assert rewrite("vi frågar polisen och skatteverket", SYN) == "vi remiss till polisen och skatteverket"
    # a question not before a body is no request (regular past forms need no entry: they share the root)
    assert rewrite("handläggaren ringde och frågade om bilagorna", SYN) == "handläggaren ringde och frågade om bilagorna"


def test_wait_before_a_body_only_when_a_list_gives_it_and_the_answer_is_not_said():
    assert rewrite("vänta på polisen", SYN) == "vänta på polisen"  # the shipped list has no wait
    waiting = dataclasses.replace(builtin_everyday(), waits=frozenset({"invänta"}))
    assert rewrite("vänta på polisen", SYN, waiting) == "vänta på yttrande från polisen"
    assert rewrite("invänta polisens yttrande", SYN, waiting) == "invänta polisens yttrande"


def test_english_labels_untouched():
    said, plain = terms("Police sa yes", "Police sa yes", language="en")
    assert said == plain == ("polic", "sa", "yes")  # "sa" is not read as "säger" in English


def test_bad_entry_names_its_place():
    with pytest.raises(InputError, match=r"phrases\[0\]"):
        parse_everyday("phrases:\n  - {means: kunskapsprov}\n", source="x.yaml")
    with pytest.raises(InputError, match="unknown key 'words'"):
        parse_everyday("words: [a]\n", source="x.yaml")
