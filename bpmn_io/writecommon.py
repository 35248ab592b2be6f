"""The document builder shared by the BPMN writers: elements, kept fragments, placement.

Kept content (opaque fragments) is inserted as placeholders and substituted as text
at the end, so each fragment is written exactly as it was read, with its own
namespace declarations, whatever the prefixes of the surrounding document. Before
serializing, :meth:`Builder.arrange` sorts the children of every element into the
order the XSD prescribes and moves what the XSD does not allow at that place into
the kept-wrapper (see :data:`bpmn_io.namespaces.KEPT`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree

from processes.errors import ModelError
from processes.model import Documentation, Expression, Opaque

from .fragments import fragment_tag
from .namespaces import BPMN, DI, KEPT, KEPT_RELATIONSHIP, KEPT_TAG, NAME_TAG, XML, XSI, q
from .xsdorder import rank_table

__all__ = ["Builder", "EXT", "DOC", "fmt"]

EXT = q(BPMN, "extensionElements")
DOC = q(BPMN, "documentation")
_RANKS = rank_table()
_MARK = "_pf_n"
_KEEP = "_pf_kept"
_ID = re.compile(r'\sid="([^"]*)"')
_PLACEHOLDER = re.compile(r'<[^<>]*?\s_pf_n="(\d+)"[^<>]*?/>')


def fmt(value: Any) -> str | None:
    """An attribute value as the XSD writes it; None for 'not written'."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _checked(el: etree._Element, name: str | None, value: str) -> None:
    """Set attribute ``name`` (or the text when None), refusing what XML 1.0 cannot hold."""
    try:
        if name is None:
            el.text = value
        else:
            el.set(name, value)
    except ValueError:
        owner = el.get("id") or (el.getparent().get("id") if el.getparent() is not None else None)
        what = f"attribute {name}" if name else f"text of {etree.QName(el).localname}"
        raise ModelError(f"{what} {value!r} holds characters XML 1.0 cannot store "
                         "(expected text without control characters)", element=owner or None) from None


def wrapped_elements(root: etree._Element) -> set[etree._Element]:
    """Every element inside a kept-wrapper of ``root``'s tree, the wrappers included: one pass,
    not a walk up from every element (large models)."""
    return {el for wrapper in root.iter(KEPT_TAG) for el in wrapper.iter()}


