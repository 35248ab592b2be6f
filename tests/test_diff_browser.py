"""The diff page in headless Chromium (Debian's /usr/bin/chromium): a person rejects a matched
pair, confirms a candidate of an uncertain step and saves the match-decisions file, which
the next run reads with --matches.

Keeps a screenshot as a test artifact: tests/artifacts/diff.png (gitignored).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, launch, opened, watch
from click.testing import CliRunner

from cli import cli
from processes.diff import parse_decisions

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
#: the English page (these Swedish models' page is Swedish by default, --output-language auto)
EN = ("--output-language", "en")

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

A = """process: {id: P_A, name: A}
lanes: {L: Handläggare}
steps:
  - {id: a_start, event: start, name: Ansökan inkommen, lane: L}
  - {id: a_reg, task: user, name: Registrera ansökan, lane: L}
  - {id: a_faktura, task: send, name: Faktura skickas till sökanden, lane: L}
  - {id: a_beslut, task: user, name: Beslut, lane: L}
  - {id: a_slut, event: end, name: Klart, lane: L}
"""
B = """process: {id: P_B, name: B}
lanes: {L: Handläggare}
steps:
  - {id: b_start, event: start, name: Ny ansökan, lane: L}
  - {id: b_reg, task: user, name: Diarieföring, lane: L}
  - {id: b_paminn, task: send, name: Påminnelse om avgift, lane: L}
  - {id: b_beslut, task: user, name: Beslut om tillstånd, lane: L}
  - {id: b_slut, event: end, name: Ärendet avslutat, lane: L}
