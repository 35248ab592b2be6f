"""A wait whose enabler the miner made optional runs beside what follows the choice, not before it
(calibrate/waitplace.py).

Found by QA (qaevidence) on Helsingborg's simulated log cut at day 90 (bench/export_cut.py): the miner made
the last two referral sendings optional (one case of 24 had none yet), each answer was placed inside the
choice of its sending, so the next step waited for it; that step (the next sending, or the call to the test)
began at the very instant the answer began, and the answer, overtaken at once, fitted 0 hours (504 true).
The hand-made log: 16 cases; bo registers each and sends a referral to A, whose answer (no one named) comes
20-22 days later, and at the instant that sending ends, as the answer's wait begins, sends one to B, whose
answer comes 10 days later; in 4 cases no referral goes to A; bo investigates when the answers are in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli import cli

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


def _rows() -> list[tuple[str, str, dt.datetime, dt.datetime, str]]:
    rows = []
    for i in range(16):
        begun = dt.datetime(2025, 1, 6, 9) + i * 2 * DAY
        rows.append((f"C{i}", "Diarieför", begun, begun + HOUR / 4, "bo"))
        at = begun + HOUR / 4
        if i % 4:
            rows.append((f"C{i}", "Skicka till A", at, at + HOUR / 4, "bo"))
            at += HOUR / 4
            rows.append((f"C{i}", "Svar från A", at, at + (20 + i % 3) * DAY, ""))
        rows.append((f"C{i}", "Skicka till B", at, at + HOUR / 4, "bo"))
        rows.append((f"C{i}", "Svar från B", at + HOUR / 4, at + HOUR / 4 + 10 * DAY, ""))
        done = begun + 25 * DAY
        rows.append((f"C{i}", "Utred", done - 3 * HOUR, done, "bo"))
    return rows


def _placed(text: str, activity: str, enabler: str, *waiting: str) -> str:
    pytest.importorskip("pm4py")
    from pm4py.objects.process_tree.utils.generic import parse

    from calibrate.waitplace import EnabledWait, place_waits

    return str(place_waits(parse(text), (EnabledWait(activity, enabler, 10, 10, waiting),))).replace("'", "")


def test_a_wait_after_an_optional_enabler_runs_beside_what_follows_the_choice() -> None:
    # the next sending does not wait for the answer: the optional sending and its answer beside it, up to the
    # investigation, which waits
    assert _placed("->( 'register', X( tau, 'send A' ), 'send B', 'investigate' )", "answer A", "send A",
                   "investigate") \
        == "->( register, +( X( tau, ->( send A, answer A ) ), send B ), investigate )"
    # the step after the choice waits for the answer: it stays in the choice, before that step
    assert _placed("->( X( tau, 'send A' ), 'investigate' )", "answer A", "send A", "investigate") \
        == "->( X( tau, ->( send A, answer A ) ), investigate )"
    # a choice of two steps is no optional part: left as it was (the wait ends with the choice)
    assert _placed("->( X( 'send A', 'phone A' ), 'send B', 'investigate' )", "answer A", "send A",
                   "investigate") \
        == "->( X( ->( send A, answer A ), phone A ), send B, investigate )"


def test_discover_fits_the_answer_to_an_optional_sending_from_its_sending(tmp_path: Path) -> None:
    pytest.importorskip("pm4py")
    log = tmp_path / "log.csv"
    log.write_text("case;activity;start;end;resource\n" + "".join(
        f"{c};{a};{s:%Y-%m-%d %H:%M};{e:%Y-%m-%d %H:%M};{who}\n" for c, a, s, e, who in _rows()),
        encoding="utf-8")
    done = CliRunner().invoke(cli, ["discover", str(log), "-o", str(tmp_path / "m.bpmn"), "--profile-out",
                                    str(tmp_path / "p.yaml")])
    assert done.exit_code == 0, done.output
    assert "'Svar från A' placed after 'Skicka till A'" in done.output
    elements = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))["simulation"]["elements"]
    # 20, 21 or 22 days after the sending (a mean of 21), as the log shows; main fitted 0 minutes (the next
    # sending overtook it at once)
    assert elements["Task_Svar_fr_n_A"]["delay"]["mean"] == "21d"
    assert elements["Task_Svar_fr_n_B"]["delay"] == "10d"
