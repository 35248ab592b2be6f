"""``FrozenMap``: the immutable, hashable mapping the model and the parameters are built of.

Its own module so that readers of parameters (profiles, scenarios) need not import the
whole model's dataclasses to get it; :mod:`processes.model` re-exports it.

>>> m = FrozenMap({"a": 1})
>>> m.set("b", 2) == {"a": 1, "b": 2}, m
(True, FrozenMap({'a': 1}))
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar

__all__ = ["FrozenMap"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """An immutable, hashable, insertion-ordered mapping.

    Equality is that of a dict (order-insensitive), so two models that hold the
    same elements compare equal whatever order a tool wrote them in.
    """

    __slots__ = ("_d", "_h")

    def __init__(self, items: Mapping[K, V] | Any = ()) -> None:
        self._d: dict[K, V] = dict(items)
        self._h: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._d[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    # the dict's own lookups and views: Mapping's mixins go through __getitem__ in Python, one
    # call per key (the diff reads its steps and neighbours this way tens of thousands of times)
    def __contains__(self, key: object) -> bool:
        return key in self._d

    def get(self, key: K, default: Any = None) -> Any:
        return self._d.get(key, default)

    def keys(self) -> KeysView[K]:
        return self._d.keys()

    def values(self) -> ValuesView[V]:
        return self._d.values()

    def items(self) -> ItemsView[K, V]:
        return self._d.items()

    def __hash__(self) -> int:
        if self._h is None:
            self._h = hash(frozenset(self._d.items()))
        return self._h

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._d == other._d
        if isinstance(other, Mapping):
            return self._d == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._d!r})"

    def set(self, key: K, value: V) -> FrozenMap[K, V]:
        """A copy with ``key`` set to ``value`` (position kept if present)."""
        d = dict(self._d)
        d[key] = value
        return FrozenMap(d)

    def without(self, key: K) -> FrozenMap[K, V]:
        """A copy without ``key``."""
        return FrozenMap({k: v for k, v in self._d.items() if k != key})
