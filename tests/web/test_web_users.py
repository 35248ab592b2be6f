"""Several managers on one `permitflow serve` at once (found by QA of the server under concurrent use)."""

from __future__ import annotations

import threading

from web.runs import KEEP, Runs


def test_a_running_run_is_never_forgotten_to_make_room_for_newer_ones():
    # the table of runs kept the newest KEEP runs, running or not: after 64 quick what-ifs a goal
    # seek still running was gone (404 when polled) and could no longer be cancelled
    runs = Runs(workers=0)
    started, release = threading.Event(), threading.Event()
    held: list = []

    def slow(run, _executor):
        held.append(run)
        started.set()
        release.wait(60)
        return None, {"slow": True}

    holder = threading.Thread(target=runs.start_task, args=(0, slow))
    holder.start()
    try:
        assert started.wait(10)
        quick = [runs.start_task(0, lambda _run, _ex: (None, {})) for _ in range(KEEP + 5)]
        assert runs.get(held[0].id) is held[0] and held[0].state == "running"
        assert runs.get(quick[0].id) is None and runs.get(quick[-1].id) is quick[-1]  # finished ones still go
    finally:
        release.set()
        holder.join(10)
    assert held[0].state == "done" and held[0].extra == {"slow": True}