class Builder:
    """Builds one document (local to one write call)."""

    __slots__ = ("fragments",)

    def __init__(self) -> None:
        self.fragments: list[str] = []

    # -- elements
    def el(self, parent: etree._Element, tag: str, attrs: Iterable[tuple[str, Any]] = (),
           opaque: Opaque | None = None, *, di: bool = False, names: Mapping[str, str] | None = None) -> etree._Element:
        """A child ``tag`` of ``parent`` with attributes (unwritten values skipped), its name per language
        (``names``: ``pfn:name`` elements in its extensionElements) and kept content."""
        child = etree.SubElement(parent, tag)
        for name, value in attrs:
            text = fmt(value)
            if text is not None:
                _checked(child, name, text)
        if names:
            ext = etree.SubElement(child, EXT)
            for lang, said in names.items():
                _checked(etree.SubElement(ext, NAME_TAG, {q(XML, "lang"): lang}), None, said)
        if opaque:
            self.opaque(child, opaque, di=di)
        return child

    def text_el(self, parent: etree._Element, tag: str, text: str, attrs: Iterable[tuple[str, Any]] = ()) -> etree._Element:
        child = self.el(parent, tag, attrs)
        _checked(child, None, text)
        return child

    def fragment(self, parent: etree._Element, text: str, *, ranked: bool = True) -> etree._Element:
        """A placeholder for the fragment ``text``; ``ranked`` gives it the fragment's tag for ordering."""
        index = len(self.fragments)
        self.fragments.append(text)
        holder = etree.SubElement(parent, fragment_tag(text) if ranked else "_pf")
        holder.set(_MARK, str(index))
        return holder

    def opaque(self, el: etree._Element, opaque: Opaque, *, di: bool = False) -> None:
        for name, value in opaque.attributes:
            _checked(el, name, value)
        if opaque.extension_elements:
            ext = next((c for c in el if c.tag == EXT), None) if not di else None
            if ext is None:
                ext = etree.SubElement(el, q(DI, "extension") if di else EXT)
            for text in opaque.extension_elements:
                self.fragment(ext, text, ranked=False)
        for text in opaque.children:
            self.fragment(el, text)

    def docs(self, el: etree._Element, documentation: tuple[Documentation, ...]) -> None:
        for doc in documentation:
            self.text_el(el, DOC, doc.text, (("id", doc.id), ("textFormat", doc.text_format)))

    def expression(self, parent: etree._Element, tag: str, expr: Expression) -> etree._Element:
        formal = bool(expr.xsi_type or expr.language)
        attrs: list[tuple[str, Any]] = [("id", expr.id)]
        if formal:
            attrs += [(q(XSI, "type"), "bpmn:tFormalExpression"), ("language", expr.language)]
        child = self.el(parent, tag, attrs)
        for name, value in expr.opaque.attributes:
            _checked(child, name, value)
        _checked(child, None, expr.text)
        for text in expr.opaque.children:
            self.fragment(child, text)
        return child

    @staticmethod
    def keep_aside(el: etree._Element) -> None:
        """Mark ``el`` for the kept-wrapper although its tag is allowed (invalid content)."""
        el.set(_KEEP, "1")

    # -- placement and output
    def arrange(self, root: etree._Element, definitions_id: str) -> None:
        """Sort children into XSD order; move what the XSD forbids there into the kept-wrapper."""
        for el in list(root.iter()):
            ranks = _RANKS.get(el.tag) if isinstance(el.tag, str) else None
            if ranks is None or len(el) == 0:
                continue
            misplaced = [c for c in el if c.tag not in ranks or c.get(_KEEP)]
            for c in misplaced:
                c.attrib.pop(_KEEP, None)
            wrapper = self._wrapper(el, ranks, definitions_id) if misplaced else None
            if wrapper is not None:
                for c in misplaced:
                    if c.get(_MARK) is None and etree.QName(c).namespace == BPMN:
                        # lax validation would check a BPMN element here against its
                        # declaration; the kept namespace makes it opaque to the schema
                        c.tag = q(KEPT, etree.QName(c).localname)
                    wrapper.append(c)
            keys = [ranks.get(c.tag, len(ranks)) for c in el]
            if keys != sorted(keys):
                # lxml moves children one by one (quadratic in their number): only when needed
                el[:] = sorted(el, key=lambda c: ranks.get(c.tag, len(ranks)))

    def definitions_wrapper(self, root: etree._Element, definitions_id: str) -> etree._Element:
        """The kept-wrapper of ``definitions`` (after :meth:`arrange`), created when there is none."""
        for rel in root.iterchildren(q(BPMN, "relationship")):
            if rel.get("type") == KEPT_RELATIONSHIP and rel.get(_MARK) is None:
                return next(w for ext in rel.iterchildren(EXT) for w in ext.iterchildren(KEPT_TAG))
        wrapper = self._wrapper(root, _RANKS[root.tag], definitions_id)
        assert wrapper is not None  # definitions always has a place for it
        return wrapper

    def kept_ids(self, root: etree._Element) -> set[str]:
        """Ids of the elements :meth:`arrange` moved into a kept-wrapper and that occur nowhere else."""
        inside: set[str] = set()
        for wrapper in root.iter(KEPT_TAG):
            for node in wrapper.iterdescendants():
                mark = node.get(_MARK) if isinstance(node.tag, str) else None
                if mark is not None:
                    text = self.fragments[int(mark)]
                    inside.update(_ID.findall(text))
                elif isinstance(node.tag, str) and node.get("id"):
                    inside.add(node.get("id", ""))
        if not inside:
            return inside
        return inside - self.visible_ids(root)

    def visible_ids(self, root: etree._Element) -> set[str]:
        """Ids of the elements (kept fragments included) outside every kept-wrapper: what tools see."""
        outside: set[str] = set()
        wrapped = wrapped_elements(root)
        for node in root.iter():
            if not isinstance(node.tag, str) or node in wrapped:
                continue
            mark = node.get(_MARK)
            if mark is not None:
                outside.update(_ID.findall(self.fragments[int(mark)]))
            elif node.get("id"):
                outside.add(node.get("id", ""))
        return outside

    def _wrapper(self, el: etree._Element, ranks: dict[str, int], definitions_id: str) -> etree._Element | None:
        if el.tag == q(BPMN, "definitions"):
            # a relationship needs a source and a target (QNames of elements); the
            # kept content relates to the whole document, so name the definitions
            # or, without an id there, the first root element that has one
            anchor = definitions_id or next(
                (c.get("id") for c in el if c.get("id") and c.get(_MARK) is None), "definitions")
            relationship = etree.SubElement(el, q(BPMN, "relationship"), type=KEPT_RELATIONSHIP)
            ext = etree.SubElement(relationship, EXT)
            for end in ("source", "target"):
                etree.SubElement(relationship, q(BPMN, end)).text = anchor
            return etree.SubElement(ext, KEPT_TAG, nsmap={"pfk": KEPT})
        if EXT not in ranks:
            return None  # nowhere valid to put it: left in place
        ext = next((c for c in el if c.tag == EXT), None)
        if ext is None:
            ext = etree.SubElement(el, EXT)
        return etree.SubElement(ext, KEPT_TAG, nsmap={"pfk": KEPT})

    def serialize(self, root: etree._Element) -> bytes:
        text = etree.tostring(root, encoding="unicode", pretty_print=True)
        text = _PLACEHOLDER.sub(lambda m: self.fragments[int(m.group(1))], text)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text).encode("utf-8")
