"""axe-core's WCAG 2.1 AA audit (tests/axeaudit.py) of the states tests/test_accessibility_browser.py leaves out:
the what-if page's "how sure" answer and its "server busy" line (asked again by itself, with its Stop-trying button,
and after it is pressed), its server stopped before and during a run, a run that fails on the server
after an upload the page and its check took, the page a proxy under a prefix the server was not told gets,
the goal seek when no combination is sure (the closest one's sentence and its button that settles it,
pressed by keyboard), a report with a failed scenario and a failed sweep point, and the validation page
as ``calibrate --validate`` writes it to disk. The what-if page in Swedish and English; the report in both; the
validation page carries both languages in one."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from axeaudit import audited, needs_axe, one_browser, report
from chromium import CHROMIUM, watch
from click.testing import CliRunner
from liveserver import serving

from cli import cli

pytestmark = [pytest.mark.browser, needs_axe,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")]
pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")
from test_accessibility_browser import _both_languages, _what_if  # noqa: E402 - after the skips
from test_cli_run_failed import EN, MODEL, SETTINGS, SV  # noqa: E402

from web.app import create_app  # noqa: E402
from web.texts import TEXTS  # noqa: E402

#: the page's words for a request the server did not answer
UNREACHABLE = TEXTS["unreachable"]

browser = pytest.fixture(scope="module")(one_browser)
#: a what-if that keeps a server of one run at a time busy for minutes (cancelled by the test when done with it)
LONG = {"municipalities": ["helsingborg", "landskrona", "astorp"], "levers": {"replications": 20, "years": 3}}


def _press(page: Any, control: str, key: str = "Enter") -> None:
    """The button ``control`` (its id) reached by Tab from the top of the page, then ``key`` pressed on it: by
    keyboard alone (tests/web/test_web_keyboard_browser.py walks the rest of the page so)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == control.lstrip("#"):
            page.keyboard.press(key)
            return
    raise AssertionError(f"Tab never reached {control}")


