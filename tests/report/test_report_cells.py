"""The report's table cells (the template's ``num`` filter, report.tablecells.cell) are formatted once and
their Swedish text derived from the English one (goal 7 of issue 16: the filter was most of the report's
rendering, serial work after the run's last units): the same text as formatting each language apart."""

from __future__ import annotations

import math
import random
import re

import pytest
from markupsafe import Markup

from report.numbers import SEPARATORS, machine
from report.tablecells import cell, fmt


def _reference(value: object, digits: int = 2) -> Markup:
    """The cell as written before: each language formatted on its own, escaped by Markup.format."""
    en, sv = fmt(value, digits, "en"), fmt(value, digits, "sv")
    if en == sv:
        return Markup.escape(en)
    return Markup('<span class="en">{}</span><span class="sv">{}</span>').format(en, sv)


def _values() -> list[object]:
    rng = random.Random(16)
    values: list[object] = [
        0.0, -0.0, 1.0, -1.0, 0.005, -0.005, 0.0042, -0.0000001, 1e-6, -1e-6, 9.999e-7, 0.01, 0.00999,
        999.995, 1000.0, -1234.5, 1234567.891, -98765432.1, 1e15, -1e15, 1e21, 5e-324,
        math.nan, math.inf, -math.inf, 0, 7, -7, 1234, -123456789, 10**20, True, False, None,
        "officer", "a<b & 'c'", "-1.5", "1,234",
    ]
    for _ in range(3000):
        size = 10.0 ** rng.uniform(-8, 9)
        values.append(rng.choice((1, -1)) * size)
        values.append(rng.randint(-10**7, 10**7))
    return values


def test_a_cell_is_the_text_of_each_language_formatted_apart() -> None:
    for digits in (0, 1, 2, 3):
        for value in _values():
            got, want = cell(value, digits), _reference(value, digits)
            assert isinstance(got, Markup)
            assert str(got) == str(want), (value, digits)


def test_a_cell_of_a_word_is_escaped_once() -> None:
    assert str(cell("a<b")) == "a&lt;b"
    assert str(cell(Markup("<b>x</b>"))) == str(_reference(Markup("<b>x</b>"))) == "&lt;b&gt;x&lt;/b&gt;"
    assert str(cell(True)) == "True" and str(cell(None)) == "–" and str(cell(math.nan)) == "–"


def _machine_reference(text: str, lang: str) -> str:
    """report.numbers.machine as written before its zero test was made a set's (the same rule)."""
    point, group, minus = SEPARATORS[lang]
    sign = text.startswith("-")
    whole, dot, fraction = text.lstrip("-+").partition(".")
    if whole.isdigit() and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(group + whole[i:i + 3] for i in range(head, len(whole), 3))
    said = whole + (point + fraction if dot else "")
    zero = not any(c in "123456789" for c in whole + fraction)
    return (minus if sign and not zero else "") + said


def test_a_machine_number_reads_the_same() -> None:
    texts = ["0", "-0", "-0.00", "0.000", "-0.0001", "-1", "10", "-1000", "1234567.891", "-98765432.10", "inf", "-inf",
             "+5", "-", "", ".5", "-.0", "100000000000000000000.00", "abc", "-a1"]
    rng = random.Random(7)
    texts += [f"{rng.choice((1, -1)) * 10.0 ** rng.uniform(-9, 12):.{rng.randint(0, 6)}f}" for _ in range(2000)]
    for lang in SEPARATORS:
        for text in texts:
            assert machine(text, lang) == _machine_reference(text, lang), (text, lang)


def test_a_figures_table_cell_is_the_filters_cell() -> None:
    """The figures tables' rows are written in Python (report.figuretables.figure_tables) with a faster cell of
    two decimals: the same text as the template's ``num`` filter gives, for every kind of value."""
    from report.tablecells import cell_text

    values = _values() + [0.004999, -0.004999, 0.005000001, 0.994999, 999999.995, -0.0, 2.0 ** 53, -(2.0 ** 60)]
    for value in values:
        assert cell_text(value) == str(cell(value)), value


