"""The report's answer agrees with its highlighting, read in headless Chromium (Debian's /usr/bin/chromium) in
English and Swedish: a change whose own 95 % interval excludes zero but that Benjamini-Hochberg over every change
the report compares does not keep is not said as sure, and its table cell is plain.

The run is the bundled study's "one more case officer" for Landskrona alone (30 replications of 3 years, seed 2025,
as scenarios/one-more-officer.yaml runs it): the mean days from a complete application to the decision change by
about half a day, an interval clear of zero on its own that the correction over the 156 changes compared does not
keep, while the change from the application's arrival is highlighted. Nothing is made up: the test checks that
premise on the run's own summary.json before it reads the page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromium import CHROMIUM, opened
from click.testing import CliRunner

from cli import cli
from processes.numbers import number
from report.chance import highlights

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

SETTINGS = "base: landskrona\nreplications: 30\nseed: 2025\nhorizon: 3y\nwarmup: 8w\n"
LEGAL, ARRIVAL = "complete_to_decision_mean_days", "submission_to_decision_mean_days"


#: the answer's start ({compared}: the changes the report compares) and, the sure change being the one from the
#: arrival, its end, which says that change beside the legal clock's, by language
ANSWER = {
    "en": ("Landskrona: with one more case officer, a complete application is decided 0.5 days sooner than with the "
           "status quo (95% interval 0.1 to 0.9 days), but among the {compared} changes this report compares, this "
           "could be chance",
           "; counted from the application's arrival, it is decided 1 day sooner (95% interval 0.4 to 1.5 days)."),
    "sv": ("Landskrona: med en handläggare till avgörs en komplett ansökan 0,5 dagar tidigare än med nuläget "
           "(95\u00a0% intervall 0,1 till 0,9 dagar), men bland de {compared} ändringar som rapporten jämför kan "
           "det vara slump",
           "; räknat från att ansökan kom in avgörs den 1 dag tidigare (95\u00a0% intervall 0,4 till 1,5 dagar)."),
}


def _says(said: str, lang: str, compared: int) -> None:
    start, end = ANSWER[lang]
    assert said.startswith(start.format(compared=number(compared, lang)))
    assert said.endswith(end)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("answers")
    (folder / "status-quo.yaml").write_text("name: status-quo\n" + SETTINGS, encoding="utf-8")
    (folder / "more.yaml").write_text(
        "name: one-more-officer\nset:\n  landskrona.simulation.pools.officer.count: 2\nbaseline: status-quo\n"
        + SETTINGS, encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(cli, ["run", str(folder / "status-quo.yaml"), str(folder / "more.yaml"), "-o", str(out),
                                      "--workers", "1", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_an_answer_clear_of_zero_alone_but_not_highlighted_says_it_could_be_chance(run: Path) -> None:
    doc = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    chance = highlights(doc)
    diffs = doc["scenarios"][1]["points"][0]["comparison"]["differences"]
    legal, arrival = diffs[f"landskrona/{LEGAL}"], diffs[f"landskrona/{ARRIVAL}"]
    # the premise, from the run itself: clear of zero alone, not kept among all compared; the arrival's kept
    assert legal["significant"] and legal["ci"][1] < 0
    assert not chance.kept("one-more-officer", 0, f"landskrona/{LEGAL}")
    assert chance.kept("one-more-officer", 0, f"landskrona/{ARRIVAL}") and arrival["significant"]

    messages: list[str] = []
    with opened(run / "report.html", messages, viewport={"width": 1280, "height": 900}) as page:
        answer = page.locator("#h-one-more-officer li")
        assert answer.count() == 1
        _says(answer.inner_text(), "en", chance.compared)
        # the table agrees: the legal clock's change is plain, the arrival's highlighted
        table = page.locator("#s-one-more-officer table.figures:not(.all)")
        assert table.locator(f'tr[data-figure="{LEGAL}"] td.sig').count() == 0
        assert table.locator(f'tr[data-figure="{ARRIVAL}"] td.sig').count() == 2
        top = page.locator("header p.meta span.en").first.inner_text()
        assert (f"Of the {number(chance.compared, 'en')} changes this report compares, "
                f"{number(chance.highlighted, 'en')} are highlighted") in top

        page.locator("#pick-sv").click()
        assert page.evaluate("document.documentElement.lang") == "sv"
        _says(answer.inner_text(), "sv", chance.compared)
        assert "could be chance" not in page.locator("#headline").inner_text()  # the English hidden
    assert messages == []
