"""Several managers on one `permitflow serve` at once: a long run does not hold up the others'
what-ifs, a running run is never forgotten while it runs, and one manager's upload is not
another's (found by QA of the server under concurrent use)."""

from __future__ import annotations

import threading
import time

import pytest

from bpmn_io.library import library_paths
from web.runs import KEEP, Runs

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import create_app  # noqa: E402 - after the skip when starlette is absent

SMALL = {"replications": 2, "years": 0.5}


def _finished(client, run_id: str, limit: float = 300.0) -> dict:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        reply = client.get(f"/api/runs/{run_id}")
        assert reply.status_code == 200, reply.text
        if reply.json()["state"] != "running":
            return reply.json()
        time.sleep(0.05)
    raise AssertionError("the run did not finish")


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


def test_a_short_what_if_is_not_queued_behind_every_unit_of_a_long_run():
    # a "how sure" run put all its units on the pool at once: a what-if asked meanwhile waited
    # for every one of them (154 s behind 32 assumption points on 2 workers)
    with starlette_testclient.TestClient(create_app(workers=1)) as c:
        long = c.post("/api/runs", json={"municipalities": ["helsingborg"], "uncertainty": 8,
                                         "levers": {"replications": 20, "years": 2}}).json()
        nominal = long["total"] // 9
        for _ in range(1200):  # the assumption points' units go out once the nominal run is in and answered
            state = c.get(f"/api/runs/{long['id']}").json()
            if state["done"] > nominal:
                break
            time.sleep(0.05)
        short = c.post("/api/runs", json={"municipalities": ["bjuv"], "levers": SMALL}).json()
        answer = _finished(c, short["id"])
        assert answer["state"] == "done" and answer["answer"]["municipalities"][0]["name"] == "Bjuv"
        state = c.get(f"/api/runs/{long['id']}").json()
        assert state["state"] == "running" and state["done"] < nominal + (long["total"] - nominal) // 4, state
        c.delete(f"/api/runs/{long['id']}")
        assert c.get(f"/api/runs/{long['id']}").json()["state"] == "cancelled"


def _upload(client, name: str, municipality: str):
    bpmn_path, profile_path = library_paths(municipality)
    return client.post("/api/uploads", data={"name": name},
                       files={"model": ("m.bpmn", bpmn_path.read_bytes()), "profile": ("p.yaml", profile_path.read_bytes())})


def test_two_managers_uploading_under_the_same_name_each_run_their_own_model():
    # uploads were kept by the name typed: the second "mytown" replaced the first, and the first
    # manager's next run silently simulated the second manager's model
    with starlette_testclient.TestClient(create_app(workers=0)) as c:
        first = _upload(c, "mytown", "astorp").json()
        second = _upload(c, "mytown", "helsingborg").json()
        assert first["name"] == second["name"] == "mytown" and first["id"] != second["id"]
        for reply, display in ((first, "Åstorp"), (second, "Helsingborg")):
            run = c.post("/api/runs", json={"uploads": [reply["id"]], "levers": SMALL})
            place = _finished(c, run.json()["id"])["answer"]["municipalities"][0]
            assert (place["process"], place["name"]) == ("mytown", display)
        guessed = c.post("/api/runs", json={"uploads": ["mytown"], "levers": SMALL})
        assert guessed.status_code == 400 and "no uploaded process 'mytown'" in guessed.json()["error"]
        saved = c.post("/api/scenario", json={"uploads": [first["id"]], "levers": SMALL})
        assert saved.status_code == 200 and "bpmn: m.bpmn" in saved.text and "name: mytown" in saved.text
