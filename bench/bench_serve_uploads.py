"""Uploads to `permitflow serve --workers 2`: RSS of the server and of its children (fork server, resource
tracker, pool workers, an upload's check process or a run's own process while it lives) and the wall time of
each upload (POST /api/uploads, as the page sends it), over: the first upload of a large model (Helsingborg's
padded to 4.6 MB, as bench_serve_memory.py), the same model again (the same bytes), ten different models (one
annotation more each), then ``--runs`` runs (default 50) of what-ifs on those uploads in turn (2 replications,
a quarter of a year, officers 1-3), then 10 s idle. Writes every sample, each upload's time and a digest of
each run's answer (the poll body less its run id), to compare two versions' answers byte for byte.

    .venv/bin/python bench/bench_serve_uploads.py . 8871 serve-uploads.json

usage: bench_serve_uploads.py [--runs N] [--console-script] CODEDIR PORT OUT.json [extra serve args]"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, also when a test loads this file
from proctree import descendants  # noqa: E402


def big_model(root: Path, n: int = 14500) -> bytes:
    """Helsingborg's model padded to about 4.6 MB with text annotations and their diagram shapes (what
    bench_serve_memory.py and bench_serve_bad_uploads.py upload too)."""
    text = (root / "processes/library/helsingborg/process.bpmn").read_text(encoding="utf-8")
    ann = "".join(
        f'    <bpmn:textAnnotation id="TA_{i}"><bpmn:text>Anteckning {i}: handläggaren kontrollerar bilagor, '
        f"yttranden och avgifter enligt rutin {i % 97}.</bpmn:text></bpmn:textAnnotation>\n"
        for i in range(n)
    )
    shapes = "".join(
        f'      <bpmndi:BPMNShape id="TA_{i}_di" bpmnElement="TA_{i}"><dc:Bounds x="{(i % 100) * 120}" '
        f'y="{2000 + (i // 100) * 60}" width="100" height="40"/></bpmndi:BPMNShape>\n'
        for i in range(n)
    )
    text = text.replace("</bpmn:process>", ann + "  </bpmn:process>", 1)
    i = text.rindex("</bpmndi:BPMNPlane>")
    return (text[:i] + shapes + text[i:]).encode()


def multipart(name: str, model: bytes, profile: bytes) -> tuple[bytes, str]:
    """An upload's form as the page sends it: (body, content type)."""
    return _form({"name": name}, {"model": ("big.bpmn", "application/xml", model),
                                  "profile": ("profile.yaml", "application/x-yaml", profile)})


def multipart_log(name: str, log: bytes, library: str = "hoganas") -> tuple[bytes, str]:
    """A case log's form (``POST /api/logs``) as the page sends it, to calibrate ``library``'s model to it."""
    return _form({"library": library, "name": name}, {"log": ("export.csv", "text/csv", log)})


