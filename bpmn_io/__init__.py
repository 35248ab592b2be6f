"""permitflow: bpmn_io — BPMN 2.0 XML (and authoring formats) in and out."""

from .reader import parse_bpmn, read_bpmn

__all__ = [
    "parse_bpmn",
    "read_bpmn",
]
