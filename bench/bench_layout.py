"""Layout (with labels) of generated models of 250 .. 4,000 tasks: time per size. Not a test.

    .venv/bin/python bench/bench_layout.py                     # sizes 250 500 1000 2000 4000
    .venv/bin/python bench/bench_layout.py --sizes 250 1000 --quick

Each size runs in a fresh child process (its own CPU seconds) and lays out a seeded model
without a diagram, as ``convert``/``render`` do: ``add_layout`` (Graphviz ``dot`` for the
positions, then routing, then the label placement of ``bpmn_io/layout_labels.py``). The
model: ``n`` tasks in sequences and parallel/exclusive blocks of two or three (named
exclusive gateways: "Komplett?"), a named timer event after every fifth task, in three
lanes, between a start and an end event; every event and named gateway has an external
label to place. Reported per size: CPU seconds of the whole layout, of the Graphviz child
(``dot``), of label placement, and the CPU seconds per task.
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
sys.path.insert(0, str(ROOT))


def model(n: int, seed: int = 1) -> object:
    import numpy as np

    from processes.model import (
        Definitions,
        Event,
        EventDefinition,
        FrozenMap,
        Gateway,
        Lane,
        LaneSet,
        Process,
        SequenceFlow,
        Task,
    )

    rng = np.random.default_rng(seed)
    nodes: dict[str, object] = {"S": Event(id="S", name="Ansökan inkommen", position="start")}
    flows: dict[str, SequenceFlow] = {}
    last, k = "S", 0

    def flow(u: str, v: str) -> None:
        fid = f"F{len(flows)}"
        flows[fid] = SequenceFlow(id=fid, source=u, target=v)

    while k < n:
        width = 1 if rng.random() < 0.7 else int(rng.integers(2, 4))
        kind = "parallel" if rng.random() < 0.5 else "exclusive"
        split = join = ""
        if width > 1:
            split, join = f"G{k}s", f"G{k}j"
            nodes[split] = Gateway(id=split, gateway_kind=kind, name="Komplett?" if kind == "exclusive" else "")
            nodes[join] = Gateway(id=join, gateway_kind=kind)
            flow(last, split)
        ends = []
        for _ in range(width):
            tid = f"T{k}"
            nodes[tid] = Task(id=tid, name=f"Handlägg steg {k}")
            flow(split or last, tid)
            ends.append(tid)
            k += 1
            if k % 5 == 0 and width == 1:
                eid = f"W{k}"
                nodes[eid] = Event(id=eid, name=f"Vänta svar {k}", position="intermediate_catch",
                                   definitions=(EventDefinition(kind="timer"),))
                flow(tid, eid)
                ends[-1] = eid
        if width > 1:
            for t in ends:
                flow(t, join)
            last = join
        else:
            last = ends[0]
    nodes["E"] = Event(id="E", name="Ärendet avslutat", position="end")
    flow(last, "E")
    ids = list(nodes)
    lanes = tuple(Lane(id=f"L{i}", name=name, flow_node_refs=tuple(ids[i::3]))
                  for i, name in enumerate(("Registrator", "Handläggare", "Nämnd")))
    process = Process(id="P", nodes=FrozenMap(nodes), flows=FrozenMap(flows),  # type: ignore[arg-type]
                      lane_sets=(LaneSet(id="LS", lanes=lanes),))
    return Definitions(processes=(process,))


def child(n: int) -> None:
    from bpmn_io import layout_labels
    from bpmn_io.dot import layout_session
    from bpmn_io.layout import add_layout

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
    print(json.dumps({"n": n, "python": own, "dot": kids.ru_utime + kids.ru_stime, "labels": spent[0],
                      "shapes": shapes, "engine": session.runs[0].engine if session.runs else "-"}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000, 4000])
    parser.add_argument("--quick", action="store_true", help="sizes 250 and 500 only (bench/run_all.py)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    sizes = [250, 500] if args.quick else args.sizes
    print(f"machine: {os.cpu_count()} logical CPUs; load {os.getloadavg()[0]:.2f} at start; "
          "CPU seconds (user + system) per child process")
    print("| tasks | shapes | layout CPU s (Python) | Graphviz CPU s | label placement CPU s | Python CPU ms per task | engine |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for n in sizes:
        done = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {n:,} | {r['shapes']:,} | {r['python']:.2f} | {r['dot']:.2f} | {r['labels']:.2f} | "
              f"{1000 * r['python'] / n:.2f} | {r['engine']} |", flush=True)
    print(f"load {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
