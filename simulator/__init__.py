"""permitflow: simulator — discrete-event simulation of BPMN processes on simpy.

Given a ``processes.model.Process`` and its ``processes.params.SimParams``::

    from simulator import simulate, figures
    result = simulate(process, params, seed=1)
    figures(result)["complete_to_decision_mean_days"]

Scenarios, replications and comparisons go through ``scenarios.road``.

The names below are loaded on first use (PEP 562): importing one submodule, such as
``simulator.stats`` for a summary, does not start the engine's imports (simpy, the compiler).
"""

from __future__ import annotations

from processes.lazyload import lazy_names

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

_HOME = {
    "simulate": "engine",
    "simulate_many": "engine",
    "DEFAULT_MAX_STEPS": "engine",
    "check_executable": "compiler",
    "compile_process": "compiler",
    "figures": "stats",
    "confidence_interval": "stats",
    "replicate": "runner",
    "Summary": "stats",
    "to_csv": "eventlog",
    "to_xes": "eventlog",
    "SimResult": "records",
    "CaseRecord": "records",
    "ActivityRecord": "records",
    "ResourceInterval": "records",
    "PoolRecord": "records",
    "MeetingRecord": "records",
}

__getattr__, __dir__ = lazy_names(__name__, _HOME, globals())
