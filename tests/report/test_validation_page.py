"""The ``--validate`` page says each figure in English and, after the ``<br>``, in Swedish as Swedish writes
it: a decimal comma, grouped thousands, "98 %" with a non-breaking space (it wrote "98%", "log 100.0%,
simulated 99.6%" and "1239.1847" in its Swedish too); the English as it was. Each language's text is marked
with its ``lang``, and each chart is drawn once per language, its tick labels as the language writes
numbers."""

from __future__ import annotations

import functools
import re

from lxml import etree
from lxml import html as lxml_html

from calibrate.distances import CaseLog
from calibrate.validate import Validation
from report.validation_html import validation_html


def _page() -> lxml_html.HtmlElement:
    return lxml_html.fromstring(_text())


def _page_validation() -> Validation:
    days = {"p10": 12.5, "p50": 48.01, "p90": 1234.0}
    return Validation(
        metrics={"arrival_emd_hours": 1239.1847, "three_gram_distance": 0.2288,
                 "within_deadline_difference": -0.004,
                 "cycle_days_p50_difference": None},
        per_replication=({"cycle_time_emd_hours": 86.72}, {"cycle_time_emd_hours": 1100.4}),
        real={"cases": 64, "cycle_days": days, "within_deadline": 1.0, "cycle_days_p50_interval": [60.18,
                                                                                                   70.21]},
        simulated={"cases": 64.0, "cycle_days": {**days, "p50": 50.5}, "within_deadline": 0.9956},
        setup={"log": "log.xes", "log_cases": 1234, "log_period": "2025-01-03 to 2027-03-23",
               "training_cases": 149,
               "training_period": "a to b", "heldout_cases": 64, "heldout_period": "c to d",
               "replications": 2,
               "simulated_from": "2026-05-25", "simulated_horizon": "225d", "seed": 7,
               "deadline_days": 121.75,
               "timestamps": "start and completion times", "log_events_of_model_steps": 0.983,
               "heldout_recent_cases": 12, "recent_days": 121.75, "recent_basis": "deadline",
               "log_end": "2027-03-23"})


_LOGS = (CaseLog.of([("a", "X", 0, 86400), ("a", "Y", 86400, 9 * 86400), ("b", "X", 0, 3 * 86400)]),
         [CaseLog.of([("1", "X", 0, 2 * 86400), ("1", "Y", 2 * 86400, 8 * 86400), ("2", "X", 0, 86400)])])


@functools.cache  # drawing its six charts takes a few seconds
def _text() -> str:
    return validation_html(_page_validation(), *_LOGS, name="t")


def _halves(page: lxml_html.HtmlElement) -> tuple[str, str]:
    """The English and the Swedish of every paragraph said in both."""
    return tuple(" ".join(e.text_content() for e in page.xpath(f"//p/span[@lang='{lang}']"))
                 for lang in ("en", "sv"))


def test_the_swedish_half_of_each_paragraph_writes_numbers_as_swedish_does() -> None:
    english, swedish = _halves(_page())
    assert re.search(r"\d\.\d|\d%", swedish) is None, swedish
    assert ("Genomloppstider inom tidsfristens 4 månader (från ärendets första till sista händelse, inte "
            "räknat som den lagstadgade tiden): logg 100,0\u00a0%, simulerad 99,6\u00a0%") in swedish
    assert "98\u00a0% av loggens händelser är aktiviteter som modellen har" in swedish
    assert "tidsfrist 4 månader." in swedish and "från 87 till 1\u00a0100 timmar" in swedish
    # English words left in the Swedish: "log 100.0%, simulated"
    assert "log" not in swedish.replace("logg", "")
    # the English as it was
    assert ("Cycle times within the deadline's 4 months (from a case's first to its last event, not on the "
            "legal clock): log 100.0%, simulated 99.6%") in english
    assert "The model has the activities of 98% of the log's events" in english
    assert "; deadline 4 months." in english and "went from 87 to 1,100 hours" in english


def test_the_tables_give_each_value_in_english_and_in_swedish() -> None:
    page = _page()
    rows = {tr[1].text_content(): tr[2].text_content() for tr in page.xpath("//table[1]//tr[td]")}
    # hours whole and days to one decimal in every cell (it said "1239.1847" hours, and "48.01" above
    # "1234.0"), a 0-1 distance to two (it said "0.2288": found by QA, qawords3)
    assert rows == {"arrival_emd_hours": "1,239 / 1\u00a0239", "three_gram_distance": "0.23 / 0,23",
                    "within_deadline_difference": "-0.4 / \u22120,4", "cycle_days_p50_difference": ""}
    percentiles = [[td.text_content() for td in tr] for tr in page.xpath("(//table)[2]//tr")]
    assert percentiles == [["percentile / percentil", "log / loggen", "simulated / simulerad"],
                           ["p10", "12.5 / 12,5", "12.5 / 12,5"], ["p50", "48.0 / 48,0", "50.5 / 50,5"],
                           ["p90", "1,234.0 / 1\u00a0234,0", "1,234.0 / 1\u00a0234,0"]]
    log = next(p.text_content() for p in page.iter("p") if p.text_content().startswith("Log / Logg"))
    assert log == "Log / Logg: log.xes, 1,234 cases / 1\u00a0234 ärenden, 2025-01-03 to 2027-03-23."


