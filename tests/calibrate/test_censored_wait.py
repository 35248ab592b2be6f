"""A wait that a boundary timer can end is fitted with the waits the timer cut off as right-censored.

The model: Start -> Begär komplettering -> Invänta komplettering -> End, and on the wait an interrupting
boundary timer, Svarstiden ute, after 10 days -> End_Ute. The hand-made log: six cases whose supplement
came 1, 2, 3, 5, 7 and 9 days after the request, and two whose timer fired after 10 days (the log has the
timer's event and no completion of the wait).

With censoring the exponential's maximum-likelihood mean is closed: the time observed over the completed
waits, (1 + 2 + 3 + 5 + 7 + 9 + 10 + 10) / 6 = 47 / 6 days = 188 hours, and the exponential has the lowest
AIC here (76.8 against 78.0 and 78.3). The completed waits alone give 4.5 days (108 hours): too short,
as the two longest waits are the ones the timer cut off.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from scipy import stats

from calibrate.core import hours_text
from calibrate.fitdist import fit_duration
from cli import cli

MODEL = """\
process: {id: Vanta, name: Väntan}
lanes:
  Lane_H: Handläggare
steps:
  - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_H}
  - {id: Task_Begar, task: user, name: Begär komplettering, lane: Lane_H}
  - id: Task_Vanta
    task: receive
    name: Invänta komplettering
    lane: Lane_H
    boundary:
      - {id: Timer_Ute, timer: P10D, name: Svarstiden ute, next: End_Ute}
  - {id: End, event: end, name: Klart, lane: Lane_H}
  - {id: End_Ute, event: end, name: Avslutat utan svar, lane: Lane_H}
"""
PROFILE = """\
municipality: Test
simulation:
  start: 2025-01-01
  horizon: 1y
  assumption: "test: assumed values, replaced by calibration where the log tells"
  calendars:
    office:
      hours: {mon: "08:00-16:00", tue: "08:00-16:00", wed: "08:00-16:00", thu: "08:00-16:00", fri: "08:00-16:00"}
      holidays: none
  pools:
    officer: {count: 1, calendar: office, cost_per_hour: 700, lanes: [Lane_H]}
  arrivals: {per_year: 10}
  elements:
    Task_Begar: {duration: 30m}
    Task_Vanta: {delay: 1w}
