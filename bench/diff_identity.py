"""Fingerprints of the diff's outputs, to show a change leaves them byte-identical (a tool, not a
test): ``permitflow compare`` of the library's models and ``permitflow diff`` of pairs of them in
every format (and with ``--lemmas``, ``--language``, ``--save-matches``), and the comparisons that
bench/bench_diff.py times (the N-way of ten ~50-step models, the two 1,000-step models, near-identical
and differing) as the
SHA-256 of their JSON. bench/bench_matching.py gives the matching figures to compare beside it.

``SOURCE``: the source tree to run (default: this one), e.g. a ``git archive`` of the old commit;
the Python running this script runs it (its packages are taken from ``SOURCE``, first on the path).

    .venv/bin/python bench/diff_identity.py /tmp/old-tree > before.txt
    .venv/bin/python bench/diff_identity.py > after.txt
    diff before.txt after.txt                                # no output: identical
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, also when a test loads this file
from sourcetree import permitflow, source_tree  # noqa: E402

LIBRARY = ["angelholm", "astorp", "bjuv", "helsingborg", "hoganas", "klippan", "landskrona",
           "national-reference", "orkelljunga", "svalov"]

COMMANDS: list[list[str]] = [
    *(["compare", *LIBRARY, "--format", fmt] for fmt in ("text", "json", "markdown", "html")),
    ["compare", *LIBRARY, "--format", "json", "--lemmas"],
    ["compare", "helsingborg", "landskrona", "astorp", "--format", "json", "--language", "sv"],
    ["compare", "helsingborg", "landskrona", "astorp", "svalov", "--format", "markdown", "--threshold", "0.6"],
    *(["diff", "helsingborg", "astorp", "--format", fmt] for fmt in ("text", "json", "markdown", "html")),
    ["diff", "helsingborg", "orkelljunga", "--format", "json", "--lemmas"],
    ["diff", "svalov", "national-reference", "--format", "markdown", "--save-matches", "{tmp}/matches.yaml"],
    ["diff", "landskrona", "hoganas", "--format", "json", "--language", "en"],
    # the English outputs of the Swedish library (auto says the library in Swedish since branch qadiffsv)
    *(["compare", *LIBRARY, "--format", fmt, "--output-language", "en"] for fmt in ("text", "markdown", "html")),
    *(["diff", a, b, "--format", fmt, "--output-language", "en"]
      for a, b in (("helsingborg", "astorp"), ("landskrona", "hoganas"), ("svalov", "national-reference"))
      for fmt in ("text", "markdown", "html")),
]

#: the comparisons bench_diff.py times, their whole JSON (run inside SOURCE)
BENCH = """
import hashlib, json, sys
sys.path.insert(0, "bench")
import bench_diff as b
from processes.diff import compare_models, comparison_to_data, diff_models, prepare, to_data
models = b.nway_models(10)
nway = compare_models([prepare(d, name, facts=f, params=p) for name, d, f, p in models])
big = b.large_model(1000, 1)
large = diff_models(big, b.reworded(big, 2))
outputs = [("nway", comparison_to_data(nway)), ("large", to_data(large))]
for case in ("unlike", "middle"):  # models that differ (bench_diff.py since branch large2)
    if hasattr(b, case + "_models"):
        outputs.append((case, to_data(diff_models(*getattr(b, case + "_models")(1000)))))
for name, data in outputs:
    text = json.dumps(data, ensure_ascii=False, indent=2).encode()
    print(f"bench_diff {name}: json={hashlib.sha256(text).hexdigest()[:16]}")
"""


def short(data: bytes, *places: str | Path) -> str:
    """The hash of ``data`` with each of ``places`` (paths that outputs may name) written as ``{}``."""
    for place in places:
        data = data.replace(str(place).encode(), b"{}")
    return hashlib.sha256(data).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    source = source_tree(__doc__, argv)
    for args in COMMANDS:
        with tempfile.TemporaryDirectory() as tmp:
            real = [a.replace("{tmp}", tmp) for a in args]
            rc, out, err = permitflow(source, real)
            files = " ".join(f"{p.name}={short(p.read_bytes(), source, tmp)}" for p in sorted(Path(tmp).iterdir()))
            print(f"{' '.join(args)}: rc={rc} stdout={short(out, source, tmp)} {files}".rstrip())
            if rc:
                print("  " + err.decode(errors="replace").strip().splitlines()[-1])
    done = subprocess.run([sys.executable, "-c", BENCH], cwd=source, capture_output=True, text=True)
    print(done.stdout.strip() if not done.returncode else f"bench_diff: rc={done.returncode} {done.stderr.strip()[-300:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
