"""Several managers on one server behind the intranet's proxy, sharing its one token: the token keeps out
whoever does not have it (every request but the health check); one manager's runs and uploads are kept from
another's by their ids, 96 random bits each, which only the page that started them learns. No request lists
them, and an id guessed from one's own (a character changed, its start, another case) finds nothing."""

from __future__ import annotations

import re
import time

import pytest

from bpmn_io.library import library_paths

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import create_app  # noqa: E402 - after the skip when starlette is absent

TOKEN = "shared-intranet-token-0123"
SMALL = {"replications": 2, "years": 0.25}


def _guesses(key: str) -> list[str]:
    """Ids one would try from one's own: a character changed at each end, its start, its other case."""
    swap = {"A": "B", "a": "b", "0": "1", "-": "_", "_": "-"}
    return [key[:-1] + swap.get(key[-1], "A"), swap.get(key[0], "A") + key[1:], key[:8], key.swapcase(), key + "x"]


def _finished(client, run_id: str) -> dict:
    for _ in range(1200):
        shown = client.get(f"/api/runs/{run_id}").json()
        if shown["state"] != "running":
            return shown  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError("the run did not finish")


def test_one_manager_cannot_see_or_cancel_anothers_run_or_upload_without_its_id():
    app = create_app(workers=0, token=TOKEN)
    with starlette_testclient.TestClient(app) as anna, starlette_testclient.TestClient(app) as bo:
        anna.get(f"/?token={TOKEN}")  # each page keeps the token in its own cookie
        bo.get(f"/?token={TOKEN}")
        model, profile = library_paths("bjuv")
        upload = anna.post("/api/uploads", data={"name": "Höganäs"},
                           files={"model": ("m.bpmn", model.read_bytes()), "profile": ("p.yaml", profile.read_bytes())})
        key = upload.json()["id"]
        run = anna.post("/api/runs", json={"municipalities": [], "uploads": [key], "levers": SMALL}).json()["id"]
        assert _finished(anna, run)["state"] == "done"
        # the ids: 96 random bits (16 characters of base64url), an upload's after its safe name
        assert re.fullmatch(r"[A-Za-z0-9_-]{16}", run) and re.fullmatch(r"hoganas-[A-Za-z0-9_-]{16}", key)
        for guess in _guesses(run):
            assert bo.get(f"/api/runs/{guess}").status_code == 404
            assert bo.get(f"/api/runs/{guess}/report").status_code == 404
            assert bo.get(f"/api/runs/{guess}/results.csv").status_code == 404
            assert bo.delete(f"/api/runs/{guess}").json() == {"cancelled": False}
        for guess in [*_guesses(key), "hoganas", "Höganäs"]:
            refused = bo.post("/api/runs", json={"municipalities": [], "uploads": [guess], "levers": SMALL})
            assert refused.status_code == 400 and "no uploaded process" in refused.json()["error"]
        # no request lists the runs or the uploads
        assert bo.get("/api/runs").status_code == 405 and bo.get("/api/uploads").status_code == 405
        assert anna.get(f"/api/runs/{run}").json()["state"] == "done"  # the first page's run, untouched
        # the same bytes under the same name from the second page: its own key, not the first page's
        again = bo.post("/api/uploads", data={"name": "Höganäs"},
                        files={"model": ("m.bpmn", model.read_bytes()), "profile": ("p.yaml", profile.read_bytes())})
        assert again.json()["id"] != key and again.json()["id"].startswith("hoganas-")


def test_the_token_guards_every_request_but_the_health_check():
    with starlette_testclient.TestClient(create_app(workers=0, token=TOKEN)) as stranger:
        for method, path in [("GET", "/"), ("GET", "/api/setup"), ("GET", "/static/app.js"), ("POST", "/api/runs"),
                             ("POST", "/api/uploads"), ("GET", "/api/runs/x/report"), ("DELETE", "/api/runs/x"),
                             ("GET", "/api/uploads/x/validation"), ("POST", "/api/scenario"), ("POST", "/api/goal")]:
            assert stranger.request(method, path).status_code == 401, (method, path)
        assert stranger.get(f"/api/setup?token={TOKEN[:-1]}x").status_code == 401
        assert stranger.get("/healthz").status_code == 200


def test_a_runs_id_is_new_each_time():
    app = create_app(workers=0)
    with starlette_testclient.TestClient(app) as c:
        ids = [c.post("/api/runs", json={"municipalities": ["astorp"], "levers": SMALL}).json()["id"]
               for _ in range(5)]
    assert len(set(ids)) == 5
