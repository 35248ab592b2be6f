"""Lanes by who did the work, or one lane: which fits the held-out cases better (``discover --validate``).

``discover`` puts each step in the lane of the people who did it (:func:`calibrate.discover.resource_lanes`), and
each lane becomes a pool of its own people: the simulation then makes a step wait for its own group, not for anyone.
Whether that is nearer the truth is for the held-out cases to say: the one-lane model (every step in one pool of
everyone) is discovered, calibrated and validated on the same split with the same seeds, and
:func:`compare_lanes` states the rule:

- the measure is the cycle-time EMD on the held-out cases, the mean over the replications (the validation's first
  measure: how far the simulated cases' durations lie from the real ones);
- the model with the lower one fits the held-out cases better, by the difference in hours and as a share of the
  other's;
- unless that difference is no larger than the spread between either model's replications (the highest less the
  lowest of their EMDs; the validation text says a difference smaller than that may be chance): then the held-out
  cases do not tell the two apart.

Nothing here is set from a log: the rule is the same for every one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from processes.numbers import number, share

__all__ = ["LaneComparison", "compare_lanes"]

_MEASURE = "cycle_time_emd_hours"


@dataclass(frozen=True, slots=True)
class LaneComparison:
    """The held-out cycle-time EMD (hours) of the lane model and of the one-lane model, each the mean and the
    lowest and highest over their replications; ``lanes``: how many lanes the lane model has."""

    lanes: int
    by_who: tuple[float, float, float]
    one_lane: tuple[float, float, float]

    @property
    def spread(self) -> float:
        """The larger of the two models' spreads between their replications (hours)."""
        return max(self.by_who[2] - self.by_who[1], self.one_lane[2] - self.one_lane[1])

    @property
    def verdict(self) -> str:
        """``"lanes"``, ``"one lane"`` or ``"neither"`` (the difference is within the replications' spread)."""
        gap = self.one_lane[0] - self.by_who[0]
        if abs(gap) <= self.spread:
            return "neither"
        return "lanes" if gap > 0 else "one lane"

    def data(self) -> dict[str, Any]:
        return {"lanes": self.lanes, "measure": _MEASURE, "by_who": list(self.by_who),
                "one_lane": list(self.one_lane), "spread_hours": self.spread, "better": self.verdict}

    def lines(self) -> list[str]:
        """The comparison as text lines, English then Swedish."""
        (ours, _, _), (one, _, _) = self.by_who, self.one_lane
        gap, spread = abs(one - ours), self.spread
        h = {lang: (number(ours, lang, 0), number(one, lang, 0), _hours(gap, lang), _hours(spread, lang))
             for lang in ("en", "sv")}
        head = (f"lanes by who did the work ({self.lanes}) against one lane, on the held-out cases: cycle-time EMD "
                f"{h['en'][0]} against {h['en'][1]} hours (means over the replications, the same seeds) / banor "
                f"efter vem som gjorde arbetet ({self.lanes}) mot en bana, på de undantagna ärendena: "
                f"genomloppstidens EMD {h['sv'][0]} mot {h['sv'][1]} timmar")
        if self.verdict == "neither":
            said = (f"the difference, {h['en'][2]}, is within the spread between the replications "
                    f"({h['en'][3]}): the held-out cases do not tell which fits better; the model written has the "
                    f"lanes / skillnaden, {h['sv'][2]}, ligger inom spridningen mellan körningarna "
                    f"({h['sv'][3]}): de undantagna ärendena avgör inte vilken som passar bäst; modellen som "
                    "skrivs har banorna")
        else:
            worse = max(ours, one)
            part = {lang: share(gap / worse, lang) if worse > 0 else "–" for lang in ("en", "sv")}
            better_en, better_sv = (("the lanes fit", "banorna passar") if self.verdict == "lanes"
                                    else ("one lane fits", "en bana passar"))
            said = (f"{better_en} the held-out cases better, by {h['en'][2]} ({part['en']} less), more than the "
                    f"spread between the replications ({h['en'][3]}) / {better_sv} de undantagna ärendena "
                    f"bättre, med {h['sv'][2]} ({part['sv']} mindre), mer än spridningen mellan körningarna "
                    f"({h['sv'][3]})")
        rule = ("rule: the lower cycle-time EMD fits better, unless the difference is no larger than the spread "
                "between either model's replications / regel: lägst EMD passar bäst, om inte skillnaden är högst "
                "spridningen mellan någon av modellernas körningar")
        return [head, f"  {said}", f"  {rule}"]


def _hours(value: float, lang: str) -> str:
    """``value`` hours in whole hours with its word: "1 hour", "21 hours" / "1 timme", "21 timmar"."""
    said = number(value, lang, 0)
    return f"{said} {('hour' if lang == 'en' else 'timme') if said == '1' else ('hours' if lang == 'en' else 'timmar')}"


def _emds(validation: dict[str, Any]) -> tuple[float, float, float]:
    values = [v for p in validation.get("per_replication", []) if (v := p.get(_MEASURE)) is not None]
    mean = validation["metrics"].get(_MEASURE)
    if mean is None or not values:
        return (float("nan"),) * 3
    return float(mean), min(values), max(values)


def compare_lanes(lanes: int, by_who: dict[str, Any], one_lane: dict[str, Any]) -> LaneComparison | None:
    """The comparison of two validations (``Validation.data()``) of the lane model (``lanes`` lanes) and the
    one-lane model; None when either has no cycle-time EMD (no held-out case ended in a simulation)."""
    ours, one = _emds(by_who), _emds(one_lane)
    if ours[0] != ours[0] or one[0] != one[0]:
        return None
    return LaneComparison(lanes, ours, one)
