"""The ``--validate`` page says each figure in English and, after the ``<br>``, in Swedish as Swedish writes it:
a decimal comma, grouped thousands, "98 %" with a non-breaking space (it wrote "98%", "log 100.0%, simulated
99.6%" and "1239.1847" in its Swedish too); the English as it was."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from calibrate.distances import CaseLog
from calibrate.validate import Validation
from report.validation_html import validation_html


def _page() -> lxml_html.HtmlElement:
    days = {"p10": 12.5, "p50": 48.01, "p90": 1234.0}
    validation = Validation(
        metrics={"arrival_emd_hours": 1239.1847, "three_gram_distance": 0.2288, "within_deadline_difference": -0.004,
                 "cycle_days_p50_difference": None},
        per_replication=({"cycle_time_emd_hours": 86.72}, {"cycle_time_emd_hours": 1100.4}),
        real={"cases": 64, "cycle_days": days, "within_deadline": 1.0, "cycle_days_p50_interval": [60.18, 70.21]},
        simulated={"cases": 64.0, "cycle_days": {**days, "p50": 50.5}, "within_deadline": 0.9956},
        setup={"log": "log.xes", "log_cases": 1234, "log_period": "2025-01-03 to 2027-03-23", "training_cases": 149,
               "training_period": "a to b", "heldout_cases": 64, "heldout_period": "c to d", "replications": 2,
               "simulated_from": "2026-05-25", "simulated_horizon": "225d", "seed": 7, "deadline_days": 121.75,
               "timestamps": "start and completion times", "log_events_of_model_steps": 0.983,
               "heldout_recent_cases": 12, "recent_days": 121.75, "recent_basis": "deadline", "log_end": "2027-03-23"})
    real = CaseLog.of([("a", "X", 0, 86400), ("a", "Y", 86400, 9 * 86400), ("b", "X", 0, 3 * 86400)])
    sim = CaseLog.of([("1", "X", 0, 2 * 86400), ("1", "Y", 2 * 86400, 8 * 86400), ("2", "X", 0, 86400)])
    return lxml_html.fromstring(validation_html(validation, real, [sim], title="Validation / Validering: t"))


def _halves(page: lxml_html.HtmlElement) -> tuple[str, str]:
    """The English (before the ``<br>``) and the Swedish (after it) of every paragraph said in both."""
    english, swedish = [], []
    for p in page.iter("p"):
        pieces = lxml_html.tostring(p, encoding="unicode").split("<br>")
        if len(pieces) == 2:
            english.append(lxml_html.fromstring(pieces[0]).text_content())
            swedish.append(lxml_html.fromstring(pieces[1]).text_content())
    return " ".join(english), " ".join(swedish)


def test_the_swedish_half_of_each_paragraph_writes_numbers_as_swedish_does() -> None:
    english, swedish = _halves(_page())
    assert re.search(r"\d\.\d|\d%", swedish) is None, swedish
    assert "Inom lagstadgad tid: logg 100,0\u00a0%, simulerad 99,6\u00a0%" in swedish
    assert "98\u00a0% av loggens händelser är aktiviteter som modellen har" in swedish
    assert "lagstadgad tid 121,75 dagar" in swedish and "från 87 till 1\u00a0100 timmar" in swedish
    assert "log" not in swedish.replace("logg", "")  # English words left in the Swedish: "log 100.0%, simulated"
    # the English as it was
    assert "Within the legal deadline: log 100.0%, simulated 99.6%" in english
    assert "The model has the activities of 98% of the log's events" in english
    assert "legal deadline 121.75 days" in english and "went from 87 to 1,100 hours" in english


def test_the_tables_give_each_value_in_english_and_in_swedish() -> None:
    page = _page()
    rows = {tr[1].text_content(): tr[2].text_content() for tr in page.xpath("//table[1]//tr[td]")}
    assert rows == {"arrival_emd_hours": "1239.1847 / 1\u00a0239,1847", "three_gram_distance": "0.2288 / 0,2288",
                    "within_deadline_difference": "-0.004 / \u22120,004", "cycle_days_p50_difference": ""}
    percentiles = [[td.text_content() for td in tr] for tr in page.xpath("(//table)[2]//tr")]
    assert percentiles == [["percentile / percentil", "log / loggen", "simulated / simulerad"],
                           ["p10", "12.5 / 12,5", "12.5 / 12,5"], ["p50", "48.01 / 48,01", "50.5 / 50,5"],
                           ["p90", "1234.0 / 1\u00a0234,0", "1234.0 / 1\u00a0234,0"]]
    log = next(p.text_content() for p in page.iter("p") if p.text_content().startswith("Log / Logg"))
    assert log == "Log / Logg: log.xes, 1,234 cases / 1\u00a0234 ärenden, 2025-01-03 to 2027-03-23."
