""":class:`processes.model.Definitions` -> BPMN 2.0 XML.

The output is deterministic bytes (UTF-8) with ONE prefix scheme — ``bpmn:``,
``bpmndi:``, ``dc:``, ``di:``, ``xsi:`` plus the foreign prefixes of kept
extensions — children in XSD sequence order, and the diagram interchange included.
Content kept from the source file (vendor extensions, elements the model does not
interpret) is written back verbatim; what the XSD does not allow where a tool wrote
it goes into the ``pfk:kept`` wrapper (see :mod:`bpmn_io.namespaces`), so every
file validates against the BPMN 2.0 XSD and reads back to an equal model.

Example
-------
>>> from processes.model import Definitions, Process, Task, FrozenMap
>>> defs = Definitions(id="D", target_namespace="urn:x",
...                    processes=(Process(id="P", nodes=FrozenMap({"T": Task(id="T", parent="P")})),))
>>> b'<bpmn:task id="T"/>' in to_bpmn_bytes(defs)
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from processes.errors import InputError
from processes.model import Collaboration, Definitions, Participant
from processes.shownnames import has_names

from .atomic import write_atomic
from .dangling import has_dangling_references, keep_dangling_flows_aside, set_aside_references
from .namespaces import BIOC, BPMN, COLOR, KEPT, NAMES, PREFIXES, foreign_namespaces, q
from .reader import parse_bpmn
from .writecommon import Builder
from .writedi import color_namespaces, keep_drawings_aside, write_diagram
from .writeids import repair_ids
from .writeprocess import write_artifact, write_process
from .xmlsafe import safe_parser

__all__ = ["BpmnExport", "bpmn_export", "to_bpmn_bytes", "write_bpmn", "DEFAULT_TARGET_NAMESPACE"]

DEFAULT_TARGET_NAMESPACE = "http://permitflow.invalid/bpmn"
"""Written when a model has no targetNamespace (the XSD requires one)."""


def _namespace_map(defs: Definitions, kept_prefix: bool, color_forms: tuple[str, ...]) -> dict[str | None, str]:
    nsmap: dict[str | None, str] = {}
    nsmap.update(PREFIXES)
    nsmap.update(foreign_namespaces(list(defs.namespaces)))
    if has_names(defs):
        nsmap["pfn"] = NAMES  # the names per language (writecommon.Builder.el)
    if kept_prefix and "pfk" not in nsmap:
        nsmap["pfk"] = KEPT  # for the pfk:ref-* attributes of set-aside references
    for uri, prefix in ((COLOR, "color"), (BIOC, "bioc")):
        if uri in color_forms and uri not in nsmap.values():
            n = 1
            while prefix in nsmap:
                n += 1
                prefix = f"{prefix.rstrip('0123456789')}{n}"
            nsmap[prefix] = uri  # the model's colours need it, its file did not declare it
    return nsmap


def _participant(b: Builder, parent: etree._Element, part: Participant) -> None:
    el = b.el(parent, q(BPMN, "participant"), [("id", part.id), ("name", part.name),
                                                ("processRef", part.process_ref)], part.opaque, names=part.names)
    b.docs(el, part.documentation)
    if part.multiplicity_min is not None or part.multiplicity_max is not None:
        b.el(el, q(BPMN, "participantMultiplicity"), [
            ("minimum", part.multiplicity_min if part.multiplicity_min is not None else 0),
            ("maximum", part.multiplicity_max if part.multiplicity_max is not None else 1)])


def _collaboration(b: Builder, parent: etree._Element, coll: Collaboration) -> None:
    el = b.el(parent, q(BPMN, "collaboration"), [("id", coll.id), ("name", coll.name),
                                                  ("isClosed", coll.is_closed)], coll.opaque)
    b.docs(el, coll.documentation)
    for part in coll.participants:
        _participant(b, el, part)
    for flow in coll.message_flows.values():
        mf = b.el(el, q(BPMN, "messageFlow"), [
            ("id", flow.id), ("name", flow.name), ("sourceRef", flow.source), ("targetRef", flow.target),
            ("messageRef", flow.message_ref)], flow.opaque, names=flow.names)
        b.docs(mf, flow.documentation)
    for art in coll.artifacts.values():
        write_artifact(b, el, art)


@dataclass(frozen=True, slots=True)
class BpmnExport:
    """What :func:`bpmn_export` wrote: the document, and the ids it had to rename."""

    data: bytes
    renamed_ids: tuple[tuple[str, str], ...] = ()
    """``(old, new)`` for every id BPMN tools refuse (see :mod:`bpmn_io.writeids`), in document order."""


def bpmn_export(defs: Definitions) -> BpmnExport:
    """The BPMN 2.0 XML of ``defs`` as deterministic UTF-8 bytes, and the ids renamed on the way.

    An optional reference attribute naming no element of the document is written as
    ``pfk:ref-<name>`` (see :mod:`bpmn_io.dangling`), so BPMN tools import the file
    without "unresolved reference" warnings; the reader restores it. An id that is
    not an XML id, or that bpmn.io refuses, or a definitions id repeated by an
    element, is written valid and every reference follows (:mod:`bpmn_io.writeids`).
    """
    data = _document(defs, kept_prefix=False)
    root = etree.fromstring(data, safe_parser())
    dangling = has_dangling_references(root)
    if dangling:
        # again with pfk declared on the root (moving the tree under a new root would
        # let lxml rewrite the namespace declarations of kept fragments)
        root = etree.fromstring(_document(defs, kept_prefix=True), safe_parser())
    renamed = repair_ids(root)
    if renamed:
        # write the repaired document the ordinary way (kept fragments as read), so that
        # exporting what it reads back to gives the same bytes
        repaired = etree.tostring(root, encoding="utf-8", xml_declaration=True)
        again = parse_bpmn(repaired, source="the export", max_bytes=len(repaired), strict=False)
        return BpmnExport(bpmn_export(again).data, tuple(renamed))
    if not dangling:
        return BpmnExport(data)
    set_aside_references(root)
    text = etree.tostring(root, encoding="unicode")
    return BpmnExport(('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8"))


def to_bpmn_bytes(defs: Definitions) -> bytes:
    """The BPMN 2.0 XML of ``defs`` as deterministic UTF-8 bytes (see :func:`bpmn_export`)."""
    return bpmn_export(defs).data


def plain_bpmn_bytes(defs: Definitions) -> bytes:
    """The BPMN 2.0 XML of ``defs`` with every id and reference as it is (none repaired or set aside):
    for permitflow's own reader (``simulate --lenient`` hands its repaired model on as text), not for
    other tools, which :func:`bpmn_export` writes for."""
    return _document(defs, kept_prefix=False)


def _document(defs: Definitions, kept_prefix: bool) -> bytes:
    b = Builder()
    color_forms = color_namespaces(defs)
    root = etree.Element(q(BPMN, "definitions"), nsmap=_namespace_map(defs, kept_prefix, color_forms))
    for name, value in (("id", defs.id), ("name", defs.name),
                        ("targetNamespace", defs.target_namespace or DEFAULT_TARGET_NAMESPACE),
                        ("expressionLanguage", defs.expression_language), ("typeLanguage", defs.type_language),
                        ("exporter", defs.exporter), ("exporterVersion", defs.exporter_version)):
        if value:
            root.set(name, value)
    b.opaque(root, defs.opaque)
    b.docs(root, defs.documentation)  # not allowed there by the XSD: arrange() keeps it aside
    for text in defs.imports:
        b.fragment(root, text)
    for element in defs.root_elements:
        b.fragment(root, element.xml)
    for coll in defs.collaborations:
        _collaboration(b, root, coll)
    for process in defs.processes:
        write_process(b, root, process)
    for diagram in defs.diagrams:
        write_diagram(b, root, diagram, color_forms)
    for text in defs.relationships:
        b.fragment(root, text)
    keep_dangling_flows_aside(b, root)
    b.arrange(root, defs.id)
    keep_drawings_aside(b, root, defs.id)
    return b.serialize(root)


def write_bpmn(defs: Definitions, path: str | os.PathLike[str]) -> tuple[tuple[str, str], ...]:
    """Write ``defs`` to ``path`` all or nothing (:func:`bpmn_io.atomic.write_atomic`).

    Returns the ids renamed on the way (see :func:`bpmn_export`). The folder must
    exist: a path into a missing folder is an InputError.
    """
    target = Path(path)
    exported = bpmn_export(defs)
    if not target.parent.is_dir():
        raise InputError(f"cannot write file: no folder {str(target.parent)!r}", file=str(path))
    write_atomic(target, exported.data)
    return exported.renamed_ids
