"""report.jsontext.json_text writes the very text json.dumps(indent=1, ...) writes (summary.json's bytes)."""

from __future__ import annotations

import datetime
import json
import math
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.jsontext import json_text


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
