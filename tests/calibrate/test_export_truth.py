"""What bench/export_cut.py (and bench/bench_censored_wait.py --export-after) count as truly open at the
export.

Found by QA (qaevidence): on Helsingborg's seed-7 log cut at day 540 the calibration counted the police's
answer open at the export 13 times and miljöförvaltningen's 12, against 12 and 11 in that truth. The one more
was right: case 182 had both answers awaited at the export and was withdrawn 19 days later, the withdrawal
cancelled them, and the simulator's log has no event of a cancelled wait, not even its start, so the truth,
which counted the starts left without their completion, missed them. The hand-made log (the simulator's
XES): three cases send the police a referral on day 1 and the export is at noon on day 10; one has the answer
on day 15 (its start logged), one is withdrawn on day 20 with the answer never come (no event of it), one is
withdrawn on day 5.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

FIRST = dt.datetime(2025, 1, 1, 8, tzinfo=dt.UTC)


def _event(element: str, transition: str, day: float, who: str) -> str:
    when = (FIRST + dt.timedelta(days=day)).isoformat(timespec="milliseconds")
    return (f'<event><string key="concept:name" value="{element}"/>'
            f'<string key="lifecycle:transition" value="{transition}"/>'
            f'<string key="org:resource" value="{who}"/>'
            f'<string key="permitflow:element" value="{element}"/><date key="time:timestamp" value="{when}"/>'
            "</event>")


def _trace(name: str, *events: str) -> str:
    return f'<trace><string key="concept:name" value="{name}"/>{"".join(events)}</trace>'


def _log(path: Path) -> None:
    sent = (_event("Task_Remiss_Polis", "start", 0, "officer"),
            _event("Task_Remiss_Polis", "complete", 0.1, "officer"))
    withdrawn = (_event("Task_Avskriv_Arende", "start", 20, "officer"),
                 _event("Task_Avskriv_Arende", "complete", 20.1, "officer"))
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><log xmlns="http://www.xes-standard.org/" xes.version="2.0">'
        + _trace("answered", *sent, _event("Event_Remissvar_Polis", "start", 0.1, "none"),
                 _event("Event_Remissvar_Polis", "complete", 15, "none"))
        + _trace("withdrawn later", *sent, *withdrawn)
        + _trace("withdrawn before", *sent, _event("Task_Avskriv_Arende", "start", 5, "officer"),
                 _event("Task_Avskriv_Arende", "complete", 5.1, "officer"))
        + "</log>", encoding="utf-8")


def test_a_wait_a_withdrawal_cancelled_after_the_export_was_open_at_it(tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    from benchscript import bench_script

    script = bench_script("bench_censored_wait.py", "bench_censored_wait")
    log = tmp_path / "log.xes"
    _log(log)
    opened, export = script.cut_at_export(log, 9)
    assert export == dt.datetime(2025, 1, 10, 12, tzinfo=dt.UTC)
    # the answered case's start left without its completion, and the case withdrawn after the export (main: 1)
    assert opened["Event_Remissvar_Polis"] == 2
