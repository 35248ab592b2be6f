"""The what-if page's figures as files (``GET /api/runs/{id}/results.csv`` and ``results.json``): the numbers
``permitflow run`` writes for the same question (the page's saved scenario), the same bytes again for the same
question and seed, a spreadsheet in the page's language, and a bad request refused in one line of each
language."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import cli

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import BUSY_RETRY_SECONDS, create_app  # noqa: E402 - after the skip when starlette is absent

QUESTION = {"municipalities": ["astorp", "bjuv"],
            "levers": {"grant_level": "officer", "officers": "2", "replications": 3, "years": 0.5, "seed": 7}}


@pytest.fixture(scope="module")
def client():
    with starlette_testclient.TestClient(create_app(workers=0)) as c:
        yield c


def _finished(client: Any, body: dict[str, Any], path: str = "/api/runs") -> str:
    reply = client.post(path, json=body)
    assert reply.status_code == 202, reply.text
    run_id = reply.json()["id"]
    for _ in range(600):
        if client.get(f"/api/runs/{run_id}").json()["state"] != "running":
            return str(run_id)
        time.sleep(0.05)
    raise AssertionError("the run did not finish")


@pytest.fixture(scope="module")
def command_line(client: Any, tmp_path_factory: Any) -> Path:
    """The results folder ``permitflow run`` writes of the page's saved scenario of :data:`QUESTION`."""
    folder = tmp_path_factory.mktemp("run")
    saved = client.post("/api/scenario", json=QUESTION)
    assert saved.status_code == 200, saved.text
    (folder / "what-if.yaml").write_bytes(saved.content)
    result = CliRunner().invoke(cli, ["run", str(folder / "what-if.yaml"), "-o", str(folder / "out"),
                                      "--workers", "1", "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    return folder / "out"


def _same_numbers(page: dict[str, Any], run: dict[str, Any]) -> None:
    """The two summaries have the same keys, and every scenario the same figures, comparisons, values and
    settings (what differs: where the question came from, the page's form or the saved file, and its words,
    which the document says in Swedish too where it has them: ``title_sv``)."""

    def keys(doc: Any) -> Any:
        if isinstance(doc, dict):
            return {k: keys(v) for k, v in doc.items() if k not in ("settings_from", "values", "resolved",
                                                                    "title_sv")}
        return [keys(v) for v in doc] if isinstance(doc, list) else None

    assert keys(page) == keys(run)
    assert page["code_version"] == run["code_version"]
    for mine, theirs in zip(page["scenarios"], run["scenarios"], strict=True):
        assert (mine["name"], mine["replications"], mine["seed"], mine["baseline"]) == \
            (theirs["name"], theirs["replications"], theirs["seed"], theirs["baseline"])
        # figures, comparison, values per replication, resolved values
        assert mine["points"] == theirs["points"]


def test_the_json_download_is_the_summary_permitflow_run_writes_of_the_saved_scenario(client, command_line):
    run_id = _finished(client, QUESTION)
    reply = client.get(f"/api/runs/{run_id}/results.json")
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/json"
    assert 'filename="results.json"' in reply.headers["content-disposition"]
    page = json.loads(reply.content)
    run = json.loads((command_line / "summary.json").read_bytes())
    _same_numbers(page, run)
    figures = page["scenarios"][1]["points"][0]["figures"]
    assert "astorp/complete_to_decision_mean_days" in figures  # the machine keys, as the command line's JSON
    assert len(figures["astorp/complete_to_decision_mean_days"]["replications"]) == 3
    # the same question and seed again, on a server of its own: the same bytes
    with starlette_testclient.TestClient(create_app(workers=0)) as other:
        again = other.get(f"/api/runs/{_finished(other, QUESTION)}/results.json")
    assert again.content == reply.content


def test_the_english_csv_is_summary_csv_with_heads_in_words_and_a_bom(client, command_line):
    run_id = _finished(client, QUESTION)
    reply = client.get(f"/api/runs/{run_id}/results.csv?lang=en")
    assert reply.status_code == 200 and reply.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="results.csv"' in reply.headers["content-disposition"]
    assert reply.content.startswith(b"\xef\xbb\xbf")
    lines = reply.content.decode("utf-8-sig").split("\n")
    cli_lines = (command_line / "summary.csv").read_text(encoding="utf-8").split("\n")
    assert lines[0] == ("Scenario,Sweep point,Figure,Figure in words,Mean,\"95% interval, low end\","
                        "\"95% interval, high end\","
                        "Replications with a value,Compared with,\"Difference from it, mean\","
                        "\"Difference, 95% interval, low end\",\"Difference, 95% interval, high end\","
                        "Interval excludes zero (this figure alone),"
                        "Highlighted in the report (unlikely to be chance among all it compares),"
                        "Value per replication")
    assert cli_lines[0].startswith("scenario,point,figure,mean,ci_low")
    rows = list(csv.reader(io.StringIO("\n".join(lines[1:]))))
    # every row as permitflow run writes it: the same numbers, every digit; and the figure in words beside
    # its key; the two runs by the page's words for them, not their code names ("status-quo", "what-if":
    # found by QA)
    runs = {"status-quo": "Today", "what-if": "With the changes", "": ""}
    # (the report's verdict, after the interval's own, is the sheet's alone: test_sheet_verdicts.py)
    assert [[runs[r[0]], *r[1:7], runs[r[7]], *r[8:]] for r in
            csv.reader(io.StringIO("\n".join(cli_lines[1:])))] == [r[:3] + r[4:13] + r[14:] for r in rows]
    assert {r[0] for r in rows} == {"Today", "With the changes"} and {r[8] for r in rows} == {"", "Today"}
    said = {r[2]: r[3] for r in rows}
    assert (said["astorp/complete_to_decision_mean_days"]
            == "days from complete application to decision (mean)")
    assert not any("_" in words for words in said.values())  # a step by its name, not its element id
    assert client.get(f"/api/runs/{run_id}/results.csv?lang=en").content == reply.content
    # the report's verdict is the report's: as many "yes" as the run's report says it highlights (found by QA:
    # the one column, "Sure difference", said yes for changes the report does not highlight)
    report = client.get(f"/api/runs/{run_id}/report").text
    compared, marked = map(int, re.search(r"Of the ([\d,]+) changes this report compares, ([\d,]+) are "
                                          r"highlighted", report).groups())
    with_interval = [r for r in rows if r[10] and r[11]]  # a difference without an interval is not compared
    assert len(with_interval) == compared and [r[13] for r in rows].count("yes") == marked
    assert all(r[12] == "yes" for r in rows if r[13] == "yes")


def test_the_swedish_csv_has_semicolons_and_decimal_commas_and_the_same_numbers(client, command_line):
    run_id = _finished(client, QUESTION)
    reply = client.get(f"/api/runs/{run_id}/results.csv")  # the page's default language: Swedish
    assert reply.status_code == 200 and 'filename="resultat.csv"' in reply.headers["content-disposition"]
    text = reply.content.decode("utf-8")
    assert text.startswith("\ufeffScenario;Punkt i svepet;Mått;Måttet i ord;Medelvärde;95 % intervall, nedre "
                           "gräns;")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    with (command_line / "summary.csv").open(encoding="utf-8", newline="") as fh:
        cli_rows = list(csv.reader(fh))
    assert len(rows) == len(cli_rows) and len(rows[0]) == len(cli_rows[0]) + 2 == 15
    # each figure in Swedish words beside its key (a manager read only keys)
    said = {r[2]: r[3] for r in rows[1:]}
    assert said["astorp/complete_to_decision_mean_days"] == "dagar från komplett ansökan till beslut (medel)"
    assert any(w.startswith("dagar i väntan vid: Diarieför ansökan") for w in said.values())
    assert not any("_" in words for words in said.values())
    runs = {"status-quo": "I dag", "what-if": "Med ändringarna", "": ""}  # the page's words for its two runs
    for mine, theirs in zip((r[:3] + r[4:13] + r[14:] for r in rows[1:]), cli_rows[1:], strict=True):
        assert mine[1:3] == theirs[1:3]  # point, figure
        # the scenario, and what it is compared with
        assert (mine[0], mine[7]) == (runs[theirs[0]], runs[theirs[7]])
        assert mine[6] == theirs[6]  # replications with a value
        for cell, number in zip(mine[3:6] + mine[8:11], theirs[3:6] + theirs[8:11], strict=True):
            assert "." not in cell and cell.replace(",", ".") == number
        assert mine[12].replace(",", ".") == theirs[12] and mine[12].count(";") == theirs[12].count(";")
        assert mine[11] == {"yes": "ja", "no": "nej", "": ""}[theirs[11]]
    assert any(r[12] == "ja" for r in rows[1:]) or any(r[12] == "nej" for r in rows[1:])


def test_a_what_if_that_changed_nothing_names_its_second_run_as_the_answer_says_it(client):
    """Found by QA: with no lever changed, the answer says "no change chosen" and draws today alone, but the
    figures' spreadsheet named the second run "With the changes" ("Med ändringarna"). It says what it is."""
    run_id = _finished(client, {"municipalities": ["bjuv"], "levers": {"replications": 2, "years": 0.25}})
    assert client.get(f"/api/runs/{run_id}").json()["answer"]["municipalities"][0]["changed"] is False
    for lang, today, same in (("en", "Today", "Same as today (no change chosen)"),
                              ("sv", "I dag", "Samma som i dag (ingen ändring vald)")):
        text = client.get(f"/api/runs/{run_id}/results.csv?lang={lang}").content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "sv" else ","))[1:]
        assert {r[0] for r in rows} == {today, same} and {r[8] for r in rows} == {"", today}
    # one lever changed: "With the changes", as before (test_the_english_csv_is_summary_csv_...)
    changed = _finished(client, {"municipalities": ["bjuv"], "levers": {"officers": "2", "replications": 2,
                                                                        "years": 0.25}})
    text = client.get(f"/api/runs/{changed}/results.csv?lang=en").content.decode("utf-8-sig")
    assert {r[0] for r in list(csv.reader(io.StringIO(text)))[1:]} == {"Today", "With the changes"}


