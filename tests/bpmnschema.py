"""The OMG BPMN 2.0 XML schemas, from the package the test extra installs.

SpiffWorkflow (PyPI ``spiffworkflow``) ships BPMN20.xsd, Semantic.xsd, BPMNDI.xsd, DI.xsd
and DC.xsd in ``SpiffWorkflow/bpmn/parser/schema/``: the OMG files (formal/2011-01-03),
element for element those in ../shared/interop/xsd (only whitespace and line ends
differ). Test-only: the product never reads an XSD, and nothing of SpiffWorkflow is imported.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path

from lxml import etree

__all__ = ["xsd_folder", "schema", "BPSIM_XSI_TYPE"]

BPSIM = "http://www.bpsim.org/schemas/1.0"
BPSIM_XSI_TYPE = (
    f"Element '{{{BPSIM}}}Scenario', attribute '{{http://www.w3.org/2001/XMLSchema-instance}}type': "
    f"The QName value '{{{BPSIM}}}Scenario' of the xsi:type attribute does not resolve to a type definition."
)
"""libxml2's one error on BPSim written as jBPM writes it (``xsi:type="bpsim:Scenario"`` and
the like): validating an xsi:type needs the schema that defines the type, which BPMN20.xsd
does not load; it reports the first such element and skips its subtree."""

_FOLDER = "SpiffWorkflow/bpmn/parser/schema"
_FILES = ("BPMN20.xsd", "Semantic.xsd", "BPMNDI.xsd", "DI.xsd", "DC.xsd")


@cache
def xsd_folder() -> Path:
    """The folder with BPMN20.xsd and the four files it loads."""
    try:
        dist = metadata.distribution("spiffworkflow")
    except metadata.PackageNotFoundError:
        raise RuntimeError("the BPMN XSDs come from the spiffworkflow package of the test extra: "
                           "pip install -e '.[test]' (or make setup-test)") from None
    folder = Path(str(dist.locate_file(_FOLDER)))
    missing = [name for name in _FILES if not (folder / name).is_file()]
    if missing:
        raise RuntimeError(f"spiffworkflow {dist.version} has no {', '.join(missing)} in {folder} "
                           "(expected the BPMN 2.0 schema files there)")
    return folder


@cache
def schema() -> etree.XMLSchema:
    """BPMN20.xsd (it loads the other four files), parsed once per test process."""
    return etree.XMLSchema(etree.parse(str(xsd_folder() / "BPMN20.xsd")))
