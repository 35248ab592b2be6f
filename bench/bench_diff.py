"""Benchmark: N-way comparison of ten models of about 40-55 elements each.

The ten models are the library processes (the authoring source, process.yaml) plus
variants of Helsingborg's made by a seeded generator (a step dropped, two neighbours
swapped, labels rephrased, every id renamed), so the matcher has real work to do.

    .venv/bin/python bench/bench_diff.py            # prints one line per measurement
    .venv/bin/python bench/bench_diff.py --repeat 5

Writes nothing; bench/RESULTS-diff.md records measured figures by hand with the machine.
"""

from __future__ import annotations

import argparse
import platform
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bpmn_io.authoring import read_authoring
from bpmn_io.profile import read_profile
from processes.diff import compare_models, prepare, profile_inputs
from processes.model import Definitions, FrozenMap, Gateway, SequenceFlow

LIBRARY = Path(__file__).resolve().parent.parent / "processes" / "library"
REPHRASE = {
    "Granska": "Granskning av",
    "Skicka": "Skickar",
    "Genomför": "Genomförande av",
    "Besluta": "Fatta beslut",
}


def library_models() -> list[tuple[str, Definitions, dict, dict]]:
    out = []
    for folder in sorted(LIBRARY.iterdir()):
        if (folder / "process.yaml").is_file() and (folder / "profile.yaml").is_file():
            facts, params = profile_inputs(read_profile(folder / "profile.yaml").raw)
            out.append((folder.name, read_authoring(folder / "process.yaml"), facts, params))
    return out


def variant(defs: Definitions, rng: np.random.Generator, tag: str) -> Definitions:
    """Drop one task (bridging its flows), rephrase labels, rename every node id."""
    proc = defs.process()
    tasks = [
        n
        for n in proc.nodes.values()
        if type(n).__name__ == "Task" and len(proc.incoming(n.id)) == 1 and len(proc.outgoing(n.id)) == 1
    ]
    drop = tasks[int(rng.integers(len(tasks)))]
    into, out_of = proc.incoming(drop.id)[0], proc.outgoing(drop.id)[0]
    flows = {k: f for k, f in proc.flows.items() if k not in (into.id, out_of.id)}
    flows[into.id] = SequenceFlow(id=into.id, source=into.source, target=out_of.target)
    prefix = f"{tag}_"
    nodes = {}
    for n in proc.nodes.values():
        if n.id == drop.id:
            continue
        name = n.name
        for old, new in REPHRASE.items():
            if not isinstance(n, Gateway) and name.startswith(old) and rng.random() < 0.5:
                name = new + name[len(old) :]
        extra = {"attached_to": prefix + n.attached_to} if getattr(n, "attached_to", "") else {}
        nodes[prefix + n.id] = replace(n, id=prefix + n.id, name=name, **extra)
    new_flows = {
        prefix + k: replace(f, id=prefix + k, source=prefix + f.source, target=prefix + f.target)
        for k, f in flows.items()
    }
    lane_sets = tuple(
        replace(
            ls,
            lanes=tuple(
                replace(la, flow_node_refs=tuple(prefix + r for r in la.flow_node_refs if r != drop.id))
                for la in ls.lanes
            ),
        )
        for ls in proc.lane_sets
    )
    new = replace(proc, nodes=FrozenMap(nodes), flows=FrozenMap(new_flows), lane_sets=lane_sets)
    return replace(defs, processes=(new,), collaborations=(), diagrams=())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--models", type=int, default=10)
    args = parser.parse_args()
    rng = np.random.default_rng(20261127)
    models = library_models()
    base = next(m for m in models if m[0] == "helsingborg")
    k = 0
    while len(models) < args.models:
        k += 1
        # the profile's per-element parameters follow the renamed ids
        params = {f"V{k}_{key}": value for key, value in base[3].items()}
        models.append((f"variant{k}", variant(base[1], rng, f"V{k}"), base[2], params))
    models = models[: args.models]
    sizes = [sum(len(p.nodes) for p in d.processes) for _, d, _, _ in models]
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}")
    print(
        f"models: {len(models)}, elements per model: min {min(sizes)}, mean {np.mean(sizes):.0f}, max {max(sizes)}"
    )
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        prepared = [prepare(d, name, facts=f, params=p) for name, d, f, p in models]
        result = compare_models(prepared)
        times.append(time.perf_counter() - start)
    print(
        f"compare {len(models)} models ({len(result.pairs)} pairs): "
        f"best {min(times):.2f} s, median {float(np.median(times)):.2f} s over {args.repeat} runs"
    )
    print(f"common core: {len(result.core)} steps; variation points: {len(result.variations)}")


if __name__ == "__main__":
    main()
