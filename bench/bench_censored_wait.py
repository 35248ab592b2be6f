"""The supplement wait that a boundary timer ends, calibrated back from simulated logs: how near the truth?

Helsingborg's model and profile simulated for 2 years at 120 applications a year, both pools at full time
(as tests/calibrate/test_interval_coverage.py and the README's validation run), one seed at a time, its
XES calibrated back. The wait for a supplement, ``Task_Invanta_Komplettering``, is triangular 3 days,
1 week, 5 weeks in the library profile (true mean 360 h); its boundary timer ``Timer_Svarstid_Ute`` ends
it at 4 weeks (672 h; about 5.5 % of the waits), and the log then has the timer's event and no completion
of the wait. Per seed: the fitted family and mean, its 95 % interval, whether the interval covers 360 h,
and the waits completed and cut off by the timer as the fit counted them; then the mean fitted mean and
the intervals that covered the truth over all seeds.

    .venv/bin/python bench/bench_censored_wait.py              # seeds 1-20
    .venv/bin/python bench/bench_censored_wait.py --seeds 3    # seeds 1-3

``--export-after DAYS`` cuts each simulated log where a municipality's export would: at 12:00 on the day
DAYS after the log's first event, every event after that instant dropped (a wait begun before it and ended
after it keeps its begin and loses its end; the reader leaves out a lifecycle start without its complete).
Then two waits are measured: the supplement wait above and the police's answer to a request for an opinion,
``Event_Remissvar_Polis`` (triangular 2, 3, 4 weeks: true mean 504 h, no timer), each with the waits the
fit counted as completed, cut off by a timer and open at the export, and the waits truly open at the export
(the simulator's lifecycle starts the cut left without their completion, the supplement waits its timer
ended after the export, 4 weeks after they began, and the answers a withdrawal after the export cancelled, of
which the simulator's log has no event). ``--code DIR`` runs the calibration of
another checkout (e.g. /work/main, the code before a change) on the same logs. ``--given-export`` gives
``calibrate`` the cut instant as ``--exported-at`` (without it the export is the log's last event, and a wait
begun by that event has run 0 h: not counted open):

    .venv/bin/python bench/bench_censored_wait.py --export-after 540
    .venv/bin/python bench/bench_censored_wait.py --export-after 540 --code /work/main

Deterministic (fixed seeds): the same code prints the same table. Writes only in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

WAIT = "Task_Invanta_Komplettering"
TRUE_MEAN_H = (72.0 + 168.0 + 840.0) / 3  # triangular 3 d, 1 w, 5 w
#: the waits measured on a log cut at an export: element -> true mean (hours)
EXPORT_WAITS = {WAIT: TRUE_MEAN_H, "Event_Remissvar_Polis": (336.0 + 504.0 + 672.0) / 3}  # triangular 2, 3, 4 w
XES = "{http://www.xes-standard.org/}"
#: the interrupting timer -> the wait it ends and when (the simulator's log has no event of a wait its timer ends)
TIMERS = {"Timer_Svarstid_Ute": (WAIT, dt.timedelta(weeks=4))}


#: the head of each wait's table ("95%" as English writes per cent: it said "95 %")
TABLE_HEAD = "| seed | family | fitted mean, h | 95% interval, h | covers | completed | cut off by the timer |"


def answer_enablers(process: Any) -> dict[str, str]:
    """Each intermediate catch event of ``process`` (a referral's answer, a test date) whose one incoming flow
    comes from a task: that task, which enables it."""
    from processes.model import Event, Task

    into: dict[str, list[str]] = {}
    for flow in process.flows.values():
        into.setdefault(flow.target, []).append(flow.source)
    return {nid: into[nid][0] for nid, node in process.nodes.items()
            if isinstance(node, Event) and node.position == "intermediate_catch"
            and len(into.get(nid, ())) == 1 and isinstance(process.nodes.get(into[nid][0]), Task)}


def _helsingborg_enablers() -> dict[str, str]:
    from bpmn_io.library import library_paths
    from bpmn_io.reader import read_bpmn

    return answer_enablers(read_bpmn(library_paths("helsingborg")[0]).process())


def _cancelled_open(events: list[dict[str, str]], export: dt.datetime,
                    enablers: dict[str, str]) -> Counter[str]:
    """Per wait, how many of a trace's waits were awaited at ``export`` and have no event in its log: their
    enabler completed by then, the case went on after the export (it has an event later), and it was ended
    with the wait still awaited (a withdrawal cancels a referral's answer, and the simulator's log then has
    no event of it, not even its start). A wait a timer can end is left to the timer's count
    (:data:`TIMERS`)."""
    stamped = [(e.get("permitflow:element"), e.get("lifecycle:transition"),
                dt.datetime.fromisoformat(e["time:timestamp"])) for e in events]
    if all(when <= export for _, _, when in stamped):
        return Counter()  # ended by the export: a wait it cancelled was not awaited then
    by_export = Counter((element, transition) for element, transition, when in stamped if when <= export)
    hosts = {host for host, _ in TIMERS.values()}
    return Counter({wait: n for wait, enabler in enablers.items() if wait not in hosts
                    if (n := by_export[enabler, "complete"] - by_export[wait, "start"]) > 0})


def cut_at_export(log: Path, days: int,
                  enablers: dict[str, str] | None = None) -> tuple[Counter[str], dt.datetime]:
    """Drop every event of ``log`` after 12:00 on the day ``days`` after its first event (and the traces left
    empty), in place; per element, the waits truly open at the export: the simulator's lifecycle starts left
    without their completion, the waits a timer ends after the export that began before it (the simulator's
    log has no event of a wait its timer ends, not even its start), and the waits a case's end cancelled after
    the export that its enabler began before it (no event either; ``enablers``: wait -> the task that enables
    it, by default Helsingborg's, :func:`answer_enablers`); and the export instant."""
    from lxml import etree

    enablers = _helsingborg_enablers() if enablers is None else enablers
    tree = etree.parse(str(log))
    stamps = tree.getroot().iter(f"{XES}date")
    first = min(dt.datetime.fromisoformat(d.get("value")) for d in stamps if d.get("key") == "time:timestamp")
    export = dt.datetime.combine(first.date() + dt.timedelta(days=days), dt.time(12), first.tzinfo)
    opened: Counter[str] = Counter()
    for trace in list(tree.getroot().iter(f"{XES}trace")):
        opened.update(_cancelled_open([{a.get("key"): a.get("value") for a in event}
                                       for event in trace.findall(f"{XES}event")], export, enablers))
        for event in trace.findall(f"{XES}event"):
            when = event.find(f"{XES}date[@key='time:timestamp']")
            if when is not None and dt.datetime.fromisoformat(when.get("value")) > export:
                said = {a.get("key"): a.get("value") for a in event}
                host, after = TIMERS.get(said.get("permitflow:element", ""), ("", dt.timedelta()))
                fired = dt.datetime.fromisoformat(when.get("value"))
                if host and said.get("lifecycle:transition") == "complete" and fired - after < export:
                    opened[host] += 1  # the timer ends, after the export, a wait begun before it
                trace.remove(event)
        if trace.find(f"{XES}event") is None:
            trace.getparent().remove(trace)
    tree.write(str(log), xml_declaration=True, encoding="UTF-8")
    for trace in tree.getroot().iter(f"{XES}trace"):
        seen: Counter[tuple[str, str]] = Counter()
        for event in trace.findall(f"{XES}event"):
            said = {a.get("key"): a.get("value") for a in event}
            seen[said.get("permitflow:element", ""), said.get("lifecycle:transition", "")] += 1
        for (element, transition), n in seen.items():
            if transition == "start":
                opened[element] += max(0, n - seen[element, "complete"])
    return opened, export


def one_seed(runner: Any, cli: Any, folder: Path, seed: int, export_after: int | None, given: bool = False) -> dict:
    """The calibration report's durations, from the log of ``seed`` (cut at an export with ``export_after``)."""
    log = folder / f"log{seed}.xes"
    sim = runner.invoke(cli, ["simulate", "helsingborg", "--years", "2", "--seed", str(seed), "-q", "-r", "1",
                              "--eventlog", str(log), "--set", "arrivals.per_year=120",
                              "--set", "pools.officer.fte=1.0", "--set", "pools.registry.fte=1.0"])
    if sim.exit_code != 0:
        raise SystemExit(f"simulate, seed {seed}: {sim.output}")
    opened: Counter[str] = Counter()
    at: list[str] = []
    if export_after is not None:
        opened, export = cut_at_export(log, export_after)
        at = ["--exported-at", export.isoformat()] if given else []
    done = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(folder / f"p{seed}.yaml"),
                               "--format", "json", *at])
    if done.exit_code != 0:
        raise SystemExit(f"calibrate, seed {seed}: {done.output}")
    found = dict(json.loads(done.output)["durations"])
    for element, n in opened.items():
        if element in found:
            found[element] = {**found[element], "truly_open": n}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds 1..N (default 20)")
    parser.add_argument("--export-after", type=int, default=None, metavar="DAYS",
                        help="cut each log at 12:00 DAYS after its first event, as an export would")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose calibration runs (default: this)")
    parser.add_argument("--given-export", action="store_true",
                        help="with --export-after: give calibrate the cut instant (--exported-at), not its default "
                             "(the log's last event)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from click.testing import CliRunner

    from cli import cli

    began, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    runner = CliRunner()
    waits = EXPORT_WAITS if args.export_after is not None else {WAIT: TRUE_MEAN_H}
    rows: dict[str, list[str]] = {w: [] for w in waits}
    means: dict[str, list[float]] = {w: [] for w in waits}
    covered = dict.fromkeys(waits, 0)
    print(f"code {args.code.resolve()}; load average before {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, args.seeds + 1):
            found = one_seed(runner, cli, Path(tmp), seed, args.export_after, args.given_export)
            for wait, truth in waits.items():
                d = found[wait]
                lo, hi = d["mean_ci"]
                hit = lo <= truth <= hi
                covered[wait] += hit
                means[wait].append(d["mean_hours"])
                counts = (f"| {d.get('cut_by_timer', d.get('censored', '-'))} | {d.get('open_at_export', '-')} "
                          f"| {d.get('truly_open', 0)} |"
                          if args.export_after is not None else f"| {d.get('censored', '-')} |")
                rows[wait].append(f"| {seed} | {d['family']} | {d['mean_hours']:.1f} | [{lo:.1f}, {hi:.1f}] | "
                                  f"{'yes' if hit else 'no'} | {d['n']} {counts}")
    for wait, truth in waits.items():
        print(f"\n{wait}: true mean {truth:.0f} h\n")
        print(TABLE_HEAD + (" open at the export | open in truth |" if args.export_after is not None else ""))
        print("|---|---|---|---|---|---|---|" + ("---|---|" if args.export_after is not None else ""))
        print("\n".join(rows[wait]))
        m = means[wait]
        print(f"\nmean fitted mean {sum(m) / len(m):.1f} h over {len(m)} seeds (true {truth:.0f} h); "
              f"intervals covering the true mean: {covered[wait]} of {len(m)}")
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    print(f"{time.perf_counter() - began:.1f} s wall, {cpu:.1f} CPU s; load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
