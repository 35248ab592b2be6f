"""dump_yaml writes with libyaml's emitter when PyYAML has it: the pure-Python emitter's text for profiles,
the data read back as it was for anything."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bpmn_io import yamlparse
from bpmn_io.library import library_names, library_paths
from bpmn_io.yamlsrc import dump_yaml, load_yaml

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeDumper"), reason="PyYAML built without libyaml")


def pure(data: object) -> str:
    return yaml.dump(data, Dumper=yamlparse.SafeYamlDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)


@pytest.mark.parametrize("name", library_names())
def test_every_library_profile_dumps_to_the_same_text(name: str) -> None:
    data = load_yaml(library_paths(name)[1].read_text(encoding="utf-8")).data
    assert dump_yaml(data) == pure(data)
    assert load_yaml(dump_yaml(data)).data == data


def test_awkward_values_dump_to_the_same_text() -> None:
    data = {
        "text": ["true", "12", "2025-01-01", "yes", "No", "9:30", "1e3", "", " lead", "trail ", "a: b", "- x", "#"],
        "long": "Ansökan om stadigvarande serveringstillstånd " * 6,
        "lines": "första raden\nandra raden\n",
        "numbers": [0, -3, 1.5, 1e-05, 2.0e20, float("inf")],
        "when": [dt.date(2025, 6, 20), dt.datetime(2025, 6, 20, 9, 30)],
        "empty": {}, "none": None, "nested": [{"a": [1, {"b": []}]}],
    }
    assert dump_yaml(data) == pure(data)


BMP = st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(BMP, min_size=1, max_size=12), st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(BMP, max_size=150),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(BMP, min_size=1, max_size=8), inner, max_size=4),
    max_leaves=12), max_size=5))
def test_any_plain_data_reads_back_as_it_was(data: dict) -> None:
    # control characters may take another YAML form than the pure emitter's (which loses a lone U+0085)
    assert load_yaml(dump_yaml(data)).data == data


def test_beyond_the_basic_plane_libyaml_escapes_and_the_data_is_the_same() -> None:
    data = {"\U00010000": "emoji \U0001F37A"}
    assert dump_yaml(data) == '"\\U00010000": "emoji \\U0001F37A"\n'  # the pure emitter writes them as they are
    assert load_yaml(dump_yaml(data)).data == load_yaml(pure(data)).data == data
