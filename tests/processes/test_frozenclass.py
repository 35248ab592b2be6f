"""``frozen_dataclass`` behaves as ``@dataclass(frozen=True, slots=True)``: each class is made
twice, once by each decorator, and the two are used side by side."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bpmn_io.library import load_entry
from processes import model, params
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap


def both(body: str, *, base: str = "") -> tuple[type, type]:
    """The class ``body`` made by the standard decorator and by ``frozen_dataclass`` (with the
    base of the same name, made by the same decorator)."""
    made = []
    for decorator in (dataclass(frozen=True, slots=True), frozen_dataclass):
        namespace: dict[str, Any] = {"__name__": __name__, "field": field, "FrozenMap": FrozenMap}
        source = "class Base:\n    id: str\n    name: str = ''\n" if base else ""
        exec(source + f"class C{'(Base)' if base else ''}:\n" + body, namespace)
        if base:
            namespace["Base"] = decorator(namespace["Base"])
            exec(f"class C(Base):\n{body}", namespace)
        made.append(decorator(namespace["C"]))
    return made[0], made[1]


PLAIN = """
    '''A record.'''
    x: int
    y: float = 0.5
    tags: tuple[str, ...] = ()
    extra: FrozenMap = field(default_factory=FrozenMap)
    hidden: str = field(default='h', repr=False, compare=False)
