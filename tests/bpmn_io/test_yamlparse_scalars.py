"""bpmn_io.yamlparse: a string scalar is taken as the node's text (no constructor lookup); every value
is what PyYAML's constructor of the same loader makes of it, type included."""

from __future__ import annotations

import datetime as dt

import yaml

from bpmn_io import yamlparse

TEXT = """\
plain: Granska ansökan
quoted: "12"
single: 'true'
tagged: !!str 3.5
number: 3
float: 0.25
flag: true
off: off
date: 2025-01-02
none: null
empty:
list: [a, "b", 1, 2.0, !!str 7]
anchor: &x [Begär komplettering, 2w]
again: *x
nested: {k: v, "1": one, 2: two}
block: |
  rad ett
  rad två
"""


def _typed(value: object) -> object:
    if isinstance(value, dict):
        return {(type(k).__name__, k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def test_every_scalar_is_what_the_constructor_makes() -> None:
    data, lines = yamlparse.parse(TEXT, source="t.yaml", aliases=None)
    expected = yaml.load(TEXT, Loader=yamlparse.SafeYamlLoader)  # noqa: S506 - a SafeLoader subclass
    assert _typed(data) == _typed(expected)
    assert data["tagged"] == "3.5" and data["quoted"] == "12" and data["off"] == "off"
    assert data["date"] == dt.date(2025, 1, 2) and data["flag"] is True and data["number"] == 3
    assert data["again"] == ["Begär komplettering", "2w"]
    assert lines[("block",)] == 16 and lines[("list", 4)] == 12
