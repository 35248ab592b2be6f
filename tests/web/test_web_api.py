"""The web app's requests: answers, bad input (one message, nothing kept, still serving), token,
saved scenarios that `permitflow run` reads with the same figures."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bpmn_io.library import library_names, library_paths
from bpmn_io.reader import parse_bpmn
from cli import cli
from web.levers import lever_sets
from web.server import bind_token, is_loopback

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import MAX_BODY_BYTES, create_app  # noqa: E402 - after the skip when starlette is absent

SMALL = {"replications": 2, "years": 0.5}


@pytest.fixture(scope="module")
def client():
    with starlette_testclient.TestClient(create_app(workers=0)) as c:
        yield c


def _run(client, body):
    reply = client.post("/api/runs", json=body)
    assert reply.status_code == 202, reply.text
    run_id = reply.json()["id"]
    for _ in range(600):
        state = client.get(f"/api/runs/{run_id}")
        if state.status_code != 200 or state.json()["state"] != "running":
            return run_id, state
        time.sleep(0.05)
    raise AssertionError("the run did not finish")


def test_a_lever_becomes_the_same_set_entry_as_a_scenario_file():
    bodies = {"committee": {}, "working_committee": {}, "officer": {}}
    sets = lever_sets({"grant_level": "officer", "cutoff_days": "7", "complete_share": 0.75},
                      {"astorp": {"simulation": {"decision": {"delegation": "committee", "bodies": bodies},
                                                 "elements": {"Gw_Komplett": {}}}}})
    assert [(p, v) for p, v, _o in sets] == [
        ("astorp.simulation.decision.delegation", {"grant": "officer", "refusal": "committee"}),
        ("astorp.simulation.decision.bodies.committee.agenda_cutoff", "7d"),
        ("astorp.simulation.decision.bodies.working_committee.agenda_cutoff", "7d"),
        ("astorp.simulation.elements.Gw_Komplett.probabilities", {"Flow_Komplett_Ja": 0.75, "Flow_Komplett_Nej": 0.25}),
    ]


def test_the_levers_offer_every_level_the_goal_seek_tries(client):
    """Found by QA (qapolish): the goal seek tried "the manager" (chefen), every library profile has that body,
    and the grant and refusal levers did not offer it; both now list the levels a profile's bodies can have."""
    from bpmn_io.profile import read_profile
    from scenarios.levers import levels_of

    setup = client.get("/api/setup").json()
    choices = {lv["key"]: lv["choices"] for lv in setup["levers"]}
    assert choices["grant_level"] == choices["refusal_level"] == [
        "committee", "working_committee", "chair", "manager", "officer"]
    levels = {m["name"]: m["levels"] for m in setup["library"]}
    params = read_profile(library_paths("helsingborg")[1]).simulation
    # the goal seek's, in the same order
    assert tuple(levels["helsingborg"]) == levels_of({"helsingborg": params})
    saved = client.post("/api/scenario", json={"municipalities": ["helsingborg"],
                                               "levers": {"grant_level": "manager", **SMALL}})
    assert saved.status_code == 200
    assert "helsingborg.simulation.decision.delegation:\n    grant: manager\n    refusal: committee\n" in saved.text


def test_the_answer_has_a_sentence_per_municipality_and_the_scenario_beside_the_status_quo(client):
    _id, reply = _run(client, {"municipalities": ["helsingborg", "astorp"],
                               "levers": {"grant_level": "officer", "refusal_level": "officer", "replications": 4}})
    assert reply.status_code == 200
    places = reply.json()["answer"]["municipalities"]
    assert [p["name"] for p in places] == ["Helsingborg", "Åstorp"]
    for place in places:
        assert place["sentence"]["en"].startswith(f"{place['name']}: from a complete application to the decision")
        assert "dagar kortare" in place["sentence"]["sv"]  # no meeting to wait for: clearly shorter
        assert place["difference"]["mean"] < 0 and place["difference"]["significant"]
        assert place["deadline_days"] == pytest.approx(121.75)
        assert sum(place["histogram"]["now"]) > 0 and sum(place["histogram"]["then"]) > 0
        assert client.get(place["diagram"]["url"]).text.startswith("<svg")
        assert place["diagram"]["waits"][0]["now"] > place["diagram"]["waits"][0]["then"] or \
            place["diagram"]["waits"][0]["step"]["sv"] != "Besluta om serveringstillstånd"


@pytest.mark.parametrize("levers,field,words,words_sv", [
    ({"officers": 0}, "officers", "Case officers (number): 0 is outside the allowed range 1–20",
     "Handläggare (antal): 0 ligger utanför det tillåtna intervallet 1–20"),
    ({"fte": "lots"}, "fte", 'Share of full time on new permits: "lots" is not a number',
     'Andel av heltid på nya tillstånd: "lots" är inte ett tal'),
    ({"grant_level": "mayor"}, "grant_level",
     'Who grants a permit: "mayor" is not one of the choices (choose the committee, the working committee, '
     'the chair, the manager or the case officer)',
     'Vem beslutar om tillstånd: "mayor" är inget av valen (välj nämnden, arbetsutskottet, ordföranden, chefen '
     'eller handläggaren)'),
    ({"cadence": "daily"}, "cadence",
     'Committee meetings: "daily" is not one of the choices (choose every week, every second week, once a month '
     'or every sixth week)',
     'Nämndens sammanträden: "daily" är inget av valen (välj varje vecka, varannan vecka, en gång i månaden eller '
     'var sjätte vecka)'),
    ({"replications": 1000}, "replications", "Replications: 1,000 is outside the allowed range 2–50",
     "Upprepningar: 1\u00a0000 ligger utanför det tillåtna intervallet 2–50"),
])
def test_a_lever_outside_its_range_is_one_message_and_the_server_goes_on(client, levers, field, words, words_sv):
    for url in ("/api/runs", "/api/scenario"):
        reply = client.post(url, json={"municipalities": ["helsingborg"], "levers": levers})
        assert reply.status_code == 400
        body = reply.json()
        assert (body["error"], body["error_sv"], body["field"]) == (words, words_sv, field)
    assert client.get("/api/setup").status_code == 200


def test_a_bad_request_is_one_message(client):
    assert client.post("/api/runs", content=b"{not json", headers={"content-type": "application/json"}).json()["error"] \
        == "the request is not JSON"
    assert "choose at least one municipality" in client.post("/api/runs", json={"levers": {}}).json()["error"]
    assert "“gotham” is not a municipality of the list" in client.post(
        "/api/runs", json={"municipalities": ["gotham"]}).json()["error"]


def _upload(client, name, model, profile):
    return client.post("/api/uploads", data={"name": name},
                       files={"model": ("m.bpmn", model), "profile": ("p.yaml", profile)})


HOSTILE = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&b;</definitions>"""


@pytest.mark.parametrize("model,profile,words", [
    (b"this is not XML", None, "m.bpmn"),
    (HOSTILE, None, "m.bpmn"),
    (None, b"just: [a, list", "p.yaml"),
    (None, b"- a\n- b\n", "not a profile"),
])
def test_an_upload_that_is_not_bpmn_or_not_a_profile_is_refused_and_not_kept(client, model, profile, words):
    bpmn_path, profile_path = library_paths("helsingborg")
    reply = _upload(client, "bad", model or bpmn_path.read_bytes(), profile or profile_path.read_bytes())
    assert reply.status_code == 400 and words in reply.json()["error"]
    assert "Traceback" not in reply.text
    run = client.post("/api/runs", json={"uploads": ["bad"], "levers": SMALL})
    assert run.status_code == 400 and "no uploaded process 'bad'" in run.json()["error"]


def test_the_page_own_refusals_have_swedish_words_and_no_code(client):
    """Found by QA: a name with a space, or seven municipalities, gave an English message (with a
    Python repr) on the Swedish page. A name as a manager writes it ("Min kommun", "Höganäs") is taken since the
    manager's second journey; one too long is refused in words."""
    bpmn_path, profile_path = library_paths("helsingborg")
    body = _upload(client, "x" * 61, bpmn_path.read_bytes(), profile_path.read_bytes()).json()
    assert body["error"] == f'Name "{"x" * 60}…": at most 60 characters, no control characters'
    assert body["error_sv"] == f'Namn "{"x" * 60}…": högst 60 tecken, inga styrtecken'
    seven = ["angelholm", "astorp", "bjuv", "helsingborg", "hoganas", "klippan", "landskrona"]
    for url in ("/api/runs", "/api/scenario"):
        body = client.post(url, json={"municipalities": seven}).json()
        assert (body["error"], body["error_sv"]) == ("at most 6 municipalities at a time", "högst 6 kommuner åt gången")
    body = client.post("/api/runs", json={"levers": {}}).json()
    assert body["error_sv"] == "välj minst en kommun eller ladda upp en modell och en profil"


BPMN_NS = b'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


@pytest.mark.parametrize("model,profile,detail_sv", [
    (b"this is not XML", None, "m.bpmn: filen är text som inte är XML (den börjar 'this is not XML'), inte "
     "en BPMN-modell (förväntade BPMN 2.0-XML, som ett modelleringsverktyg exporterar den)"),
    (HOSTILE, None, "m.bpmn, rad 1: DOCTYPE deklarerar entiteter, som permitflow aldrig expanderar (förväntade en "
     "BPMN-fil utan DOCTYPE)"),
    (b"<html/>", None, "m.bpmn: filen är en HTML-webbsida, inte en BPMN-modell (förväntade BPMN 2.0-XML, som "
     "ett modelleringsverktyg exporterar den; en nedladdning som sparade serverns sida i stället för filen? "
     "ladda ned den igen)"),
    (b"<?xml version='1.0'?>\n<root xmlns='urn:x'/>", None, "m.bpmn, rad 2: inte ett BPMN 2.0-dokument: "
     "rotelementet är 'root' i namnrymden 'urn:x' (förväntade 'definitions' i namnrymden "
     "'http://www.omg.org/spec/BPMN/20100524/MODEL')"),
    (b"<definitions " + BPMN_NS + b"/>", None, "m.bpmn: BPMN-filen har ingen process"),
    (b"<definitions " + BPMN_NS + b'><process id="p"><task id="t"/><task id="t"/></process></definitions>', None,
     "m.bpmn, rad 1: elementet 't': id:t 't' används två gånger (första gången på rad 1; förväntade varje id en gång)"),
    (b"<definitions " + BPMN_NS + "><process id='p' name='Höganäs'/></definitions>".encode("latin-1"), None,
     "m.bpmn, rad 1: inte välformad XML: byte som inte är UTF-8 i kolumn 89 (förväntade text i UTF-8, som XML antar "
     "utan deklaration; en fil sparad som Latin-1 behöver encoding=\"ISO-8859-1\" i sin deklaration)"),
    (None, b"just: [a, list", "p.yaml, rad 1: ogiltig YAML: ett '[' som aldrig stängs med ']'"),
    (None, b"a: \x07\n", "p.yaml, rad 1: ogiltig YAML: tecknet #x0007 är inte tillåtet (förväntade utskrivbar text)"),
    # a profile saved as Notepad's "Unicode" named so, as on the command line (the page said "invalid start
    # byte at byte 0" until qareview: b18b96f4 gave the command line processes.errors.not_utf8, not the page)
    (None, b"\xff\xfe", "p.yaml: UTF-16-text, inte UTF-8 (som Anteckningars ”Unicode” sparar; spara filen "
     "som UTF-8)"),
    (None, b"a: G\xe4vle\n", "p.yaml, rad 1: inte UTF-8-text (vid byte 4; spara filen som UTF-8)"),
    (None, b"- a\n- b\n", "p.yaml, rad 1: inte en profil (förväntade nycklar och värden med simulation:, som "
     "profile.yaml i biblioteket)"),
    (None, b"simulation: {foo: 1}\n", "p.yaml, rad 1: simulation.foo: okänd nyckel 'foo' (förväntade en av start, "
     "horizon, cases, warmup, calendars, pools, arrivals, elements, decision, clock, attributes, outcomes, "
     "case_delays, source, assumption, note)"),
])
def test_an_upload_the_readers_refuse_is_said_in_swedish_with_a_parsers_words_in_plain_words(
        client, model, profile, detail_sv):
    """Found by QA (qaserve5): the Swedish refusal of an upload gave the reader's detail in English
    ("BPMN-modellen kunde inte läsas. Detaljer: m.bpmn:1: not well-formed XML: no XML element found, ...").
    Now permitflow's own words are said in Swedish; a parser's (lxml's, PyYAML's) as what is wrong with the
    file, no parser named (they
    were quoted as "teknisk uppgift från XML-läsaren lxml", and a manager knows no lxml)."""
    bpmn_path, profile_path = library_paths("helsingborg")
    body = _upload(client, "bad", model or bpmn_path.read_bytes(), profile or profile_path.read_bytes()).json()
    first = "BPMN-modellen kunde inte läsas" if model else "Profilen kunde inte läsas"
    assert body["error_sv"] == f"{first}. Detaljer: {detail_sv}"
    assert body["error"].startswith("The BPMN model could not be read. Details: " if model else
                                    "The profile could not be read. Details: ")


def test_an_upload_over_the_limit_is_refused(client):
    reply = client.post("/api/uploads", content=b"x" * (MAX_BODY_BYTES + 1),
                        headers={"content-type": "multipart/form-data; boundary=x"})
    assert reply.status_code == 413 and "over the limit" in reply.json()["error"]
    # found by QA (qaserve5): the limit in bytes, "10551296 byte", as no manager reads a file's size
    assert reply.json()["error"] == ("The files sent are too large: over the limit of 10.1 MB together (two files of at "
                                     "most 5 MB each).")
    assert reply.json()["error_sv"] == ("Filerna som skickades är för stora: över gränsen 10,1\u00a0MB tillsammans (två "
                                        "filer på högst 5\u00a0MB var).")


def test_a_file_over_the_limit_says_its_size_and_the_limit_in_megabytes_in_both_languages(client):
    """Found by QA (qaserve5): "Filen m.bpmn är för stor: 6069673 byte, över gränsen 5242880 byte." """
    bpmn_path, profile_path = library_paths("helsingborg")
    model = bpmn_path.read_bytes()
    big = model + b"<!--" + b"x" * (6069673 - len(model) - 7) + b"-->"
    assert len(big) == 6069673
    body = _upload(client, "big", big, profile_path.read_bytes()).json()
    assert body["error"] == "The file m.bpmn is too large: 5.8 MB, over the limit of 5 MB."
    assert body["error_sv"] == "Filen m.bpmn är för stor: 5,8\u00a0MB, över gränsen 5\u00a0MB."
    # a few bytes over is not "5 MB, over the limit of 5 MB"
    body = _upload(client, "big", model + b"<!--" + b"x" * (5 * 2**20 + 10 - len(model) - 7) + b"-->",
                   profile_path.read_bytes()).json()
    assert body["error"] == "The file m.bpmn is too large: 5.00001 MB, over the limit of 5 MB."


