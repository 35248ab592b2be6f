"""Which activities a log shows ending cases (calibrate/endings.py), on logs cut early.

Found by QA (qaends) on Helsingborg's simulated log cut by bench/export_cut.py: at day 200 the log had 4
withdrawals, each the last row of its case, too few for the floor of 5, so the withdrawn case 33 counted its
five referral answers, never given, as open for 81 days (the police's fitted 527 hours against 504 true);
and at day 100, 4 decisions in, no activity showed cases ending at all, every case read as in progress, and
the retest, which follows a failed test only, as one that follows every test (7 of 7 sendings decided, 20
sent).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from bpmn_io.caselog import LogRecord, table_from_records, wall_seconds
from calibrate.censoredwaits import _next_mapped
from calibrate.endings import case_endings, endings_notes, fewest
from calibrate.waitplace import enabled_waits
from cli import cli

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


def _table(rows: list[tuple[str, str, dt.datetime, dt.datetime, str]]):
    records = [LogRecord(c, a, wall_seconds(s), wall_seconds(e), who, "", n + 2)
               for n, (c, a, s, e, who) in enumerate(rows)]
    return table_from_records(records, source="log.csv")


def _cut_log(cut_midway: int, ending: str = "Återkallad") -> list[tuple[str, str, dt.datetime, dt.datetime, str]]:
    """20 cases received then decided; ``cut_midway`` cases received and nothing more yet (the export cut them
    just after); 3 ended by ``ending`` after receipt; one whose handling time was extended, the last row so
    far."""
    rows = []
    plans = ([("Inkommen", "Beslut")] * 20 + [("Inkommen",)] * cut_midway
             + [("Inkommen", ending)] * 3 + [("Inkommen", "Förläng handläggningstiden")])
    for i, steps in enumerate(plans):
        at = dt.datetime(2025, 1, 6, 9) + i * DAY
        for k, activity in enumerate(steps):
            rows.append((f"C{i}", activity, at + k * 5 * DAY, at + k * 5 * DAY + HOUR, "bo"))
    return rows


def _ends(table) -> dict[str, bool]:
    return {a: bool(e) for a, e in zip(table.activities, case_endings(table), strict=True)}


def test_a_rare_withdrawal_ends_cases_where_the_export_cut_few_cases_just_after_a_step() -> None:
    """2 of 26 cases received and nothing after (Inkommen the last row of 1 in 13 of its cases): 3
    withdrawals, the last row of each of their cases and followed by nothing, end cases (a step that does not
    end them, cut no more often, is the last of 2 cases with a chance of 1 in 169); the one extension, last
    in its one case, does not (1 in 13). Failed before: 3 withdrawals were under the floor of 5."""
    ends = _ends(_table(_cut_log(2)))
    assert fewest(2 / 26) == 2
    assert ends == {"Inkommen": False, "Beslut": True, "Återkallad": True,
                    "Förläng handläggningstiden": False}


def test_a_rare_withdrawal_ends_nothing_where_the_export_cut_many_cases_mid_way() -> None:
    """12 of 36 cases received and nothing after (a third of Inkommen's cases): 3 endings are too few for
    the count (a third cubed is 1 in 27, above 1 in 32), as are 4 with half the cases cut; 5 as before. A
    withdrawal whose name says so ends its cases all the same (qaevid2: calibrate/endings.py's
    ``named_withdrawals``); one whose name does not (``Arkiverad``) is left to the count."""
    ends = _ends(_table(_cut_log(12, ending="Arkiverad")))
    assert fewest(12 / 36) == 4
    assert (ends["Arkiverad"], ends["Beslut"]) == (False, True)
    assert _ends(_table(_cut_log(12)))["Återkallad"] is True
    assert (fewest(0.5), fewest(0.9), fewest(0.0)) == (5, 5, 1)


def _retests(cases: int, failed: int) -> list[tuple[str, str, dt.datetime, dt.datetime, str]]:
    """Each case: bo holds a test; after the ``failed`` first ones a retest comes 10 days later (nobody named,
    begun at the instant the test ends); bo investigates once the retest is in, then reviews; every other
    case goes on to investigate again. No case has ended: no activity is the last row of nearly all its
    cases."""
    rows = []
    for i in range(cases):
        held = dt.datetime(2025, 1, 6, 9) + i * DAY
        rows.append((f"C{i}", "Prov", held - HOUR, held, "bo"))
        ready = held + HOUR
        if i < failed:
            rows.append((f"C{i}", "Omprov", held, held + 10 * DAY, ""))
            ready = held + 10 * DAY + HOUR
        rows.append((f"C{i}", "Utred", ready, ready + HOUR, "bo"))
        rows.append((f"C{i}", "Granska", ready + 2 * HOUR, ready + 3 * HOUR, "bo"))
        if i % 2:
            rows.append((f"C{i}", "Utred", ready + 4 * HOUR, ready + 5 * HOUR, "bo"))
    return rows


def test_a_retest_where_no_case_shows_ended_is_one_that_may_not_come() -> None:
    """3 retests of 10 tests, no case ended: the 7 tests without a retest went on to the investigation, which
    waits for the retest, so the retest did not follow them: 3 of 10, not a wait after every test. Failed
    before: the 7 counted in neither, 3 of 3. The log says what it assumed."""
    table = _table(_retests(10, 3))
    assert not case_endings(table).any()
    (retest,) = enabled_waits(table)
    assert (retest.activity, retest.enabler, retest.enabled, retest.waited_for_by) == (
        "Omprov", "Prov", 3, ("Utred", "Granska"))
    assert retest.always is False
    (said,) = endings_notes(table)
    assert said.startswith("no activity in the log shows cases ending")
    assert "på svenska: ingen aktivitet i loggen visar att ärenden avslutas (ingen är sista rad" in said


def test_a_retest_that_may_not_come_before_the_end_of_a_part_is_no_sure_wait() -> None:
    """The model discovered from Helsingborg's log cut at day 100 puts the retest, once it may not come, in a
    choice with nothing after the first test, at the end of a parallel part: a join without a flow out. The
    test's completion then led to no other mapped step, and the retest read as surely started by it: 4 open
    at the export (3 in cases whose test was passed), fitted 462 hours against 336 true. A node without a flow
    out ends its path as an end event does. Failed before: ({'Omprov'}, False)."""
    graph = nx.DiGraph()
    graph.add_edges_from([("Prov", "Val"), ("Val", "Omprov"), ("Val", "Slut"), ("Omprov", "Slut")],
                         kind="sequence")
    assert _next_mapped(graph, "Prov", {"Prov", "Omprov"}, set()) == ({"Omprov"}, True)
    graph.add_edge("Slut", "Utred", kind="sequence")
    assert _next_mapped(graph, "Prov", {"Prov", "Omprov", "Utred"}, set()) == ({"Omprov", "Utred"}, False)


def test_a_log_that_shows_cases_ending_says_nothing_of_it() -> None:
    assert endings_notes(_table(_cut_log(2))) == ()


def test_discover_says_the_log_shows_no_case_ending(tmp_path: Path) -> None:
    pytest.importorskip("pm4py")
    log = tmp_path / "log.csv"
    log.write_text("case;activity;start;end;resource\n" + "".join(
        f"{c};{a};{s:%Y-%m-%d %H:%M};{e:%Y-%m-%d %H:%M};{who}\n" for c, a, s, e, who in _retests(10, 3)),
        encoding="utf-8")
    done = CliRunner().invoke(cli, ["discover", str(log), "-o", str(tmp_path / "m.bpmn")])
    assert done.exit_code == 0, done.output
    assert done.output.count("note: no activity in the log shows cases ending") == 1
