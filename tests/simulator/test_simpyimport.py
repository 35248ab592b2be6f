"""simulator/simpyimport.py: the engine's simpy without simpy's __init__ at start-up, and the whole
package as ``import simpy`` makes it as soon as anyone asks for more. Each check runs in a fresh
interpreter (the state under test is ``sys.modules``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

#: the package's names and what each is, as ``import simpy`` leaves them
DESCRIBE = """
def describe(package):
    def what(value):
        if isinstance(value, type(sys)):
            return "module " + value.__name__
        if isinstance(value, type):
            return "class " + value.__module__ + "." + value.__qualname__
        return type(value).__name__ + " " + (repr(value) if isinstance(value, (str, list, tuple, int)) else "")
    return {name: what(value) for name, value in vars(package).items() if name not in ("__builtins__", "__spec__",
                                                                                          "__loader__")}
"""


def probe(code: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", "import json, sys\n" + DESCRIBE + code], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_engine_gets_its_names_without_simpys_init() -> None:
    found = probe("""
from simulator.simpyimport import ENGINE_NAMES, simpy
import importlib
before = "importlib.metadata" in sys.modules
same = all(getattr(simpy, name) is getattr(importlib.import_module(home), name) for name, home in ENGINE_NAMES.items())
print(json.dumps({"metadata": before, "same": same, "kind": type(simpy).__name__,
                  "registered": sys.modules["simpy"] is simpy, "path": list(simpy.__path__)}))
""")
    assert found["metadata"] is False  # simpy's __init__ (which asks importlib.metadata) has not run
    assert found["same"] is True and found["kind"] == "_Deferred" and found["registered"] is True
    assert found["path"] and Path(str(found["path"][0])).name == "simpy"  # type: ignore[index]


def test_asking_for_another_name_gives_the_package_import_simpy_makes() -> None:
    plain = probe("import simpy\nprint(json.dumps(describe(simpy)))")
    deferred = probe("""
from simulator.simpyimport import simpy
store = simpy.Store  # not an engine name: simpy's __init__ runs first
import importlib.metadata
assert simpy.__version__ == importlib.metadata.version("simpy") and type(simpy) is type(sys)
print(json.dumps(describe(simpy)))
""")
    assert deferred == plain
    assert "__version__" in plain and "class simpy.resources.store.Store" in plain.values()


def test_from_simpy_import_star_and_a_missing_name() -> None:
    found = probe("""
from simulator.simpyimport import simpy
namespace = {}
exec("from simpy import *", namespace)
try:
    simpy.NoSuchThing
    missing = "found"
except AttributeError as err:
    missing = str(err)
print(json.dumps({"star": sorted(k for k in namespace if k != "__builtins__"), "all": sorted(simpy.__all__),
                  "missing": missing}))
""")
    assert found["star"] == found["all"] and "Container" in found["all"]  # type: ignore[operator]
    assert "NoSuchThing" in str(found["missing"])


def test_threads_asking_at_once_all_get_the_whole_package() -> None:
    found = probe("""
import threading
from simulator.simpyimport import simpy
start, got, errors = threading.Barrier(8), [], []
def ask():
    start.wait()
    try:
        got.append((simpy.PriorityStore, simpy.Container, simpy.__version__))
    except Exception as err:
        errors.append(repr(err))
threads = [threading.Thread(target=ask) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"errors": errors, "answers": len(got), "distinct": len(set(got))}))
""")
    assert found == {"errors": [], "answers": 8, "distinct": 1}


def test_a_simpy_imported_before_is_used_as_it_is() -> None:
    found = probe("""
import simpy
real = simpy
from simulator.simpyimport import simpy as engine_simpy
print(json.dumps({"same": engine_simpy is real, "kind": type(engine_simpy).__name__}))
""")
    assert found == {"same": True, "kind": "module"}
