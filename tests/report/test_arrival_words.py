"""A calibrated profile's arrivals in words: calibrate writes the share by weekday with every fit."""

from __future__ import annotations

from report.valuewords import value_words

# as calibrate wrote it from a simulated Helsingborg log (2026-12-07); the report showed it raw: "per year:
# 120.4, weekdays: 2.866, 1.333, 1.167, 0.933, 0.7, 0, 0, seasonality: ..."
FITTED = {"per_year": 120.4, "weekdays": [2.866, 1.333, 1.167, 0.933, 0.7, 0, 0],
          "seasonality": [0.853, 0.592, 0.972, 1.305, 1.069, 1.155, 0.874, 0.923, 1.123, 1.263, 0.803, 1.069],
          "source": "log sv2.csv (210 cases, 2025-01-03 to 2026-09-29)"}


def test_arrivals_by_weekday_are_said_in_words_in_both_languages() -> None:
    en = value_words("simulation.arrivals", FITTED, {}, "en")
    sv = value_words("simulation.arrivals", FITTED, {}, "sv")
    assert en is not None and sv is not None
    assert en.startswith("120.4 a year; by month against the average: Jan 0.853, Feb 0.592")
    assert en.endswith("; by weekday against the average day: Mon 2.866, Tue 1.333, Wed 1.167, Thu 0.933, "
                       "Fri 0.7, Sat 0, Sun 0")
    assert sv.endswith("; per veckodag mot snittdagen: mån 2,866, tis 1,333, ons 1,167, tor 0,933, fre 0,7, "
                       "lör 0, sön 0")


def test_arrivals_that_words_do_not_cover_are_left_to_the_raw_form() -> None:
    assert value_words("simulation.arrivals", {**FITTED, "weekdays": [1, 2]}, {}, "en") is None
    assert value_words("simulation.arrivals", {"per_year": 40, "weekdays": [1] * 7}, {}, "en") == "40 a year"