def _wider_at_320(page: Any) -> int:
    """How many CSS pixels the page, at 320 CSS pixels wide, reaches past the window (WCAG 1.4.10, which axe does
    not check; 0: it does not scroll sideways)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    wider = int(page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth"))
    page.set_viewport_size(size)
    return wider


def test_the_how_sure_answer_and_the_server_busy_line(browser: Any) -> None:
    """A server that runs one calculation at a time (``most=1``): the page's "how sure" run answers; then, while
    another page's long run holds the server, Räkna is told 503 with Retry-After, and the page says it will ask
    again, with its Stop-trying button; pressed (by keyboard), the server's own words stand in its place."""
    messages: list[str] = []
    with serving(create_app(workers=1, most=1)) as address, _what_if(browser, address, messages) as page:
        page.fill("#lever-replications", "2")
        page.fill("#lever-years", "0.5")
        page.check("#uncertainty")
        page.click("#run")
        page.wait_for_selector("body[data-runs='1']", timeout=120_000)
        assert page.locator("#results .how-sure").count() == 1
        found = _both_languages(page, "the how-sure answer")
        asked = urllib.request.Request(address + "api/runs", method="POST", data=json.dumps(LONG).encode(),
                                       headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(asked, timeout=30) as reply:
            other = json.loads(reply.read())["id"]
        try:
            page.uncheck("#uncertainty")
            _press(page, "#run")
            page.locator("#busy").wait_for(state="visible")
            said = page.locator("#busy-said").inner_text()
            assert said.startswith("Servern är upptagen just nu.") and "(försök 2 av 7)" in said
            # a screen reader is told once per try, by the status line, not at each second the line counts down
            assert page.locator("#busy").get_attribute("role") is None
            assert page.locator("#status").inner_text() == said
            page.locator("#busy-said", has_text=" s (försök 2 av 7)").filter(has_not_text=said).wait_for()
            assert page.locator("#status").inner_text() == said
            found += _both_languages(page, "the server busy, asked again by itself")
            assert _wider_at_320(page) == 0
            assert page.locator("#status").inner_text().startswith("Servern är upptagen just nu.")  # told again
            _press(page, "#busy-stop")
            page.locator("#message").wait_for(state="visible")
            assert page.locator("#busy").is_hidden() and page.locator("#status").inner_text() == ""
            assert page.locator("#message").inner_text().startswith("Servern kör redan en beräkning åt andra sidor")
            found += _both_languages(page, "the server busy, Stop trying pressed")
        finally:
            urllib.request.urlopen(urllib.request.Request(f"{address}api/runs/{other}", method="DELETE"),
                                   timeout=30).close()
    assert not found, report(found)
    assert [m for m in messages if "503" not in m] == []


def test_the_goal_seek_when_none_is_sure_and_its_settle_button_by_keyboard(browser: Any) -> None:
    """Åstorp alone at 95 % (tests/web/test_web_goal_browser.py): no combination is sure; the answer names the
    closest and offers to run it N times more. Audited before and after the button is pressed, reached by Tab and
    pressed by Enter."""
    messages: list[str] = []

    def narrow(route: Any) -> None:  # one candidate, not the page's full grid (minutes)
        body = json.loads(route.request.post_data or "{}")
        body["goal"].update({"officers": [1], "fte": [0.25], "levels": ["officer"]})
        route.continue_(post_data=json.dumps(body))

    with serving(create_app(workers=1)) as address, _what_if(browser, address, messages) as page:
        page.route("**/api/goal", narrow)
        page.uncheck("#place-helsingborg")
        page.check("#place-astorp")
        page.fill("#goal-percent", "95")
        _press(page, "#goal-run")
        page.wait_for_selector("body[data-goals='1']", timeout=120_000)
        n = page.evaluate("state.goal.closest.replications_to_settle")
        assert page.locator("#goal-settle").inner_text() == f"Kör det närmaste alternativet {n} gånger till"
        assert "Närmast: " in page.locator("#goal-result .sentence").inner_text()
        found = _both_languages(page, "the goal seek, none sure")
        _press(page, "#goal-settle")
        page.wait_for_selector("body[data-goals='2']", timeout=120_000)
        assert f"Avgörandet: {n} körningar till" in page.locator("#goal-result .sentence").inner_text()
        # the button is gone with its answer: the focus is on the answer's heading, not lost to the page's top
        assert page.evaluate("document.activeElement.closest('#goal-result h2') !== null")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "goal-csv"
        assert page.locator("#status").inner_text() == (
            "Målsökningens svar är klart: det står under rubriken Målsökning.")
        found += _both_languages(page, "the goal seek, the closest settled")
        assert _wider_at_320(page) == 0
    assert not found, report(found)
    assert messages == []


def _opened(browser: Any, path: Path, messages: list[str]) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch(page, messages)
    page.goto(path.as_uri(), wait_until="load")
    return page


def test_a_report_with_a_failed_scenario_and_a_failed_sweep_point(browser: Any, tmp_path: Path) -> None:
    """As tests/test_cli_run_failed.py makes them: a model whose parallel join waits for a step that does not
    happen in every case, run as a whole scenario and as one point of a sweep, beside a scenario that runs."""
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(cli, ["convert", str(tmp_path / "model.yaml"), str(tmp_path / "profile.yaml"),
                               "--to", "profile"])
    assert done.exit_code == 0, done.output
    base = "base: {bpmn: model.yaml, profile: profile.yaml}\n"
    (tmp_path / "ok.yaml").write_text("name: ok\nbase: helsingborg\n" + SETTINGS, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("name: bad\n" + base + SETTINGS, encoding="utf-8")
    (tmp_path / "sw.yaml").write_text("name: sw\n" + base + "sweep:\n  elements.T.duration: [200h, 1h]\n" + SETTINGS,
                                      encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["run", *(str(tmp_path / s) for s in ("ok.yaml", "bad.yaml", "sw.yaml")),
                                 "-o", str(out), "--workers", "1", "--no-cache"])
    assert result.exit_code == 1 and "2 of 3 scenarios failed: bad, sw at 1 of its 2" in result.stderr
    messages: list[str] = []
    page = _opened(browser, out / "report.html", messages)
    try:
        assert page.locator("#failures li").count() == 2 and page.locator("#s-sw .failure").count() == 1
        found = audited(page, "report with failures, en")
        page.locator("#failures details summary").first.click()  # the technical detail, opened
        found += audited(page, "report with failures, detail open, en")
        page.click("#pick-sv")
        found += audited(page, "report with failures, detail open, sv")
        assert _wider_at_320(page) == 0
    finally:
        page.close()
    assert not found, report(found)
    assert messages == []


def test_the_validation_page_calibrate_writes(browser: Any, tmp_path: Path) -> None:
    """``permitflow calibrate helsingborg LOG -o profile.yaml --validate --deadline 4mo``: the page it writes
    beside the profile, opened from disk (its words in English and Swedish, each marked with its language)."""
    runner = CliRunner()
    log = tmp_path / "log.xes"
    made = runner.invoke(cli, ["simulate", "helsingborg", "--years", "2", "--seed", "7", "-q", "-r", "1",
                               "--eventlog", str(log)])
    assert made.exit_code == 0, made.output
    done = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(tmp_path / "profile.yaml"),
                               "--validate", "--replications", "2", "--deadline", "4mo"])
    assert done.exit_code == 0, done.output
    written = tmp_path / "profile.validation.html"
    assert f"wrote {written}" in done.output.splitlines()
    messages: list[str] = []
    page = _opened(browser, written, messages)
    try:
        assert page.locator("figure[lang='sv'] svg").count() == 3 and page.locator("figure[lang='en']").count() == 3
        found = audited(page, "the validation page calibrate --validate writes (en and sv)")
        assert _wider_at_320(page) == 0
    finally:
        page.close()
    assert not found, report(found)
    assert messages == []


