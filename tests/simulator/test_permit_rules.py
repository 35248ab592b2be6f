"""The permit process's rules in the engine, each against a trace worked out by hand.

- the supplement loop is bounded: at most ``loop: {max: n}`` requests, then the case is
  decided as it stands or dismissed; a reminder (non-interrupting timer) and a final
  deadline (interrupting timer) on the wait for the applicant's answer;
- ``set:`` marks a case (three failed knowledge tests) and a later gateway reads the mark;
- delegation by outcome: officers grant, the committee refuses;
- the legal clock's one extension, taken when the projected decision would pass the
  deadline and only while a notice can still be given in time;
- outcome figures: the share of each outcome and the time to it.

Cases arrive at hour 0 (Monday 2025-01-06 00:00); pool ``officer`` works 24/7.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from simmodels import boundary, end, par, proc, replay_params, run, start, task, terminate, throw, trace, xor

from processes.errors import InputError, SimulationError
from processes.params import LegalClock
from simulator.compiler import check_executable
from simulator.stats import Summary, figures

# --------------------------------------------------------------------------- the supplement loop

#: check C; complete? XC; another round? XN; request R; wait W for the answer (reminder BR after
#: 14 days, deadline BD after 28); the answer XS: a supplement (back to C) or a withdrawal (TW);
#: as it stands or dismissed? XA: tell the applicant T, then the clock starts K and the case ends E;
#: or dismissed D (terminate)
SUPPLEMENT = proc(
    [start("S"), task("C"), xor("XC"), xor("XN"), task("R"), task("W"),
     boundary("BR", "W", timer_text="P14D", interrupting=False), task("PR"), end("ER"),
     boundary("BD", "W", timer_text="P28D"), xor("XS"), terminate("TW"),
     xor("XA"), task("T"), throw("K"), end("E"), terminate("D")],
    "S>C C>XC XC>K XC>XN XN>R XN>XA R>W W>XS XS>C XS>TW BR>PR PR>ER BD>XA XA>T XA>D T>K K>E",
)


def supplement_params(answer: str, *, dismiss: float = 0.0) -> object:
    return replay_params(
        f"""    C: {{delay: 1h}}
    XC: {{probabilities: {{XC_K: 0.0, XC_XN: 1.0}}}}
    XN: {{probabilities: {{XN_R: 1.0, XN_XA: 0.0}}}}
    R: {{loop: {{max: 3}}}}
    W: {{delay: {answer}}}
    PR: {{delay: 1h}}
    XS: {{probabilities: {{XS_C: 1.0, XS_TW: 0.0}}}}
    XA: {{probabilities: {{XA_T: {1 - dismiss}, XA_D: {dismiss}}}}}
    T: {{delay: 2h}}""",
        extra="""  outcomes: {E: grant, TW: withdrawal, D: dismissal}""")


def test_the_supplement_loop_stops_after_the_last_allowed_request():
    """Always incomplete, the applicant answers after 5 days (120 h): three rounds, then as it stands.

    C 0-1, R at 1, W 1-121; C 121-122, R, W 122-242; C 242-243, R, W 243-363; C 363-364;
    no round left: as it stands, T 364-366, clock start K and the end at 366.
    """
    r = run(SUPPLEMENT, supplement_params("5d"))
    assert trace(r) == [
        ("C", 0.0, 0.0, 1.0), ("R", 1.0, 1.0, 1.0), ("W", 1.0, 1.0, 121.0),
        ("C", 121.0, 121.0, 122.0), ("R", 122.0, 122.0, 122.0), ("W", 122.0, 122.0, 242.0),
        ("C", 242.0, 242.0, 243.0), ("R", 243.0, 243.0, 243.0), ("W", 243.0, 243.0, 363.0),
        ("C", 363.0, 363.0, 364.0), ("T", 364.0, 364.0, 366.0),
    ]
    assert (r.cases[0].end, r.cases[0].outcome) == (366.0, "E")


def test_the_cap_closes_only_the_flow_into_the_request_not_the_earlier_choice():
    """'Complete? no' can still leave the loop through 'another round? no', so the cap leaves it
    alone: a used-up loop leads to 'as it stands' (T), never to a made-up 'complete'."""
    r = run(SUPPLEMENT, supplement_params("5d"))
    assert [a.element for a in r.activities if a.element in ("T", "R")] == ["R", "R", "R", "T"]


def test_no_answer_brings_a_reminder_after_two_weeks_and_the_deadline_after_four():
    """The answer would take 40 days: the reminder fires at 1 + 336 h (PR 337-338, then its own
    end), the deadline at 1 + 672 = 673 h interrupts the wait, and the case is dismissed there."""
    r = run(SUPPLEMENT, supplement_params("40d", dismiss=1.0))
    assert trace(r) == [
        ("C", 0.0, 0.0, 1.0), ("R", 1.0, 1.0, 1.0),
        ("BR", 337.0, 337.0, 337.0), ("PR", 337.0, 337.0, 338.0),
        ("BD", 673.0, 673.0, 673.0),
    ]
    case = r.cases[0]
    assert (case.end, case.outcome) == (673.0, "D")
    f = figures(r)
    assert (f["outcome_share.dismissal"], f["outcome_days.dismissal"]) == (1.0, pytest.approx(673 / 24))
    assert (f["outcome_share.grant"], f["outcome_share.withdrawal"]) == (0.0, 0.0)
    assert math.isnan(f["outcome_days.grant"])


def test_a_dismissal_ends_the_case_while_other_branches_still_wait():
    """Remisser R2 (100 days) run beside the supplement loop; the dismissal (terminate) ends both."""
    p = proc([start("S"), par("G"), task("R2"), end("E2"), task("R"), task("W"),
              boundary("BD", "W", timer_text="P28D"), terminate("D"), end("E")],
             "S>G G>R2 R2>E2 G>R R>W W>E BD>D")
    r = run(p, replay_params("    R2: {delay: 100d}\n    W: {delay: 40d}"))
    assert (r.cases[0].end, r.cases[0].outcome) == (672.0, "D")


# --------------------------------------------------------------------------- set: marks a case


def test_set_marks_the_case_and_a_later_gateway_reads_the_mark():
    """Three failed tests (F) set ``failed``; the decision's outcome gateway X refuses such cases."""
    p = proc([start("S"), xor("T"), task("F"), xor("J"), xor("X"), end("G"), end("RF")],
             "S>T T>F T>J F>J J>X X>G X>RF")
    attrs = "  attributes:\n    failed: {values: [false]}\n"
    cond = "    X: {conditions: {X_RF: 'failed == true', X_G: 'failed == false'}}\n"
    failing = run(p, replay_params("    T: {probabilities: {T_F: 1.0, T_J: 0.0}}\n    F: {set: {failed: true}}\n"
                                   + cond, extra=attrs))
    passing = run(p, replay_params("    T: {probabilities: {T_F: 0.0, T_J: 1.0}}\n    F: {set: {failed: true}}\n"
                                   + cond, extra=attrs))
    assert (failing.cases[0].outcome, passing.cases[0].outcome) == ("RF", "G")