def test_a_how_sure_runs_json_carries_its_uncertainty_digest_as_run_uncertainty_writes_it(client):
    body = {"municipalities": ["astorp"], "levers": {"officers": "2", "replications": 2, "years": 0.25},
            "uncertainty": 4}
    run_id = _finished(client, body)
    doc = client.get(f"/api/runs/{run_id}/results.json").json()
    assert doc["uncertainty"]["points"] == 4 and doc["uncertainty"]["file"] == "uncertainty.json"


def test_bad_requests_for_the_figures_are_one_line_in_each_language(client):
    run_id = _finished(client, {"municipalities": ["bjuv"], "levers": {"replications": 2, "years": 0.25}})
    bad = client.get(f"/api/runs/{run_id}/results.csv?lang=de")
    assert bad.status_code == 400
    assert bad.json() == {
        "error": "The figures' language “de” is not one the page writes: sv (Swedish Excel: semicolons and "
                 "decimal commas) or en (commas and decimal points).",
        "error_sv": "Siffrornas språk ”de” är inget som sidan skriver: sv (svensk Excel: semikolon och "
                    "decimalkomma) eller en (komma och decimalpunkt).",
        "field": "lang"}
    gone = client.get("/api/runs/no-such-run/results.json")
    assert gone.status_code == 404
    assert gone.json()["error"].startswith("This run is no longer kept: the server keeps only the latest")
    assert gone.json()["error"].endswith("Run it again to download its figures.")
    assert gone.json()["error_sv"].endswith("Räkna om den för att ladda ner siffrorna.")
    other = client.get(f"/api/runs/{run_id}/results.xlsx")
    assert other.status_code == 404 and other.json()["error"].startswith("There is no such page or request")
    for reply in (bad, gone, other):
        assert "\n" not in reply.json()["error"] and "\n" not in reply.json()["error_sv"]


