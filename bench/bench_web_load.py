"""Load test of `permitflow serve`: 20 concurrent users running what-if scenarios against localhost.

Starts the real server (``permitflow serve`` in its own process, a warm pool of
``--workers`` processes), lets ``--users`` threads each ask one what-if with a lever
only that user sets (applications per year = 10 + user number), polls until each
answer is in, and checks that no answer was lost or mixed up: every user's answer
must equal, figure for figure, the same question run directly on the one road in
this process (same seed, so the same numbers). The whole run is bounded by
``--limit`` seconds; past it the bench fails.

    .venv/bin/python bench/bench_web_load.py              # 20 users, 2 workers
    .venv/bin/python bench/bench_web_load.py --users 5 --workers 1

Prints one line per user and a summary (wall time, latency, CPU seconds of the
server and its workers); exits 1 on a lost, failed or mixed-up answer.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _request(url: str, body: Any = None, method: str = "GET") -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}")


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by process ``root`` and every process below it
    (the server, its forkserver and the pool's workers), read from /proc. Not bench/proctree.py's walk: each
    process's parent and CPU time are read from one look at its stat, so a worker that ends between the walk
    and a second read cannot drop out of the sum."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0.0))[1]
        todo += [child for child, (parent, _cpu) in stats.items() if parent == pid]
    return total


def question_of(user: int, replications: int) -> dict[str, Any]:
    """User ``user``'s question: Helsingborg with its own number of applications per year."""
    return {"municipalities": ["helsingborg"],
            "levers": {"arrivals": 10 + user, "replications": replications, "years": 1}}


def user(base: str, number: int, replications: int, deadline: float, out: dict[int, Any]) -> None:
    start = time.monotonic()
    status, body = _request(base + "api/runs", question_of(number, replications), "POST")
    if status != 202:
        out[number] = {"error": f"start: HTTP {status} {body}"}
        return
    run_id = body["id"]
    while time.monotonic() < deadline:
        status, body = _request(base + f"api/runs/{run_id}")
        if status != 200 or body["state"] != "running":
            break
        time.sleep(0.2)
    else:
        out[number] = {"error": "no answer before the time limit"}
        return
    if status != 200 or body["state"] != "done":
        out[number] = {"error": f"HTTP {status}: {body}"}
        return
    out[number] = {"answer": body["answer"], "seconds": time.monotonic() - start}


def expected(number: int, replications: int) -> dict[str, Any]:
    """The same question on the one road, here (no server): the answer the user must get."""
    from scenarios.road import run_study
    from web.answer import answer
    from web.whatif import build_study, question

    q = question_of(number, replications)
    asked = question(q["municipalities"], {}, q["levers"])
    return answer(run_study(build_study(asked)), {"helsingborg": "Helsingborg"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--replications", type=int, default=3)
    parser.add_argument("--limit", type=float, default=600.0, help="seconds for the whole load (default 600)")
    args = parser.parse_args()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "permitflow"), "serve", "--port", str(port), "--workers", str(args.workers)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):
            if server.poll() is not None:
                print(f"the server stopped: {server.stdout.read() if server.stdout else ''}", file=sys.stderr)
                return 1
            try:
                if _request(base + "api/setup")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            print("the server did not start", file=sys.stderr)
            return 1
        out: dict[int, Any] = {}
        start = time.monotonic()
        deadline = start + args.limit
        threads = [threading.Thread(target=user, args=(base, n, args.replications, deadline, out))
                   for n in range(args.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()) + 5)
        wall = time.monotonic() - start
        server_cpu = tree_cpu(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    problems = []
    for n in range(args.users):
        got = out.get(n)
        if got is None or "error" in got:
            problems.append(f"user {n}: lost ({got and got['error']})")
            continue
        want = expected(n, args.replications)
        same = got["answer"]["municipalities"][0]["then"] == want["municipalities"][0]["then"] and \
            got["answer"]["municipalities"][0]["histogram"] == want["municipalities"][0]["histogram"]
        mean = got["answer"]["municipalities"][0]["then"]["mean"]
        print(f"user {n:2d}: {10 + n} applications/year -> {mean:.2f} days, {got['seconds']:.1f} s, "
              f"{'same as the direct run' if same else 'MIXED UP: differs from the direct run'}")
        if not same:
            problems.append(f"user {n}: answer differs from the direct run")
    latencies = sorted(v["seconds"] for v in out.values() if "seconds" in v)
    print(f"{args.users} users, {args.workers} workers, {args.replications} replications x 2 scenarios each: "
          f"wall {wall:.1f} s; latency median {latencies[len(latencies) // 2] if latencies else float('nan'):.1f} s, "
          f"max {latencies[-1] if latencies else float('nan'):.1f} s; server CPU "
          f"{server_cpu:.1f} s (user+system of the server, its forkserver and workers, /proc); "
          f"load {os.getloadavg()[0]:.1f}")
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
