"""The report of a model whose profile puts no price on the work (found by QA, qadev2): `convert FILE.bpmn
--to profile` writes no cost_per_hour, and report.html then said "cost of work per case 0 — the same in every
run" and described the library's Ängelholm pricing in its glossary. Its tables, the how-sure section and the
glossary now say what `simulate` says (report.figuretext.unpriced_figures): the work has no price."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from cli import cli
from report.figuretables import figure_description
from tests.shared import INTEROP

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"
CAMUNDA_C4 = INTEROP / "miwg" / "bpmn-io-camunda-modeler-18.6.1" / "C.4.0-export.bpmn"
NO_PRICE = {"en": "no price: the profile gives the work no hourly cost",
            "sv": "inget pris: profilen ger inte arbetet någon timkostnad"}


def _said(cell: lxml_html.HtmlElement, lang: str) -> str:
    """What ``cell`` shows in ``lang``: the other language's spans left out."""
    other = "sv" if lang == "en" else "en"
    copy = lxml_html.fromstring(lxml_html.tostring(cell, encoding="unicode"))
    for span in copy.xpath(f".//*[contains(concat(' ', @class, ' '), ' {other} ')]"):
        span.drop_tree()
    return re.sub(r"\s+", " ", copy.text_content()).strip()


def _run(tmp_path: Path, bpmn: Path, profile: Path, *extra: str, name: str = "m") -> lxml_html.HtmlElement:
    (tmp_path / "s.yaml").write_text(f"name: s\nbase: {{bpmn: {bpmn}, profile: {profile}, name: {name}}}\n"
                                     "replications: 2\nhorizon: 8w\nwarmup: 1w\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "s.yaml"), "-o", str(out), "--workers", "1", "-q",
                                      *extra])
    assert result.exit_code == 0, result.output
    return lxml_html.fromstring((out / "report.html").read_text(encoding="utf-8"))


def _cost_rows(page: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    return page.xpath('//table[contains(@class, "figures")]/tbody/tr[@data-figure="cost_per_case"]'
                      '[not(ancestor::article[contains(@class, "uncertain")])]')


def _glossary(page: lxml_html.HtmlElement, lang: str) -> str:
    return _said(page.xpath('//details[@class="glossary"]')[0], lang)


def _assert_unpriced(page: lxml_html.HtmlElement) -> None:
    rows = _cost_rows(page)
    assert len(rows) == 2  # the key figures and all figures
    for row in rows:
        cells = row.xpath("./td")
        for lang in ("en", "sv"):
            assert _said(cells[2], lang) == "–"
            assert _said(cells[3], lang) == NO_PRICE[lang]
    for lang in ("en", "sv"):
        glossary = _glossary(page, lang)
        assert "Ängelholm" not in glossary  # not the library's prices: this model is not the library's
    assert "the work has no price and the figure reads –, not 0." in _glossary(page, "en")
    assert "har arbetet inget pris och måttet visas som –, inte 0." in _glossary(page, "sv")


def test_a_report_on_work_without_a_price_says_so_not_zero(tmp_path: Path) -> None:
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    profile = tmp_path / "mini.yaml"
    priced = profile.read_text(encoding="utf-8")
    profile.write_text(re.sub(r" cost_per_hour: \d+,", "", priced), encoding="utf-8")
    page = _run(tmp_path, tmp_path / "mini.bpmn", profile, "--uncertainty", "--points", "2")
    _assert_unpriced(page)
    # the how-sure section: no "0 (the same in every run)" either
    row = page.xpath('//article[contains(@class, "uncertain")]//tr[@data-figure="m/cost_per_case"]')[0]
    cells = row.xpath("./td")
    assert [_said(c, "en") for c in cells[2:]] == [f"– ({NO_PRICE['en']})", "–"]
    assert [_said(c, "sv") for c in cells[2:]] == [f"– ({NO_PRICE['sv']})", "–"]

    # priced, as the fixture is: a cost in kronor, no note, and the glossary names no price of its own
    profile.write_text(priced, encoding="utf-8")
    shutil.rmtree(tmp_path / "out")
    page = _run(tmp_path, tmp_path / "mini.bpmn", profile)
    for row in _cost_rows(page):
        assert re.fullmatch(r"[\d,]+", _said(row.xpath("./td")[2], "en"))
        assert NO_PRICE["en"] not in _said(row, "en")
    assert "no price" not in _glossary(page, "en") and "Ängelholm" not in _glossary(page, "en")


def test_the_glossary_describes_the_library_prices_by_the_prices_not_the_name(tmp_path: Path) -> None:
    # found by QA (qawords3): the glossary went by the process's name, so a user's own model called
    # "helsingborg" with its own prices (500 and 800 kronor an hour) had Ängelholm's fee rate described
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    bpmn, profile = tmp_path / "mini.bpmn", tmp_path / "mini.yaml"
    said = "In the library the officer hour is priced at Ängelholm's fee rate (1,160 kronor, 2024)"
    page = _run(tmp_path, bpmn, profile, name="helsingborg")
    assert "Ängelholm" not in _glossary(page, "en") and "Ängelholm" not in _glossary(page, "sv")
    described = " ".join(_cost_rows(page)[0].xpath(".//span/@title"))  # the key figure's description
    assert "Hours of work per case" in described and "Ängelholm" not in described
    # the library's prices under another name: described, as they are the library's
    own = profile.read_text(encoding="utf-8")
    profile.write_text(own.replace("cost_per_hour: 500", "cost_per_hour: 700").replace("cost_per_hour: 800",
                                                                                       "cost_per_hour: 1160"),
                       encoding="utf-8")
    shutil.rmtree(tmp_path / "out")
    page = _run(tmp_path, bpmn, profile, name="mine")
    assert said in _glossary(page, "en") and "Ängelholms taxa" in _glossary(page, "sv")
    assert said in " ".join(_cost_rows(page)[0].xpath(".//span/@title"))


def test_the_glossary_describes_the_library_prices_of_library_processes_only() -> None:
    assert "Ängelholm's fee rate" in figure_description("cost_per_case", "en", library=True, unpriced=False)
    assert "Ängelholms taxa" in figure_description("cost_share_of_fee", "sv", library=True, unpriced=False)
    assert "Ängelholm" not in figure_description("cost_per_case", "en", library=False, unpriced=False)


@pytest.mark.interop
def test_camunda_c4_with_its_generated_profile_reports_no_price(tmp_path: Path) -> None:
    bpmn = tmp_path / "c4.bpmn"
    shutil.copy(CAMUNDA_C4, bpmn)
    profile = tmp_path / "c4.yaml"
    converted = CliRunner().invoke(cli, ["convert", str(bpmn), str(profile), "--to", "profile"])
    assert converted.exit_code == 0, converted.output
    _assert_unpriced(_run(tmp_path, bpmn, profile))
