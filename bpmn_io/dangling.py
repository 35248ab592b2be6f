"""Optional references that name no element: set aside on export, restored on import.

Tools write references to ids that are not in their file (Bizagi's ``messageRef``,
``categoryValueRef`` and ``dataStoreRef``, a bpmn-moddle fixture's plane pointing
at nothing). BPMN tools (bpmn-moddle, hence bpmn.io and Camunda Modeler) warn
"unresolved reference" on each. Such an optional reference ATTRIBUTE is written as
the foreign attribute ``pfk:ref-<name>`` (namespace :data:`bpmn_io.namespaces.KEPT`;
the XSD allows ``##other`` attributes on every BPMN and DI element, and tools ignore
it), and :func:`restore_references` gives it back its name on import, so a round
trip loses nothing. A sequence or message flow whose REQUIRED ``sourceRef`` or
``targetRef`` names nothing (Signavio drops the ends of some flows; read with
``strict=False``) is kept aside as a whole (:func:`keep_dangling_flows_aside`), and
shapes and edges that draw nothing by :func:`bpmn_io.writedi.keep_drawings_aside`.
Reference ELEMENTS (Trisotech's ``<outMessageRef>triso:unspecified</outMessageRef>``
inside a kept interface) stay as written.
"""

from __future__ import annotations

from lxml import etree

from .namespaces import BPMN, BPMNDI, DI, KEPT, KEPT_TAG
from .readcommon import Source
from .writecommon import Builder

__all__ = ["REFERENCE_ATTRIBUTES", "REF_PREFIX", "visible_ids", "has_dangling_references", "set_aside_references",
           "restore_references", "keep_dangling_flows_aside"]

REFERENCE_ATTRIBUTES = frozenset((
    "messageRef", "categoryValueRef", "dataStoreRef", "dataObjectRef", "processRef", "errorRef",
    "escalationRef", "signalRef", "operationRef", "itemSubjectRef", "activityRef", "bpmnElement",
    "sourceElement", "targetElement", "labelStyle", "choreographyActivityShape",
))
"""Attributes bpmn-moddle resolves as references that the XSD makes optional.

Not ``default`` (a gateway's or activity's default flow: what it names matters to
the simulator, so it stays visible) and not ``structureRef`` (on an itemDefinition
it names an XSD type, which bpmn-moddle does not resolve).
"""

REF_PREFIX = "ref-"
_FAMILY = frozenset((BPMN, BPMNDI, DI))
_FLOWS = (f"{{{BPMN}}}sequenceFlow", f"{{{BPMN}}}messageFlow")
_FLOW_REFS = (f"{{{BPMN}}}incoming", f"{{{BPMN}}}outgoing")


def _tools_see(el: etree._Element) -> bool:
    """Whether ``el`` is an element outside every kept-wrapper (what a BPMN tool reads)."""
    return isinstance(el.tag, str) and el.tag != KEPT_TAG and not any(a.tag == KEPT_TAG for a in el.iterancestors())


def visible_ids(root: etree._Element) -> set[str]:
    """The ids of the elements of ``root`` that are not inside a kept-wrapper."""
    return {el.get("id", "") for el in root.iter() if _tools_see(el) and el.get("id")}


def _resolves(value: str, ids: set[str]) -> bool:
    return value in ids or value.rpartition(":")[2] in ids


def _dangling(root: etree._Element) -> list[tuple[etree._Element, str]]:
    ids = visible_ids(root)
    return [(el, name) for el in root.iter()
            if _tools_see(el) and etree.QName(el).namespace in _FAMILY
            for name in sorted(REFERENCE_ATTRIBUTES)
            if el.get(name) is not None and not _resolves(el.get(name, ""), ids)]


def has_dangling_references(root: etree._Element) -> bool:
    """Whether an optional reference attribute in ``root``'s tree names no element tools see."""
    return bool(_dangling(root))


def set_aside_references(data: bytes, parser: etree.XMLParser) -> bytes:
    """``data`` (a document permitflow wrote) with dangling optional references set aside.

    Each such attribute becomes ``pfk:ref-<name>`` at the same place among the
    element's attributes. Declare the ``pfk`` prefix on the root beforehand, or
    lxml invents one per element.
    """
    root = etree.fromstring(data, parser)
    for el, name in _dangling(root):
        items = list(el.attrib.items())
        el.attrib.clear()
        for key, value in items:
            el.set(f"{{{KEPT}}}{REF_PREFIX}{name}" if key == name else key, value)
    text = etree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def restore_references(root: etree._Element, source: Source) -> None:
    """Give every ``pfk:ref-<name>`` attribute of ``root``'s tree its name back (in place)."""
    prefix = f"{{{KEPT}}}{REF_PREFIX}"
    for el in root.iter():
        if not isinstance(el.tag, str) or not any(key.startswith(prefix) for key in el.attrib):
            continue
        items = list(el.attrib.items())
        el.attrib.clear()
        for key, value in items:
            if key.startswith(prefix):
                name = key[len(prefix):]
                if name not in REFERENCE_ATTRIBUTES or any(k == name for k, _ in items):
                    raise source.error(el, f"kept reference pfk:{REF_PREFIX}{name}: not an optional reference "
                                           "attribute or given twice (expected what permitflow wrote)")
                key = name
            el.set(key, value)


def keep_dangling_flows_aside(b: Builder, root: etree._Element) -> None:
    """Mark for the kept-wrapper every flow of ``root`` whose sourceRef or targetRef names nothing.

    Call before :meth:`Builder.arrange`, which moves the marked flows into their
    host's kept-wrapper; the reader reads them back as if they stood in the host.
    A flow that a node lists as incoming or outgoing stays (hiding it would leave
    that reference dangling instead).
    """
    ids = b.visible_ids(root)
    listed = {el.text for el in root.iter(*_FLOW_REFS)}
    for el in root.iter(*_FLOWS):
        if el.get("id") in listed or not _tools_see(el):
            continue
        if any(not _resolves(el.get(end) or "", ids) for end in ("sourceRef", "targetRef")):
            b.keep_aside(el)
