"""Whether a branch's condition holds exactly when none of the other branches' conditions do: then it says what a
gateway's default flow says ("otherwise"), and a condition in one model against the default flow in the other is
the same rule (gatewaydiff.py).

The condition language (processes/conditions.py) compares an attribute with literals only, so whether a
comparison holds changes only at the literals written. Each attribute is tried at every literal any of the
conditions compares it with, between and beyond the numbers among them, and at a value none of them names, so
two conditions that agree at every combination of these values agree for every case. An attribute compared
with literals of one type holds values of that type (a profile's attribute has one kind of value: a yes/no mark
is true or false, nothing else); one compared with several types is tried at a value of each type besides. A string compared by ``<`` (an order of words), a
condition that does not parse, or more than :data:`LIMIT` combinations prove nothing: the answer is then False,
and the diff says the two rules apart.

>>> is_complement("hinder != 'kvarstar'", ["hinder == 'kvarstar'"])
True
>>> is_complement("seats < 50 or kind == 'bar'", ["seats >= 50 and kind != 'bar'"])
True
>>> is_complement("hinder == 'inga'", ["hinder == 'kvarstar'"])  # a third value goes nowhere
False
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from processes.conditions import Comparison, Condition, parse_condition
from processes.errors import InputError

__all__ = ["is_complement", "LIMIT"]

#: the most combinations of attribute values tried (a handful of attributes with a few literals each is far less)
LIMIT = 4096

#: a string no condition writes (the literals are quoted text from a profile: no NUL in them)
_UNNAMED = "\0unnamed"


def is_complement(condition: str, others: Sequence[str]) -> bool:
    """Whether ``condition`` holds for a case exactly when none of ``others`` holds (module doc)."""
    try:
        this = parse_condition(condition)
        rest = [parse_condition(o) for o in others]
    except InputError:
        return False
    comparisons = [c for cond in (this, *rest) for group in cond.any_of for c in group]
    values = _values(comparisons)
    if values is None:
        return False
    names = sorted(values)
    count = 1
    for n in names:
        count *= len(values[n])
    if count > LIMIT:
        return False
    for combination in itertools.product(*(values[n] for n in names)):
        attrs = dict(zip(names, combination, strict=True))
        if this.evaluate(attrs) == _any(rest, attrs):
            return False
    return True


def _any(conditions: Sequence[Condition], attrs: dict[str, Any]) -> bool:
    return any(c.evaluate(attrs) for c in conditions)


def _values(comparisons: Sequence[Comparison]) -> dict[str, list[Any]] | None:
    """Each attribute's values to try, or None when a string is ordered (``kind < 'b'``: not tried here)."""
    literals: dict[str, list[Any]] = {}
    for c in comparisons:
        written = list(c.value) if c.op == "in" else [c.value]
        if c.op in ("<", "<=", ">", ">=") and isinstance(c.value, str):
            return None
        literals.setdefault(c.attribute, []).extend(written)
    out: dict[str, list[Any]] = {}
    for name, written in literals.items():
        numbers = sorted({v for v in written if isinstance(v, (int, float)) and not isinstance(v, bool)})
        between = [(lo + hi) / 2 for lo, hi in itertools.pairwise(numbers)]
        beyond = [numbers[0] - 1, numbers[-1] + 1] if numbers else [0.5]
        kinds = {str if isinstance(v, str) else bool if isinstance(v, bool) else float for v in written}
        unnamed: dict[type, list[Any]] = {str: [_UNNAMED], bool: [True, False], float: [*between, *beyond]}
        tried = [*written, *(v for kind in (kinds if len(kinds) == 1 else unnamed) for v in unnamed[kind])]
        out[name] = [v for _, v in dict.fromkeys((type(v), v) for v in tried)]  # 1 and True kept apart
    return out
