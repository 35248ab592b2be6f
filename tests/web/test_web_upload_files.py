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
#: Camunda Modeler's permit process as ISO-8859-1 bytes under encoding="ISO-8859-1" (Sökande, Ansökan,
#: Invänta …)
LATIN1 = FIXTURES / "camunda_permit_latin1.bpmn"
UTF8 = FIXTURES / "camunda_permit.bpmn"
PROFILE = (FIXTURES / "camunda_permit.yaml").read_bytes()
QUESTION = {"replications": 2, "years": 0.5, "seed": 3, "complete_share": "0.9"}


@pytest.fixture(scope="module")
def client():
    with starlette_testclient.TestClient(create_app(workers=0)) as c:
        yield c


def _upload(client: Any, name: str, model: bytes, profile: bytes = PROFILE,
            model_name: str = "m.bpmn") -> Any:
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
    """Found by QA: the upload's parse read the Latin-1 model, and the page's second read of it (its text,
    kept for the run) refused it as "not UTF-8 text", in English on the Swedish page too."""
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
    assert "Granska ansökan" in said and "Ã" not in said  # the names as written, not read as two letters
    drawing = client.get(mine["diagram"]["url"]).text
    assert "Ansökan" in drawing and "Sökande" in drawing and "Ã" not in drawing
    assert client.get("/api/setup").status_code == 200


def test_a_latin1_model_simulates_on_the_command_line_as_its_utf8_twin(tmp_path):
    """Every read agrees: ``permitflow simulate`` read the model's text as UTF-8 after its parse had read
    it."""
    outputs = []
    for model in (LATIN1, UTF8):
        (tmp_path / "p.yaml").write_bytes(PROFILE)
        result = CliRunner().invoke(cli, ["simulate", str(model), "--profile", str(tmp_path / "p.yaml"),
                                          "--name", "angby", "--replications", "2", "--years", "0.25",
                                          "--seed", "3", "--format", "json", "--quiet", "--workers", "1"])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout)["figures"])
    assert outputs[0] == outputs[1]


NS = b'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'
HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<definitions ' + NS + b' id="d">\n  <process id="p">\n'
GOOD = UTF8.read_bytes()
#: the profile's line 19, the completeness check's branch shares: {probabilities: {Flow_0ja5m3n: 0.6, ...}}
SHARES = b"{probabilities: {Flow_0ja5m3n: 0.6, Flow_1nej6o4: 0.4}}"

#: (model, profile, the English detail, the Swedish detail) of uploads the readers refuse, each as the parser
#: words it (lxml's, PyYAML's) said in plain words, at its line
BAD = {
    "tag closed by another name": (
        HEAD + b'    <task id="t" name="Granska"/>\n  </proces>\n</definitions>\n', PROFILE,
        "m.bpmn, line 5: not well-formed XML: the start tag <process> on line 3 is still open at </proces> "
        "(expected </process> first)",
        "m.bpmn, rad 5: inte välformad XML: starttaggen <process> på rad 3 är fortfarande öppen vid "
        "</proces> (förväntade </process> först)"),
    # found by QA: lxml names the tags without the prefix the file writes them with ("task line 4 and
    # process" for <bpmn:task> and </bpmn:process>)
    "a prefixed tag left open": (
        HEAD.replace(b"<process", b"<bpmn:process").replace(b"<definitions ", b"<definitions xmlns:bpmn="
                                                            b'"http://www.omg.org/spec/BPMN/20100524/MODEL" ')
        + b'    <bpmn:task id="t" name="Granska">\n  </bpmn:process>\n</definitions>\n', PROFILE,
        "m.bpmn, line 5: not well-formed XML: the start tag <bpmn:task> on line 4 is still open at "
        "</bpmn:process> (expected </bpmn:task> first)",
        "m.bpmn, rad 5: inte välformad XML: starttaggen <bpmn:task> på rad 4 är fortfarande öppen vid "
        "</bpmn:process> (förväntade </bpmn:task> först)"),
    "cut short": (
        HEAD + b'    <task id="t" name="Granska">\n', PROFILE,
        "m.bpmn, line 4: the file ends before <task> opened at line 4 is closed (the file looks cut off: "
        "expected the rest of the document, up to </definitions>)",
        "m.bpmn, rad 4: filen tar slut innan <task> som öppnas på rad 4 har stängts (filen ser avkortad ut: "
        "förväntade resten av dokumentet, fram till </definitions>)"),
    "an ampersand": (
        HEAD + b'    <task id="t" name="R&D"/>\n  </process>\n</definitions>\n', PROFILE,
        "m.bpmn, line 4: not well-formed XML: in <task>: an '&' not written as &amp; (expected &amp; for the "
        "character &)",
        "m.bpmn, rad 4: inte välformad XML: i <task>: ett '&' som inte är skrivet som &amp; (förväntade "
        "&amp; för tecknet &)"),
    "not XML": (
        b"this is not XML", PROFILE,
        "m.bpmn: the file is text that is not XML (it starts 'this is not XML'), not a BPMN model (expected "
        "BPMN 2.0 XML, as a modelling tool exports it)",
        "m.bpmn: filen är text som inte är XML (den börjar 'this is not XML'), inte en BPMN-modell "
        "(förväntade BPMN 2.0-XML, som ett modelleringsverktyg exporterar den)"),
    "a brace not closed": (
        GOOD, PROFILE.replace(SHARES, SHARES[:-1], 1),
        "p.yaml, line 20: invalid YAML: the values inside '{ … }' are not separated by commas, or a '}' is "
        "missing",
        "p.yaml, rad 20: ogiltig YAML: värdena inom '{ … }' är inte åtskilda med kommatecken, eller så "
        "saknas ett "
        "'}'"),
    "a colon in a value": (
        GOOD, PROFILE + b"note: see: the manual\n",
        "p.yaml, line 37: invalid YAML: a colon where YAML expects none: a value that holds ': ' needs "
        "quotes, or the "
        "line is indented wrongly",
        "p.yaml, rad 37: ogiltig YAML: ett kolon där YAML inte väntar sig något: ett värde som innehåller ': "
        "' "
        "behöver citattecken, eller så är raden fel indragen"),
    "a tab": (
        GOOD, b"simulation:\n\thorizon: 1y\n",
        "p.yaml, line 2: invalid YAML: a tab where YAML takes only spaces (YAML indents with spaces, not "
        "tabs: replace "
        "the tab by spaces)",
        "p.yaml, rad 2: ogiltig YAML: en tabb där YAML bara tar mellanslag (YAML drar in med mellanslag, "
        "inte tabbar: "
        "byt tabben mot mellanslag)"),
}