def test_set_needs_a_declared_attribute():
    with pytest.raises(InputError, match=r"elements\.F\.set\.failed.*not declared"):
        replay_params("    F: {set: {failed: true}}")


# --------------------------------------------------------------------------- delegation by outcome

#: the decision B, the clock stop Z, the outcome gateway XO: grant G or refusal RF
DECISION = proc([start("S"), task("B", name="Besluta"), throw("Z"), xor("XO"), end("G"), end("RF")],
                "S>B B>Z Z>XO XO>G XO>RF")
BODIES = """  decision:
    element: B
    delegation: {delegation}
    outcome_gateway: XO
    bodies:
      committee: {{meetings: {{dates: [2025-01-20], at: "13:00"}}}}
      officer: {{pool: officer, duration: 1h}}
  outcomes: {{G: grant, RF: refusal}}
"""


def decision_params(delegation: str, refuse: float, extra: str = "") -> object:
    return replay_params(f"    XO: {{probabilities: {{XO_G: {1 - refuse}, XO_RF: {refuse}}}}}",
                         extra=BODIES.format(delegation=delegation) + extra)


def test_officers_grant_and_refusals_wait_for_the_committee():
    """Committee on Monday 2025-01-20 13:00 = hour 14 * 24 + 13 = 349; an officer takes 1 h."""
    order = "{grant: officer, refusal: committee}"
    granted = run(DECISION, decision_params(order, 0.0))
    refused = run(DECISION, decision_params(order, 1.0))
    assert [(a.element, a.resource, a.end) for a in granted.activities] == [("B", "officer", 1.0)]
    assert [(a.element, a.resource, a.end) for a in refused.activities] == [("B", "committee", 349.0)]
    assert (granted.cases[0].outcome, refused.cases[0].outcome) == ("G", "RF")


