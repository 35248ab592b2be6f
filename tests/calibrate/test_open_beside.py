"""A wait enabled by a step whose completion splits the case in parallel branches is open at the export too.

The model: Skicka remiss -> a parallel split into Invänta remissvar (an external wait) and Granska ansökan
(work) -> join -> Besluta. Sending the referral leads to the answer through a parallel split, no choice: the
answer is awaited whatever the other branch does. The log: six cases answered after 1, 2, 3, 5, 7 and 9
days, and case O1 whose referral was sent on 20 January 10:00 and examined the next day, nothing after (in
progress: a case system writes no row for an answer still awaited). The export is the log's last event, the
last decision on 23 January 10:00. Before, only a step whose completion led to the wait alone enabled it,
and O1's answer was not counted: the open ones, the long ones, were left out (qaopen: on Helsingborg's
simulated log exported mid-run, the police's answer, sent before a parallel split in the discovered model,
had none of its 12 open answers counted).
"""

from __future__ import annotations

from pathlib import Path

from test_censored_wait import _calibrate

MODEL = """\
process: {id: Beside, name: Remiss}
lanes:
  Lane_H: Handläggare
steps:
  - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_H}
  - {id: Task_Skicka, task: send, name: Skicka remiss, lane: Lane_H}
  - id: Block
    name: Remiss och granskning
    lane: Lane_H
    join: {id: Join, name: Båda klara}
    parallel:
      - - {id: Task_Svar, task: receive, name: Invänta remissvar, lane: Lane_H}
      - - {id: Task_Granska, task: user, name: Granska ansökan, lane: Lane_H}
  - {id: Task_Beslut, task: user, name: Besluta, lane: Lane_H}
  - {id: End, event: end, name: Klart, lane: Lane_H}
"""
ANSWERED = (1, 2, 3, 5, 7, 9)


def _write(folder: Path) -> Path:
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    rows = ["case;activity;timestamp;resource"]
    for i, days in enumerate(ANSWERED):
        day = 3 + i  # January 2025
        rows += [f"C{i};Skicka remiss;2025-01-{day:02d} 10:00;anna",
                 f"C{i};Granska ansökan;2025-01-{day:02d} 14:00;anna",
                 f"C{i};Invänta remissvar;2025-01-{day + days:02d} 10:00;",
                 f"C{i};Besluta;2025-01-{day + days + 1 if i < 5 else 23:02d} 10:00;anna"]
    rows += ["O1;Skicka remiss;2025-01-20 10:00;anna", "O1;Granska ansökan;2025-01-21 10:00;anna"]
    (folder / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_a_wait_after_a_parallel_split_is_open_from_its_sending(tmp_path) -> None:
    report, text = _calibrate(_write(tmp_path))
    wait = report["durations"]["Task_Svar"]
    assert (wait["n"], wait["open_at_export"]) == (6, 1)
    assert ("1 open at the export (2025-01-23 10:00, the log's last event: begun by Skicka remiss "
            "(Task_Skicka) and not ended) after 3 days so far") in text
