"""A model discovered from a library municipality's simulated log against the model that simulated it. Not a test.

``discover`` (defaults: ``--min-frequency 0.1 --noise 0.2``) and calibrate on the whole log, as ``discover LOG -o
m.bpmn --profile-out p.yaml`` does; then, per discovered step whose name is one of the library model's elements:
whether it lies on a cycle of the discovered model (in a loop) and of the true one, its fitted mean and the true
profile's mean (hours), the error, and how many of its waits the fit counted as open at the export. The
structure and per-step figures of qadisc2 (referral answers in the supplement loop)::

    .venv/bin/python cli.py simulate helsingborg --years 2 --seed 7 --set arrivals.per_year=120 \\
        --set pools.officer.fte=1.0 --set pools.registry.fte=1.0 -r 1 --eventlog log.xes
    PYTHONPATH=. .venv/bin/python bench/discover_truth.py log.xes helsingborg
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import networkx as nx
import yaml

from bpmn_io.library import library_paths
from bpmn_io.logfiles import read_log
from bpmn_io.reader import read_bpmn
from calibrate.core import calibrate
from calibrate.discover import discover_model
from calibrate.mapping import map_activities
from processes.distributions import distribution_from_data
from processes.graph import flow_graph
from processes.model import Process


def in_loops(process: Process) -> set[str]:
    """The names of the steps on a cycle of ``process``'s flows."""
    graph = flow_graph(process).to_networkx()
    cyclic = {n for part in nx.strongly_connected_components(graph) if len(part) > 1 for n in part}
    return {process.nodes[n].name for n in cyclic if n in process.nodes and getattr(process.nodes[n], "name", "")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("truth", help="the library municipality whose model simulated the log")
    args = parser.parse_args(argv)
    table, _ = read_log(args.log)
    found = discover_model(table)
    result = calibrate(found.defs, found.table, map_activities(found.defs, found.table), base=found.base())
    fitted = result.report["durations"]
    bpmn, profile = library_paths(args.truth)
    true_process = read_bpmn(bpmn).process()
    elements = yaml.safe_load(profile.read_text(encoding="utf-8"))["simulation"]["elements"]
    truth = {}
    for eid, node in true_process.nodes.items():
        data = elements.get(eid) or {}
        key = "delay" if "delay" in data else "duration" if "duration" in data else None
        if key and getattr(node, "name", ""):
            truth[node.name] = distribution_from_data(data[key], work=key == "duration").mean()
    looped, true_looped = in_loops(found.defs.process()), in_loops(true_process)
    print(f"{'step':<52} {'loop':>4} {'true':>4} {'fitted h':>9} {'true h':>8} {'error':>7} {'open':>5}")
    errors = []
    for eid, node in sorted(found.defs.process().nodes.items(), key=lambda kv: getattr(kv[1], "name", "")):
        name = getattr(node, "name", "")
        if name not in truth or eid not in fitted or fitted[eid].get("kind") != "delay":
            continue
        mean, true = float(fitted[eid]["mean_hours"]), truth[name]
        errors.append(abs(mean - true) / true)
        print(f"{name[:52]:<52} {'yes' if name in looped else 'no':>4} {'yes' if name in true_looped else 'no':>4} "
              f"{mean:>9.0f} {true:>8.0f} {100 * (mean - true) / true:>+6.0f}% "
              f"{fitted[eid].get('open_at_export', 0):>5}")
    print(f"{len(errors)} waits; mean absolute error {100 * sum(errors) / max(len(errors), 1):.0f}%; steps in a "
          f"loop: {', '.join(sorted(looped)) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
