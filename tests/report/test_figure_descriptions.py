"""The words beside the figures: every key figure is described, and the cost figure says its limits."""

from __future__ import annotations

from report.html import KEY_FIGURES
from simulator.glossary import describe


def test_every_key_figure_of_the_report_is_described():
    assert [key for key in KEY_FIGURES if not describe(key)] == []


def test_the_cost_share_says_what_it_can_and_cannot_show():
    text = describe("helsingborg/cost_share_of_fee")
    assert "It can show" in text and "It cannot show whether a fee covers" in text
    assert "Ängelholm's fee rate" in text and "by construction" in text


def test_clock_figures_say_that_withdrawn_and_dismissed_cases_are_not_counted():
    for key in ("within_deadline_share", "extended_share", "complete_to_decision_mean_days",
                "complete_to_decision_p95_days"):
        assert "withdrawn and dismissed cases have no decision and are not counted" in describe(key), key


def test_figures_of_an_element_or_an_outcome_name_it():
    assert describe("wait_days.Task_Beslut") == (
        "Mean days step Task_Beslut waited before it began: in the queue for a pool member (also while the office "
        "is closed) or for a meeting.")
    assert "avvisning" in describe("outcome_share.dismissal")
    assert describe("no_such_figure") == ""