def test_a_figures_table_says_what_the_template_said() -> None:
    """A point's two tables: the key figures with their descriptions and replications, the change
    against the baseline (marked when sure), an interval the replications cannot give in words,
    and every figure under "All figures"; words escaped once."""
    from report.figuretables import figure_tables

    town = {"en": "Åstorp", "sv": "Åstorp"}
    row = {"member": "astorp", "town": town, "figure": "submission_to_decision_mean_days",
           "key": "astorp/submission_to_decision_mean_days",
           "words": {"en": "a<b", "sv": "a<b"}, "mean": 0.9, "low": 0.8, "high": 1.0, "beyond": None,
           "diff": {"mean": -0.25, "ci": [-0.3, -0.2], "significant": True},
           "description": {"en": "the 'share'", "sv": "andelen"}, "n": 20}
    one = {**row, "figure": "cases", "mean": 12.0, "low": None, "high": None, "beyond": "one", "diff": None}
    from report.chance import Highlights, mark_highlights

    # highlighted once the report's differences are all known (report.chance): here it is one of them
    chance = Highlights(2, 1, frozenset({("s", 0, "astorp/submission_to_decision_mean_days")}))
    html = mark_highlights(str(figure_tables([row, one], [row, one], {"baseline": "status-quo"},
                                             {"en": "today", "sv": "i dag"})), "s", 0, chance)
    assert html.count("<table") == 2 and html.endswith("  </details>")
    assert "Change against today</span><span class=\"sv\">Ändring mot i dag" in html
    assert 'title="the &#39;share&#39;"' in html and "a&lt;b" in html and "a<b" not in html
    # days with one decimal, as the longest waits give them (report.tablecells.figure_digits)
    assert '<td class="n sig"><span class="en">-0.2</span><span class="sv">−0,2</span> *</td>' in html
    assert "only one measured it" in html and "<td></td><td></td>" in html
    unmarked = mark_highlights(str(figure_tables([row], [row], {"baseline": "x"}, None)), "s", 0, Highlights(2, 1))
    assert "sig" not in unmarked and " *" not in unmarked  # its interval is clear of zero, but not highlighted
    assert "All figures</span><span class=\"sv\">Alla mått</span> (2)" in html
    plain = str(figure_tables([row], [row], None, None))
    assert "Change" not in plain and "<td></td>" not in plain
    share = {**row, "figure": "within_deadline_share", "mean": 0.998, "low": 0.99, "high": 1.0, "beyond": "above",
             "diff": {"mean": -0.0016, "ci": [-0.003, -0.001], "significant": True}}
    shown = str(figure_tables([share], [], {"baseline": "x"}, None))
    assert '<span class="en">99.8%</span><span class="sv">99,8\xa0%</span>' in shown
    assert "it would reach above 100%" in shown and "det skulle gå över 100\xa0%" in shown
    assert "-0.2 percentage points" in shown and "Change against x</span>" in shown


def test_a_figure_the_same_in_every_replication_is_said_once() -> None:
    """Found by QA: a model of fixed times read "17,00 – 17,00" in the figures tables, where the sentences say
    "17 dagar (samma i varje körning)"; its change against the baseline alike."""
    from report.figuretables import figure_tables

    town = {"en": "Fast", "sv": "Fast"}
    fixed = {"member": "fast", "town": town, "figure": "complete_to_decision_mean_days",
             "key": "fast/complete_to_decision_mean_days",
             "words": {"en": "days", "sv": "dagar"}, "mean": 17.0, "low": 17.0, "high": 17.0, "beyond": None,
             "diff": {"mean": -5.0, "ci": [-5.0, -5.0], "significant": True}, "description": None, "n": 10}
    html = str(figure_tables([fixed], [], {"baseline": "x"}, None))
    assert "17.0 – 17.0" not in html and "-5.0 – -5.0" not in html
    assert html.count('<span class="en">the same in every run</span><span class="sv">samma i varje körning</span>') == 2
    assert '<td class="n"><span class="en">17.0</span><span class="sv">17,0</span></td>' in html  # the mean, once


def test_applications_are_counted_whole_and_say_their_period() -> None:
    """Found by QA (qareport3): the "applications" row read "69.13 (65.93 – 72.34)" and its change "0.00", with no
    period (a year? the whole run?): whole applications, in the simulated period the scenario's line states."""
    from report.figuretables import figure_tables
    from report.words import figure_words

    assert figure_words("helsingborg/cases", "en") == "applications in the simulated period"
    assert figure_words("helsingborg/cases", "sv") == "ansökningar under den simulerade perioden"
    row = {"member": "h", "town": {"en": "H", "sv": "H"}, "figure": "cases", "key": "h/cases",
           "words": {"en": "a", "sv": "a"},
           "mean": 1069.13, "low": 1065.93, "high": 1072.34, "beyond": None, "description": None, "n": 30,
           "diff": {"mean": 0.0, "ci": [-0.4, 0.6], "significant": False}}
    html = str(figure_tables([row], [], {"baseline": "x"}, None))
    assert '<td class="n"><span class="en">1,069</span><span class="sv">1\xa0069</span></td>' in html
    assert ('<span class="en">1,066</span><span class="sv">1\xa0066</span> – <span class="en">1,072</span>'
            '<span class="sv">1\xa0072</span>') in html
    assert "1,069.13" not in html and "0.00" not in html


