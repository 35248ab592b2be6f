"""Layout (with labels) of generated models of 250 .. 4,000 tasks: time per size. Not a test.

    .venv/bin/python bench/bench_layout.py                     # sizes 250 500 1000 2000 4000
    .venv/bin/python bench/bench_layout.py --sizes 250 1000 --quick

Each size runs in a fresh child process (its own CPU seconds) and lays out a seeded model
without a diagram, as ``convert``/``render`` do: ``add_layout`` (Graphviz ``dot`` for the
positions, then routing, then the label placement of ``bpmn_io/layout_labels.py``). The
model: bench_diff's ``n`` tasks in sequences and parallel/exclusive blocks of two or three,
with named exclusive splits ("Komplett?"), a named timer event after every fifth task, in
three lanes; every event and named gateway has an external label to place. Reported per size: CPU seconds of the whole layout, of the Graphviz child
(``dot``), of label placement, and the CPU seconds per task.

``--dot PATH`` runs that Graphviz executable (e.g. Debian's ``/usr/bin/dot``) instead of the
one permitflow finds; ``--one-graph`` turns the chained blocks of ``bpmn_io/layout_chain.py``
off (every container one dot run, as before), for a before/after comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def model(n: int, seed: int = 1) -> object:
    """bench_diff's seeded model of ``n`` tasks, with named exclusive splits, a named timer
    event after every fifth task and three lanes: labels to place."""
    from dataclasses import replace

    from bench_diff import large_model

    from processes.model import (
        Definitions,
        Event,
        EventDefinition,
        FrozenMap,
        Gateway,
        Lane,
        LaneSet,
        SequenceFlow,
        Task,
    )

    process = large_model(n, seed).processes[0]
    nodes, flows = dict(process.nodes), dict(process.flows)
    for gid, node in process.nodes.items():
        if isinstance(node, Gateway) and node.gateway_kind == "exclusive" and gid.endswith("s"):
            nodes[gid] = replace(node, name="Komplett?")
    outgoing = {f.source: fid for fid, f in process.flows.items()}
    tasks = [tid for tid, node in process.nodes.items() if isinstance(node, Task)]
    for tid in tasks[4::5]:
        eid = f"W{tid}"
        nodes[eid] = Event(id=eid, name=f"Vänta svar {tid}", position="intermediate_catch",
                           definitions=(EventDefinition(kind="timer"),))
        fid = outgoing[tid]
        flows[fid] = replace(flows[fid], source=eid)
        flows[f"{fid}w"] = SequenceFlow(id=f"{fid}w", source=tid, target=eid)
    ids = list(nodes)
    lanes = tuple(Lane(id=f"L{i}", name=name, flow_node_refs=tuple(ids[i::3]))
                  for i, name in enumerate(("Registrator", "Handläggare", "Nämnd")))
    return Definitions(processes=(replace(
        process, nodes=FrozenMap(nodes), flows=FrozenMap(flows), lane_sets=(LaneSet(id="LS", lanes=lanes),)),))


def child(n: int, dot: str | None, one_graph: bool) -> None:
    from bpmn_io import dot as dot_module
    from bpmn_io import layout_chain, layout_labels
    from bpmn_io.dot import layout_session
    from bpmn_io.layout import add_layout

    if dot:
        dot_module.find_dot = lambda: dot  # type: ignore[assignment]
    if one_graph:
        layout_chain.CHAIN_NODES = 10**9  # as before chained blocks: one dot run per container

    defs = model(n)
    spent = [0.0]
    settle = layout_labels.settle_labels

    def timed(*args: object, **kwargs: object) -> object:
        began = time.process_time()
        try:
            return settle(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent[0] += time.process_time() - began

    import bpmn_io.layout as layout_module

    layout_module.settle_labels = timed  # type: ignore[assignment]
    began = time.process_time()
    with layout_session(0) as session:
        out = add_layout(defs)  # type: ignore[arg-type]
    own = time.process_time() - began
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    shapes = sum(len(d.plane.shapes) for d in out.diagrams)
    engine = session.runs[0].engine if session.runs else "-"
    blocks = max((run.blocks for run in session.runs), default=1)
    print(json.dumps({"n": n, "python": own, "dot": kids.ru_utime + kids.ru_stime, "labels": spent[0],
                      "shapes": shapes, "engine": engine + (f", {blocks} blocks" if blocks > 1 else "")}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000, 4000])
    parser.add_argument("--quick", action="store_true", help="sizes 250 and 500 only (bench/run_all.py)")
    parser.add_argument("--dot", help="the Graphviz executable to run (default: as permitflow finds it)")
    parser.add_argument("--one-graph", action="store_true",
                        help="lay every container out as one graph (no chained blocks), for comparison")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.dot, args.one_graph)
        return
    sizes = [250, 500] if args.quick else args.sizes
    print(f"machine: {os.cpu_count()} logical CPUs; load {os.getloadavg()[0]:.2f} at start; "
          "CPU seconds (user + system) per child process")
    print("| tasks | shapes | layout CPU s (Python) | Graphviz CPU s | label placement CPU s | Python CPU ms per task | engine |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for n in sizes:
        options = [*(["--dot", args.dot] if args.dot else []), *(["--one-graph"] if args.one_graph else [])]
        done = subprocess.run([sys.executable, __file__, "--child", str(n), *options], capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:  # the child's own last line (e.g. a --dot that cannot run), not a traceback of ours
            why = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            sys.exit(f"bench_layout.py: {n:,} tasks: {why}")
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {n:,} | {r['shapes']:,} | {r['python']:.2f} | {r['dot']:.2f} | {r['labels']:.2f} | "
              f"{1000 * r['python'] / n:.2f} | {r['engine']} |", flush=True)
    print(f"load {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
