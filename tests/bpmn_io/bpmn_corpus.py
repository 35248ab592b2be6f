"""The BPMN interop corpus in ../shared/interop, for the bpmn_io tests (test data only).

Tests that read it carry the ``interop`` mark (see tests/shared.py); the XSDs come from
tests/bpmnschema.py, not from the corpus.
"""

from __future__ import annotations

from pathlib import Path

from shared import INTEROP, when_interop

SUFFIXES = (".bpmn", ".bpmn2", ".xml")

# Tool output with a defect that strict import refuses, so it is read with strict=False:
# a sequence flow whose sourceRef is missing (Signavio exports drop the element) or lies
# in another process, or a repeated id (a Signavio roundtrip gives a globalTask and a
# process the same id; another copies an ioSpecification with its ids). The first
# defect of each file is asserted in test_reader.
TOOL_DEFECTS = {
    "miwg/sap-signavio-process-manager-19.9.0/B.1.0-export.bpmn":
        "sequenceFlow sourceRef 'sid-ED496D00-919C-4799-9F0C-D6FB0EA1D906' does not exist",
    "miwg/sap-signavio-process-manager-19.9.0/B.2.0-export.bpmn":
        "sequenceFlow sourceRef 'sid-ED496D00-919C-4799-9F0C-D6FB0EA1D906' does not exist",
    "miwg/sap-signavio-process-manager-19.9.0/B.1.0-roundtrip.bpmn":
        "duplicate id 'Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450' (first used at line 14)",
    "miwg/sap-signavio-process-manager-19.9.0/B.2.0-roundtrip.bpmn":
        "duplicate id 'Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450' (first used at line 14)",
    "miwg/sap-signavio-process-manager-19.9.0/C.5.0-roundtrip.1.bpmn":
        "duplicate id '_b9338c62-a257-47dd-8c2e-88b80b73c330_iospec' (first used at line 6)",
}


def corpus_files() -> list[Path]:
    """Every BPMN file of interop/miwg and interop/odd (the xsd folder excluded); none when absent."""
    return sorted(
        p for folder in ("miwg", "odd") for p in (INTEROP / folder).rglob("*")
        if p.is_file() and p.suffix in SUFFIXES
    )


def corpus_params() -> list:
    """:func:`corpus_files` to parametrize an ``interop`` test with (a placeholder when absent)."""
    return when_interop(corpus_files())


def rel(path: Path) -> str:
    return path.relative_to(INTEROP).as_posix()


def is_strict(path: Path) -> bool:
    return rel(path) not in TOOL_DEFECTS
