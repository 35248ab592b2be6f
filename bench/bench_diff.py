"""Benchmark the diff: N-way of ten ~50-step models, two 1,000-step models, a 20,000-step
model against itself, a synonym file with a 100,000-word group.

* ``nway``: the library processes (the authoring source, process.yaml) plus variants of
  Helsingborg's made by a seeded generator (a step dropped, labels rephrased, every id
  renamed), so the matcher has real work to do;
* ``large``: a seeded generated model of ``--steps`` tasks (sequences, parallel and
  exclusive blocks, Swedish labels from a small vocabulary, half of them numbered) against
  a variant with 30 % of the labels rephrased and every id renamed;
* ``self``: a generated model of ``--self-steps`` tasks against itself;
* ``synonyms``: ``large`` with a user synonym list holding one group of 100,000 words;
* ``unlike``: two models of ``--steps`` tasks sharing no label and differing in shape
  (labels of two words from vocabularies of their own, which the language detection must
  look up in the lemma dictionaries when they are installed);
* ``middle``: ``large`` with about half of the variant's task labels replaced by such words.

Each case runs in a fresh child process, so its CPU seconds (user + system) and peak
memory (max RSS) are its own, imports included; the CPU seconds of the helper processes the
N-way comparison forks (``--workers``, default all cores as ``permitflow compare``) are
counted in both CPU columns. The child runs with bytecode caching on (as installed), even
when PYTHONDONTWRITEBYTECODE is set, and with an empty cache folder of its own (``PERMITFLOW_CACHE``:
no YAML or BPMN parsed by an earlier run is read back; ``--user-cache`` for the user's folder):

    .venv/bin/python bench/bench_diff.py                       # every case
    .venv/bin/python bench/bench_diff.py --cases nway large --repeat 3
    .venv/bin/python bench/bench_diff.py --cases unlike middle --repeat 3
    .venv/bin/permitflow compare $(.venv/bin/python bench/bench_diff.py --write-models /tmp/nway) --format json

Writes nothing (but the files of --write-models); bench/RESULTS-diff.md records measured figures with the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bpmn_io.authoring import read_authoring
from bpmn_io.profile import read_profile
from processes.diff import compare_models, prepare, profile_inputs
from processes.model import Definitions, Event, FrozenMap, Gateway, Process, SequenceFlow, Task

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
        and not any(getattr(b, "attached_to", "") == n.id for b in proc.nodes.values())  # no boundary event left
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
        if getattr(n, "default", ""):  # a gateway's or activity's default flow follows the renamed flow ids
            extra["default"] = prefix + (into.id if n.default == out_of.id else n.default)
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


VERBS = ["Granska", "Registrera", "Skicka", "Kontrollera", "Besluta om", "Begär", "Utred", "Dokumentera",
         "Arkivera", "Meddela", "Bedöm", "Boka", "Sammanställ", "Komplettera", "Fördela"]
OBJECTS = ["ansökan", "remiss", "yttrande", "avgift", "kunskapsprov", "platsbesök", "beslut", "underlag",
           "komplettering", "tillståndsbevis", "utredning", "lokal", "ärende", "faktura", "handlingar"]
QUALIFIERS = ["till Polisen", "till Skatteverket", "från miljöförvaltningen", "hos sökanden", "i diariet",
              "för serveringsstället", "till nämnden", "om servering", "", ""]
REWORD = {"Granska": "Granskning av", "Registrera": "Diarieför", "Skicka": "Skickar", "Kontrollera": "Kontroll av",
          "Besluta om": "Beslut om", "Utred": "Utredning av", "Bedöm": "Bedömning av", "Boka": "Bokning av"}


def large_model(n: int, seed: int) -> Definitions:
    """A seeded model of ``n`` tasks: 70 % single steps, the rest parallel or exclusive
    blocks of two or three; between a start and an end event."""
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
            nodes[split] = Gateway(id=split, gateway_kind=kind)
            nodes[join] = Gateway(id=join, gateway_kind=kind)
            flow(last, split)
        ends = []
        for _ in range(width):
            label = " ".join(
                (VERBS[rng.integers(len(VERBS))], OBJECTS[rng.integers(len(OBJECTS))], QUALIFIERS[rng.integers(len(QUALIFIERS))])
            ).strip()
            tid = f"T{k}"
            nodes[tid] = Task(id=tid, name=f"{label} {k // 50 + 1}" if rng.random() < 0.5 else label)
            flow(split or last, tid)
            ends.append(tid)
            k += 1
        if width > 1:
            for t in ends:
                flow(t, join)
            last = join
        else:
            last = ends[0]
    nodes["E"] = Event(id="E", name="Ärendet avslutat", position="end")
    flow(last, "E")
    return Definitions(processes=(Process(id="P", nodes=FrozenMap(nodes), flows=FrozenMap(flows)),))  # type: ignore[arg-type]


def reworded(defs: Definitions, seed: int) -> Definitions:
    """``defs`` with 30 % of the task labels reworded and every id renamed."""
    rng = np.random.default_rng(seed)
    proc = defs.processes[0]
    nodes = {}
    for nid, node in proc.nodes.items():
        name = node.name
        if isinstance(node, Task) and rng.random() < 0.3:
            for old, new in REWORD.items():
                if name.startswith(old):
                    name = new + name[len(old) :]
                    break
        nodes["V" + nid] = replace(node, id="V" + nid, name=name)
    flows = {"V" + k: replace(f, id="V" + k, source="V" + f.source, target="V" + f.target) for k, f in proc.flows.items()}
    return replace(defs, processes=(replace(proc, id="VP", nodes=FrozenMap(nodes), flows=FrozenMap(flows)),))


def relabelled(defs: Definitions, seed: int, share: float, word: str = "ord") -> Definitions:
    """``defs`` with a ``share`` of its task labels (drawn by ``seed``) replaced by two words
    from a vocabulary of 5,000 that no permit process uses (``ord17 ord4203``; ``word`` the
    stem): labels no other step says, in no language the stop words recognise."""
    rng = np.random.default_rng(seed)
    proc = defs.processes[0]
    nodes = {}
    for nid, node in proc.nodes.items():
        if isinstance(node, Task) and rng.random() < share:
            first, second = rng.integers(5000, size=2)
            node = replace(node, name=f"{word}{first} {word}{second}")
        nodes[nid] = node
    return replace(defs, processes=(replace(proc, nodes=FrozenMap(nodes)),))


def unlike_models(n: int) -> tuple[Definitions, Definitions]:
    """Two models of ``n`` tasks that share no label and differ in shape: generated with
    different seeds, every label two words of a vocabulary of its own (``ord..`` against
    ``xord..``); bench/RESULTS-diff.md's worst case of branch large2."""
    return relabelled(large_model(n, 1), 11, 1.0), relabelled(reworded(large_model(n, 3), 2), 12, 1.0, "xord")