def test_a_goal_seek_has_no_figures_to_download_and_says_so():
    with starlette_testclient.TestClient(create_app(workers=0)) as c:
        reply = c.post("/api/goal", json={"municipalities": ["astorp"], "goal": {"percent": 80,
                                                                                 "officers": [1],
                                                                                  "fte": [0.3],
                                                                                 "levels": ["officer"]},
                                          "levers": {"years": 0.25}})
        assert reply.status_code == 202, reply.text
        run_id = reply.json()["id"]
        for _ in range(600):
            if c.get(f"/api/runs/{run_id}").json()["state"] != "running":
                break
            time.sleep(0.05)
        said = c.get(f"/api/runs/{run_id}/results.csv")
    assert said.status_code == 404
    assert said.json()["error"] == ("No figures to download: this is a goal seek, whose answer is the table "
                                    "on the page.")


def test_a_busy_server_tells_the_page_when_to_ask_again():
    """The 503 of a server running as many runs as it takes says when to ask again (Retry-After): the page
    asks again by itself (app.js)."""
    long = {"municipalities": ["helsingborg", "landskrona"], "levers": {"replications": 10, "years": 2}}
    with starlette_testclient.TestClient(create_app(workers=1, most=1)) as c:
        first = c.post("/api/runs", json=long)
        assert first.status_code == 202, first.text
        busy = c.post("/api/runs", json={"municipalities": ["bjuv"], "levers": {"replications": 2}})
        c.delete(f"/api/runs/{first.json()['id']}")
    assert busy.status_code == 503 and busy.headers["retry-after"] == str(BUSY_RETRY_SECONDS)
    bad = starlette_testclient.TestClient(create_app(workers=0)).post("/api/runs",
                                                                      json={"municipalities": []})
    assert bad.status_code == 400 and "retry-after" not in bad.headers  # a refusal of the question: not again


