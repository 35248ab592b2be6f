"""Memory of `permitflow serve --workers 2` over a manager's day: RSS of the server, its fork server and its
workers (and a run's own process while it runs) over 50 ordinary what-ifs, 3 "how sure" runs (six municipalities,
8 points), 3 goal seeks, ``--uploads`` uploads (default 3) of a large model (Helsingborg's padded to 4.6 MB; with
``--distinct`` each a little different, as a manager's revisions are) and a what-if on the last (with ``--distinct``
on each), then 20 more what-ifs, with ``--log-checks MINUTES`` four case logs' checks (the checks' fork server
stopped after that many minutes without one: ``permitflow serve --log-check-idle-minutes``), and 10 s idle.
Writes every sample, a digest of each answer (the poll body less its
run id; a diagram the answer names by its address fetched and put in its place, so two versions that send it
differently still compare) and the bytes each poll of an upload's run moved, to compare two versions' answers byte
for byte.

    .venv/bin/python bench/bench_serve_memory.py . 8871 serve-memory.json
    .venv/bin/python bench/bench_serve_memory.py --uploads 10 --distinct . 8871 serve-memory-10.json
    .venv/bin/python bench/bench_serve_memory.py --log-checks 0.25 . 8871 serve-memory-logs.json

The case logs' checks (``--log-checks``): Höganäs simulated for 2 years at seed 7 (bench_serve_logcheck.py's
log) sent to ``POST /api/logs`` under four names: the first starts the checks' fork server, the second finds
it; then the server idles until that fork server has stopped, sampled before and after; the third starts it
again, the fourth finds it, and it is let stop once more. Each check's wall time, and whether the four
answered alike (their answers less the names and the id), go to the summary.

usage: bench_serve_memory.py [--uploads N] [--distinct] [--log-checks MINUTES] CODEDIR PORT OUT.json
       [extra serve args]"""

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, also when a test loads this file
from bench_serve_uploads import big_model, multipart, multipart_log, pss, rss, wait_until_up  # noqa: E402
from proctree import descendants  # noqa: E402

_parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
_parser.add_argument("--uploads", type=int, default=3, help="uploads of the large model (default 3)")
_parser.add_argument("--distinct", action="store_true",
                     help="each upload a different model (one annotation more each), each run once")
_parser.add_argument("--log-checks", type=float, metavar="MINUTES",
                     help="check case logs at the end of the day, the checks' fork server stopped after "
                          "MINUTES idle")
_parser.add_argument("code", type=Path, help="the checkout to serve (its .venv/bin/python runs it)")
_parser.add_argument("port", type=int, help="the port permitflow serve listens on")
_parser.add_argument("out", type=Path, help="where the samples and answer digests go (JSON)")
_parser.add_argument("extra", nargs=argparse.REMAINDER, help="more arguments for permitflow serve")
_args = _parser.parse_args()
code, port, out, extra = str(_args.code.resolve()), _args.port, _args.out, _args.extra
UPLOADS, DISTINCT, LOG_IDLE = _args.uploads, _args.distinct, _args.log_checks
py = f"{code}/.venv/bin/python"
BIG = big_model(Path(code))
PROFILE = Path(f"{code}/processes/library/helsingborg/profile.yaml").read_bytes()
env = dict(os.environ, PYTHONPATH=code)
proc = subprocess.Popen(
    [
        py,
        "-c",
        "import sys; from cli import cli; sys.argv[0]='permitflow'; cli()",
        "serve",
        "--port",
        str(port),
        "--workers",
        "2",
        *([] if LOG_IDLE is None else ["--log-check-idle-minutes", str(LOG_IDLE)]),
        *extra,
    ],
    cwd=code,
    env=env,
    stdout=subprocess.PIPE,
    stderr=subprocess.PIPE,
    text=True,
)
base = f"http://127.0.0.1:{port}/"


def req(path, body=None, method=None, raw=False, ctype="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    r = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": ctype})
    with urllib.request.urlopen(r, timeout=900) as reply:
        b = reply.read()
        return b if raw else json.loads(b)


