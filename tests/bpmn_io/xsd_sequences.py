"""Derive, from the BPMN 2.0 XSD files, the order of child elements of every element.

Used by test_writer_order.py to prove that bpmn_io/xsdorder.py (the table the writer
sorts children by) is exactly what the schema says. Test-only: the product never
reads the XSD.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"
FILES = ("Semantic.xsd", "BPMN20.xsd", "BPMNDI.xsd", "DI.xsd", "DC.xsd")


def _x(name: str) -> str:
    return f"{{{XS}}}{name}"


def _resolve(qname: str, el: etree._Element, tns: str) -> str:
    prefix, _, local_name = qname.rpartition(":")
    ns = el.nsmap.get(prefix or None, tns) if prefix else (el.nsmap.get(None) or tns)
    return f"{{{ns}}}{local_name}"


def child_orders(xsd_dir: Path) -> dict[str, dict[str, int]]:
    """{element Clark name: {child Clark name: rank}} for every global element with children."""
    element_type: dict[str, str] = {}
    abstract: set[str] = set()
    members: dict[str, list[str]] = {}
    types: dict[str, tuple[str | None, list[tuple[str, bool]]]] = {}
    for name in FILES:
        root = etree.parse(str(xsd_dir / name)).getroot()
        tns = root.get("targetNamespace")
        for el in root.findall(_x("element")):
            clark = f"{{{tns}}}{el.get('name')}"
            if el.get("type"):
                element_type[clark] = _resolve(el.get("type"), el, tns)
            if el.get("abstract") == "true":
                abstract.add(clark)
            if el.get("substitutionGroup"):
                members.setdefault(_resolve(el.get("substitutionGroup"), el, tns), []).append(clark)
        for ct in root.findall(_x("complexType")):
            base = None
            ext = ct.find(f"{_x('complexContent')}/{_x('extension')}")
            holder = ct
            if ext is not None:
                base, holder = _resolve(ext.get("base"), ext, tns), ext
            items: list[tuple[str, bool]] = []
            for el in holder.iter(_x("element")):
                if el.get("ref"):
                    items.append((_resolve(el.get("ref"), el, tns), True))
                else:  # a local element such as di:extension or DI's waypoint
                    items.append((f"{{{tns if el.getparent() is not None else ''}}}{el.get('name')}", False))
            types[f"{{{tns}}}{ct.get('name')}"] = (base, items)

    def expand(ref: str) -> list[str]:
        out = [] if ref in abstract else [ref]
        for m in members.get(ref, []):
            out += expand(m)
        return out

    def flattened(type_name: str) -> list[list[str]]:
        base, items = types.get(type_name, (None, []))
        seq = flattened(base) if base else []
        return seq + [expand(name) if is_ref else [name] for name, is_ref in items]

    orders: dict[str, dict[str, int]] = {}
    for element, type_name in element_type.items():
        ranks: dict[str, int] = {}
        for rank, names in enumerate(flattened(type_name)):
            for name in names:
                ranks.setdefault(name, rank)
        if ranks:
            orders[element] = ranks
    return orders


_REFERENCE_TYPES = ("xsd:QName", "xsd:IDREF", "xsd:IDREFS")


def reference_names(xsd_dir: Path) -> tuple[set[str], set[str]]:
    """(attribute names, element names) the XSD types as a QName or IDREF reference.

    The attribute ``type`` is left out (a QName of an XSD type where it is one).
    """
    attributes: set[str] = set()
    elements: set[str] = set()
    for name in FILES:
        root = etree.parse(str(xsd_dir / name)).getroot()
        for attribute in root.iter(_x("attribute")):
            if attribute.get("type") in _REFERENCE_TYPES and attribute.get("name") != "type":
                attributes.add(attribute.get("name"))
        for element in root.iter(_x("element")):
            if element.get("name") and element.get("type") in _REFERENCE_TYPES:
                elements.add(element.get("name"))
    return attributes, elements