"""


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_a_person_rejects_and_confirms_pairs_and_saves_the_matches_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    page_file = tmp_path / "diff.html"
    result = CliRunner().invoke(
        cli, ["diff", *EN, str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "html",
              "-o", str(page_file)]
    )
    assert result.exit_code == 0, result.output
    messages: list[str] = []
    with opened(page_file, messages, viewport={"width": 1280, "height": 900}, accept_downloads=True) as page:
        # the unlike fee steps at the same place are uncertain, not "only in" either model
        uncertain = page.locator("#uncertain > li")
        assert uncertain.count() == 2
        assert "Faktura skickas till sökanden" in uncertain.first.inner_text()
        tiers = page.locator("p.tiers")
        before = tiers.inner_text()
        assert before.startswith("4 matched, 2 uncertain")
        # reject the registration pair, confirm the first candidate of the first uncertain step
        row = page.locator("#matches tr").filter(has_text="Diarieföring")
        row.locator("button.reject").click()
        assert "rejected" in (row.get_attribute("class") or "")
        uncertain.first.locator("button.confirm").first.click()
        # the other step of that pair shows it confirmed as well, and undo there undoes both
        assert uncertain.nth(1).locator("button.confirm").first.inner_text() == "undo"
        uncertain.nth(1).locator("button.confirm").first.click()
        assert uncertain.first.locator("button.confirm").first.inner_text() == "confirm"
        assert "a_faktura" not in page.locator("#matches-yaml").input_value()
        uncertain.nth(1).locator("button.confirm").first.click()
        assert uncertain.first.locator("button.confirm").first.inner_text() == "undo"
        # the counts follow the decisions (they stayed "4 matched, 2 uncertain"): one pair rejected,
        # one confirmed from both its steps
        assert tiers.inner_text().startswith("4 matched, 0 uncertain")
        assert "With the decisions on this page (1 confirmed, 1 rejected" in tiers.inner_text()
        assert page.locator("h2", has_text="Matched steps").inner_text() == "Matched steps (4)"
        assert page.locator("h2", has_text="Uncertain").inner_text() == "Uncertain (0)"
        row.locator("button.reject").click()  # undo the rejection: 5 matched
        assert tiers.inner_text().startswith("5 matched, 0 uncertain")
        row.locator("button.reject").click()
        with page.expect_download() as download:
            page.locator("#save-matches").click()
        saved = Path(download.value.path()).read_bytes()
        shown = page.locator("#matches-yaml").input_value()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "diff.png"), full_page=True)
    assert messages == []
    assert saved.decode("utf-8") == shown
    # the labels stand beside the ids, as `diff --save-matches` writes them
    text = saved.decode("utf-8")
    assert '"Registrera ansökan" = "Diarieföring" (auto, confidence' in text
    assert text.count('"Faktura skickas till sökanden" = "Påminnelse om avgift" (confirmed on the page)') == 1
    decisions = parse_decisions(saved, source="matches.yaml")
    assert [(d.a, d.b) for d in decisions.reject] == [(("a_reg",), ("b_reg",))]
    assert (("a_faktura",), ("b_paminn",)) in [(d.a, d.b) for d in decisions.confirm]
    assert all(d.models == ("a", "b") for d in decisions.confirm + decisions.reject)
    # the saved file is honoured by the next run: the confirmed pair is matched, the rejected not
    (tmp_path / "m.yaml").write_bytes(saved)
    again = CliRunner().invoke(
        cli,
        ["diff", *EN, str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "json",
         "--matches", str(tmp_path / "m.yaml")],
    )
    assert again.exit_code == 0, again.output
    data = json.loads(again.output)
    pairs = [(m["a"], m["b"], m["how"]) for m in data["matches"]]
    assert (["a_faktura"], ["b_paminn"], "confirmed") in pairs
    assert not any(m["a"] == ["a_reg"] and m["b"] == ["b_reg"] for m in data["matches"])
    # round two: the page of that run saves the file again; the rejection is kept, not lost
    second = tmp_path / "diff2.html"
    result = CliRunner().invoke(
        cli,
        ["diff", *EN, str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "html",
         "-o", str(second),
         "--matches", str(tmp_path / "m.yaml")],
    )
    assert result.exit_code == 0, result.output
    with _diff_page(second, messages) as page:
        resaved = parse_decisions(_saved(page), source="matches.yaml")
    assert messages == []
    assert [(d.a, d.b) for d in resaved.reject] == [(("a_reg",), ("b_reg",))]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_the_swedish_models_page_is_swedish_and_its_buttons_reject_confirm_and_save(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    page_file = tmp_path / "diff.html"
    result = CliRunner().invoke(  # no option: Swedish models, a Swedish page (--output-language auto)
        cli, ["diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "html",
              "-o", str(page_file)])
    assert result.exit_code == 0, result.output
    messages: list[str] = []
    with opened(page_file, messages, viewport={"width": 1280, "height": 900}, accept_downloads=True) as page:
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.title() == "a jämförd med b"
        tiers = page.locator("p.tiers")
        assert tiers.inner_text().startswith("4 matchade, 2 osäkra (räknas inte som skillnader")
        assert page.locator("h2", has_text="Matchade steg").inner_text() == "Matchade steg (4)"
        uncertain = page.locator("#uncertain > li")
        first = uncertain.first.inner_text()
        assert first.startswith('"Faktura skickas till sökanden" i modellen a kan vara:')
        assert "säkerhet 0," in uncertain.first.inner_text()  # a confidence with a decimal comma
        row = page.locator("#matches tr").filter(has_text="Diarieföring")
        assert row.locator("button.reject").inner_text() == "avvisa"
        row.locator("button.reject").click()
        assert row.locator("button.reject").inner_text() == "ångra"
        assert "rejected" in (row.get_attribute("class") or "")
        assert uncertain.first.locator("button.confirm").first.inner_text() == "bekräfta"
        uncertain.first.locator("button.confirm").first.click()
        assert uncertain.nth(1).locator("button.confirm").first.inner_text() == "ångra"
        assert tiers.inner_text().startswith("4 matchade, 0 osäkra")
        assert "Med besluten på den här sidan (bekräftade par: 1, avvisade par: 1;" in tiers.inner_text()
        assert page.locator("#save-matches").inner_text() == "spara filen med matchningar"
        with page.expect_download() as download:
            page.locator("#save-matches").click()
        saved = Path(download.value.path()).read_bytes()
        saved_note = page.locator("#saved-note").inner_text()
        assert saved_note == "sparad som matches.yaml (visas också nedan att kopiera)"
        assert page.locator("#matches-yaml").input_value() == saved.decode("utf-8")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "diff-sv.png"), full_page=True)
    assert messages == []
    # the file is the program's, as the English page saves it: it reads back with the same pairs decided
    decisions = parse_decisions(saved, source="matches.yaml")
    assert [(d.a, d.b) for d in decisions.reject] == [(("a_reg",), ("b_reg",))]
    assert (("a_faktura",), ("b_paminn",)) in [(d.a, d.b) for d in decisions.confirm]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_ten_models_side_by_side_keep_the_compare_page_as_wide_as_the_window(tmp_path: Path) -> None:
    # ten models' matrices and facts are wider than 800 px: they scroll in their own box, which the
    # keyboard reaches, and the page itself (the diagrams, the variation points) does not
    files = []
    for k in range(10):
        path = tmp_path / f"socialnamnden-kommun-{k}.yaml"
        path.write_text((A if k % 2 else B).replace("P_A", f"P_A{k}").replace("P_B", f"P_B{k}"), encoding="utf-8")
        files.append(str(path))
    page_file = tmp_path / "compare.html"
    result = CliRunner().invoke(cli, ["compare", *EN, *files, "--format", "html", "-o", str(page_file)])
    assert result.exit_code == 0, result.output
    messages: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 800, "height": 900})
        watch(page, messages)
        page.goto(page_file.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 800
        page.keyboard.press("Tab")
        # named by its heading (aria-labelledby), so in the page's language where it has two
        focused = page.evaluate("[document.activeElement.className, document.getElementById("
                                "document.activeElement.getAttribute('aria-labelledby')).textContent]")
        assert focused == ["wide", "the same steps (1 = all steps alike by name)"]
        assert page.evaluate("document.activeElement.scrollWidth > document.activeElement.clientWidth")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("document.activeElement.scrollLeft > 0")
        browser.close()
    assert messages == []


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_the_compare_page_shows_its_note_in_the_pages_language(tmp_path: Path) -> None:
    """Found by QA (qanotes): the comparison's page said its notes in English on a Swedish page."""
    german = Path(__file__).resolve().parent / "fixtures" / "diff" / "bewerbung.yaml"
    page_file = tmp_path / "compare.html"
    result = CliRunner().invoke(cli, ["compare", str(german), "astorp", "landskrona", "--output-language",
                                      "sv", "--format", "html", "-o", str(page_file)])
    assert result.exit_code == 0, result.output
    messages: list[str] = []
    with opened(page_file, messages) as page:
        note = page.locator("p.note")
        assert note.count() == 1 and note.is_visible()
        assert note.inner_text().startswith("anm.: Namnen i modellen bewerbung ser inte ut att vara på "
                                            "svenska eller engelska")
        assert page.evaluate("document.documentElement.lang") == "sv"
    assert messages == []


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_choosing_another_candidate_drops_the_pair_chosen_before_on_both_its_steps(tmp_path: Path) -> None:
    # a step confirmed with one candidate, then with another: the first pair stayed confirmed on its other
    # step's entry, and the saved file paired the step with both
    p16 = Path(__file__).resolve().parent.parent / "bench" / "matching" / "sv" / "p16"
    page_file = tmp_path / "diff.html"
    result = CliRunner().invoke(
        cli, ["diff", *EN, str(p16 / "a.yaml"), str(p16 / "b.yaml"), "--format", "html", "-o", str(page_file)]
    )
    assert result.exit_code == 0, result.output
    messages: list[str] = []
    with opened(page_file, messages, viewport={"width": 1280, "height": 900}) as page:

        def entry(step: str) -> object:
            return page.locator("#uncertain > li").filter(has_text=f'"{step}" in')

        def buttons(step: str) -> list[str]:
            return entry(step).locator("button.confirm").all_inner_texts()

        # "Ärenderegistrering" (a) may be "Registratorn lägger upp ärendet" or "Handläggaren kontrollerar …"
        first, second = "Registratorn lägger upp ärendet", "Handläggaren kontrollerar att avgiften har betalats"
        chooser = entry("Ärenderegistrering")
        chooser.locator("li[data-candidate]").filter(has_text=first).locator("button.confirm").click()
        assert "undo" in buttons(first)  # the pair shown on its other step too
        chooser.locator("li[data-candidate]").filter(has_text=second).locator("button.confirm").click()
        assert "undo" not in buttons(first), "the pair chosen before still shows confirmed on its other step"
        assert "undo" in buttons(second)
        saved = page.locator("#matches-yaml").input_value()
    assert messages == []
    # the file confirms the matches kept and the pair chosen last, not the one before
    confirmed = [(d.a, d.b) for d in parse_decisions(saved.encode(), source="m.yaml").confirm]
    assert [pair for pair in confirmed if "BO2" in pair[0]] == [(("BO2",), ("DOc",))]
    assert not [pair for pair in confirmed if "DOb" in pair[1]]


