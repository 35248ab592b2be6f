"""What an uncertainty run sampled how, in words (English and Swedish), for the command line and the report.

Per process of an uncertainty document (``uncertainty.json``, :func:`scenarios.uncertainty.analyse`) that
has a fitted or measured value: which values were sampled over the interval their fit reports, which were
held fixed as measured, and that the rest were sampled over their assumed ranges. It reads only the
finished document (plain data), never the plan, the run or its statistics, so it is a module of its own
(:mod:`scenarios.uncertainty` re-exports it, where the command line and the report import it from).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["sampling_words"]

_BASIS_WORDS = {
    "en": {"fitted": "sampled over the interval its fit reports", "measured": "held fixed, measured",
           "rest": "every other value over its assumed range", "places": "in {} places", "days": "{} days",
           "bare": "the profile gives no fitted interval (interval:): re-running permitflow calibrate on its log "
                   "writes them, and a fitted value is then sampled over its interval"},
    "sv": {"fitted": "varierades över intervallet som anpassningen anger", "measured": "hölls fasta, uppmätta",
           "rest": "alla andra värden över sina antagna intervall", "places": "på {} ställen", "days": "{} dagar",
           "bare": "profilen anger inga anpassade intervall (interval:): kör permitflow calibrate på dess logg igen "
                   "så skrivs de, och ett anpassat värde varieras då över sitt intervall"},
}


def _g(value: float, lang: str) -> str:
    text = f"{value:.4g}"
    return text.replace(".", ",") if lang == "sv" else text


def _interval_words(factor: Mapping[str, Any], low: float, high: float, lang: str) -> str:
    said = _BASIS_WORDS[lang]
    if factor["kind"] == "duration":
        return said["days"].format(f"{_g(low / 24, lang)}–{_g(high / 24, lang)}")
    if factor["kind"] == "scale":
        return f"×{_g(low, lang)}–×{_g(high, lang)}"
    return f"{_g(low, lang)}–{_g(high, lang)}"


def sampling_words(doc: Mapping[str, Any], lang: str = "en",
                   towns: Mapping[str, str] | None = None) -> list[str]:
    """One sentence per process of ``doc`` (``uncertainty.json``) that has a fitted or measured value: which
    values were sampled over the interval their fit reports, which were held fixed as measured, and that the
    rest were sampled over their assumed ranges (none for a study of the library's assumed profiles)."""
    said = _BASIS_WORDS[lang]
    fitted: dict[str, list[str]] = {}
    measured: dict[str, list[str]] = {}
    for f in doc.get("factors", []):
        words = f["words"][lang]
        for member, paths in (f.get("fitted") or {}).items():
            low, high = next(iter(paths.values()))
            shown = _interval_words(f, low, high, lang) if len(paths) == 1 else said["places"].format(len(paths))
            fitted.setdefault(member, []).append(f"{words} {shown}" if len(paths) == 1 else f"{words} ({shown})")
        for member, paths in (f.get("measured") or {}).items():
            if member in (f.get("fitted") or {}):  # the same words sampled elsewhere: say which are held
                held = [p.split(".")[2] if p.startswith("simulation.elements.") else p for p in paths]
                shown = ", ".join(held) if len(held) <= 3 else said["places"].format(len(held))
                measured.setdefault(member, []).append(f"{words} ({shown})")
                continue
            measured.setdefault(member, []).append(
                words if len(paths) == 1 else f"{words} ({said['places'].format(len(paths))})")
    out = []
    for member in sorted(set(fitted) | set(measured)):
        parts = ([f"{said['fitted']}: {', '.join(fitted[member])}"] if member in fitted else []) + (
            [f"{said['measured']}: {', '.join(measured[member])}"] if member in measured else [])
        bare = [said["bare"]] if member in doc.get("without_intervals", ()) else []
        out.append(f"{(towns or {}).get(member, member)}: {'; '.join(parts + [said['rest']] + bare)}.")
    return out