"""


def test_the_same_repr_equality_hash_and_signature() -> None:
    std, lean = both(PLAIN)
    for args, kwargs in (((1,), {}), ((2, 1.5, ("a",)), {"extra": FrozenMap({"k": 1})}), ((3,), {"hidden": "z"})):
        a, b = std(*args, **kwargs), lean(*args, **kwargs)
        assert repr(a) == repr(b)
        assert hash(a) == hash(b)
        assert dataclasses.astuple(a) == dataclasses.astuple(b)
    assert lean(1, hidden="p") == lean(1, hidden="q")  # compare=False
    assert lean(1) != lean(2)
    assert lean(1).__eq__(std(1)) is NotImplemented  # another class, as the generated __eq__
    assert str(inspect.signature(std)) == str(inspect.signature(lean))
    assert lean.__match_args__ == std.__match_args__ == ("x", "y", "tags", "extra", "hidden")
    assert [f.name for f in dataclasses.fields(lean)] == [f.name for f in dataclasses.fields(std)]
    assert lean.__slots__ == std.__slots__
    assert lean.__doc__ == std.__doc__ == "A record."
    assert lean.__init__.__qualname__ == "C.__init__" and lean.__repr__.__qualname__ == "C.__repr__"


def test_frozen_as_the_standard_decorator() -> None:
    lean = both(PLAIN)[1]
    item = lean(1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        item.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'y'"):
        del item.y
    with pytest.raises(AttributeError):
        item.other = 1  # slots: no other attributes
    assert dataclasses.replace(item, y=2.0) == lean(1, 2.0)
    assert item.x == 1


def test_pickle_and_copy_give_equal_instances() -> None:
    std, lean = both(PLAIN)
    item = lean(4, 1.0, ("t",), FrozenMap({"a": 1}), "s")
    assert copy.deepcopy(item) == item and copy.copy(item) == item
    assert lean.__getstate__(item) == std.__getstate__(std(4, 1.0, ("t",), FrozenMap({"a": 1}), "s"))
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):  # FrozenMap pickles from protocol 2
        lean.__module__ = __name__
        globals()["C"] = lean
        try:
            assert pickle.loads(pickle.dumps(item, protocol)) == item
        finally:
            del globals()["C"]


def test_inheritance_post_init_and_a_class_without_docstring() -> None:
    body = "    size: int = 1\n    def __post_init__(self):\n        if self.size < 0:\n            raise ValueError('size')\n"
    std, lean = both(body, base="Base")
    assert repr(lean("a", "n", 3)) == repr(std("a", "n", 3)) == "C(id='a', name='n', size=3)"
    assert hash(lean("a")) == hash(std("a"))
    assert lean.__doc__ == std.__doc__ == "C(id: 'str', name: 'str' = '', size: 'int' = 1)"
    with pytest.raises(ValueError, match="size"):
        lean("a", size=-1)


def test_own_repr_eq_and_hash_are_kept() -> None:
    body = ("    x: int\n    def __repr__(self):\n        return 'mine'\n"
            "    def __eq__(self, other):\n        return True\n    def __hash__(self):\n        return 7\n")
    std, lean = both(body)
    assert (repr(lean(1)), lean(1) == lean(2), hash(lean(1))) == (repr(std(1)), True, 7) == ("mine", True, 7)


def test_recursion_in_repr_shows_dots() -> None:
    std, lean = both("    items: list\n    def __hash__(self):\n        return 0\n")
    a, b = std([]), lean([])
    a.items.append(a)
    b.items.append(b)
    assert repr(a) == repr(b) == "C(items=[...])"


@pytest.mark.parametrize("body, message", [
    ("    x: int = 1\n    y: int\n", "non-default argument 'y' follows default argument"),
    ("    x: int = field(default=1, kw_only=True)\n", "kw_only"),
    ("    x: int = field(default=1, init=False)\n", "init=False"),
    ("    x: InitVar[int] = 1\n", "InitVar"),  # a string annotation: this module's __future__ import
    ("    x: int\n    def __setattr__(self, name, value):\n        pass\n", "Cannot overwrite attribute __setattr__"),
])
def test_what_it_does_not_make_is_refused(body: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    probe = types.ModuleType("frozenclass_probe")  # where dataclasses looks up the InitVar annotation
    monkeypatch.setitem(sys.modules, probe.__name__, probe)
    probe.__dict__.update(field=field, InitVar=dataclasses.InitVar)
    exec("class C:\n" + body, probe.__dict__)
    with pytest.raises(TypeError, match=message):
        frozen_dataclass(probe.C)


#: the modules whose classes each module gives, lowest layer first, itself last (it re-exports the others')
PARTS = {
    "processes.model": ("processes.elementtext", "processes.flownodes", "processes.connections",
                        "processes.bpmnprocess", "processes.diagram", "processes.model"),
    "processes.params": ("processes.staffing", "processes.delegation", "processes.legalclock",
                         "processes.params"),
}


def twin(module: Any) -> dict[str, Any]:
    """``module`` and the modules of :data:`PARTS` its classes are written in, executed again from their
    source with the standard decorator in place of ``frozen_dataclass`` (each one importing the twins
    made before it): the classes ``module`` gives, by name."""
    names = PARTS[module.__name__]
    real = {name: importlib.import_module(name) for name in names}
    made = types.ModuleType(module.__name__)
    decorated = 0
    try:
        for name in names:
            source = Path(real[name].__file__).read_text(encoding="utf-8")  # type: ignore[arg-type]
            decorated += source.count("@frozen_dataclass\n")
            made = sys.modules[name] = types.ModuleType(name)  # the next sources import this twin's names
            made.__dict__.update({"__name__": __name__, "dataclass": dataclass})
            exec(compile(source.replace("@frozen_dataclass\n", "@dataclass(frozen=True, slots=True)\n"), "twin",
                         "exec"), made.__dict__)
    finally:
        sys.modules.update(real)
    assert decorated >= 10
    return made.__dict__


def as_twin(value: Any, classes: dict[str, Any], homes: tuple[str, ...]) -> Any:
    """``value`` with every instance of the classes of the modules ``homes`` rebuilt as the twin class."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        values = {f.name: as_twin(getattr(value, f.name), classes, homes) for f in dataclasses.fields(value)}
        return classes[type(value).__name__](**values) if type(value).__module__ in homes else value
    if isinstance(value, FrozenMap):
        return FrozenMap({k: as_twin(v, classes, homes) for k, v in value.items()})
    if isinstance(value, tuple):
        return tuple(as_twin(v, classes, homes) for v in value)
    return value