def test_the_share_difference_is_in_percentage_points_and_its_row_says_so() -> None:
    # "-0.0044" in the table beside "-0.4 percentage points" in the text: a fraction with no unit
    row = _page().xpath("//tr[td/code = 'within_deadline_difference']")[0]
    measure, value = row[0], row[2]
    assert [s.text_content() for s in measure.xpath("span")] == [
        "share of cycle times within the deadline, simulated - log (percentage points)",
        "andel genomloppstider inom tidsfristen, simulerad - logg (procentenheter)"]
    assert [(s.get("lang"), s.text_content()) for s in value.xpath("span")] == [("en", "-0.4"), ("sv",
                                                                                                 "\u22120,4")]


_SWEDISH = re.compile(r"\b(ärenden|ärendena|loggen|logg|Modellen|Siffrorna|Inom|mått|värde|Validering|"
                      r"percentil|simulerad|dagar|timmar|procentenheter|händelser)\b")
_ENGLISH = re.compile(r"\b(the|cases|log|simulated|days|hours|measure|value|Validation|percentile)\b")


def test_every_swedish_text_is_marked_swedish_and_every_english_one_english() -> None:
    # the page was lang="en" throughout: a screen reader read the Swedish halves with English sounds
    page = _page()
    assert page.get("lang") == "en"
    swedish = page.xpath("//*[@lang='sv']")
    assert swedish and all(not _ENGLISH.search(e.text_content()) for e in swedish)
    english = page.xpath("//body//*[@lang='en']")
    assert english and all(not _SWEDISH.search(e.text_content()) for e in english)
    # each paragraph said in both: its English, then on a line of its own its Swedish
    for p in page.xpath("//p[br]"):
        assert [(child.tag, child.get("lang")) for child in p] == [("span", "en"), ("br", None), ("span",
                                                                                                  "sv")]
    for e in swedish:
        e.getparent().remove(e)
    unmarked = page.find("body").text_content()
    assert _SWEDISH.search(unmarked) is None, _SWEDISH.search(unmarked)


def _drawn(figure: lxml_html.HtmlElement) -> list[str]:
    """The texts a chart draws (matplotlib's SVG draws each as paths, after a comment with the text)."""
    return [c.text.strip() for c in figure.iter(etree.Comment)]


def test_each_chart_is_drawn_in_each_language_with_its_own_decimal_sign() -> None:
    # one chart for both languages said "0.5" and "cycle time, days / genomloppstid, dagar" on the Swedish
    # view too
    page = _page()
    figures = page.xpath("//figure")
    assert [f.get("lang") for f in figures] == ["en", "sv"] * 3
    english = [t for f in figures[0::2] for t in _drawn(f)]
    swedish = [t for f in figures[1::2] for t in _drawn(f)]
    assert {"0.5", "1.5", "0.25"} <= set(english) and not any("," in t for t in english if t[:1].isdigit())
    assert {"0,5", "1,5", "0,25"} <= set(swedish) and not any(re.search(r"\d\.\d", t) for t in swedish)
    assert {"cycle time, days", "arrivals", "simulated (mean)"} <= set(english)
    assert {"genomloppstid, dagar", "ankomster", "simulerad (medel)"} <= set(swedish)
    assert not any(" / " in t for t in english + swedish)  # no label in both languages at once
    assert [h.text_content() for h in page.xpath("//h2[following-sibling::*[1][self::figure]]")] == [
        "Cycle time / Genomloppstid", "Arrivals per week / Ankomster per vecka",
        "Activity frequencies / Aktivitetsfrekvenser"]
    assert _text.__wrapped__() == _text()  # the same validation, the same bytes


def test_the_weekly_chart_counts_whole_weeks() -> None:
    # the held-out period here is under a week: its axis said 0.0, 0.2, 0.4 ... 1.0 weeks; arrivals 0.5, 1.5
    weeks = _page().xpath("//figure")[2:4]
    ticks = [t for f in weeks for t in _drawn(f) if t[:1].isdigit()]
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks
    assert {"0", "1"} <= set(ticks)


