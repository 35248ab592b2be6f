"""``frozen_dataclass``: ``@dataclass(frozen=True, slots=True)`` for less start-up time.

On Python 3.11 the standard decorator compiles six functions for every frozen class
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``), each
by ``exec`` of generated source: ~2 ms a class, and ``simulate`` meets 88 such classes
(the model's, the parameters', the engine's and the study's) before it can start. This
decorator compiles only ``__init__`` (the same source the standard library writes, so
constructing an instance costs the same) and gives the other five as closures over the field
names. The compiled ``__init__`` code is kept beside this module's bytecode, as Python keeps a
module's, so a later process loads it instead of compiling again (:func:`_compiled`).

What they do is what the standard decorator's do: the same ``repr`` text, ``==`` on the
tuple of the compared fields of two instances of the very same class, the hash of that
tuple, :class:`dataclasses.FrozenInstanceError` on assigning or deleting a field, pickling
and copying through ``__getstate__``/``__setstate__``, ``__match_args__``, ``__post_init__``,
``field(default_factory=...)``, and :func:`dataclasses.fields`, :func:`dataclasses.replace`
and :func:`dataclasses.asdict` work as on any dataclass. Two differences, neither used here:
``__dataclass_params__`` records ``frozen=False, eq=False, repr=False`` (what the standard
decorator was asked for; a class of this decorator may only subclass another one), and
``ClassVar``/``InitVar`` pseudo-fields, ``kw_only`` and ``init=False`` fields are refused
with a TypeError when the class is made.

>>> @frozen_dataclass
... class Point:
...     x: float
...     y: float = 0.0
>>> p = Point(1.0)
>>> p, p == Point(1.0, 0.0), hash(p) == hash((1.0, 0.0))
(Point(x=1.0, y=0.0), True, True)
>>> p.x = 2.0
Traceback (most recent call last):
...
dataclasses.FrozenInstanceError: cannot assign to field 'x'
"""

from __future__ import annotations

import dataclasses
import os
import reprlib
import sys
from collections.abc import Callable
from operator import attrgetter
from types import CodeType
from typing import Any, TypeVar, dataclass_transform

__all__ = ["frozen_dataclass"]

T = TypeVar("T")