@contextmanager
def _diff_page(page_file: Path, messages: list[str]) -> Iterator[Any]:
    """The diff page ``page_file`` loaded in headless Chromium, downloads allowed; console messages to
    ``messages``."""
    with opened(page_file, messages, accept_downloads=True) as page:
        yield page


def _saved(page: Any) -> bytes:
    """What the page's "save matches file" button downloads."""
    with page.expect_download() as download:
        page.locator("#save-matches").click()
    return Path(download.value.path()).read_bytes()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_the_page_saves_the_pairs_as_diff_save_matches_writes_them(tmp_path: Path) -> None:
    # QA: the page wrote models: ["a","b"] and a: ["X","Y"] where --save-matches writes ["a", "b"], and named an
    # unnamed step by its bare id ("a_slut") where the diff says "unnamed end event a_slut": two files of one
    # diff did not compare line by line
    (tmp_path / "a.yaml").write_text(A.replace("name: Klart, ", ""), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B.replace("name: Ärendet avslutat, ", ""), encoding="utf-8")
    page_file, saved_file = tmp_path / "diff.html", tmp_path / "saved.yaml"
    result = CliRunner().invoke(
        cli, ["diff", *EN, str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "html",
              "-o", str(page_file),
              "--save-matches", str(saved_file)]
    )
    assert result.exit_code == 0, result.output
    messages: list[str] = []
    with _diff_page(page_file, messages) as page:
        from_page = _saved(page).decode("utf-8")
    assert messages == []

    def pairs(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.startswith("  - ")]

    from_cli = saved_file.read_text(encoding="utf-8")
    assert pairs(from_page) == pairs(from_cli)
    assert any('= "unnamed end event b_slut" (' in line for line in pairs(from_page))
    assert any('models: ["a", "b"]' in line for line in pairs(from_page))


