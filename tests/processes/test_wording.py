"""processes/wording.py: the one list joiner and the one table of quotation marks that the diff's
messages, the report's sentences and the web page's refusals share (each module had its own copy)."""

from __future__ import annotations

import pytest

from processes.wording import AND, QUOTES, listed, quoted
from report.assumptions import named_in_text
from report.valuewords import distribution_words
from web.levers import choices_words


@pytest.mark.parametrize(("items", "last", "said"), [
    ([], " and ", ""),
    (["Bjuv"], " and ", "Bjuv"),
    (["Bjuv", "Klippan"], " och ", "Bjuv och Klippan"),
    (("Bjuv", "Klippan", "Svalöv"), " och ", "Bjuv, Klippan och Svalöv"),  # no comma before "och" or "and"
    (["a", "b", "c", "d"], " or ", "a, b, c or d"),
])
def test_listed_joins_the_last_two_by_its_word_and_the_rest_by_commas(items, last, said) -> None:
    assert listed(items, last) == said


def test_quoted_writes_swedish_closing_marks_on_both_sides() -> None:
    assert (quoted("Beslut?", "en"), quoted("Beslut?", "sv")) == ("“Beslut?”", "”Beslut?”")
    assert AND == {"en": " and ", "sv": " och "} and set(QUOTES) == {"en", "sv"}


def test_the_report_and_the_web_page_say_lists_and_names_through_it() -> None:
    # what the callers that had their own copies gave before, word for word
    said = distribution_words({"dist": "empirical", "values": ["1d", "2d", "3d"]}, "sv")
    assert said == "en av 1 dag, 2 dagar eller 3 dagar, som observerat"
    assert choices_words(("committee", "chair", "officer"), "en") == "the committee, the chair or the case officer"
    assert choices_words((), "en") == ""
    assert named_in_text("efter Gw_Beslut", {"Gw_Beslut": "Beslut?"}, "sv") == "efter ”Beslut?”"