def test_one_level_for_every_outcome_still_works():
    refused = run(DECISION, decision_params("officer", 1.0))
    assert [(a.resource, a.end) for a in refused.activities] == [("officer", 1.0)]


@pytest.mark.parametrize("delegation,message", [
    ("{grant: officer}", r"simulation\.decision\.delegation: missing key 'refusal'"),
    ("{grant: officer, refusal: board}", r"simulation\.decision\.delegation\.refusal: unknown delegation level 'board'"),
    ("{grant: officer, appeal: committee}", r"simulation\.decision\.delegation\.appeal: unknown outcome 'appeal'"),
    ("{grant: manager, refusal: committee}", r"simulation\.decision\.delegation\.grant: delegation 'manager' has no decision body"),
])
def test_a_bad_delegation_order_is_named_precisely(delegation, message):
    with pytest.raises(InputError, match=message):
        decision_params(delegation, 0.5)


def test_delegation_by_outcome_needs_the_outcome_gateway():
    text = BODIES.format(delegation="{grant: officer, refusal: committee}").replace("    outcome_gateway: XO\n", "")
    with pytest.raises(InputError, match=r"simulation\.decision\.outcome_gateway: delegation by outcome needs"):
        replay_params("", extra=text)


def test_an_outcome_gateway_whose_branch_reaches_no_decided_outcome_cannot_run():
    wrong = replay_params("    XO: {probabilities: {XO_G: 0.5, XO_RF: 0.5}}",
                          extra=BODIES.format(delegation="officer").replace("RF: refusal", "RF: withdrawal"))
    with pytest.raises(SimulationError, match=r"flow XO_RF of the outcome gateway reaches end events of no decided"):
        check_executable(DECISION, wrong)


# --------------------------------------------------------------------------- the 4-month extension

#: A work before the clock starts at K; W (delay) the investigation; XE: extend? F notice; J merge;
#: the decision B, the clock stop Z, the end E
EXTENSION = proc(
    [start("S"), throw("K"), task("W"), xor("XE"), task("F"), xor("J"), task("B"), throw("Z"), end("E")],
    "S>K K>W W>XE XE>F XE>J F>J J>B B>Z Z>E",
)
CLOCK = """  clock: {{start: K, stop: Z, deadline: 10d, extension: 10d, extension_flow: XE_F{rule}}}
  decision:
    element: B
    delegation: {level}
    bodies:
      committee: {{meetings: {{dates: [2025-01-20, 2025-02-03], at: "13:00"}}}}
      officer: {{pool: officer, duration: 30m}}
"""


def extension_run(work: str, level: str = "committee", rule: str = "", elements: str = ""):
    return run(EXTENSION, replay_params(f"    W: {{delay: {work}}}\n    F: {{delay: 1h}}\n" + elements,
                                        extra=CLOCK.format(level=level, rule=rule)))


def test_the_extension_is_taken_when_the_next_meeting_falls_after_the_deadline():
    """Ready at 50 h; the deadline is 240 h; the next meeting (349 h) is later: extend, notify (F 50-51),
    decided at 349 h -- late for 10 days, on time for the extended 20."""
    r = extension_run("50h")
    case = r.cases[0]
    assert (case.extended, case.decision) == (True, 349.0)
    assert ("F", 50.0, 50.0, 51.0) in trace(r)
    f = figures(r)
    assert (f["extended_share"], f["within_deadline_share"], f["within_legal_time_share"]) == (1.0, 0.0, 1.0)