B_DECIDES = (Path(__file__).resolve().parent / "fixtures" / "diff" / "decides.yaml").read_text(encoding="utf-8")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_a_candidate_matched_elsewhere_confirmed_joins_that_pair_or_pairs_one_to_one_once_it_is_rejected(
        tmp_path: Path) -> None:
    # QA: "Beslut fattat" may be "Nämnden beslutar" (already matched to another step); confirming it counted a
    # new pair (9 matched), the saved file confirmed two pairs sharing "Nämnden beslutar", and the next run used
    # only the first, with a note asking for one step drawn as two: b: [X, Y]. The page now writes that
    from bpmn_io.library import library_paths

    (tmp_path / "b.yaml").write_text(B_DECIDES, encoding="utf-8")
    helsingborg = str(library_paths("helsingborg")[0])
    page_file = tmp_path / "diff.html"
    result = CliRunner().invoke(cli, ["diff", *EN, helsingborg, str(tmp_path / "b.yaml"), "--format", "html",
                                      "-o", str(page_file)])
    assert result.exit_code == 0, result.output
    messages: list[str] = []
    with _diff_page(page_file, messages) as page:
        tiers = page.locator("p.tiers")
        matched = tiers.inner_text().split(" matched")[0]
        row = page.locator("#matches tr").filter(has_text="Nämnden beslutar")
        entry = page.locator("#uncertain > li").filter(has_text='"Beslut fattat" in')
        entry.locator("li[data-candidate]").filter(has_text="Nämnden beslutar").locator("button.confirm").click()
        assert tiers.inner_text().startswith(f"{matched} matched")  # joined to a pair: no new pair
        assert "(1 confirmed, 0 rejected" in tiers.inner_text()
        assert row.locator(".joined").inner_text() == " + Beslut fattat (confirmed)"
        joined = _saved(page)
        row.locator("button.reject").click()  # not one step drawn as two: one to one
        assert row.locator(".joined").count() == 0
        assert tiers.inner_text().startswith(f"{matched} matched")  # one pair for another
        alone = _saved(page)
    assert messages == []
    assert ('  - {a: ["Task_Beslut", "Event_Beslut_Fattat"], b: "t2", models: ["helsingborg", "b"]}  # '
            '"Besluta om serveringstillstånd + Beslut fattat" = "Nämnden beslutar" (auto, confidence 0.90; '
            '"Beslut fattat" joined on the page)') in joined.decode("utf-8").splitlines()
    decisions = parse_decisions(alone, source="matches.yaml")
    assert (("Event_Beslut_Fattat",), ("t2",)) in [(d.a, d.b) for d in decisions.confirm]
    assert [(d.a, d.b) for d in decisions.reject] == [(("Task_Beslut",), ("t2",))]
    for saved, pair in ((joined, ["Task_Beslut", "Event_Beslut_Fattat"]), (alone, ["Event_Beslut_Fattat"])):
        (tmp_path / "m.yaml").write_bytes(saved)
        again = CliRunner().invoke(cli, ["diff", *EN, helsingborg, str(tmp_path / "b.yaml"),
                                         "--format", "json",
                                         "--matches", str(tmp_path / "m.yaml")])
        assert again.exit_code == 0, again.output
        data = json.loads(again.output)
        assert not any("shares a step" in n for n in data["notes"])
        assert (pair, ["t2"], "confirmed") in [(m["a"], m["b"], m["how"]) for m in data["matches"]]
