"""BPMN 2.0 namespace URIs and the one prefix scheme permitflow writes.

Tags are matched on namespace URIs only: files bind the BPMN namespace to the
default namespace, ``bpmn:``, ``bpmn2:``, ``semantic:``, ``model:`` ... and some bind
``di:`` to BPMNDI. ``q(BPMN, "task")`` gives the Clark name lxml uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # lxml loads where XML is read or written (some 30 ms), not with these names
    from lxml import etree

__all__ = [
    "BPMN", "BPMNDI", "DC", "DI", "XSI", "XML", "COLOR", "BIOC", "PREFIXES", "STANDARD_URIS",
    "KEPT", "KEPT_TAG", "NAMES", "NAME_TAG", "KEPT_RELATIONSHIP", "KEPT_DIAGRAM", "KEPT_POSITION", "foreign_namespaces", "q", "local", "is_bpmn",
]

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
COLOR = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"
"""The OMG's colour attributes on DI (``color:background-color``, ``border-color``, ``color``)."""
BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"
"""bpmn.io's older colour attributes on DI (``bioc:fill``, ``bioc:stroke``); bpmn.io writes both kinds."""

KEPT = "urn:permitflow:kept"
"""Namespace of the wrapper that carries content the XSD does not allow where a tool
wrote it (``extensionElements/pfk:kept``; under ``definitions`` a ``relationship`` of
type :data:`KEPT_RELATIONSHIP`). The reader treats the wrapper's children as if they
stood where the wrapper's host is, so export stays schema-valid and loses nothing."""
KEPT_TAG = f"{{{KEPT}}}kept"
KEPT_RELATIONSHIP = "permitflow:kept"
KEPT_DIAGRAM = f"{{{KEPT}}}diagram"
KEPT_POSITION = f"{{{KEPT}}}position"
"""On a DI shape or edge in the wrapper: the index of its diagram, its index among
the plane's shapes (or edges) — where the reader puts it back."""

NAMES = "urn:permitflow:names"
"""Namespace of a name per language (``extensionElements/pfn:name xml:lang="en"``) on a flow node,
flow, lane, process or pool: the name a page or report shows in that language
(:mod:`processes.shownnames`), beside the drawn ``name``. Modelling tools ignore it; the reader
reads it back into the element's ``names``."""
NAME_TAG = f"{{{NAMES}}}name"

PREFIXES: dict[str, str] = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}
"""The prefix scheme of every file permitflow writes."""

STANDARD_URIS = frozenset(PREFIXES.values())



def foreign_namespaces(pairs: list[tuple[str | None, str]]) -> tuple[tuple[str, str], ...]:
    """The (prefix, uri) pairs worth declaring on an exported root, sorted.

    Standard BPMN/DI/XSI namespaces use our own prefixes; a prefix of ours, an
    empty prefix, a second prefix for a URI already declared and a URI lxml cannot
    declare (ADONIS's ``@boc-eu.com/...``) are left out. Reader and writer share
    this rule so a round trip keeps the same list.
    """
    ours = set(PREFIXES) | {"xml", "pfn"}
    from lxml import etree

    seen: set[str] = set(PREFIXES.values()) | {BPMN, XML, KEPT, NAMES}
    out = []
    for prefix, uri in sorted((p, u) for p, u in pairs if p):
        if prefix in ours or uri in seen:
            continue
        try:
            etree.QName(uri, "x")
        except ValueError:
            continue
        seen.add(uri)
        out.append((prefix, uri))
    return tuple(out)


def q(ns: str, name: str) -> str:
    """Clark notation ``{ns}name``."""
    return f"{{{ns}}}{name}"


def local(el: etree._Element) -> str:
    """Local name of an element."""
    from lxml import etree

    return etree.QName(el).localname


def is_bpmn(el: etree._Element) -> bool:
    from lxml import etree

    return etree.QName(el).namespace == BPMN
