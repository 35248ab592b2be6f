"""The report as a manager reads it, in Chromium and in both languages, from a real `permitflow run` of a titled
study (found by QA, 2026-12-06): the report said "replikeringar" where the what-if page says "upprepningar"; a swept
path with a municipality in front read "Angelholm:" (the process's code name capitalised); the header named the
study's code name (``Study angel-check``) beside its title; the what-drives-it charts said "ρ"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from chromium import CHROMIUM, launch, opened
from click.testing import CliRunner

from cli import cli

COMMON = "replications: 2\nseed: 3\nhorizon: 12w\nwarmup: 1w\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """report.html of a titled study: a status quo of Ängelholm and Klippan, Ängelholm's officer time swept, and
    a change against the status quo, with a how-sure run (its what-drives-it charts)."""
    folder = tmp_path_factory.mktemp("manager")
    (folder / "study.yaml").write_text(
        "study: angel-check\ntitle:\n  en: \"Ängelholm and Klippan: officer time\"\n"
        "  sv: \"Ängelholm och Klippan: handläggartid\"\nscenarios: [sq.yaml, sweep.yaml, officer.yaml]\n",
        encoding="utf-8")
    (folder / "sq.yaml").write_text("name: status-quo\nquestion: How long today?\nbase: [angelholm, klippan]\n"
                                    + COMMON, encoding="utf-8")
    (folder / "sweep.yaml").write_text(
        "name: angel-sweep\nquestion: And with less officer time?\nbase: [angelholm, klippan]\n"
        "sweep:\n  angelholm.simulation.pools.officer.fte: [0.5, 1.0]\n" + COMMON, encoding="utf-8")
    (folder / "officer.yaml").write_text(
        "name: delegated-to-officer\nquestion: What if the officer decided?\nbase: [angelholm, klippan]\n"
        "set:\n  angelholm.simulation.decision.delegation: officer\nbaseline: status-quo\n" + COMMON,
        encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(cli, ["run", str(folder / "study.yaml"), "-o", str(out), "--workers", "1",
                                      "--uncertainty", "--points", "3"])
    assert result.exit_code == 0, result.output
    return out / "report.html"


sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")]


@pytest.fixture(scope="module")
def shown(report: Path) -> dict[str, str]:
    """What the report shows in each language (``en``, ``sv``; its title ``en title``, ``sv title``; its header
    ``en header``, ``sv header``; ``en all``, ``sv all``: with every part opened and without the profiles' own
    notes, which are data written as their authors wrote them), read in Chromium with the language picked as a
    manager picks it."""
    said: dict[str, str] = {}
    messages: list[str] = []
    with opened(report, messages, viewport={"width": 1280, "height": 900}) as page:
        for lang in ("en", "sv"):
            page.click(f"#pick-{lang}")
            said[lang] = page.locator("body").inner_text()
            said[f"{lang} header"] = page.locator("header").inner_text()
            said[f"{lang} title"] = page.locator("h1").inner_text()
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        page.add_style_tag(content="td.basis small { display: none; }")
        for lang in ("en", "sv"):
            page.click(f"#pick-{lang}")
            said[f"{lang} all"] = page.locator("body").inner_text()
    assert messages == []
    return said


def test_a_swept_path_with_a_municipality_in_front_names_the_municipality(shown: dict[str, str]) -> None:
    assert "Ängelholm: handläggarna: andel av heltid = 50\u00a0%" in shown["sv"]
    assert "Ängelholm: the case officers: share of full time = 50%" in shown["en"]
    assert "Angelholm" not in shown["sv"] and "Angelholm" not in shown["en"]


def test_the_report_says_upprepningar_as_the_page_does(shown: dict[str, str]) -> None:
    sv, en = shown["sv"], shown["en"]
    assert re.search(r"[Rr]eplikering", sv) is None
    assert "Upprepningar" in sv and "medelvärden över upprepningar" in sv
    assert "Replications" in en and "means over replications" in en
    # what a replication is, in words (found by QA, words23: the header used the word and said nothing of it)
    assert "(each replication runs the simulated period once more, with other chance events)" in shown["en header"]
    assert "(varje upprepning kör den simulerade perioden en gång till, med andra slumpmässiga händelser)" in \
        shown["sv header"]


def test_the_header_names_the_studys_title_not_its_code_name(shown: dict[str, str]) -> None:
    assert shown["sv title"] == "Ängelholm och Klippan: handläggartid"
    assert shown["en title"] == "Ängelholm and Klippan: officer time"
    assert "angel-check" not in shown["sv header"] and "angel-check" not in shown["en header"]
    assert "Beräknad av permitflow, kodversion" in shown["sv header"]
    assert "Computed by permitflow, code version" in shown["en header"]


def test_what_drives_it_says_the_correlation_in_words_not_rho(shown: dict[str, str]) -> None:
    sv, en = shown["sv"], shown["en"]
    assert "ρ" not in sv and "ρ" not in en
    assert re.search(r"samband\u00a0−?\d,\d\d", sv) and re.search(r"correlation\u00a0-?\d\.\d\d", en)
    assert "hur nära dagarna följer varje antagande" in sv and "how closely the days follow each assumption" in en


def test_no_answer_shows_a_dash_for_an_interval(shown: dict[str, str]) -> None:
    # two replications over 12 weeks, one with a decided case in Ängelholm: "(95 % intervall – till –)"
    assert "– till –" not in shown["sv"] and "– to –" not in shown["en"]


def test_each_language_writes_per_cent_and_kronor_its_own_way(shown: dict[str, str]) -> None:
    """Found by QA (2026-12-06): the English report wrote "95 %" with the space Swedish puts before "%", and "kr",
    the Swedish abbreviation; English writes "95%" and, here, "kronor" (a word, where it stands in Swedish)."""
    en, sv = shown["en all"], shown["sv all"]
    assert re.findall(r".{30}\d[ \u00a0]%.{10}", en) == []
    assert re.findall(r".{30}\bkr\b.{10}", en) == []
    assert "95% interval" in en and "(kronor)" in en
    assert re.findall(r".{30}\d%.{10}", sv) == []
    assert "95\u00a0% intervall" in sv and "(kr)" in sv


#: every figures-table row's figure and its cells' text, in document order, read in one call: read a row and a cell
#: at a time through Playwright (two calls a row, hundreds of rows) each language took about 33 s
_ROWS_JS = """() => Array.from(document.querySelectorAll('table.figures tr[data-figure]'),
    (row) => [row.getAttribute('data-figure'), Array.from(row.querySelectorAll('td'), (td) => td.innerText)])"""


@pytest.fixture(scope="module")
def figure_rows(report: Path) -> dict[str, dict[str, list[list[str]]]]:
    """The cells of every figures-table row (the key figures, every figure and how sure), by the row's figure, as
    Chromium shows them in each language (``en``, ``sv``) with every part opened."""
    by_language: dict[str, dict[str, list[list[str]]]] = {}
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            for lang in ("en", "sv"):
                page = browser.new_page()
                page.goto(report.as_uri(), wait_until="load")
                page.click(f"#pick-{lang}")
                page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
                table: dict[str, list[list[str]]] = {}
                for figure, cells in page.evaluate(_ROWS_JS):
                    table.setdefault(figure or "", []).append([c.strip() for c in cells])
                by_language[lang] = table
                page.close()
        finally:
            browser.close()
    return by_language


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_tables_say_shares_in_per_cent_as_the_sentences_do(figure_rows: dict[str, dict[str, list[list[str]]]],
                                                                lang: str) -> None:
    """Found by QA (2026-12-06): the tables wrote a share as "0,80" (and "1,00" beside an answer's "99,8 %") while
    the answers say per cent; a change in a share is in percentage points."""
    rows = figure_rows[lang]
    sign = "%" if lang == "en" else "\u00a0%"
    unit = "percentage points" if lang == "en" else "procentenheter"
    shares = [f for f in rows if f.endswith("_share") or f.startswith(("outcome_share.", "utilisation."))]
    assert "within_deadline_share" in shares and "utilisation.officer" in shares and "cost_share_of_fee" in rows
    sure = [f for f in shares if "/" in f]  # how sure: "<process>/<figure>", a mean (its interval) in each column
    assert sure and all(re.match(rf"\S+{sign} \(", c) for f in sure for cells in rows[f] for c in cells[2:4]), sure
    for figure in [f for f in [*shares, "cost_share_of_fee"] if f not in sure]:
        for cells in rows[figure]:
            mean, interval = cells[2], cells[3]
            assert mean.endswith(sign) or mean == "–", (figure, cells)
            assert re.fullmatch(rf"\S+{sign} – \S+{sign}", interval) or interval.startswith(("too few", "för få")) \
                or interval == "–", (figure, cells)
            changes = [c for c in cells[4:] if re.search(r"\d", c) and not c.isdigit()]  # not the replications
            assert all(c.endswith((unit, f"{unit} *")) for c in changes if not c.startswith(("too few", "för få"))), \
                (figure, cells)
    assert any(unit in c for cells in rows["within_deadline_share"] for c in cells[4:])


def test_the_report_says_the_simulations_start_up_and_its_first_value_in_words(shown: dict[str, str]) -> None:
    """Found by QA (2026-12-06): "warm-up 1 week" / "uppvärmning 1 vecka" and "first sweep point" / "första
    svepvärdet" are a simulation modeller's words, not a manager's."""
    en, sv = shown["en all"], shown["sv all"]
    assert "a start-up period of 1 week left out (the simulation starts with no cases)" in en
    assert "en inledning på 1 vecka räknas inte (simuleringen börjar utan ärenden)" in sv
    assert re.findall(r".{30}(?:warm-up|sweep point).{10}", en) == []
    assert re.findall(r".{30}(?:uppvärmning|svepvärde).{10}", sv) == []


def test_the_tables_say_kronor_whole(figure_rows: dict[str, dict[str, list[list[str]]]]) -> None:
    """Found by QA (2026-12-06): "18 704,47" kronor of work per case, öre of a cost that rests on assumed hours."""
    cells = [c for r in figure_rows["sv"]["cost_per_case"] for c in r[2:4] if not c.startswith("för få")]
    assert cells and all(re.fullmatch(r"\d{1,3}(\u00a0\d{3})*( – \d{1,3}(\u00a0\d{3})*)?", c) for c in cells), cells


def test_the_header_says_how_scenarios_are_compared_without_statistics_jargon(shown: dict[str, str]) -> None:
    """Found by QA (2026-12-06): "Replication i of every scenario … so each difference against a baseline is
    paired" / "Upprepning i … är parad" is a statistician's shorthand; a manager reads what it means."""
    en, sv = shown["en header"], shown["sv header"]
    assert "Replication 1 of every scenario uses the same random numbers, and so does replication 2" in en
    assert "compares like with like" in en and "unlikely to be chance" in en
    assert "Upprepning 1 av varje scenario använder samma slumptal, likaså upprepning 2" in sv
    assert "jämför lika med lika" in sv and "sannolikt inte på slumpen" in sv
    assert "paired" not in en and "parad" not in sv and "Replication i " not in en and "Upprepning i " not in sv
