"""A step that the log shows going on without a wait does not show that wait over by completing
(:func:`calibrate.censoredwaits.open_at_export`; qareleased).

The model, as a model discovered from a case log may have it: Skicka remiss -> Invänta remissvar (an outside
party's answer) -> Genomför platsbesök -> Besluta, in sequence, while the site visit in fact runs beside the
answer. Ten cases, each answered 4 days after its referral; the visit comes 2 days after the referral in three
of them (before the answer: the log shows the visit going on without it) and 5 days after in the others; the
decision on day 6. Case O1: referral on 20 January 10:00, visit on 22 January, nothing after; the log's last
event, the export, is that visit. Its answer is still awaited: open at the export for 49 hours. On main the
visit, a step the model places after the answer, showed the answer over (the seed-7 Helsingborg log cut at day
200: cases 60 and 61, two answers each awaited at the export and not counted, their visits done).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_censored_wait import ANSWER_STEP, _calibrate, referral_model

MODEL = referral_model("Ahead", ANSWER_STEP,
                       "  - {id: Task_Besok, task: user, name: Genomför platsbesök, lane: Lane_H}\n")


def _write(folder: Path, ahead: int) -> Path:
    """The log of the module doc, the visit before the answer in the first ``ahead`` cases."""
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    rows = ["case;activity;start;end;resource"]
    for i in range(10):
        day, visit = 2 + i, (2 if i < ahead else 5)
        rows += [f"C{i};Skicka remiss;2025-01-{day:02d} 09:00;2025-01-{day:02d} 10:00;anna",
                 f"C{i};Invänta remissvar;2025-01-{day:02d} 10:00;2025-01-{day + 4:02d} 10:00;",
                 f"C{i};Genomför platsbesök;2025-01-{day + visit:02d} 09:00;2025-01-{day + visit:02d} "
                 f"11:00;anna",
                 f"C{i};Besluta;2025-01-{day + 6:02d} 13:00;2025-01-{day + 6:02d} 14:00;anna"]
    rows += ["O1;Skicka remiss;2025-01-20 09:00;2025-01-20 10:00;anna",
             "O1;Genomför platsbesök;2025-01-22 09:00;2025-01-22 11:00;anna"]
    (folder / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_a_wait_is_open_when_the_step_after_it_in_the_model_went_on_without_it(tmp_path) -> None:
    report, text = _calibrate(_write(tmp_path, ahead=3))
    wait = report["durations"]["Task_Svar"]
    assert (wait["n"], wait["open_at_export"]) == (10, 1)
    said = next(line for line in text.splitlines() if line.startswith("delay Invänta remissvar (Task_Svar)"))
    assert "1 open at the export" in said


@pytest.mark.parametrize("ahead", [0, 1])
def test_a_step_that_waited_for_the_wait_in_nine_of_ten_cases_shows_it_over(tmp_path, ahead: int) -> None:
    """WAITED_SHARE, as the placing of waits reads it: one visit in ten before its answer still waits for
    it."""
    report, _ = _calibrate(_write(tmp_path, ahead=ahead))
    assert report["durations"]["Task_Svar"].get("open_at_export", 0) == 0