def instances(value: Any, homes: tuple[str, ...]) -> list[Any]:
    """Every instance of the classes of the modules ``homes`` in ``value``, depth first."""
    found = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if type(value).__module__ in homes:
            found.append(value)
        for f in dataclasses.fields(value):
            found += instances(getattr(value, f.name), homes)
    elif isinstance(value, FrozenMap):
        for v in value.values():
            found += instances(v, homes)
    elif isinstance(value, tuple):
        for v in value:
            found += instances(v, homes)
    return found


@pytest.mark.parametrize("name", ["helsingborg", "klippan", "national-reference"])
def test_library_models_and_parameters_are_the_same_as_with_the_standard_decorator(name: str) -> None:
    """The library's processes and parameters, rebuilt with the standard decorator's classes:
    every nested instance has the same repr, hash, equality, pickled state and docstring."""
    entry = load_entry(name)
    for module, value in ((model, entry.definitions), (params, entry.profile.simulation)):
        classes, homes = twin(module), PARTS[module.__name__]
        found = instances(value, homes)
        assert len({type(v) for v in found}) >= 5
        for item in found:
            std = as_twin(item, classes, homes)
            assert type(std).__dataclass_params__.frozen and type(std) is not type(item)
            assert repr(std) == repr(item)
            assert hash(std) == hash(item)
            assert type(std).__getstate__(std) == type(item).__getstate__(item) or repr(
                type(std).__getstate__(std)) == repr(type(item).__getstate__(item))
            assert type(std).__doc__ == type(item).__doc__
            assert str(inspect.signature(type(std))) == str(inspect.signature(type(item)))
            assert item == copy.deepcopy(item) and item == pickle.loads(pickle.dumps(item))
            assert (item == dataclasses.replace(item)) and (std == dataclasses.replace(std))


#: imports the model's classes in a fresh interpreter and says how many ``__init__`` sources it compiled and whether
#: the classes work
CODES_PROBE = """
import builtins, json, sys
compiled = []
real = builtins.compile
def counting(source, *args, **kwargs):
    if isinstance(source, str) and source.startswith("def __create_fn__"):
        compiled.append(source)
    return real(source, *args, **kwargs)
builtins.compile = counting
from processes import model
from processes.frozenclass import _code_file
builtins.compile = real
flow = model.SequenceFlow(id="f", source="a", target="b")
print(json.dumps([len(compiled), repr(flow), _code_file()]))
"""


def _probe_codes(tmp_path: Path, *, write: bool = True) -> tuple[int, str, str]:
    import json
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")  # this test's own bytecode folder
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run([sys.executable, "-c", CODES_PROBE], cwd=Path(__file__).resolve().parents[2], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    count, text, path = json.loads(done.stdout.strip().splitlines()[-1])
    return count, text, path


def test_compiled_inits_are_kept_beside_the_bytecode_and_read_back(tmp_path: Path) -> None:
    first, text, path = _probe_codes(tmp_path)
    assert first > 30  # the model's classes, compiled
    assert path.startswith(str(tmp_path / "pycache")) and Path(path).is_file()
    again, text_again, _ = _probe_codes(tmp_path)
    assert (again, text_again) == (0, text)  # nothing compiled: the code came from the file, and works the same
    assert text.startswith("SequenceFlow(id='f', source='a', target='b', name='', parent='', condition=None,")


def test_a_damaged_or_foreign_code_file_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    import importlib.util

    first, _, path = _probe_codes(tmp_path)
    kept = Path(path).read_bytes()
    for broken in (b"", b"nonsense", kept[:-100], b"\0\0\0\0" + kept[4:],
                   importlib.util.MAGIC_NUMBER + b"\xe9\x00\x00\x00\x00"):  # marshal of 0: not a dict
        Path(path).write_bytes(broken)
        assert _probe_codes(tmp_path)[0] == first
        assert Path(path).read_bytes()[:4] == importlib.util.MAGIC_NUMBER
    assert _probe_codes(tmp_path)[0] == 0


def test_no_code_file_without_bytecode_writing(tmp_path: Path) -> None:
    first, _, path = _probe_codes(tmp_path, write=False)
    assert first > 30 and not Path(path).exists()
