"""report.jsontext.json_text writes the very text json.dumps(indent=1, ...) writes (summary.json's bytes);
json_plain says when reading that text back gives the document itself."""

from __future__ import annotations

import datetime
import json
import math
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.jsontext import json_plain, json_text


def _std(doc: Any) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False, default=str)


leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(),
)
documents = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=6),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.text(max_size=6), inner, max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_the_same_text_as_json_dumps(doc: Any) -> None:
    assert json_text(doc) == _std(doc)


def test_a_results_like_document() -> None:
    doc = {
        "study": "Åstorp \"x\"\n", "notes": [], "settings": {},
        "figures": {"a": {"mean": 1.25, "ci": [1.0, 1.5], "replications": [1.0, None, 2.5e-17, 1e22]}},
        "n": 3, "flag": False, "ints_and_floats": [1, 2.0, True], "deep": [[[]], [{}]],
    }
    assert json_text(doc) == _std(doc)


def test_what_json_dumps_decides_is_left_to_it() -> None:
    # default=str for other types, subclasses, number keys: the same text
    doc = {"day": datetime.date(2025, 1, 21), "ordered": OrderedDict(b=1, a=2), 3: "three", 1.5: [True, None]}
    assert json_text(doc) == _std(doc)
    for bad in (math.nan, [1.0, math.inf], {"x": [2.0, -math.inf]}):
        with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
            json_text(bad)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same type at every level (1 == 1.0 == True is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)


plain_or_not = st.recursive(
    st.one_of(leaves, st.floats(), st.dates(), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2).map(OrderedDict)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(st.one_of(st.none(), st.floats()), max_size=6),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers(0, 2)), inner, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(plain_or_not)
def test_a_plain_document_reads_back_as_itself(doc: Any) -> None:
    if json_plain(doc):
        assert _same(json.loads(json_text(doc)), doc)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_lists_and_text_keyed_objects_of_finite_values_are_plain(doc: Any) -> None:
    def no_tuple(value: Any) -> bool:
        if isinstance(value, tuple):
            return False
        if isinstance(value, dict):
            return all(map(no_tuple, value.values()))
        return all(map(no_tuple, value)) if isinstance(value, list) else True

    assert json_plain(doc) == no_tuple(doc)


def test_what_does_not_come_back_as_it_is_is_not_plain() -> None:
    assert json_plain({"figures": {"a": {"mean": 1.5, "ci": [1.0, None], "replications": [1.0, None, 2.0]}}})
    for changed in ((1, 2), [1.0, math.nan], [None, math.inf], {1: "a"}, {"day": datetime.date(2025, 1, 21)},
                    OrderedDict(a=1), [True, 1, (2,)], -math.inf):
        assert not json_plain(changed), changed
