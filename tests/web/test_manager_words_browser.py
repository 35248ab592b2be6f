"""A manager's words on the what-if page in headless Chromium (Debian's), found by the manager's QA walk after
the numbers and the decision words changed (qaweb6): what each language's page says is that language's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")]
pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")
from test_web_browser import DRAWN, _serving, _the_page  # noqa: E402 - after the skips

from web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with _serving(create_app(workers=1)) as address:
        yield address


REFUSED = "error: Failed to load resource: the server responded with a status of 400 (Bad Request)"


def test_a_tab_in_an_uploaded_profile_is_told_how_to_mend_in_the_pages_language(server: str,
                                                                                  tmp_path: Path) -> None:
    """The Swedish page quoted the reader's advice in English ("replace the tab by spaces") inside its note
    of the parser's own words."""
    tabbed = tmp_path / "tabbed.yaml"
    tabbed.write_text(DRAWN.with_suffix(".yaml").read_text(encoding="utf-8").replace("\n  ", "\n\t", 1),
                      encoding="utf-8")
    messages: list[str] = []
    with _the_page(server, messages) as page:
        page.set_input_files("#up-model", str(DRAWN))
        page.set_input_files("#up-profile", str(tabbed))
        page.click("#up-send")
        message = page.locator("#message", has_text="tabbed.yaml")
        message.wait_for()
        said = message.inner_text()
        assert said.startswith("Profilen kunde inte läsas. Detaljer: tabbed.yaml, rad "), said
        assert (": ogiltig YAML: en tabb där YAML bara tar mellanslag (YAML drar in med mellanslag, inte "
                "tabbar: byt tabben mot mellanslag)") in said
        assert "PyYAML" not in said and "found character" not in said
        assert "replace" not in said and "spaces" not in said
        page.click("[data-lang='en']")
        said = message.inner_text()
        assert said.startswith("The profile could not be read. Details: tabbed.yaml, line "), said
        assert said.endswith("invalid YAML: a tab where YAML takes only spaces (YAML indents with spaces, "
                             "not tabs: replace the tab by spaces)")
        assert page.locator("[data-upload]").count() == 0  # nothing kept
    assert messages == [REFUSED]


def test_the_english_deadline_rule_names_the_eves_in_english(server: str) -> None:
    """The English page's rule under the chart said "midsommarafton, julafton or nyårsafton"."""
    messages: list[str] = []
    with _the_page(server, messages) as page:
        page.click("[data-lang='en']")
        page.uncheck("[data-place='helsingborg']")
        page.check("[data-place='astorp']")  # 3 applications a year: quick
        page.fill("#lever-replications", "2")
        page.fill("#lever-years", "0.25")
        page.click("#run")
        page.wait_for_selector("body[data-runs='1']", timeout=60_000)
        rule = page.locator(".deadline-rule").inner_text()
        assert ("public holiday, Midsummer Eve, Christmas Eve or New Year's Eve moves to the end of the "
                "next weekday") in rule, rule
        assert "afton" not in rule
        page.click("[data-lang='sv']")
        rule = page.locator(".deadline-rule").inner_text()
        assert "allmän helgdag, midsommarafton, julafton eller nyårsafton flyttas" in rule, rule
    assert messages == []


def test_a_picture_sent_as_a_case_log_is_refused_in_one_plain_line_in_the_pages_language(
        server: str, tmp_path: Path) -> None:
    """A file of no log suffix is read from a temporary file named ``log``; renaming it back in the refusal
    replaced the words "case log" too ("not a case pic.png permitflow reads"), and the Swedish page said it
    in English."""
    picture = tmp_path / "pic.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    messages: list[str] = []
    with _the_page(server, messages) as page:
        page.select_option("#log-library", "helsingborg")
        page.set_input_files("#log-file", str(picture))
        page.click("#log-send")
        message = page.locator("#message", has_text="pic.png")
        message.wait_for()
        assert message.inner_text() == (
            "Ärendeloggen kunde inte läsas. Detaljer: pic.png: text med NUL-byte (UTF-16 utan "
            "byte-ordningsmärke?), ingen ärendelogg som permitflow läser (förväntade text i CSV eller XES): "
            "spara den som CSV i Excel (Spara som: CSV UTF-8 (kommaavgränsad))")
        page.click("[data-lang='en']")
        assert message.inner_text() == (
            "The case log could not be read. Details: pic.png: text with NUL bytes (UTF-16 without its "
            "byte-order mark?), not a case log permitflow reads (expected CSV or XES text): in Excel, save "
            "it as CSV (Save As: CSV UTF-8; Spara som: CSV UTF-8 (kommaavgränsad))")
        assert page.locator("#log-said").inner_text() == ""  # nothing fitted
    assert messages == [REFUSED]


def test_a_broken_model_is_said_in_plain_words_and_a_latin1_model_uploads_and_runs(server: str,
                                                                                    tmp_path: Path) -> None:
    """Found by QA: a model whose tag is closed by another name was refused with lxml's words, named as such
    ("teknisk uppgift från XML-läsaren lxml: ”Opening and ending tag mismatch …”"), and a model saved as
    Latin-1 under its XML declaration was read by the upload's parse and refused by the page's second read of
    it ("not UTF-8 text")."""
    lines = DRAWN.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "</bpmn:process>")
    opened = next(i for i, line in enumerate(lines) if line.lstrip().startswith("<bpmn:process ")) + 1
    lines[at] = lines[at].replace("</bpmn:process>", "</bpmn:proces>")
    broken = tmp_path / "trasig.bpmn"
    broken.write_text("\n".join(lines), encoding="utf-8")
    messages: list[str] = []
    with _the_page(server, messages) as page:
        page.set_input_files("#up-model", str(broken))
        page.set_input_files("#up-profile", str(DRAWN.with_suffix(".yaml")))
        page.click("#up-send")
        message = page.locator("#message", has_text="trasig.bpmn")
        message.wait_for()
        assert message.inner_text() == (
            f"BPMN-modellen kunde inte läsas. Detaljer: trasig.bpmn, rad {at + 1}: inte välformad XML: "
            f"starttaggen <bpmn:process> på rad {opened} är fortfarande öppen vid </bpmn:proces> (förväntade "
            "</bpmn:process> först)")
        page.click("[data-lang='en']")
        assert message.inner_text() == (
            f"The BPMN model could not be read. Details: trasig.bpmn, line {at + 1}: not well-formed XML: "
            f"the start tag <bpmn:process> on line {opened} is still open at </bpmn:proces> (expected "
            "</bpmn:process> first)")
        page.click("[data-lang='sv']")
        # the server serves on: the same model saved as Latin-1 uploads, runs and names its steps as written
        page.fill("#up-name", "Ängby")
        page.set_input_files("#up-model", str(DRAWN.with_name("camunda_permit_latin1.bpmn")))
        page.click("#up-send")
        page.wait_for_selector("#places input[data-upload]:checked")
        assert page.locator("#message").is_hidden()
        page.uncheck("[data-place='helsingborg']")
        page.fill("#lever-replications", "2")
        page.click("#run")
        page.wait_for_selector("body[data-runs='1']", timeout=60_000)
        assert page.locator("#results h3").all_inner_texts() == ["Ängby"]
        steps = page.locator("#results table.waits td:first-child").all_inner_texts()
        assert "Granska ansökan" in steps and not any("Ã" in step for step in steps), steps
    assert messages == [REFUSED]
