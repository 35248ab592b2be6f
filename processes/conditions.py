"""A small, safe condition language over case attributes, for exclusive gateways.

A condition is one or more comparisons joined by ``and`` / ``or`` (``and``
binds tighter; no parentheses), each ``attribute OP literal`` with OP one of
``== != < <= > >=``, or ``attribute in [literal, ...]``. A literal is a number,
a quoted string (``'restaurant'`` or ``"restaurant"``) or ``true`` / ``false``.
Nothing is evaluated as Python: the text is tokenised and turned into a tree
of comparisons, checked against the attribute names a profile declares.

>>> c = parse_condition("kind == 'restaurant' and seats >= 50")
>>> c.attributes()
('kind', 'seats')
>>> c.evaluate({"kind": "restaurant", "seats": 80})
True
>>> c.evaluate({"kind": "bar", "seats": 80})
False
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

from processes.frozenclass import frozen_dataclass
from processes.rulewords import rule_error, written

__all__ = ["Comparison", "Condition", "parse_condition", "OPERATORS"]

#: the comparison operators and what they do
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<str>'[^']*'|\"[^\"]*\")|(?P<op>==|!=|<=|>=|<|>)"
    r"|(?P<punct>[\[\],])|(?P<name>[A-Za-z_][A-Za-z0-9_]*))"
)


@frozen_dataclass
class Comparison:
    """``attribute op value`` (``op`` ``in``: ``value`` is a tuple of literals)."""

    attribute: str
    op: str
    value: Any

    def evaluate(self, attrs: Mapping[str, Any]) -> bool:
        """Whether the comparison holds for ``attrs`` (a type mismatch in ``<`` is False)."""
        have = attrs[self.attribute]
        if self.op == "in":
            return bool(have in self.value)
        try:
            return bool(OPERATORS[self.op](have, self.value))
        except TypeError:  # 'bar' < 3: not comparable, so the condition does not hold
            return False


@frozen_dataclass
class Condition:
    """A parsed condition: an OR of ANDs of comparisons; ``text`` is the source."""

    text: str
    any_of: tuple[tuple[Comparison, ...], ...]

    def evaluate(self, attrs: Mapping[str, Any]) -> bool:
        """Whether the condition holds for a case with attributes ``attrs``."""
        # any(all(c.evaluate(attrs) for c in group) for group in self.any_of), as loops: the same
        # comparisons in the same order, without two generators and their closures per call (once per
        # gateway a case passes)
        for group in self.any_of:
            for c in group:
                if not c.evaluate(attrs):
                    break
            else:
                return True
        return False

    def attributes(self) -> tuple[str, ...]:
        """The attribute names the condition reads, in order of first use."""
        seen: dict[str, None] = {}
        for group in self.any_of:
            for c in group:
                seen.setdefault(c.attribute, None)
        return tuple(seen)


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise rule_error("condition_unreadable", text=repr(text), rest=repr(text[pos:].strip()))
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _literal(kind: str, value: str, text: str) -> Any:
    if kind == "num":
        return float(value) if "." in value else int(value)
    if kind == "str":
        return value[1:-1]
    if kind == "name" and value in ("true", "false"):
        return value == "true"
    raise rule_error("condition_value", text=repr(text), value=written(value))


def parse_condition(text: Any) -> Condition:
    """Parse ``text``; an InputError says what is wrong and what is allowed."""
    if not isinstance(text, str) or not text.strip():
        raise rule_error("condition_not_text", text=repr(text))
    toks = _tokens(text)
    groups: list[tuple[Comparison, ...]] = []
    current: list[Comparison] = []
    i = 0
    while True:
        if i + 3 > len(toks):
            raise rule_error("condition_early", text=repr(text))
        name_kind, name = toks[i]
        if name_kind != "name" or name in ("and", "or", "in", "true", "false"):
            raise rule_error("condition_name", text=repr(text), name=repr(name))
        op_kind, op = toks[i + 1]
        if op_kind == "op":
            kind, value = toks[i + 2]
            current.append(Comparison(name, op, _literal(kind, value, text)))
            i += 3
        elif op_kind == "name" and op == "in":
            if toks[i + 2] != ("punct", "["):
                raise rule_error("condition_in_list", text=repr(text))
            values, i = [], i + 3
            while i < len(toks) and toks[i] != ("punct", "]"):
                values.append(_literal(*toks[i], text))
                i += 1
                if i < len(toks) and toks[i] == ("punct", ","):
                    i += 1
            if i >= len(toks):
                raise rule_error("condition_in_close", text=repr(text))
            current.append(Comparison(name, "in", tuple(values)))
            i += 1
        else:
            raise rule_error("condition_operator", text=repr(text), op=repr(op), operators=", ".join(OPERATORS))
        if i == len(toks):
            groups.append(tuple(current))
            return Condition(text, tuple(groups))
        joiner = toks[i]
        if joiner == ("name", "and"):
            pass
        elif joiner == ("name", "or"):
            groups.append(tuple(current))
            current = []
        else:
            raise rule_error("condition_joiner", text=repr(text), value=written(joiner[1]))
        i += 1
        if i == len(toks):
            raise rule_error("condition_ends_with", text=repr(text), value=written(joiner[1]))
