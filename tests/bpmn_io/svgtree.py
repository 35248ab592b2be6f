"""Reading a drawing in a test: the SVG namespace, the drawing's element groups by BPMN id, and where
its texts lie."""

from __future__ import annotations

from lxml import etree

from bpmn_io.textsize import LINE_HEIGHT, text_width
from processes.model import Bounds

__all__ = ["SVG", "groups", "text_boxes"]

SVG = "{http://www.w3.org/2000/svg}"


def groups(svg: str) -> dict[str, etree._Element]:
    """Each ``<g data-element-id>`` of a drawing (:func:`bpmn_io.svg.render_svg`) by its element id."""
    root = etree.fromstring(svg.encode())
    return {g.get("data-element-id"): g for g in root.iter(f"{SVG}g") if g.get("data-element-id")}


def text_boxes(group: etree._Element) -> list[tuple[str, Bounds]]:
    """Each line of text the group draws (``<tspan>`` of a ``<text>`` not rotated) with the box it covers:
    as wide as :mod:`bpmn_io.textsize` measures it (its estimate errs wide), one line high, placed by its
    anchor as :func:`bpmn_io.svg_parts.text_block` writes it (baseline 0.95 of the size below the top)."""
    found = []
    for text in group.iter(f"{SVG}text"):
        if text.get("transform"):
            continue  # a pool's or lane's header, set bottom to top
        size, anchor = float(text.get("font-size", "11")), text.get("text-anchor", "start")
        for span in text.iter(f"{SVG}tspan"):
            line = span.text or ""
            x, y, width = float(span.get("x")), float(span.get("y")), text_width(line, size)
            left = x - width / 2 if anchor == "middle" else (x - width if anchor == "end" else x)
            found.append((line, Bounds(left, y - 0.95 * size, width, size * LINE_HEIGHT)))
    return found
