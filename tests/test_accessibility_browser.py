"""Every HTML page permitflow writes passes axe-core's audit for WCAG 2.1 AA, in Swedish and English.

The pages: the what-if page of ``permitflow serve`` in its main states (at the start, levers changed and an answer
shown, the goal seek's table, an upload accepted and one refused, a case log fitted, a run no longer kept) and the
server's one-line page (an address it does not answer), the validation page of a case log (the page ``calibrate
--validate`` writes, by the same function), the report of ``permitflow run`` and the pages of ``permitflow diff``
and ``permitflow compare`` (``--format html``). Each is opened in Debian's Chromium, axe-core's ``axe.min.js``
(tests/js, ``make node-deps``) is put into it, and every rule tagged WCAG 2.0/2.1 A or AA runs, with the
best-practice rules on landmarks, headings and focus order that WCAG's 1.3.1 and 2.4 rest on (``EXTRA``). axe finds
about half of what WCAG asks; docs/web.md says what else was checked by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from axeaudit import audited, needs_axe, one_browser, report, violations
from chromium import CHROMIUM, watch
from click.testing import CliRunner
from liveserver import another_run
from liveserver import serving as _serving

from bpmn_io.library import library_paths
from cli import cli

pytestmark = [pytest.mark.browser, needs_axe,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")]
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")
from web.app import create_app  # noqa: E402 - after the skips

PROFILE = library_paths("helsingborg")[1]
browser = pytest.fixture(scope="module")(one_browser)


def test_the_audit_finds_what_it_looks_for(browser: Any) -> None:
    """The audit itself: a page with a field without a label, grey text too pale to read, an image without words
    and a heading that skips a level is found wanting on each, by element."""
    page = browser.new_page()
    try:
        page.set_content('<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>T</h1>'
                         '<h3 id="skip">Skipped</h3><p id="pale" style="color:#bbb">pale words</p>'
                         '<input id="bare"><img id="mute" src="data:,"></main></body></html>')
        found = violations(page)
    finally:
        page.close()
    assert sorted(line.split(": ")[0] for line in found) == [
        "color-contrast (serious) #pale", "heading-order (moderate) #skip", "image-alt (critical) #mute",
        "label (critical) #bare"], found


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with _serving(create_app(workers=1)) as address:
        yield address


@contextmanager
def _what_if(browser: Any, address: str, messages: list[str], **options: Any) -> Iterator[Any]:
    """The what-if page in Swedish, loaded and ready, in a page of its own."""
    page = browser.new_page(**{"viewport": {"width": 1200, "height": 900}, **options})
    try:
        watch(page, messages)
        page.goto(address + "?lang=sv", wait_until="load")
        page.wait_for_selector("body[data-ready='1']")
        yield page
    finally:
        page.close()


def _both_languages(page: Any, state: str) -> list[str]:
    """The what-if page's violations in ``state``, in Swedish and then, switched, in English."""
    found = audited(page, f"what-if page, {state}, sv")
    page.click("[data-lang='en']")
    found += audited(page, f"what-if page, {state}, en")
    page.click("[data-lang='sv']")
    return found


def test_the_what_if_page_at_the_start_with_levers_changed_and_an_answer(browser: Any, server: str) -> None:
    messages: list[str] = []
    with _what_if(browser, server, messages) as page:
        found = _both_languages(page, "at the start")
        page.fill("#lever-officers", "3")
        page.fill("#lever-replications", "2")
        page.fill("#goal-percent", "90")
        found += _both_languages(page, "levers changed")
        page.click("#run")
        page.wait_for_selector("body[data-runs='1']", timeout=60_000)
        page.wait_for_selector("#results .diagram svg")
        found += _both_languages(page, "an answer shown")
    assert not found, report(found)
    assert messages == []


def test_the_goal_seeks_table(browser: Any, server: str) -> None:
    messages: list[str] = []

    def narrow(route: Any) -> None:  # three candidates, not the page's full grid (minutes)
        body = json.loads(route.request.post_data or "{}")
        body["goal"].update(officers=[1, 2], fte=[1.0], levels=["officer"])
        route.continue_(post_data=json.dumps(body))

    with _what_if(browser, server, messages) as page:
        page.route("**/api/goal", narrow)
        page.click("#goal-run")
        page.wait_for_selector("body[data-goals='1']", timeout=120_000)
        assert page.locator("#goal-result table.goal tbody tr").count() == 2
        found = _both_languages(page, "the goal seek's table")
    assert not found, report(found)
    assert messages == []