"""
ANSWERED = (1, 2, 3, 5, 7, 9)  # days from the request to the supplement
CUT_OFF = 2  # cases whose timer fired after 10 days
TIMER = "Svarstiden ute"


def _write(folder: Path, *, timer: str | None = TIMER, still_open: tuple[int, ...] = ()) -> Path:
    """The model and its profile, and the log (CSV) with the timer's event named ``timer`` (None: left out);
    ``still_open``: cases whose request is on those days of January 2025 and nothing after it."""
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    (folder / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    rows = ["case;activity;timestamp;resource"]
    for i, days in enumerate((*ANSWERED, *([None] * CUT_OFF))):
        day = 6 + i  # January 2025, a case a day from Monday the 6th
        rows.append(f"C{i};Begär komplettering;2025-01-{day:02d} 10:00;anna")
        if days is not None:
            rows.append(f"C{i};Invänta komplettering;2025-{_date(day + days)} 10:00;")
        elif timer is not None:
            rows.append(f"C{i};{timer};2025-{_date(day + 10)} 10:00;")
    rows += [f"O{day};Begär komplettering;2025-01-{day:02d} 10:00;anna" for day in still_open]
    (folder / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _date(day_of_january: int) -> str:
    return f"01-{day_of_january:02d}" if day_of_january <= 31 else f"02-{day_of_january - 31:02d}"


def _calibrate(folder: Path, *extra: str) -> tuple[dict, str]:
    """(the report as JSON, the text calibrate prints) of the log in ``folder``."""
    runner = CliRunner()
    args = ["calibrate", str(folder / "model.yaml"), str(folder / "log.csv"), "-o", str(folder / "out.yaml"), *extra]
    done = runner.invoke(cli, [*args, "--format", "json"])
    assert done.exit_code == 0, done.output
    text = runner.invoke(cli, args)
    assert text.exit_code == 0, text.output
    return json.loads(done.output), text.output


#: the answer's step of :func:`referral_model`, as a model discovered from a case log has it in sequence
ANSWER_STEP = "  - {id: Task_Svar, task: receive, name: Invänta remissvar, lane: Lane_H}\n"


def referral_model(process_id: str, *between: str) -> str:
    """A model of one officer's referral: Skicka remiss -> ``between`` (step lines of the model's YAML, such as
    :data:`ANSWER_STEP`) -> Besluta, the process named Remiss; the model the open-wait tests vary."""
    return (f"process: {{id: {process_id}, name: Remiss}}\n"
            "lanes:\n"
            "  Lane_H: Handläggare\n"
            "steps:\n"
            "  - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_H}\n"
            "  - {id: Task_Skicka, task: send, name: Skicka remiss, lane: Lane_H}\n"
            + "".join(between)
            + "  - {id: Task_Beslut, task: user, name: Besluta, lane: Lane_H}\n"
            "  - {id: End, event: end, name: Klart, lane: Lane_H}\n")


def test_the_censored_exponential_mean_is_the_time_observed_over_the_completed_waits(tmp_path) -> None:
    report, text = _calibrate(_write(tmp_path))
    wait = report["durations"]["Task_Vanta"]
    closed = (sum(ANSWERED) + 10 * CUT_OFF) * 24 / len(ANSWERED)
    assert closed == pytest.approx(188.0)
    assert wait["family"] == "exponential"
    assert wait["mean_hours"] == pytest.approx(closed, rel=1e-12)
    assert (wait["n"], wait["censored"]) == (6, 2)
    assert wait["sample_mean_hours"] == pytest.approx(108.0)  # the completed waits alone: too short
    lo, hi = wait["mean_ci"]
    assert lo < closed < hi
    profile = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert f"mean: {hours_text(closed)}" in profile  # 7.833d
    said = "6 waits completed and 2 cut off by the timer Svarstiden ute (Timer_Ute) after 10 days"
    assert said in text and said in profile.replace("\n        ", " ")
    assert "Svarstiden ute (a boundary event" in text  # the timer's event is not fitted itself
    assert "pool officer: 1 (people with at least 1% of the pool's work, each counted once: " in text  # '1 %' before


def test_a_mapping_file_names_the_timers_event(tmp_path) -> None:
    folder = _write(tmp_path, timer="Tiden gick ut")
    (folder / "mapping.yaml").write_text("Tiden gick ut: Timer_Ute\n", encoding="utf-8")
    report, _text = _calibrate(folder, "--mapping", str(folder / "mapping.yaml"))
    assert report["durations"]["Task_Vanta"]["mean_hours"] == pytest.approx(188.0)


def test_a_log_without_the_timers_event_says_so_and_its_cut_off_waits_look_open_at_the_export(tmp_path) -> None:
    """Without the timer's event the two cut-off cases end in the request: the log cannot tell them from waits
    still open when it was exported (its last event, the 6th case's supplement on 20 January 10:00), so they
    count as open after 8 and 7 days: the exponential mean is (1 + 2 + 3 + 5 + 7 + 9 + 8 + 7) / 6 days."""
    report, text = _calibrate(_write(tmp_path, timer=None))
    wait = report["durations"]["Task_Vanta"]
    assert wait["family"] == "exponential"
    assert wait["mean_hours"] == pytest.approx((sum(ANSWERED) + 8 + 7) * 24 / len(ANSWERED), rel=1e-12)
    assert (wait["n"], wait["censored"], wait["cut_by_timer"], wait["open_at_export"]) == (6, 2, 0, 2)
    assert "the log has no event of the timer that ends the wait, Svarstiden ute (Timer_Ute)" in text
    assert "2 open at the export (2025-01-20 10:00, the log's last event" in text


@pytest.mark.parametrize(("family", "dist"), [("lognormal", stats.lognorm), ("gamma", stats.gamma)])
def test_the_numerical_fits_agree_with_scipys_censored_fit(family, dist) -> None:
    waits = np.random.default_rng(3).triangular(72.0, 168.0, 840.0, 300)
    done, cut = waits[waits < 672.0], np.full(int((waits >= 672.0).sum()), 672.0)
    from calibrate.fitdist import censored_mle

    _loglik, ours = censored_mle(family, done, cut)
    theirs = dist.fit(stats.CensoredData(uncensored=done, right=cut), floc=0)
    assert ours[0] == pytest.approx(theirs[0], rel=1e-4) and ours[2] == pytest.approx(theirs[2], rel=1e-4)
    fit = fit_duration(done, censored=cut)
    assert fit.censored == cut.size and fit.n == done.size
    assert fit.mean > done.mean()  # the cut-off waits were the long ones


@pytest.mark.parametrize(("given", "days_open"), [((), (3, 2)), (("--exported-at", "2025-01-25T10:00"), (5, 4))])
def test_waits_open_at_the_export_are_right_censored_at_the_time_they_had_run(tmp_path, given, days_open) -> None:
    """Two more cases asked for a supplement on 20 and 21 January and the log shows nothing after: their waits
    were open at the export (the log's last event, the last timer on 23 January 10:00, or the instant given).
    The censored exponential mean is every observed time over the completed waits:
    (1 + 2 + 3 + 5 + 7 + 9 + 10 + 10 + the days open) / 6."""
    report, text = _calibrate(_write(tmp_path, still_open=(20, 21)), *given)
    wait = report["durations"]["Task_Vanta"]
    closed = (sum(ANSWERED) + 10 * CUT_OFF + sum(days_open)) * 24 / len(ANSWERED)
    assert wait["family"] == "exponential"
    assert wait["mean_hours"] == pytest.approx(closed, rel=1e-12)
    assert (wait["n"], wait["cut_by_timer"], wait["open_at_export"], wait["censored"]) == (6, 2, 2, 4)
    lo, hi = wait["mean_ci"]
    assert lo < closed < hi
    days = "–".join(f"{d}" for d in sorted(days_open))  # days, as the profile writes a wait (it said "48–72 h")
    assert ("6 waits completed and 2 cut off by the timer Svarstiden ute (Timer_Ute) after 10 days, fitted as longer "
            "than that (right-censored); 2 open at the export") in text
    assert f"begun by Begär komplettering (Task_Begar) and not ended) after {days} days so far" in text
    assert "(på svenska: 6 avslutade, 2 avbrutna av timern, 2 öppna vid exporten)" in text


def test_waits_open_for_years_at_the_export_are_said_in_days_without_an_exponent(tmp_path) -> None:
    """Found by QA: an export four years after the last event said "3.514e+04–3.733e+04 h so far"; the two open
    waits, begun 20 and 21 January 2025 at 10:00, had run 1464 and 1463 days on 23 January 2029 at 10:00. A
    case answered in December 2028 keeps the export within a year of the log's last event (check_export)."""
    folder = _write(tmp_path, still_open=(20, 21))
    with (folder / "log.csv").open("a", encoding="utf-8") as fh:
        fh.write("L;Begär komplettering;2028-12-01 10:00;anna\nL;Invänta komplettering;2028-12-05 10:00;\n")
    _report, text = _calibrate(folder, "--exported-at", "2029-01-23T10:00")
    assert "begun by Begär komplettering (Task_Begar) and not ended) after 1463–1464 days so far" in text
    assert "e+0" not in text


def test_an_export_instant_before_the_logs_last_event_is_refused(tmp_path) -> None:
    folder = _write(tmp_path)
    done = CliRunner().invoke(cli, ["calibrate", str(folder / "model.yaml"), str(folder / "log.csv"), "-o",
                                    str(folder / "out.yaml"), "--exported-at", "2025-01-22"])
    assert done.exit_code != 0
    assert "the export instant 2025-01-22 00:00 is before the log's last event (2025-01-23 10:00" in done.output
    assert not (folder / "out.yaml").exists()


@pytest.mark.parametrize("command", ["calibrate", "discover"])
@pytest.mark.parametrize(("when", "days"), [("9999-12-31", "2,912,784"), ("2026-01-24T10:01", "366")])
def test_an_export_instant_more_than_a_year_after_the_logs_last_event_is_refused(tmp_path, command, when,
                                                                                  days) -> None:
    """Found by QA: ``--exported-at 9999-12-31`` was taken, and the waits open at the export fitted as running
    for 8,000 years (discover without --profile-out took it without a use). The log's last event is 23 January
    2025 10:00: 366 days after it is 24 January 2026 10:00, the latest instant taken."""
    folder = _write(tmp_path, still_open=(20, 21))
    log, out = str(folder / "log.csv"), str(folder / "out.yaml")
    args = ([command, str(folder / "model.yaml"), log, "-o", out] if command == "calibrate"
            else [command, log, "-o", str(folder / "out.bpmn")])
    done = CliRunner().invoke(cli, [*args, "--exported-at", when])
    assert done.exit_code == 2, done.output
    stamp = when.replace("T", " ") if "T" in when else when + " 00:00"
    assert done.output == (f"permitflow: error: {log}: the export instant {stamp} is more than {days} days "
                           "after the log's last event (2025-01-23 10:00; expected at most 366 days after "
                           "it: give the instant the log was extracted from the case system, which its waits "
                           "still open are counted to)\n")
    assert sorted(p.name for p in folder.iterdir()) == ["log.csv", "model.yaml", "profile.yaml"]
    taken = CliRunner().invoke(cli, [*args, "--exported-at", "2026-01-24T10:00"])
    assert taken.exit_code == 0, taken.output


def test_an_open_wait_is_told_from_a_case_that_ended_or_moved_on(tmp_path) -> None:
    """On the Helsingborg model, by element id: the police's answer is open where its request is the case's last
    step, not where the application was withdrawn after it (the withdrawal's step leads to an end event alone)
    or the answer came; the supplement wait is open after the request even when a reminder was sent since (the
    reminder's path ends in an end event of its own while the wait goes on)."""
    from bpmn_io.loading import load_model
    from bpmn_io.logfiles import read_log
    from calibrate.censoredwaits import open_at_export
    from calibrate.mapping import map_activities
    from calibrate.observe import observe

    police, withdraw = "Skicka remiss till Polisen (obligatorisk)", "Skriv av ärendet (ansökan återkallad)"
    rows = {"open": [police], "withdrawn": [police, withdraw], "answered": [police, "Remissvar från Polisen"],
            "reminded": ["Begär komplettering", "Skicka påminnelse"], "asked": ["Begär komplettering"],
            "supplied": ["Begär komplettering", "Invänta komplettering"]}
    lines = ["case;activity;timestamp"]
    for case, steps in rows.items():
        lines += [f"{case};Diarieför ansökan;2025-03-03T09:00"]
        lines += [f"{case};{step};2025-03-{4 + i:02d}T10:00" for i, step in enumerate(steps)]
    lines += [f"{case};{step}" for case in ("done", "done too") for step in
              ("Diarieför ansökan;2025-03-03T09:00", "Skicka beslutskopior;2025-03-20T12:00")]
    (tmp_path / "log.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, _stream = read_log(tmp_path / "log.csv")
    defs = load_model("helsingborg")
    mapping = map_activities(defs, table)
    obs = observe(defs.process(), table, mapping)
    export = float(table.end.max())  # 20 March 12:00
    police = open_at_export(defs.process(), obs, mapping.boundary, "Event_Remissvar_Polis", export)
    assert police.enabled_by == ("Task_Remiss_Polis",)
    assert police.hours.tolist() == [(16 * 24 + 2)]  # from 4 March 10:00
    supplement = open_at_export(defs.process(), obs, mapping.boundary, "Task_Invanta_Komplettering", export)
    assert supplement.enabled_by == ("Task_Begar_Komplettering",)
    assert sorted(supplement.hours.tolist()) == [16 * 24 + 2, 16 * 24 + 2]  # "reminded" and "asked"


#: a request and its wait beside a test, on two parallel branches, in a round that may be done again: the graph
#: reaches the test after the wait too (through the join and the next round)
ROUNDS = """\
process: {id: Omgangar, name: Omgångar}
lanes:
  Lane_H: Handläggare
steps:
  - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_H}
  - {id: Split, gateway: parallel, lane: Lane_H, next: [Task_Begar, Task_Prov]}
  - {id: Task_Begar, task: user, name: Begär komplettering, lane: Lane_H, next: Task_Vanta}
  - {id: Task_Vanta, task: receive, name: Invänta komplettering, lane: Lane_H, next: Join}
  - {id: Task_Prov, task: user, name: Genomför prov, lane: Lane_H}
  - {id: Gw_Kvar, gateway: exclusive, name: Ansökan kvar?, lane: Lane_H, branches: {Ja: {to: Join}, Nej: {to: Task_Avskriv}}}
  - {id: Task_Avskriv, task: user, name: Skriv av ärendet, lane: Lane_H}
  - {id: End_Avskrivet, event: end, trigger: terminate, name: Återkallad, lane: Lane_H}
  - {id: Join, gateway: parallel, lane: Lane_H, next: Task_Prova}
  - {id: Task_Prova, task: user, name: Pröva ansökan, lane: Lane_H}
  - {id: Gw_Igen, gateway: exclusive, name: Ny omgång?, lane: Lane_H, branches: {Ja: {to: Split}, Nej: {to: End}}}
  - {id: End, event: end, name: Klart, lane: Lane_H}
"""


def test_a_wait_stays_open_while_a_parallel_branch_moves_on(tmp_path) -> None:
    """The test runs on a parallel branch beside the supplement wait: taken after the request it does not show
    the wait over, though the graph reaches it after the wait too (the next round); the wait's own completion, the
    step after the join and a withdrawal on the test's branch (it ends the whole case) do."""
    from bpmn_io.loading import load_model
    from bpmn_io.logfiles import read_log
    from calibrate.censoredwaits import open_at_export
    from calibrate.mapping import map_activities
    from calibrate.observe import observe

    rows = {"tested": ["Begär komplettering", "Genomför prov"], "asked": ["Begär komplettering"],
            "supplied": ["Begär komplettering", "Genomför prov", "Invänta komplettering"],
            "examined": ["Begär komplettering", "Genomför prov", "Pröva ansökan"],
            "withdrawn": ["Begär komplettering", "Skriv av ärendet", "Genomför prov"],
            "asked too": ["Begär komplettering"]}  # no one activity ends the most cases (the log's end activity)
    lines = ["case;activity;timestamp"]
    for case, steps in rows.items():
        lines += [f"{case};{step};2025-03-{4 + i:02d}T10:00" for i, step in enumerate(steps)]
    (tmp_path / "log.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "model.yaml").write_text(ROUNDS, encoding="utf-8")
    table, _stream = read_log(tmp_path / "log.csv")
    defs = load_model(tmp_path / "model.yaml")
    mapping = map_activities(defs, table)
    obs = observe(defs.process(), table, mapping)
    opened = open_at_export(defs.process(), obs, mapping.boundary, "Task_Vanta", float(table.end.max()))
    assert opened.enabled_by == ("Task_Begar",)
    # "tested", "asked" and "asked too", from their requests on 4 March 10:00 to the log's last event, 6 March 10:00
    assert opened.hours.tolist() == [48.0, 48.0, 48.0]
