"""A parameter difference names a flow by its words and a case attribute by the report's, not by their ids
(found by QA, qaparam: "sannolikhet, Flow_Aterkallar_Ja", "sätter, tre_underkanda_prov är yes"), in Swedish
and English, in text, Markdown and HTML; the JSON keeps the ids.

No two library profiles differ in a branch or a mark (a matched gateway's own branches:
test_diff_gateways.py), so the pair is Ängelholm's model twice, the second profile told apart (Bjuv's name),
its step "Dokumentera tre underkända prov" marking the case false, not true, its flow on with a condition
where the first gives a probability."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.loading import load_model
from cli import cli
from processes.diff.view import build_view

LIBRARY = Path(__file__).resolve().parent.parent / "processes" / "library" / "angelholm"
STEP = "Task_Dokumentera_Underkant"
FLOW = "Flow_Task_Dokumentera_Underkant_Gw_Prov_Klar"
NAME = '"Dokumentera tre underkända prov (grund för avslag)"'


def _model(folder: Path, municipality: str, step: str) -> str:
    folder.mkdir()
    shutil.copy(LIBRARY / "process.bpmn", folder / "process.bpmn")
    text = (LIBRARY / "profile.yaml").read_text(encoding="utf-8")
    marked = "      set: {tre_underkanda_prov: true}\n"
    assert text.count(marked) == 1 and text.startswith("#") and "\nmunicipality: Ängelholm\n" in text
    text = text.replace(marked, step).replace("\nmunicipality: Ängelholm\n",
                                              f"\nmunicipality: {municipality}\n")
    (folder / "profile.yaml").write_text(text, encoding="utf-8")
    return str(folder / "process.bpmn")


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    root = tmp_path_factory.mktemp("pair")
    a = _model(root / "a", "Ängelholm", f"      set: {{tre_underkanda_prov: true}}\n      probabilities: "
                                        f"{{{FLOW}: 1}}\n")
    b = _model(root / "b", "Bjuv", f"      set: {{tre_underkanda_prov: false}}\n"
                                   f"      conditions: {{{FLOW}: \"hinder == 'kvarstar'\"}}\n")
    return a, b


def run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def _changed(text: str, head: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(head) and NAME in line]


def test_swedish_text_says_the_flow_and_the_attribute_in_words(pair: tuple[str, str]) -> None:
    lines = _changed(run("diff", *pair), "[Ändrat]")
    flow = 'flödet från "Dokumentera tre underkända prov (grund för avslag)" till en grind'
    assert lines == [
        f"[Ändrat] {NAME}: villkor för {flow} är inte angivet i Ängelholms modell, när hinder mot sökanden: "
        "kvarstår [antagande] i Bjuvs modell.",
        f"[Ändrat] {NAME}: sannolikhet för {flow} är 1 [antagande] i Ängelholms modell, inte angivet i "
        "Bjuvs modell.",
        f'[Ändrat] {NAME}: ärendeegenskapen "tre underkända kunskapsprov" som steget sätter är ja '
        "[antagande] i Ängelholms modell, nej [antagande] i Bjuvs modell.",
    ]


def test_english_text_says_them_in_words(pair: tuple[str, str]) -> None:
    text = run("diff", *pair, "--output-language", "en")
    # the models by the names their profiles give them, as in Swedish (found by QA, qacompen)
    flow = 'the flow from "Dokumentera tre underkända prov (grund för avslag)" to a gateway'
    assert _changed(text, "[Changed]") == [
        f"[Changed] {NAME}: condition of {flow} is not set in Ängelholm, when a ground against the "
        "applicant: remains [assumed] in Bjuv.",
        f"[Changed] {NAME}: probability of {flow} is 1 [assumed] in Ängelholm, not set in Bjuv.",
        f'[Changed] {NAME}: the case attribute "three knowledge tests failed" it sets is yes [assumed] in '
        "Ängelholm, no [assumed] in Bjuv.",
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_no_id_is_shown_to_a_person(pair: tuple[str, str], fmt: str, lang: str) -> None:
    text = run("diff", *pair, "--format", fmt, "--output-language", lang)
    said = "ärendeegenskapen" if lang == "sv" else "the case attribute"
    assert said in text
    english = (" yes ", " no ") if lang == "sv" else ()  # a mark's value: "ja"/"nej" in Swedish
    for code in (FLOW, "tre_underkanda_prov", "hinder ==", "kvarstar", *english):
        assert code not in text, code


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_html_page_says_them_in_words(pair: tuple[str, str], lang: str) -> None:
    page = run("diff", *pair, "--format", "html", "--output-language", lang)
    assert ("ärendeegenskapen &#34;tre underkända kunskapsprov&#34; som steget sätter är ja" if lang == "sv"
            else "the case attribute &#34;three knowledge tests failed&#34; it sets is yes") in page
    # the ids are only in the page's data for its script (the JSON's), not in a message a person reads
    assert "sätter, tre_underkanda_prov" not in page and "set.tre_underkanda_prov is" not in page.split(
        "<script", 1)[0]


def test_the_json_keeps_the_ids(pair: tuple[str, str]) -> None:
    data = json.loads(run("diff", *pair, "--format", "json"))
    mine = {d["attribute"]: d["message"] for d in data["differences"] if d["a"] == [STEP]}
    assert mine == {
        f"profile.conditions.{FLOW}": f"{NAME}: conditions.{FLOW} is not set in A, hinder == 'kvarstar' "
                                      "[assumed] in B.",
        f"profile.probabilities.{FLOW}": f"{NAME}: probabilities.{FLOW} is 1 [assumed] in A, not set in B.",
        "profile.set.tre_underkanda_prov": f"{NAME}: set.tre_underkanda_prov is yes [assumed] in A, no "
                                           "[assumed] in B.",
    }


def test_a_labelled_flow_is_its_label_in_each_language() -> None:
    flows = build_view(load_model(LIBRARY / "process.bpmn")).flows
    assert flows["Flow_Aterkallar_Ja"] == ('"Yes"', '"Ja"')
    assert flows[FLOW] == ('the flow from "Dokumentera tre underkända prov (grund för avslag)" to a gateway',
                           'flödet från "Dokumentera tre underkända prov (grund för avslag)" till en grind')


_ONE_STEP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">'
             '<process id="P"><startEvent id="S"/><task id="T" name="Granska ansökan"/><endEvent id="E"/>'
             '<sequenceFlow id="F1" sourceRef="S" targetRef="T"/>'
             '<sequenceFlow id="F2" sourceRef="T" targetRef="E"/>'
             '</process></definitions>\n')


def test_a_distributions_name_is_said_in_swedish_words_and_kept_in_the_json(tmp_path: Path) -> None:
    """Found by QA (qawords): "fördelning är fixed i a, lognormal i b" in the Swedish text."""
    paths = []
    for name, duration in (("a", "1h"), ("b", "{dist: lognormal, mean: 1h, sd: 30m}")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "process.bpmn").write_text(_ONE_STEP, encoding="utf-8")
        profile = tmp_path / name / "profile.yaml"
        run("convert", str(tmp_path / name / "process.bpmn"), str(profile), "--to", "profile")
        text = profile.read_text(encoding="utf-8")
        assert text.count("      duration: 1h\n") == 1
        profile.write_text(text.replace("      duration: 1h\n", f"      duration: {duration}\n"),
                           encoding="utf-8")
        paths.append(str(tmp_path / name / "process.bpmn"))
    sv = run("diff", *paths, "--output-language", "sv")
    assert "tid, fördelning är fast i modellen a, logaritmiskt normal i modellen b" in sv
    assert "lognormal" not in sv and "fixed" not in sv
    en = run("diff", *paths, "--output-language", "en")
    assert "duration, distribution is fixed in a, lognormal in b" in en
    (dist,) = [d for d in json.loads(run("diff", *paths, "--format", "json"))["differences"]
               if d.get("attribute") == "profile.duration.dist"]
    assert (dist["a_value"], dist["b_value"]) == ("fixed", "lognormal")
