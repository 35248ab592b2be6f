"""Reading a drawing in a test: the SVG namespace and the drawing's element groups by BPMN id."""

from __future__ import annotations

from lxml import etree

__all__ = ["SVG", "groups"]

SVG = "{http://www.w3.org/2000/svg}"


def groups(svg: str) -> dict[str, etree._Element]:
    """Each ``<g data-element-id>`` of a drawing (:func:`bpmn_io.svg.render_svg`) by its element id."""
    root = etree.fromstring(svg.encode())
    return {g.get("data-element-id"): g for g in root.iter(f"{SVG}g") if g.get("data-element-id")}