def test_an_upload_accepted_and_one_refused(browser: Any, server: str, tmp_path: Path) -> None:
    messages: list[str] = []
    model, profile = library_paths("astorp")
    with _what_if(browser, server, messages) as page:
        page.fill("#up-name", "Höganäs")
        page.set_input_files("#up-model", str(model))
        page.set_input_files("#up-profile", str(profile))
        page.click("#up-send")
        page.wait_for_selector("#places input[data-upload]:checked")
        found = _both_languages(page, "an upload accepted")
        (tmp_path / "not.bpmn").write_text("hello", encoding="utf-8")
        page.set_input_files("#up-model", str(tmp_path / "not.bpmn"))
        page.set_input_files("#up-profile", str(PROFILE))
        page.click("#up-send")
        page.locator("#message", has_text="not.bpmn").wait_for()
        found += _both_languages(page, "an upload refused")
    assert not found, report(found)
    assert messages == ["error: Failed to load resource: the server responded with a status of 400 (Bad Request)"]


def test_a_case_log_fitted_and_its_validation_page(browser: Any, server: str, tmp_path: Path) -> None:
    from weblog import simulated_log, swedish_export

    log = tmp_path / "export.csv"
    log.write_bytes(swedish_export(simulated_log(tmp_path)))
    messages: list[str] = []
    with _what_if(browser, server, messages) as page:
        page.uncheck("#place-helsingborg")
        page.select_option("#log-library", "hoganas")
        page.set_input_files("#log-file", str(log))
        page.click("#log-send")
        page.wait_for_selector("#log-validation")
        found = _both_languages(page, "a case log fitted")
        with page.context.expect_page() as opened:
            page.click("#log-validation")
        validation = opened.value
        validation.wait_for_load_state()
        assert "Höganäs (från loggen)" in validation.title()
        found += audited(validation, "the case log's validation page (sv and en)")
        validation.close()
    assert not found, report(found)
    assert messages == []


def test_a_run_no_longer_kept(browser: Any) -> None:
    messages: list[str] = []
    with _serving(create_app(workers=1, keep=1)) as address, _what_if(browser, address, messages) as page:
        page.fill("#lever-replications", "2")
        page.click("#run")
        page.wait_for_selector("body[data-runs='1']", timeout=60_000)
        # another run finishes meanwhile: with so small a budget, this page's run is forgotten
        another_run(address)
        page.click("#report")
        page.locator("#again").wait_for(state="visible")
        found = _both_languages(page, "a run no longer kept")
    assert not found, report(found)
    assert messages == ["error: Failed to load resource: the server responded with a status of 404 (Not Found)"]


