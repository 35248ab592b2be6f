"""Simulation parameters of other tools, in and out: BPSim, QBP (BIMP/Simod), Prosimos JSON.

Each importer returns a :class:`Converted`: a plain profile document (the
``simulation:`` part of profile.yaml, ready for ``bpmn_io.profile.profile_from_data``)
and one warning per parameter that has no permitflow equivalent, named as the
other tool names it. The Prosimos exporter returns the Prosimos JSON document and
one warning per permitflow feature that Prosimos cannot express; ``prosimos_bpmn``
rewrites the model into the BPMN subset Prosimos reads (plain tasks).
"""

from .bpsim import bpsim_to_profile
from .common import Converted
from .prosimos import to_prosimos
from .prosimos_bpmn import prosimos_bpmn
from .prosimos_import import prosimos_to_profile
from .qbp import qbp_to_profile

__all__ = ["Converted", "bpsim_to_profile", "qbp_to_profile", "prosimos_to_profile", "to_prosimos", "prosimos_bpmn"]
