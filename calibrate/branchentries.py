"""The profile's branching: each diverging gateway's shares as the log shows them (replayed counts where the
model replays, counts by the steps that mark a branch elsewhere), equal shares where the log cannot tell the
branches apart, and none where the legal clock's extension rule decides.

Its own module because branching is one part of the profile with its own sources
(:func:`calibrate.fits.fit_branching`, :mod:`calibrate.replay`) and rules; :class:`calibrate.core._Builder`
runs it after the durations.
"""

from __future__ import annotations

from typing import Any

from calibrate import fits
from calibrate.calibrationrun import CalibrationRun
from calibrate.profileentry import finite, sourced
from processes.model import Gateway

__all__ = ["BranchEntries"]


def _rounded_equal(n: int) -> list[float]:
    share = [round(1.0 / n, 4)] * n
    share[0] = round(1.0 - sum(share[1:]), 4)
    return share


def _extension_gateway(process: Any, sim: dict[str, Any]) -> str | None:
    """The gateway the legal clock's extension rule decides (``clock.extension_flow`` with the
    ``projected`` rule): its branching is a rule of the profile, not a share to fit from the log."""
    clock = sim.get("clock") or {}
    flow = clock.get("extension_flow") if isinstance(clock, dict) else None
    if not flow or clock.get("extension_rule", "projected") != "projected" or flow not in process.flows:
        return None
    return str(process.flows[flow].source)


class BranchEntries(CalibrationRun):
    """The branching part of a calibration run (see the module doc)."""

    def branching(self) -> None:
        elements = self.sim.setdefault("elements", {}) or {}
        ruled = _extension_gateway(self.process, self.sim)  # decided by the legal clock's rule, not by shares
        found = {g: fit for g, fit in self._branch_fits().items() if g != ruled}
        for g, fit in found.items():
            entry = dict(elements.get(g) or {})
            entry.pop("conditions", None)
            entry["probabilities"] = fit.probabilities
            ci = ", ".join(f"{k} [{a:.3f}, {b:.3f}]" for k, (a, b) in fit.ci.items())
            marks = "; ".join(f"{k} by {', '.join(v)}" for k, v in fit.markers.items())
            bounds = {k: [float(f"{a:.3f}"), float(f"{b:.3f}")] for k, (a, b) in fit.ci.items()
                      if k in fit.probabilities and finite(a, b)}
            elements[g] = sourced(entry, self.source, f"{fit.n} passes; 95% bootstrap over cases: {ci}; "
                                                       f"counted: {marks}", fitted=("probabilities",),
                                  interval={"probabilities": bounds, "what": "95% bootstrap over cases"}
                                  if bounds else None)
        self.report["branching"] = {g: f.data() for g, f in found.items()}
        for node in self.process.nodes.values():
            flows = self.process.outgoing(node.id)
            if not isinstance(node, Gateway) or node.gateway_kind not in ("exclusive", "inclusive") or len(flows) < 2 \
                    or node.id == ruled:
                continue
            entry = elements.get(node.id) or {}
            if entry.get("probabilities") or entry.get("conditions"):
                continue
            share = _rounded_equal(len(flows))
            elements[node.id] = {**entry, "probabilities": {f.id: p for f, p in zip(flows, share, strict=True)},
                                 "assumption": "the log cannot tell these branches apart (no step marks a "
                                               "branch alone): equal shares"}

    def _branch_fits(self) -> dict[str, fits.BranchFit]:
        """Replayed counts where the model replays (:mod:`calibrate.replay`), counts by marks elsewhere."""
        marked = fits.fit_branching(self.process, self.obs)
        try:
            from calibrate.replay import replay_counts

            counts = replay_counts(self.process, self.obs)
        except ImportError:  # pm4py (the logs extra) absent: the marks alone
            counts = None
        if counts is None:
            return marked
        return {**marked, **fits.fit_branching_replayed(self.process, counts)}
