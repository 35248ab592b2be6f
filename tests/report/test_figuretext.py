"""`permitflow simulate`'s table in words (report.figuretext.words_table): the report's words for each figure,
the steps' names, four headings, numbers and notes in the reader's language."""

from __future__ import annotations

import re
from types import SimpleNamespace

from report.figuretext import keys_table, unpriced_figures, words_table

NAN = float("nan")


def est(mean: float, low: float = NAN, high: float = NAN, cut: str = "") -> SimpleNamespace:
    return SimpleNamespace(mean=mean, low=low, high=high, cut=cut)


TABLE = {  # in key order, as the run gives them
    "cases": est(20.0, 18.0, 22.0),
    "cost_per_case": est(18749.6, 17000.2, 20000.0),
    "elapsed_days.T1": est(2.0, 1.5, 2.5),
    "meetings.committee": est(11.0, 11.0, 11.0),
    "outcome_days.refusal": est(NAN),
    "outcome_share.grant": est(0.9, 0.85, 0.95),
    "outcome_share.refusal": est(0.1),
    "utilisation.officer": est(0.25, 0.2, 0.3),
    "wait_days.T2": est(0.5, 0.0, 0.9, "below"),
    "within_deadline_share": est(0.9, 0.8, 1.0),
}
STEPS = {"en": {"T1": "Register", "T2": "Decide"}, "sv": {"T1": "Diarieför", "T2": "Besluta"}}


def test_each_figure_in_words_under_its_heading_in_the_models_order_with_the_profiles_deadline() -> None:
    # T2 before T1 in the model: the steps follow it; staff before committees; outcomes in the order of
    # processes.params.OUTCOMES; a 60-day clock is named; shares in per cent, kronor whole and grouped; a figure
    # every replication gave alike once, its interval "(all alike)" (found by QA: "11 – 11"), said in a note
    assert words_table(TABLE, "en", steps=STEPS["en"], order=("T2", "T1"), clock=(60 * 24.0, 0.0)) == (
        "Whole case                                        mean     95% interval\n"
        "  applications in the simulated period              20          18 – 22\n"
        "  share decided within 60 days                     90%       80% – 100%\n"
        "  cost of work per case (kronor)                18,750  17,000 – 20,000\n"
        "\n"
        "Per step\n"
        "  days waiting at: Decide                         0.50        0 – 0.90*\n"
        "  days spent in: Register                          2.0        1.5 – 2.5\n"
        "\n"
        "Per staff group and committee\n"
        "  utilisation of the case officers                 25%        20% – 30%\n"
        "  meetings of the committee                         11      (all alike)\n"
        "\n"
        "Outcomes\n"
        "  share of cases ending in a permit granted        90%        85% – 95%\n"
        "  share of cases ending in a refusal               10%  (1 replication)\n"
        "  days to the end of cases ending in a refusal       –\n"
        "\n"
        "– no value: no case to measure (or an infinite cost or rate)\n"
        "(1 replication): only one replication measured it (no case of it in the others), too few for an interval\n"
        "(all alike): every replication gave this same value, so there is no interval\n"
        "* the 95% interval reached below zero, where the mean cannot be (too few replications): it is cut there\n"
    )


def test_swedish_writes_its_own_numbers_and_notes() -> None:
    # no clock: the words as written (the library's 4 months); a decimal comma, thousands and per cent after a
    # non-breaking space
    assert words_table(TABLE, "sv", steps=STEPS["sv"], order=("T1", "T2")) == (
        "Hela ärendet                                          medel   95\u00a0% intervall\n"
        "  ansökningar under den simulerade perioden              20          18 – 22\n"
        "  andel beslutade inom 4 månader                       90\u00a0%     80\u00a0% – 100\u00a0%\n"
        "  kostnad för arbetet per ärende (kr)                18\u00a0750  17\u00a0000 – 20\u00a0000\n"
        "\n"
        "Per steg\n"
        "  dagar i: Diarieför                                    2,0        1,5 – 2,5\n"
        "  dagar i väntan vid: Besluta                          0,50        0 – 0,90*\n"
        "\n"
        "Per personalgrupp och nämnd\n"
        "  beläggning för handläggarna                          25\u00a0%      20\u00a0% – 30\u00a0%\n"
        "  möten i nämnden                                        11      (alla lika)\n"
        "\n"
        "Utfall\n"
        "  andel ärenden som slutar med beviljat tillstånd      90\u00a0%      85\u00a0% – 95\u00a0%\n"
        "  andel ärenden som slutar med avslag                  10\u00a0%   (1 upprepning)\n"
        "  dagar till slut för ärenden som slutar med avslag       –\n"
        "\n"
        "– inget värde: inget ärende att mäta (eller en oändlig kostnad eller takt)\n"
        "(1 upprepning): bara en upprepning mätte det (inget sådant ärende i de andra), för få för ett intervall\n"
        "(alla lika): varje upprepning gav samma värde, så det finns inget intervall\n"
        "* 95\u00a0%-intervallet nådde under noll, där medelvärdet inte kan ligga (för få upprepningar): det är avskuret där\n"
    )


