"""Writes processes/swedishwords.yaml: the words of the library's models (every element's name) and of the
diff's synonym groups (processes/diff/synonyms.yaml) that simplemma's Swedish dictionary knows, as the
language detector reads words (case-folded, letters only, two or more). The detector counts them as known
without loading the dictionary (a lower bound: every listed word is one the dictionary knows);
tests/processes/test_labellanguage.py checks each against the installed simplemma.

    PYTHONPATH=. .venv/bin/python bench/make_swedish_words.py      # rewrites the file
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import simplemma
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "processes" / "swedishwords.yaml"


def texts() -> list[str]:
    names = []
    for path in sorted((ROOT / "processes" / "library").glob("*/process.bpmn")):
        names += re.findall(r'\bname="([^"]*)"', path.read_text(encoding="utf-8"))
    synonyms = yaml.safe_load((ROOT / "processes" / "diff" / "synonyms.yaml").read_text(encoding="utf-8"))
    names += [str(w) for w in synonyms.get("ignore") or []]
    names += [str(w) for group in synonyms["groups"] for w in group]
    return names


def main() -> int:
    words = {w for text in texts() for w in re.findall(r"[^\W\d_]+", text.casefold()) if len(w) > 1}
    known = sorted(w for w in words if simplemma.is_known(w, lang="sv"))
    OUT.write_text(
        f"# Words simplemma's Swedish dictionary knows (simplemma {simplemma.__version__}), from the\n"
        "# library's models and processes/diff/synonyms.yaml: written by bench/make_swedish_words.py,\n"
        "# read by processes/labellanguage.py to know a Swedish model without loading the dictionary.\n"
        + yaml.safe_dump({"words": known}, allow_unicode=True, width=110, default_flow_style=None),
        encoding="utf-8")
    print(f"{OUT}: {len(known)} of {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
