"""A matched gateway's branches are compared (qagate): "Åstorp sends 40 % of applications back for a
supplement, the other 25 %" is a difference, in text, Markdown, HTML and JSON, in Swedish and English; equal
forms (0.4 and 0.40, a flow left out of ``probabilities:`` and one given 0, a condition with more spaces) are
none.

No two library profiles give a matched gateway's branches different values, so the pair is Åstorp's
model twice, the second profile told apart (Bjuv's name), its ``probabilities:`` and ``conditions:``
written to files here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

LIBRARY = Path(__file__).resolve().parent.parent / "processes" / "library" / "astorp"
CHECK = "      probabilities: {Flow_Komplett_Ja: 0.5, Flow_Komplett_Nej: 0.5}\n"
FORTY = "      probabilities: {Flow_Komplett_Ja: 0.6, Flow_Komplett_Nej: 0.4}\n"
ROUND = "      probabilities: {Flow_Omgang_Ja: 1.0, Flow_Omgang_Nej: 0.0}\n"
TALK = ("      conditions: {Flow_Kommunicering_Ja: \"hinder != 'inga'\", "
        "Flow_Kommunicering_Nej: \"hinder == 'inga'\"}\n")
FEE = "      probabilities: {Flow_Avgift_Ja: 0.9, Flow_Avgift_Nej: 0.1}\n"
GATE = '"Är ansökan komplett?"'


def _model(folder: Path, municipality: str, replaced: dict[str, str]) -> str:
    folder.mkdir()
    shutil.copy(LIBRARY / "process.bpmn", folder / "process.bpmn")
    text = (LIBRARY / "profile.yaml").read_text(encoding="utf-8")
    for old, new in {"\nmunicipality: Åstorp\n": f"\nmunicipality: {municipality}\n", **replaced}.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (folder / "profile.yaml").write_text(text, encoding="utf-8")
    return str(folder / "process.bpmn")


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    root = tmp_path_factory.mktemp("gates")
    a = _model(root / "a", "Åstorp", {CHECK: FORTY})
    b = _model(root / "b", "Bjuv", {
        CHECK: "      probabilities: {Flow_Komplett_Ja: 0.75, Flow_Komplett_Nej: 0.25}\n",
        ROUND: "      probabilities: {Flow_Omgang_Ja: 1}\n",  # Nej left out: 0, as 0.0 says
        FEE: "      probabilities: {Flow_Avgift_Ja: 0.90, Flow_Avgift_Nej: 0.100}\n",
        TALK: "      conditions: {Flow_Kommunicering_Ja: \"hinder == 'kvarstar'\", "
              "Flow_Kommunicering_Nej: \"hinder  ==  'inga'\"}\n",  # the same words, more spaces: none
    })
    return a, b


def run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def test_swedish_text_says_each_branch_in_per_cent(pair: tuple[str, str]) -> None:
    lines = [x for x in run("diff", *pair).splitlines() if x.startswith("[Ändrat]") and "sannolikhet" in x]
    assert lines == [
        f'[Ändrat] {GATE}: sannolikhet för "Ja" är 60 % [antagande] i Åstorps modell, 75 % [antagande] i '
        "Bjuvs modell.",
        f'[Ändrat] {GATE}: sannolikhet för "Nej" är 40 % [antagande] i Åstorps modell, 25 % [antagande] i '
        "Bjuvs modell.",
    ]


def test_a_branch_condition_is_said_in_the_reports_words(pair: tuple[str, str]) -> None:
    asked = '"Uppgifter till sökandens nackdel?"'
    swedish = (f'{asked}: villkor för "Ja" är när hinder mot sökanden: annat än inga [antagande] i Åstorps '
               "modell, när hinder mot sökanden: kvarstår [antagande] i Bjuvs modell.")
    english = f'{asked}: condition of "Yes" is when'
    for lang, head, said in (("sv", "[Ändrat]", swedish), ("en", "[Changed]", english)):
        lines = [x for x in run("diff", *pair, "--output-language", lang).splitlines()
                 if x.startswith(head) and ("villkor" in x or "condition" in x)]
        assert len(lines) == 1 and "==" not in lines[0] and "'kvarstar'" not in lines[0], lines
        assert said in lines[0]


def test_english_text_says_them_too(pair: tuple[str, str]) -> None:
    lines = [x for x in run("diff", *pair, "--output-language", "en").splitlines()
             if x.startswith("[Changed]") and "probability" in x]
    assert lines == [
        f'[Changed] {GATE}: probability of "Yes" is 60% [assumed] in Åstorp, 75% [assumed] in Bjuv.',
        f'[Changed] {GATE}: probability of "No" is 40% [assumed] in Åstorp, 25% [assumed] in Bjuv.',
    ]


@pytest.mark.parametrize(("lang", "key", "value"), [("sv", 'sannolikhet för "Nej"', "40 %"),
                                                    ("en", 'probability of "No"', "40%")])
def test_markdown_says_them_without_ids(pair: tuple[str, str], lang: str, key: str, value: str) -> None:
    text = run("diff", *pair, "--format", "markdown", "--output-language", lang)
    rows = [x for x in text.splitlines() if key in x]
    assert len(rows) == 1 and value in rows[0] and "Flow_Komplett" not in text


@pytest.mark.parametrize(("lang", "said"), [("sv", "sannolikhet för &#34;Nej&#34; är 40 %"),
                                            ("en", "probability of &#34;No&#34; is 40%")])
def test_the_html_page_says_them(pair: tuple[str, str], lang: str, said: str) -> None:
    page = run("diff", *pair, "--format", "html", "--output-language", lang)
    assert said in page


def test_the_json_keeps_the_ids_and_equal_forms_are_no_difference(pair: tuple[str, str]) -> None:
    data = json.loads(run("diff", *pair, "--format", "json"))
    mine = [d for d in data["differences"] if d["attribute"] == "profile.probabilities"]
    ids = ["Task_Granska_Fullstandighet", "Gw_Komplett"]
    assert [(d["a"][:3], d["b"][:3], d["a_value"], d["b_value"]) for d in mine] == [
        ([*ids, "Flow_Komplett_Ja"], [*ids, "Flow_Komplett_Ja"], "60%", "75%"),
        ([*ids, "Flow_Komplett_Nej"], [*ids, "Flow_Komplett_Nej"], "40%", "25%"),
    ]
    assert mine[0]["message"] == (f"{GATE}: probabilities.Flow_Komplett_Ja is 60% [assumed] in A, "
                                  "75% [assumed] in B.")
    assert mine[0]["a"][3:] == ["Event_Ansokan_Komplett"]  # the step the branch leads to
    said = [(d["a"][2], d["a_value"], d["b_value"])
            for d in data["differences"] if d["attribute"] == "profile.conditions"]
    assert said == [("Flow_Kommunicering_Ja", "hinder != 'inga'", "hinder == 'kvarstar'")]


@pytest.mark.parametrize(("lang", "said"), [
    ("sv", "Efter ”Granska ansökans fullständighet”, andelen ärenden som går vidare till ”Besluta om "
           "avvisning och meddela sökanden”, ”Begär komplettering” eller ”Meddela att ansökan prövas i "
           "befintligt skick”: 40 % i Åstorp och Klippan; 25 % i Bjuv."),
    # the English page says it in the report's words too, not the diff's developer sentence, found by QA
    # (qacompen): '"Är ansökan komplett?": probability of "No" is 40% [assumed] in a and c, 25% [assumed]
    # in b.'
    ("en", 'After “<span lang="sv">Granska ansökans fullständighet</span>”, the share of cases sent on to '
           '“<span lang="sv">Besluta om avvisning och meddela sökanden</span>”, “<span lang="sv">Begär '
           'komplettering</span>” or “<span lang="sv">Meddela att ansökan prövas i befintligt skick</span>”: '
           "40% in Åstorp and Klippan; 25% in Bjuv."),
])
def test_compare_says_a_branch_variation_in_words(pair: tuple[str, str], tmp_path: Path, lang: str,
                                                  said: str) -> None:
    third = _model(tmp_path / "c", "Klippan", {CHECK: FORTY})
    page = run("compare", pair[0], pair[1], third, "--format", "html", "--output-language", lang)
    assert said in page.replace("&#34;", '"')


def test_the_same_profiles_say_nothing_of_a_gateway(tmp_path: Path) -> None:
    a, b = _model(tmp_path / "a", "Åstorp", {}), _model(tmp_path / "b", "Bjuv", {})
    data = json.loads(run("diff", a, b, "--format", "json"))
    assert data["differences"] == [] and not [n for n in data["notes"] if "gateway" in n]


def test_a_profile_naming_other_flows_says_nothing_of_the_branches(tmp_path: Path) -> None:
    # a profile written for another drawing (its flows renamed, as bench_diff's variants are): the flows it
    # does not name are not ones it gives 0, so no "0%" is said; a note says why the branches are left out
    a = _model(tmp_path / "a", "Åstorp", {})
    b = _model(tmp_path / "b", "Bjuv", {CHECK: "      probabilities: {Other_Ja: 0.5, Other_Nej: 0.5}\n"})
    data = json.loads(run("diff", a, b, "--format", "json"))
    assert data["differences"] == []
    assert ('the branches of the choice "Är ansökan komplett?" after "Granska ansökans fullständighet" in B '
            "were not compared: its profile's probabilities or conditions name flows that are not its "
            "branches") in data["notes"]
    swedish = run("diff", a, b)
    # model B by its name where a person reads the note (found by QA, qaleft: "i B")
    assert ('Grenarna från valet "Är ansökan komplett?" efter "Granska ansökans fullständighet" i Bjuvs '
            "modell jämfördes inte: profilens sannolikheter") in swedish
    english = run("diff", a, b, "--output-language", "en")
    assert ('the branches of the choice "Är ansökan komplett?" after "Granska ansökans fullständighet" in '
            "Bjuv were not compared: its profile's probabilities") in english


def test_a_choice_not_compared_is_named_by_its_words_not_its_id() -> None:
    """Found by the lead after qagate: the notes on Helsingborg's three knowledge-test choices that Åstorp
    draws differently said "the branches of gateway Gw_Prov_1 in A were not compared" (51 such notes over the
    library's pairs); a choice is named by its name and the step before it (three share the name "Godkänt
    prov?")."""
    from click.testing import CliRunner

    from cli import cli

    sv = CliRunner().invoke(cli, ["diff", "helsingborg", "astorp"]).output
    en = CliRunner().invoke(cli, ["diff", "helsingborg", "astorp", "--output-language", "en"]).output
    assert "Gw_" not in sv and "Gw_" not in en
    # and why in plain words (found by QA, qacompen: "none of the gateways after the matched step before it in
    # B lead to the matched steps alike") the models by name, not "in A"/"in B" (found by QA, qaleft)
    assert ('Grenarna från valet "Godkänt prov?" efter "Genomför kunskapsprov (försök 2 av 3)" i '
            "Helsingborgs modell jämfördes inte: i Åstorps modell leder inget val efter motsvarande steg "
            "till samma steg") in sv
    assert ('the branches of the choice "Godkänt prov?" after "Genomför kunskapsprov (försök 2 av 3)" in '
            "Helsingborg were not compared: in Åstorp, no choice after the corresponding step leads to the "
            "same steps") in en
    assert "gateways" not in en and "grindarna" not in sv
