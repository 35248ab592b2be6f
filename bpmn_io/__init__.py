"""permitflow: bpmn_io — BPMN 2.0 XML (and authoring formats) in and out."""

from .layout import add_layout
from .reader import parse_bpmn, read_bpmn
from .svg import render_svg
from .writer import BpmnExport, bpmn_export, to_bpmn_bytes, write_bpmn

__all__ = [
    "add_layout",
    "BpmnExport",
    "bpmn_export",
    "render_svg",
    "parse_bpmn",
    "read_bpmn",
    "to_bpmn_bytes",
    "write_bpmn",
]
