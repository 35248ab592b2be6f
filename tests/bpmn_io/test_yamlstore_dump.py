"""YAML texts of resolved profiles kept between runs (bpmn_io/yamlstore.py recall_dump/keep_dump)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bpmn_io import yamlstore
from bpmn_io.yamlsrc import dump_yaml, load_yaml
from scenarios import execute

DATA = {"when": dt.date(2025, 1, 2), "count": 3, "share": 0.5, "text": "12",
        "more": {f"k{i}": f"value number {i}" for i in range(200)}}


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path))
    monkeypatch.setattr(execute, "PROFILE_TEXTS", {})
    return tmp_path / "yaml"


def test_a_profile_text_is_kept_and_read_back_exactly(store: Path) -> None:
    made = execute.profile_yaml_text(DATA)
    assert made == dump_yaml(DATA) and load_yaml(made, source="t.yaml").data == DATA
    assert yamlstore.recall_dump(repr(DATA)) == made
    execute.PROFILE_TEXTS.clear()  # as in a new process: the text comes from the store
    assert execute.profile_yaml_text(DATA) == made


def test_other_data_misses_also_when_equal_in_value(store: Path) -> None:
    execute.profile_yaml_text(DATA)
    assert yamlstore.recall_dump(repr({**DATA, "count": 3.0})) is None  # 3 and 3.0 are written differently
    assert yamlstore.recall_dump(repr({**DATA, "count": 4})) is None


@pytest.mark.parametrize("damage", [
    lambda t: t[: len(t) // 2],                                    # truncated
    lambda t: t.replace("value number 5", "value number 6", 1),    # edited body: its hash no longer matches
    lambda t: "not json\n" + t.partition("\n")[2],                 # a broken header
    lambda t: t.partition("\n")[0] + "\n[1, 2]",                   # another body
    lambda t: "",                                                  # empty
])
def test_a_damaged_entry_is_made_again(store: Path, damage: object) -> None:
    made = execute.profile_yaml_text(DATA)
    (entry,) = store.iterdir()
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    assert yamlstore.recall_dump(repr(DATA)) is None
    execute.PROFILE_TEXTS.clear()
    assert execute.profile_yaml_text(DATA) == made
    assert yamlstore.recall_dump(repr(DATA)) == made  # and rewritten


def test_a_parsed_document_and_a_text_do_not_meet(store: Path) -> None:
    text = execute.profile_yaml_text(DATA)
    load_yaml(text, source="t.yaml")
    assert len(list(store.iterdir())) == 2
    assert yamlstore.recall_dump(text) is None and yamlstore.recall(repr(DATA), None) is None


def test_short_texts_are_kept_too(store: Path) -> None:
    text = execute.profile_yaml_text({"a": 1})
    assert len(list(store.iterdir())) == 1
    assert yamlstore.recall_dump(repr({"a": 1})) == text == dump_yaml({"a": 1})


def test_none_turns_the_text_store_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERMITFLOW_CACHE", "none")
    monkeypatch.setattr(execute, "PROFILE_TEXTS", {})
    assert execute.profile_yaml_text(DATA) == dump_yaml(DATA)
    assert yamlstore.recall_dump(repr(DATA)) is None
    assert list(tmp_path.iterdir()) == []
