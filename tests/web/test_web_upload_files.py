"""What a manager's upload is read as: a model saved as Latin-1 (ISO-8859-1) under its XML declaration is
read by every read of it, as UTF-8 is; a file the readers refuse is said in plain words in the page's language
(no parser's name, a step by its name), and the server serves on after each."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import cli

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import create_app  # noqa: E402 - after the skip when starlette is absent

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "web"
#: Camunda Modeler's permit process as ISO-8859-1 bytes under encoding="ISO-8859-1" (Sökande, Ansökan, Invänta …)
LATIN1 = FIXTURES / "camunda_permit_latin1.bpmn"
UTF8 = FIXTURES / "camunda_permit.bpmn"
PROFILE = (FIXTURES / "camunda_permit.yaml").read_bytes()
QUESTION = {"replications": 2, "years": 0.5, "seed": 3, "complete_share": "0.9"}


@pytest.fixture(scope="module")
def client():
    with starlette_testclient.TestClient(create_app(workers=0)) as c:
        yield c


def _upload(client: Any, name: str, model: bytes, profile: bytes = PROFILE, model_name: str = "m.bpmn") -> Any:
    return client.post("/api/uploads", data={"name": name},
                       files={"model": (model_name, model), "profile": ("p.yaml", profile)})


def _answer(client: Any, upload: str) -> dict[str, Any]:
    reply = client.post("/api/runs", json={"uploads": [upload], "levers": QUESTION})
    assert reply.status_code == 202, reply.text
    for _ in range(600):
        state = client.get(f"/api/runs/{reply.json()['id']}").json()
        if state["state"] != "running":
            assert state["state"] == "done", state
            return dict(state["answer"]["municipalities"][0])
        time.sleep(0.05)
    raise AssertionError("the run did not finish")


def test_the_fixture_is_latin1_with_swedish_letters():
    data = LATIN1.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    assert "Sökande".encode("latin-1") in data and "Invänta".encode("latin-1") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("latin-1") == UTF8.read_text(encoding="utf-8").replace('encoding="UTF-8"',
                                                                              'encoding="ISO-8859-1"', 1)


def test_a_latin1_model_uploads_and_runs_as_its_utf8_twin_does(client):
    """Found by QA: the upload's parse read the Latin-1 model, and the page's second read of it (its text, kept
    for the run) refused it as "not UTF-8 text", in English on the Swedish page too."""
    latin1 = _upload(client, "Ängby", LATIN1.read_bytes(), model_name="ängby.bpmn")
    assert latin1.status_code == 200, latin1.text
    assert latin1.json()["display"] == "Ängby"
    utf8 = _upload(client, "Ängby", UTF8.read_bytes(), model_name="ängby.bpmn")
    assert utf8.status_code == 200, utf8.text
    assert latin1.json()["status_quo"] == utf8.json()["status_quo"]
    # the levers find the same steps (the e-service lever changes its completeness check), and the runs agree
    mine, twin = _answer(client, latin1.json()["id"]), _answer(client, utf8.json()["id"])
    for key in ("now", "then", "difference", "sentence"):
        assert mine[key] == twin[key], key
    said = json.dumps(mine, ensure_ascii=False)
    assert "Granska ansökan" in said and "Ã" not in said  # the steps' names as written, not read as two letters
    drawing = client.get(mine["diagram"]["url"]).text
    assert "Ansökan" in drawing and "Sökande" in drawing and "Ã" not in drawing
    assert client.get("/api/setup").status_code == 200


def test_a_latin1_model_simulates_on_the_command_line_as_its_utf8_twin(tmp_path):
    """Every read agrees: ``permitflow simulate`` read the model's text as UTF-8 after its parse had read it."""
    outputs = []
    for model in (LATIN1, UTF8):
        (tmp_path / "p.yaml").write_bytes(PROFILE)
        result = CliRunner().invoke(cli, ["simulate", str(model), "--profile", str(tmp_path / "p.yaml"),
                                          "--name", "angby", "--replications", "2", "--years", "0.25",
                                          "--seed", "3", "--format", "json", "--quiet", "--workers", "1"])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout)["figures"])
    assert outputs[0] == outputs[1]