def _stuck_model(folder: Path) -> tuple[Path, Path]:
    """A model and profile the upload's check takes (its steps run, its profile fits) whose every run
    fails: a parallel join waits for a step a non-interrupting timer takes in some cases only
    (tests/test_cli_run_failed.py)."""
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    for done in (CliRunner().invoke(cli, ["convert", str(folder / "model.yaml"), str(folder / "stuck.bpmn")]),
                 CliRunner().invoke(cli, ["convert", str(folder / "stuck.bpmn"), str(folder / "stuck.yaml"),
                                          "--to", "profile"])):
        assert done.exit_code == 0, done.output
    return folder / "stuck.bpmn", folder / "stuck.yaml"


def test_a_run_that_fails_on_the_server_after_an_upload_the_page_took(browser: Any, tmp_path: Path) -> None:
    """The page's checks and the upload's pass; the run fails in the server's simulation (every case waits
    at the join). The message says why in the report's plain words, in the page's language, and what to do
    next."""
    model, profile = _stuck_model(tmp_path)
    messages: list[str] = []
    with serving(create_app(workers=1)) as address, _what_if(browser, address, messages) as page:
        page.fill("#up-name", "Fastnar")
        page.set_input_files("#up-model", str(model))
        page.set_input_files("#up-profile", str(profile))
        page.click("#up-send")
        page.wait_for_selector("#places input[data-upload]:checked")
        page.uncheck("#place-helsingborg")
        page.fill("#lever-replications", "2")
        _press(page, "#run")
        page.locator("#message").wait_for(state="visible", timeout=120_000)
        said = {"sv": page.locator("#message").inner_text()}
        found = _both_languages(page, "a run that failed on the server")
        page.click("[data-lang='en']")
        said["en"] = page.locator("#message").inner_text()
        assert page.locator("#progress").is_hidden()
        assert _wider_at_320(page) == 0
    assert said == {"sv": SV, "en": EN}, said  # the report's words, no element ids, one sentence per failure
    assert not found, report(found)
    assert messages == ["error: Failed to load resource: the server responded with a status of 422 "
                        "(Unprocessable Entity)"]


def test_the_server_stopped_mid_session_before_and_during_a_run(browser: Any) -> None:
    """The page open, its server stopped (as systemctl stop or Ctrl-C does): pressing Räkna, and a run polled
    while the server stops, each say in the page's language that the server did not answer and what to do."""
    messages: list[str] = []
    server = serving(create_app(workers=1))
    address = server.__enter__()
    try:
        with _what_if(browser, address, messages) as page:
            page.fill("#lever-replications", "20")
            page.fill("#lever-years", "3")
            _press(page, "#run")
            page.locator("#progress").wait_for(state="visible")
            server.__exit__(None, None, None)
            page.locator("#message").wait_for(state="visible", timeout=60_000)
            during = page.locator("#message").inner_text()
            found = _both_languages(page, "the server stopped during a run")
            assert page.locator("#progress").is_hidden()
            page.fill("#lever-replications", "2")
            _press(page, "#run")
            page.locator("#message", has_text="Servern svarade inte").wait_for()
            before = page.locator("#message").inner_text()
            found += _both_languages(page, "the server stopped, Räkna pressed")
            page.click("[data-lang='en']")
            english = page.locator("#message").inner_text()
    finally:
        server.__exit__(None, None, None)  # (again: nothing to stop when the test got that far)
    assert during == before == UNREACHABLE["sv"] and english == UNREACHABLE["en"]
    assert "permitflow serve" not in during + english  # the command's name means nothing to a manager
    assert not found, report(found)
    assert messages and set(messages) == {"error: Failed to load resource: net::ERR_CONNECTION_REFUSED"}


def test_the_page_a_proxy_under_another_prefix_gets(browser: Any) -> None:
    """web/wrongprefix.py: the page a request under a prefix the server was not told gets, in the browser's
    language (Accept-Language), styled as the what-if page."""
    found: list[str] = []
    with serving(create_app(workers=0, root_path="/permitflow")) as address:
        for locale, lang in (("sv-SE", "sv"), ("en-GB", "en")):
            page = browser.new_page(locale=locale, viewport={"width": 1280, "height": 900})
            try:
                assert page.goto(address + "permit/").status == 404
                assert page.locator("html").get_attribute("lang") == lang
                assert "--root-path /permit," in page.locator("main .detail").inner_text()
                found += audited(page, f"the page of a proxy's prefix that does not match, {lang}")
                assert _wider_at_320(page) == 0
            finally:
                page.close()
    assert not found, report(found)