log = []


def sample(label, n):
    kids = sorted(descendants(proc.pid))
    row = {
        "t": round(time.time() - t0, 1),
        "n": n,
        "label": label,
        "server_mb": round(rss(proc.pid), 1),
        "children_mb": [round(rss(k), 1) for k in kids],
        "children": len(kids),
    }
    row["total_mb"] = round(row["server_mb"] + sum(row["children_mb"]), 1)
    # what the family costs the machine: RSS counts the pages the fork server's children share with it in each
    row["all_pss_mb"] = round(pss(proc.pid) + sum(pss(k) for k in kids), 1)
    log.append(row)
    print(json.dumps(row), flush=True)


wait_until_up(req)
t0 = time.time()
PLACES = [
    "angelholm",
    "astorp",
    "bjuv",
    "helsingborg",
    "hoganas",
    "klippan",
    "landskrona",
    "orkelljunga",
    "svalov",
]


def whatif(i):
    k = i % 10
    if k < 6:
        return {
            "municipalities": [PLACES[i % 9]],
            "levers": {"replications": 2, "years": 0.5, "officers": 1 + i % 5},
        }
    if k < 8:
        return {"municipalities": [PLACES[i % 9]], "levers": {"officers": 1 + i % 4}}
    if k == 8:
        return {
            "municipalities": PLACES[i % 7 : i % 7 + 3],
            "levers": {"replications": 4, "cutoff_days": i % 20},
        }
    return {"municipalities": PLACES[:6], "levers": {"replications": 3, "years": 1, "officers": 2 + i % 3}}


answers = {}


polls = {}


