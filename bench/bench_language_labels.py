"""Which language one short label alone is read in: Danish and Norwegian labels against every Swedish one.

A model of one or two steps (a case system's checklist, a small sub-process) is as short as a label, and the
letters that tell Danish and Norwegian from Swedish (æ, ø against ä, ö) are often missing from it. Labels:

* ``nordic``  bench/language/nordic-labels.yaml: short Danish and Norwegian labels, most without æ, ø, å,
              written for branch qalang3 before the rule that reads them was changed; right when ``other``;
* ``sv``      every distinct step name of the repository's Swedish models: the library's
              (processes/library/*/process.bpmn), the matching benchmark's (bench/matching/sv/*/{a,b}.yaml)
              and the tests' model files (tests/**/*.yaml, *.bpmn) the detector reads as Swedish as a whole;
              and every string literal of the tests' code (tests/**/*.py) with å, ä or ö and at most six
              words. Each is listed with what it is read as alone: a change of rule may change none of them
              (compare two runs' outputs with ``diff``).

    PYTHONPATH=. .venv/bin/python bench/bench_language_labels.py    # every label and its answer; then counts

Writes nothing; bench/RESULTS-language.md records measured figures with the command.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from bpmn_io.loading import load_model
from processes.diff.view import build_view
from processes.labellanguage import detect_language

ROOT = Path(__file__).resolve().parent.parent
NORDIC = ROOT / "bench" / "language" / "nordic-labels.yaml"


def names(path: Path) -> list[str]:
    try:
        steps = build_view(load_model(path, strict=False)).steps.values()
    except Exception:  # noqa: BLE001 - the tests hold broken models on purpose: they have no labels to read
        return []
    return [s.name for s in steps if s.name]


def swedish_labels() -> Iterator[str]:
    """Every Swedish label of the repository's models and tests (module doc), each once, sorted."""
    found: set[str] = set()
    for path in sorted((ROOT / "processes" / "library").glob("*/process.bpmn")):
        found.update(names(path))
    for path in sorted((ROOT / "bench" / "matching" / "sv").glob("*/*.yaml")):
        found.update(names(path))
    for path in sorted([*(ROOT / "tests").rglob("*.yaml"), *(ROOT / "tests").rglob("*.bpmn")]):
        labels = names(path)
        if labels and detect_language(labels) == "sv":
            found.update(labels)
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
            if text and set(text.casefold()) & set("åäö") and len(text.split()) <= 6 and "\n" not in text:
                found.add(text)
    return iter(sorted(found))


def main() -> int:
    nordic = yaml.safe_load(NORDIC.read_text(encoding="utf-8"))["labels"]
    right = 0
    for lang, label in nordic:
        found = detect_language([label])
        right += found == "other"
        print(f"nordic\t{lang}\t{label}\t{found}")
    swedish = list(swedish_labels())
    answers = [detect_language([label]) for label in swedish]
    for label, found in zip(swedish, answers, strict=True):
        print(f"sv\tsv\t{label}\t{found}")
    print(f"\nnordic: {right} of {len(nordic)} read as other")
    counts = ", ".join(f"{answers.count(a)} read as {a}" for a in sorted(set(answers)))
    print(f"sv: {len(swedish)} labels; {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
