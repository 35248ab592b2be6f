"""The applicant's and the office's voice (voice.py, subjects.PARTIES, the pronouns among
the stop words): "Du får läsa och kommentera", "Vi ber dig komplettera", "Du får beslutet"
say the work in another word than the first verb."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.labelsim import label_similarity
from processes.diff.matchtypes import what
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step
from processes.diff.voice import as_active


def _what(label: str, *others: str) -> str:
    lex = Lexicon.build(builtin_synonyms(), [label, *others])
    return what(lex, Step("T", label, "task", "task"), "sv")


def test_permission_request_and_receiving_put_the_work_first() -> None:
    assert as_active("Sökanden får yttra sig", "sv") == "yttra sig"
    assert as_active("Polisen får yttra sig", "sv") == "Polisen yttra sig"  # a named body stays
    assert as_active("Vi ber dig komplettera", "sv") == "begär komplettera"
    assert as_active("Handläggaren ber sökanden svara", "sv") == "Handläggaren ber sökanden svara"
    assert as_active("Du får beslutet", "sv") == "skicka beslutet till sökanden"
    assert as_active("Nämnden får ärendet", "sv") == "Nämnden får ärendet"
    assert as_active("Du får beslutet", "en") == "Du får beslutet"


def test_the_matcher_reads_the_voice() -> None:
    # without voice.py "Sökanden" and "får" stay (får is receiving), and "ber" is a word
    assert _what("Sökanden får yttra sig") == "yttra sig"
    assert _what("Vi ber dig komplettera") == "begär komplettera"
    assert _what("Du får beslutet med posten") == "delge med posten till sökanden"


def test_the_second_person_is_a_party_and_pronouns_are_stop_words() -> None:
    assert _what("Du kompletterar din ansökan") == "kompletterar din ansökan"
    lex = Lexicon.build(builtin_synonyms(), ["kompletterar din ansökan", "Komplettering av ansökan"])
    assert label_similarity(lex, "kompletterar din ansökan", "Komplettering av ansökan") == 1.0
    lex = Lexicon.build(builtin_synonyms(), ["Polisen lämnar yttrande", "Yttrande från polisen"])
    assert label_similarity(lex, "Polisen lämnar yttrande", "Yttrande från polisen") == 1.0  # light verb
    lex = Lexicon.build(builtin_synonyms(), ["Vi kommer på besök", "Besök"])
    assert label_similarity(lex, "Vi kommer på besök", "Besök") == 1.0  # and another


def test_a_web_page_in_the_applicants_voice_pairs_with_an_officers_model() -> None:
    a = linear(["Ta emot ansökan", "Vi ber dig komplettera", "Sökanden får yttra sig", "Beslut"], prefix="A")
    b = linear(["Ta emot ansökan", "Begär komplettering", "Yttrande", "Beslut"], prefix="B")
    pairs = {(m.a, m.b) for m in diff_models(a, b).matches}
    assert (("A1",), ("B1",)) in pairs
    assert (("A2",), ("B2",)) in pairs
