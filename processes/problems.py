"""A finding of the structural check (:func:`processes.validate.check`, which re-exports these names),
in a module of its own: a kept result (:mod:`bpmn_io.checkstore`) is shown without loading the model."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "SEVERITIES", "CODES"]

SEVERITIES = ("error", "warning")
CODES = (
    "duplicate-id", "missing-ref", "cross-scope", "boundary-host", "no-start", "no-end",
    "unreachable", "dead-end", "xor-split-and-join", "and-split-xor-join", "trivial-gateway", "implicit-end",
    "invalid-id", "optional-path-join",
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of :func:`processes.validate.check`: ``code`` (see that module's table), ``severity``,
    ``element`` (the id it is about), a one-line ``message`` (what is wrong, and in brackets what was
    expected) and ``line``, the line of the file that writes ``element`` where known (a BPMN file's)."""

    code: str
    severity: str
    element: str
    message: str
    line: int | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} (expected one of {', '.join(SEVERITIES)})")
        if self.code not in CODES:
            raise ValueError(f"problem code {self.code!r} (expected one of {', '.join(CODES)})")
