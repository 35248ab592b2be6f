"""BPSim (``bpsim:BPSimData``) scenarios from a BPMN file into permitflow parameters.

BPSim keeps its data in a ``relationship`` of type BPSimData (or in
``extensionElements``): a ``Scenario`` of ``ElementParameters``, each naming a
BPMN element by ``elementRef``. What maps:

==================================== ===============================================
BPSim                                permitflow (profile ``simulation:``)
==================================== ===============================================
ScenarioParameters ``baseTimeUnit``  unit of every number below (default ``min``)
ScenarioParameters ``Start``         ``start``
ScenarioParameters ``Duration``      ``horizon``
ScenarioParameters ``Warmup``        ``warmup``
start event InterTriggerTimer        ``arrivals.per_year`` (Poisson; exact for an
                                     exponential/Poisson inter-arrival time)
start event TriggerCount             ``cases`` (a whole number, else refused as QBP's
                                     processInstances is)
activity ProcessingTime              ``duration`` (work, with a pool) when the
                                     activity has ResourceParameters, else ``delay``
catch event ProcessingTime           ``delay``
activity ResourceParameters Quantity a pool of that many members for the activity (2.5
                                     or -5: cut to a whole number from 1, with a
                                     warning, as QBP's totalAmount); its value's
                                     ``validFor`` calendar (below) is the pool's
                                     calendar, else 24/7
Calendar (iCalendar text)            a calendar, when it is a week of repeating
                                     VEVENTs (``bpmn_io.simformats.ical``)
sequence flow Probability            gateway ``probabilities`` (percent or share)
==================================== ===============================================

Everything else (costs, availability, queue/wait/transfer/setup/validation/
rework times, property parameters, calendars that are not weekly, ...) is
reported by name as a warning.

Choices made against what the tools that write BPSim do (read in their source):

* **ProcessingTime on a start event** is not an inter-arrival time. jBPM
  Designer writes one, but jBPM's simulator (droolsjbpm-integration,
  jbpm-simulation: ``StartEventSimulator`` only stamps the start time;
  ``SimulationRunner.runSimulation(..., numberOfAllInstances, interval)`` takes
  the gap between instances when a run starts) never reads it, so it is
  reported, not imported as arrivals. Arrivals come only from
  ``InterTriggerTimer``.
* **PoissonDistribution** for a time is a Poisson *count of base time units*
  (mean λ, standard deviation √λ) and is imported as that discrete
  distribution; jBPM's own simulator instead draws a count of milliseconds
  (``PoissonTimeGenerator``), nearly a fixed time; the warning says so.
* **ProcessingTime on a catch or boundary event** becomes ``delay`` only for
  timer and message events (the only ones whose time permitflow draws); on a
  subprocess it is reported (a permitflow subprocess takes the time of its inside).

Single parameter values (numbers, dates, distributions) are read by
:mod:`bpmn_io.simformats.bpsim_values`; this module reads the scenario's parts and makes the profile.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from bpmn_io.simformats.bpsim_values import (
    UNIT_HOURS,
    ParameterValues,
    constant_value,
    local_name,
    parameter_values,
)
from bpmn_io.simformats.common import (
    ALWAYS_OPEN,
    Converted,
    Where,
    branching_gateways,
    constant_arrivals,
    hours_text,
    normalised,
    pool_count,
    profile_document,
)
from processes.errors import InputError
from processes.model import Definitions, Event, Gateway, SequenceFlow, SubProcess

__all__ = ["bpsim_to_profile", "BPSIM_NAMESPACES"]

BPSIM_NAMESPACES = ("http://www.bpsim.org/schemas/1.0", "http://www.bpsim.org/schemas/2.0")
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


class _Reader(ParameterValues):
    """Reads one scenario; collects the profile parts and the warnings."""

    # -- parts --------------------------------------------------------------------------
    def scenario_parameters(self, sp: etree._Element) -> None:
        unit = sp.get("baseTimeUnit")
        if unit is None:
            self.warn("ScenarioParameters: no baseTimeUnit; BPSim's default 'min' assumed")
        elif unit not in UNIT_HOURS:
            raise self.where.error(sp, f"bpsim:ScenarioParameters baseTimeUnit {unit!r} "
                                       f"(expected one of {', '.join(UNIT_HOURS)})")
        else:
            self.unit = UNIT_HOURS[unit]
        for name in ("replication", "seed", "baseCurrencyUnit", "baseResultFrequency",
                     "baseResultFrequencyCumul", "traceOutput", "traceFormat"):
            if sp.get(name) is not None:
                self.warn(f"ScenarioParameters {name}={sp.get(name)!r}: set on the permitflow command line instead "
                          "(not imported)")
        for child in sp:
            kind = local_name(child)
            if not kind:
                continue
            if kind == "Start":
                for v in child:
                    if local_name(v) == "DateTimeParameter" and v.get("value"):
                        self.start = self.date(v)
            elif kind in ("Duration", "Warmup"):
                value = self.number(child, f"ScenarioParameters {kind}")
                if value is not None:
                    hours = value * self.unit
                    if kind == "Duration":
                        self.horizon = hours
                    else:
                        self.warmup = hours
            else:
                self.warn(f"ScenarioParameters {kind}: no permitflow equivalent (not imported)")

    def element_parameters(self, ep: etree._Element) -> None:
        ref = ep.get("elementRef", "")
        target = self.defs.element(ref)
        what = f"ElementParameters {ref!r}"
        if target is None:
            self.warn(f"{what}: no element with this id in the model (not imported)")
            return
        groups = {local_name(g): g for g in ep if local_name(g)}
        for gname, group in groups.items():
            for param in group:
                pname = local_name(param)
                label = f"{what} {pname}"
                if not pname:
                    continue
                requests = [r.text or "" for r in param if local_name(r) == "ResultRequest"]
                if requests:
                    self.warn(f"{label}: ResultRequest {', '.join(requests)} asks for output (permitflow reports its "
                              "own figures; not imported)")
                if not parameter_values(param):
                    continue
                cal = self.valid_for(param, label)
                if cal is not None:
                    self.used_calendars.add(cal)
                    if not (pname == "Quantity" and gname == "ResourceParameters"):
                        self.warn(f"{label}: valid only during calendar {cal!r}; imported as valid at all times")
                if isinstance(target, SequenceFlow) and pname == "Probability":
                    value = self.number(param, label)
                    if value is not None:
                        self.flow_probs[ref] = value
                elif isinstance(target, Event) and target.position == "start" and pname == "InterTriggerTimer":
                    dist = self.distribution(param, label)
                    if dist is not None:
                        self.arrival_from(dist, label, param)
                elif isinstance(target, Event) and target.position == "start" and pname == "TriggerCount":
                    cases = self.whole(param, label)
                    if cases is not None:
                        self.cases = cases
                elif pname == "ProcessingTime" and isinstance(target, Event):
                    where = target.position.replace("_", " ")
                    if target.position in ("intermediate_catch", "boundary") and target.trigger in ("timer", "message"):
                        dist = self.distribution(param, label)
                        if dist is not None:
                            self.elements.setdefault(ref, {})["delay"] = dist
                    elif target.position == "start":
                        self.warn(f"{label}: a processing time on a start event is not an inter-arrival time "
                                  "(jBPM's simulator ignores it and takes the interval between instances when a run "
                                  "starts); not imported, arrivals come from InterTriggerTimer")
                    elif target.position in ("intermediate_catch", "boundary"):
                        kind = f"{target.trigger} {where}"
                        self.warn(f"{label}: a processing time on {'an' if kind[0] in 'aeiou' else 'a'} {kind} event "
                                  "has no permitflow "
                                  "equivalent (the event happens when its trigger does; not imported)")
                    else:
                        article = "an" if where[0] in "aeiou" else "a"
                        self.warn(f"{label}: a processing time on {article} {where} event has no "
                                  "permitflow equivalent (not imported)")
                elif pname == "ProcessingTime" and isinstance(target, SubProcess):
                    self.warn(f"{label}: a processing time on a subprocess has no permitflow equivalent (a "
                              "subprocess takes the time of what is inside it; not imported)")
                elif pname == "Probability" and isinstance(target, Event):
                    self.warn(f"{label}: a probability on a {target.position.replace('_', ' ')} event has no "
                              "permitflow equivalent (jBPM uses it on boundary events as the chance they fire; "
                              "not imported)")
                elif pname == "ProcessingTime" and not isinstance(target, (Gateway, SequenceFlow)):
                    dist = self.distribution(param, label)
                    if dist is not None:
                        self.elements.setdefault(ref, {})["_time"] = dist
                elif pname == "Quantity" and gname == "ResourceParameters":
                    value = self.number(param, label)
                    if value is not None:
                        child = constant_value(param)
                        assert child is not None  # number() read it
                        said = f"{label}: bpsim:{local_name(child)} value={child.get('value')!r}"
                        count = pool_count(value, self.where, child, said, self.warnings)
                        self.elements.setdefault(ref, {})["_quantity"] = count
                        if cal is not None:
                            self.pool_calendar[ref] = cal
                else:
                    self.warn(f"{label}: no permitflow equivalent (not imported)")

    def arrival_from(self, dist: dict[str, Any], label: str, param: etree._Element) -> None:
        from processes.distributions import distribution_from_data

        try:
            mean_hours = distribution_from_data(dist).mean()
        except InputError as err:  # "mean: duration '-3m' is negative", said of no file: read here, not later
            raise self.where.error(parameter_values(param)[0], f"{label}: {err}") from None
        if not mean_hours > 0:
            self.warn(f"{label}: inter-arrival mean {mean_hours!r} h is not positive (not imported)")
            return
        if dist["dist"] != "exponential":
            self.warn(f"{label}: inter-arrival {dist['dist']} distribution imported as a Poisson process "
                      "with the same mean (permitflow arrivals are Poisson or replayed)")
        self.arrivals = constant_arrivals(mean_hours)

    def finish(self) -> Converted:
        elements: dict[str, Any] = {}
        pools: dict[str, Any] = {}
        calendars: dict[str, Any] = {}
        for ref, e in self.elements.items():
            out: dict[str, Any] = {k: v for k, v in e.items() if not k.startswith("_")}
            if "_time" in e:
                if "_quantity" in e:
                    pool = f"pool_{ref}"
                    cal = self.pool_calendar.get(ref)
                    if cal is not None and cal in self.calendars:
                        calendars[cal] = {"hours": dict(self.calendars[cal]), "holidays": "none"}
                    else:
                        if cal is not None:
                            why = self.calendar_errors.get(cal, "no bpsim:Calendar with this id")
                            self.warn(f"ElementParameters {ref!r} Quantity: calendar {cal!r} not imported ({why}); "
                                      "the pool works 24/7")
                        cal = "always"
                        calendars["always"] = {"hours": dict(ALWAYS_OPEN), "holidays": "none"}
                    pools[pool] = {"count": e["_quantity"], "calendar": cal}
                    out["duration"] = e["_time"]
                    out["pool"] = pool
                else:
                    out["delay"] = e["_time"]
            elif "_quantity" in e:
                self.warn(f"ElementParameters {ref!r} Quantity: a resource quantity without a processing time "
                          "has nothing to do in permitflow (not imported)")
            if out:
                elements[ref] = out
        branching = {f for flows in branching_gateways(self.process).values() for f in flows}
        plain = sorted(f for f in self.flow_probs if f not in branching)
        if plain:
            self.warn(f"Probability on {len(plain)} sequence flow(s) that do not leave a gateway with several ways "
                      f"out ({', '.join(plain)}): nothing to choose in permitflow (not imported)")
        for gateway, flows in branching_gateways(self.process).items():
            given = {f: self.flow_probs[f] for f in flows if f in self.flow_probs}
            if not given:
                continue
            total = sum(given.values())
            if len(given) < len(flows) or not total > 0:
                self.warn(f"gateway {gateway!r}: Probability given on {len(given)} of {len(flows)} outgoing flows "
                          "(not imported; set probabilities in the profile)")
                continue
            scale = 100.0 if total > 1.0 + 1e-9 else 1.0
            if abs(total / scale - 1.0) > 1e-6:
                self.warn(f"gateway {gateway!r}: Probability values sum to {total:g}"
                          f"{'%' if scale == 100 else ''}; normalised to 1")
            elements.setdefault(gateway, {})["probabilities"] = normalised(given, total)
        for cid in sorted(set(self.calendars) | set(self.calendar_errors)):
            if cid not in self.used_calendars:
                reason = self.calendar_errors.get(cid)
                self.warn(f"Calendar {cid!r}: used by no imported parameter (not imported)"
                          + (f"; it is also not a weekly calendar: {reason}" if reason else ""))
        if self.arrivals is None:
            self.warn("no InterTriggerTimer on a start event: arrivals set to 0 a year (set them in the profile)")
            self.arrivals = {"per_year": 0}
        doc = profile_document(
            start=self.start, cases=self.cases, horizon_hours=self.horizon if self.cases is None else None,
            calendars=calendars,
            pools=pools, arrivals=self.arrivals, elements=elements,
            note=f"imported from the BPSim data of {self.source}",
        )
        if self.warmup:
            doc["simulation"]["warmup"] = hours_text(self.warmup)
        return Converted(doc, tuple(self.warnings))


def _bpsim_roots(defs: Definitions, where: Where) -> list[etree._Element]:
    roots: list[etree._Element] = []
    texts = list(defs.relationships) + list(defs.opaque.extension_elements) + list(defs.opaque.children)
    for p in defs.processes:
        texts += list(p.opaque.extension_elements)
    for text in texts:
        if "bpsim" not in text.lower():
            continue
        root = where.read(text)
        for ns in BPSIM_NAMESPACES:
            roots += root.iter(f"{{{ns}}}BPSimData")
    return roots


def bpsim_to_profile(defs: Definitions, *, source: str, scenario: str | None = None) -> Converted:
    """The BPSim scenario ``scenario`` (default: the first) of ``defs`` as a profile document.

    Raises InputError when the file has no BPSim data or no such scenario.
    """
    where = Where(defs, source)
    roots = _bpsim_roots(defs, where)
    scenarios = [s for r in roots for s in r if local_name(s) == "Scenario"]
    if not scenarios:
        raise InputError("no bpsim:BPSimData scenario found (expected a relationship of type BPSimData)",
                         file=source)
    chosen = scenarios[0]
    if scenario is not None:
        matching = [s for s in scenarios if scenario in (s.get("id"), s.get("name"))]
        if not matching:
            names = ", ".join(str(s.get("id")) for s in scenarios)
            raise InputError(f"no BPSim scenario {scenario!r} (expected one of {names})", file=source)
        chosen = matching[0]
    reader = _Reader(defs, defs.process(), where)
    if scenario is None and len(scenarios) > 1:
        others = ", ".join(str(s.get("id")) for s in scenarios[1:])
        reader.warn(f"{len(scenarios)} BPSim scenarios; imported the first ({chosen.get('id')!r}), not {others}")
    for child in chosen:
        kind = local_name(child)
        if kind == "ScenarioParameters":
            reader.scenario_parameters(child)
        elif kind == "Calendar":
            reader.calendar(child)
    for child in chosen:
        kind = local_name(child)
        if kind == "ElementParameters":
            reader.element_parameters(child)
        elif kind in ("ScenarioParameters", "Calendar", ""):
            continue
        else:
            reader.warn(f"bpsim:{kind} {child.get('id') or child.get('name') or ''}".rstrip()
                        + ": no permitflow equivalent (not imported)")
    return reader.finish()