class _Factory:
    """The default of a parameter whose field has a ``default_factory`` (shown as ``<factory>``,
    as the standard library's)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_HAS_DEFAULT_FACTORY = _Factory()


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen_dataclass(cls: type[T]) -> type[T]:
    """``cls`` as ``@dataclasses.dataclass(frozen=True, slots=True)`` makes it (see the module)."""
    had_doc = bool(cls.__dict__.get("__doc__"))
    body = cls.__dict__
    class_hash = body.get("__hash__", dataclasses.MISSING)
    explicit_hash = not (class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in body))
    own = {name: name in body for name in ("__repr__", "__eq__")}
    for name in ("__setattr__", "__delattr__"):
        if name in body:  # as the standard decorator: a frozen class cannot bring its own
            raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)
    flds = dataclasses.fields(made)
    if len(flds) != len(made.__dataclass_fields__):
        raise TypeError(f"{cls.__name__}: ClassVar and InitVar fields need dataclasses.dataclass")
    for f in flds:
        if f.kw_only is True or not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: kw_only and init=False fields need dataclasses.dataclass")
    names = tuple(f.name for f in flds)
    made.__init__ = _qualified(made, _init_fn(made, flds))
    if not own["__repr__"]:
        made.__repr__ = _qualified(made, _repr_fn(tuple(f.name for f in flds if f.repr)))
    compared = _values(tuple(f.name for f in flds if f.compare))
    if not own["__eq__"]:
        made.__eq__ = _qualified(made, _eq_fn(compared))
    if not explicit_hash:
        made.__hash__ = _qualified(made, _hash_fn(_values(tuple(
            f.name for f in flds if (f.compare if f.hash is None else f.hash)))))
    made.__setattr__, made.__delattr__ = (_qualified(made, fn) for fn in _frozen_fns(frozenset(names)))
    if "__getstate__" not in body:
        made.__getstate__ = _getstate
    if "__setstate__" not in body:
        made.__setstate__ = _setstate
    if not had_doc:  # the standard decorator's docstring: the name and the signature of __init__
        import inspect

        made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
    return made  # type: ignore[no-any-return]


def _qualified(cls: type, fn: Callable[..., Any]) -> Callable[..., Any]:
    fn.__qualname__ = f"{cls.__qualname__}.{fn.__name__}"
    return fn


def _init_fn(cls: type, flds: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """``__init__``, compiled from the source ``dataclasses`` writes for a frozen class."""
    seen_default = False
    for f in flds:
        if not (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING):
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    self_name = "__dataclass_self__" if "self" in (f.name for f in flds) else "self"
    local: dict[str, Any] = {f"_type_{f.name}": f.type for f in flds}
    local.update({"MISSING": dataclasses.MISSING, "_HAS_DEFAULT_FACTORY": _HAS_DEFAULT_FACTORY,
                  "__dataclass_builtins_object__": object, "_return_type": None})
    params, lines = [self_name], []
    for f in flds:
        default = f"_dflt_{f.name}"
        if f.default_factory is not dataclasses.MISSING:
            local[default] = f.default_factory
            value = f"{default}() if {f.name} is _HAS_DEFAULT_FACTORY else {f.name}"
            params.append(f"{f.name}:_type_{f.name}=_HAS_DEFAULT_FACTORY")
        elif f.default is not dataclasses.MISSING:
            local[default] = f.default
            value = f.name
            params.append(f"{f.name}:_type_{f.name}={default}")
        else:
            value = f.name
            params.append(f"{f.name}:_type_{f.name}")
        lines.append(f"__dataclass_builtins_object__.__setattr__({self_name},{f.name!r},{value})")
    if hasattr(cls, "__post_init__"):
        lines.append(f"{self_name}.__post_init__()")
    body = "\n".join(f"  {line}" for line in lines or ["pass"])
    text = (f"def __create_fn__({', '.join(local)}):\n def __init__({','.join(params)})->_return_type:\n{body}\n"
            " return __init__")
    module = sys.modules.get(cls.__module__)
    namespace: dict[str, Any] = {}
    exec(_compiled(text), module.__dict__ if module else {}, namespace)
    return namespace["__create_fn__"](**local)  # type: ignore[no-any-return]


#: the compiled ``__init__`` sources this process met: source text -> code (read from :func:`_code_file` at the first
#: class); ``_CODES[1]`` says whether a source was compiled here, so the file is written again at exit
_CODES: list[Any] = [None, False]
#: entries the file keeps at most (every command's classes together are a few hundred)
_MOST_CODES = 2000


def _compiled(text: str) -> CodeType:
    """The code of ``text`` (compiled without this module's ``from __future__ import annotations``, as
    dataclasses compiles it), kept between runs like Python's own bytecode.

    Compiling the ``__init__`` of the ~90 classes a simulation meets costs ~30 ms of its start-up;
    loading the code objects with ``marshal`` costs ~1 ms. The file lives beside this module's
    ``.pyc`` (``__pycache__``, or ``sys.pycache_prefix``), is tagged with the interpreter's bytecode
    magic number and maps each source text, whole, to its code: a changed class is a new text and is
    compiled again. A missing, damaged or foreign file is ignored (and replaced at exit); a folder that
    cannot be written, or ``sys.dont_write_bytecode``, only means compiling again next time.
    """
    codes = _CODES[0]
    if codes is None:
        codes = _CODES[0] = _read_codes()
    code = codes.get(text)
    if code is None:
        code = codes[text] = compile(text, "<string>", "exec", dont_inherit=True)
        if not _CODES[1] and not sys.dont_write_bytecode:
            import atexit

            atexit.register(_write_codes)
        _CODES[1] = True
    return code  # type: ignore[no-any-return]


def _code_file() -> str | None:
    """Where the compiled sources are kept: ``__pycache__/frozenclass.<tag>.inits`` beside this module."""
    import importlib.util

    try:
        pyc = importlib.util.cache_from_source(__file__)
    except (NotImplementedError, ValueError, TypeError):  # no cache tag (sys.implementation.cache_tag is None)
        return None
    return pyc[: -len(".pyc")] + ".inits" if pyc.endswith(".pyc") else None


def _read_codes() -> dict[str, CodeType]:
    """The kept code objects, or none when the file is missing, damaged or from another interpreter."""
    import importlib.util
    import marshal

    path = _code_file()
    try:
        if path is None:
            return {}
        with open(path, "rb") as kept:
            data = kept.read()
        magic = importlib.util.MAGIC_NUMBER
        if not data.startswith(magic):
            return {}
        codes = marshal.loads(data[len(magic):])
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if type(codes) is not dict or not all(type(k) is str and type(v) is CodeType for k, v in codes.items()):
        return {}
    return codes


def _write_codes() -> None:
    """At exit, after a source was compiled: the file again with every code this process knows (the
    oldest first; over :data:`_MOST_CODES`, only the newest are kept), whole or not at all."""
    import importlib.util
    import marshal

    codes = _CODES[0] or {}
    path = _code_file()
    if path is None or not codes:
        return
    kept = dict(list(codes.items())[-_MOST_CODES:])
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as out:
            out.write(importlib.util.MAGIC_NUMBER + marshal.dumps(kept))
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of ``names``' values of an instance (as the generated methods build it)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _repr_fn(names: tuple[str, ...]) -> Callable[[Any], str]:
    values = _values(names)
    template = "{}(" + ", ".join(f"{name}={{!r}}" for name in names) + ")"  # one C call per repr

    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        return template.format(self.__class__.__qualname__, *values(self))

    return __repr__


def _eq_fn(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash_fn(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _frozen_fns(names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self: Any, name: str) -> None:
        if name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    return __setattr__, __delattr__


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)
