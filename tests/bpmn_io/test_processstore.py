"""Parsed processes kept between runs (bpmn_io/processstore.py): the same model as a fresh parse, or a miss."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bpmn_io import processstore
from bpmn_io.library import library_names, library_paths
from bpmn_io.reader import parse_bpmn
from processes.model import Process, Task
from scenarios import execute

ROOT = Path(__file__).resolve().parents[2]
INTEROP = ROOT.parent / "shared" / "interop"
HELSINGBORG = library_paths("helsingborg")[0]


def processes_of(path: Path) -> list[Process]:
    try:
        definitions = parse_bpmn(path.read_bytes(), source=str(path), strict=False)
    except Exception:  # noqa: BLE001 - files the reader refuses are not kept either
        return []
    return list(definitions.processes)


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path))
    execute.parsed_process.cache_clear()
    yield tmp_path / "model"
    execute.parsed_process.cache_clear()


def test_every_library_process_reads_back_equal_and_in_order() -> None:
    for name in library_names():
        process = parse_bpmn(library_paths(name)[0].read_bytes(), source=name).process()
        back = processstore.decode_process(processstore.encode_process(process))
        assert back == process, name
        assert list(back.nodes) == list(process.nodes) and list(back.flows) == list(process.flows), name
        assert [type(n) for n in back.nodes.values()] == [type(n) for n in process.nodes.values()], name


@pytest.mark.skipif(not INTEROP.is_dir(), reason="needs ../shared/interop")
def test_the_interop_corpus_reads_back_equal() -> None:
    seen = 0
    for path in sorted(INTEROP.rglob("*.bpmn")):
        for process in processes_of(path):
            assert processstore.decode_process(processstore.encode_process(process)) == process, path
            seen += 1
    assert seen > 50


def test_a_simulation_keeps_the_parsed_process_and_reads_it_back(store: Path) -> None:
    text = HELSINGBORG.read_text(encoding="utf-8")
    parsed = execute.parsed_process(text, "h.bpmn")
    (entry,) = store.iterdir()
    code = execute.code_version()
    kept = processstore.recall(text, "h.bpmn", code)
    assert kept == parsed and kept is not parsed
    assert processstore.recall(text, "other.bpmn", code) is None  # the source is part of the key
    assert processstore.recall(text, "h.bpmn", "another code version") is None
    assert processstore.recall(text + "\n", "h.bpmn", code) is None
    execute.parsed_process.cache_clear()
    assert execute.parsed_process(text, "h.bpmn") == parsed
    assert [p.name for p in store.iterdir()] == [entry.name]


@pytest.mark.parametrize("damage", [
    lambda t: t[: len(t) // 2],                                           # truncated
    lambda t: t.replace("Task_Beslut", "Task_Beslux", 1),                 # edited body: its hash no longer matches
    lambda t: "not json\n" + t.partition("\n")[2],                        # a broken header
    lambda t: "",                                                         # empty
])
def test_a_damaged_entry_is_parsed_again(store: Path, damage: Any) -> None:
    text = HELSINGBORG.read_text(encoding="utf-8")
    parsed = execute.parsed_process(text, "h.bpmn")
    (entry,) = store.iterdir()
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    assert processstore.recall(text, "h.bpmn", execute.code_version()) is None
    execute.parsed_process.cache_clear()
    assert execute.parsed_process(text, "h.bpmn") == parsed
    assert processstore.recall(text, "h.bpmn", execute.code_version()) == parsed  # and rewritten


@pytest.mark.parametrize("body", [
    '{"\\u0000c":"os.system","v":["true"]}',                             # only the model's classes are built
    '{"\\u0000c":"Task","v":["a"]}',                                     # another number of fields
    '{"\\u0000c":"Task","v":[],"x":1}',
    '[1, 2]',
])
def test_an_entry_that_is_not_a_kept_process_is_refused(body: str) -> None:
    with pytest.raises((ValueError, TypeError)):
        processstore.decode_process(body)


def test_a_model_object_that_is_not_a_process_is_refused() -> None:
    body = processstore.encode_process(Task(id="a"))  # type: ignore[arg-type]  # a Task, not a Process
    assert processstore.decode(json.loads(body)) == Task(id="a")
    with pytest.raises(ValueError, match="not a kept process"):
        processstore.decode_process(body)


def test_what_the_format_cannot_hold_is_not_kept(store: Path) -> None:
    process = parse_bpmn(HELSINGBORG.read_bytes(), source="h").process()
    odd = Task(id="T", name=["a list"])  # type: ignore[arg-type]  # not model data
    bad = Process(id="P", nodes=process.nodes.set("T", odd))
    processstore.keep("text", "s", "c", bad)
    assert not store.exists() or list(store.iterdir()) == []


def test_none_turns_the_store_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERMITFLOW_CACHE", "none")
    execute.parsed_process.cache_clear()
    text = HELSINGBORG.read_text(encoding="utf-8")
    assert execute.parsed_process(text, "h.bpmn").id
    assert processstore.recall(text, "h.bpmn", execute.code_version()) is None
    assert list(tmp_path.iterdir()) == []
    execute.parsed_process.cache_clear()
