"""BPMN 2.0 namespace URIs, the one prefix scheme we write, and fragment helpers.

Tags are matched on namespace URIs only: files bind the BPMN namespace to the
default namespace, ``bpmn:``, ``bpmn2:``, ``semantic:``, ``model:`` ... and some bind
``di:`` to BPMNDI. ``q(BPMN, "task")`` gives the Clark name lxml uses.

What the model does not interpret is kept as a *fragment*: the element serialized
with exclusive XML canonicalization, so the text depends only on the element
itself (never on where it sat) and a round trip reproduces it exactly.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = [
    "BPMN", "BPMNDI", "DC", "DI", "XSI", "XML", "PREFIXES", "STANDARD_URIS",
    "q", "local", "fragment", "is_bpmn",
]

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"

PREFIXES: dict[str, str] = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}
"""The prefix scheme of every file permitflow writes."""

STANDARD_URIS = frozenset(PREFIXES.values())

_QNAME_VALUE = re.compile(r"^\s*([A-Za-z_][\w.\-]*):[A-Za-z_]")


def q(ns: str, name: str) -> str:
    """Clark notation ``{ns}name``."""
    return f"{{{ns}}}{name}"


def local(el: etree._Element) -> str:
    """Local name of an element."""
    return etree.QName(el).localname


def is_bpmn(el: etree._Element) -> bool:
    return etree.QName(el).namespace == BPMN


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
    keep = _value_prefixes(el)
    try:
        data = etree.tostring(el, method="c14n", exclusive=True, with_comments=False,
                              inclusive_ns_prefixes=keep or None, with_tail=False)
    except etree.C14NError:
        # libxml2 refuses to canonicalize while a relative namespace URI is in scope
        # (ADONIS declares xmlns:xml_6="@boc-eu.com/..."): drop unused declarations first
        copy = etree.fromstring(etree.tostring(el, with_tail=False))
        etree.cleanup_namespaces(copy, keep_ns_prefixes=keep)
        try:
            data = etree.tostring(copy, method="c14n", exclusive=True, with_comments=False,
                                  inclusive_ns_prefixes=keep or None)
        except etree.C14NError:
            data = etree.tostring(copy)
    return data.decode("utf-8")