def test_the_activity_chart_names_each_step_as_its_model_does_in_each_language() -> None:
    # it showed the element ids the logs carry (Task_Granska_Fullstandighet) where the model names the step
    from processes.model import Definitions, FrozenMap, Process, Task

    review = Task(id="Task_Granska_Fullstandighet", name="Granska ansökans fullständighet",
                  names=FrozenMap({"en": "Check that the application is complete"}))
    register = Task(id="Task_Diarieforing", name="Diarieför ansökan")  # no English name: its own in both
    model = Definitions(processes=(Process(id="P", nodes=FrozenMap({
        t.id: t for t in (review, register, Task(id="Task_Namnlos"))})),))
    real = CaseLog.of([("a", "Task_Diarieforing", 0, 3600), ("a", "Task_Granska_Fullstandighet", 3600, 7200),
                       ("a", "Task_Namnlos", 7200, 9000), ("b", "Utanför modellen", 0, 600)])
    sim = CaseLog.of([("1", "Task_Diarieforing", 0, 3600), ("1", "Task_Granska_Fullstandighet", 3600, 9000)])
    validation = Validation(metrics={}, per_replication=(), real={"cycle_days": {}},
                            simulated={"cycle_days": {}},
                            setup={"training_cases": 2, "training_period": "a to b", "heldout_cases": 2,
                                   "heldout_period": "c to d", "replications": 1,
                                   "simulated_from": "2026-05-25",
                                   "simulated_horizon": "2d", "seed": 7,
                                   "timestamps": "start and completion times"})
    figures = lxml_html.fromstring(validation_html(validation, real, [sim], name="t",
                                                   model=model)).xpath("//figure")
    english, swedish = (set(_drawn(f)) for f in figures[4:6])
    assert {"Check that the application is complete", "Diarieför ansökan"} <= english
    assert {"Granska ansökans fullständighet", "Diarieför ansökan"} <= swedish
    for drawn in (english, swedish):
        # no name: its id; not the model's: as logged
        assert "Task_Namnlos" in drawn and "Utanför modellen" in drawn
        assert not {"Task_Granska_Fullstandighet", "Task_Diarieforing"} & drawn


def test_the_cycle_time_chart_says_what_its_bars_are_in_per_cent() -> None:
    """Found by QA (2026-12-07): the cycle-time chart's bars were densities, "0.02" (per day) on an axis
    without a label; each bar is the share of the cases in it, in per cent as each language writes it, and the
    axis says so."""
    english, swedish = (_drawn(f) for f in _page().xpath("//figure")[:2])
    assert "share of the cases in each bar" in english and "andel av ärendena i varje stapel" in swedish
    assert {"0%", "50%"} <= set(english) and {"0\u00a0%", "50\u00a0%"} <= set(swedish)


def test_the_activity_charts_legend_stands_above_the_bars(monkeypatch) -> None:
    # found by the evidence QA (2026-12-07): on BPIC15_1's page of 20 steps the legend covered the last bars
    import report.validation_html as page

    drawn = []
    monkeypatch.setattr(page, "svg", lambda fig, lang, axes="xy": drawn.append(fig) or "<svg/>")
    labels = [f"01_HOOFD_{k:03d}" for k in range(20)]
    page.activity_plot(labels, [360] * 18 + [145, 5], [410.0] * 20, "en")
    fig = drawn[0]
    fig.canvas.draw()
    ax = fig.axes[0]
    legend, bars = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend.y0 >= bars.y1 - 1


def test_the_page_fits_a_phones_width_with_a_margin(tmp_path) -> None:
    """Found by QA (qaserve): without a viewport the page was laid out 980 px wide on a phone, its text tiny;
    at a phone's width its text touched the screen's edges and the table of measures (its JSON keys) ran 56 px
    past."""
    import pytest

    pytest.importorskip("playwright.sync_api")
    from chromium import CHROMIUM, opened

    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium (make browser)")
    page_file = tmp_path / "t.validation.html"
    page_file.write_text(_text(), encoding="utf-8")
    messages: list[str] = []
    with opened(page_file, messages, viewport={"width": 375, "height": 800}, is_mobile=True) as page:
        width, wide, left = page.evaluate("() => [innerWidth, document.documentElement.scrollWidth,"
                                          " document.querySelector('h1').getBoundingClientRect().left]")
    assert width == 375 and wide <= width and left >= 8, (width, wide, left)
    assert messages == []


def test_a_deadline_in_calendar_months_is_said_with_its_rule_in_both_languages() -> None:
    # the share within 4 months counts each case to the same day of the month from its first event
    # (calibrate/distances.case_deadline_days): the page said "4 months" as if a fixed 121.75 days
    base = _page_validation()
    validation = Validation(base.metrics, base.per_replication, base.real, base.simulated,
                            {**base.setup, "deadline_months": 4})
    page = lxml_html.fromstring(validation_html(validation, *_LOGS, name="t"))
    english, swedish = _halves(page)
    assert ("Cycle times within the deadline's 4 months (from a case's first to its last event, not on the "
            "legal clock; in calendar months, to the same day of the month, from each case's first event): "
            "log 100.0%, simulated 99.6%") in english
    assert "; deadline 4 months (in calendar months, to the same day of the month)." in english
    assert ("Genomloppstider inom tidsfristens 4 månader (från ärendets första till sista händelse, inte "
            "räknat som den lagstadgade tiden; i kalendermånader, till samma dag i månaden, räknat från "
            "ärendets första händelse): logg 100,0\u00a0%, simulerad 99,6\u00a0%") in swedish
    assert "tidsfrist 4 månader (i kalendermånader, till samma dag i månaden)." in swedish