def test_the_status_quos_figures_are_those_permitflow_simulate_gives_of_the_same_process_and_seed(client):
    """``permitflow simulate`` of one municipality with the page's replications, years and seed gives the
    figures of the download's status quo: each figure's mean and 95 % interval, the same floats."""
    levers = {"replications": 3, "years": 0.5, "seed": 11}
    run_id = _finished(client, {"municipalities": ["astorp"], "levers": levers})
    doc = client.get(f"/api/runs/{run_id}/results.json").json()
    (today,) = doc["scenarios"][0]["points"]
    result = CliRunner().invoke(cli, ["simulate", "astorp", "--replications", "3", "--years", "0.5", "--seed",
                                      "11",
                                      "--workers", "1", "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output
    simulated = json.loads(result.stdout)["figures"]
    page = {k.removeprefix("astorp/"): v for k, v in today["figures"].items()}
    assert sorted(page) == sorted(simulated)
    for key, figure in simulated.items():
        assert (figure["mean"], figure["low"], figure["high"]) == (page[key]["mean"], *page[key]["ci"]), key


def goal_sheet_rows(sheet: bytes, table: bytes, lang: str) -> list[list[str]]:
    """The page's spreadsheet of a goal seek (``sheet``) against ``permitflow optimise --csv`` of the same
    search (``table``): a byte-order mark, the language's delimiter, as many rows and columns, every number
    the same (its decimal mark the language's; a share, of full time or within the deadline, in per cent as
    the page says it: 30 for 0.3); its rows, the heads first, for the words to be checked."""
    text = sheet.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";" if lang == "sv" else ","))
    theirs = list(csv.reader(io.StringIO(table.decode("utf-8"))))
    assert len(rows) == len(theirs) > 1 and len(rows[0]) == len(theirs[0]) == 16
    words = {theirs[0].index(c) for c in ("level", "status", "frontier")}
    shares = {theirs[0].index(c) for c in ("fte", "target_mean", "target_low", "target_high")}
    assert all(rows[0][k].endswith("(%)") for k in shares)
    for mine, row in zip(rows[1:], theirs[1:], strict=True):
        assert [c.replace(",", ".") if lang == "sv" else c for k,
                c in enumerate(mine) if k not in words | shares] == \
            [c for k, c in enumerate(row) if k not in words | shares]
        for k in shares:  # per cent: the fraction's digits, the decimal mark moved two places
            assert (Decimal(mine[k].replace(",", ".")) if mine[k] else None) == \
                (Decimal(row[k]) * 100 if row[k] else None)
    return rows


