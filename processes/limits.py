"""The largest values a simulation's settings take, in one place: the scenario and profile checks refuse a value
beyond them, and the command line's options carry them in their types, so that ``--help`` says each bound the
refusal says.

Its own module, with no imports, because the command line reads it at start-up (``permitflow --help``), before
anything that checks a profile or a scenario is imported.
"""

from __future__ import annotations

__all__ = ["MAX_CASES", "MAX_HORIZON_YEARS", "MAX_REPLICATIONS", "MAX_SEED", "MAX_SETTLE"]

#: more replications than anyone waits for
MAX_REPLICATIONS = 10_000
#: the most cases of one replication
MAX_CASES = 1_000_000
#: the largest seed numpy's SeedSequence takes as a signed 64-bit whole number
MAX_SEED = 2**63 - 1
#: the longest horizon, in years
MAX_HORIZON_YEARS = 100
#: the most fresh replications a goal seek may run to settle its closest candidate (``optimise --settle``, the
#: page's button; :data:`scenarios.goal.MOST_SETTLE`)
MAX_SETTLE = 2000
