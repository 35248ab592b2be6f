"""The what-if page's main tasks by keyboard alone (Tab, Shift+Tab, Enter, Space, the arrow keys), in headless
Chromium against a real server: every control is reached, its focus is seen, Tab and Shift+Tab go round the page
without a trap, and the status line (role="status", which a screen reader reads out) says when an answer has come.
WCAG 2.1: 2.1.1 keyboard, 2.1.2 no keyboard trap, 2.4.3 focus order, 2.4.7 focus visible, 4.1.3 status messages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM

from bpmn_io.library import library_paths

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")
from test_web_browser import _serving, _the_page  # noqa: E402 - after the skips

from web.app import create_app  # noqa: E402

#: the element in focus, named so that a walk can be compared: its id, else its tag and place among its kind;
#: and how it looks in focus (outline and shadow; a file field's on its visible button, the field being hidden)
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const kind = e.tagName.toLowerCase();
  const name = e.id ? `#${e.id}` : `${kind}:${[...document.querySelectorAll(kind)].indexOf(e)}`;
  const shown = e.classList.contains("file-input") ? e.closest(".file-field").querySelector(".file-button") : e;
  const s = getComputedStyle(shown);
  return [name, `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`];
}"""
#: every control a keyboard should reach now: enabled, not taken out of the tab order, shown (a file field is
#: hidden from the eye only, its button shown), one radio button of a group
_CONTROLS = """() => [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
  .filter((e) => !e.disabled && e.tabIndex >= 0
    && (e.classList.contains("file-input") ? e.closest(".file-field").checkVisibility()
        : e.checkVisibility() && e.getClientRects().length > 0))
  .map((e) => { const kind = e.tagName.toLowerCase();
                return e.id ? `#${e.id}` : `${kind}:${[...document.querySelectorAll(kind)].indexOf(e)}`; })"""


def _walk(page: Any, key: str = "Tab") -> list[tuple[str, str]]:
    """Focus moved by ``key`` round the page, back to where it started: each stop's name and look in focus, from
    the page's first control in the order of the page. Fails if it does not come round (a trap) in 400 presses."""
    stops: list[tuple[str, str]] = []
    for _ in range(400):
        page.keyboard.press(key)
        focused = page.evaluate(_FOCUSED)
        if focused is None:  # past the last control (the browser's own bar), then round again
            continue
        if stops and focused[0] == stops[0][0]:
            first = page.evaluate(_CONTROLS)[0]
            at = [name for name, _ in stops].index(first)
            return stops[at:] + stops[:at] if key == "Tab" else stops[at + 1:] + stops[:at + 1]
        stops.append((focused[0], focused[1]))
    raise AssertionError(f"focus did not come round in 400 presses of {key}: a keyboard trap near {stops[-5:]}")


