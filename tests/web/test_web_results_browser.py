"""The what-if page in headless Chromium (Debian's): the answer's figures downloaded as files (a spreadsheet
in the page's language, the JSON the command line writes), and a click the server is too busy for asked again
by itself, saying so in the page's language, with a button that stops it."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(),
                                                      reason="needs Debian's chromium")]
pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")
from test_web_browser import _calculate, _sentence, _serving, _the_page  # noqa: E402 - after the skips

from bpmn_io.library import library_paths  # noqa: E402
from web.app import create_app  # noqa: E402

BUSY = {"error": "The server is already running 4 large calculations for other pages: try again when one has "
                 "finished, in a minute or two.",
        "error_sv": "Servern kör redan 4 stora beräkningar åt andra sidor: försök igen när någon är klar, om "
                    "en minut eller två.", "field": ""}


def _get(address: str, path: str) -> bytes:
    with urllib.request.urlopen(address + path, timeout=60) as reply:
        return bytes(reply.read())


def _post(address: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    sent = urllib.request.Request(address + path, method="POST", headers={"Content-Type": "application/json"},
                                  data=json.dumps(body).encode())
    with urllib.request.urlopen(sent, timeout=60) as reply:
        return dict(json.loads(reply.read()))


def test_the_answers_figures_download_as_a_spreadsheet_in_the_pages_language_and_as_json(
        tmp_path: Path) -> None:
    messages: list[str] = []
    with _serving(create_app(workers=1)) as address, _the_page(address, messages, downloads=True) as page:
        assert page.locator("#figures-csv").is_disabled() and page.locator("#figures-json").is_disabled()
        assert page.locator("#figures-csv").inner_text() == "Ladda ner siffrorna (CSV för Excel)"
        page.fill("#lever-replications", "2")
        page.fill("#lever-officers", "3")
        _calculate(page, 1)
        run_id = page.evaluate("state.finished")
        files = downloaded(page, (("#figures-csv", "sv"), ("#figures-json", "sv"), ("#figures-csv", "en")),
                           tmp_path)
        assert page.locator("#figures-csv").inner_text() == "Download the figures (CSV for Excel)"
        assert page.locator("p[data-t='figures_rule']").inner_text().startswith(
            "The CSV file follows the page's language: in English commas and decimal points, in Swedish "
            "semicolons")
        served = {"results.json": _get(address, f"api/runs/{run_id}/results.json"),
                  "resultat.csv": _get(address, f"api/runs/{run_id}/results.csv?lang=sv"),
                  "results.csv": _get(address, f"api/runs/{run_id}/results.csv?lang=en")}
    assert sorted(files) == ["resultat.csv", "results.csv", "results.json"]
    # the bytes the server gives of that run (the API tests compare them with what permitflow run writes)
    assert files == served
    swedish = files["resultat.csv"].decode("utf-8")
    assert swedish.startswith("\ufeffScenario;Punkt i svepet;Mått;Måttet i ord;Medelvärde;")
    # the two runs as the page calls them, not their code names ("what-if", "status-quo": found by QA)
    row = next(line for line in swedish.splitlines()
               if line.startswith("Med ändringarna;;helsingborg/complete_to_decision"))
    assert ";I dag;" in row and "." not in row and row.count(",") > 6  # decimal commas, compared with today
    assert "status-quo" not in swedish and "what-if" not in swedish
    english = files["results.csv"].decode("utf-8")
    assert english.startswith("\ufeffScenario,Sweep point,Figure,Figure in words,Mean,")
    doc = json.loads(files["results.json"])
    mean = doc["scenarios"][1]["points"][0]["figures"]["helsingborg/complete_to_decision_mean_days"]["mean"]
    assert f"With the changes,,helsingborg/complete_to_decision_mean_days,days from complete application " \
           f"to decision (mean),{mean!r}," in english and ",Today," in english and "status-quo" not in english
    assert f"Med ändringarna;;helsingborg/complete_to_decision_mean_days;dagar från komplett ansökan till " \
           f"beslut (medel);{mean!r};".replace(".", ",") in swedish
    assert messages == []


def downloaded(page: Any, clicks: Iterable[tuple[str, str]], folder: Path) -> dict[str, bytes]:
    """Each (button, language) of ``clicks`` clicked on the page in that language: the files it downloaded, by
    the names the page gave them (saved into ``folder``)."""
    files = {}
    for button, lang in clicks:
        page.click(f"[data-lang='{lang}']")
        with page.expect_download() as downloading:
            page.click(button)
        name = downloading.value.suggested_filename
        downloading.value.save_as(folder / name)
        files[name] = (folder / name).read_bytes()
    return files


def _press_run(page: Any) -> None:
    page.fill("#lever-replications", "2")
    page.click("#run")


@contextmanager
def _told_busy(times: int, refused: str = "**/api/runs",
               press: Callable[[Any], None] = _press_run) -> Iterator[tuple[Any, list[str], list[str]]]:
    """The page (Swedish) with ``press`` done (Räkna pressed at 2 replications), the first ``times`` of its
    POSTs to ``refused`` answered as a server running as many large runs as it takes answers them (503,
    Retry-After: 1 s), the others let through; waited for until it says it will ask again: (the page, its
    console messages, the POSTs it sent)."""
    messages: list[str] = []
    asked: list[str] = []

    def route(r: Any) -> None:
        if r.request.method != "POST":
            r.continue_()
            return
        asked.append(r.request.url)
        if len(asked) <= times:
            r.fulfill(status=503, content_type="application/json", headers={"Retry-After": "1"},
                      body=json.dumps(BUSY))
        else:
            r.continue_()

    with _serving(create_app(workers=1)) as address, _the_page(address, messages) as page:
        page.route(refused, route)
        press(page)
        page.locator("#busy").wait_for(state="visible")
        yield page, messages, asked


def test_a_click_the_server_is_too_busy_for_is_asked_again_by_itself_saying_so() -> None:
    """Found in the QA of branch qaserve: a page told 503 "try again" dropped the manager's click; it now asks
    again after the server's Retry-After, longer each time, saying so in its language."""
    with _told_busy(2) as (page, messages, asked):
        assert page.locator("#busy-said").inner_text() == (
            "Servern är upptagen just nu. Sidan frågar igen av sig själv om 1 s (försök 2 av 7).")
        assert page.locator("#busy-stop").inner_text() == "Sluta försöka"
        # the second wait twice the first (BUSY_TRIES), counted down in seconds
        page.locator("#busy-said", has_text="om 2 s (försök 3 av 7)").wait_for()
        page.click("[data-lang='en']")
        assert page.locator("#busy-said").inner_text().startswith(
            "The server is busy just now. The page asks again by itself in ")
        assert "(try 3 of 7)" in page.locator("#busy-said").inner_text()
        page.wait_for_selector("body[data-runs='1']", timeout=60_000)
        assert page.locator("#busy").is_hidden() and page.locator("#message").is_hidden()
        assert _sentence(page).startswith("Helsingborg: from a complete application to the decision")
    assert len(asked) == 3  # two refused, the third ran
    assert [m for m in messages if "503" not in m] == []