@pytest.mark.parametrize("language", ["sv-SE", "en-GB"])
def test_the_servers_one_line_page(browser: Any, server: str, language: str) -> None:
    page = browser.new_page(locale=language)
    try:
        reply = page.goto(server + "no/such/page")
        assert reply is not None and reply.status == 404
        found = audited(page, f"the server's one-line page, {language}")
    finally:
        page.close()
    assert not found, report(found)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a small study: two questions, checked against the assumption ranges (its "How sure"
    section), with two library municipalities' processes compared (its embedded comparison)."""
    folder = tmp_path_factory.mktemp("report")
    common = "base: helsingborg\nreplications: 2\nhorizon: 8w\nwarmup: 1w\nseed: 3\n"
    (folder / "status-quo.yaml").write_text("name: status-quo\nquestion: How long does it take today?\n" + common,
                                            encoding="utf-8")
    (folder / "b.yaml").write_text("name: delegated\nquestion: What if the officer decided?\n" + common
                                   + "set:\n  simulation.decision.delegation: officer\nbaseline: status-quo\n",
                                   encoding="utf-8")
    (folder / "study.yaml").write_text("study: small\ncompare: [helsingborg, astorp]\n"
                                       "scenarios: [status-quo.yaml, b.yaml]\n", encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(cli, ["run", str(folder / "study.yaml"), "-o", str(out), "--workers", "1",
                                      "--uncertainty", "--points", "2"])
    assert result.exit_code == 0, result.output
    return out / "report.html"


def test_the_report(browser: Any, report_page: Path) -> None:
    messages: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        watch(page, messages)
        page.goto(report_page.as_uri(), wait_until="load")
        assert page.locator("#diff .embedded-diff svg").count() == 2  # the comparison is there to audit
        found = audited(page, "report, en")
        page.click("#pick-sv")
        assert page.evaluate("document.documentElement.lang") == "sv"
        found += audited(page, "report, sv")
        # by keyboard: the first Tab reaches the language switch, its focus is seen on its word, the arrows switch
        page.goto(report_page.as_uri(), wait_until="load")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "lang-en"
        assert page.evaluate("getComputedStyle(document.querySelector('#pick-en')).outlineStyle") == "solid"
        page.keyboard.press("ArrowRight")
        assert page.evaluate("[document.activeElement.id, document.documentElement.lang]") == ["lang-sv", "sv"]
        assert page.locator("#headline h2 .en").is_hidden() and page.locator("#headline h2 .sv").is_visible()
    finally:
        page.close()
    assert not found, report(found)
    assert messages == []


@pytest.mark.parametrize("command", [["diff", "helsingborg", "astorp"],
                                     ["compare", "helsingborg", "astorp", "landskrona"],
                                     ["diff", "a.yaml", "b.yaml"]])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_diff_and_compare_pages(browser: Any, tmp_path: Path, command: list[str], language: str) -> None:
    """The pages of diff and compare; two small models' diff (steps the matcher is unsure of) also after a person
    rejects a pair (its row struck through), confirms a candidate and saves the decisions."""
    from test_diff_browser import A, B

    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    written = tmp_path / "page.html"
    models = [str(tmp_path / m) if m.endswith(".yaml") else m for m in command[1:]]
    result = CliRunner().invoke(cli, [command[0], *models, "--output-language", language, "--format", "html",
                                      "-o", str(written)])
    assert result.exit_code == 0, result.output
    messages: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        watch(page, messages)
        page.goto(written.as_uri(), wait_until="load")
        assert page.evaluate("document.documentElement.lang") == language
        found = audited(page, f"{command[0]} page of {' and '.join(command[1:])}, {language}")
        if command[1] == "a.yaml":
            page.locator("button.reject").first.click()
            assert page.locator("#matches tr.rejected").count() == 1
            page.locator("button.confirm").first.click()
            with page.expect_download():
                page.click("#save-matches")
            found += audited(page, f"diff page with pairs decided, {language}")
    finally:
        page.close()
    assert not found, report(found)
    assert messages == []


def _wider_than_the_window(page: Any) -> int:
    """How many CSS pixels the page reaches past the window's width (0: it does not scroll sideways)."""
    return int(page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth"))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_pages_reflow_at_320_pixels(browser: Any, server: str, report_page: Path, tmp_path: Path,
                                        language: str) -> None:
    """WCAG 1.4.10 (reflow, which axe does not check): at 320 CSS pixels (1280 at 400 % zoom) no page scrolls
    sideways; a wide table scrolls in a box of its own."""
    messages: list[str] = []
    wide: dict[str, int] = {}
    with _what_if(browser, server, messages, viewport={"width": 320, "height": 800}) as page:
        page.click(f"[data-lang='{language}']")
        wide["what-if page"] = _wider_than_the_window(page)
        page.fill("#lever-replications", "2")
        page.click("#run")
        page.wait_for_selector("body[data-runs='1']", timeout=60_000)
        wide["what-if page with an answer"] = _wider_than_the_window(page)
    pages = {"report": report_page}
    for command in (["diff", "helsingborg", "astorp"], ["compare", "helsingborg", "astorp", "landskrona"]):
        pages[command[0]] = tmp_path / f"{command[0]}.html"
        result = CliRunner().invoke(cli, [*command, "--output-language", language, "--format", "html",
                                          "-o", str(pages[command[0]])])
        assert result.exit_code == 0, result.output
    for name, path in pages.items():
        page = browser.new_page(viewport={"width": 320, "height": 800})
        try:
            page.goto(path.as_uri(), wait_until="load")
            if name == "report" and language == "sv":
                page.click("#pick-sv")
            wide[name] = _wider_than_the_window(page)
        finally:
            page.close()
    assert wide == dict.fromkeys(wide, 0)
    assert messages == []