@pytest.fixture(scope="module")
def served():
    """A server that checks each upload in a process of its own, as ``permitflow serve`` does."""
    with starlette_testclient.TestClient(create_app(workers=1)) as c:
        yield c


@pytest.mark.parametrize("case", list(BAD))
def test_a_file_the_parsers_refuse_is_said_in_plain_words_and_the_server_serves_on(served, case):
    """Found by QA: the page said "teknisk uppgift från XML-läsaren lxml: ”Opening and ending tag mismatch:
    process
    line 17 and proces”", and the English page lxml's and PyYAML's words as they were; a manager knows
    neither."""
    model, profile, english, swedish = BAD[case]
    reply = _upload(served, "Ängby", model, profile)
    assert reply.status_code == 400
    said = reply.json()
    model_first = ("The BPMN model could not be read", "BPMN-modellen kunde inte läsas")
    first = model_first if english.startswith("m.bpmn") else ("The profile could not be read",
                                                              "Profilen kunde inte läsas")
    assert said["error"] == f"{first[0]}. Details: {english}"
    assert said["error_sv"] == f"{first[1]}. Detaljer: {swedish}"
    for words in (said["error"], said["error_sv"]):
        assert "lxml" not in words and "PyYAML" not in words and "teknisk uppgift" not in words
    # the server serves on: the page, and an upload that fits
    assert served.get("/api/setup").status_code == 200
    assert _upload(served, "Ängby", GOOD).status_code == 200


def test_a_profile_for_another_model_names_the_models_steps_by_their_names(served):
    """Found by QA: a profile that does not fit the model was refused with the model's element and process ids
    ("no element 'Activity_0reg4kx' in process 'Process_1q2w3e4' (did you mean 'Activity_0reg4kd'?)")."""
    reply = _upload(served, "Ängby", GOOD, PROFILE.replace(b"Activity_0reg4kd", b"Activity_0reg4kx", 1))
    assert reply.status_code == 400
    said = reply.json()
    assert said["error"] == (
        "The model cannot be simulated with this profile. Details: p.yaml, line 17: simulation.elements."
        "Activity_0reg4kx: the profile describes a step that the model's process “Kommunen, "
        "tillståndsenheten” does "
        "not have (Activity_0reg4kx) (did you mean “Registrera ansökan”?): is the profile written for "
        "another model?")
    assert said["error_sv"] == (
        "Modellen kan inte simuleras med den här profilen. Detaljer: p.yaml, rad 17: simulation.elements."
        "Activity_0reg4kx: profilen beskriver ett steg som modellens process ”Kommunen, tillståndsenheten” "
        "inte har "
        "(Activity_0reg4kx) (menade du ”Registrera ansökan”?): är profilen skriven för en annan modell?")
    # a profile rule about a step: the gateway by its name, not "Gateway_1x2y9fz"
    shares = _upload(served, "Ängby", GOOD, PROFILE.replace(SHARES, SHARES.replace(b"0.6", b"0.5"), 1)).json()
    assert "gateway “Allt med?”: probabilities must each be in [0, 1] and sum to 1" in shares["error"]
    assert "gatewayen ”Allt med?”: sannolikheterna måste" in shares["error_sv"]
    assert "'Gateway_1x2y9fz'" not in shares["error"] + shares["error_sv"]
    assert served.get("/api/setup").status_code == 200


def test_an_unnamed_element_is_said_by_what_it_is_and_its_id(served):
    """Elements the model leaves unnamed (MIWG's kind of test model) have nothing else to be called by but
    their ids; said by the id in brackets alone ("(Gw_C): complex gateways …") they told a manager nothing of
    what to look for in the drawing (found by QA): what each is, then its id, as ``permitflow diff`` says an
    unnamed step by its kind; where its clause says what it is already ("its message start event"), the id in
    brackets."""
    bad = _upload(served, "M/M/1", (FIXTURES / "not_run.bpmn").read_bytes(),
                  (FIXTURES.parent / "sim" / "mm1.yaml").read_bytes()).json()
    assert ("process “M/M/c queue” cannot be simulated: 3 element(s) not executable: an unnamed complex "
            "gateway (Gw_C): complex gateways") in bad["error"]
    assert "; an unnamed intermediate event (Wait): message catch event needs a `delay:`" in bad["error"]
    assert ("; an unnamed event subprocess (Sub_Msg): its message start event (Start_Msg) needs"
            in bad["error"])
    assert ("processen ”M/M/c queue” kan inte simuleras: 3 element kan inte köras: en namnlös komplex "
            "gateway (Gw_C): komplexa") in bad["error_sv"]
    assert "; en namnlös mellanliggande händelse (Wait): fångande händelse" in bad["error_sv"]
    assert "; en namnlös händelseunderprocess (Sub_Msg): dess starthändelse för meddelande, (Start_Msg)," \
        in bad["error_sv"]