def drawing(url):
    """A diagram fetched as a browser does (gzip when the server sends it so): (its SVG, the bytes sent)."""
    r = urllib.request.Request(base + url.lstrip("/"), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(r, timeout=900) as reply:
        sent = reply.read()
        zipped = reply.headers.get("Content-Encoding") == "gzip"
    return (gzip.decompress(sent) if zipped else sent).decode("utf-8"), len(sent)


def whole(d):
    """The poll body with each diagram an answer names by its address fetched and put in its place; the
    bytes those fetches moved."""
    moved = 0
    for m in (d.get("answer") or {}).get("municipalities") or []:
        rest = dict(m.get("diagram") or {})
        url = rest.pop("url", None)
        if url is not None:
            svg, sent = drawing(url)
            moved += sent
            m["diagram"] = {"svg": svg, **rest}
    return d, moved


def run(body, path="api/runs", label=None):
    t = time.time()
    rid = req(path, body)["id"]
    sizes = []
    while True:
        s = req(f"api/runs/{rid}", raw=True)
        sizes.append(len(s))
        d = json.loads(s)
        if d["state"] != "running":
            break
        time.sleep(0.05)
    if label:
        moved, drawn = sum(sizes), 0
        if any("url" in (m.get("diagram") or {}) for m in (d.get("answer") or {}).get("municipalities") or []):
            d, drawn = whole(d)
            s = json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode()
        answers[label] = {
            "sha": hashlib.sha256(s.replace(rid.encode(), b"ID")).hexdigest(),
            "bytes": len(s),
            "seconds": round(time.time() - t, 1),
        }
        polls[label] = {"polls": len(sizes), "bytes_polled": moved, "largest_poll": max(sizes), "diagram_bytes": drawn}
    return rid, d


sample("start", 0)
n = 0
for i in range(50):
    rid, s = run(whatif(i), label=f"whatif{i}" if i < 10 else None)
    n += 1
    assert s["state"] == "done", s
    if n % 10 == 0:
        sample("what-ifs", n)
UNC = [
    {"municipalities": PLACES[:6], "levers": {"replications": 10}, "uncertainty": 8},
    {"municipalities": PLACES[:6], "levers": {"replications": 10, "years": 2}, "uncertainty": 8},
    {"municipalities": PLACES[3:9], "levers": {"replications": 10, "officers": 3}, "uncertainty": 8},
]
for j, body in enumerate(UNC):
    rid, s = run(body, label=f"unc{j}")
    n += 1
    assert s["state"] == "done", s
    sample("uncertainty", n)
GOALS = [
    {"municipalities": ["helsingborg"], "levers": {}, "goal": {"percent": 95}},
    {"municipalities": PLACES[:3], "levers": {}, "goal": {"percent": 90, "joint": True}},
    {"municipalities": PLACES[4:7], "levers": {}, "goal": {"percent": 95}},
]
for j, body in enumerate(GOALS):
    rid, s = run(body, path="api/goal", label=f"goal{j}")
    n += 1
    assert s["state"] == "done", s
    sample("goal seek", n)
ups = []
for u in range(UPLOADS):
    if DISTINCT:
        BIG = big_model(Path(code), 14500 + u)
    form, form_type = multipart("bigtown", BIG, PROFILE)
    up = req("api/uploads", form, ctype=form_type)
    ups.append(up["id"])
    n += 1
    sample("upload", n)
    if DISTINCT:
        rid, s = run({"uploads": [ups[-1]], "levers": {"replications": 4, "years": 0.5}}, label=f"upload{u}")
        n += 1
        assert s["state"] == "done", s
        sample("what-if on the upload", n)
if not DISTINCT:
    rid, s = run({"uploads": [ups[-1]], "levers": {"replications": 4, "years": 0.5}}, label="upload")
    n += 1
    assert s["state"] == "done", s
    sample("what-if on the upload", n)
for i in range(50, 70):
    rid, s = run(whatif(i))
    n += 1
    if n % 10 == 0:
        sample("what-ifs", n)
log_checks = {}
if LOG_IDLE is not None:
    from bench_serve_logcheck import simulated_log

    LOG = simulated_log(Path(code))
    KEYS = ("id", "name", "display", "names")

    def checks_server():
        """The checks' fork server among the server's processes (the one that preloads the calibration)."""
        return [k for k in descendants(proc.pid) if b"calibrate" in Path(f"/proc/{k}/cmdline").read_bytes()]

    def log_check(k):
        form, form_type = multipart_log(f"Höganäs {k}", LOG)
        t = time.time()
        answer = req("api/logs", form, ctype=form_type)
        seconds = round(time.time() - t, 2)
        sample(f"log check {k}: the checks' fork server {'up' if checks_server() else 'gone?!'}", n)
        return {"seconds": seconds, "answer": {key: v for key, v in answer.items() if key not in KEYS}}

    def idle_until_stopped(k):
        t = time.time()
        while checks_server() and time.time() - t < LOG_IDLE * 60 + 120:
            time.sleep(0.5)
        sample(f"idle {time.time() - t:.0f} s after log check {k}: the checks' fork server "
               f"{'still up?!' if checks_server() else 'stopped'}", n)

    checked = [log_check(1), log_check(2)]
    idle_until_stopped(2)
    checked += [log_check(3), log_check(4)]
    idle_until_stopped(4)
    log_checks = {"seconds": [c["seconds"] for c in checked],
                  "answered_alike": all(c["answer"] == checked[0]["answer"] for c in checked)}
# a bad input: one line, and the server keeps serving
try:
    req("api/runs", {"municipalities": ["helsingborg"], "levers": {"officers": 99}})
    bad = "accepted?!"
except urllib.error.HTTPError as e:
    bad = f"{e.code} {json.loads(e.read())['error']}"
time.sleep(10)
sample("idle 10 s", n)
proc.send_signal(2)
o, e = proc.communicate(timeout=60)
summary = {"bad_input": bad, "stopped": e.strip().splitlines()[-1:] if e else [], "log_checks": log_checks}
print(json.dumps(summary))
out.write_text(
    json.dumps({"log": log, "answers": answers, "polls": polls, "summary": summary, "serve_out": o, "serve_err": e}, indent=1)
)
