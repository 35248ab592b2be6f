"""processes/jsonindent.py: the bytes of json.dumps(obj, ensure_ascii=False, indent=2) for every input."""

from __future__ import annotations

import enum
import json
import random
from typing import Any

import pytest

from processes.jsonindent import dumps_indented


def stdlib(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


class Colour(enum.IntEnum):
    RED = 1


class Name(str):
    pass


SAMPLES: list[Any] = [
    {}, [], (), "", 0, -0.0, 1.5, None, True, False, "å\u00e4\u00f6 \u2028 \"q\" \\ \n\t\x00\x1f\x7f \U0001f600",
    {"a": {}, "b": [], "c": [[], [{}]], "d": ({"e": (1, 2.0)},)},
    {"floats": [1e16, 1e-5, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, -2.5e-7, 123456789.0, 1e22]},
    {"ints": [0, -1, 2**70, -(2**63)], "bools": [True, False, None]},
    {"keys": {"": 1, " ": 2, "ü": 3, "\n": 4}},
    # left to json.dumps: non-string keys, subclasses, NaN and infinities
    {1: "one", 2.5: "x", None: 0, False: 1},
    {"e": Colour.RED, "n": Name("x"), Name("k"): 1},
    [float("nan"), float("inf"), -float("inf")],
]


@pytest.mark.parametrize("obj", SAMPLES, ids=range(len(SAMPLES)))
def test_the_same_text_as_json_dumps(obj: Any) -> None:
    assert dumps_indented(obj) == stdlib(obj)


def _random(rng: random.Random, depth: int) -> Any:
    pick = rng.randrange(9 if depth < 5 else 6)
    if pick == 0:
        return rng.choice(["", "a", "Beslut ö", "x\"y", "tab\t", "\u00e9\u0301", "\\"])
    if pick == 1:
        return rng.randint(-10**6, 10**6)
    if pick == 2:
        return rng.uniform(-1e6, 1e6) * 10.0 ** rng.randint(-20, 20)
    if pick == 3:
        return rng.choice([True, False, None])
    if pick in (4, 5):
        return "s" * rng.randrange(3)
    if pick == 6:
        return [_random(rng, depth + 1) for _ in range(rng.randrange(4))]
    if pick == 7:
        return tuple(_random(rng, depth + 1) for _ in range(rng.randrange(3)))
    return {f"k{rng.randrange(20)}": _random(rng, depth + 1) for _ in range(rng.randrange(5))}


def test_random_documents_give_the_same_text() -> None:
    rng = random.Random(20261203)
    for _ in range(300):
        obj = _random(rng, 0)
        assert dumps_indented(obj) == stdlib(obj)


def test_errors_are_json_dumps_errors() -> None:
    circle: list[Any] = []
    circle.append(circle)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented(circle)
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"a": {1, 2}})