def middle_models(n: int) -> tuple[Definitions, Definitions]:
    """``large`` with about half the steps different: the reworded variant with half its
    task labels replaced by words the other model does not have."""
    a = large_model(n, 1)
    return a, relabelled(reworded(a, 2), 13, 0.5, "xord")


def nway_models(count: int) -> list[tuple[str, Definitions, dict, dict]]:
    rng = np.random.default_rng(20261127)
    models = library_models()
    base = next(m for m in models if m[0] == "helsingborg")
    k = 0
    while len(models) < count:
        k += 1
        # the profile's per-element parameters follow the renamed ids
        params = {f"V{k}_{key}": value for key, value in base[3].items()}
        models.append((f"variant{k}", variant(base[1], rng, f"V{k}"), base[2], params))
    return models[:count]


def write_nway_models(folder: Path) -> list[Path]:
    """The ``nway`` case's ten models as files, for timing ``permitflow compare`` on them:
    ``folder/<name>/process.yaml`` and ``profile.yaml`` copied from each library folder, and each
    variant as ``process.bpmn`` with Helsingborg's profile, its element ids renamed as the variant's
    are. Returns the model files in the case's order."""
    import shutil

    import yaml

    from bpmn_io.writer import write_bpmn

    paths = []
    for name, defs, _facts, _params in nway_models(10):
        out = folder / name
        out.mkdir(parents=True, exist_ok=True)
        if (LIBRARY / name).is_dir():
            for file in ("process.yaml", "profile.yaml"):
                shutil.copy(LIBRARY / name / file, out / file)
            paths.append(out / "process.yaml")
            continue
        write_bpmn(defs, out / "process.bpmn")
        tag = name.replace("variant", "V") + "_"
        raw = yaml.safe_load((LIBRARY / "helsingborg" / "profile.yaml").read_text(encoding="utf-8"))
        sim = raw.get("simulation") or {}
        sim["elements"] = {tag + k: v for k, v in (sim.get("elements") or {}).items()}
        if (sim.get("decision") or {}).get("element"):
            sim["decision"]["element"] = tag + sim["decision"]["element"]
        (out / "profile.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(out / "process.bpmn")
    return paths


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child(case: str, steps: int, self_steps: int, workers: int = 1) -> str:
    """Run one case in this process (the comparison timed on its own, CPU seconds, with the
    helpers it forks) and report it with this process's total CPU (helpers included) and
    peak memory, tab-separated."""
    from processes.diff import builtin_synonyms, diff_models, parse_synonyms

    if case == "nway":
        models = nway_models(10)
        start, helpers = time.process_time(), _children_cpu()
        prepared = [prepare(d, name, facts=f, params=p) for name, d, f, p in models]
        result = compare_models(prepared, workers=workers)
        own = time.process_time() - start + _children_cpu() - helpers
        what = f"{len(result.pairs)} pairs, common core {len(result.core)}, variation points {len(result.variations)}"
    else:
        if case == "self":
            a = b = large_model(self_steps, 1)
        elif case == "unlike":
            a, b = unlike_models(steps)
        elif case == "middle":
            a, b = middle_models(steps)
        else:
            a = large_model(steps, 1)
            b = reworded(a, 2)
        start = time.process_time()
        words = None
        if case == "synonyms":
            group = ", ".join(f"ord{i}" for i in range(100_000))
            words = builtin_synonyms().merged(parse_synonyms(f"groups:\n  - [{group}]\n", source="big.yaml"))
        d = diff_models(a, b, synonyms=words)
        own = time.process_time() - start
        what = f"{len(d.matches)} matches, {len(d.uncertain)} uncertain, {len(d.differences)} differences"
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = usage.ru_utime + usage.ru_stime + _children_cpu()
    return f"{own:.2f}\t{total:.2f}\t{usage.ru_maxrss / 1024:.0f}\t{what}"


def measure(case: str, args: argparse.Namespace) -> tuple[float, float, float, float, str]:
    """(CPU s of the comparison, CPU s of the whole process, wall s, peak MB, result) of one
    case in a fresh child process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # bytecode cached, as installed
    with tempfile.TemporaryDirectory(prefix="bench-diff-cache-") as cache:
        if not args.user_cache:  # cold: models and profiles the tool has never read (no parsed YAML kept)
            env["PERMITFLOW_CACHE"] = cache
        return _timed_child(case, args, env)


def _timed_child(case: str, args: argparse.Namespace, env: dict[str, str]) -> tuple[float, float, float, float, str]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--child", case, "--steps", str(args.steps), "--self-steps", str(args.self_steps),
         "--workers", str(args.workers)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    wall = time.perf_counter() - start
    own, total, peak, what = out.split("\t")
    return float(own), float(total), wall, float(peak), what


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cases = ["nway", "large", "synonyms", "self", "unlike", "middle"]
    parser.add_argument("--cases", nargs="*", default=cases, choices=cases)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--self-steps", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=0,
                        help="processes for the N-way comparison's pairs (default: all cores, as permitflow compare)")
    parser.add_argument("--user-cache", action="store_true",
                        help="let each child use the user's cache folder (parsed YAML and BPMN of earlier runs); "
                             "default: an empty one per child, a cold run")
    parser.add_argument("--write-models", type=Path, metavar="DIR",
                        help="write the nway case's ten models as files under DIR (for timing `permitflow compare` "
                             "on them), print their paths and stop")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_models:
        print(" ".join(str(p) for p in write_nway_models(args.write_models)))
        return
    if args.workers < 1:
        from processes.diff.forkpairs import default_workers

        args.workers = default_workers()
    if args.child:
        print(child(args.child, args.steps, args.self_steps, args.workers))
        return
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, python {platform.python_version()}")
    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])} (N-way workers: {args.workers})")
    print(f"cache: {'the user cache folder' if args.user_cache else 'an empty folder per child (cold)'}")
    print("| case | comparison CPU s | whole process CPU s | wall s | peak MB (max RSS) | result |")
    print("|---|---|---|---|---|---|")
    for case in args.cases:
        runs = [measure(case, args) for _ in range(args.repeat)]
        best = min(runs)
        print(
            f"| {case} | {best[0]:.2f} | {best[1]:.2f} | {best[2]:.2f} | {max(r[3] for r in runs):.0f} | {best[4]} |"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