#: the goal sheet's heads in the page's words, and its codes in words (report/labels.yaml)
GOAL_HEADS = {"en": ["Case officers", "Share of full time (%)", "Decided by", "Cost a year (kronor)"],
              "sv": ["Handläggare", "Andel av heltid (%)", "Beslut av", "Kostnad per år (kr)"]}
GOAL_STATUS = {"en": {"chosen": "chosen", "feasible": "meets the target", "infeasible": "misses the target",
                      "undecided": "unsure: its interval spans the target"},
               "sv": {"chosen": "valt", "feasible": "når målet", "infeasible": "når inte målet",
                      "undecided": "osäkert: intervallet spänner över målet"}}
GOAL_FRONTIER = {"en": {"1": "yes", "0": "no", "": "not needed: a cheaper one meets the goal"},
                 "sv": {"1": "ja", "0": "nej", "": "behövs inte: ett billigare alternativ når målet"}}


def test_a_goal_seeks_table_downloads_in_words_with_the_numbers_permitflow_optimise_writes(client, tmp_path):
    """``goal-seek.csv?lang=en|sv`` is a spreadsheet of the rows ``permitflow optimise --csv`` writes of the
    same search, every number the same, the heads, decision levels, statuses and frontier in words in the
    page's language (found by QA: the English download was the command line's snake_case data);
    ``goal-seek.json`` is the bytes of its ``-o``; a what-if has no such table."""
    goal = {"percent": 80, "officers": [1, 2], "fte": [0.3], "levels": ["officer"]}
    levers = {"years": 0.25, "seed": 5}
    run_id = _finished(client, {"municipalities": ["astorp"], "levers": levers, "goal": goal}, "/api/goal")
    answer = client.get(f"/api/runs/{run_id}").json()["answer"]
    assert "_files" not in answer  # kept apart: the page reads the answer at every poll
    english = client.get(f"/api/runs/{run_id}/goal-seek.csv?lang=en")
    swedish = client.get(f"/api/runs/{run_id}/goal-seek.csv")
    whole = client.get(f"/api/runs/{run_id}/goal-seek.json")
    result = CliRunner().invoke(cli, [
        "optimise", "astorp", "--target-share", "0.8", "--officers", "1,2", "--fte", "0.3",
        "--levels", "officer", "--horizon", "0.25y", "--seed", "5", "--first-replications", "3",
        "--max-replications", "12", "--workers", "1", "--quiet", "--csv", str(tmp_path / "seek.csv"),
        "-o", str(tmp_path / "seek.json")])
    assert result.exit_code == 0, result.output
    table = (tmp_path / "seek.csv").read_bytes()
    assert table.startswith(b"officers,fte,level,cost_kr_per_year,")  # the command line's columns stay
    assert english.status_code == swedish.status_code == 200
    assert 'filename="goal-seek.csv"' in english.headers["content-disposition"]
    assert "m%C3%A5ls%C3%B6kning.csv" in swedish.headers["content-disposition"]
    assert whole.status_code == 200 and whole.content == (tmp_path / "seek.json").read_bytes()
    assert whole.json()["candidates"] == answer["candidates"]
    theirs = list(csv.reader(io.StringIO(table.decode("utf-8"))))
    for lang, reply in (("en", english), ("sv", swedish)):
        rows = goal_sheet_rows(reply.content, table, lang)
        assert rows[0][:4] == GOAL_HEADS[lang]
        assert not any("_" in head for head in rows[0])  # no code name among the heads
        level, status, frontier = (theirs[0].index(c) for c in ("level", "status", "frontier"))
        assert {row[level] for row in rows[1:]} == {"the case officer" if lang == "en" else "handläggaren"}
        assert [row[status] for row in rows[1:]] == \
            [GOAL_STATUS[lang].get(row[status], "?") for row in theirs[1:]]
        assert [row[frontier] for row in rows[1:]] == \
            [GOAL_FRONTIER[lang][row[frontier]] for row in theirs[1:]]
    bad = client.get(f"/api/runs/{run_id}/goal-seek.csv?lang=de")
    assert bad.status_code == 400 and bad.json()["field"] == "lang"
    what_if = client.get(f"/api/runs/{_finished(client, QUESTION)}/goal-seek.csv")
    assert what_if.status_code == 404
    assert what_if.json()["error"].startswith("No table of a goal seek to download: this run is a what-if")
    assert what_if.json()["error_sv"].startswith("Ingen målsökningstabell att ladda ner")


