"""Document-wide id uniqueness, checked the way the XSD does (every BPMN/DI ``id``).

Vendor content (inside ``extensionElements``, ``di:extension`` or any foreign element)
is not BPMN and is not checked: ADONIS and Visual Paradigm repeat ids there.
"""

from __future__ import annotations

from lxml import etree

from .namespaces import BPMN, BPMNDI, DC, DI, q
from .readcommon import EXT, Source, duplicate_id, lenient_readable
from .readprocess import ARTIFACTS, FLOW_ELEMENTS

__all__ = ["unique_ids", "id_lines"]

_CHECKED = (BPMN, BPMNDI, DI, DC)
_SKIP = frozenset((EXT, q(DI, "extension")))
_INTERPRETED = frozenset(FLOW_ELEMENTS) | ARTIFACTS | {
    q(BPMN, t) for t in ("process", "collaboration", "participant", "messageFlow", "lane", "laneSet")}


def _bpmn_elements(el: etree._Element):
    for child in el:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            continue
        if etree.QName(child).namespace not in _CHECKED:
            continue
        yield child
        yield from _bpmn_elements(child)


def unique_ids(root: etree._Element, src: Source, *, strict: bool) -> tuple[tuple[str, str], ...]:
    """Raise on a repeated id; with ``strict=False`` rename the repeat instead.

    Renaming keeps the id on the element the model interprets (a process rather
    than a globalTask of the same id, as a Signavio roundtrip writes) and gives the
    other one ``<id>_dup<n>``, so the file can still be read and written validly.
    Returns the renames, ``(id, new id)`` each, in document order.
    """
    renamed: list[tuple[str, str]] = []
    first: dict[str, etree._Element] = {}
    for el in _bpmn_elements(root):
        element_id = el.get("id")
        if not element_id:
            continue
        seen = first.get(element_id)
        if seen is None:
            first[element_id] = el
            continue
        if strict:
            raise lenient_readable(src.error(el, duplicate_id(element_id, src.line(seen)), element_id))
        keep, rename = (el, seen) if el.tag in _INTERPRETED and seen.tag not in _INTERPRETED else (seen, el)
        n = 2
        while f"{element_id}_dup{n}" in first:
            n += 1
        rename.set("id", f"{element_id}_dup{n}")
        first[element_id] = keep
        first[f"{element_id}_dup{n}"] = rename
        renamed.append((element_id, f"{element_id}_dup{n}"))
    return tuple(renamed)


def id_lines(root: etree._Element, src: Source) -> dict[str, int]:
    """The line where the element of each BPMN and DI id begins (the first, after :func:`unique_ids`
    renamed repeats), vendor content left out as there."""
    lines: dict[str, int] = {}
    for el in _bpmn_elements(root):
        element_id = el.get("id")
        if element_id and element_id not in lines and (line := src.line(el)):
            lines[element_id] = line
    return lines