def _form(fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]) -> tuple[bytes, str]:
    b = uuid.uuid4().hex
    parts = [f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts += [f'--{b}\r\nContent-Disposition: form-data; name="{k}"; filename="{filename}"\r\n'
              f"Content-Type: {ctype}\r\n\r\n".encode() + data + b"\r\n"
              for k, (filename, ctype, data) in files.items()]
    parts.append(f"--{b}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={b}"


def _kb_line_mb(path: str, key: str) -> float:
    """The figure of the line starting ``key`` in a /proc file of kB lines, in MB (0: the process ended)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    except OSError:
        return 0.0
    return 0.0


def wait_until_up(req) -> None:
    """Ask ``api/setup`` (by ``req``, a path's getter) until the server answers, two minutes at most."""
    for _ in range(600):
        try:
            req("api/setup")
            return
        except OSError:
            time.sleep(0.2)


def rss(pid: int) -> float:
    """VmRSS of ``pid`` in MB (0: it ended while sampled; tests/web/test_web_memory.py's _rss_mb fails
    instead: a test reads its own, living process)."""
    return _kb_line_mb(f"/proc/{pid}/status", "VmRSS:")


def pss(pid: int) -> float:
    """Pss of ``pid`` in MB (its private pages and its share of the pages it shares: what it costs the
    machine, which RSS overcounts for processes forked from one fork server; 0: it ended while sampled)."""
    return _kb_line_mb(f"/proc/{pid}/smaps_rollup", "Pss:")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="runs on the uploads (default 50)")
    parser.add_argument("code", type=Path, help="the checkout to serve (its .venv/bin/python runs it)")
    parser.add_argument("port", type=int, help="the port permitflow serve listens on")
    parser.add_argument("out", type=Path, help="where the samples, times and answer digests go (JSON)")
    parser.add_argument("--console-script", action="store_true",
                        help="start the server from a file like pip's console script (as `permitflow serve`), "
                             "not from `python -c`: each process the fork server starts runs that file again")
    parser.add_argument("extra", nargs=argparse.REMAINDER, help="more arguments for permitflow serve")
    args = parser.parse_args()
    code = str(args.code.resolve())
    profile = Path(f"{code}/processes/library/helsingborg/profile.yaml").read_bytes()
    main = ["-c", "import sys; from cli import cli; sys.argv[0]='permitflow'; cli()"]
    if args.console_script:
        script = args.out.resolve().with_suffix(".permitflow")  # pip's console script, less the shebang
        script.write_text("import sys\nfrom cli import main\nif __name__ == '__main__':\n    sys.exit(main())\n")
        main = [str(script)]
    proc = subprocess.Popen(
        [f"{code}/.venv/bin/python", *main, "serve", "--port", str(args.port), "--workers", "2", *args.extra],
        cwd=code, env=dict(os.environ, PYTHONPATH=code), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{args.port}/"

    def req(path, body=None, ctype="application/json", raw=False):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        r = urllib.request.Request(base + path, data=data, headers={"Content-Type": ctype})
        with urllib.request.urlopen(r, timeout=900) as reply:
            b = reply.read()
            return b if raw else json.loads(b)

    log: list[dict] = []
    t0 = time.time()

    def sample(label: str, **more) -> None:
        kids = sorted(descendants(proc.pid))
        row = {"t": round(time.time() - t0, 1), "label": label, "server_mb": round(rss(proc.pid), 1),
               "children_mb": [round(rss(k), 1) for k in kids],
               "all_pss_mb": round(pss(proc.pid) + sum(pss(k) for k in kids), 1), **more}
        row["total_mb"] = round(row["server_mb"] + sum(row["children_mb"]), 1)
        log.append(row)
        print(json.dumps(row), flush=True)

    wait_until_up(req)
    t0 = time.time()
    sample("start")
    ids: list[str] = []

    def upload(label: str, model: bytes) -> None:
        body, ctype = multipart("Stor stad", model, profile)
        t = time.time()
        ids.append(req("api/uploads", body, ctype)["id"])
        sample(label, upload_s=round(time.time() - t, 2))

    first = big_model(Path(code))
    upload("first upload", first)
    upload("the same model again", first)
    for k in range(10):
        upload(f"different model {k + 1}", big_model(Path(code), 14501 + k))
    answers = {}
    for i in range(args.runs):
        body = {"uploads": [ids[i % len(ids)]], "levers": {"replications": 2, "years": 0.25, "officers": 1 + i % 3}}
        t = time.time()
        rid = req("api/runs", body)["id"]
        while True:
            s = req(f"api/runs/{rid}", raw=True)
            if json.loads(s)["state"] != "running":
                break
            time.sleep(0.1)
        assert json.loads(s)["state"] == "done", s[:300]
        answers[f"run{i}"] = {"sha": hashlib.sha256(s.replace(rid.encode(), b"ID")).hexdigest(),
                              "seconds": round(time.time() - t, 1)}
        if i < 3 or (i + 1) % 10 == 0:
            sample(f"run {i + 1}")
    time.sleep(10)
    sample("idle 10 s")
    proc.send_signal(2)
    out, err = proc.communicate(timeout=60)
    args.out.write_text(json.dumps({"log": log, "answers": answers, "serve_out": out, "serve_err": err}, indent=1))


if __name__ == "__main__":
    main()
