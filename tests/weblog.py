"""A small case log for the web tests, made from a simulated run (``permitflow simulate … --eventlog``) and
written as a municipality exports it: semicolons, a byte-order mark, Swedish column names."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from cli import cli

#: the Swedish export's columns, in the simulated log's order of roles
SWEDISH = {"case_id": "Diarienummer", "activity": "Åtgärd", "start": "Påbörjad", "end": "Klar",
           "resource": "Handläggare"}


def simulated_log(folder: Path, municipality: str = "hoganas", years: str = "2", seed: str = "7",
                  suffix: str = ".csv") -> str:
    """The event log (CSV text, or XES with ``suffix`` .xes) of one simulated run of ``municipality``."""
    path = folder / f"{municipality}-sim{suffix}"
    result = CliRunner().invoke(cli, ["simulate", municipality, "--years", years, "--replications", "1",
                                      "--seed", seed, "--eventlog", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def swedish_export(text: str, names: dict[str, str] = SWEDISH) -> bytes:
    """``text`` (the simulator's CSV) as a Swedish case system exports it: ``names``' columns only, times as
    ``2025-04-30 08:28``, semicolons, UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(list(names.values()))
    for row in csv.DictReader(io.StringIO(text)):
        writer.writerow([row[k].replace("T", " ")[:16] if k in ("start", "end") else row[k] for k in names])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
