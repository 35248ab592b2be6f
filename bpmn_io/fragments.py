"""Kept XML fragments: content the model does not interpret, as self-contained text.

:func:`fragment` serializes an element with exclusive XML canonicalization, so the
text depends only on the element itself (never on where it sat) and a round trip
reproduces it exactly. BPMN elements kept this way (messages, ioSpecifications,
label styles ...) are first rewritten to permitflow's prefix scheme, so an exported
file uses ``bpmn:``/``bpmndi:``/``dc:``/``di:`` throughout; vendor extensions keep the
prefixes their tool gave them.
"""

from __future__ import annotations

import re

from lxml import etree

from .namespaces import BPMN, BPMNDI, DC, DI, PREFIXES, XSI, q
from .xmlsafe import safe_parser

__all__ = ["fragment", "fragment_tag", "requalify"]

_OURS = {uri: prefix for prefix, uri in PREFIXES.items()}
_FAMILY = frozenset((BPMN, BPMNDI, DC, DI))
_QNAME_VALUE = re.compile(r"^\s*([A-Za-z_][\w.\-]*):[A-Za-z_]")
_WHOLE_QNAME = re.compile(r"^(\s*)([A-Za-z_][\w.\-]*):([A-Za-z_][\w.\-]*)(\s*)$")
_START_TAG = re.compile(r"^<(?:([\w.\-]+):)?([\w.\-]+)([^>]*)>")
_XSI_TYPE = q(XSI, "type")


def fragment_tag(text: str) -> str:
    """The Clark name of a fragment's root element, read from its start tag.

    A fragment made by :func:`fragment` declares its own namespace on its root.
    """
    m = _START_TAG.match(text)
    if m is None:
        raise ValueError(f"not an XML fragment: {text[:40]!r}")
    prefix, name, rest = m.groups()
    attr = f"xmlns:{re.escape(prefix)}" if prefix else "xmlns"
    decl = re.search(rf'\b{attr}="([^"]*)"', rest)
    uri = decl.group(1) if decl else ""
    return f"{{{uri}}}{name}" if uri else name


def _declarable(uri: str) -> bool:
    try:
        etree.QName(uri, "x")
    except ValueError:
        return False
    return True


def _declarations(scope: dict[str | None, str], inherited: dict[str | None, str]) -> dict[str | None, str]:
    """Namespace declarations to put on a rebuilt element: foreign ones not yet in scope."""
    return {p: u for p, u in scope.items()
            if p is not None and p not in PREFIXES and u not in _OURS and inherited.get(p) != u and _declarable(u)}


def requalify(value: str, scope: dict[str | None, str], *, xsi_type: bool = False) -> str:
    """A QName value with the prefix of a standard namespace rewritten to ours.

    ``scope`` is the prefix map where the value stood; an unprefixed ``xsi:type``
    (``xsi_type=True``) in a standard default namespace gets our prefix. Any other
    value comes back unchanged.

    >>> requalify("bpmn2:tLaneSet", {"bpmn2": BPMN}), requalify("tLaneSet", {None: BPMN}, xsi_type=True)
    ('bpmn:tLaneSet', 'bpmn:tLaneSet')
    """
    m = _WHOLE_QNAME.match(value)
    if m:
        lead, prefix, name, trail = m.groups()
        ours = _OURS.get(scope.get(prefix, ""))
        return f"{lead}{ours}:{name}{trail}" if ours else value
    if xsi_type and ":" not in value and _OURS.get(scope.get(None, "")):
        return f"{_OURS[scope[None]]}:{value.strip()}"
    return value


def _copy(src: etree._Element, parent: etree._Element | None, inherited: dict[str | None, str]) -> etree._Element:
    scope = src.nsmap
    decl = _declarations(scope, inherited)
    if parent is None:
        ours: dict[str | None, str] = {}
        ours.update(PREFIXES)
        new = etree.Element(src.tag, nsmap={**ours, **decl})
        inherited = {**inherited, **ours}
    else:
        new = etree.SubElement(parent, src.tag, nsmap=decl or None)
    inherited = {**inherited, **decl}
    for name, value in src.attrib.items():
        new.set(name, requalify(value, scope, xsi_type=name == _XSI_TYPE))
    new.text = requalify(src.text, scope) if src.text else src.text
    for child in src:
        if isinstance(child.tag, str):
            copied = _copy(child, new, inherited)
            copied.tail = child.tail
        elif len(new):  # a comment or PI: keep the text around it
            new[-1].tail = (new[-1].tail or "") + (child.tail or "")
        else:
            new.text = (new.text or "") + (child.tail or "")
    return new


def _value_prefixes(el: etree._Element) -> list[str]:
    """Prefixes that attribute values or texts use as QNames (e.g. ``xsi:type="bpsim:X"``)."""
    found: set[str] = set()
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        scope = node.nsmap
        values = list(node.attrib.values())
        if node.text:
            values.append(node.text)
        for value in values:
            m = _QNAME_VALUE.match(value)
            if m and m.group(1) in scope:
                found.add(m.group(1))
    return sorted(found)


def fragment(el: etree._Element) -> str:
    """``el`` (without its tail) as self-contained canonical XML text.

    Exclusive C14N declares only the namespaces the fragment uses, plus prefixes
    used inside QName-valued attributes or text, so the result does not depend on
    the declarations of the surrounding document.
    """
    if etree.QName(el).namespace in _FAMILY:
        el = _copy(el, None, {})
    keep = _value_prefixes(el)
    try:
        data = etree.tostring(el, method="c14n", exclusive=True, with_comments=False,
                              inclusive_ns_prefixes=keep or None, with_tail=False)
    except etree.C14NError:
        # libxml2 refuses to canonicalize while a relative namespace URI is in scope
        # (ADONIS declares xmlns:xml_6="@boc-eu.com/..."): drop unused declarations first
        copy = etree.fromstring(etree.tostring(el, with_tail=False), safe_parser())
        etree.cleanup_namespaces(copy, keep_ns_prefixes=keep)
        try:
            data = etree.tostring(copy, method="c14n", exclusive=True, with_comments=False,
                                  inclusive_ns_prefixes=keep or None)
        except etree.C14NError:
            data = etree.tostring(copy)
    return data.decode("utf-8")
