"""A scenario that fails at run time, as a batch user and a manager meet it: the command line ends with
how many scenarios failed, after "wrote"; the report says why in plain words in the page's language,
the technical message folded beneath for the process developer; the other scenarios' figures are those
of a run without the failing one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromium import CHROMIUM, opened
from click.testing import CliRunner
from shared import INTEROP

from cli import cli

# a parallel join waits for the path of a non-interrupting timer that never fires before its task ends
MODEL = (Path(__file__).parent / "fixtures" / "sim" / "stuck_join.yaml").read_text(encoding="utf-8")
SETTINGS = "cases: 5\nreplications: 2\nseed: 4\n"
EN = ("This scenario could not be computed because some cases could never finish: the model waits at ‘Båda klara’ "
      "for a step that does not happen in every case. Ask the person who drew the model to correct it.")
SV = ("Scenariot kunde inte beräknas eftersom vissa ärenden aldrig kunde avslutas: modellen väntar vid ”Båda klara” "
      "på ett steg som inte sker i varje ärende. Be den som ritade modellen att rätta den.")
# in the page's HTML the Swedish model's step name inside the English sentence says its language (NameMarks)
EN_HTML = EN.replace("‘Båda klara’", '‘<span lang="sv">Båda klara</span>’')


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    done = CliRunner().invoke(cli, ["convert", str(tmp_path / "model.yaml"), str(tmp_path / "profile.yaml"),
                                    "--to", "profile"])
    assert done.exit_code == 0, done.output
    (tmp_path / "bad.yaml").write_text("name: bad\nbase: {bpmn: model.yaml, profile: profile.yaml}\n" + SETTINGS,
                                       encoding="utf-8")
    (tmp_path / "ok.yaml").write_text("name: ok\nbase: helsingborg\n" + SETTINGS, encoding="utf-8")
    return tmp_path


def run(files: Path, out: str, *scenarios: str):
    return CliRunner().invoke(cli, ["run", *(str(files / s) for s in scenarios), "-o", str(files / out),
                                    "--workers", "1", "--no-cache"])


def test_the_command_line_ends_with_how_many_failed_after_wrote(files: Path) -> None:
    result = run(files, "out", "ok.yaml", "bad.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"wrote {files / 'out'}/ (summary.csv, summary.json, cases.csv, report.html)"
    errors = [line for line in result.stderr.splitlines() if line.startswith("permitflow: error:")]
    assert errors[0].startswith("permitflow: error: scenario bad failed: element 'J': 5 case(s) cannot finish")
    assert errors[-1] == result.stderr.splitlines()[-1] == (
        f"permitflow: error: 1 of 2 scenarios failed: bad (the error above; the others’ results are in {files / 'out'}/)")
    alone = run(files, "alone", "bad.yaml")
    assert alone.stderr.splitlines()[-1] == "permitflow: error: 1 of 1 scenario failed: bad (the error above)"


def test_the_report_says_why_in_words_and_keeps_the_message_folded(files: Path) -> None:
    assert run(files, "out", "ok.yaml", "bad.yaml").exit_code == 1
    html = (files / "out" / "report.html").read_text(encoding="utf-8")
    section = html[html.index('id="failures"'):html.index('id="scenarios"')]
    assert f'<span class="en" lang="en">{EN_HTML}</span><span class="sv" lang="sv">{SV}</span>' in section
    summary = ('<summary><span class="en" lang="en">Technical detail (for the process developer)</span>'
               '<span class="sv" lang="sv">Teknisk detalj (för processutvecklaren)</span></summary>')
    assert f"<details class=\"technical\">{summary}<code>element &#39;J&#39;: 5 case(s) cannot finish" in section
    # the scenario's own section says it the same way (it read "Failed: element 'J': ... tokens ...")
    scenario = html[html.index('id="s-bad"'):]
    assert f'<span class="en" lang="en">{EN_HTML}</span>' in scenario and "Failed: " not in html
    # and its figures tables are not drawn empty under the words (they read "Alla mått (0)")
    bad = scenario[:scenario.index("</article>")]
    assert '<table class="figures' not in bad and "(0)</summary>" not in bad
    ok = html[html.index('id="s-ok"'):]
    assert '<table class="figures' in ok[:ok.index("</article>")]
    doc = json.loads((files / "out" / "summary.json").read_text(encoding="utf-8"))
    # the data unchanged: the engine's message, the model's deadlock in one line (simulator.engine.stuck_error)
    assert "parallel join Båda klara (J) waits for a token by 'Flow_R_J'" in doc["failures"][0]["message"]


def test_the_other_scenarios_figures_are_unaffected(files: Path) -> None:
    assert run(files, "both", "ok.yaml", "bad.yaml").exit_code == 1
    assert run(files, "ok", "ok.yaml").exit_code == 0
    both, ok = (json.loads((files / out / "summary.json").read_text(encoding="utf-8")) for out in ("both", "ok"))
    assert both["scenarios"][0]["name"] == "ok"
    assert both["scenarios"][0]["points"] == ok["scenarios"][0]["points"]



def test_a_sweep_with_one_failing_point_says_the_others_results_are_kept(files: Path) -> None:
    """Found by QA (qabatch): a sweep of two points, one stuck, ended "1 of 1 scenario failed: sw (the error
    above)", as if nothing had been computed, while the other point's figures were in the folder. The
    reminder of the non-interrupting timer fires (two weeks) while a 200-hour review still runs, not while a
    1-hour one does."""
    (files / "sw.yaml").write_text("name: sw\nbase: {bpmn: model.yaml, profile: profile.yaml}\n"
                                   "sweep:\n  elements.T.duration: [200h, 1h]\n" + SETTINGS, encoding="utf-8")
    result = run(files, "out", "sw.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "permitflow: error: 1 of 1 scenario failed: sw at 1 of its 2 sweep points "
        f"(the error above; the other points’ results are in {files / 'out'}/)")
    doc = json.loads((files / "out" / "summary.json").read_text(encoding="utf-8"))
    finished, stuck = doc["scenarios"][0]["points"]
    assert finished["figures"] and not finished["failures"] and stuck["failures"] and not stuck["figures"]
    # the report says which value tried failed, in its list of failures and under the scenario, not "this
    # scenario"
    html = (files / "out" / "report.html").read_text(encoding="utf-8")
    value = "elements — T — duration = 1h"
    assert html.count(f"Value 2 of the 2 tried ({value}) could not be computed because some cases") == 2
    assert html.count(f"Värde 2 av de 2 som prövats ({value}) kunde inte beräknas eftersom vissa "
                      "ärenden") == 2
    assert "This scenario could not be computed" not in html and "Scenariot kunde inte beräknas" not in html
    # the run names the failed point by its index, which the report finds it by (it rebuilt the message as text)
    assert doc["failures"] == [{"scenario": "sw", "point": 1, "message": f"{stuck['label']}: {stuck['failures'][0]}"}]
    # a summary.json written before the failures named their point still reads, and says the same
    del doc["failures"][0]["point"]
    (files / "out" / "summary.json").write_text(json.dumps(doc), encoding="utf-8")
    (files / "out" / "report.html").unlink()
    again = CliRunner().invoke(cli, ["report", str(files / "out")])
    assert again.exit_code == 0, again.output
    assert (files / "out" / "report.html").read_text(encoding="utf-8") == html
    # one that names a point that is no index is refused in one line, before any HTML is written
    doc["failures"][0]["point"] = "1"
    (files / "out" / "summary.json").write_text(json.dumps(doc), encoding="utf-8")
    (files / "out" / "report.html").unlink()
    refused = CliRunner().invoke(cli, ["report", str(files / "out")])
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert refused.stderr.strip().endswith("failures[0].point: expected a sweep point's index (0, 1, ...), not str")
    assert not (files / "out" / "report.html").exists()
    # with a scenario that ran beside it, and both points stuck: the whole scenario failed, said as before
    (files / "sw2.yaml").write_text("name: sw2\nbase: {bpmn: model.yaml, profile: profile.yaml}\n"
                                    "sweep:\n  elements.T.duration: [1h, 2h]\n" + SETTINGS, encoding="utf-8")
    both = run(files, "both", "ok.yaml", "sw.yaml", "sw2.yaml")
    assert both.stderr.splitlines()[-1] == (
        "permitflow: error: 2 of 3 scenarios failed: sw at 1 of its 2 sweep points, sw2 "
        f"(the errors above; the others’ results are in {files / 'both'}/)")

@pytest.mark.interop
def test_the_miwg_b20_model_is_said_in_words_at_parallel_gateway_2(files: Path) -> None:
    """QA's reproduction: Bizagi's B.2.0 joins a non-interrupting conditional event's path at Parallel Gateway 2."""
    model = INTEROP / "miwg" / "bizagi-modeler-2.8.0.8" / "B.2.0-roundtrip.bpmn"
    assert CliRunner().invoke(cli, ["convert", str(model), str(files / "p.yaml"), "--to", "profile"]).exit_code == 0
    (files / "b20.yaml").write_text(f"name: b20\nbase: {{bpmn: {model}, profile: p.yaml}}\n" + SETTINGS, encoding="utf-8")
    result = run(files, "out", "ok.yaml", "b20.yaml")
    assert result.stderr.splitlines()[-1].startswith("permitflow: error: 1 of 2 scenarios failed: b20 (")
    html = (files / "out" / "report.html").read_text(encoding="utf-8")
    assert "the model waits at ‘Parallel Gateway 2’ for a step that does not happen in every case." in html
    assert ('modellen väntar vid ”<span lang="en">Parallel Gateway 2</span>” på ett steg som inte sker i varje ärende.'
            in html)  # the English model's name in the Swedish sentence says its language


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_a_manager_reads_the_failure_in_chromium_in_both_languages(files: Path) -> None:
    pytest.importorskip("playwright.sync_api")
    assert run(files, "out", "ok.yaml", "bad.yaml").exit_code == 1
    messages: list[str] = []
    with opened(files / "out" / "report.html", messages, viewport={"width": 1280, "height": 900}) as page:
        failures, detail = page.locator("#failures"), page.locator("#failures details code")
        for pick, words in (("#pick-en", EN), ("#pick-sv", SV)):
            if page.locator(pick).count():
                page.locator(pick).click()
            text = failures.inner_text()
            assert words in text, text
            for technical in ("token", "join", "'J'", "case(s)"):
                assert technical not in text  # folded: the developer opens it
            assert not detail.is_visible()
            in_scenario = page.locator("#s-bad .failure").inner_text()
            assert words in in_scenario and "token" not in in_scenario
        page.locator("#failures details summary").click()
        assert detail.is_visible() and "parallel join Båda klara (J) waits" in detail.inner_text()
        assert page.locator("#failures details summary").inner_text() == "Teknisk detalj (för processutvecklaren)"
        # the scenario that ran has its figures
        assert page.locator("#s-ok table.figures tbody tr").count() > 0
    assert messages == []
