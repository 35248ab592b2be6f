"""Numbers as a person reads them: :mod:`processes.numbers`, by the name the report's and the web's modules import.

It moved down to ``processes`` so that calibrate's command-line text (a layer below report) writes Swedish
numbers the same way; this name stays so that their imports stay valid.
"""

from __future__ import annotations

from processes.numbers import (
    MISSING,
    PERCENT,
    POINTS,
    SEPARATORS,
    SHARE_RULE,
    days,
    days_said,
    kronor,
    machine,
    number,
    percent,
    points,
    share,
)

__all__ = ["MISSING", "SEPARATORS", "PERCENT", "POINTS", "SHARE_RULE", "number", "percent", "share", "points", "days", "days_said",
           "kronor", "machine"]
