"""Two more reasons to ask about a step left without a partner (used by tiers.py).

The uncertain tier's first rules (alike labels, shared neighbours, a narrow place) left
steps reported as only in one model that had a partner in the gold lists
(bench/RESULTS-matching.md, "Branch only13"). Two groups of them have a general signal:

* **related labels, both unmatched**: the labels are related below the uncertain bar
  (``RELATED``, 0.2, against ``MatchOptions.uncertain`` 0.3) and the other step has no
  partner either: "Skicka remiss till Polismyndigheten" / "Inhämtande av yttranden från
  remissinstanser" (0.23), "Begär uppgifter från Skatteverket" / "Remiss till Skatteverket och
  Kronofogdemyndigheten" (0.25). Two leftovers saying related things are a question, not two
  differences. Reason: "both unmatched, labels related (below 0.30)".
* **the closest pair in a wide place**: a place (between the same matched steps) where the
  other model has more than ``tiers.PLACE_MAX`` leftovers of the kind suggests only steps with
  a shared word; a step that shares none still gets the one step there that it scores best with
  when that step, of this model's leftovers in its place, scores best with it too (mutual best:
  at most one such pair per step, so a place with five leftovers against two keeps at least
  three "only" claims). Reason: "the closest of N steps in the same place". Not in a place
  with more than ``WIDE_MAX`` (20) leftovers on either side: that is a stretch the models do
  not share, not a place (two 1,000-step models without a label in common would otherwise
  have half their steps paired by position: bench_diff.py's ``unlike`` case).

* **two endpoints left over**: a start (end) event without a partner against a start (end)
  event of the other model without one: "Ärendet är avslutat" / "Klart" (two end events,
  when a model has several the lone-endpoint pairing does not apply). Reason: "both end the
  process, neither is matched".

* **the rest of a one-to-many** (tiers._parts, ``part_of_neighbour``): a leftover standing
  right before or after a matched step, whose label has terms that step's partner has and the
  matched step lacks, at least ``RELATED`` alike: "Registrera ärendet" beside "Utse handläggare"
  <-> "Diarieföring och tilldelning av handläggare" (p17). A one-to-many the matcher kept
  one-to-one. Same family only (a task beside a matched end event is one step told twice).
  Reason: "may be part of X ↔ Y (shares W, which X lacks)" (branch only14).

Each keeps most true "only" claims (the trade-off is measured per set in the results file).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from processes.diff.view import Step

__all__ = [
    "RELATED",
    "WIDE_MAX",
    "related_unmatched",
    "closest_in_place",
    "related_reason",
    "closest_reason",
    "endpoint_position",
    "endpoint_reason",
    "part_of_neighbour",
    "part_reason",
]

#: a place with more leftovers than this (on either side) suggests nothing by score alone
WIDE_MAX = 20

#: labels at least this alike (and under the uncertain bar) make two unmatched steps candidates
RELATED = 0.2


def related_unmatched(row: np.ndarray, free: np.ndarray, bar: float) -> list[int]:
    """Columns of the other model's unmatched steps (``free``, a boolean mask) whose label
    similarity in ``row`` is at least ``min(RELATED, bar)``."""
    return np.flatnonzero((row >= min(RELATED, bar)) & free).tolist()


def related_reason(bar: float) -> str:
    return f"both unmatched, labels related (below {bar:.2f})"


def closest_in_place(
    score: np.ndarray,
    i: int,
    same_place: set[int],
    rows_of: Callable[[int], list[int]],
) -> int | None:
    """The column of ``same_place`` that row ``i`` scores best with, when row ``i`` is also the
    best of that column's rows in the same place (``rows_of(j)``, ascending); ties go to the
    lower index. ``None`` when the best is not mutual or a side has more than ``WIDE_MAX``
    steps there."""
    if not same_place or len(same_place) > WIDE_MAX:
        return None
    cols = sorted(same_place)
    j = cols[int(np.argmax(score[i, cols]))]
    rows = rows_of(j)
    if not rows or len(rows) > WIDE_MAX or rows[int(np.argmax(score[rows, j]))] != i:
        return None
    return j


def closest_reason(count: int) -> str:
    return f"the closest of {count} steps in the same place"


def endpoint_position(step: Step) -> str:
    """``start`` or ``end`` for a start or end event, else ""."""
    if step.kind != "event":
        return ""
    position = step.detail.split(":")[0]
    return position if position in ("start", "end") else ""


def endpoint_reason(position: str) -> str:
    return f"both {position} the process, neither is matched"


def part_of_neighbour(x_terms: set[str], y_terms: set[str], partner_terms: set[str], label: float) -> tuple[str, ...]:
    """The terms by which a leftover step (``x_terms``) may be the rest of a one-to-many: the
    terms of the other model's step it stands beside through a match (``y_terms``) that the
    step's own partner(s) there (``partner_terms``) do not have, and that the leftover has.
    Empty when none, or when the labels are less than ``RELATED`` alike."""
    if label < RELATED:
        return ()
    return tuple(sorted((y_terms - partner_terms) & x_terms))


def part_reason(words: tuple[str, ...], partner: str, other: str) -> str:
    return f"may be part of {partner} ↔ {other} (shares {', '.join(t.lstrip('=') for t in words)}, which {partner} lacks)"
