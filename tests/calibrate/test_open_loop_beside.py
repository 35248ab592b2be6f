"""A wait begun beside a branch that may go back to the step that began it is open at the export too.

Found by QA (qaevid3): on Helsingborg's simulated log cut at day 90, 100 or 120, the model discovered from
the cut had the request for a supplement lead through a parallel split to the wait for it beside a choice
that may send the request again, and in 5 to 9 of the 20 logs a day none of the supplement waits still
open at the export was counted open (seed 8, day 90: 3 open, 0 counted). The choice was read as lying
between the request and the wait because it reaches the wait again, but only through the request itself,
a step of its own: the wait's branch is taken whatever the choice does.

The model: Skicka remiss -> a parallel split into Invänta remissvar and a choice Skicka igen? (yes: back to
Skicka remiss; no: to the join) -> join -> Besluta. The log: six cases answered after 1, 2, 3, 5, 7 and 9
days, each answer's row begun at the instant its referral was sent and naming no one, and case O1 whose
referral was sent on 20 January 10:00, nothing after (a case system writes no row for an answer still
awaited). The export is the log's last event, the last decision on 23 January 10:00.
"""

from __future__ import annotations

from test_censored_wait import _calibrate, referral_model

BLOCK = """\
  - id: Block
    name: Remiss och ny remiss
    lane: Lane_H
    join: {id: Join, name: Klart med remissen}
    parallel:
      - - {id: Task_Svar, task: receive, name: Invänta remissvar, lane: Lane_H}
      - - id: Gw_Igen
          gateway: exclusive
          name: Skicka igen?
          lane: Lane_H
          default: nej
          branches: {ja: Task_Skicka, nej: Join}
"""
ANSWERED = (1, 2, 3, 5, 7, 9)


def test_a_choice_that_goes_back_to_the_sending_does_not_stand_between_it_and_the_wait(tmp_path) -> None:
    (tmp_path / "model.yaml").write_text(referral_model("Igen", BLOCK), encoding="utf-8")
    rows = ["case;activity;start;end;resource"]
    for i, days in enumerate(ANSWERED):
        day = 3 + i  # January 2025
        decided = day + days + 1 if i < 5 else 23
        rows += [f"C{i};Skicka remiss;2025-01-{day:02d} 09:00;2025-01-{day:02d} 10:00;anna",
                 f"C{i};Invänta remissvar;2025-01-{day:02d} 10:00;2025-01-{day + days:02d} 10:00;",
                 f"C{i};Besluta;2025-01-{decided:02d} 09:00;2025-01-{decided:02d} 10:00;anna"]
    rows += ["O1;Skicka remiss;2025-01-20 09:00;2025-01-20 10:00;anna"]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report, text = _calibrate(tmp_path)
    wait = report["durations"]["Task_Svar"]
    assert (wait["n"], wait.get("open_at_export", 0)) == (6, 1)  # before: (6, 0), the choice read as between
    assert ("1 open at the export (2025-01-23 10:00, the log's last event: begun by Skicka remiss "
            "(Task_Skicka) and not ended) after 3 days so far") in text