def test_an_uploaded_model_and_profile_run_and_a_pair_that_cannot_run_is_refused_when_sent(client):
    bpmn_path, profile_path = library_paths("astorp")
    good = _upload(client, "mytown", bpmn_path.read_bytes(), profile_path.read_bytes()).json()
    assert (good["name"], good["display"]) == ("mytown", "mytown") and good["id"].startswith("mytown-")
    _id, reply = _run(client, {"uploads": [good["id"]], "levers": {"officers": 2, **SMALL}})
    assert reply.json()["answer"]["municipalities"][0]["process"] == "mytown"
    # no name typed: the profile's
    plain = _upload(client, "", bpmn_path.read_bytes(), profile_path.read_bytes()).json()
    assert (plain["name"], plain["display"]) == ("astorp", "Åstorp") and plain["id"].startswith("astorp-")
    # a profile naming a step the model lacks is refused when it is sent, in plain words first, as its run would
    # refuse it (found by the manager's QA evening: it was kept, and refused at Räkna in English only)
    broken = profile_path.read_text(encoding="utf-8").replace("Task_Utredning:", "Task_Finns_Inte:", 1)
    refused = _upload(client, "broken", bpmn_path.read_bytes(), broken.encode())
    assert refused.status_code == 400
    said = refused.json()
    assert said["error"].startswith("The model cannot be simulated with this profile. Details: p.yaml, line ")
    assert said["error_sv"].startswith("Modellen kan inte simuleras med den här profilen. Detaljer: p.yaml, rad ")
    # in plain words, the process by its name (the model's ids said nothing to a manager)
    assert "the profile describes a step that the model's process “Permanent serving permit – Åstorp " \
           "municipality” does not have (Task_Finns_Inte)" in said["error"]
    # in Swedish, not "(på engelska) no element …" (the commonest refusal: a profile of another model)
    assert "profilen beskriver ett steg som modellens process ”" in said["error_sv"]
    assert "” inte har (Task_Finns_Inte)" in said["error_sv"]
    assert "Process_Serveringstillstand" not in said["error"] + said["error_sv"]
    assert "på engelska" not in said["error_sv"]
    run = client.post("/api/runs", json={"uploads": ["broken"], "levers": SMALL})
    assert run.status_code == 400 and "no uploaded process 'broken'" in run.json()["error"]
    assert client.get("/api/setup").status_code == 200


def test_an_upload_is_named_as_the_manager_writes_it_and_shown_so_everywhere(client):
    """Found by the manager's second journey (2026-12-06): only a–z, digits and _ were taken ("Höganäs" and
    "Landskrona egen" refused) and the name shown was the profile's (a lane name, "Team-Assistant")."""
    bpmn_path, profile_path = library_paths("astorp")
    profile = profile_path.read_text(encoding="utf-8").replace("municipality: Åstorp", "municipality: Team-Assistant")
    assert "Team-Assistant" in profile
    for typed, name in (("Höganäs", "hoganas"), ("  Landskrona egen ", "landskrona_egen")):
        up = _upload(client, typed, bpmn_path.read_bytes(), profile.encode()).json()
        assert (up["name"], up["display"]) == (name, typed.strip()) and up["id"].startswith(name + "-")
        _id, reply = _run(client, {"uploads": [up["id"]], "levers": {"officers": 2, "replications": 2, "years": 3}})
        place = reply.json()["answer"]["municipalities"][0]
        assert (place["process"], place["name"]) == (name, typed.strip())
        assert place["sentence"]["sv"].startswith(typed.strip() + ": ")
        report = client.get(f"/api/runs/{_id}/report").text
        assert f"{typed.strip()}: en komplett ansökan avgörs" in report and "Team-Assistant" not in report


def test_an_upload_says_its_own_values_as_the_library_does_finding_its_steps_by_what_they_are(client):
    """Found by QA: the page showed a library municipality's values beside the levers, an upload's none."""
    drawn = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "camunda_permit.bpmn"
    reply = _upload(client, "Ritstad", drawn.read_bytes(), drawn.with_suffix(".yaml").read_bytes())
    assert reply.status_code == 200
    assert reply.json()["status_quo"] == {
        "grant_level": "officer", "refusal_level": "officer", "officers": 1, "fte": 0.5, "cadence": "monthly",
        "cutoff_days": 10.0, "complete_share": 0.6, "remiss_weeks": 3.0, "arrivals": 20, "years": 1.0}
    bpmn_path, profile_path = library_paths("astorp")
    mine = _upload(client, "mytown", bpmn_path.read_bytes(), profile_path.read_bytes()).json()["status_quo"]
    (astorp,) = [m["status_quo"] for m in client.get("/api/setup").json()["library"] if m["name"] == "astorp"]
    assert mine == astorp


def _committee_only(simulation):
    """A user's own profile: a committee and the case officer decide (no working committee, chair or
    manager), and the officers' pool has a name of its own."""
    bodies = simulation["decision"]["bodies"]
    for body in ("working_committee", "chair", "manager"):
        del bodies[body]
    simulation["pools"]["handlaggare"] = simulation["pools"].pop("officer")
    bodies["officer"]["pool"] = "handlaggare"


@pytest.mark.parametrize("levers,field,words,words_sv", [
    ({"cutoff_days": 7}, None, None, None),  # the committee's agenda only: it has no working committee
    ({"grant_level": "chair"}, "grant_level",
     "Who grants a permit: Åstorp's profile has no decision by the chair (choose the committee or the case officer)",
     "Vem beslutar om tillstånd: Åstorps profil saknar beslut av ordföranden (välj nämnden eller handläggaren)"),
    ({"officers": 2}, "officers",
     "Case officers (number): Åstorp's profile has no staff group named “officer” (the case officers this field "
     "changes)",
     "Handläggare (antal): Åstorps profil saknar personalgrupp med namnet ”officer” (handläggarna som fältet ändrar)"),
])
def test_a_lever_an_uploaded_profile_has_nothing_for_is_refused_in_words(client, levers, field, words, words_sv):
    """Found by the QA journey (2026-12-06): on a process developer's own profile with a committee and no
    working committee, the agenda lever failed with the scenario parser's English (also as the Swedish text:
    'web form: x.simulation.decision.bodies.working_committee.agenda_cutoff: set: override ... unknown key
    'working_committee' ...'), and so did a decision level or the officers of a pool it does not have."""
    import yaml

    from bpmn_io.yamlsrc import load_yaml

    bpmn_path, profile_path = library_paths("astorp")
    data = load_yaml(profile_path.read_text(encoding="utf-8"), source="p.yaml").data
    _committee_only(data["simulation"])
    own = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    upload = _upload(client, "", bpmn_path.read_bytes(), own).json()["id"]  # no name typed: the profile's, Åstorp
    body = {"uploads": [upload], "levers": {**levers, **SMALL}}
    if field is None:
        _id, reply = _run(client, body)
        assert reply.status_code == 200 and reply.json()["answer"]["municipalities"][0]["process"] == "astorp"
        saved = client.post("/api/scenario", json=body).text
        assert "astorp.simulation.decision.bodies.committee.agenda_cutoff: 7d" in saved
        assert "working_committee" not in saved
        return
    for url in ("/api/runs", "/api/scenario"):
        reply = client.post(url, json=body)
        assert reply.status_code == 400
        assert (reply.json()["error"], reply.json()["error_sv"], reply.json()["field"]) == (words, words_sv, field)


def test_swedish_genitive_of_a_name_ending_in_s():
    from web.levers import genitive

    assert [genitive(n) for n in ("Helsingborg", "Höganäs", "Svalöv", "Klippans")] == \
        ["Helsingborgs", "Höganäs", "Svalövs", "Klippans"]


def test_a_saved_scenario_runs_with_permitflow_run_and_gives_the_pages_figures(client, tmp_path: Path):
    body = {"municipalities": ["landskrona"], "levers": {"cadence": "fortnightly", "arrivals": 12, **SMALL}}
    saved = client.post("/api/scenario", json=body)
    assert saved.status_code == 200 and saved.headers["content-disposition"].endswith('"what-if.yaml"')
    (tmp_path / "what-if.yaml").write_text(saved.text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "what-if.yaml"), "-o", str(tmp_path / "out"),
                                      "--workers", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    # the status quo the page compared with comes first, and the what-if is compared with it, as on the page
    today, whatif = summary["scenarios"]
    assert (today["name"], whatif["name"], whatif["baseline"]) == ("status-quo", "what-if", "status-quo")
    key = "landskrona/complete_to_decision_mean_days"
    _id, reply = _run(client, body)
    answer = reply.json()["answer"]["municipalities"][0]
    assert answer["then"]["mean"] == whatif["points"][0]["figures"][key]["mean"]
    assert answer["now"]["mean"] == today["points"][0]["figures"][key]["mean"]
    difference = whatif["points"][0]["comparison"]["differences"][key]
    assert (difference["mean"], difference["ci"]) == (answer["difference"]["mean"], answer["difference"]["ci"])


