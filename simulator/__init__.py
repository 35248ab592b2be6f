"""permitflow: simulator — discrete-event simulation of BPMN processes on simpy.

Given a ``processes.model.Process`` and its ``processes.params.SimParams``::

    from simulator import simulate, figures
    result = simulate(process, params, seed=1)
    figures(result)["complete_to_decision_mean_days"]

Scenarios, replications and comparisons go through ``scenarios.road``.
"""

from simulator.compiler import check_executable, compile_process
from simulator.engine import DEFAULT_MAX_STEPS, simulate, simulate_many
from simulator.eventlog import to_csv, to_xes
from simulator.records import (
    ActivityRecord,
    CaseRecord,
    MeetingRecord,
    PoolRecord,
    ResourceInterval,
    SimResult,
)
from simulator.runner import replicate
from simulator.stats import Summary, confidence_interval, figures

__all__ = [
    "simulate",
    "simulate_many",
    "DEFAULT_MAX_STEPS",
    "check_executable",
    "compile_process",
    "figures",
    "confidence_interval",
    "replicate",
    "Summary",
    "to_csv",
    "to_xes",
    "SimResult",
    "CaseRecord",
    "ActivityRecord",
    "ResourceInterval",
    "PoolRecord",
    "MeetingRecord",
]