def test_long_words_wrap_to_a_terminals_width() -> None:
    named = {"T1": "Check that the application is complete and ask for what is missing"}
    text = words_table({"elapsed_days.T1": est(2.0, 1.5, 2.5)}, "en", steps=named, total=60)
    assert text == (
        "Per step                                  mean  95% interval\n"
        "  days spent in: Check that the\n"
        "    application is complete and ask for\n"
        "    what is missing                        2.0     1.5 – 2.5\n"
    )
    assert max(len(line) for line in text.splitlines()) == 60


def test_applications_whole_and_shares_by_the_reports_one_rule() -> None:
    # found by QA (qareport3): "applications 36.4  35.29 – 37.51" counted applications in hundredths, and
    # shares read "155.9%" beside "100%" (4 significant digits): the report's rule (report.numbers.share)
    table = {"cases": est(69.13, 65.93, 72.34), "cost_share_of_fee": est(1.559, 1.4651, 1.652),
             "within_deadline_share": est(0.9976, 0.9938, 0.99991)}
    lines = words_table(table, "en", steps={}).splitlines()
    assert lines[1:] == [
        "  applications in the simulated period     69       66 – 72",
        "  share decided within 4 months         99.8%  99.4% – 100%",
        "  cost of work as a share of the fee     156%   147% – 165%",
    ]


def test_a_cost_without_a_price_is_no_value_and_a_note_says_why() -> None:
    # found by QA (qadev): `convert --to profile` writes no cost_per_hour, and simulate then printed "cost of work
    # per case (kronor) 0 (all alike)" beside an hour of work per case, as if the work cost nothing
    table = {"cost_per_case": est(0.0, 0.0, 0.0), "work_hours.T1": est(1.0, 1.0, 1.0)}
    unpriced = unpriced_figures(table)
    assert unpriced == ["cost_per_case"]
    assert words_table(table, "en", steps=STEPS["en"], unpriced=unpriced) == (
        "Whole case                        mean  95% interval\n"
        "  cost of work per case (kronor)     –\n"
        "\n"
        "Per step\n"
        "  hours of work in: Register         1   (all alike)\n"
        "\n"
        "– the cost: the work has no price (no staff group that does it has cost_per_hour: in the profile, "
        "kronor per hour; docs/profile.md)\n"
        "(all alike): every replication gave this same value, so there is no interval\n"
    )
    assert words_table(table, "sv", steps=STEPS["sv"], unpriced=unpriced).splitlines()[-2] == (
        "– kostnaden: arbetet har inget pris (ingen personalgrupp som gör det har cost_per_hour: i profilen, "
        "kronor per timme; docs/profile.md)"
    )
    assert keys_table(table, unpriced=unpriced).splitlines()[1:] == [
        "cost_per_case             0 kr                           [0, 0]",
        "work_hours.T1             1 hours                        [1, 1]",
        "cost_per_case: 0 because the work has no price (no staff group that does it has cost_per_hour: in the "
        "profile, kronor per hour; docs/profile.md)",
    ]


def test_a_priced_cost_or_no_work_at_all_is_shown_as_it_is() -> None:
    assert unpriced_figures({"cost_per_case": est(700.0, 700.0, 700.0), "work_hours.T1": est(1.0, 1.0, 1.0)}) == []
    # no work: 0 kronor is the cost of no work, not a missing price
    assert unpriced_figures({"cost_per_case": est(0.0, 0.0, 0.0), "work_hours.T1": est(0.0, 0.0, 0.0)}) == []
    # some replication priced some work: the figure is a cost
    assert unpriced_figures({"cost_per_case": est(0.0, 0.0, 5.0), "work_hours.T1": est(1.0, 1.0, 1.0)}) == []


def test_a_rows_mean_and_interval_share_one_rounding_in_each_language() -> None:
    """Found by QA (qawords): "0,0003642 – 0,02438" beside a mean of four other significant digits; each row
    now has the decimals of two significant digits of its interval's width, for its mean and both ends."""
    table = {"wait_days.T1": est(0.01242, 0.0003642, 0.02438), "elapsed_days.T2": est(84.48, 72.39, 96.57),
             "wait_days.T2": est(0.01042)}
    rows = {lang: [re.split(r" {2,}", line.strip()) for line in words_table(table, lang, steps=STEPS[lang])
                   .splitlines()[1:4]] for lang in ("en", "sv")}
    assert rows["en"] == [["days waiting at: Register", "0.012", "0.000 – 0.024"],
                          ["days spent in: Decide", "84", "72 – 97"],
                          ["days waiting at: Decide", "0.0104", "(1 replication)"]]
    assert rows["sv"] == [["dagar i väntan vid: Diarieför", "0,012", "0,000 – 0,024"],
                          ["dagar i: Besluta", "84", "72 – 97"],
                          ["dagar i väntan vid: Besluta", "0,0104", "(1 upprepning)"]]
