"""The page's case-log upload over the API (``POST /api/logs``): a model calibrated to a municipality's own
(made here from a simulated run, written as a Swedish export), validated on its later cases, kept and run as
an upload; the same log gives the same bytes; bad logs are one message in both languages and nothing is
kept."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from weblog import simulated_log, swedish_export

from bpmn_io.library import library_paths

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import create_app  # noqa: E402 - after the skip
from web.logwords import calibration_said  # noqa: E402 - after the skip


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return swedish_export(simulated_log(tmp_path_factory.mktemp("log")))


@pytest.fixture(scope="module")
def client():
    # workers=1: the calibration runs in the check process of its own, as on a server
    with starlette_testclient.TestClient(create_app(workers=1)) as c:
        yield c


def _send(client, log: bytes, filename: str = "export.csv", **fields: str):
    return client.post("/api/logs", data=fields, files={"log": (filename, log, "text/csv")})


def test_a_library_model_calibrated_to_a_swedish_export_is_kept_validated_and_runs(client,
                                                                                    export: bytes) -> None:
    reply = _send(client, export, library="hoganas")
    assert reply.status_code == 200, reply.text
    data = reply.json()
    assert data["display"] == "Höganäs (från loggen)" and data["names"]["en"] == "Höganäs (från loggen)"
    sv, en = data["calibration"]["sv"], data["calibration"]["en"]
    assert sv[0].startswith("Anpassad till loggen export.csv: 12 ärenden") and en[0].startswith(
        "Calibrated to the log export.csv: 12 cases")
    assert "ärendenummer = ”Diarienummer” (gissad)" in sv[1] and "activity = “Åtgärd” (guessed)" in en[1]
    assert any(line.startswith("Anpassat från loggen: ansökningar per år") for line in sv)
    assert data["validation"]["page"] is True
    assert data["validation"]["sv"].startswith("Prövad mot loggens senare 4 ärenden")
    page = client.get(f"/api/uploads/{data['id']}/validation")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Höganäs (från loggen)" in page.text
    # kept as an upload: it runs as any other
    run = client.post("/api/runs", json={"uploads": [data["id"]], "levers": {"replications": 2}})
    assert run.status_code == 202, run.text


def test_the_same_log_and_seed_give_the_same_bytes(client, export: bytes, tmp_path: Path) -> None:
    first = _send(client, export, library="hoganas", name="Höganäs A").json()
    assert "id" in first, first
    # another server: not the remembered check, a new calibration in a new process
    with starlette_testclient.TestClient(create_app(workers=1)) as other:
        second = _send(other, export, library="hoganas", name="Höganäs A").json()
        assert "id" in second, second
        page_two = other.get(f"/api/uploads/{second['id']}/validation").content
    page_one = client.get(f"/api/uploads/{first['id']}/validation").content
    assert first["id"] != second["id"]
    assert {k: v for k, v in first.items() if k != "id"} == {k: v for k, v in second.items() if k != "id"}
    assert page_one == page_two


def test_an_uploaded_model_is_calibrated_too(client, export: bytes) -> None:
    model = library_paths("hoganas")[0].read_bytes()
    reply = client.post("/api/logs", data={"name": "Min modell"},
                        files={"log": ("export.csv", export, "text/csv"),
                               "model": ("min.bpmn", model, "text/xml")})
    assert reply.status_code == 200, reply.text
    assert reply.json()["display"] == "Min modell"


def _refused(client, log: bytes, filename: str = "export.csv", **fields: str) -> dict:
    before = len(client.app.state.web.uploads)
    reply = _send(client, log, filename, **fields)
    assert reply.status_code in (400, 413), reply.text
    assert len(client.app.state.web.uploads) == before  # nothing half-kept
    body = reply.json()
    assert "\n" not in body["error"] and "Traceback" not in body["error"]
    return body


def test_columns_it_cannot_detect_are_asked_for_and_then_read(client, export: bytes) -> None:
    odd = export.replace(b"Diarienummer", b"Nr", 1).replace("Åtgärd".encode(), b"Vad", 1)
    body = _refused(client, odd, library="hoganas")
    assert body["field"] == "columns"
    assert body["error_sv"].startswith("Sidan kunde inte avgöra vilken kolumn i loggen som är "
                                       "ärendenummer och aktivitet")
    assert "'Nr'" in body["error"] and "'Vad'" in body["error"]
    reply = _send(client, odd, library="hoganas", case="Nr", activity="Vad")
    assert reply.status_code == 200, reply.text
    named = _refused(client, odd, library="hoganas", case="Nummer", activity="Vad")
    assert named["field"] == "columns" and named["error_sv"].startswith("Loggen har ingen kolumn ”Nummer”")


@pytest.mark.parametrize(("log", "name", "words_sv"), [
    ("\ufeffDiarienummer;Åtgärd;Klar\r\n".encode(), "export.csv", "Ärendeloggen kunde inte läsas"),
    (b"PK\x03\x04" + b"\x00" * 200, "export.csv", "Ärendeloggen kunde inte läsas"),
    (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
     b'<log xmlns="http://www.xes-standard.org/" xes.version="1.0"><trace>&b;</trace></log>', "x.xes",
     "Ärendeloggen kunde inte läsas"),
    (gzip.compress(b"not a log at all", mtime=0), "x.xes.gz", "Ärendeloggen kunde inte läsas"),
])
def test_a_bad_log_is_one_line_in_both_languages_and_nothing_is_kept(client, log: bytes, name: str,
                                                                     words_sv: str) -> None:
    body = _refused(client, log, name, library="hoganas")
    assert body["error_sv"].startswith(words_sv), body
    assert body["error"] != body["error_sv"]


def test_a_log_over_the_limit_is_refused_by_its_size(client) -> None:
    body = _refused(client, b"a;b;c\n" * (900_000), library="hoganas")
    assert "för stor" in body["error_sv"] and "too large" in body["error"]


def test_a_log_needs_a_model_and_a_log(client, export: bytes) -> None:
    body = _refused(client, export)
    assert body["error_sv"].startswith("Välj en kommun i listan, eller ladda upp en BPMN-modell")
    reply = client.post("/api/logs", data={"library": "hoganas"})
    assert reply.status_code == 400 and reply.json()["error_sv"].startswith("Välj ärendeloggen")
    assert _refused(client, export, library="atlantis")["error_sv"].startswith("”atlantis” är ingen kommun")
    # the server keeps serving
    assert client.get("/api/setup").status_code == 200


def test_no_validation_page_for_an_unknown_key(client) -> None:
    reply = client.get("/api/uploads/nothing-here/validation")
    assert reply.status_code == 404 and reply.json()["error_sv"].startswith("Ingen valideringssida")


def test_a_calibration_past_the_time_limit_is_refused_in_a_logs_words(export: bytes) -> None:
    with starlette_testclient.TestClient(create_app(workers=1, check_seconds=3)) as c:
        c.app.state.web.check_seconds = 0.001  # a limit shorter than any calibration
        body = _refused(c, export, library="hoganas")
        assert body["error_sv"].startswith("Modellen kunde inte anpassas till ärendeloggen inom 0,001 s")
        assert body["error"].startswith("The model could not be fitted to the case log within 0.001 s")
        assert c.get("/api/setup").status_code == 200


def test_an_xes_log_is_calibrated_as_a_csv_one(client, tmp_path: Path) -> None:
    xes = simulated_log(tmp_path, suffix=".xes").encode("utf-8")
    reply = _send(client, xes, "export.xes", library="hoganas", name="Höganäs XES")
    assert reply.status_code == 200, reply.text
    data = reply.json()
    assert data["calibration"]["en"][0].startswith("Calibrated to the log export.xes: 12 cases")
    assert data["validation"]["page"] is True


def test_meeting_days_kept_from_a_completion_only_log_are_said_not_fitted() -> None:
    """Found by QA (qameetsat): the records of a completion-only log's decisions a varying time after the
    sittings keep the profile's meeting days; the page listed them as fitted."""
    report = {"log": "log.csv", "cases": 4, "events": 8, "period": "2025-01-06 to 2025-02-18", "mapping": [],
              "meetings": {"element": "Task_Beslut", "days_kept": "meeting days not in the log"}}
    said = calibration_said(report, {}, (), ())
    assert not any("meeting days" in line for line in said["en"] if line.startswith("Fitted from the log"))
    assert "The board's meeting days: not fitted (the log does not show when the board met, only when its " \
           "decisions were recorded); the model's kept." in said["en"]
    assert any(line.startswith("Nämndens sammanträdesdagar: inte anpassat") for line in said["sv"])
    report["meetings"] = {"element": "Task_Beslut"}  # the days fitted: listed, and nothing said of them kept
    said = calibration_said(report, {}, (), ())
    assert "Fitted from the log: the board's meeting days." in said["en"]
    assert not any(line.startswith("The board's meeting days") for line in said["en"])
