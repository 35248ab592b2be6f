"""The report's language switch, and the what-if page's focus on a file field, in a browser without CSS
``:has()`` (Firefox before 121, Safari before 15.4, Chromium before 105: a municipality's locked-down or
older browser). Such a browser drops a rule whose selector it does not know, the whole selector list with
it: ``body:has(#lang-en:checked) .sv, …`` hid nothing, and the report read both languages, sentence after
sentence. Only Debian's Chromium is here, which has ``:has()``; the report is opened with every ``:has(``
of its stylesheet renamed to a pseudo-class no browser knows, which Chromium then drops as such a browser
does (and ``@supports not selector(…)`` holds as it would there); the what-if page's stylesheet is served
so renamed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, opened
from click.testing import CliRunner

from cli import cli

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")]
pytest.importorskip("playwright.sync_api")

#: how many elements of each language the page shows (an SVG group's own display too: checkVisibility()
#: says true of a <g> with display none)
SHOWN = """() => Object.fromEntries(["en", "sv"].map((lang) => [lang,
    [...document.querySelectorAll("." + lang)]
        .filter((e) => e.checkVisibility() && getComputedStyle(e).display !== "none").length]))"""


def _without_has(text: str) -> str:
    assert ":has(" in text  # what the tests take away
    return text.replace(":has(", ":no-such-pseudo-class(")


@pytest.fixture(scope="module")
def report_without_has(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nohas")
    (folder / "q.yaml").write_text("name: status-quo\nbase: astorp\nreplications: 2\nhorizon: 12w\n"
                                   "warmup: 1w\nseed: 3\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["run", str(folder / "q.yaml"), "-o", str(folder / "out"),
                                    "--workers", "1"])
    assert done.exit_code == 0, done.output
    path = folder / "report-without-has.html"
    path.write_text(_without_has((folder / "out" / "report.html").read_text(encoding="utf-8")),
                    encoding="utf-8")
    return path


def _pick(page: Any, lang: str) -> None:
    page.locator(f"#pick-{lang}").click()


def test_a_browser_without_has_shows_one_language_and_its_switch_works(report_without_has: Path) -> None:
    messages: list[str] = []
    with opened(report_without_has, messages, viewport={"width": 1280, "height": 900}) as page:
        shown = page.evaluate(SHOWN)
        assert shown["en"] > 20 and shown["sv"] == 0, shown  # English, as the switch starts
        _pick(page, "sv")
        shown = page.evaluate(SHOWN)
        assert shown["sv"] > 20 and shown["en"] == 0, shown
        assert page.evaluate("document.documentElement.lang") == "sv"
        assert page.locator("#headline h2").inner_text() == "Svaren"
        # the focus is on the Swedish radio button: back to English by keyboard
        page.keyboard.press("ArrowLeft")
        assert page.evaluate(SHOWN)["sv"] == 0 and page.locator("#headline h2").inner_text() == "The answers"
    assert messages == []


def test_without_has_and_without_a_script_the_report_reads_in_english_alone(report_without_has: Path) -> None:
    # a script the browser does not run (a mail client's preview, a policy): one language, not both
    messages: list[str] = []
    with opened(report_without_has, messages, java_script_enabled=False) as page:
        shown = page.evaluate(SHOWN)
        assert shown["en"] > 20 and shown["sv"] == 0, shown
    assert messages == []


def test_without_has_the_what_if_page_shows_the_focus_on_a_file_field() -> None:
    # the file input is hidden from the eye; its button beside it showed the focus only through :has()
    from liveserver import serving

    from web.app import create_app

    css = _without_has((Path(__file__).resolve().parents[1] / "web" / "static" / "app.css")
                       .read_text(encoding="utf-8"))
    ring = "getComputedStyle(document.querySelector(\"label.file-button[for='up-model']\")).outlineStyle"
    messages: list[str] = []
    with serving(create_app(workers=0)) as address, opened(None, messages) as page:
        page.route("**/static/app.css", lambda route: route.fulfill(body=css, content_type="text/css"))
        page.goto(address + "?lang=sv", wait_until="load")
        page.wait_for_selector("body[data-ready='1']")
        assert page.evaluate(ring) == "none"
        for _ in range(100):  # by keyboard, as a keyboard user reaches it
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "up-model":
                break
        assert page.evaluate("document.activeElement.id") == "up-model"
        assert page.evaluate(ring) == "solid"
    assert messages == []
