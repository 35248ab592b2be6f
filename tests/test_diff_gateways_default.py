"""A branch that is the gateway's default flow (BPMN ``default=``: taken when no other condition holds) is
said as such, not as "not set" (qagwdefault); a condition that is the complement of the other branches'
conditions is the same rule as the default, no difference; an inclusive gateway's flow sets (``A+B``) are
compared like single flows, and a set only one model lists is said.

The models are two tiny YAML processes written here: a decision "Beviljas?" after "Pröva ansökan" with the
branches "ja" (to "Bevilja") and "nej" (to "Avslå"), each with its own profile."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import cli

YES, NO = "Flow_Gw_Beslut_Task_Bevilja", "Flow_Gw_Beslut_Task_Avsla"
PROFILE = """municipality: {town}
simulation:
  start: 2025-01-06
  horizon: 1y
  calendars: {{office: {{hours: {{mon: "08:00-16:00"}}}}}}
  pools: {{officer: {{count: 1, calendar: office}}}}
  arrivals: {{dates: [2025-01-07 09:00:00]}}
  attributes:
    hinder: {{values: [inga, undanrojs, kvarstar], weights: [0.8, 0.15, 0.05]}}
  elements:
    Gw_Beslut: {gateway}
"""


def _model(folder: Path, town: str, gateway: str, *, kind: str = "exclusive", default: bool = True) -> str:
    folder.mkdir()
    (folder / "process.yaml").write_text(
        "process: {id: P, name: Prov}\nsteps:\n"
        "  - {id: Start, event: start, name: Ansökan}\n"
        "  - {id: Task_Prova, task: user, name: Pröva ansökan}\n"
        f"  - id: Gw_Beslut\n    gateway: {kind}\n    name: Beviljas?\n"
        + ("    default: ja\n" if default else "")
        + "    branches: {ja: Task_Bevilja, nej: Task_Avsla}\n"
        "  - {id: Task_Bevilja, task: user, name: Bevilja, next: End}\n"
        "  - {id: Task_Avsla, task: user, name: Avslå, next: End}\n"
        "  - {id: End, event: end, name: Klart}\n", encoding="utf-8")
    (folder / "profile.yaml").write_text(PROFILE.format(town=town, gateway=gateway), encoding="utf-8")
    return str(folder / "process.yaml")


def run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


#: A sends "ja" by its default flow; the "nej" condition is the same in both
DEFAULT = f"{{conditions: {{{NO}: \"hinder == 'kvarstar'\"}}}}"


def _pair(tmp_path: Path, b_gateway: str, a_gateway: str = DEFAULT, **kinds: str) -> tuple[str, str]:
    return (_model(tmp_path / "a", "Aby", a_gateway, **kinds),  # type: ignore[arg-type]
            _model(tmp_path / "b", "Bby", b_gateway, default=False, **kinds))  # type: ignore[arg-type]


def _conditions(data: dict) -> list[tuple[str, str, str]]:
    return [(d["a"][2], d["a_value"], d["b_value"]) for d in data["differences"]
            if d["attribute"] == "profile.conditions"]


def test_a_condition_that_is_the_complement_of_the_others_is_the_default_rule(tmp_path: Path) -> None:
    # "hinder != 'kvarstar'" holds exactly when "nej"'s "hinder == 'kvarstar'" does not: the default's rule
    b = f"{{conditions: {{{NO}: \"hinder == 'kvarstar'\", {YES}: \"hinder != 'kvarstar'\"}}}}"
    data = json.loads(run("diff", *_pair(tmp_path, b), "--format", "json"))
    assert _conditions(data) == [] and data["differences"] == []


def test_a_complement_written_otherwise_is_the_same_rule_too(tmp_path: Path) -> None:
    # the complement written as an and of two: still holds exactly when the other branch's condition does not
    a = f"{{conditions: {{{NO}: \"hinder == 'kvarstar' or hinder == 'undanrojs'\"}}}}"
    b = (f"{{conditions: {{{NO}: \"hinder == 'kvarstar' or hinder == 'undanrojs'\", "
         f"{YES}: \"hinder != 'undanrojs' and hinder != 'kvarstar'\"}}}}")
    data = json.loads(run("diff", *_pair(tmp_path, b, a), "--format", "json"))
    assert data["differences"] == []


#: B gives "ja" a condition that is not the complement: a value neither names ("undanrojs") goes nowhere in B
OTHER = f"{{conditions: {{{NO}: \"hinder == 'kvarstar'\", {YES}: \"hinder == 'inga'\"}}}}"


def test_a_condition_against_the_default_is_a_difference_of_kind_in_both_languages(tmp_path: Path) -> None:
    pair = _pair(tmp_path, OTHER)
    sv = [x for x in run("diff", *pair).splitlines() if x.startswith("[Ändrat]")]
    assert sv == ['[Ändrat] "Beviljas?": villkor för "ja" är annars (standardflöde) i Abys modell, '
                  "när hinder mot sökanden: inga i Bbys modell."]
    en = [x for x in run("diff", *pair, "--output-language", "en").splitlines() if x.startswith("[Changed]")]
    assert len(en) == 1 and 'condition of "ja" is otherwise (the default flow) in Aby, when ' in en[0], en
    assert "not set" not in en[0] and "inte angivet" not in sv[0]


def test_the_json_markdown_and_html_say_the_default(tmp_path: Path) -> None:
    pair = _pair(tmp_path, OTHER)
    data = json.loads(run("diff", *pair, "--format", "json"))
    assert _conditions(data) == [(YES, "(default flow)", "hinder == 'inga'")]
    mine = [d for d in data["differences"] if d["attribute"] == "profile.conditions"]
    assert mine[0]["message"] == ('"Beviljas?": conditions.Flow_Gw_Beslut_Task_Bevilja is (default flow) '
                                  "in A, hinder == 'inga' in B.")
    for lang, said in (("sv", "annars (standardflöde)"), ("en", "otherwise (the default flow)")):
        markdown = run("diff", *pair, "--format", "markdown", "--output-language", lang)
        rows = [x for x in markdown.splitlines() if said in x]
        assert len(rows) == 1 and YES not in markdown, rows
        page = run("diff", *pair, "--format", "html", "--output-language", lang)
        assert said in page and "not set" not in page and "inte angivet" not in page


def test_the_default_in_both_is_no_difference(tmp_path: Path) -> None:
    a = _model(tmp_path / "a", "Aby", DEFAULT)
    b = _model(tmp_path / "b", "Bby", DEFAULT)
    assert json.loads(run("diff", a, b, "--format", "json"))["differences"] == []


def _sets(ja: float, nej: float, both: float | None) -> str:
    given = f"{YES}: {ja}, {NO}: {nej}" + (f", {YES}+{NO}: {both}" if both is not None else "")
    return f"{{probabilities: {{{given}}}}}"


def test_an_inclusive_gateways_flow_sets_are_compared(tmp_path: Path) -> None:
    pair = _pair(tmp_path, _sets(0.5, 0.2, 0.3), _sets(0.5, 0.1, 0.4), kind="inclusive")
    data = json.loads(run("diff", *pair, "--format", "json"))
    said = [(d["a"][2], d["a_value"], d["b_value"]) for d in data["differences"]]
    assert said == [(NO, "10%", "20%"), (f"{YES}+{NO}", "40%", "30%")]
    assert not [n for n in data["notes"] if "sets of flows" in n]
    assert data["differences"][1]["a"][3:] == ["Task_Bevilja", "Task_Avsla"]  # the steps the set leads to
    sv = [x for x in run("diff", *pair).splitlines() if x.startswith("[Ändrat]")]
    assert sv[1] == ('[Ändrat] "Beviljas?": sannolikhet för "ja" + "nej" är 40 % i Abys modell, 30 % i Bbys '
                     "modell.")
    en = run("diff", *pair, "--format", "markdown", "--output-language", "en")
    assert 'probability of "ja" + "nej"' in en and f"{YES}+" not in en


def test_a_flow_set_only_one_model_lists_is_said(tmp_path: Path) -> None:
    pair = _pair(tmp_path, _sets(0.6, 0.4, None), _sets(0.5, 0.1, 0.4), kind="inclusive")
    data = json.loads(run("diff", *pair, "--format", "json"))
    said = [(d["a"][2], d["a_value"], d["b_value"]) for d in data["differences"]]
    assert said == [(NO, "10%", "40%"), (YES, "50%", "60%"), (f"{YES}+{NO}", "40%", "(not listed)")]  # by id
    sv = [x for x in run("diff", *pair).splitlines() if x.startswith("[Ändrat]")]
    assert sv[2] == ('[Ändrat] "Beviljas?": sannolikhet för "ja" + "nej" är 40 % i Abys modell, '
                     "inte en av dess kombinationer (0 %) i Bbys modell.")
    en = [x for x in run("diff", *pair, "--output-language", "en").splitlines() if x.startswith("[Changed]")]
    assert en[2].endswith('probability of "ja" + "nej" is 40% in Aby, not one of its combinations (0%) in '
                          'Bby.')
    # the other way round: B's set, not A's; the key is said by A's flows, as B's set maps onto them
    back = json.loads(run("diff", pair[1], pair[0], "--format", "json"))
    assert [(d["a"][2], d["a_value"], d["b_value"]) for d in back["differences"]][2] == (
        f"{YES}+{NO}", "(not listed)", "40%")
