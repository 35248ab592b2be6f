"""Where a figure cannot be: the report's tables say "too few replications" instead of an interval that
reaches there (the answers' sentences say the same of a time whose interval reaches below zero days).

Every figure of ``summary.json`` is a count, a time, a share, a cost or a ratio: none is below zero, and a
share of cases (``within_deadline_share``, ``outcome_share.grant``) is at most 1. With few replications
the t-interval of a mean can still reach past these ends (two replications: "−79 – 225 applications");
the data files keep the interval cut at those ends and say so (``"cut": "below"``, :mod:`scenarios.compare`);
the page does not show it (a ``summary.json`` of an older run holds it uncut: the ends themselves say it).

>>> impossible("helsingborg/complete_to_decision_mean_days", -21.6, 141.9)
'below'
>>> impossible("outcome_share.grant", 0.6, 1.2), impossible("cost_share_of_fee", 1.4, 1.7)
('above', None)
>>> impossible("wait_days.Task_Beslut", 0.0, 2.0), impossible("cases", None, None)
(None, None)
"""

from __future__ import annotations

from typing import Any

__all__ = ["impossible", "is_share"]

_ROUNDING = 1e-9


def is_share(figure: str) -> bool:
    """Whether ``figure`` (with or without ``<process>/``) is a share of cases, at most 1 (``cost_share_of_fee``,
    work's cost over the fee, is a ratio and may pass 1; a pool's utilisation is left unbounded above).

    >>> [is_share(f) for f in ("extended_share", "h/outcome_share.refusal", "cost_share_of_fee", "utilisation.officer")]
    [True, True, False, False]
    """
    name = figure.partition("/")[2] if "/" in figure else figure
    return name != "cost_share_of_fee" and (name.endswith("_share") or name.startswith("outcome_share."))


def impossible(figure: str, low: Any, high: Any, *, cut: Any = None) -> str | None:
    """``"below"`` when the 95 % interval ``low``–``high`` of ``figure``'s mean reaches below zero, ``"above"``
    when a share's reaches above 1, else None (an end that is missing is not judged; an end off by a rounding
    error of the arithmetic, ``-1e-15`` for a figure that was 0 in every replication, is not past it).
    ``cut``: the estimate's ``"cut"`` in ``summary.json`` (its interval was cut at those ends): ``"below"`` or
    ``"above"`` as it says, ``"below"`` for ``"both"``.

    >>> impossible("cases", 0.0, 29.6, cut="below"), impossible("outcome_share.grant", 0.0, 1.0, cut="both")
    ('below', 'below')
    """
    if cut in ("below", "above", "both"):
        return "above" if cut == "above" else "below"
    if isinstance(low, (int, float)) and low < -_ROUNDING:
        return "below"
    if isinstance(high, (int, float)) and high > 1 + _ROUNDING and is_share(figure):
        return "above"
    return None
