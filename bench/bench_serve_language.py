"""The language detector's memory in a long-running `permitflow serve --workers 2`: the server's RSS (VmRSS, and
its peak VmHWM) after an upload of a model whose steps are named in code (Åstorp's model, each name replaced by
its element's id less the underscores: "TaskDiariefor", "EventAnsokanInkommen"), a what-if on it and its HTML
report (the report gives each diagram its labels' language, ``report.templating.labels_language``: the detector
runs in the server), then a second report of the same run. With ``--as-drawn`` Åstorp's model as drawn (å, ä
and ö: Swedish unasked, no dictionary loaded): what the report costs without the detector.

    .venv/bin/python bench/bench_serve_language.py CODEDIR PORT     # one line of JSON a sample, then a table
    .venv/bin/python bench/bench_serve_language.py --as-drawn CODEDIR PORT

CODEDIR is the checkout to serve (its .venv/bin/python runs it, PYTHONPATH at it). Writes nothing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/
from bench_serve_uploads import _kb_line_mb, multipart, rss, wait_until_up  # noqa: E402


def code_named(bpmn: str) -> bytes:
    """``bpmn`` with every element's name replaced by its id less the underscores (pools and flows too)."""
    return re.sub(r'id="([^"]+)" name="[^"]*"', lambda m: f'id="{m[1]}" name="{m[1].replace("_", "")}"',
                  bpmn).encode()


def main() -> int:
    as_drawn = sys.argv[1:2] == ["--as-drawn"]
    code, port = str(Path(sys.argv[1 + as_drawn]).resolve()), int(sys.argv[2 + as_drawn])
    root = Path(code) / "processes" / "library" / "astorp"
    bpmn = (root / "process.bpmn").read_text(encoding="utf-8")
    model = bpmn.encode() if as_drawn else code_named(bpmn)
    profile = (root / "profile.yaml").read_bytes()
    proc = subprocess.Popen(
        [f"{code}/.venv/bin/python", "-c", "import sys; from cli import cli; sys.argv[0]='permitflow'; cli()",
         "serve", "--port", str(port), "--workers", "2"],
        cwd=code, env=dict(os.environ, PYTHONPATH=code), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"

    def req(path: str, body: bytes | dict | None = None, ctype: str = "application/json") -> bytes:
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        r = urllib.request.Request(base + path, data=data, headers={"Content-Type": ctype})
        with urllib.request.urlopen(r, timeout=900) as reply:
            return reply.read()

    rows = []

    def sample(label: str, **more: object) -> None:
        row = {"label": label, "rss_mb": round(rss(proc.pid), 1),
               "peak_mb": round(_kb_line_mb(f"/proc/{proc.pid}/status", "VmHWM:"), 1), **more}
        rows.append(row)
        print(json.dumps(row), flush=True)

    try:
        wait_until_up(req)
        sample("started")
        body, ctype = multipart("Kodnamn", model, profile)
        upload = json.loads(req("api/uploads", body, ctype))["id"]
        sample("uploaded")
        run = json.loads(req("api/runs", {"uploads": [upload], "levers": {"replications": 2, "years": 0.25}}))["id"]
        while json.loads(req(f"api/runs/{run}"))["state"] == "running":
            time.sleep(0.2)
        sample("what-if done")
        for n in (1, 2):
            t = time.time()
            html = req(f"api/runs/{run}/report")
            sample(f"report {n}", seconds=round(time.time() - t, 1), bytes=len(html),
                   lang_sv='lang="sv"' in html.decode())
    finally:
        proc.send_signal(2)
        proc.communicate(timeout=60)
    print("\n| after | server RSS (MB) | server peak RSS (MB) |\n|---|---|---|")
    for row in rows:
        print(f"| {row['label']} | {row['rss_mb']:.0f} | {row['peak_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
