"""A validation (:class:`calibrate.validate.Validation`) as text lines for a person, in English and Swedish."""

from __future__ import annotations

from typing import Any

__all__ = ["validation_text", "METRIC_WORDS"]

#: each measure in words (English / Swedish); the keys stay as the JSON has them
METRIC_WORDS = {
    "cycle_time_emd_hours": "cycle-time distribution, EMD (hours) / genomloppstid, EMD (timmar)",
    "arrival_emd_hours": "case arrivals, EMD (hours) / ankomster, EMD (timmar)",
    "absolute_event_emd_hours": "all events in time, EMD (hours) / händelser i tid, EMD (timmar)",
    "relative_event_emd_hours": "events from case start, EMD (hours) / händelser från ärendets start, EMD (timmar)",
    "activity_frequency_absolute": "activity counts, 0-1 / antal per aktivitet, 0-1",
    "activity_frequency_relative": "activity shares, 0-1 / andel per aktivitet, 0-1",
    "three_gram_distance": "3-gram control flow, 0-1 / 3-gram flödesavstånd, 0-1",
    "activity_frequency_relative_model_steps": "activity shares, the model's steps only, 0-1 / andel per aktivitet, "
                                               "bara modellens steg, 0-1",
    "three_gram_distance_model_steps": "3-gram control flow, the model's steps only, 0-1 / 3-gram flödesavstånd, "
                                       "bara modellens steg, 0-1",
    "within_deadline_difference": "share within deadline, simulated - log / andel inom tidsfrist, simulerad - logg",
    **{f"cycle_days_p{p}_difference": f"cycle time p{p}, simulated - log (days) / genomloppstid p{p}, "
                                      "simulerad - logg (dagar)" for p in (10, 25, 50, 75, 90)},
}


def validation_text(data: dict[str, Any]) -> str:
    """``Validation.data()`` as lines."""
    setup = data["setup"]
    lines = [f"validation: trained on {setup['training_cases']} cases ({setup['training_period']}), "
             f"held out {setup['heldout_cases']} ({setup['heldout_period']}); {setup['replications']} simulated "
             f"replications of the held-out period; {setup['timestamps']}"]
    if (share := setup.get("log_events_of_model_steps")) is not None:
        lines.append(f"  the model has the activities of {share:.0%} of the log's events; the measures marked \"the "
                     f"model's steps only\" leave the others out, which no simulation of it can produce / {share:.0%} av "
                     "loggens händelser är aktiviteter som modellen har; måtten märkta \"bara modellens steg\" räknar "
                     "bort de andra, som ingen simulering av modellen kan ge")
    for key, value in data["metrics"].items():
        if key.startswith("cycle_days_p"):
            continue
        words = METRIC_WORDS.get(key, key)
        lines.append(f"  {words}: {'-' if value is None else value}")
    real, sim = data["real"], data["simulated"]
    lines.append("  cycle time, days (log | simulated) / genomloppstid, dagar (logg | simulerad):")
    lines += [f"    {p}: {real['cycle_days'][p]} | {sim['cycle_days'][p]}" for p in real["cycle_days"]]
    if real.get("within_deadline") is not None:
        lines.append(f"  within {setup['deadline_days']:g} days: log {real['within_deadline']:.1%}, "
                     f"simulated {sim['within_deadline']:.1%}")
    return "\n".join(lines)
