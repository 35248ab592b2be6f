"""Parsed YAML kept between runs (bpmn_io/yamlstore.py): the same document as a fresh parse, or a miss."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from bpmn_io import yamlstore
from bpmn_io.library import PROFILE_FILE, library_names, library_root
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError

FILLER = "".join(f"  k{i}: value number {i}\n" for i in range(200))
TEXT = f"when: 2025-01-02\ncount: 3\nshare: 0.5\nflag: true\nnothing: null\n7: seven\nlist: [a, 1, 2.5]\nmore:\n{FILLER}"


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (1, 1.0 and True are not the same value here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(k, j) and same(a[k], b[j]) for k, j in zip(a, b, strict=True))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b or (a != a and b != b)  # NaN


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path))
    return tmp_path / "yaml"


def fresh(text: str, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> Any:
    with monkeypatch.context() as m:
        m.setenv("PERMITFLOW_CACHE", "none")
        return load_yaml(text, source="t.yaml", **kwargs)


def test_a_document_is_kept_then_read_back_as_parsed(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = load_yaml(TEXT, source="t.yaml")
    (entry,) = store.iterdir()
    assert yamlstore.recall(TEXT, None) is not None
    read = load_yaml(TEXT, source="t.yaml")
    expected = fresh(TEXT, monkeypatch)
    assert same(read.data, expected.data) and same(parsed.data, expected.data)
    assert read.data["when"] == dt.date(2025, 1, 2) and read.data[7] == "seven"
    assert read.lines == expected.lines and read.line(("more", "k3")) == 12
    assert read.source == "t.yaml" and load_yaml(TEXT, source="other.yaml").source == "other.yaml"
    assert [p.name for p in store.iterdir()] == [entry.name]  # one entry per text, whatever its file


def test_every_library_profile_reads_back_exactly(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in library_names():
        path = library_root() / name / PROFILE_FILE
        text = path.read_text(encoding="utf-8")
        load_yaml(text, source=str(path))
        assert yamlstore.recall(text, None) is not None, name
        kept = load_yaml(text, source=str(path))
        expected = fresh(text, monkeypatch)
        assert same(kept.data, expected.data) and kept.lines == expected.lines, name


@pytest.mark.parametrize("damage", [
    lambda t: t[: len(t) // 2],                                   # truncated
    lambda t: t.replace("value number 5", "value number 6", 1),   # edited body: its hash no longer matches
    lambda t: "not json\n" + t.partition("\n")[2],                # a broken header
    lambda t: "",                                                 # empty
])
def test_a_damaged_entry_is_parsed_again(store: Path, damage: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    load_yaml(TEXT, source="t.yaml")
    (entry,) = store.iterdir()
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    assert yamlstore.recall(TEXT, None) is None
    assert same(load_yaml(TEXT, source="t.yaml").data, fresh(TEXT, monkeypatch).data)
    assert yamlstore.recall(TEXT, None) is not None  # and rewritten


def test_another_text_or_alias_rule_misses(store: Path) -> None:
    load_yaml(TEXT, source="t.yaml")
    assert yamlstore.recall(TEXT + "x: 1\n", None) is None
    assert yamlstore.recall(TEXT, "in an authoring file") is None


def test_errors_are_never_kept(store: Path) -> None:
    bad = TEXT + "count: 4\n"  # a duplicate key
    for _ in range(2):
        with pytest.raises(InputError, match="duplicate key 'count'"):
            load_yaml(bad, source="t.yaml")
    assert yamlstore.recall(bad, None) is None


def test_what_json_cannot_hold_is_not_kept(store: Path) -> None:
    text = TEXT + "at: 2025-01-02 10:30:00\n"  # a timestamp
    assert isinstance(load_yaml(text, source="t.yaml").data["at"], dt.datetime)
    assert not store.exists() or list(store.iterdir()) == []


def test_short_texts_are_kept_too(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_yaml("a: 1\n", source="t.yaml")  # a small model's profile: reading it back needs no PyYAML
    assert len(list(store.iterdir())) == 1
    assert yamlstore.recall("a: 1\n", None) == ({"a": 1}, fresh("a: 1\n", monkeypatch).lines)


def test_the_folder_keeps_the_newest_entries(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlstore, "MAX_ENTRIES", 8)
    texts = [TEXT + f"n: {i}\n" for i in range(12)]
    for i, text in enumerate(texts):
        before = set(store.iterdir()) if store.exists() else set()
        load_yaml(text, source="t.yaml")
        (entry,) = set(store.iterdir()) - before
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))  # one second apart: ties of a coarse clock do not decide
    # by hand from cachestore.prune_oldest (a full folder, 8 entries, keeps its newest 8 * 3 // 4 = 6 before a
    # write): texts 0-7 are written into a folder not full; text 8 finds 8 and drops 0 and 1; text 9 finds 7;
    # text 10 finds 8 again and drops 2 and 3; text 11 finds 7. Kept: texts 4 to 11.
    assert len(list(store.iterdir())) == 8
    assert [yamlstore.recall(text, None) is not None for text in texts] == [False] * 4 + [True] * 8
    newest = fresh(texts[-1], monkeypatch)
    assert yamlstore.recall(texts[-1], None) == (newest.data, newest.lines)


def test_none_turns_the_store_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERMITFLOW_CACHE", "none")
    load_yaml(TEXT, source="t.yaml")
    assert yamlstore.recall(TEXT, None) is None
    assert list(tmp_path.iterdir()) == []


def test_tagged_values_round_trip_without_clashing_with_keys() -> None:
    data = {"\x00date": "text", "n": {1: [dt.date(2020, 2, 29)], None: {"\x00items": 1}}, "x": float("inf")}
    lines = {(): 1, ("n", 1, 0): 3, ("n", None): 4}
    back, back_lines = yamlstore.decode_doc(yamlstore.encode_doc(data, lines))
    assert same(back, data) and back_lines == lines
