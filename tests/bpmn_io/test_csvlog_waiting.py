"""A CSV log where no row tells day-first from month-first is read in bounded memory, the same as with the
form given: the rows that wait for the decision go to a temporary file beyond the first few thousand."""

from __future__ import annotations

import math
import tracemalloc
from pathlib import Path

from bpmn_io.caselog import GUESS, LogColumns
from bpmn_io.csvlog import open_csv


def _undecided(path: Path, rows: int) -> Path:
    """``rows`` events of 50 cases, every date with both numbers at most 12 (no row tells the order); some
    activities carry the delimiter, a quote and a line break inside quotes, and some a start time."""
    lines = ["Ärende;Aktivitet;Start;Datum;Handläggare"]
    for i in range(rows):
        case, step = i % 50, i // 50
        day, month = 1 + step % 12, 1 + (step // 12) % 12
        activity = f'"Steg {step % 7}; ""granska""\nigen"' if i % 9 == 0 else f"Steg {step % 7}"
        start = f"{day}/{month}/2025 07:{i % 60:02d}" if i % 4 == 0 else ""
        lines.append(f"ä{case};{activity};{start};{day}/{month}/2025 {8 + i % 9}:{i % 60:02d};handläggare {i % 13}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _peak_bytes(path: Path) -> int:
    tracemalloc.start()
    try:
        for _ in open_csv(path).records:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_rows_waiting_for_the_date_form_do_not_stay_in_memory(tmp_path: Path) -> None:
    # all rows waited in a list until the end of the file: 133 MB for 200,000 rows; six times the rows took about
    # six times the memory here (tracemalloc peak 0.9 MB -> 5.3 MB)
    small = _peak_bytes(_undecided(tmp_path / "small.csv", 2_000))
    large = _peak_bytes(_undecided(tmp_path / "large.csv", 12_000))
    assert large < 2 * small + 500_000, (small, large)


def test_rows_read_after_waiting_are_those_read_with_the_form_given(tmp_path: Path) -> None:
    path = _undecided(tmp_path / "export.csv", 6_000)
    waited = open_csv(path, GUESS)
    given = open_csv(path, LogColumns(date_format="day-first"))
    got, expected = list(waited.records), list(given.records)
    assert len(got) == 6_000
    assert [r._replace(start=0.0 if math.isnan(r.start) else r.start) for r in got] == \
        [r._replace(start=0.0 if math.isnan(r.start) else r.start) for r in expected]
    assert got[0].activity == 'Steg 0; "granska"\nigen'
    assert waited.notes[0].startswith("timestamps read as %d/%m/%Y (with or without a time), day first as in "
                                      "Sweden and Europe: no row tells")
    assert given.notes[0].endswith("day-first as --date-format says")