def test_no_extension_when_the_meeting_is_in_time():
    """A meeting at 349 h with a 20-day deadline (480 h): no need."""
    r = run(EXTENSION, replay_params("    W: {delay: 50h}\n    F: {delay: 1h}",
                                     extra=CLOCK.format(level="committee", rule="").replace("deadline: 10d",
                                                                                            "deadline: 20d")))
    assert (r.cases[0].extended, r.cases[0].decision) == (False, 349.0)
    assert figures(r)["extended_share"] == 0.0


def test_no_extension_once_the_deadline_has_passed():
    """Ready at 300 h, after the 240-h deadline: a notice can no longer be given in time; decided
    at 349 h and late."""
    r = extension_run("300h")
    assert (r.cases[0].extended, r.cases[0].decision) == (False, 349.0)
    f = figures(r)
    assert (f["extended_share"], f["within_legal_time_share"], f["within_extended_deadline_share"]) == (0.0, 0.0, 1.0)


def test_an_officer_decides_at_once_so_no_extension():
    r = extension_run("50h", level="officer")
    assert (r.cases[0].extended, r.cases[0].decision) == (False, 50.5)


def test_the_extension_by_probability_still_only_before_the_deadline():
    probs = "    XE: {probabilities: {XE_F: 1.0, XE_J: 0.0}}\n"
    early = extension_run("50h", rule=", extension_rule: probabilities", elements=probs)
    late = extension_run("300h", rule=", extension_rule: probabilities", elements=probs)
    assert (early.cases[0].extended, late.cases[0].extended) == (True, False)


def test_the_projected_rule_refuses_probabilities_on_its_gateway():
    with pytest.raises(SimulationError, match=r"'XE': the legal clock's extension rule \(projected\) decides"):
        extension_run("50h", elements="    XE: {probabilities: {XE_F: 0.5, XE_J: 0.5}}\n")


# --------------------------------------------------------------------------- outcome figures


def test_outcome_shares_and_times_over_every_case_clock_figures_over_decided_ones():
    """Four cases after the warm-up: a grant decided 60 days after completeness, a refusal after 150
    (extended), a withdrawal (the clock started, no decision) and a dismissal (never complete)."""
    clock = LegalClock("C", "D", 4 * 730.5, 4 * 730.5, deadline_months=4, extension_months=4)
    s = Summary(0.0, clock, dt.date(2025, 1, 1), outcomes={"G": "grant", "RF": "refusal", "TW": "withdrawal",
                                                           "D": "dismissal"})
    day = 24.0
    s.add_case(0.0, 10 * day, 70 * day, 72 * day, "G")
    s.add_case(0.0, 10 * day, 160 * day, 161 * day, "RF", extended=True)
    s.add_case(0.0, 10 * day, math.nan, 40 * day, "TW")
    s.add_case(0.0, math.nan, math.nan, 50 * day, "D")
    f = s.figures()
    assert {k: f[f"outcome_share.{k}"] for k in ("grant", "refusal", "withdrawal", "dismissal")} == {
        "grant": 0.25, "refusal": 0.25, "withdrawal": 0.25, "dismissal": 0.25}
    assert [f[f"outcome_days.{k}"] for k in ("grant", "refusal", "withdrawal", "dismissal")] == [72, 161, 40, 50]
    assert (f["cases"], f["cases_decided"], f["cases_undecided"]) == (4, 2, 2)
    # complete 11 January: 4 months to 11 May (120 days), 8 to 11 September (243 days): the grant (60 d) is
    # within, the refusal (150 d) within its extended time
    assert (f["within_deadline_share"], f["within_legal_time_share"], f["extended_share"]) == (0.5, 1.0, 0.5)
    assert f["complete_to_decision_mean_days"] == 105.0
