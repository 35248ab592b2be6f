"""Bad uploads to `permitflow serve --workers 2`, some while a good upload of a large model and a run of it are
in flight (malformed, hostile XML, huge, the wrong type, the wrong shape of request, a body sent in chunks):
each upload's status, time and message, and the RSS of the server and its children after each; then a good
upload and run again, and 5 s idle. Each request waits at most 150 s.

    .venv/bin/python bench/bench_serve_bad_uploads.py . 8872

usage: bench_serve_bad_uploads.py CODEDIR PORT"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/
from bench_serve_uploads import big_model, multipart, rss  # noqa: E402
from proctree import descendants  # noqa: E402

BPMN = b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("code", type=Path, help="the checkout to serve (its .venv/bin/python runs it)")
    parser.add_argument("port", type=int, help="the port permitflow serve listens on")
    args = parser.parse_args()
    code, port = str(args.code.resolve()), args.port
    proc = subprocess.Popen(
        [f"{code}/.venv/bin/python", "-c", "import sys; from cli import cli; sys.argv[0]='permitflow'; cli()",
         "serve", "--port", str(port), "--workers", "2"],
        cwd=code, env=dict(os.environ, PYTHONPATH=code), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"

    def post(path, body, ctype):
        """(status, body) of a POST; ``body`` a function: its chunks, sent without a length."""
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=150)
        try:
            if callable(body):
                c.putrequest("POST", "/" + path)
                c.putheader("Content-Type", ctype)
                c.putheader("Transfer-Encoding", "chunked")
                c.endheaders()
                try:
                    for chunk in body():
                        c.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    c.send(b"0\r\n\r\n")
                except OSError:  # the server answered and closed before the last chunk
                    pass
            else:
                c.request("POST", "/" + path, body=body, headers={"Content-Type": ctype})
            reply = c.getresponse()
            return reply.status, reply.read()
        except TimeoutError:
            return "no answer in 150 s", b""
        finally:
            c.close()

    for _ in range(600):
        try:
            urllib.request.urlopen(base + "api/setup").read()
            break
        except OSError:
            time.sleep(0.2)

    def mem():
        return round(rss(proc.pid), 1), [round(rss(k), 1) for k in sorted(descendants(proc.pid))]

    profile = Path(f"{code}/processes/library/helsingborg/profile.yaml").read_bytes()
    small = Path(f"{code}/processes/library/astorp/process.bpmn").read_bytes()
    print("start", mem(), flush=True)

    def good(tag):
        """A good upload of the large model (a little different each time) and a run of it: its state, seconds."""
        t = time.time()
        body, ctype = multipart("Stor stad", big_model(Path(code), 14600 + tag), profile)
        status, data = post("api/uploads", body, ctype)
        assert status == 200, data[:300]
        question = {"uploads": [json.loads(data)["id"]], "levers": {"replications": 2, "years": 0.25}}
        status, data = post("api/runs", json.dumps(question).encode(), "application/json")
        rid = json.loads(data)["id"]
        while True:
            state = json.loads(urllib.request.urlopen(base + f"api/runs/{rid}").read())
            if state["state"] != "running":
                break
            time.sleep(0.2)
        return state["state"], round(time.time() - t, 1)

    print("warm", good(0), mem(), flush=True)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "' + b"a" * 100 + b'">'
              + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8))
              + b"]>" + BPMN + b"&i;</definitions>")
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + BPMN
           + b'<process id="p">&x;</process></definitions>')
    deep = BPMN + b"<a>" * 200000 + b"</a>" * 200000 + b"</definitions>"
    many = BPMN + b'<process id="p" ' + b" ".join(b'a%d="x"' % i for i in range(300000)) + b"/></definitions>"
    big = big_model(Path(code))
    cases = {
        "malformed (truncated)": (small[: len(small) // 2], profile),
        "not XML at all": (b"hello", profile),
        "billion laughs": (laughs, profile),
        "external entity": (xxe, profile),
        "deep nesting": (deep, profile),
        "300k attributes": (many, profile),
        "PNG as the model": (b"\x89PNG\r\n\x1a\n" + os.urandom(200000), profile),
        "profile as the model": (profile, profile),
        "model as the profile": (small, small),
        "latin-1 profile": (small, profile.replace("ä".encode(), b"\xe4")),
        "empty files": (b"", b""),
        "model just over 5 MB": (big + b" " * (5 * 1024 * 1024 - len(big) + 10), profile),
    }
    in_flight = ("malformed (truncated)", "billion laughs", "deep nesting", "300k attributes")
    for label, (model, prof) in cases.items():
        body, ctype = multipart("Bad", model, prof)
        box: list = []
        thread = threading.Thread(target=lambda out=box: out.append(good(1))) if label in in_flight else None
        if thread:
            thread.start()
            time.sleep(0.5)
        t = time.time()
        status, data = post("api/uploads", body, ctype)
        took = time.time() - t
        if thread:
            thread.join()
        try:
            said = json.loads(data)
            msg, sv = said["error"][:160], said["error_sv"][:60]
        except (ValueError, KeyError):
            msg, sv = data[:160], ""
        print(f"{label:24} {status} {took:5.1f}s {msg!r} | sv {sv!r} | in flight {box} | mem {mem()}", flush=True)
    three = b"".join(f'--b\r\nContent-Disposition: form-data; name="f{i}"; filename="f{i}"\r\n\r\nx\r\n'.encode()
                     for i in range(3)) + b"--b--\r\n"
    shapes = {
        "JSON to /api/uploads": (b'{"model": "x"}', "application/json"),
        "form without files": (b"name=x&model=y", "application/x-www-form-urlencoded"),
        "multipart no boundary": (b"--x\r\n", "multipart/form-data"),
        "three files": (three, "multipart/form-data; boundary=b"),
        "body over 10 MB": (b"x" * (11 * 1024 * 1024), "multipart/form-data; boundary=b"),
    }
    for label, (body, ctype) in shapes.items():
        t = time.time()
        status, data = post("api/uploads", body, ctype)
        print(f"{label:24} {status} {time.time() - t:5.1f}s {data[:200]!r} | mem {mem()}", flush=True)

    def chunks():
        head = ('--cb\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--cb\r\nContent-Disposition: '
                'form-data; name="model"; filename="m.bpmn"\r\n\r\n')
        yield head.encode()
        for _ in range(60):
            yield b"<a/>" * (256 * 1024)
        yield (b'\r\n--cb\r\nContent-Disposition: form-data; name="profile"; filename="p.yaml"\r\n\r\n' + profile
               + b"\r\n--cb--\r\n")

    t = time.time()
    status, data = post("api/uploads", chunks, "multipart/form-data; boundary=cb")
    print(f"{'chunked 60 MB model':24} {status} {time.time() - t:5.1f}s {data[:200]!r} | mem {mem()}", flush=True)
    print("after", good(2), mem(), flush=True)
    time.sleep(5)
    print("idle 5 s", mem(), flush=True)
    proc.send_signal(2)
    _out, err = proc.communicate(timeout=60)
    print("server's stderr, last lines:", err[-1500:])


if __name__ == "__main__":
    main()
