"""Ids BPMN tools refuse, made valid in an exported document, with every reference.

A file may carry ids that are not XML ids (``myProcess{0}``, ``241``), ids that
bpmn-moddle refuses although they are (``Granska_ansökan``), or a ``definitions``
id that is also a process's id (jBPM). Read as they are, they would make the
export XSD-invalid or lose elements in bpmn.io. :func:`repair_ids` renames them in
the written tree (:func:`processes.xmlids.portable_id`) and rewrites every
reference the XSD defines (:mod:`bpmn_io.xsdrefs`: QName/IDREF attributes and
reference elements, in content kept aside as well), plus the ``elementRef`` of
BPSim parameters. It returns the renaming, which the caller reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from processes.xmlids import is_portable_id, portable_id

from .dangling import REF_PREFIX
from .namespaces import BPMN, BPMNDI, DC, DI, KEPT, q
from .xsdrefs import REFERENCE_ATTRIBUTES, REFERENCE_ELEMENTS

__all__ = ["repair_ids"]

_OURS = frozenset((BPMN, BPMNDI, DC, DI, KEPT))
_BPSIM = "http://www.bpsim.org/schemas/1.0"
_KEPT_REF = f"{{{KEPT}}}{REF_PREFIX}"


def _standard(root: etree._Element) -> Iterator[etree._Element]:
    """``root`` and the BPMN/DI elements below it, not descending into vendor content."""
    yield root
    for child in root:
        if isinstance(child.tag, str) and etree.QName(child).namespace in _OURS:
            yield from _standard(child)


def _renaming(elements: list[etree._Element]) -> tuple[str | None, dict[str, str]]:
    """The root's new id when it repeats an element's id, and the renaming references follow."""
    root, others = elements[0], [el.get("id", "") for el in elements[1:] if el.get("id")]
    taken = set(others) | {root.get("id", "")}
    root_id, root_new = root.get("id", ""), None
    if root_id and root_id in others:
        # references to this id mean the element, so only the definitions change
        root_new = portable_id(f"{root_id}_definitions", taken)
        taken.add(root_new)
    renamed: dict[str, str] = {}
    for element_id in ([root_id] if root_id and root_new is None else []) + others:
        if element_id not in renamed and not is_portable_id(element_id):
            renamed[element_id] = portable_id(element_id, taken)
            taken.add(renamed[element_id])
    return root_new, renamed


def _follow(value: str | None, renamed: dict[str, str]) -> str | None:
    """A reference value after the renaming (a QName's local part follows too)."""
    if value is None:
        return None
    key = value.strip()
    if key in renamed:
        return renamed[key]
    prefix, colon, name = key.rpartition(":")
    if colon and name in renamed:
        return f"{prefix}:{renamed[name]}"
    return None


def repair_ids(root: etree._Element) -> list[tuple[str, str]]:
    """Rename, in ``root``'s tree, the ids tools refuse; return ``(old, new)`` pairs in document order."""
    elements = list(_standard(root))
    root_new, renamed = _renaming(elements)
    pairs = [(root.get("id", ""), root_new)] if root_new else []
    for el in elements:
        element_id = el.get("id")
        if el is root and root_new:
            el.set("id", root_new)
        elif element_id in renamed:
            el.set("id", renamed[element_id])
            pairs.append((element_id, renamed[element_id]))
        if not renamed:
            continue
        for name, value in el.attrib.items():
            if name in REFERENCE_ATTRIBUTES or name.startswith(_KEPT_REF):
                new = _follow(value, renamed)
                if new is not None:
                    el.set(name, new)
        if etree.QName(el).localname in REFERENCE_ELEMENTS and len(el) == 0:
            new = _follow(el.text, renamed)
            if new is not None:
                el.text = new
    for el in root.iter(q(_BPSIM, "*")) if renamed else ():
        new = _follow(el.get("elementRef"), renamed)
        if new is not None:
            el.set("elementRef", new)
    return pairs
