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
A dangling optional single reference ELEMENT (Trisotech's
``<outMessageRef>triso:unspecified</outMessageRef>``) becomes attributes of its
parent (see :data:`REFERENCE_ELEMENTS`).
"""

from __future__ import annotations

from lxml import etree

from .namespaces import BPMN, BPMNDI, DI, KEPT, q
from .readcommon import Source
from .writecommon import Builder, wrapped_elements

__all__ = ["REFERENCE_ATTRIBUTES", "REFERENCE_ELEMENTS", "REF_PREFIX", "visible_ids", "has_dangling_references", "set_aside_references",
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

REFERENCE_ELEMENTS = frozenset(("outMessageRef",))
"""Reference elements the XSD makes optional and single (``minOccurs="0"``, no more than one).

One that names nothing becomes two attributes of its parent: ``pfk:ref-<name>``
(its text) and ``pfk:ref-<name>-at`` (its index among the parent's children, a
colon, and the text that stood before it), so the reader rebuilds it exactly.
"""

REF_PREFIX = "ref-"
_AT = "-at"
_FAMILY = frozenset((BPMN, BPMNDI, DI))
_FLOWS = (f"{{{BPMN}}}sequenceFlow", f"{{{BPMN}}}messageFlow")
_FLOW_REFS = (f"{{{BPMN}}}incoming", f"{{{BPMN}}}outgoing")


def _tools_see(el: etree._Element, wrapped: set[etree._Element]) -> bool:
    """Whether ``el`` is an element outside every kept-wrapper (what a BPMN tool reads);
    ``wrapped``: :func:`~bpmn_io.writecommon.wrapped_elements` of its tree."""
    return isinstance(el.tag, str) and el not in wrapped


def visible_ids(root: etree._Element) -> set[str]:
    """The ids of the elements of ``root`` that are not inside a kept-wrapper."""
    wrapped = wrapped_elements(root)
    return {el.get("id", "") for el in root.iter() if _tools_see(el, wrapped) and el.get("id")}


def _resolves(value: str, ids: set[str]) -> bool:
    return value in ids or value.rpartition(":")[2] in ids


def _dangling(root: etree._Element) -> list[tuple[etree._Element, str]]:
    ids, wrapped = visible_ids(root), wrapped_elements(root)
    names = sorted(REFERENCE_ATTRIBUTES)
    return [(el, name) for el in root.iter()
            if _tools_see(el, wrapped) and etree.QName(el).namespace in _FAMILY
            for name in names
            if el.get(name) is not None and not _resolves(el.get(name, ""), ids)]


def _dangling_elements(root: etree._Element) -> list[etree._Element]:
    ids, wrapped = visible_ids(root), wrapped_elements(root)
    found = []
    for el in root.iter(*(q(BPMN, name) for name in sorted(REFERENCE_ELEMENTS))):
        parent = el.getparent()
        if (parent is None or not _tools_see(el, wrapped) or len(el) or el.attrib or not el.text
                or parent.get(_ref(etree.QName(el).localname)) is not None):
            continue  # only a plain <name>value</name>, once per parent, can become attributes
        if not _resolves(el.text, ids):
            found.append(el)
    return found


def _ref(name: str) -> str:
    return f"{{{KEPT}}}{REF_PREFIX}{name}"


def has_dangling_references(root: etree._Element) -> bool:
    """Whether an optional reference in ``root``'s tree names no element tools see."""
    return bool(_dangling(root) or _dangling_elements(root))


def set_aside_references(root: etree._Element) -> None:
    """Set aside, in ``root``'s tree (a document permitflow wrote), the dangling optional references.

    Each such attribute becomes ``pfk:ref-<name>`` at the same place among the
    element's attributes. Declare the ``pfk`` prefix on the root beforehand, or
    lxml invents one per element.
    """
    for ref in _dangling_elements(root):
        parent, name = ref.getparent(), etree.QName(ref).localname
        assert parent is not None  # checked by _dangling_elements
        index, prev, tail = parent.index(ref), ref.getprevious(), ref.tail
        before = (prev.tail if prev is not None else parent.text) or ""
        parent.remove(ref)
        if prev is not None:
            prev.tail = tail
        else:
            parent.text = tail
        parent.set(_ref(name), ref.text or "")
        parent.set(_ref(name + _AT), f"{index}:{before}")
    for el, name in _dangling(root):
        items = list(el.attrib.items())
        el.attrib.clear()
        for key, value in items:
            el.set(f"{{{KEPT}}}{REF_PREFIX}{name}" if key == name else key, value)


def _restore_element(el: etree._Element, name: str, source: Source) -> None:
    """Put the reference element ``name`` that the writer turned into attributes back into ``el``."""
    text, at = el.attrib.pop(_ref(name)), el.attrib.pop(_ref(name + _AT), None)
    index_text, colon, before = (at or "").partition(":")
    if not colon or not index_text.isdigit() or int(index_text) > len(el):
        raise source.error(el, f"kept reference pfk:{REF_PREFIX}{name}: pfk:{REF_PREFIX}{name}{_AT} is "
                               f"{at!r} (expected '<index>:<text before>' as permitflow writes it)")
    index = int(index_text)
    ref = etree.Element(q(BPMN, name))
    ref.text = text
    if index == 0:
        ref.tail, el.text = el.text, before
    else:
        prev = el[index - 1]
        ref.tail, prev.tail = prev.tail, before
    el.insert(index, ref)


def restore_references(root: etree._Element, source: Source) -> None:
    """Give every ``pfk:ref-<name>`` attribute of ``root``'s tree its name back (in place).

    A reference element (``outMessageRef``) comes back as an element at its place.
    """
    prefix = _ref("")
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or not any(key.startswith(prefix) for key in el.attrib):
            continue
        for name in sorted(REFERENCE_ELEMENTS):
            if el.get(_ref(name)) is not None:
                _restore_element(el, name, source)
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
    ids, wrapped = b.visible_ids(root), wrapped_elements(root)
    listed = {el.text for el in root.iter(*_FLOW_REFS)}
    for el in root.iter(*_FLOWS):
        if el.get("id") in listed or not _tools_see(el, wrapped):
            continue
        if any(not _resolves(el.get(end) or "", ids) for end in ("sourceRef", "targetRef")):
            b.keep_aside(el)
