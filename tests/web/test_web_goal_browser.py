"""The goal-seek panel in headless Chromium (Debian's): its table downloaded as files (a spreadsheet in the
page's language of the rows ``permitflow optimise --csv`` writes, the JSON the bytes its ``-o`` writes),
and a second click while the first waits for a busy server: the latest wins, and the page says the earlier one
no longer waits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM
from click.testing import CliRunner

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")]
pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")
from test_web_browser import _serving, _the_page  # noqa: E402 - after the skips
from test_web_results import GOAL_HEADS, goal_sheet_rows  # noqa: E402
from test_web_results_browser import BUSY, downloaded  # noqa: E402

from cli import cli  # noqa: E402
from web.app import create_app  # noqa: E402

#: the goal seek's candidates (the page asks for the full grid: minutes), and its years and seed
NARROW = {"officers": [1, 2], "fte": [0.3], "levels": ["officer"]}
SETTINGS = {"years": "0.25", "seed": "5"}


def _narrowed(route: Any) -> None:
    body = json.loads(route.request.post_data or "{}")
    body["goal"].update(NARROW)
    route.continue_(post_data=json.dumps(body))


def _ask(page: Any) -> None:
    page.uncheck("[data-place='helsingborg']")
    page.check("[data-place='astorp']")
    page.fill("#lever-years", SETTINGS["years"])
    page.fill("#lever-seed", SETTINGS["seed"])
    page.fill("#goal-percent", "80")


def test_the_goal_seeks_table_downloads_in_the_pages_words_with_the_command_lines_numbers(
        tmp_path: Path) -> None:
    messages: list[str] = []
    with _serving(create_app(workers=1)) as address, _the_page(address, messages, downloads=True) as page:
        page.route("**/api/goal", _narrowed)
        _ask(page)
        page.click("#goal-run")
        page.wait_for_selector("body[data-goals='1']", timeout=120_000)
        assert page.locator("#goal-csv").inner_text() == "Ladda ner tabellen (CSV för Excel)"
        files = downloaded(page, (("#goal-csv", "sv"), ("#goal-json", "sv"), ("#goal-csv", "en")), tmp_path)
        assert page.locator("#goal-json").inner_text() == "Download the table (JSON)"
    assert sorted(files) == ["goal-seek.csv", "goal-seek.json", "målsökning.csv"]
    result = CliRunner().invoke(cli, [
        "optimise", "astorp", "--target-share", "0.8", "--officers", "1,2", "--fte", "0.3",
        "--levels", "officer", "--horizon", f"{SETTINGS['years']}y", "--seed", SETTINGS["seed"],
        "--first-replications", "3", "--max-replications", "12", "--workers", "1", "--quiet",
        "--csv", str(tmp_path / "cli.csv"), "-o", str(tmp_path / "cli.json")])
    assert result.exit_code == 0, result.output
    assert files["goal-seek.json"] == (tmp_path / "cli.json").read_bytes()
    table = (tmp_path / "cli.csv").read_bytes()
    # each a spreadsheet of the command line's rows, every number the same, its heads and codes in words in
    # the page's language (the English file was the command line's snake_case data: found by QA)
    for name, lang in (("goal-seek.csv", "en"), ("målsökning.csv", "sv")):
        rows = goal_sheet_rows(files[name], table, lang)
        assert rows[0][:4] == GOAL_HEADS[lang] and len(rows) == 3  # the heads and the two candidates
        assert {row[2] for row in rows[1:]} == {"the case officer" if lang == "en" else "handläggaren"}
    assert messages == []


def test_a_second_click_while_the_first_waits_for_a_busy_server_wins_and_the_page_says_so() -> None:
    """A manager who clicks Räkna, is told the server is busy, and then asks the goal seek: the goal seek is
    what the page asks for, and the line under the form says that the click on Räkna no longer waits (both
    languages); the run is not asked again."""
    asked: list[str] = []  # the POSTs the page sent, by their address's last part
    messages: list[str] = []

    def route(r: Any) -> None:
        sent = r.request.method == "POST"
        if sent:
            asked.append(r.request.url.rsplit("/", 1)[-1])
        if sent and len(asked) <= 2:  # the run's first ask and the goal seek's first: the server is busy
            r.fulfill(status=503, content_type="application/json", headers={"Retry-After": "1"},
                      body=json.dumps(BUSY))
        elif sent and asked[-1] == "goal":
            _narrowed(r)
        else:
            r.continue_()

    with _serving(create_app(workers=1)) as address, _the_page(address, messages) as page:
        page.route("**/api/runs", route)
        page.route("**/api/goal", route)
        _ask(page)
        page.click("#run")
        page.locator("#busy").wait_for(state="visible")
        assert "försök 2 av 7" in page.locator("#busy-said").inner_text()
        assert "tidigare klicket" not in page.locator("#busy-said").inner_text()
        page.click("#goal-run")
        said = page.locator("#busy-said", has_text="tidigare klicket")
        said.wait_for()
        assert said.inner_text().endswith("Det tidigare klicket på ”Räkna” väntar inte längre: sidan frågar "
                                          "bara efter det senaste, på ”Sök billigaste”.")
        page.click("[data-lang='en']")
        assert page.locator("#busy-said").inner_text().endswith(
            "The earlier click on “Calculate” no longer waits: the page asks only for the latest, on “Find "
            "the cheapest”.")
        page.wait_for_selector("body[data-goals='1']", timeout=120_000)
        assert page.locator("#busy").is_hidden() and page.locator("#message").is_hidden()
        page.wait_for_timeout(2500)  # longer than the run's next wait would have been: it is not asked again
        assert page.evaluate("document.body.dataset.runs") is None
    assert asked == ["runs", "goal", "goal"]
    assert [m for m in messages if "503" not in m] == []


def test_with_none_sure_the_page_names_the_closest_and_its_button_settles_it_on_fresh_runs() -> None:
    """Åstorp alone at 95 %: every case within the deadline, too few of them for any combination to be sure. The
    answer names the closest combination, how likely it is to reach the target and about how many more runs would
    settle it; the button asks the same goal seek again with exactly those runs, and the answer then says what
    they showed, judged on their own (both languages)."""
    asked: list[dict[str, Any]] = []
    messages: list[str] = []

    def narrowed(route: Any) -> None:
        body = json.loads(route.request.post_data or "{}")
        body["goal"].update({"officers": [1], "fte": [0.25], "levels": ["officer"]})
        asked.append(body["goal"])
        route.continue_(post_data=json.dumps(body))

    with _serving(create_app(workers=1)) as address, _the_page(address, messages) as page:
        page.route("**/api/goal", narrowed)
        page.uncheck("[data-place='helsingborg']")
        page.check("[data-place='astorp']")
        page.fill("#goal-percent", "95")
        page.click("#goal-run")
        page.wait_for_selector("body[data-goals='1']", timeout=120_000)
        goal = page.evaluate("state.goal")
        n = goal["closest"]["replications_to_settle"]
        assert not goal["holds_at_bad_end"] and goal["safe"] is None and goal["settled"] is None and n >= 3
        sentence = page.locator("#goal-result .sentence").inner_text()
        assert "Närmast: 1 handläggare på kvartstid, beslut av handläggaren; av dess 12 körningar" in sentence
        assert f"Omkring {n} körningar till av det här alternativet" in sentence
        button = page.locator("#goal-settle")
        assert button.inner_text() == f"Kör det närmaste alternativet {n} gånger till"
        button.click()
        page.wait_for_selector("body[data-goals='2']", timeout=120_000)
        settled = page.evaluate("state.goal")["settled"]
        assert asked[-1]["settle"] == n and asked[-1]["percent"] == asked[0]["percent"]
        assert (settled["replications"], settled["after"]) == (n, 12)
        sentence = page.locator("#goal-result .sentence").inner_text()
        assert f"Avgörandet: {n} körningar till av 1 handläggare på kvartstid" in sentence
        assert ("det når målet i intervallets sämre ände" if settled["sure"] else "fortfarande osäkert") in sentence
        assert page.locator("#goal-settle").count() == 0  # settled: nothing more to press
        page.click("[data-lang='en']")
        sentence = page.locator("#goal-result .sentence").inner_text()
        assert f"Settling it: {n} more runs of 1 case officer at quarter time" in sentence
        assert "Closest: 1 case officer at quarter time, decisions by the case officer; from its 12 runs" \
            in sentence
    assert messages == []
