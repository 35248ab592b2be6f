"""The web app under a real server for the browser tests: uvicorn on a free port of 127.0.0.1, in a thread."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["another_run", "serving"]


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free port of 127.0.0.1 (its address); stopped after."""
    import uvicorn  # the browser tests skip without it (pytest.importorskip) before they get here

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)


def another_run(address: str, municipality: str = "svalov") -> None:
    """A what-if of ``municipality`` at 2 replications asked of the server at ``address`` by another page, waited
    for until it is no longer running (a server with a small ``keep`` then forgets the runs finished before)."""
    asked = urllib.request.Request(address + "api/runs", method="POST", headers={"Content-Type": "application/json"},
                                   data=json.dumps({"municipalities": [municipality],
                                                    "levers": {"replications": 2}}).encode())
    with urllib.request.urlopen(asked, timeout=30) as reply:
        run = json.loads(reply.read())["id"]
    for _ in range(600):
        with urllib.request.urlopen(f"{address}api/runs/{run}", timeout=30) as reply:
            if json.loads(reply.read())["state"] != "running":
                return
        time.sleep(0.1)