def test_every_share_in_a_table_follows_the_one_rule() -> None:
    """Found by QA (qareport3): one table read "99 %" beside "0,6 %" and "99,5 % – 99,997 %": whole per cent, one
    decimal below 1 % and above 99 % (report.numbers.share), an interval's ends rounding to 100 % and 0 %."""
    from report.figuretables import figure_tables

    def row(figure: str, mean: float, low: float, high: float) -> dict[str, object]:
        return {"member": "h", "town": {"en": "H", "sv": "H"}, "figure": figure, "words": {"en": "a", "sv": "a"},
                "mean": mean, "low": low, "high": high, "beyond": None, "description": None, "n": 30, "diff": None}

    html = str(figure_tables([row("within_deadline_share", 0.9976, 0.9952, 0.99997),
                              row("extended_share", 0.0016, 0.00055, 0.0049),
                              row("outcome_share.grant", 0.7633, 0.7452, 0.7804)], [], None, None))
    cells = re.findall(r'<span class="sv">([^<]*)</span>', html)
    assert [c for c in cells if c.endswith("%")] == [
        "99,8\xa0%", "99,5\xa0%", "100\xa0%", "0,2\xa0%", "0,1\xa0%", "0,5\xa0%", "76\xa0%", "75\xa0%", "78\xa0%"]


def test_a_share_near_100_per_cent_has_an_interval_not_too_few_replications() -> None:
    """Found by QA (qareport3): "too few replications" beside 99,8 % and 0,2 % at 30 replications. The t-interval
    of a share near an end reached past it; a share's Wilson interval (scenarios.compare.share_interval) stays
    within 0–1, so the warning is left to what it says: an interval below zero, or one replication."""
    from report.bounds import impossible
    from scenarios.compare import estimate
    from simulator.stats import natural_bounds

    late = [1.0] * 26 + [0.986, 0.985, 0.97, 0.987]  # Helsingborg's within 4 months: 4 replications with a late case
    extended = [0.0] * 27 + [0.0143, 0.0164, 0.0186]
    for name, values in (("h/within_deadline_share", late), ("h/extended_share", extended)):
        est = estimate(values, bounds=natural_bounds(name))
        assert est.cut == "" and 0 < est.low < est.mean < est.high < 1, (name, est)
        assert impossible(name, est.low, est.high, cut=est.cut) is None
    # far from both ends, as wide as the t-interval (to 2 %: the Wilson centre moves by z²/2n)
    middle = [0.70 + 0.01 * (i % 10) for i in range(30)]
    t = estimate(middle)
    wilson = estimate(middle, bounds=(0.0, 1.0))
    assert wilson.high - wilson.low == pytest.approx(t.high - t.low, rel=0.02)
    # a time is still cut below zero and still "too few replications"
    days = estimate([0.0, 0.0, 3.0], bounds=(0.0, math.inf))
    assert days.cut == "below" and impossible("h/wait_days.T", days.low, days.high, cut=days.cut) == "below"


def test_days_in_the_figures_tables_have_the_one_decimal_of_the_longest_waits() -> None:
    """Found by QA (qareport3): the figures tables said "60,06 (59,28 – 60,84)" days and a change of "0,00" days,
    the longest waits beside them "32,0 (31,3 – 32,7)", the answers whole days."""
    from report.figuretables import figure_tables

    row = {"member": "h", "town": {"en": "H", "sv": "H"}, "figure": "complete_to_decision_mean_days",
           "key": "h/complete_to_decision_mean_days", "words": {"en": "a", "sv": "a"}, "mean": 60.06, "low": 59.28, "high": 60.84, "beyond": None,
           "description": None, "n": 30, "diff": {"mean": 6.52, "ci": [5.55, 7.48], "significant": True}}
    html = str(figure_tables([row], [], {"baseline": "x"}, None))
    cells = re.findall(r'<span class="sv">([^<]*)</span>', html)
    assert [c for c in cells if re.fullmatch(r"[\d,]+", c)] == ["60,1", "59,3", "60,8", "6,5", "5,5", "7,5"]