def test_stop_trying_ends_the_wait_and_says_what_the_server_said() -> None:
    with _told_busy(99) as (page, messages, asked):
        page.click("#busy-stop")
        assert page.locator("#busy").is_hidden()
        assert page.locator("#message").inner_text() == BUSY["error_sv"]
        assert page.locator("#progress").is_hidden()
        page.wait_for_timeout(2500)  # longer than the next wait would have been: no more asked
        assert len(asked) == 1
        page.click("[data-lang='en']")
        assert page.locator("#message").inner_text() == BUSY["error"]
        page.unroute("**/api/runs")
        _calculate(page, 1)  # and the next click runs
    assert [m for m in messages if "503" not in m] == []


def test_a_run_asked_while_the_server_runs_all_it_takes_runs_once_one_has_finished() -> None:
    """A real server running as many runs as it takes (``most=1``): the page's run is refused (503,
    Retry-After 5 s), asked again by the page, and runs once the other run has ended."""
    messages: list[str] = []
    with _serving(create_app(workers=1, most=1)) as address, _the_page(address, messages) as page:
        other = _post(address, "api/runs", {"municipalities": ["helsingborg", "landskrona"],
                                            "levers": {"replications": 20, "years": 3}})
        page.uncheck("[data-place='helsingborg']")
        page.check("[data-place='bjuv']")
        page.fill("#lever-replications", "2")
        page.click("#run")
        page.locator("#busy").wait_for(state="visible")
        assert "(försök 2 av 7)" in page.locator("#busy-said").inner_text()
        urllib.request.urlopen(urllib.request.Request(f"{address}api/runs/{other['id']}", method="DELETE"),
                               timeout=30).close()
        page.wait_for_selector("body[data-runs='1']", timeout=60_000)
        assert page.locator("#busy").is_hidden() and page.locator("#message").is_hidden()
        assert _sentence(page).startswith("Bjuv: från")
    assert [m for m in messages if "503" not in m] == []


def test_an_upload_the_server_is_too_busy_to_check_is_sent_again_by_itself() -> None:
    def upload(page: Any) -> None:
        model, profile = library_paths("astorp")
        page.fill("#up-name", "Åstorp egen")
        page.set_input_files("#up-model", str(model))
        page.set_input_files("#up-profile", str(profile))
        page.click("#up-send")

    with _told_busy(1, "**/api/uploads", upload) as (page, messages, asked):
        assert "(försök 2 av 7)" in page.locator("#busy-said").inner_text()
        page.locator("#places input[data-upload]:checked").wait_for()
        assert page.locator("#busy").is_hidden() and page.locator("#message").is_hidden()
        assert page.locator("#places label", has_text="Åstorp egen").count() == 1
    assert len(asked) == 2
    assert [m for m in messages if "503" not in m] == []
