"""A fitted value as the calibrated profile writes it: numbers and durations as text, a fitted distribution as
data, and the ``source``, ``note`` and ``interval`` every fitted entry carries.

Its own module because every part of the calibration (arrivals, pools, durations, branching, the decision)
writes its entries through these, and the fit report's text (:mod:`calibrate.reporting`) writes numbers as
they do; they hold no fitting of their own.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from calibrate.fitdist import Fit

__all__ = ["hours_text", "distribution_data", "num", "span", "finite", "bounds",
           "mean_interval", "fit_note", "sourced", "about"]


def num(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, never in exponent notation (``21540``, ``0.25``)."""
    return np.format_float_positional(float(f"{value:.{digits}g}"), trim="-")


def hours_text(hours: float) -> str:
    """A duration for the profile: minutes under an hour, hours under two days, else days.

    >>> hours_text(0.25), hours_text(3.5), hours_text(516960.0)
    ('15m', '3.5h', '21540d')
    """
    if hours < 1:
        return f"{num(hours * 60, 3)}m"
    if hours < 48:
        return f"{num(hours)}h"
    return f"{num(hours / 24)}d"


def _work_text(hours: float) -> str:
    return f"{num(hours * 60, 3)}m" if hours < 1 else f"{num(hours)}h"


def distribution_data(fit: Fit, *, work: bool) -> Any:
    """A fitted distribution as profile data (work time in m/h only, calendar time in m/h/d)."""
    text = _work_text if work else hours_text
    if fit.family == "fixed":
        return text(fit.mean)
    if fit.family == "exponential":
        return {"dist": "exponential", "mean": text(fit.mean)}
    if fit.family == "empirical":
        return {"dist": "empirical", "values": [text(v) for v in fit.values]}
    return {"dist": fit.family, "mean": text(fit.mean), "sd": text(fit.sd)}


def span(hours: np.ndarray, *, work: bool = False) -> str:
    """The least and greatest of ``hours`` with the unit (one value when they agree to 0.05 %): hours under two
    days, else days as the profile writes them (:func:`hours_text`); it said "3.514e+04–3.733e+04 h". Hours of
    ``work`` (inside a calendar) stay hours: a day of them is no 24 hours.

    >>> span(np.array([10.0, 40.0])), span(np.array([240.0])), span(np.array([35140.0, 37330.0]))
    ('10–40 h', '10 days', '1464–1555 days')
    >>> span(np.array([7.5, 240.0]), work=True)
    '7.5–240 h'
    """
    low, high = float(hours.min()), float(hours.max())
    unit, size = ("h", 1.0) if high < 48 or work else ("days", 24.0)
    spread = f"–{num(high / size)}" if high - low >= 0.5e-3 * high else ""
    return f"{num(low / size)}{spread} {unit}"


def finite(*values: float) -> bool:
    return all(np.isfinite(v) for v in values)


def bounds(key: str, ci: tuple[float, float], shown: str, what: str) -> dict[str, Any] | None:
    """An ``interval:`` of ``key`` with the numbers as the note shows them (``shown``), None without one."""
    if not finite(*ci):
        return None
    return {key: [float(shown.format(ci[0])), float(shown.format(ci[1]))], "what": what}


def mean_interval(key: str, fit: Fit, value: Any) -> dict[str, Any] | None:
    """The ``interval:`` of a fitted distribution's mean (the note's ``mean m h [a, b]``), None for a fixed value."""
    low, high = fit.mean_ci
    if not isinstance(value, dict) or not finite(low, high):
        return None
    return {key: {"mean": [f"{num(low, 3)}h", f"{num(high, 3)}h"]}, "what": "95% bootstrap"}


def fit_note(fit: Fit) -> str:
    # the observed values with their zeros (why() counts them) leave none out
    kept = fit.family == "empirical" and not fit.aic
    zeros = f"; {fit.zeros} zero durations left out" if fit.zeros and not kept else ""
    # 3 significant digits as the interval: data gives them (mean_interval), never "3.51e+04"
    mean, sd = (f"{num(v, 3)} h [{num(lo, 3)}, {num(hi, 3)}]" for v, (lo, hi) in
                ((fit.mean, fit.mean_ci), (fit.sd, fit.sd_ci)))
    return f"{fit.why()}; n={fit.n}{zeros}; mean {mean}, sd {sd} (95% bootstrap)"


def sourced(entry: dict[str, Any], source: str, note: str, *, fitted: tuple[str, ...] = (),
            interval: dict[str, Any] | None = None) -> dict[str, Any]:
    """``entry`` with ``source`` and ``note``, and ``interval`` (what the note's interval is and its bounds per
    key, as data: an uncertainty run samples the value over it). With ``fitted`` (the keys the log gave), an
    assumption the entry had stays, named after the keys it still holds for (``loop: A2 ...``: what the log
    did not tell stays an assumption, and an uncertainty run samples it as one)."""
    out = {k: v for k, v in entry.items() if k not in ("assumption", "source", "note", "interval")}
    out["source"] = source
    out["note"] = note
    if interval:
        out["interval"] = interval
    kept = [k for k in out if k not in fitted and k not in ("source", "note", "interval", "pool", "set", "lanes")]
    if fitted and kept and entry.get("assumption"):
        out["assumption"] = about(kept, entry["assumption"])
    return out


def about(keys: list[str], assumption: Any) -> Any:
    """``assumption`` named after ``keys`` (``loop: ...``), in each language it is written in."""
    head = ", ".join(keys) + ": "
    if isinstance(assumption, dict):
        return {lang: head + str(text) for lang, text in assumption.items()}
    return head + str(assumption)