def test_the_goal_sheet_writes_words_decimal_marks_and_keeps_a_level_from_reading_as_a_formula():
    from report.sheet import goalseek_sheet

    table = "officers,fte,level,days_low,status\n2,0.5,=cmd,-0.25,chosen\n1,0.25,committee,3.5,undecided\n"
    sheet = goalseek_sheet(table, "sv").decode("utf-8")
    assert sheet == ("\ufeffHandläggare;Andel av heltid (%);Beslut av;Dagar i snitt, 95 % intervall, nedre "
                     "gräns;Status\n2;50;'=cmd;-0,25;valt\n"
                     "1;25;nämnden;3,5;osäkert: intervallet spänner över målet\n")
    assert goalseek_sheet(table, "en").decode("utf-8") == (
        "\ufeffCase officers,Share of full time (%),Decided by,\"Days on average, 95% interval, low "
        "end\",Status\n"
        "2,50,'=cmd,-0.25,chosen\n1,25,the committee,3.5,unsure: its interval spans the target\n")
    with pytest.raises(ValueError, match="lang 'de'"):
        goalseek_sheet(table, "de")


def test_the_goal_sheet_says_the_work_has_no_price_where_the_profiles_put_none():
    """As the page's table says "–" and a note (report.goalseek.unpriced_costs): "0,00" read as free work."""
    from report.sheet import goalseek_sheet

    table = ("officers,cost_kr_per_year,staff_cost,decision_cost,target_mean\n1,0.00,0.00,0.00,0.9\n"
             "2,0.00,0.00,0.00,0.95\n")
    assert goalseek_sheet(table, "sv").decode("utf-8-sig").splitlines()[1:] == [
        "1;inget pris på arbetet;inget pris på arbetet;inget pris på arbetet;90",
        "2;inget pris på arbetet;inget pris på arbetet;inget pris på arbetet;95"]
    assert goalseek_sheet(table, "en").decode("utf-8-sig").splitlines()[1] == \
        "1,no price on the work,no price on the work,no price on the work,90"
    priced = table.replace("2,0.00,0.00,0.00", "2,10.50,10.50,0.00")
    assert goalseek_sheet(priced, "sv").decode("utf-8-sig").splitlines()[1:] == ["1;0,00;0,00;0,00;90",
                                                                              "2;10,50;10,50;0,00;95"]
