"""permitflow: bpmn_io — BPMN 2.0 XML (and authoring formats) in and out.

The names below are loaded on first use (PEP 562): importing one submodule, such as
``bpmn_io.library`` on the way to a simulation, does not pull in the layout (Graphviz,
subprocess), the SVG renderer or the writer.
"""

from __future__ import annotations

from processes.lazyload import lazy_names

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

_HOME = {
    "add_layout": "layout",
    "BpmnExport": "writer",
    "bpmn_export": "writer",
    "render_svg": "svg",
    "parse_bpmn": "reader",
    "read_bpmn": "reader",
    "to_bpmn_bytes": "writer",
    "write_bpmn": "writer",
}

__getattr__, __dir__ = lazy_names(__name__, _HOME, globals())