def _unfocused_look(page: Any, names: list[str]) -> dict[str, str]:
    """How each of ``names`` looks without focus (the comparison that says the focus is seen)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    return dict(page.evaluate("""(names) => names.map((name) => {
      const e = name.startsWith("#") ? document.querySelector(name)
        : document.querySelectorAll(name.split(":")[0])[Number(name.split(":")[1])];
      const shown = e.classList.contains("file-input") ? e.closest(".file-field").querySelector(".file-button") : e;
      const s = getComputedStyle(shown);
      return [name, `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`];
    })""", names))


def _assert_every_control_is_reached_and_seen(page: Any) -> list[str]:
    """Tab round the page, then Shift+Tab: every control is reached, in the same order both ways, and each looks
    different in focus than without. The order of the stops."""
    forward = _walk(page)
    names = [name for name, _ in forward]
    assert sorted(names) == sorted(page.evaluate(_CONTROLS)), "reached by Tab and the page's controls differ"
    unseen = [(name, look) for (name, look), plain in zip(forward, _unfocused_look(page, names).values(), strict=True)
              if look == plain]
    assert not unseen, f"focus not seen on: {unseen}"
    backward = [name for name, _ in _walk(page, "Shift+Tab")]
    assert backward[::-1] == names
    return names


def _tab_to(page: Any, name: str) -> None:
    """Tab (forward only) until the control ``name`` (as _FOCUSED names it) has the focus."""
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is not None and focused[0] == name:
            return
    raise AssertionError(f"Tab never reached {name}")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_the_main_tasks_by_keyboard_alone(tmp_path: Path) -> None:
    messages: list[str] = []

    def narrow(route: Any) -> None:  # two candidates, not the page's full grid (minutes)
        body = json.loads(route.request.post_data or "{}")
        body["goal"].update(officers=[1, 2], fte=[1.0], levels=["officer"])
        route.continue_(post_data=json.dumps(body))

    with _serving(create_app(workers=1)) as address, _the_page(address, messages, downloads=True) as page:
        page.route("**/api/goal", narrow)
        status = page.locator("#status")
        assert status.get_attribute("role") == "status"
        at_first = _assert_every_control_is_reached_and_seen(page)
        assert at_first[:2] == ["button:0", "button:1"]  # the language switch first, then the form in its order
        assert at_first.index("#place-helsingborg") < at_first.index("#lever-officers") < at_first.index("#run")

        # upload a model: the name typed, each file field opened by Space, Enter on Ladda upp (first: after the
        # downloads below, Chromium now and then opened no file chooser for the key, in 10 of 22 runs on the loaded
        # machine, a second press did; before them none missed in 6 runs)
        model, profile = library_paths("astorp")
        # Playwright turns the browser's file-chooser interception on and off with each expect_file_chooser without
        # waiting for the browser's reply, so a key pressed at once could open no chooser it saw (the CI replica
        # timed out here once, as test_web_browser's file-field test did before): one listener for the whole walk
        # keeps it on, and the round trip after it makes sure the browser has it
        page.on("filechooser", lambda chooser: None)
        page.evaluate("1")
        page.evaluate("document.activeElement && document.activeElement.blur()")
        _tab_to(page, "#up-name")
        page.keyboard.type("Egen")
        for field, path in (("#up-model", model), ("#up-profile", profile)):
            _tab_to(page, field)
            with page.expect_file_chooser() as chooser:
                page.keyboard.press("Space")
            chooser.value.set_files(str(path))
            # the page shows the file chosen: that chooser is closed before the next one is opened (Chromium opened
            # none while one was still closing, now and then, on the loaded machine)
            page.locator(f"{field}-chosen", has_text=path.name).wait_for()
        _tab_to(page, "#up-send")
        page.keyboard.press("Enter")
        page.wait_for_selector("#places input[data-upload]:checked")
        assert status.inner_text() == "Uppladdad och vald bland kommunerna: Egen."
        _tab_to(page, "#upload-" + page.locator("#places input[data-upload]").get_attribute("data-upload"))
        page.keyboard.press("Space")  # not run below
        assert not page.locator("#places input[data-upload]").is_checked()

        # choose: Bjuv instead of Helsingborg (Space), more officers and few replications (typed), a meeting
        # cadence (the arrow key in the list)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        _tab_to(page, "#place-bjuv")
        page.keyboard.press("Space")
        _tab_to(page, "#place-helsingborg")
        page.keyboard.press("Space")
        assert page.locator("#place-bjuv").is_checked() and not page.locator("#place-helsingborg").is_checked()
        _tab_to(page, "#lever-officers")
        page.keyboard.type("3")
        _tab_to(page, "#lever-cadence")
        chosen = page.locator("#lever-cadence").input_value()
        page.keyboard.press("ArrowDown")
        assert page.locator("#lever-cadence").input_value() != chosen
        _tab_to(page, "#lever-replications")
        page.keyboard.type("2")

        # run (Enter on Räkna), and the screen reader is told when the answer has come
        _tab_to(page, "#run")
        page.keyboard.press("Enter")
        page.wait_for_selector("body[data-runs='1']", timeout=60_000)
        assert status.inner_text() == "Svaret är klart: det står under rubriken Svar."
        assert page.locator("#results h2").inner_text() == "Svar"
        assert page.locator("#results .sentence").inner_text().startswith("Bjuv: ")

        # read the answer: every new control (the diagram, its zoom, the downloads) is reached and seen
        after = _assert_every_control_is_reached_and_seen(page)
        assert {"#report", "#figures-csv", "#figures-json"} <= set(after) and "#report" not in at_first
        page.evaluate("document.activeElement && document.activeElement.blur()")
        diagram = page.locator("#results .diagram").first
        _tab_to(page, "div:" + str(page.evaluate(
            "[...document.querySelectorAll('div')].indexOf(document.querySelector('#results .diagram'))")))
        before = diagram.locator("svg").get_attribute("viewBox")
        page.keyboard.press("+")
        assert diagram.locator("svg").get_attribute("viewBox") != before

        # download the report and the figures (Enter on each)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        _tab_to(page, "#report")
        with page.expect_download(timeout=60_000) as report:
            page.keyboard.press("Enter")
        assert report.value.suggested_filename == "report.html"
        _tab_to(page, "#figures-csv")
        with page.expect_download(timeout=60_000) as figures:
            page.keyboard.press("Space")
        assert figures.value.suggested_filename == "resultat.csv"

        # the goal seek: the share typed, Enter in the field seeks; the status line says so again
        _tab_to(page, "#goal-percent")
        page.keyboard.press("Control+A")
        page.keyboard.type("90")
        page.keyboard.press("Enter")
        page.wait_for_selector("body[data-goals='1']", timeout=120_000)
        assert status.inner_text() == "Målsökningens svar är klart: det står under rubriken Målsökning."
        assert page.locator("#goal-result table.goal tbody tr").count() == 2
        _assert_every_control_is_reached_and_seen(page)

        # the language by keyboard: the status line in English too
        page.evaluate("document.activeElement && document.activeElement.blur()")
        _tab_to(page, "button:1")
        page.keyboard.press("Enter")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert status.inner_text() == "The goal seek's answer is ready: it is under the heading Goal seek."
        _assert_every_control_is_reached_and_seen(page)
    assert messages == []


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_a_refused_field_is_marked_for_a_screen_reader_and_its_focus_is_seen() -> None:
    messages: list[str] = []
    with _serving(create_app(workers=1)) as address, _the_page(address, messages) as page:
        page.evaluate("document.activeElement && document.activeElement.blur()")
        _tab_to(page, "#lever-officers")
        page.keyboard.type("2,5")
        page.keyboard.press("Enter")  # submits the form: a what-if
        page.locator("#message").wait_for(state="visible")
        field = page.locator("#lever-officers")
        assert field.get_attribute("aria-invalid") == "" and "bad" in (field.get_attribute("class") or "")
        assert page.locator("#message").get_attribute("role") == "alert"
        focused = page.evaluate(_FOCUSED)
        assert focused[0] == "#lever-officers"
        assert focused[1] != _unfocused_look(page, ["#lever-officers"])["#lever-officers"]
        _tab_to(page, "#lever-officers")  # again: the look without focus was taken by taking it away
        page.keyboard.press("Control+A")
        page.keyboard.type("3")
        page.keyboard.press("Enter")
        page.locator("#message").wait_for(state="hidden")
        assert field.get_attribute("aria-invalid") is None
    assert messages == []
