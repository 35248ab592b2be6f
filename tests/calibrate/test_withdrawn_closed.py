"""A case withdrawn before the export is closed: its waits without an answer are not open at the export.

Found by QA (qaevid2) on Helsingborg's simulated log cut at day 120 (bench/export_cut.py): case 33, withdrawn
0.8 days before the export (*Skriv av ärendet (ansökan återkallad)*, left out of the discovered model as
rare), counted its five referral answers, never to come, as still awaited. The log had 3 withdrawals, each the
last row of its case, and the ending rule (calibrate/endings.py) asked for 5 there: a log cut early cannot
count a rare withdrawal as an ending. Its name says it.

The model: Skicka remiss -> Invänta remissvar (an external wait) -> Besluta; the withdrawal is not in it, as
in a discovered model. The log: eight cases answered and decided; six sent and nothing more yet (the export
cut them just after the sending); W_before withdrawn ten days before the export, W_on withdrawn on the export date, three
hours before its instant, and W_after, whose withdrawal came after the export: the log shows its sending
alone, as it shows the six cut just after it. The sending is then the last row of 7 of its 17 cases, so an
activity nothing follows ends cases by the count from 4 cases on (0.41 to the 4th is under 1 in 32).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_censored_wait import ANSWER_STEP, _calibrate, referral_model

from bpmn_io.logfiles import read_log
from calibrate.endings import WITHDRAWAL_WORDS, case_endings, endings_notes, named_withdrawals

MODEL = referral_model("Remiss", ANSWER_STEP)
WITHDRAWN = "Skriv av ärendet (ansökan återkallad)"
EXPORT = "2025-02-20 12:00"


def _write(folder: Path, withdrawal: str = WITHDRAWN) -> Path:
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    rows = ["case;activity;start;end;resource"]
    for i in range(8):  # answered after 2 to 9 days, decided the day after
        day = 2 + i
        rows += [f"D{i};Skicka remiss;2025-01-{day:02d} 09:00;2025-01-{day:02d} 10:00;anna",
                 f"D{i};Invänta remissvar;2025-01-{day:02d} 10:00;2025-01-{day + 2 + i:02d} 10:00;",
                 f"D{i};Besluta;2025-01-{day + 3 + i:02d} 09:00;2025-01-{day + 3 + i:02d} 10:00;anna"]
    for i in range(6):  # sent in February, the answer still awaited at the export
        rows.append(f"M{i};Skicka remiss;2025-02-{10 + i:02d} 09:00;2025-02-{10 + i:02d} 10:00;anna")
    rows += ["W_before;Skicka remiss;2025-02-03 09:00;2025-02-03 10:00;anna",
             f"W_before;{withdrawal};2025-02-10 09:00;2025-02-10 09:30;anna",
             "W_on;Skicka remiss;2025-02-04 09:00;2025-02-04 10:00;anna",
             f"W_on;{withdrawal};2025-02-20 08:30;2025-02-20 09:00;anna",
             "W_after;Skicka remiss;2025-02-05 09:00;2025-02-05 10:00;anna"]
    (folder / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("given", [(), ("--exported-at", EXPORT)], ids=["last-event", "given"])
def test_a_case_withdrawn_before_or_on_the_export_date_has_no_wait_open(tmp_path, given) -> None:
    """Open at the export: the six cut just after their sending and W_after, 7; W_before and W_on are closed,
    whether the export is the log's last event (W_on's withdrawal itself) or given as 12:00 that day. Failed
    before: 9, the two withdrawn cases' answers counted open."""
    report, text = _calibrate(_write(tmp_path), *given)
    wait = report["durations"]["Task_Svar"]
    assert (wait["n"], wait["open_at_export"]) == (8, 7)
    assert f"note: '{WITHDRAWN}' read as ending its cases by its name, which says withdrawn" in text
    assert "(the last row of 2 cases, nothing after it in any: too few for the log to show it otherwise)" in text


def test_the_same_rare_step_without_a_withdrawal_in_its_name_ends_nothing(tmp_path) -> None:
    """The count alone: 2 cases, where 4 are asked. The cases are taken as in progress and their answers as
    awaited, as before."""
    report, text = _calibrate(_write(tmp_path, withdrawal="Arkivera"))
    assert report["durations"]["Task_Svar"]["open_at_export"] == 9
    assert "read as ending its cases by its name" not in text


def test_a_withdrawal_that_a_step_follows_in_some_case_is_not_read_by_its_name(tmp_path) -> None:
    """The name alone does not end a case: a step the log shows cases going on after (a withdrawal received,
    then written off) is no ending whatever it is called."""
    table, _ = read_log(str(_write(tmp_path) / "log.csv"))
    code = table.activities.index(WITHDRAWN)
    assert named_withdrawals(table)[code] and case_endings(table)[code]
    (said,) = endings_notes(table)
    assert said.startswith(f"'{WITHDRAWN}' read as ending its cases by its name")
    assert "(på svenska: 'Skriv av ärendet (ansökan återkallad)' tolkas som att det avslutar sina ärenden" in said
    log = tmp_path / "log.csv"
    log.write_text(log.read_text(encoding="utf-8")
                   + "W_on;Besluta;2025-02-20 10:00;2025-02-20 11:00;anna\n", encoding="utf-8")
    table, _ = read_log(str(log))
    code = table.activities.index(WITHDRAWN)
    assert not named_withdrawals(table)[code] and not case_endings(table)[code]


def test_the_words_of_a_withdrawal() -> None:
    said = ["Skriv av ärendet (ansökan återkallad)", "Ansökan återkallas", "Ärendet avskrivet", "Skrivs av",
            "Application withdrawn", "Applicant withdrew", "Written off"]
    not_said = ["Skriv avslag", "Skriv förslag till beslut", "Besluta om avvisning", "Arkivera", "Avsluta ärendet"]
    assert [bool(WITHDRAWAL_WORDS.search(name)) for name in said] == [True] * len(said)
    assert [bool(WITHDRAWAL_WORDS.search(name)) for name in not_said] == [False] * len(not_said)
