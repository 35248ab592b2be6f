"""BPMN 2.0 XML -> :class:`processes.model.Definitions`.

``parse_bpmn(data, source=...)`` does the work on bytes (so a declared encoding
such as ISO-8859-1 is honoured); ``read_bpmn(path)`` opens a file. Elements are
dispatched by fully qualified tag through tables, never by suffix. Structural
errors (not XML, not BPMN, dangling or cross-process sequence flows, duplicate
ids) raise :class:`processes.errors.InputError` with file, line and element id.

Example
-------
>>> defs = parse_bpmn(b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
...   targetNamespace="x"><process id="P"><task id="T" name="Granska"/></process></definitions>''',
...   source="x.bpmn")
>>> defs.process().nodes["T"].name
'Granska'
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from typing import Any

from lxml import etree

from processes.errors import InputError
from processes.model import (
    Collaboration,
    Definitions,
    FrozenMap,
    MessageFlow,
    Participant,
    RootElement,
)

from .blocklines import block_lines
from .dangling import restore_references
from .fragments import fragment
from .lenient import boundary_events_to_hosts
from .namespaces import BPMN, BPMNDI, KEPT_RELATIONSHIP, KEPT_TAG, foreign_namespaces, local, q
from .readcommon import (
    DOC,
    EXT,
    OpaqueBuilder,
    Source,
    children,
    documentation,
    duplicate_id,
    flag,
    lenient_readable,
    restore,
)
from .readdi import color_declarations, kept_drawing, read_diagram, restore_drawings
from .readelements import read_artifact
from .readids import id_lines, unique_ids
from .readprocess import ARTIFACTS, EVENT_DEFINITIONS, read_process
from .userfile import read_user_file
from .xmlkind import not_expected, root_kind
from .xmlsafe import MAX_BYTES, check_size, parse_xml
from .xsdorder import rank_table

__all__ = ["parse_bpmn", "read_bpmn", "BPMN_NAMESPACE"]

BPMN_NAMESPACE = BPMN
_DEFINITIONS_ATTRS = ("id", "name", "targetNamespace", "expressionLanguage", "typeLanguage", "exporter",
                      "exporterVersion")
_DRAFT_BPMN = ("http://schema.omg.org/spec/BPMN/2.0", "http://www.omg.org/bpmn20")
_XPDL = "http://www.wfmc.org/"  # XPDL 1.0 to 2.2, the exchange format of BPMN 1.x tools


def read_bpmn(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, strict: bool = True) -> Definitions:
    """Read a BPMN 2.0 file (``.bpmn``, ``.bpmn2``, ``.bpmn20.xml``); the size is checked before reading.

    See :func:`parse_bpmn` for ``strict``.
    """
    data = read_user_file(path, what="BPMN file", max_bytes=max_bytes,
                          size_check=lambda size: check_size(size, source=str(path), max_bytes=max_bytes))
    return parse_bpmn(data, source=str(path), max_bytes=max_bytes, strict=strict)


def parse_bpmn(data: bytes, *, source: str, max_bytes: int = MAX_BYTES, strict: bool = True) -> Definitions:
    """Parse BPMN 2.0 XML ``data``; ``source`` names it in error messages.

    With ``strict=False`` three defects that real tools write are tolerated instead
    of raising: a sequence flow whose sourceRef/targetRef is missing or lies in
    another process is kept as written (``processes.validate`` reports it), a
    repeated id is renamed ``<id>_dup<n>`` on the element the model keeps opaque
    (Signavio's MIWG exports and roundtrips have both), and a boundary event
    written into another process than its host activity is read as part of the
    host's process (:func:`bpmn_io.lenient.boundary_events_to_hosts`). Everything
    else is checked either way.
    """
    root = parse_xml(data, source=source, max_bytes=max_bytes).getroot()
    src = Source(source, tuple(bytes(data).split(b"\n")))  # after the size check: lines to locate elements
    _lower_case_tags(root)
    _check_root(root, src)
    restore_references(root, src)
    renamed = unique_ids(root, src, strict=strict)
    defs = _definitions(root, src, strict)
    blocks: FrozenMap[str, tuple[int, ...]] = FrozenMap(block_lines(root, src))
    if not strict:
        defs = boundary_events_to_hosts(defs)
    return dataclasses.replace(defs, renamed_duplicates=renamed, source_lines=FrozenMap(id_lines(root, src)),
                               block_lines=blocks)


def _check_root(root: etree._Element, src: Source) -> None:
    if root.tag == q(BPMN, "definitions"):
        return
    qn = etree.QName(root)
    kind = root_kind(qn.namespace, qn.localname)
    if kind is not None and qn.namespace != BPMN:  # a case log, a Petri net, a web page given as a model
        raise not_expected(kind, root.findtext(".//{*}title") or "", "bpmn", src.name, src.line(root))
    found = f"'{qn.localname}' in namespace '{qn.namespace}'" if qn.namespace else f"'{qn.localname}' in no namespace"
    raise src.error(
        root,
        f"not a BPMN 2.0 document: root element is {found}{_root_hint(qn)} "
        f"(expected 'definitions' in namespace '{BPMN}')",
    )


def _root_hint(qn: etree.QName) -> str:
    """Why the root is not what a BPMN file has, where the namespace tells."""
    ns = qn.namespace or ""
    if ns.startswith(_XPDL):
        return " (this is XPDL, which permitflow does not read)"
    if ns in _DRAFT_BPMN:
        return " (this is a pre-final BPMN 2.0 draft, which permitflow does not read)"
    if ns in (BPMN, BPMNDI):
        return " (this is a fragment of a BPMN document, not a whole one)"
    if not ns and qn.localname == "definitions":
        return f" (the file does not declare the BPMN namespace, e.g. xmlns=\"{BPMN}\")"
    return ""


_BPMN_TAGS = frozenset(tag for parent, ranks in rank_table().items() for tag in (parent, *ranks)
                       if tag.startswith(f"{{{BPMN}}}"))


def _lower_case_tags(root: etree._Element) -> None:
    """Read ``<bpmn:ComplexGateway>`` as ``complexGateway``, as bpmn.io does (in place).

    bpmn-moddle maps a tag to its type by upper-casing the first letter, so the
    type's own name is read too (a bpmn-js fixture writes it); the export writes the
    schema's name.
    """
    prefix = f"{{{BPMN}}}"
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str) and tag.startswith(prefix) and tag[len(prefix):][:1].isupper():
            name = tag[len(prefix):]
            lowered = f"{prefix}{name[0].lower()}{name[1:]}"
            if lowered in _BPMN_TAGS:
                el.tag = lowered


def _root_element(el: etree._Element) -> RootElement:
    return RootElement(tag=local(el), id=el.get("id", ""), name=el.get("name", ""), xml=fragment(el))


def _participant(el: etree._Element, src: Source) -> Participant:
    ob = OpaqueBuilder(el, ("id", "name", "processRef"))
    docs, low, high = [], None, None
    for child in children(el):
        if child.tag == q(BPMN, "participantMultiplicity") and not child.get("id") and len(child) == 0:
            low, high = int(child.get("minimum", "0")), int(child.get("maximum", "1"))
        elif child.tag == DOC:
            docs.append(documentation(child))
        else:
            ob.keep_unread(child)
    return Participant(id=el.get("id", ""), name=el.get("name", ""), process_ref=el.get("processRef", ""),
                       multiplicity_min=low, multiplicity_max=high, documentation=tuple(docs), opaque=ob.build(),
                       names=ob.lang_names())


def _message_flow(el: etree._Element, src: Source) -> MessageFlow:
    ob = OpaqueBuilder(el, ("id", "name", "sourceRef", "targetRef", "messageRef"))
    docs = []
    for child in children(el):
        if child.tag == DOC:
            docs.append(documentation(child))
        else:
            ob.keep_unread(child)
    return MessageFlow(id=el.get("id", ""), source=el.get("sourceRef", ""), target=el.get("targetRef", ""),
                       name=el.get("name", ""), message_ref=el.get("messageRef", ""),
                       documentation=tuple(docs), opaque=ob.build(), names=ob.lang_names())


def _collaboration(el: etree._Element, src: Source, lines: dict[str, int]) -> Collaboration:
    ob = OpaqueBuilder(el, ("id", "name", "isClosed"))
    participants, flows, artifacts, docs = [], {}, {}, []
    for child in children(el):
        if child.tag == q(BPMN, "participant"):
            item: Any = _participant(child, src)
            participants.append(item)
        elif child.tag == q(BPMN, "messageFlow"):
            item = _message_flow(child, src)
            flows[item.id] = item
        elif child.tag in ARTIFACTS:
            item = read_artifact(child, el.get("id", ""))
            artifacts[item.id] = item
        elif child.tag == DOC:
            docs.append(documentation(child))
            continue
        else:
            ob.keep_unread(child)
            continue
        _register(lines, item.id, child, src)
    return Collaboration(id=el.get("id", ""), name=el.get("name", ""), participants=tuple(participants),
                         message_flows=FrozenMap(flows), artifacts=FrozenMap(artifacts),
                         is_closed=flag(el, "isClosed", src), documentation=tuple(docs), opaque=ob.build())


def _register(lines: dict[str, int], item_id: str, el: etree._Element, src: Source) -> None:
    if not item_id:
        return
    if item_id in lines:
        raise lenient_readable(src.error(el, duplicate_id(item_id, lines[item_id]), item_id))
    lines[item_id] = src.line(el) or 0


def _definitions(root: etree._Element, src: Source, strict: bool) -> Definitions:
    lines: dict[str, int] = {}
    ob = OpaqueBuilder(root, _DEFINITIONS_ATTRS)
    kinds: dict[str, list[Any]] = {"processes": [], "collaborations": [], "root_elements": [], "diagrams": [],
                                   "imports": [], "relationships": [], "documentation": []}
    root_event_kinds = {
        child.get("id", ""): EVENT_DEFINITIONS[child.tag]
        for child in root if child.tag in EVENT_DEFINITIONS and child.get("id")
    }
    process_lines: dict[str, dict[str, int]] = {}
    handlers: dict[str, Callable[[etree._Element], None]] = {
        q(BPMN, "process"): lambda c: _add_process(c, src, root_event_kinds, kinds, lines, process_lines),
        q(BPMN, "collaboration"): lambda c: kinds["collaborations"].append(_collaboration(c, src, lines)),
        q(BPMNDI, "BPMNDiagram"): lambda c: kinds["diagrams"].append(read_diagram(c, src)),
        q(BPMN, "import"): lambda c: kinds["imports"].append(fragment(c)),
        q(BPMN, "relationship"): lambda c: kinds["relationships"].append(fragment(c)),
        DOC: lambda c: kinds["documentation"].append(documentation(c)),
        EXT: ob.extension,
    }
    drawings = []
    for child in _definitions_children(root):
        handler = handlers.get(child.tag)
        if kept_drawing(child):
            drawings.append(child)
        elif handler is not None:
            handler(child)
        elif etree.QName(child).namespace == BPMN and child.tag != q(BPMN, "extension"):
            kinds["root_elements"].append(_root_element(child))
        else:
            ob.keep(child)  # e.g. QBP processSimulationInfo written directly under definitions
    for coll in kinds["collaborations"]:
        _register(lines, coll.id, root, src)
    defs = Definitions(
        id=root.get("id", ""), name=root.get("name", ""), target_namespace=root.get("targetNamespace", ""),
        expression_language=root.get("expressionLanguage", ""), type_language=root.get("typeLanguage", ""),
        exporter=root.get("exporter", ""), exporter_version=root.get("exporterVersion", ""),
        processes=tuple(kinds["processes"]), collaborations=tuple(kinds["collaborations"]),
        root_elements=tuple(kinds["root_elements"]),
        diagrams=restore_drawings(tuple(kinds["diagrams"]), drawings, src),
        imports=tuple(kinds["imports"]),
        namespaces=foreign_namespaces(list(root.nsmap.items()) + color_declarations(root)),
        relationships=tuple(kinds["relationships"]), documentation=tuple(kinds["documentation"]),
        opaque=ob.build(),
    )
    if strict:
        _check_flows(defs, src, process_lines)
    return defs


def _definitions_children(root: etree._Element) -> list[etree._Element]:
    """Children of ``definitions``; a kept-relationship's content counts as such children."""
    direct, kept = [], []
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag == q(BPMN, "relationship") and child.get("type") == KEPT_RELATIONSHIP:
            kept += [k for ext in child if ext.tag == EXT for w in ext if w.tag == KEPT_TAG
                     for k in w if isinstance(k.tag, str)]
            kept = [restore(k) for k in kept]
        else:
            direct.append(child)
    return direct + kept


def _add_process(el: etree._Element, src: Source, root_event_kinds: dict[str, str], kinds: dict[str, list[Any]],
                 lines: dict[str, int], process_lines: dict[str, dict[str, int]]) -> None:
    process, ids = read_process(el, src, root_event_kinds)
    _register(lines, process.id, el, src)
    for item_id, line in ids.items():
        if item_id in lines:
            raise lenient_readable(InputError(duplicate_id(item_id, lines[item_id]),
                                              file=src.name, line=line, element=item_id))
        lines[item_id] = line
    for lane in process.lanes():
        if lane.id and lane.id in lines:
            raise lenient_readable(InputError(duplicate_id(lane.id, lines[lane.id]),
                                              file=src.name, element=lane.id))
        lines[lane.id] = 0
    process_lines[process.id] = ids
    kinds["processes"].append(process)


def _check_flows(defs: Definitions, src: Source, process_lines: dict[str, dict[str, int]]) -> None:
    """Every sequence flow joins two flow nodes of its own process."""
    owner = {node_id: p.id for p in defs.processes for node_id in p.nodes}
    for process in defs.processes:
        for flow in process.flows.values():
            for ref, target in (("sourceRef", flow.source), ("targetRef", flow.target)):
                if target in process.nodes:
                    continue
                line = process_lines.get(process.id, {}).get(flow.id) or None
                if target in owner:
                    msg = (f"sequenceFlow {ref} '{target}' is in process '{owner[target]}': a sequence flow "
                           f"cannot cross processes (expected a flow node of process '{process.id}'; "
                           f"use a message flow between pools)")
                else:
                    msg = (f"sequenceFlow {ref} '{target}' does not exist "
                           f"(expected the id of a flow node in process '{process.id}')")
                raise lenient_readable(InputError(msg, file=src.name, line=line, element=flow.id))
