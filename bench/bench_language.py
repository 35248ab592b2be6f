"""Which language the diff reads each model's labels in, against the language they are written in.

The detector (``processes.labellanguage.detect_language``) is asked as ``diff`` asks it: of the names of a
model's steps (``processes.diff.view.build_view``). Models:

* ``interop``  every BPMN file under ../shared/interop (skipped when absent); the language each is
               written in was read by hand and is in bench/language/interop-truth.csv;
* ``library``  the library's models (processes/library/*/process.bpmn): Swedish;
* ``ua``       the PMMC 2015 university admission models (../shared/data/matching-pmmc2015-ua): English;
* ``sv``, ``en`` the matching benchmark's models (bench/matching/{sv,en}/*/{a,b}.yaml): Swedish, English;
* ``nordic``   permit-process models in Danish, Norwegian bokmål and nynorsk (bench/language/nordic/*.yaml,
               the language the file name's start), written for this benchmark before the detector was run
               on them.

A model written in a language other than Swedish and English is right when detected ``other``; a model with
no labelled step is listed and not scored.

    .venv/bin/python bench/bench_language.py            # the table: file, truth, detected; then the errors

Writes nothing; bench/RESULTS-language.md records measured tables with the command.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from bpmn_io.loading import load_model
from processes.diff.view import build_view
from processes.labellanguage import LANGUAGES, detect_language

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
TRUTH = HERE / "language" / "interop-truth.csv"
NO_LABELS = "none"
#: what the detector says of neither language (processes.labellanguage.OTHER; spelt here so that the
#: script also measures a detector from before it could say so)
OTHER = "other"


def models() -> Iterator[tuple[str, str, Path]]:
    """(set, truth, path) of every model measured, in a fixed order."""
    interop = SHARED / "interop"
    if interop.is_dir():
        with TRUTH.open(newline="", encoding="utf-8") as f:
            truth = {row["file"]: row["truth"] for row in csv.DictReader(f)}
        files = sorted(p for p in interop.rglob("*") if p.suffix in (".bpmn", ".bpmn2", ".xml"))
        for path in files:
            rel = path.relative_to(interop).as_posix()
            if rel not in truth:
                raise SystemExit(f"{TRUTH}: no language for {rel} (read its labels and add a row)")
            yield "interop", truth[rel], path
    for path in sorted((ROOT / "processes" / "library").glob("*/process.bpmn")):
        yield "library", "sv", path
    for path in sorted((SHARED / "data" / "matching-pmmc2015-ua").glob("*.bpmn")):
        yield "ua", "en", path
    for lang in ("sv", "en"):
        for path in sorted((HERE / "matching" / lang).glob("*/[ab].yaml"), key=lambda p: (len(str(p)), str(p))):
            yield lang, lang, path
    for path in sorted((HERE / "language" / "nordic").glob("*.yaml")):
        yield "nordic", path.name.split("-")[0], path


def detected(path: Path) -> tuple[str, int]:
    """The language ``diff`` reads ``path``'s labels in, and how many labelled steps it has."""
    names = [s.name for s in build_view(load_model(path, strict=False)).steps.values() if s.name]
    return detect_language(names), len(names)


def right(truth: str, found: str) -> bool:
    return found == (truth if truth in LANGUAGES else OTHER)


def main() -> int:
    rows = []
    for group, truth, path in models():
        found, labels = detected(path)
        shown = path.relative_to(SHARED).as_posix() if path.is_relative_to(SHARED) else \
            path.relative_to(ROOT).as_posix()
        rows.append((group, shown, truth if labels else NO_LABELS, found))
    print("| set | file | truth | detected | |")
    print("|---|---|---|---|---|")
    for group, shown, truth, found in rows:
        mark = "" if truth == NO_LABELS else ("" if right(truth, found) else "**wrong**")
        print(f"| {group} | {shown} | {truth} | {found} | {mark} |")
    print()
    print("| set | models | scored | wrong |")
    print("|---|---|---|---|")
    for group in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == group]
        scored = [r for r in mine if r[2] != NO_LABELS]
        print(f"| {group} | {len(mine)} | {len(scored)} | {sum(not right(r[2], r[3]) for r in scored)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
