"""A wait enabled by a step whose completion splits the case in parallel branches is open at the export too,
where the log shows that step enabling it.

The model: Skicka remiss -> a parallel split into Invänta remissvar (an external wait) and Granska ansökan
(work) -> join -> Besluta. Sending the referral leads to the answer through a parallel split, no choice: the
answer is awaited whatever the other branch does. The log: six cases answered after 1, 2, 3, 5, 7 and 9
days, each answer's row begun at the instant its referral was sent and naming no one, and case O1 whose
referral was sent on 20 January 10:00 and examined the next day, nothing after (in progress: a case system
writes no row for an answer still awaited). The export is the log's last event, the last decision on 23
January 10:00. On main only a step whose completion led to the wait alone enabled it, and O1's answer was not
counted: the open ones, the long ones, were left out (on Helsingborg's simulated log exported mid-run, the
police's answer, sent before a parallel split in the discovered model, had none of its open answers counted).

The same log without start times shows no enabling: its "wait" is the time since the case's previous row, and
a case with nothing after it is not counted open. Counting it (commit e2d5104a, reverted) read BPIC15_1's
long-abandoned cases as waits open for 177-1,282 days and moved its held-out cycle-time EMD from 696 to
1,181 hours.
"""

from __future__ import annotations

from pathlib import Path

from test_censored_wait import _calibrate, referral_model

#: the referral's answer beside the examination, joined before the decision
BLOCK = """\
  - id: Block
    name: Remiss och granskning
    lane: Lane_H
    join: {id: Join, name: Båda klara}
    parallel:
      - - {id: Task_Svar, task: receive, name: Invänta remissvar, lane: Lane_H}
      - - {id: Task_Granska, task: user, name: Granska ansökan, lane: Lane_H}
"""
MODEL = referral_model("Beside", BLOCK)
ANSWERED = (1, 2, 3, 5, 7, 9)


def _write(folder: Path, *, starts: bool) -> Path:
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    rows = ["case;activity;start;end;resource"]
    for i, days in enumerate(ANSWERED):
        day = 3 + i  # January 2025
        decided = day + days + 1 if i < 5 else 23
        rows += [f"C{i};Skicka remiss;2025-01-{day:02d} 09:00;2025-01-{day:02d} 10:00;anna",
                 f"C{i};Granska ansökan;2025-01-{day:02d} 13:00;2025-01-{day:02d} 14:00;anna",
                 f"C{i};Invänta remissvar;2025-01-{day:02d} 10:00;2025-01-{day + days:02d} 10:00;",
                 f"C{i};Besluta;2025-01-{decided:02d} 09:00;2025-01-{decided:02d} 10:00;anna"]
    rows += ["O1;Skicka remiss;2025-01-20 09:00;2025-01-20 10:00;anna",
             "O1;Granska ansökan;2025-01-21 09:00;2025-01-21 10:00;anna"]
    if not starts:
        rows = ["case;activity;timestamp;resource"] + [
            ";".join(r.split(";")[:2] + r.split(";")[3:]) for r in rows[1:]]
    (folder / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_a_wait_after_a_parallel_split_is_open_from_its_sending(tmp_path) -> None:
    report, text = _calibrate(_write(tmp_path, starts=True))
    wait = report["durations"]["Task_Svar"]
    assert (wait["n"], wait["open_at_export"]) == (6, 1)
    assert ("1 open at the export (2025-01-23 10:00, the log's last event: begun by Skicka remiss "
            "(Task_Skicka) and not ended) after 3 days so far") in text


def test_a_completion_only_log_shows_no_enabling_through_the_split(tmp_path) -> None:
    report, text = _calibrate(_write(tmp_path, starts=False))
    wait = report["durations"]["Task_Svar"]
    assert wait["n"] == 6
    assert wait.get("open_at_export", 0) == 0
    said = next(line for line in text.splitlines() if line.startswith("delay Invänta remissvar (Task_Svar)"))
    assert "open at the export" not in said


LAST_BLOCK = MODEL.replace("  - {id: Task_Beslut, task: user, name: Besluta, lane: Lane_H}\n", "")


def test_a_step_beside_the_wait_that_reaches_the_end_through_the_join_does_not_end_the_case(tmp_path) -> None:
    """Found by QA (qaevidence): once the answers of Helsingborg's log cut at day 90 ran beside what follows
    their sendings up to the end of the discovered model, a case whose last row was another answer, which
    reaches the end event only through the joins, counted as ended, and its awaited answers as not open
    (Kronofogden's 6 against the 7 the simulation knew). The join waits for the wait too: the case goes on.
    Here the block is the model's last: O1's examination, beside its awaited answer, reaches the end through
    the join."""
    (tmp_path / "model.yaml").write_text(LAST_BLOCK, encoding="utf-8")
    rows = ["case;activity;start;end;resource"]
    for i, days in enumerate(ANSWERED):
        day = 3 + 2 * i  # January 2025: the last answer on the 22nd
        rows += [f"C{i};Skicka remiss;2025-01-{day:02d} 09:00;2025-01-{day:02d} 10:00;anna",
                 f"C{i};Granska ansökan;2025-01-{day:02d} 13:00;2025-01-{day:02d} 14:00;anna",
                 f"C{i};Invänta remissvar;2025-01-{day:02d} 10:00;2025-01-{day + days:02d} 10:00;"]
    rows += ["O1;Skicka remiss;2025-01-20 09:00;2025-01-20 10:00;anna",
             "O1;Granska ansökan;2025-01-21 09:00;2025-01-21 10:00;anna"]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report, text = _calibrate(tmp_path)
    wait = report["durations"]["Task_Svar"]
    assert (wait["n"], wait["open_at_export"]) == (6, 1)  # main: (6, 0), O1 read as ended by its examination
    assert "1 open at the export (2025-01-22 10:00, the log's last event" in text
