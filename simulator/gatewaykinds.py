"""What each BPMN gateway compiles to: its kind code, and how it chooses among its outgoing flows.

A mixin of the compilation pass (:class:`simulator.tables._Builder`). A parallel gateway forks or
joins; an exclusive gateway chooses by ``conditions:`` over the case's attributes (with its default
flow), by ``probabilities:`` (cumulated here once, for one draw per choice), or by the legal clock's
extension rule; an inclusive gateway takes a flow set, by the probabilities of sets joined by '+'. Its
own module: a gateway's parameters are checked against its flows, each problem said with the flows it
has, apart from the pass that assembles the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from processes import model as m
from processes.params import ElementParams, SimParams
from simulator.tokens import EVENT_GATEWAY, EXCLUSIVE, INCLUSIVE, PARALLEL, PASS

__all__ = ["GatewayKinds"]


class GatewayKinds:
    """Gateways, for the compilation pass: their kinds, conditions and probabilities."""

    params: SimParams

    problem: Callable[[str, str], None]  # provided by the pass

    def gateway_kind(self, n: m.Gateway, f: dict[str, Any], flow_ids: list[str], ep: ElementParams | None) -> int:
        out = f["out"]
        kind = n.gateway_kind
        if kind == "complex":
            self.problem(n.id, "complex gateways are not simulated: draw an inclusive gateway instead "
                               "(`probabilities:` over its flows, or flow sets joined by '+')")
            return PASS
        if kind == "eventBased":
            return EVENT_GATEWAY
        if kind == "parallel":
            f["join"] = f["n_in"] > 1
            return PARALLEL
        names = [flow_ids[fi] for fi in out]
        if n.default and n.default in names:
            f["default"] = names.index(n.default)
        probabilities = dict(ep.probabilities) if ep is not None and ep.probabilities else {}
        conditions = dict(ep.conditions) if ep is not None and ep.conditions else {}
        clock = self.params.clock
        if kind == "exclusive" and clock is not None and clock.extension_flow in names \
                and clock.extension_rule == "projected":
            if probabilities or conditions:
                self.problem(n.id, "the legal clock's extension rule (projected) decides this gateway: remove its "
                                   "probabilities, or set clock.extension_rule: probabilities")
            return EXCLUSIVE
        if kind == "exclusive" and conditions:
            unknown = [k for k in conditions if k not in names]
            if unknown:
                self.problem(n.id, f"conditions name {', '.join(unknown)}, not outgoing flows of this "
                                   f"gateway (expected {', '.join(names)})")
            bare = [k for i, k in enumerate(names) if k not in conditions and i != f.get("default", -1)]
            if bare:
                self.problem(n.id, f"flow(s) {', '.join(bare)} need a condition (or be the gateway's default flow)")
            f["conditions"] = tuple(conditions.get(k) for k in names)
            return EXCLUSIVE
        if conditions:
            self.problem(n.id, "`conditions:` apply to exclusive gateways only")
        if kind == "exclusive":
            if len(out) > 1:
                if not probabilities:
                    self.problem(n.id, f"exclusive gateway needs `probabilities:` for its outgoing flows "
                                       f"({', '.join(names)})")
                else:
                    unknown = [k for k in probabilities if k not in names]
                    if unknown:
                        self.problem(n.id, f"probabilities name {', '.join(unknown)}, not outgoing flows of this "
                                           f"gateway (expected {', '.join(names)})")
                    f["cumulative"] = _cumulate([probabilities.get(k, 0.0) for k in names])
            return EXCLUSIVE
        f["join"] = f["n_in"] > 1
        if len(out) > 1:
            if not probabilities:
                self.problem(n.id, f"inclusive gateway needs `probabilities:` over its outgoing flows or flow sets "
                                   f"joined by '+' ({', '.join(names)})")
            else:
                subsets, weights = [], []
                for key, prob in probabilities.items():
                    parts = [k.strip() for k in key.split("+")]
                    bad = [k for k in parts if k not in names]
                    if bad:
                        self.problem(n.id, f"probabilities name {', '.join(bad)}, not outgoing flows of this "
                                           f"gateway (expected {', '.join(names)})")
                        continue
                    subsets.append(tuple(sorted({names.index(k) for k in parts})))
                    weights.append(prob)
                f["subsets"] = tuple(subsets)
                f["cumulative"] = _cumulate(weights)
        return INCLUSIVE


def _cumulate(weights: list[float]) -> tuple[float, ...]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    if out:
        out[-1] = max(out[-1], 1.0)  # rounding: the last flow takes what is left
    return tuple(out)