def test_an_uploads_figures_are_those_of_simulate_name_as_the_saved_scenario_says(client, tmp_path: Path):
    """Found by QA (qaserve5): each process's random numbers are keyed by its name, and `permitflow simulate` named
    an uploaded model after its file: the page's figures for "Höganäs" (process hoganas) from m.bpmn were
    not those of `simulate m.bpmn`, and simulate had no way to give the name. Now ``--name`` gives it, and the
    saved scenario says the command line with it."""
    import shlex

    bpmn_path, profile_path = library_paths("astorp")
    model, profile = bpmn_path.read_bytes(), profile_path.read_bytes()
    up = _upload(client, "Höganäs", model, profile).json()
    assert up["name"] == "hoganas"
    body = {"uploads": [up["id"]], "levers": {"replications": 3, "years": 0.5, "seed": 11}}
    _id, reply = _run(client, body)
    place = reply.json()["answer"]["municipalities"][0]
    saved = client.post("/api/scenario", json=body).text
    (line,) = [s for s in saved.splitlines() if "permitflow simulate" in s]
    command = shlex.split(line[line.index("permitflow simulate"):])
    assert command == ["permitflow", "simulate", "m.bpmn", "--profile", "p.yaml", "--name", "hoganas",
                       "--replications", "3", "--seed", "11", "--years", "0.5"]
    assert "Höganäs" in line
    (tmp_path / "m.bpmn").write_bytes(model)
    (tmp_path / "p.yaml").write_bytes(profile)

    def simulated(args: list[str]) -> dict:
        args = [str(tmp_path / a) if a in ("m.bpmn", "p.yaml") else a for a in args]
        result = CliRunner().invoke(cli, [*args, "--workers", "1", "-q", "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["figures"][place["figure"]]

    figure = simulated(command[1:])
    assert place["now"]["mean"] == figure["mean"] and place["now"]["ci"] == [figure["low"], figure["high"]]
    # without the name, the model file's (m): other random numbers, other figures
    other = simulated([a for a in command[1:] if a not in ("--name", "hoganas")])
    assert other["mean"] != figure["mean"]
    # a name that is not a name is refused, as a scenario file's base name: is
    result = CliRunner().invoke(cli, ["simulate", str(tmp_path / "m.bpmn"), "--profile", str(tmp_path / "p.yaml"),
                                      "--name", "../x", "-q"])
    assert result.exit_code == 2 and "--name: '../x' is not a name" in result.output


def test_a_saved_scenario_asks_its_questions_in_the_reports_language(tmp_path: Path):
    """Found by the words review: the report of a saved scenario said "Status quo (saved from permitflow
    serve)" and "med what if avgörs ..." in Swedish."""
    from web.whatif import question, scenario_yaml

    (tmp_path / "what-if.yaml").write_text(scenario_yaml(question(["svalov"], {}, {**SMALL, "officers": 3})),
                                           encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "what-if.yaml"), "-o", str(tmp_path / "out"),
                                      "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    for en, sv in (("Status quo (saved from permitflow serve)", "Nuläget (sparat från permitflow serve)"),
                   ("What if (saved from permitflow serve)", "Vad händer om (sparat från permitflow serve)")):
        assert f'<p class="question"><span class="en" lang="en">{en}</span><span class="sv" lang="sv">{sv}</span></p>' in html
    assert '<span class="sv" lang="sv">Ändringarna</span>' in html and '<span class="en" lang="en">The changes</span>' in html
    assert "what if" not in html.replace("What if", "")


def test_the_report_downloads_after_a_run(client):
    run_id, _reply = _run(client, {"municipalities": ["svalov"], "levers": SMALL})
    report = client.get(f"/api/runs/{run_id}/report")
    assert report.status_code == 200 and report.text.startswith("<!DOCTYPE html") and "what-if" in report.text
    # its title and questions in the language the report is read in (found by the words review)
    assert ('<h1><span class="en" lang="en">What-if from the web page</span><span class="sv" lang="sv">Vad händer om – från webbsidan'
            '</span></h1>') in report.text
    assert '<p class="question"><span class="en" lang="en">Status quo</span><span class="sv" lang="sv">Nuläget</span></p>' in report.text
    assert client.get("/api/runs/nope/report").status_code == 404


def test_a_report_no_longer_kept_says_so_in_both_languages_and_kept_answers_are_byte_identical():
    # serve kept finished runs by count (64), whatever their size; now by a byte budget, compressed:
    # a run forgotten to stay within it says so, and what is kept reads back exactly
    from starlette.responses import JSONResponse

    from scenarios.road import execute, prepare
    from web.answer import answer
    from web.app import rendered_report
    from web.whatif import build_study, question

    body = {"municipalities": ["svalov", "bjuv"], "levers": {**SMALL, "officers": 3}}
    batch = execute(prepare(build_study(question(body["municipalities"], {}, body["levers"]))))
    made = answer(batch, {"svalov": "Svalöv", "bjuv": "Bjuv"})
    with starlette_testclient.TestClient(create_app(workers=0, keep=1)) as c:  # keeps only the newest
        first, reply = _run(c, body)
        # each diagram named by its address in the answer, where it reads back as drawn
        drawings = [place["diagram"].pop("svg") for place in made["municipalities"]]
        for n, place in enumerate(made["municipalities"]):
            place["diagram"] = {"url": f"api/runs/{first}/diagram/{n}", **place["diagram"]}
            assert c.get(place["diagram"]["url"]).text == drawings[n]
        assert reply.content == JSONResponse({"id": first, "state": "done", "done": reply.json()["done"],
                                              "total": reply.json()["total"], "answer": made}).body
        _run(c, {"municipalities": ["bjuv"], "levers": SMALL})
        gone = c.get(f"/api/runs/{first}/report")
        assert gone.status_code == 404
        assert gone.json()["error"].startswith("This run is no longer kept: the server keeps only the latest finished runs (up to ")
        assert gone.json()["error"].endswith("Run it again to download its report.")
        assert gone.json()["error_sv"].startswith("Körningen finns inte längre kvar: servern sparar bara de senaste färdiga körningarna (upp till ")
        assert gone.json()["error_sv"].endswith("och glömmer alla när den startas om. Räkna om den för att ladda ner "
                                                "rapporten.")  # plain Swedish (was '... och inga från före en omstart')
        again, _reply = _run(c, body)
        report = c.get(f"/api/runs/{again}/report")
        assert report.status_code == 200 and report.content == rendered_report(batch)


def test_off_loopback_a_token_is_required():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert bind_token("127.0.0.1", None) == (None, False)
    token, generated = bind_token("0.0.0.0", None)
    assert generated and len(token) >= 20
    with starlette_testclient.TestClient(create_app(token=token, workers=0)) as c:
        refused = c.get("/api/setup")
        assert refused.status_code == 401 and "token is required" in refused.json()["error"]
        assert c.get("/").status_code == 401
        assert c.get("/api/setup", headers={"X-Permitflow-Token": token + "x"}).status_code == 401
        assert c.get("/api/setup", headers={"X-Permitflow-Token": token}).status_code == 200
        assert c.get(f"/?token={token}").status_code == 200  # the page's address sets the cookie
        assert c.get("/api/setup").status_code == 200


def test_a_short_token_is_refused_on_the_command_line():
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--token", "short"])
    assert result.exit_code == 2
    assert result.output.strip() == "permitflow: error: --token: expected at least 16 printable characters without spaces"


def test_a_second_click_cancels_the_first_run():
    with starlette_testclient.TestClient(create_app(workers=1)) as c:
        first = c.post("/api/runs", json={"municipalities": ["helsingborg"], "levers": {"replications": 50, "years": 5}})
        assert first.status_code == 202
        second = c.post("/api/runs", json={"municipalities": ["astorp"], "levers": SMALL,
                                           "replaces": first.json()["id"]})
        assert second.status_code == 202
        old = c.get(f"/api/runs/{first.json()['id']}").json()
        assert old["state"] == "cancelled" and old["done"] < old["total"] == 100
        for _ in range(1200):
            new = c.get(f"/api/runs/{second.json()['id']}").json()
            if new["state"] != "running":
                break
            time.sleep(0.05)
        assert new["state"] == "done" and new["answer"]["municipalities"][0]["name"] == "Åstorp"
        assert c.get(f"/api/runs/{first.json()['id']}").json()["state"] == "cancelled"  # and stays so


def test_the_goal_seek_panel_finds_the_cheapest_combination(client):
    body = {"municipalities": ["astorp"], "levers": {},
            "goal": {"percent": 90, "officers": [1, 2], "fte": [0.3], "levels": ["committee", "officer"]}}
    reply = client.post("/api/goal", json=body)
    assert reply.status_code == 202, reply.text
    goal = reply_of(client, reply.json()["id"]).json()["answer"]
    assert {c["label"] for c in goal["candidates"]} <= {"1 × 0.3 FTE, committee", "1 × 0.3 FTE, officer",
                                                        "2 × 0.3 FTE, committee", "2 × 0.3 FTE, officer"}
    chosen = goal["chosen"]
    assert chosen is not None and chosen["cost"] == min(c["cost"] for c in goal["candidates"]
                                                        if c["target_figure"]["mean"] >= 0.9)
    assert goal["sentence"]["en"].startswith("Åstorp: the cheapest way to 90% within 4 months is")
    bad = client.post("/api/goal", json={**body, "goal": {"percent": 120}})
    assert bad.status_code == 400 and "120% is outside the allowed range 50–99%" in bad.json()["error"]
    # an empty field (or one the browser could not read: "-" typed) said "–% is outside the allowed range" (QA evening)
    for empty in ("", None):
        blank = client.post("/api/goal", json={**body, "goal": {"percent": empty}})
        assert blank.status_code == 400 and blank.json() == {
            "error": "Share of decisions within 4 months: write a share between 50 and 99%",
            "error_sv": "Andel beslut inom 4 månader: skriv en andel mellan 50 och 99\u00a0%", "field": "percent"}


def _goal(client, places, percent, **levers):
    reply = client.post("/api/goal", json={"municipalities": places, "levers": {}, "goal": {"percent": percent, **levers}})
    assert reply.status_code == 202, reply.text
    goal = reply_of(client, reply.json()["id"]).json()["answer"]
    for text in goal["sentence"].values():  # plain words: no option names or code names in the page
        assert "--" not in text and "_" not in text and "replications" not in text, text
    return goal, goal["sentence"]["en"], goal["sentence"]["sv"]


def test_the_goal_answer_names_equally_cheap_combinations_and_what_to_do_at_the_low_end(client):
    # found by QA: `permitflow optimise` names equally cheap candidates, says that none is sure at its interval's low
    # end and how today's setting fares; the page said only its first sentence. Åstorp decides a dozen cases in 12
    # replications, all in time: the low end of 90 % is about 83 % for the officer and the manager alike
    goal, en, sv = _goal(client, ["astorp"], 90, officers=[1], fte=[0.3], levels=["officer", "manager"])
    assert [r["label"] for r in goal["ties"]] == ["1 × 0.3 FTE, manager"] and goal["safe"] is None
    assert en.startswith("Åstorp: the cheapest way to 90% within 4 months is 1 case officer at 30% of full time, "
                         "decisions by the case officer: 679,000 kronor a year, ")
    assert "Just as cheap and reaching it too: 1 case officer at 30% of full time, decisions by the manager, " \
        in en
    assert "Lika billigt och når också målet: 1 handläggare på 30\u00a0% av heltid, beslut av chefen, i snitt " in sv
    assert " dagar (alternativet ovan är det snabbaste av dem)." in sv  # a bare "det ovan" named nothing
    # more years as well as a lower share (found by the manager's QA evening: the goal seek took the profile's years
    # whatever the form said, and the answer said only "lower the share")
    # and, picking among several asking more of each (Holm), fewer combinations
    assert ("None of the combinations tried is sure to reach it with 95% confidence when both combinations "
            "tried are taken together; to be sure, simulate more years (“Years simulated”: more cases give a "
            "narrower interval), try fewer combinations (each must then clear less) or lower “Share of decisions "
            "within 4 months (%)” and search again.") in en
    assert ("Inget av de prövade alternativen når målet säkert med 95\u00a0% säkerhet när båda prövade "
            "alternativen tas tillsammans; för att vara säker, simulera fler år (”Simulerade år”: fler ärenden ger "
            "ett smalare intervall), pröva färre alternativ (vart och ett behöver då klara mindre) eller sänk "
            "”Andel beslut inom 4 månader (%)” och sök igen.") in sv
    assert en.endswith("Today's setting, 1 case officer at 30% of full time, decisions by the committee, is not among "
                       "the combinations tried.")
    assert sv.endswith("Dagens upplägg, 1 handläggare på 30\u00a0% av heltid, beslut av nämnden, är inte bland de prövade "
                       "alternativen.")


def test_the_goal_seek_takes_the_forms_years_and_seed_as_a_what_if_does():
    """Found by the manager's QA evening: "Simulerade år" and "Slumpfrö" typed on the page were left out of the goal
    seek without a word (it ran each profile's own time and seed), so more years could not make Åstorp's few
    cases a sure answer."""
    from scenarios.bases import library_base
    from web.goalseek import goal_request

    bases = [library_base("astorp", source="web form", line=None)]
    own, typed = goal_request(bases, 95).base.settings, goal_request(bases, 95, seed=7, horizon="5y").base.settings
    assert (own.seed, own.horizon) == (2025, None)  # the profile's own time
    assert (typed.seed, str(typed.horizon)) == (7, "5y")


def test_the_goal_answer_names_the_cheapest_sure_at_the_low_end(client):
    # Helsingborg at 97 %: 1 x 0.25 FTE is cheapest by its mean (99.5 %) but its low end (96.6 %) misses 97 %
    goal, en, sv = _goal(client, ["helsingborg"], 97, officers=[1], fte=[0.25, 0.5], levels=["officer"])
    assert not goal["holds_at_bad_end"] and goal["safe"]["label"] == "1 × 0.5 FTE, officer"
    assert ("Sure to reach it, with 95% confidence when both combinations tried are taken together: 1 case "
            "officer at half time, decisions by the case officer, 1,131,000 kronor a year, 100% within 4 "
            "months.") in en
    # what is sure is reaching the target: the Swedish says so, as the English does ("Säkert även ..." had no verb)
    assert ("Når målet säkert, med 95\u00a0% säkerhet när båda prövade alternativen tas tillsammans: 1 "
            "handläggare på halvtid, beslut av handläggaren, 1\u00a0131\u00a0000 kr per år, 100\u00a0% inom "
            "4 månader.") in sv
    # at 98 % its own low end, 98.2 % (all of its cases within 4 months), meets it, but picking between two
    # asks each for 97.5 %: then none is sure (named sure before the answer allowed for picking among several)
    goal, en, sv = _goal(client, ["helsingborg"], 98, officers=[1], fte=[0.25, 0.5], levels=["officer"])
    assert goal["candidates"][1]["target_figure"]["low"] >= 0.98 and goal["safe"] is None
    assert "None of the combinations tried is sure to reach it with 95% confidence when both" in en


#: what the page sends on a first try: Helsingborg alone, 95 %, every decision level, the run settings left empty
DEFAULT_GOAL = {"municipalities": ["helsingborg"], "levers": {}, "goal": {"percent": 95, "joint": False, "who": "all"}}


def test_the_goal_seeks_defaults_are_those_docs_web_md_names():
    """The page's first try searches what docs/web.md says it does: 6 to 12 replications, the profile's own year and
    seed, 60 combinations (1 to 3 case officers at quarter, half, three-quarter or full time, five levels)."""
    from scenarios.bases import library_base
    from scenarios.optimise import lever_defaults
    from web.goalseek import REPLICATIONS, goal_request

    request = goal_request([library_base("helsingborg", source="web form", line=None)], 95)
    assert (request.first_replications, request.max_replications) == REPLICATIONS == (6, 12)
    assert (request.base.settings.seed, request.base.settings.horizon) == (2025, None)
    levers = lever_defaults(request.base)
    assert (levers.officers, levers.fte, len(levers.levels)) == ((1, 2, 3), (0.25, 0.5, 0.75, 1.0), 5)
    assert len(levers.candidates()) == 60


@pytest.mark.slow
def test_the_pages_default_goal_seek_ends_in_an_answer_a_manager_can_act_on(client):
    """A manager's first try ends in an answer to act on. The docs said it found none sure at 12 replications once
    "sure" held for all the combinations together (Holm): that was measured before the screen asked each candidate
    as much as the answer will; now every combination runs its 12 and the cheapest is sure for all 60 together."""
    reply = client.post("/api/goal", json=DEFAULT_GOAL)
    assert reply.status_code == 202, reply.text
    goal = reply_of(client, reply.json()["id"]).json()["answer"]
    assert len(goal["candidates"]) == 60 and max(c["replications"] for c in goal["candidates"]) == 12
    assert goal["holds_at_bad_end"] and goal["safe"] is None and goal["chosen"]["label"] == "1 × 0.25 FTE, officer"
    en, sv = goal["sentence"]["en"], goal["sentence"]["sv"]
    assert en.startswith("Helsingborg: the cheapest way to 95% within 4 months is 1 case officer at quarter time, "
                         "decisions by the case officer: 565,000 kronor a year, 44 days on average (sure with 95% "
                         "confidence when all 60 combinations tried are taken together). ")
    assert sv.startswith("Helsingborg: billigast att nå 95\u00a0% inom 4 månader är 1 handläggare på kvartstid, "
                         "beslut av handläggaren: 565\u00a0000 kr per år, i snitt 44 dagar (når målet med 95\u00a0% "
                         "säkerhet när alla 60 prövade alternativ tas tillsammans). ")
    assert "not sure" not in en and "None of the" not in en and "osäkert" not in sv and "Inget av" not in sv


def test_the_goal_answer_says_how_todays_setting_fares(client):
    # Åstorp today: 1 case officer at 30% of full time, decisions by the committee
    goal, en, sv = _goal(client, ["astorp"], 90, officers=[1], fte=[0.3], levels=["committee", "officer"])
    assert goal["today"]["label"] == "1 × 0.3 FTE, committee" and goal["chosen"]["level"] == "officer"
    assert en.endswith("Today's setting, 1 case officer at 30% of full time, decisions by the committee (686,000 kronor a "
                       "year, 100% within 4 months, 58 days on average), reaches the target too.")
    # the setting is the subject (Swedish puts the verb second: "I dag, 1 handläggare ..., når" was wrong)
    assert sv.endswith("Dagens upplägg, 1 handläggare på 30\u00a0% av heltid, beslut av nämnden (686\u00a0000 kr per år, 100\u00a0% "
                       "inom 4 månader, i snitt 58 dagar), når också målet.")
    goal, en, sv = _goal(client, ["astorp"], 90, officers=[1], fte=[0.3], levels=["committee"])
    # it names what is today's setting: a bare "Det är ..." after the low-end sentence pointed at nothing
    assert en.endswith(" The chosen one is today's setting.") and sv.endswith(" Det valda är dagens upplägg.")


@pytest.mark.parametrize("goal, field, en, sv", [
    ({"levels": ["king"]}, "levels",
     'Decided by: "king" is not a decision level of every chosen municipality (choose the committee, '
     "the working committee, the chair, the manager or the case officer)",
     'Beslut av: "king" är inte en beslutsnivå i alla valda kommuner (välj nämnden, '
     "arbetsutskottet, ordföranden, chefen eller handläggaren)"),
    ({"officers": [2, 0]}, "officers", "Case officers: 0 is outside the allowed range (at least 1)",
     "Handläggare: 0 är utanför det tillåtna intervallet (minst 1)"),
    ({"fte": [5.0]}, "fte", "Share of full time: 5 is outside the allowed range (above 0, at most 1)",
     "Andel av heltid: 5 är utanför det tillåtna intervallet (över 0, högst 1)"),
    ({"fte": [1.5]}, "fte", "Share of full time: 1.5 is outside the allowed range (above 0, at most 1)",
     "Andel av heltid: 1,5 är utanför det tillåtna intervallet (över 0, högst 1)"),
    ({"joint": True, "officers": [2]}, "officers",
     "Case officers: 2 is outside the allowed range (at least 3: one for each of the 3 municipalities of the "
     "joint unit)",
     "Handläggare: 2 är utanför det tillåtna intervallet (minst 3: en för var och en av de 3 kommunerna i den "
     "gemensamma enheten)"),
], ids=["levels", "officers", "fte", "fte_decimal", "joint_officers"])
def test_a_goal_lever_the_processes_cannot_take_is_refused_when_asked(client, goal, field, en, sv):
    # it was accepted (202) and failed only when polled: 422 naming the command line's --levels
    body = {"municipalities": ["helsingborg", "astorp", "landskrona"], "goal": goal}
    reply = client.post("/api/goal", json=body)
    assert reply.status_code == 400, reply.text
    assert reply.json() == {"error": en, "error_sv": sv, "field": field}
    assert client.get("/api/setup").status_code == 200


def reply_of(client, run_id):
    for _ in range(2400):
        state = client.get(f"/api/runs/{run_id}")
        if state.status_code != 200 or state.json()["state"] != "running":
            return state
        time.sleep(0.05)
    raise AssertionError("the goal seek did not finish")


def test_how_sure_adds_whether_the_conclusion_holds_across_the_assumption_ranges(client):
    body = {"municipalities": ["astorp"], "levers": {"grant_level": "officer", "refusal_level": "officer",
                                                     "replications": 4}, "uncertainty": 4}
    reply = client.post("/api/runs", json=body)
    assert reply.status_code == 202 and reply.json()["total"] == 8 * 5  # the nominal units and 4 points' worth
    sure = reply_of(client, reply.json()["id"]).json()["answer"]["how_sure"]["astorp"]
    assert sure["sentence"]["en"].startswith("Åstorp: ")
    # combinations of the assumptions' values, as the checkbox says (found by QA, words23: "(4 points)" said nothing)
    assert "(4 kombinationer)" in sure["sentence"]["sv"] and "(4 combinations)" in sure["sentence"]["en"]
    assert isinstance(sure["holds"], bool)
    bad = client.post("/api/runs", json={**body, "uncertainty": 1000})
    assert bad.status_code == 400 and "How sure are we: 1000 is not a choice" in bad.json()["error"]


def test_a_port_in_use_is_one_line_and_exit_code_2():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.strip() == f"permitflow: error: cannot listen on 127.0.0.1:{port}: Address already in use"


@pytest.mark.parametrize("path, body, words", [
    ("/api/runs", b"[" * 100_000 + b"]" * 100_000, "the request is not JSON"),  # json.loads: RecursionError
    ("/api/goal", json.dumps({"municipalities": ["helsingborg"], "goal": [95]}).encode(), "goal: expected an object"),
])
def test_a_request_that_crashed_the_handler_is_one_message(client, path, body, words):
    # both were "500 Internal Server Error" with a traceback in the server's log
    reply = client.post(path, content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 400 and words in reply.json()["error"]
    assert client.get("/api/setup").status_code == 200


def test_a_chunked_body_over_the_limit_is_refused(client):
    # no Content-Length, so the guard let it through and the whole body was read into memory
    def chunks():
        yield b'{"municipalities": ["'
        for _ in range(MAX_BODY_BYTES // (1 << 20) + 2):
            yield b"x" * (1 << 20)

    reply = client.post("/api/runs", content=chunks(), headers={"content-type": "application/json"})
    assert reply.status_code == 413 and "over the limit" in reply.json()["error"]
    assert client.get("/api/setup").status_code == 200


def test_the_sentence_states_no_share_within_4_months_for_a_process_without_a_legal_clock():
    """Found by the QA journey (2026-12-06): an uploaded profile with no `clock:` has no deadline, and the page
    said "Within 4 months: – % today, – % with the changes"."""
    from web.answer import sentences

    days = {"mean": 60.0, "ci": [55.0, 65.0]}
    diff = {"mean": -5.0, "ci": [-8.0, -2.0], "significant": True}
    timed = sentences("Höganäs", days, days, diff, 0.9, 1.0)
    assert timed["en"].endswith("Within 4 months: 90% today, 100% with the changes.")
    assert timed["sv"].endswith("Inom 4 månader: 90\u00a0% i dag, 100\u00a0% med ändringarna.")
    # the profile's own deadline, not the library's 4 months (found by the QA profile journey)
    own = sentences("Höganäs", days, days, diff, 0.9, 1.0, (60 * 24.0, 0.0))
    assert own["en"].endswith("Within 60 days: 90% today, 100% with the changes.")
    assert own["sv"].endswith("Inom 60 dagar: 90\u00a0% i dag, 100\u00a0% med ändringarna.")
    clockless = sentences("Höganäs", days, days, diff, None, float("nan"))
    assert clockless["en"] == ("Höganäs: from a complete application to the decision takes 60 (55–65) days on average "
                               "today, 60 (55–65) days with the changes: 5 days shorter (2–8).")
    assert clockless["sv"].endswith("dagar med ändringarna: 5 dagar kortare (2–8).")
    # with no clock at all (an uploaded profile without clock:) the days run from the arrival (docs/simulation.md),
    # not from a complete application (found by the manager's QA journey: "Money Bank: från komplett ansökan …")
    arrival = sentences("Money Bank", days, days, diff, None, None, None)
    assert arrival["sv"].startswith("Money Bank: från att ärendet kommer in tills det är klart tar det i snitt 60")
    assert arrival["en"].startswith("Money Bank: from the case's arrival until it is done takes 60 (55–65) days")
    assert sentences("Money Bank", days, days, diff, None, None, None, changed=False)["sv"].startswith(
        "Money Bank: från att ärendet kommer in tills det är klart tar det i snitt 60 (55–65) dagar i dag (ingen")


def test_a_time_the_same_in_every_run_is_said_once_and_a_day_as_people_write_it():
    """Found by QA (qawords): a model of fixed times read "17 (17–17) dagar", a change the same in every run
    "5 dagar kortare (5–5)", and a change of one day "1 dagar" (the report's "1.0 days")."""
    from web.answer import how_sure, sentences

    fixed = {"mean": 17.0, "ci": [17.0, 17.0]}
    alone = sentences("Fast", fixed, fixed, {"mean": 0.0, "ci": [0.0, 0.0], "significant": False}, None, None, None,
                      changed=False)
    # the note where it reads naturally: after "today", not between the days and "on average" (found by QA)
    assert alone["sv"].startswith("Fast: från att ärendet kommer in tills det är klart tar det i snitt 17 dagar "
                                  "i dag, samma i varje körning (ingen ändring vald")
    assert alone["en"].startswith("Fast: from the case's arrival until it is done takes 17 days on average today, "
                                  "the same in every run (no change chosen")
    shorter = sentences("Fast", fixed, {"mean": 12.0, "ci": [12.0, 12.0]},
                        {"mean": -5.0, "ci": [-5.0, -5.0], "significant": True}, None, None, None)
    # both times fixed: the change is too, said once (found by QA, qareport3: "(both the same in every run): 5 days
    # shorter (the same in every run)")
    assert shorter["sv"] == ("Fast: från att ärendet kommer in tills det är klart tar det i snitt 17 dagar i dag, "
                             "12 dagar med ändringarna (båda samma i varje körning): 5 dagar kortare.")
    assert shorter["en"] == ("Fast: from the case's arrival until it is done takes 17 days on average today, 12 days "
                             "with the changes (both the same in every run): 5 days shorter.")
    varied = sentences("Fast", fixed, {"mean": 12.0, "ci": [11.0, 13.0]},
                       {"mean": -5.0, "ci": [-6.0, -4.0], "significant": True}, None, None, None)
    assert varied["en"].startswith("Fast: from the case's arrival until it is done takes 17 days on average today "
                                   "(the same in every run), 12 (11–13) days with the changes: 5 days shorter")
    assert "(17–17)" not in shorter["en"] and shorter["en"].count("the same in every run") == 1
    same = sentences("Fast", fixed, fixed, {"mean": 0.0, "ci": [0.0, 0.0], "significant": False}, None, None, None)
    assert same["sv"].endswith("med ändringarna (båda samma i varje körning): ingen skillnad.")
    assert same["en"].endswith("with the changes (both the same in every run): no difference.")
    # one time varies, the change does not (a model's fixed step changed): the change's note stays
    spread = {"mean": 17.0, "ci": [16.0, 18.0]}
    steady = sentences("Fast", spread, spread, {"mean": -5.0, "ci": [-5.0, -5.0], "significant": True}, None, None,
                       None)
    assert steady["en"].endswith(": 5 days shorter (the same in every run).")
    # one day in the singular, no decimal of nothing
    days = {"mean": 60.0, "ci": [53.0, 67.0]}
    one = sentences("Ritstad", days, days, {"mean": -1.04, "ci": [-1.9, -0.4], "significant": True}, None, None, None)
    assert one["sv"].endswith(": 1 dag kortare (0,4–1,9).") and one["en"].endswith(": 1 day shorter (0.4–1.9).")
    quick = sentences("Ritstad", {"mean": 1.0, "ci": [1.0, 1.0]}, days, None, None, None, None)
    assert "tar det i snitt 1 dag i dag (samma i varje körning)" in quick["sv"]
    doc = {"points": 8, "factors": [], "scenarios": {"what-if": {"members": ["ritstad"], "conclusions": {
        "ritstad/complete_to_decision_mean_days": {"direction": "lower", "holds": True, "at_least": -1.0,
                                                   "nominal": {"significant": True}}}}}}
    sure = how_sure(doc, {"ritstad": "Ritstad"})["ritstad"]["sentence"]
    assert "minst 1 dag kortare i varje kombination" in sure["sv"] and "at least 1 day shorter" in sure["en"]


def test_the_sentence_of_no_change_or_a_change_under_half_a_day_says_something():
    """Found by the manager's QA journey (2026-12-06): Räkna with no lever changed said "60 (53–67) days today,
    60 (53–67) days with the changes: no clear difference (between 0 and 0 days)", and a sure change of a few
    hours "0 days shorter (0–0)" (and "at least 0 days shorter at every point")."""
    from web.answer import how_sure, sentences

    days = {"mean": 60.0, "ci": [53.0, 67.0]}
    none = {"mean": 0.0, "ci": [0.0, 0.0], "significant": False}
    alone = sentences("Landskrona", days, days, none, 1.0, 1.0, changed=False)
    assert alone["sv"] == ("Landskrona: från komplett ansökan till beslut tar det i snitt 60 (53–67) dagar i dag "
                           "(ingen ändring vald: ändra något under ”Det ni kan ändra” för att se vad det gör). "
                           "Inom 4 månader: 100\u00a0% i dag.")
    assert alone["en"] == ("Landskrona: from a complete application to the decision takes 60 (53–67) days on average "
                           "today (no change chosen: change something under “What you can change” to see what it "
                           "does). Within 4 months: 100% today.")
    assert "Inom 60 dagar" in sentences("Ritstad", days, days, none, 1.0, 1.0, (60 * 24.0, 0.0), changed=False)["sv"]
    assert "Inom" not in sentences("M/M/1", days, days, none, None, None, None, changed=False)["sv"]

    small = {"mean": -0.04, "ci": [-0.06, -0.02], "significant": True}
    said = sentences("Ritstad", days, days, small, None, None, None)
    assert said["sv"].endswith("med ändringarna: mindre än 0,1 dagar kortare (0,02–0,1).")  # a sure change: no end 0,0
    assert said["en"].endswith("with the changes: less than 0.1 days shorter (0.02–0.1).")
    hours = {"mean": -0.3, "ci": [-0.55, -0.12], "significant": True}
    said = sentences("Ritstad", days, days, hours, None, None, None)
    assert said["sv"].endswith(": 0,3 dagar kortare (0,1–0,6).") and said["en"].endswith(": 0.3 days shorter (0.1–0.6).")
    assert sentences("Ritstad", days, days, {"mean": -5.4, "ci": [-8.0, -2.0], "significant": True}, None, None,
                     None)["sv"].endswith(": 5 dagar kortare (2–8).")  # whole days as before
    mixed = {"mean": -1.2, "ci": [-1.9, -0.4], "significant": True}  # it said "1 dagar kortare (0–2)"
    said = sentences("Ritstad", days, days, mixed, None, None, None)
    assert said["sv"].endswith(": 1,2 dagar kortare (0,4–1,9).") and said["en"].endswith(": 1.2 days shorter (0.4–1.9).")
    unclear = {"mean": -0.05, "ci": [-0.2, 0.1], "significant": False}  # it said "(mellan 0 och 0 dagar)"
    assert sentences("Ritstad", days, days, unclear, None, None, None)["sv"].endswith(
        ": ingen tydlig skillnad (mellan −0,2 och 0,1 dagar).")
    assert sentences("Ritstad", days, days, {"mean": -4.0, "ci": [-11.0, 2.0], "significant": False}, None, None,
                     None)["en"].endswith(": no clear difference (between -11 and 2 days).")

    doc = {"points": 8, "factors": [], "scenarios": {"what-if": {"members": ["ritstad"], "conclusions": {
        "ritstad/complete_to_decision_mean_days": {"direction": "lower", "holds": True, "at_least": -0.3,
                                                   "nominal": {"significant": True}}}}}}
    sure = how_sure(doc, {"ritstad": "Ritstad"})["ritstad"]["sentence"]
    assert "minst 0,3 dagar kortare i varje kombination" in sure["sv"] and "at least 0.3 days shorter" in sure["en"]


def test_goal_seek_on_an_uploaded_process_without_a_legal_clock_is_refused_in_words(client):
    """A profile with no `clock:` has no deadline, so no share within 4 months can be sought: refused at once in
    both languages (before, the search ran every combination and answered that none reaches the target)."""
    # a model that runs without a clock (the library's do not: their extension choice needs one, and an upload
    # that cannot run is refused when it is sent), under a profile that names itself Åstorp
    model = MM1.read_text(encoding="utf-8").encode("utf-8")
    own = MM1.with_suffix(".yaml").read_text(encoding="utf-8").replace("municipality: M/M/1", "municipality: Åstorp")
    own = own.encode("utf-8")
    upload = _upload(client, "", model, own).json()["id"]  # no name typed: the profile's, Åstorp
    reply = client.post("/api/goal", json={"uploads": [upload], "levers": {}, "goal": {"percent": 90}})
    assert reply.status_code == 400, reply.text
    assert reply.json()["field"] == "percent"
    assert "no legal deadline" in reply.json()["error"] and "ingen lagstadgad tidsfrist" in reply.json()["error_sv"]
    # by the name the page shows (here the profile's municipality), not the upload's key
    assert reply.json()["error"].startswith("Åstorp: ") and reply.json()["error_sv"].startswith("Åstorp: ")


# --- the completeness and remiss levers on a model drawn in a modelling tool (found by the QA review,
# 2026-12-06: both levers needed the library's ids, Gw_Komplett and Event_Remissvar_…)

DRAWN = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "camunda_permit.bpmn"
MM1 = Path(__file__).resolve().parents[1] / "fixtures" / "sim" / "mm1.bpmn"  # no decision bodies, no legal clock
DRAWN_PROFILE = DRAWN.with_suffix(".yaml")
BOTH = {"complete_share": 0.9, "remiss_weeks": 1}


#: the second loop's choice and wait (:data:`SECOND_LOOP`), which a run needs: an upload that cannot run is refused
SECOND_LOOP_TIMES = ("    Gateway_0utk3rr: {probabilities: {Flow_1ut2bbb: 0.9, Flow_0ut3ccc: 0.1}}\n"
                     "    Event_0svr6tt: {delay: {dist: fixed, value: 1w}}\n")


def _drawn(client, model: str | None = None) -> str:
    text = DRAWN.read_text(encoding="utf-8") if model is None else model
    profile = DRAWN_PROFILE.read_text(encoding="utf-8")
    if "Gateway_0utk3rr" in text:
        profile = profile.replace("  decision:", SECOND_LOOP_TIMES + "  decision:", 1)
    reply = _upload(client, "Ritstad", text.encode("utf-8"), profile.encode("utf-8"))
    assert reply.status_code == 200, reply.text
    return reply.json()["id"]


def test_the_completeness_and_remiss_levers_find_their_steps_in_a_model_drawn_with_tool_ids(client):
    """A manager's model drawn in Camunda Modeler (ids Gateway_1x2y9fz, Event_0rsp6ty …): the share of
    complete applications changes the gateway whose "Nej" loops back through "Begär komplettering", and the
    remiss time changes the answers from the police (a message event) and the tax agency (a receive task),
    not the applicant's supplement; it was refused, asking to rename the elements as the library does."""
    body = {"uploads": [_drawn(client)], "levers": {**BOTH, **SMALL}}
    saved = client.post("/api/scenario", json=body)
    assert saved.status_code == 200, saved.text
    import yaml

    *_status_quo, whatif = yaml.safe_load_all(saved.text)  # the what-if follows the status quo it is compared with
    sets = whatif["set"]
    assert sets == {
        "ritstad.simulation.elements.Gateway_1x2y9fz.probabilities": {"Flow_0ja5m3n": 0.9, "Flow_1nej6o4": 0.1},
        "ritstad.simulation.elements.Event_0rsp6ty.delay": {"dist": "triangular", "low": "5d", "mode": "7d",
                                                            "high": "9d"},
        "ritstad.simulation.elements.Activity_0vsk1ab.delay": {"dist": "triangular", "low": "5d", "mode": "7d",
                                                               "high": "9d"},
    }
    _id, reply = _run(client, body)
    assert reply.status_code == 200 and reply.json()["answer"]["municipalities"][0]["process"] == "ritstad"


def test_the_library_models_give_the_levers_the_same_steps_found_by_what_they_are():
    """The steps found by structure are the library's own ids in every library model, in profile order, so
    a library what-if writes the same set: entries as before (a model given or not)."""
    from scenarios.bases import library_base
    from web.levers import status_quo
    from web.leversteps import Completeness, lever_steps

    for name in library_names():
        base = library_base(name, source="test", line=None)
        steps = lever_steps(base.bpmn)
        assert steps is not None and steps.completeness == Completeness("Gw_Komplett", "Flow_Komplett_Ja",
                                                                        "Flow_Komplett_Nej"), name
        elements = base.profile["simulation"]["elements"]
        assert steps.remiss_answers == tuple(e for e in elements if e.startswith("Event_Remissvar_")), name
        form = {**BOTH, "officers": 3}
        with_model = lever_sets(form, {name: base.profile}, {name: base.bpmn})
        assert with_model == lever_sets(form, {name: base.profile}), name
        assert status_quo(base.profile, base.bpmn) == status_quo(base.profile), name


def _without_loop(text: str) -> str:
    """The drawn model with the supplement's answer going to the end instead of back to the check."""
    flow = '<bpmn:sequenceFlow id="Flow_1k8r7s8" sourceRef="Event_1kin0rw" targetRef="Activity_1gra2nq" />'
    assert flow in text
    return text.replace(flow, flow.replace("Activity_1gra2nq", "Event_0end9jj"))


def _without_answers(text: str) -> str:
    """The drawn model with no message from the police or the tax agency (the answers come from nobody)."""
    for line in ('<bpmn:messageFlow id="Flow_0msg5ee" sourceRef="Participant_0pol7d1" targetRef="Event_0rsp6ty" />',
                 '<bpmn:messageFlow id="Flow_0msg7gg" sourceRef="Participant_1skv2c8" targetRef="Activity_0vsk1ab" />'):
        assert line in text
        text = text.replace(line, "")
    return text


SECOND_LOOP = """
    <bpmn:exclusiveGateway id="Gateway_0utk3rr" name="Allt utrett?" />
    <bpmn:sendTask id="Activity_0frg8ee" name="Fråga sökanden" />
    <bpmn:intermediateCatchEvent id="Event_0svr6tt" name="Svar från sökanden"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="Flow_0ut1aaa" sourceRef="Activity_0utr7qq" targetRef="Gateway_0utk3rr" />
    <bpmn:sequenceFlow id="Flow_1ut2bbb" name="Ja" sourceRef="Gateway_0utk3rr" targetRef="Activity_1bes4zz" />
    <bpmn:sequenceFlow id="Flow_0ut3ccc" name="Nej" sourceRef="Gateway_0utk3rr" targetRef="Activity_0frg8ee" />
    <bpmn:sequenceFlow id="Flow_1ut4ddd" sourceRef="Activity_0frg8ee" targetRef="Event_0svr6tt" />
    <bpmn:sequenceFlow id="Flow_0ut5eee" sourceRef="Event_0svr6tt" targetRef="Activity_0utr7qq" />
  </bpmn:process>"""


def _two_loops(text: str, *, say_supplement: bool) -> str:
    """The drawn model with a second loop after the investigation ("Allt utrett?" back through "Fråga
    sökanden"); without ``say_supplement`` neither loop's steps are named as a supplement."""
    text = text.replace('<bpmn:sequenceFlow id="Flow_0u5f1g2" sourceRef="Activity_0utr7qq" '
                        'targetRef="Activity_1bes4zz" />', "").replace("  </bpmn:process>", SECOND_LOOP)
    if not say_supplement:
        text = text.replace("Begär komplettering", "Fråga igen").replace("Komplettering inkommen", "Svar inkommet")
    return text


def test_a_second_loop_named_otherwise_leaves_the_completeness_check_found():
    from web.leversteps import lever_steps

    steps = lever_steps(_two_loops(DRAWN.read_text(encoding="utf-8"), say_supplement=True))
    assert steps is not None and steps.completeness.gateway == "Gateway_1x2y9fz"


@pytest.mark.parametrize("change,levers,en,sv", [
    (_without_loop, {"complete_share": 0.9},
     "Share of complete applications (e-service): Ritstad's model has no check of whether an application is "
     "complete (a choice, an exclusive gateway, where one way goes on and the other goes back to the check "
     "through a request sent to the applicant)",
     "Andel kompletta ansökningar (e-tjänst): Ritstads modell saknar kontroll av om ansökan är komplett (ett val, "
     "en exklusiv gateway, där ena vägen går vidare och den andra går tillbaka till kontrollen via en begäran som "
     "skickas till sökanden)"),
    (lambda text: _two_loops(text, say_supplement=False), {"complete_share": 0.9},
     "Share of complete applications (e-service): Ritstad's model has several steps that could each be the check "
     "of whether an application is complete: “Allt med?” and “Allt utrett?” (give the check a name that says so, "
     "e.g. “Är ansökan komplett?”, and the others names that do not)",
     "Andel kompletta ansökningar (e-tjänst): Ritstads modell har flera steg som vart och ett kan vara kontrollen "
     "av om ansökan är komplett: ”Allt med?” och ”Allt utrett?” (ge kontrollen ett namn som säger det, t.ex. "
     "”Är ansökan komplett?”, och de andra namn som inte gör det)"),
    (_without_answers, {"remiss_weeks": 2},
     "Replies from consulted bodies (remiss), usual time (weeks): Ritstad's model has no reply from a consulted body "
     "(a message event or receive task "
     "that waits for the answer of another party than the applicant, after the process has sent that party a "
     "message: the remiss)",
     "Remissvar, vanlig svarstid (veckor): Ritstads modell saknar remissvar (en meddelandehändelse eller "
     "mottagningsuppgift som väntar på svar från en annan part än sökanden, efter att processen skickat den "
     "parten ett meddelande: remissen)"),
])
def test_a_lever_whose_step_the_model_lacks_or_has_twice_is_refused_naming_the_steps(client, change, levers, en, sv):
    upload = _drawn(client, change(DRAWN.read_text(encoding="utf-8")))
    for url in ("/api/runs", "/api/scenario"):
        reply = client.post(url, json={"uploads": [upload], "levers": {**levers, **SMALL}})
        assert reply.status_code == 400, reply.text
        assert (reply.json()["error"], reply.json()["error_sv"]) == (en, sv)
        assert reply.json()["field"] == next(iter(levers))


def test_an_unnamed_choice_is_named_by_the_step_before_it_never_by_its_id():
    from web.leversteps import NotFound, lever_steps

    text = _two_loops(DRAWN.read_text(encoding="utf-8"), say_supplement=False).replace(' name="Allt utrett?"', "")
    steps = lever_steps(text)
    assert steps is not None and steps.completeness == NotFound((
        ("“Allt med?”", "”Allt med?”"),
        ("the unnamed choice after “Utred ärendet”", "det namnlösa valet efter ”Utred ärendet”")))


# --- the form's fixed words name the chosen processes' deadline (web/texts.py says the library's 4 months)

def test_the_forms_deadline_words_follow_an_uploaded_profiles_deadline(client):
    """An upload whose profile has a 2-month deadline: its words for the form say 2 months (the goal-seek field,
    the table's column, the chart's line), its range refusal too; a library process keeps 4 months, and
    processes of different deadlines say "the deadline"."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "web"
    profile = (fixtures / "camunda_permit.yaml").read_text(encoding="utf-8").replace(
        "deadline: 4mo, extension: 4mo", "deadline: 2mo, extension: 1mo")
    assert "deadline: 2mo" in profile
    setup = client.get("/api/setup").json()
    helsingborg = next(m for m in setup["library"] if m["name"] == "helsingborg")
    assert helsingborg["deadline_texts"]["goal_percent"] == {"sv": "Andel beslut inom 4 månader (%)",
                                                             "en": "Share of decisions within 4 months (%)"}
    assert setup["deadline_generic"]["goal_percent"] == {"sv": "Andel beslut inom tidsfristen (%)",
                                                         "en": "Share of decisions within the deadline (%)"}
    reply = _upload(client, "Ritstad", (fixtures / "camunda_permit.bpmn").read_bytes(), profile.encode("utf-8"))
    assert reply.status_code == 200, reply.text
    words = reply.json()["deadline_texts"]
    assert words == {"deadline": {"sv": "2 månader", "en": "2 months"},
                     "goal_percent": {"sv": "Andel beslut inom 2 månader (%)", "en": "Share of decisions within 2 months (%)"},
                     "goal_share": {"sv": "Inom 2 månader", "en": "Within 2 months"},
                     "goal_low": {"sv": "Inom 2 månader, säkert minst", "en": "Within 2 months, surely at least"}}
    refused = client.post("/api/goal", json={"uploads": [reply.json()["id"]], "levers": {}, "goal": {"percent": 120}})
    assert refused.status_code == 400
    assert refused.json()["error_sv"].startswith("Andel beslut inom 2 månader: 120\u00a0% ligger utanför")
    assert refused.json()["error"].startswith("Share of decisions within 2 months: 120% is outside")
    _id, done = _run(client, {"uploads": [reply.json()["id"]], "levers": {"officers": 2, **SMALL}})
    place = done.json()["answer"]["municipalities"][0]
    assert place["deadline_words"] == {"sv": "2 månader", "en": "2 months"}
    assert "Inom 2 månader:" in place["sentence"]["sv"]
    # under the chart: a deadline in months is each case's own date, the line only its mean length
    assert place["deadline_rule"]["sv"].startswith("Tidsgränsen räknas i kalendermånader: 2 månader från")
    assert "to the same day of the month" in place["deadline_rule"]["en"]


def test_the_note_under_the_chart_says_a_deadline_in_days_moves_off_a_closed_last_day(client):
    """An upload whose deadline is written in days: the answer's note under its chart says how it is
    counted (lagen (1930:173) 2 §: a last day on a weekend, holiday or eve moves to the next weekday), as one
    in months says its calendar rule; one written in hours gets no note (a fixed length)."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "web"
    notes = {}
    for deadline in ("28d", "672h"):
        profile = (fixtures / "camunda_permit.yaml").read_text(encoding="utf-8").replace(
            "deadline: 4mo, extension: 4mo", f"deadline: {deadline}, extension: {deadline}")
        assert f"deadline: {deadline}" in profile
        model = (fixtures / "camunda_permit.bpmn").read_bytes()
        reply = _upload(client, "Ritstad", model, profile.encode("utf-8"))
        assert reply.status_code == 200, reply.text
        _id, done = _run(client, {"uploads": [reply.json()["id"]], "levers": {"officers": 2, **SMALL}})
        notes[deadline] = done.json()["answer"]["municipalities"][0]["deadline_rule"]
    assert notes["28d"] == {
        "en": "The deadline is counted in days: 28 days from the day the application was complete; a "
              "last day on a Saturday, Sunday, public holiday, Midsummer Eve, Christmas Eve or New Year's "
              "Eve moves to the end of the next weekday.",
        "sv": "Tidsgränsen räknas i dagar: 28 dagar från dagen då ansökan blev komplett; infaller sista "
              "dagen på en lördag, söndag, allmän helgdag, midsommarafton, julafton eller nyårsafton flyttas "
              "den till slutet av nästa vardag."}
    assert notes["672h"] is None


def test_a_lever_a_profile_has_no_body_for_is_refused_without_the_profiles_keys():
    """The page is read by managers: the refusal says what is missing in words, not the profile's keys
    ('decision body committee with meetings:', 'working_committee'), as it did (found by the words review)."""
    from web.levers import LeverError

    profile = {"municipality": "Ritstad", "simulation": {"decision": {"bodies": {"officer": {}}}}}
    said = {}
    for lever, value in (("cadence", "weekly"), ("cutoff_days", 7)):
        with pytest.raises(LeverError) as caught:
            lever_sets({lever: value}, {"ritstad": profile})
        said[lever] = (str(caught.value), caught.value.sv)
    # after the field's name ("Committee meetings: ...")
    said = {lever: tuple(text.split(": ", 1)[1] for text in pair) for lever, pair in said.items()}
    assert said == {
        "cadence": ("Ritstad's profile has no committee that meets (the meetings this field changes)",
                    "Ritstads profil saknar nämnd som sammanträder (de sammanträden som fältet ändrar)"),
        "cutoff_days": ("Ritstad's profile has no committee or working committee (the decision bodies whose last "
                        "day for cases this field changes)",
                        "Ritstads profil saknar nämnd eller arbetsutskott (de beslutsorgan vars sista dag för "
                        "ärenden fältet ändrar)"),
    }


def test_a_how_sure_run_with_no_change_says_how_far_the_days_move_across_the_ranges():
    """Found by QA: with no lever changed, the page's how-sure line said "över antagandenas intervall (8 punkter)
    ingen riktning att pröva" / "there is no direction to test", nothing a manager could use."""
    from web.answer import how_sure

    conclusion = {"direction": "none", "holds": False, "at_least": None, "nominal": {"significant": False}}
    doc = {"points": 8, "factors": [], "scenarios": {"what-if": {
        "members": ["ritstad"], "conclusions": {"ritstad/complete_to_decision_mean_days": conclusion},
        "figures": {"ritstad/complete_to_decision_mean_days": {"noise_and_assumptions": {"low": 40.45, "high": 68.3}}}}}}
    sure = how_sure(doc, {"ritstad": "Ritstad"})["ritstad"]["sentence"]
    assert sure["sv"] == ("Ritstad: över antagandenas intervall (8 kombinationer) tar det 40–68 dagar (samma dagar som i "
                          "dag, så det finns ingen ändring att pröva).")
    assert sure["en"] == ("Ritstad: across the assumption ranges (8 combinations) it takes 40–68 days (the same days as "
                          "today, so there is no change to test).")
    assert "riktning" not in sure["sv"] and "direction" not in sure["en"]


def test_a_how_sure_run_without_a_sure_difference_says_which_way_the_combinations_go_as_the_report_does():
    """Found by the manager's QA evening: Helsingborg with one more officer said "so it is not tested across the
    ranges (8 combinations)" while the 8 combinations ran; the report downloaded after it said "sooner at 6 of 8
    points (change -9.0 to 0.5 days)"."""
    from web.answer import how_sure

    conclusion = {"direction": "lower", "holds": False, "at_least": -0.5, "points": 8, "share_same_direction": 0.75,
                  "nominal": {"significant": False}, "across": {"min": -9.04, "max": 0.46}}
    doc = {"points": 8, "factors": [], "scenarios": {"what-if": {
        "members": ["ritstad"], "conclusions": {"ritstad/complete_to_decision_mean_days": conclusion}}}}
    sure = how_sure(doc, {"ritstad": "Ritstad"})["ritstad"]["sentence"]
    assert sure["sv"] == ("Ritstad: ingen säker skillnad med antagandena som de är (skillnadens intervall omfattar noll); "
                          "över antagandenas intervall (8 kombinationer) blir det kortare i 6 av dem (ändring −9,0 till "
                          "0,5 dagar).")
    assert sure["en"] == ("Ritstad: no sure difference with the assumptions as they are (the difference's interval includes "
                          "zero); across the assumption ranges (8 combinations) it is shorter in 6 of them (change -9.0 to "
                          "0.5 days).")
    assert "not tested" not in sure["en"] and "prövas inte" not in sure["sv"]


def test_a_sure_change_from_the_applications_arrival_the_other_way_is_said_too():
    """Found by QA: more complete applications (the e-service lever) read "4 dagar längre" on the legal clock, which
    then starts sooner, while from the application's arrival the cases are decided 2 days sooner."""
    from web.answer import sentences

    now, then = {"mean": 60.2, "ci": [59.0, 61.4]}, {"mean": 64.7, "ci": [63.5, 65.9]}
    later = {"mean": 4.49, "ci": [3.71, 5.28], "significant": True}
    sooner = {"mean": -1.97, "ci": [-2.62, -1.33], "significant": True}
    said = sentences("Helsingborg", now, then, later, 1.0, 1.0, arrival=sooner)
    assert ("med ändringarna: 4 dagar längre (4–5); från att ansökan kom in: 2 dagar kortare (1–3). Inom 4 månader"
            in said["sv"]), said["sv"]
    assert ("with the changes: 4 days longer (4–5); from the application's arrival: 2 days shorter (1–3). Within"
            in said["en"]), said["en"]
    for same in ({"mean": 3.0, "ci": [2.0, 4.0], "significant": True}, {**sooner, "significant": False}, None):
        assert "ansökan kom in" not in sentences("Helsingborg", now, then, later, 1.0, 1.0, arrival=same)["sv"]


def test_a_diagram_address_without_a_diagram_is_one_message_and_the_server_goes_on(client):
    # found by QA (qareview4): n of 5000 digits stopped the route's int conversion in "500 Internal Server Error"
    # (Python refuses int() of over 4300 digits), and "-1", "x" were a bare "Not Found" instead of the page's message
    run_id, done = _run(client, {"municipalities": ["astorp"], "levers": SMALL})
    assert done.json()["state"] == "done"
    assert client.get(f"/api/runs/{run_id}/diagram/0").text.startswith("<svg")
    for n in ["-1", "x", "1.5", "1", "9" * 5000, "nosuchrun"]:
        path = "/api/runs/nosuchrun/diagram/0" if n == "nosuchrun" else f"/api/runs/{run_id}/diagram/{n}"
        reply = client.get(path)
        assert reply.status_code == 404, (n[:10], reply.text[:80])
        assert reply.json()["error_sv"].startswith("ingen sådan processkarta"), n[:10]
    assert client.get(f"/api/runs/{run_id}/diagram/0").text.startswith("<svg")  # and the server goes on


def test_the_diagram_of_a_run_still_running_says_it_has_not_finished():
    # it said "its run ended long ago or the server restarted" of a run that was still running
    with starlette_testclient.TestClient(create_app(workers=1)) as c:
        started = c.post("/api/runs", json={"municipalities": ["helsingborg"], "levers": {"replications": 50,
                                                                                          "years": 5}})
        run_id = started.json()["id"]
        try:
            reply = c.get(f"/api/runs/{run_id}/diagram/0")
            assert c.get(f"/api/runs/{run_id}").json()["state"] == "running"
            assert reply.status_code == 404 and "not finished" in reply.json()["error"]
            assert "inte klar" in reply.json()["error_sv"]
        finally:
            c.delete(f"/api/runs/{run_id}")
        # found by QA (qaweb5): a cancelled run's diagram said "its run ended long ago or the server restarted"
        gone = c.get(f"/api/runs/{run_id}/diagram/0")
        assert c.get(f"/api/runs/{run_id}").json()["state"] == "cancelled"
        assert gone.status_code == 404
        assert (gone.json()["error"], gone.json()["error_sv"]) == ("no diagram: the run was cancelled",
                                                                   "ingen processkarta: körningen avbröts")


def test_the_diagram_of_a_failed_run_says_the_scenario_cannot_run_and_why(client):
    # found by QA (qaweb5): a failed run's diagram said "its run ended long ago or the server restarted"
    run_id, done = _run(client, {"municipalities": ["astorp"], "levers": SMALL})
    run = client.app.state.web.runs.get(run_id)
    with run.lock:  # the record as a run whose process ended before it started leaves it (web/runs.py)
        run.state, run.error = "failed", "the run's process ended before it started (exit code -9)"
        run.stored_diagrams = ()
    reply = client.get(f"/api/runs/{run_id}/diagram/0")
    assert reply.status_code == 404
    en, sv = reply.json()["error"], reply.json()["error_sv"]
    assert en.startswith("no diagram: this scenario could not be computed: the simulation ")
    assert en.endswith(" Technical detail: “the run's process ended before it started (exit code -9)”")
    # in Swedish on the Swedish page, not the engine's English (found by QA, qawords)
    assert sv.startswith("ingen processkarta: scenariot kunde inte beräknas: simuleringen ")
    assert sv.endswith(" Teknisk uppgift: ”körningens egen process avslutades innan den startade "
                       "(slutkod -9)”")
    assert client.get(f"/api/runs/{run_id}").status_code == 422  # as the run itself says


def test_a_run_that_fails_without_plain_words_says_what_to_do_and_when_before_the_engine_s_words(client):
    # found by QA (qamsg): "This scenario could not be computed: <engine message>", and nothing to do next
    run_id, done = _run(client, {"municipalities": ["astorp"], "levers": SMALL})
    run = client.app.state.web.runs.get(run_id)
    engine = "simulation.pools.officer: a broken replication"
    with run.lock:  # as a run whose engine raised leaves it (web/runs.py)
        run.state, run.error = "failed", engine
    ended = time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(run.ended))
    said = client.get(f"/api/runs/{run_id}").json()
    assert said["error"] == (
        "This scenario could not be computed: the simulation stopped on an error permitflow cannot say in "
        "plain words. What you can do: if the model is one you uploaded, correct it in your modelling tool "
        "and upload it again under “Your own process (BPMN and profile)”, where the page checks it; else "
        f"tell whoever runs the server (often the IT department) that run {run_id[:6]}… failed at {ended}: "
        f"the server's log has a line for it. Technical detail: “{engine}”")
    assert said["error_sv"] == (
        "Scenariot kunde inte beräknas: simuleringen stoppades av ett fel som permitflow inte kan förklara i "
        "klartext. Det här kan du göra: är modellen en som du har laddat upp, rätta den i "
        "modelleringsverktyget och ladda upp den igen under ”Egen process (BPMN och profil)”, där sidan "
        "kontrollerar den; annars säg till den som driver servern (ofta it-avdelningen) att körning "
        f"{run_id[:6]}… misslyckades {ended}: serverns logg har en rad om den. Teknisk uppgift: ”(på "
        f"engelska) {engine}”")


def test_a_how_sure_run_of_levers_set_to_todays_values_does_not_say_no_change_was_chosen(client):
    # found by QA (qareview4): Åstorp's decisions set to the committee, as they are today, read "67 days with the
    # changes" beside "no change chosen, so there is no change to test"; a change was chosen, it changes nothing
    body = {"municipalities": ["astorp"], "levers": {"grant_level": "committee", "refusal_level": "committee",
                                                     "replications": 2}, "uncertainty": 4}
    _id, done = _run(client, body)
    answer = done.json()["answer"]
    assert "with the changes" in answer["municipalities"][0]["sentence"]["en"]
    sure = answer["how_sure"]["astorp"]["sentence"]
    assert "no change chosen" not in sure["en"] and "ingen ändring vald" not in sure["sv"]
    assert sure["en"].startswith("Åstorp: across the assumption ranges (4 combinations) it takes ")
    assert "days (the same days as today, so there is no change to test)." in sure["en"]
    assert "dagar (samma dagar som i dag, så det finns ingen ändring att pröva)." in sure["sv"]


def test_a_sure_change_under_a_day_names_an_interval_end_that_is_not_zero():
    """Found by QA (2026-12-06): a sure change read "mindre än 0,1 dagar kortare (0,0–0,1)": a sure change's
    interval said it could be none."""
    from web.answer import sentences

    days = {"mean": 60.0, "ci": [55.0, 65.0]}
    sure = sentences("Åstorp", days, days, {"mean": -0.04, "ci": [-0.07, -0.012], "significant": True}, 0.9, 0.9)
    assert "med ändringarna: mindre än 0,1 dagar kortare (0,01–0,1)." in sure["sv"]
    assert "with the changes: less than 0.1 days shorter (0.01–0.1)." in sure["en"]
    later = sentences("Åstorp", days, days, {"mean": 0.3, "ci": [0.04, 0.6], "significant": True}, 0.9, 0.9)
    assert "med ändringarna: 0,3 dagar längre (0,04–0,6)." in later["sv"]
    assert "with the changes: 0.3 days longer (0.04–0.6)." in later["en"]


def test_a_time_one_replication_alone_measured_stands_alone_and_says_why():
    """Found by QA (2026-12-06): two replications, one with a decided case, read "70 (–––) dagar" on the page."""
    from web.answer import sentences

    one = {"mean": 70.5, "ci": [None, None]}
    said = sentences("Ängelholm", one, one, None, 0.9, 0.9, changed=False)
    assert said["sv"].startswith("Ängelholm: från komplett ansökan till beslut tar det i snitt 70 dagar i dag (")
    assert said["sv"].endswith("För få upprepningar för ett intervall (bara en mätte det): välj fler under "
                               "”Upprepningar”.")
    assert said["en"].endswith("Too few replications for an interval (only one measured it): choose more under "
                               "“Replications”.")
    assert "–––" not in said["sv"] + said["en"]


def test_a_diagram_is_gzip_only_when_the_browser_takes_gzip_by_its_q_values(client):
    # found by QA (qaweb5): "gzip;q=0" (RFC 9110 §12.5.3: not gzip) was sent gzip, as was any header naming gzip
    import gzip as gz

    run_id, done = _run(client, {"municipalities": ["astorp"], "levers": SMALL})
    assert done.json()["state"] == "done"
    path = f"/api/runs/{run_id}/diagram/0"
    plain = {"identity", "gzip;q=0", "GZIP; Q=0.000", "gzip;q=0, identity", "gzip;q=0.5, identity",
             "x-gzip;q=0", "*;q=0, identity", "gzip;q=oops", "", "br, deflate"}
    packed = {"gzip", "GZip", "gzip, deflate, br", "gzip;q=1.0", "gzip;q=0.5", "deflate, gzip;q=0.001", "*",
              "identity;q=0.5, gzip", "x-gzip", "br;q=1, gzip;q=0.8, identity;q=0.1", "identity;q=0, *"}
    for header in sorted(plain | packed):
        # the test client undoes gzip itself: read the raw bytes to see what was sent
        with client.stream("GET", path, headers={"Accept-Encoding": header}) as reply:
            raw = b"".join(reply.iter_raw())
        assert reply.status_code == 200, header
        assert reply.headers["vary"] == "Accept-Encoding", header
        sent = reply.headers.get("content-encoding")
        assert sent == (None if header in plain else "gzip"), (header, sent)
        text = (gz.decompress(raw) if sent else raw).decode("utf-8")
        assert text.startswith("<svg"), header


def test_a_chunked_upload_over_the_limit_is_refused_before_it_is_read(client):
    # found by QA: a form sent in chunks (no Content-Length for the guard) had no limit on its file parts: a
    # 60 MB model was written to a temporary file, read whole into the server, sent to its check and refused
    # there as too large (200 MB at the peak, 6 s); now the body's limit holds as for one with a length
    profile = library_paths("astorp")[1].read_bytes()

    def chunks():
        yield (b'--cb\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n'
               b'--cb\r\nContent-Disposition: form-data; name="model"; filename="m.bpmn"\r\n\r\n')
        for _ in range(MAX_BODY_BYTES // (1 << 20) + 2):
            yield b"<a/>" * (1 << 18)
        yield b'\r\n--cb\r\nContent-Disposition: form-data; name="profile"; filename="p.yaml"\r\n\r\n' + profile
        yield b"\r\n--cb--\r\n"

    reply = client.post("/api/uploads", content=chunks(), headers={"content-type": "multipart/form-data; boundary=cb"})
    assert reply.status_code == 413 and "over the limit" in reply.json()["error"], reply.text
    assert reply.json()["error_sv"].startswith("Filerna som skickades är för stora: över gränsen")
    assert client.get("/api/setup").status_code == 200


@pytest.mark.parametrize("body, ctype, words, sv", [
    (b"--x\r\n", "multipart/form-data", "Missing boundary in multipart.", "formuläret anger ingen gräns mellan sina delar"),
    (b"".join(f'--b\r\nContent-Disposition: form-data; name="f{i}"; filename="f{i}"\r\n\r\nx\r\n'.encode()
              for i in range(3)) + b"--b--\r\n", "multipart/form-data; boundary=b",
     "Too many files. Maximum number of files is 2.", "för många filer (högst 2)"),
])
def test_a_form_the_parser_refuses_is_one_message_without_a_status_code_in_it(client, body, ctype, words, sv):
    # found by QA: "the upload could not be read: 400: Too many files. ..." (the parser's HTTPException as str)
    reply = client.post("/api/uploads", content=body, headers={"content-type": ctype})
    assert reply.status_code == 400
    assert reply.json()["error"] == f"the upload could not be read: {words}"
    # the parser's words in Swedish too, its own kept as a technical note (they were said in English)
    assert reply.json()["error_sv"] == f"uppladdningen kunde inte läsas: {sv} (teknisk uppgift från formulärtolken: ”{words}”)"


def test_an_interval_cut_at_zero_says_too_few_replications_as_one_below_zero_did():
    """summary.json holds a time's interval that reached below zero cut at 0, with "cut": "below" (found by QA:
    `simulate -r 2` printed negative days); the page still gives the mean alone and says why, not "60 (0–150)"."""
    from web.answer import sentences

    cut = {"mean": 60.2, "ci": [0.0, 150.4], "cut": "below"}
    said = sentences("Åstorp", cut, cut, None, 0.9, 0.9, changed=False)
    assert "(0–150)" not in said["en"] and "60 days" in said["en"]
    assert "it would reach below zero days" in said["en"]
    assert "det skulle gå under noll dagar" in said["sv"]


def test_a_profile_named_per_language_is_named_so_in_the_list_answers_and_goal_seek(client):
    """Found by QA (words23): the English page listed and answered "Nationell referens (Alkohollagen 8 kap., ...)";
    the profile gives its name per language (``names:``), the page shows the one of its language."""
    en, sv = "National reference (the Alcohol Act, Alkohollagen", "Nationell referens (Alkohollagen"
    listed = {m["name"]: m for m in client.get("/api/setup").json()["library"]}
    assert listed["national-reference"]["names"]["en"].startswith(en)
    assert listed["national-reference"]["names"]["sv"].startswith(sv)
    assert listed["helsingborg"]["names"] == {"en": "Helsingborg", "sv": "Helsingborg"}  # one name: both languages
    body = {"municipalities": ["national-reference"], "levers": {"grant_level": "officer", "refusal_level": "officer",
                                                                 "replications": 2, "years": 0.5}, "uncertainty": 4}
    reply = client.post("/api/runs", json=body)
    assert reply.status_code == 202, reply.text
    answer = reply_of(client, reply.json()["id"]).json()["answer"]
    (place,) = answer["municipalities"]
    assert place["names"]["en"].startswith(en) and place["names"]["sv"].startswith(sv)
    assert place["sentence"]["en"].startswith(en) and place["sentence"]["sv"].startswith(sv)
    sure = answer["how_sure"]["national-reference"]["sentence"]
    assert sure["en"].startswith(en) and sure["sv"].startswith(sv)
    goal, said_en, said_sv = _goal(client, ["national-reference"], 90, officers=[1], fte=[0.5], levels=["officer"])
    assert said_en.startswith(en) and said_sv.startswith(sv)
    assert goal["names_en"]["national-reference"].startswith(en) and goal["names"]["national-reference"].startswith(sv)


def test_an_upload_is_named_as_the_manager_writes_it_even_when_its_profile_names_itself_per_language(client):
    """An uploaded profile with ``names:`` (the national reference's, copied): the name the manager writes is shown in
    both languages; with none written, the profile's own name per language."""
    bpmn_path, profile_path = library_paths("national-reference")
    model, profile = bpmn_path.read_bytes(), profile_path.read_bytes()
    assert b"names:" in profile
    up = _upload(client, "Min referens", model, profile).json()
    assert up["names"] == {"en": "Min referens", "sv": "Min referens"} and up["display"] == "Min referens"
    _id, reply = _run(client, {"uploads": [up["id"]], "levers": {"replications": 2, "years": 0.5}})
    place = reply.json()["answer"]["municipalities"][0]
    assert place["sentence"]["en"].startswith("Min referens: ") and place["sentence"]["sv"].startswith("Min referens: ")
    own = _upload(client, "", model, profile).json()
    assert own["names"]["en"].startswith("National reference") and own["names"]["sv"].startswith("Nationell referens")


def test_years_typed_on_the_page_are_the_years_of_a_profile_and_of_simulate_years(client):
    """Found by QA (the manager's afternoon): the page's years were 365-day years rounded to whole days (0.5 ->
    182d, 1 -> 365d), a profile's ``1y`` and ``simulate --years`` 365.25 days: Åstorp at 100 applications a year
    took 298.1 days with the field empty (its own 1 year, shown in grey) and 296.7 with that 1 typed, and an
    uploaded model run for 0.5 years differed from `permitflow simulate --years 0.5` of the same files."""
    from processes.durations import parse_duration
    from web.levers import run_settings

    for years in (0.25, 0.5, 1, 2.75, 5):
        assert parse_duration(run_settings({"years": years})["horizon"]) == parse_duration(f"{years}y")
    levers = {"replications": 2, "arrivals": 100}
    _id, own = _run(client, {"municipalities": ["astorp"], "levers": levers})
    _id, typed = _run(client, {"municipalities": ["astorp"], "levers": {**levers, "years": 1}})
    own_answer, typed_answer = (r.json()["answer"]["municipalities"][0] for r in (own, typed))
    assert own_answer["then"] == typed_answer["then"] and own_answer["sentence"] == typed_answer["sentence"]
    result = CliRunner().invoke(cli, ["simulate", "astorp", "--years", "1", "-r", "2", "--set", "arrivals.per_year=100",
                                      "--workers", "1", "-q", "--format", "json"])
    assert result.exit_code == 0, result.output
    figure = json.loads(result.output)["figures"][typed_answer["figure"]]
    assert typed_answer["then"]["mean"] == figure["mean"]
    assert typed_answer["then"]["ci"] == [figure["low"], figure["high"]]


def test_the_lever_steps_of_a_model_of_thousands_of_loops_and_send_tasks_are_found_in_linear_time():
    """Found by QA (the manager's afternoon, a hostile upload): finding the levers' steps walked the whole model
    from every exclusive gateway and from every send task, and found the successors again for each of those: a
    model of 4,000 send tasks in a row (0.4 MB) took 50 s and 370 MB to check, one of 3,000 loops (1.2 MB) 228 s
    and 680 MB, so such an upload kept a core busy until the check's time limit refused it. Now a gateway's loop
    is its strongly connected component, found once for the model, and the senders' walk is one per party."""
    from web.leversteps import NotFound, steps_of

    parts = ['<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p">'
             '<startEvent id="s"/>']
    prev = "s"
    for i in range(4000):
        parts.append(f'<sendTask id="t{i}" name="Skicka {i}"/><sequenceFlow id="f{i}" sourceRef="{prev}" targetRef="t{i}"/>')
        prev = f"t{i}"
    for i in range(1500):
        parts.append(f'<exclusiveGateway id="g{i}" name="Komplett {i}?"/><sequenceFlow id="a{i}" sourceRef="{prev}" '
                     f'targetRef="g{i}"/><sendTask id="q{i}" name="Begär komplettering {i}"/><sequenceFlow id="b{i}" '
                     f'sourceRef="g{i}" targetRef="q{i}"/><sequenceFlow id="c{i}" sourceRef="q{i}" targetRef="g{i}"/>'
                     f'<task id="u{i}" name="Steg {i}"/><sequenceFlow id="d{i}" sourceRef="g{i}" targetRef="u{i}"/>')
        prev = f"u{i}"
    parts.append(f'<endEvent id="e"/><sequenceFlow id="fe" sourceRef="{prev}" targetRef="e"/></process></definitions>')
    defs = parse_bpmn("".join(parts).encode(), source="many.bpmn")
    started = time.process_time()
    steps = steps_of(defs)
    took = time.process_time() - started
    # 1,500 loops, each named as a completeness check: none is taken, and the refusal names them
    assert isinstance(steps.completeness, NotFound) and len(steps.completeness.names) == 1500
    assert steps.completeness.names[0] == ("“Komplett 0?”", "”Komplett 0?”")
    assert steps.remiss_answers == NotFound()
    assert took < 30, f"{took:.0f} CPU s to find the lever steps of 5,500 send tasks and 1,500 loops"


def test_a_goal_share_with_decimals_outside_the_range_is_said_as_each_language_writes_it(client):
    """The page now sends "99,5" as 99.5 (qapolish): the Swedish refusal said "99.5 %"."""
    bad = client.post("/api/goal", json={"municipalities": ["astorp"], "levers": {}, "goal": {"percent": 99.5}})
    assert bad.status_code == 400
    assert bad.json()["error"] == "Share of decisions within 4 months: 99.5% is outside the allowed range 50–99%"
    assert bad.json()["error_sv"] == ("Andel beslut inom 4 månader: 99,5\u00a0% ligger utanför det tillåtna intervallet "
                                      "50–99\u00a0%")


#: M/M/1 with what a model drawn in a modelling tool may hold and the engine does not run: a complex gateway,
#: an event subprocess started by a message, a message catch event without its `delay:` in the profile
NOT_RUN = (Path(__file__).resolve().parents[1] / "fixtures" / "web" / "not_run.bpmn").read_text(encoding="utf-8")
#: the same with an event subprocess the engine still refuses (a non-interrupting start with several triggers:
#: interrupting message starts run since branch qaevent, given their `delay:`, non-interrupting escalation starts
#: since branch qaevent3)
NOT_RUN_ESCALATION = NOT_RUN.replace(
    '<bpmn:startEvent id="Start_Msg"><bpmn:messageEventDefinition/></bpmn:startEvent>',
    '<bpmn:startEvent id="Start_Msg" isInterrupting="false"><bpmn:messageEventDefinition/>'
    '<bpmn:escalationEventDefinition/></bpmn:startEvent>')


def test_a_model_the_engine_cannot_run_is_refused_in_swedish_on_the_swedish_page(client):
    """Found by QA (qawords): the Swedish refusal of a model with elements the engine does not run (an event
    subprocess in a tool's model of the interop corpus) said the engine's English, marked "(på engelska)"."""
    reply = _upload(client, "Verktyg", NOT_RUN_ESCALATION.encode("utf-8"), MM1.with_suffix(".yaml").read_bytes())
    assert reply.status_code == 400, reply.text
    said = reply.json()
    # the process by its name, the elements the model leaves unnamed by what they are and their ids
    assert said["error"].startswith("The model cannot be simulated with this profile. Details: p.yaml, line "
                                    "18: process “M/M/c queue” cannot be simulated: 3 element(s) not "
                                    "executable: ")
    assert said["error_sv"] == (
        "Modellen kan inte simuleras med den här profilen. Detaljer: p.yaml, rad 18: processen ”M/M/c queue” "
        "kan "
        "inte simuleras: 3 element kan inte köras: en namnlös komplex gateway (Gw_C): komplexa gateways simuleras inte: rita en "
        "inkluderande "
        "gateway i stället (`probabilities:` över dess flöden, eller flödesmängder förenade med '+'); "
        "en namnlös mellanliggande händelse (Wait): "
        "fångande händelse för meddelande behöver en `delay:` i profilen (avsändarens svarstid); en namnlös "
        "händelseunderprocess (Sub_Msg): "
        "den här händelseunderprocessen simuleras inte (dess starthändelse (Start_Msg) är en icke-avbrytande "
        "starthändelse för flera utlösare): "
        "rita i stället en kanthändelse (timer, meddelande eller fel) på en inbäddad underprocess runt stegen den "
        "bevakar, med sina steg efter den")
    # the two others the engine refuses, each with why: a non-interrupting error start (BPMN has none), two starts
    start = '<bpmn:startEvent id="Start_Msg"><bpmn:messageEventDefinition/></bpmn:startEvent>'
    for shape, why in [
            ('<bpmn:startEvent id="Start_Msg" isInterrupting="false"><bpmn:errorEventDefinition/></bpmn:startEvent>',
             "(dess starthändelse (Start_Msg) är en icke-avbrytande starthändelse för fel, vilket BPMN inte "
             "tillåter: "
             "en starthändelse för fel avbryter alltid): gör den avbrytande, eller rita i stället en kanthändelse "
             "för fel på en inbäddad underprocess runt stegen den bevakar (fångad från en sluthändelse för fel "
             "inuti), med sina steg efter den"),
            (start + '<bpmn:startEvent id="Start_Msg2"><bpmn:timerEventDefinition/></bpmn:startEvent>',
             "(den har 2 starthändelser, inte en): rita i stället en kanthändelse (timer, meddelande eller fel) på "
             "en inbäddad underprocess runt stegen den bevakar, med sina steg efter den")]:
        model = NOT_RUN.replace(start, shape)
        sv = _upload(client, "Verktyg", model.encode("utf-8"), MM1.with_suffix(".yaml").read_bytes()).json()
        assert sv["error_sv"].endswith("en namnlös händelseunderprocess (Sub_Msg): den här händelseunderprocessen simuleras inte " + why), sv
    # a non-interrupting one, which runs with its `delay:`: its start event's wait said in Swedish too
    waits = NOT_RUN.replace('<bpmn:startEvent id="Start_Msg">', '<bpmn:startEvent id="Start_Msg" isInterrupting="false">')
    sv = _upload(client, "Verktyg", waits.encode("utf-8"), MM1.with_suffix(".yaml").read_bytes()).json()["error_sv"]
    assert sv.endswith("en namnlös händelseunderprocess (Sub_Msg): dess starthändelse för meddelande, (Start_Msg), behöver en `delay:` i "
                       "profilen (när "
                       "det kommer efter att ärendet har startat; `share:` andelen ärenden där det kommer)")
    assert "på engelska" not in sv


def test_a_run_that_fails_and_an_upload_the_server_no_longer_keeps_are_said_in_swedish(client):
    """Found by QA (qawords): a run whose cases cannot finish said "scenariot kan inte köras: element 'J': 10
    case(s) cannot finish: tokens wait at join(s) …" on the Swedish page, and an upload the server no longer kept
    "uploads: no uploaded process …"; the report's plain words for the one, Swedish words for the other."""
    run_id, done = _run(client, {"municipalities": ["astorp"], "levers": SMALL})
    run = client.app.state.web.runs.get(run_id)
    stuck = ("element 'Join': 10 case(s) cannot finish: tokens wait at join(s) 'Join' that no other token can reach "
             "(cases 0, 1); no token came to Båda klara (Join) by 'F7' from Vänta (Timer)")
    with run.lock:
        run.state, run.error = "failed", stuck
    reply = client.get(f"/api/runs/{run_id}")
    # in the report's plain words in English too, not the engine's ids (found by QA, qaserve2)
    assert reply.status_code == 422 and reply.json()["error"] == (
        "This scenario could not be computed because some cases could never finish: the model waits at "
        "‘Båda klara’ for a step that does not happen in every case. Ask the person who drew the model to "
        "correct it.")
    assert reply.json()["error_sv"] == ("Scenariot kunde inte beräknas eftersom vissa ärenden aldrig kunde avslutas: "
                                        "modellen väntar vid ”Båda klara” på ett steg som inte sker i varje ärende. "
                                        "Be den som ritade modellen att rätta den.")
    gone = client.post("/api/runs", json={"uploads": ["hoganas-gone"], "levers": SMALL})
    assert gone.status_code == 400 and "no uploaded process 'hoganas-gone'" in gone.json()["error"]
    assert gone.json()["error_sv"] == ("Den uppladdade processen finns inte längre på servern (den har startats om, "
                                       "eller glömt de äldsta uppladdningarna): ladda upp filerna igen")


def test_an_upload_whose_shared_check_was_interrupted_is_told_so_in_swedish_too():
    """Found by QA: the second of two uploads of the same files, waiting for the first's check when that request
    ended, read "the upload's check was interrupted" in English on the Swedish page."""
    import asyncio
    import json as json_module
    import threading
    from types import SimpleNamespace

    from web import app as web_app

    release = threading.Event()
    runs = SimpleNamespace(call_apart=lambda *args, seconds, checks_server=False: release.wait(5))
    state = SimpleNamespace(lock=threading.Lock(), checking={}, check_seconds=1.0, check_turns=asyncio.Semaphore(2),
                            checks_admitted=0, runs=runs)

    async def both():
        first = asyncio.ensure_future(web_app.check_once(state, b"d", ()))
        await asyncio.sleep(0.05)  # the first check runs
        second = asyncio.ensure_future(web_app.check_once(state, b"d", ()))
        await asyncio.sleep(0.05)  # the second waits for it
        first.cancel()  # the first request ended
        try:
            await second
        except web_app.PermitflowError as err:
            return err
        finally:
            release.set()

    err = asyncio.run(both())
    body = json_module.loads(web_app.error_reply(err).body)
    assert body["error"] == "the upload's check was interrupted: upload the files again"
    assert body["error_sv"] == "Kontrollen av uppladdningen avbröts: ladda upp filerna igen."
    assert not isinstance(err, web_app.InputError)  # not the upload's fault: not remembered as a refusal


@pytest.mark.parametrize("path", ["/api/runs", "/api/scenario", "/api/goal"])
@pytest.mark.parametrize("uploads", [[["x"]], [{"a": 1}], "x"])
def test_uploads_not_named_by_strings_are_one_message_in_both_languages(client, path, uploads):
    # a list or an object among the upload names was "500 Internal Server Error" (unhashable; QA serve)
    reply = client.post(path, json={"municipalities": ["helsingborg"], "uploads": uploads})
    assert reply.status_code == 400
    body = reply.json()
    assert body["error"].startswith("The request does not name its uploaded processes")
    assert body["error_sv"].startswith("Förfrågan anger inte de uppladdade processerna")
    assert client.get("/api/setup").status_code == 200


@pytest.mark.parametrize("method, path, status, en, sv", [
    ("GET", "/api/nowhere", 404, "There is no such page or request", "Det finns ingen sådan sida eller förfrågan"),
    ("GET", "/api/runs/x/diagram/..%2f1", 404, "There is no such page", "Det finns ingen sådan sida"),
    ("PUT", "/api/runs", 405, "This address does not take that kind", "Adressen tar inte emot den sortens"),
    ("DELETE", "/api/setup", 405, "This address does not take that kind", "Adressen tar inte emot den sortens"),
])
def test_an_address_or_method_no_route_takes_is_one_message_in_both_languages(client, method, path, status, en, sv):
    # Starlette's own "Not Found" and "Method Not Allowed", in English plain text (QA serve)
    reply = client.request(method, path)
    assert reply.status_code == status
    assert reply.json()["error"].startswith(en) and reply.json()["error_sv"].startswith(sv)


def test_an_address_typed_in_the_browser_is_answered_in_its_language_with_a_way_back(client):
    swedish = client.get("/rapport.html", headers={"accept-language": "sv-SE,sv;q=0.9,en;q=0.8"})
    english = client.get("/static/%2e%2e/%2e%2e/cli.py", headers={"accept-language": "en-GB,en;q=0.9"})
    assert swedish.status_code == english.status_code == 404
    assert '<html lang="sv">' in swedish.text and "Det finns ingen sådan sida" in swedish.text
    assert '<html lang="en">' in english.text and "There is no such page" in english.text
    assert '<a href="./">' in swedish.text and "/work" not in swedish.text + english.text


def test_a_fault_in_a_handler_is_one_message_without_its_traceback(monkeypatch):
    import web.app

    def broken(question):
        raise RuntimeError("at /secret/path/of/the/server.py, line 3")

    monkeypatch.setattr(web.app, "scenario_yaml", broken)
    with starlette_testclient.TestClient(create_app(workers=0), raise_server_exceptions=False) as c:
        reply = c.post("/api/scenario", json={"municipalities": ["helsingborg"]})
        assert reply.status_code == 500
        body = reply.json()
        assert body["error"].startswith("The server could not answer the request: a fault in the server.")
        assert body["error_sv"].startswith("Servern kunde inte svara på frågan: ett fel i servern.")
        assert "secret" not in reply.text and "Traceback" not in reply.text
        assert c.get("/api/setup").status_code == 200


class _Counted:
    """A stand-in that answers ``answer`` once released, counting the calls running at once (``most``: the most)."""

    def __init__(self, answer: Any) -> None:
        self.answer, self.release, self.lock = answer, threading.Event(), threading.Lock()
        self.now = self.most = 0

    def __call__(self, *_args: Any, **_kwargs: Any) -> Any:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        self.release.wait(10)
        with self.lock:
            self.now -= 1
        return self.answer


def test_uploads_checked_at_once_are_bounded_and_one_past_those_waiting_is_told_to_send_again():
    """Found by QA (qaserve): every upload's check started a process of its own at once, however many came: ten
    4.6 MB models at once took the server's processes to 1.7 GB and each check 25-27 s instead of 3 s, so that more
    would pass the check's 60 s and good models be remembered as refused. Now CHECKS_AT_ONCE run, CHECKS_WAITING
    wait their turn, and one more is told in both languages to send again (not remembered as a refusal)."""
    import asyncio
    import threading
    from types import SimpleNamespace

    from web import app as web_app

    check = _Counted("checked")
    admitted = web_app.CHECKS_AT_ONCE + web_app.CHECKS_WAITING
    state = SimpleNamespace(lock=threading.Lock(), checking={}, check_seconds=1.0, checks_admitted=0,
                            check_turns=asyncio.Semaphore(web_app.CHECKS_AT_ONCE),
                            runs=SimpleNamespace(call_apart=check))

    async def many():
        checks = [asyncio.ensure_future(web_app.check_once(state, bytes([i]), ())) for i in range(admitted)]
        await asyncio.sleep(0.2)  # the first ones are checked, the others wait their turn
        try:
            await web_app.check_once(state, b"one more", ())
        except web_app.PermitflowError as err:
            refused = err
        check.release.set()
        return refused, await asyncio.gather(*checks)

    refused, answers = asyncio.run(many())
    assert web_app.error_reply(refused).status_code == 503
    body = json.loads(web_app.error_reply(refused).body)
    assert body["error"] == "The server is checking many uploads just now: send the files again in a minute."
    assert body["error_sv"] == "Servern kontrollerar många uppladdningar just nu: skicka filerna igen om en minut."
    assert not isinstance(refused, web_app.InputError)  # not the upload's fault: not remembered as a refusal
    assert answers == ["checked"] * admitted and check.most == web_app.CHECKS_AT_ONCE
    assert state.checks_admitted == 0 and state.checking == {}


def test_reports_made_at_once_are_bounded_and_the_others_wait_their_turn(monkeypatch):
    """Found by QA (qaserve): every report download was made at once in the server's own threads, whose heap keeps
    what a report takes on the way: eight downloads of a six-municipality run's report at once took the server from
    122 to 298 MB. Now REPORTS_AT_ONCE are made at a time; the others wait, and every one is answered."""
    import threading

    import web.app

    report_html = _Counted(b"<html>report</html>")
    monkeypatch.setattr(web.app, "rendered_report", report_html)
    with starlette_testclient.TestClient(create_app(workers=0)) as c:
        run_id, _state = _run(c, {"municipalities": ["bjuv"], "levers": SMALL})
        replies: list[Any] = []
        asking = [threading.Thread(target=lambda: replies.append(c.get(f"/api/runs/{run_id}/report")))
                  for _ in range(web.app.REPORTS_AT_ONCE + 3)]
        for thread in asking:
            thread.start()
        for _ in range(200):  # until the first ones are made and the others wait
            if report_html.now == web.app.REPORTS_AT_ONCE:
                break
            time.sleep(0.01)
        time.sleep(0.2)
        report_html.release.set()
        for thread in asking:
            thread.join(20)
    assert report_html.most == web.app.REPORTS_AT_ONCE
    assert [(r.status_code, r.text) for r in replies] == [(200, "<html>report</html>")] * len(asking)


@pytest.mark.parametrize("path, body, sv", [
    ("/api/runs", b"{not json", "förfrågan är inte JSON"),
    ("/api/runs", b"[1]", "förfrågan är inte ett JSON-objekt"),
    ("/api/runs", b'{"municipalities": "helsingborg"}', "Förfrågan anger inte kommunerna och ändringarna som sidan gör"),
    ("/api/runs", b'{"municipalities": ["gotham"]}', "”gotham” är ingen kommun i listan: välj en där"),
    ("/api/runs", b'{"municipalities": ["astorp"], "uncertainty": "yes"}', "Hur säkra är vi: 'yes' är inget val"),
    ("/api/goal", b'{"municipalities": ["astorp"], "goal": [95]}', "Förfrågan anger inte målet som sidan gör"),
    ("/api/goal", b'{"municipalities": ["astorp"], "goal": {"officers": "x"}}',
     'Handläggare: förfrågan anger inte värdena att pröva som sidan gör ("x")'),
])
def test_a_request_the_page_never_sends_is_refused_in_swedish_too(client, path, body, sv):
    # their Swedish was the English (QA serve): "the request is not JSON", "web form: base: unknown library
    # municipality 'gotham' (...)", "goal officers: expected a list of int values, not 'x'"
    reply = client.post(path, content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 400
    said = reply.json()
    assert said["error_sv"].startswith(sv) and said["error_sv"] != said["error"]
    assert "web form" not in said["error"] and "int values" not in said["error"]


def test_a_request_over_the_limit_that_sends_no_files_is_not_said_to_send_files(client):
    reply = client.post("/api/runs", content=b"{" + b" " * MAX_BODY_BYTES + b"}",
                        headers={"content-type": "application/json"})
    assert reply.status_code == 413
    assert reply.json()["error"] == "The request is too large: over the limit of 10.1 MB."
    assert reply.json()["error_sv"] == "Förfrågan är för stor: över gränsen 10,1\u00a0MB."


@pytest.mark.parametrize("path, body", [
    ("/api/runs", {"municipalities": ["helsingborg"], "levers": {"officers": "7" * 100_000}}),
    ("/api/runs", {"municipalities": ["helsingborg"], "levers": {"grant_level": "x" * 100_000}}),
    ("/api/runs", {"municipalities": ["helsingborg"], "levers": {"x" * 100_000: 1}}),
    ("/api/runs", {"municipalities": ["x" * 100_000]}),
    ("/api/runs", {"municipalities": ["helsingborg"], "uncertainty": "x" * 100_000}),
    ("/api/goal", {"municipalities": ["helsingborg"], "goal": {"officers": ["x" * 100_000]}}),
])
def test_a_long_value_is_said_back_cut_in_one_short_line(client, path, body):
    # a 2 MB value was said back whole in each language: a 4 MB "line" (QA serve)
    reply = client.post(path, json=body)
    assert reply.status_code == 400
    said = reply.json()
    assert max(len(said["error"]), len(said["error_sv"]), len(said["field"])) < 400, said["error"][:200]
    assert "…" in said["error"] and "…" in said["error_sv"]
