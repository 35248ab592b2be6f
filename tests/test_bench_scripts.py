"""The scripts of bench/ that `make bench` does not run: each still gets through its own set-up and says
what it measured (small checks of the parts that rotted; the measurements themselves are not run here)."""

from __future__ import annotations

from benchscript import bench_script


def test_engine_identity_builds_every_run_it_fingerprints() -> None:
    # remiss.yaml replays one arrival date: asking it for 2,000 cases is refused since f98cd36, so the
    # script stopped after the M/M/1 runs; it asks for as many cases as dates now (what it simulated before)
    identity = bench_script("engine_identity.py", "engine_identity_for_tests")
    runs = {label: params for label, _process, params in identity.models()}
    assert len(runs) * len(identity.SEEDS) == 72
    assert runs["remiss-None"].cases == 1
    assert runs["mm1-1"].cases == runs["mm1-3"].cases == runs["seqweekly-None"].cases == 2000
