"""FrozenMap's lookups and views answer as the dict it holds (they are the dict's own)."""

from __future__ import annotations

import pickle
from collections.abc import ItemsView, KeysView, Mapping, ValuesView

import pytest

from processes.frozenmap import FrozenMap


def test_lookups_and_views_answer_as_the_dict() -> None:
    d = {"b": 2, "a": 1, "c": None}
    m = FrozenMap(d)
    assert ("a" in m, "z" in m, "c" in m) == (True, False, True)
    assert (m.get("a"), m.get("z"), m.get("z", 9), m.get("c", 9)) == (1, None, 9, None)
    assert list(m.keys()) == ["b", "a", "c"] and list(m.values()) == [2, 1, None]
    assert list(m.items()) == [("b", 2), ("a", 1), ("c", None)]
    assert isinstance(m.keys(), KeysView) and isinstance(m.values(), ValuesView)
    assert isinstance(m.items(), ItemsView) and isinstance(m, Mapping)
    assert m.keys() == {"a", "b", "c"} and m.items() == {("a", 1), ("b", 2), ("c", None)}
    assert m.keys() - {"a"} == {"b", "c"}  # set operations, as Mapping's views have


def test_an_unhashable_key_is_an_error_as_for_a_dict() -> None:
    m = FrozenMap({"a": 1})
    with pytest.raises(TypeError):
        _ = [] in m
    with pytest.raises(TypeError):
        m.get([])


def test_views_do_not_change_the_map_and_it_still_pickles_and_hashes() -> None:
    m = FrozenMap({"a": 1})
    assert m.set("b", 2).keys() == {"a", "b"} and m.keys() == {"a"}
    assert pickle.loads(pickle.dumps(m)) == m and hash(m) == hash(FrozenMap({"a": 1}))
