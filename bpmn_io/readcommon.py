"""Small helpers shared by the BPMN readers: attributes, documentation, opaque content."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from processes.errors import InputError
from processes.model import Documentation, Expression, FrozenMap, Opaque
from processes.shownnames import language_problem

from .fragments import fragment, requalify
from .namespaces import BPMN, KEPT, KEPT_TAG, NAME_TAG, XML, XSI, q
from .xsdorder import rank_table

__all__ = [
    "Source", "elements", "children", "restore", "placeable", "attrs_opaque", "flag", "number", "documentation", "expression",
    "OpaqueBuilder", "DOC", "EXT", "duplicate_id", "lenient_readable",
]

DOC = q(BPMN, "documentation")
EXT = q(BPMN, "extensionElements")
_FORMAL = "tFormalExpression"
_XSI_TYPE = q(XSI, "type")
_RANKS = rank_table()
#: from this line on, libxml2 (which keeps an element's line in 16 bits) gives lxml a nearby node's line
_SHORT_LINES = 65535


def duplicate_id(item_id: str, first_line: int | None) -> str:
    """The refusal of an id used twice, in one wording wherever the reader finds it (raise it with
    :func:`lenient_readable`: a command with ``--lenient`` adds that the option reads on)."""
    return f"duplicate id '{item_id}' (first used at line {first_line}) (expected each id once)"


def lenient_readable(err: InputError) -> InputError:
    """``err``, marked as a refusal that a lenient read (``strict=False``, ``--lenient``) reads past."""
    err.with_option("lenient", "--lenient reads it anyway (see --help)")
    return err


@dataclass(frozen=True, slots=True)
class Source:
    """Where the document came from, to locate errors; ``lines``: the document's bytes split at
    newlines, for :meth:`line`."""

    name: str
    lines: tuple[bytes, ...] = ()
    #: by lower-case local name: the tree's elements of that name (each to its place in document order) and
    #: the text's lines of their start tags (:meth:`_by_count`; made on the first past 65535 without an id;
    #: keys by identity: holding the elements keeps lxml handing back the same ones)
    _named: dict[str, tuple[dict[etree._Element, int], list[int]]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def line(self, el: etree._Element) -> int | None:
        """The line where ``el``'s start tag begins.

        lxml (libxml2) gives the line where the start tag ENDS: 11454 for a ``<boundaryEvent``
        written on 11451 with its attributes one a line (ADONIS, Trisotech). No ``<`` can stand
        between (not in an attribute value), so the tag begins on the nearest line before with one,
        unless it begins on that very line.
        """
        line = el.sourceline
        if line and line >= _SHORT_LINES:
            line = self._past_short_lines(el, line)
        if not line or line > len(self.lines):
            return line
        text, local = self.lines[line - 1], etree.QName(el).localname.encode()
        if b"<" + local in text or b":" + local in text:  # begins here (as a tag or prefix:tag)
            return line
        text, local = text.lower(), local.lower()  # <bpmn:ComplexGateway>, read as complexGateway
        if b"<" + local in text or b":" + local in text:
            return line
        for back in range(line - 1, max(0, line - 1000), -1):
            if b"<" in self.lines[back - 1]:
                return back
        return line

    def _past_short_lines(self, el: etree._Element, line: int) -> int:
        """The line that writes ``el``'s id, where lxml cannot know ``el``'s line: libxml2 keeps it in 16 bits,
        and from 65535 on gives a nearby node's (the next text's: a sibling's line, so the one after; or 65535
        itself where there is none, so one before). Without an id (a BPSim or QBP parameter), by counting."""
        element_id = el.get("id")
        if not element_id:
            return self._by_count(el, line)
        attribute = re.compile(rb"(?:^|\s)id\s*=\s*[\"']" + re.escape(element_id.encode()) + rb"[\"']")
        ahead = range(line, len(self.lines) + 1) if line == _SHORT_LINES else range(line, line - 1000, -1)
        for n in ahead:
            if 0 < n <= len(self.lines) and attribute.search(self.lines[n - 1]):
                return n
        return line

    def _by_count(self, el: etree._Element, line: int) -> int:
        """The line of ``el``'s start tag as the n-th start tag of its name in the text, ``el`` being the n-th
        element of that name in the tree (names in lower case: the reader lowers some tags). Kept where it
        agrees with what lxml's line still tells (at 65535: that line or after; past it: that line or before);
        else lxml's (a comment that writes such a tag would shift the count)."""
        local = etree.QName(el).localname.lower()
        if local not in self._named:
            root = el.getroottree().getroot()
            same = (e for e in root.iter()
                    if isinstance(e.tag, str) and etree.QName(e).localname.lower() == local)
            named = {e: n for n, e in enumerate(same)}
            # a line can end after the name, where the attributes go on the next
            start = re.compile(rb"<(?:[\w.-]+:)?" + re.escape(local.encode()) + rb"(?:[\s/>]|$)",
                               re.IGNORECASE)
            lines = [n for n, text in enumerate(self.lines, 1) for _ in start.finditer(text)]
            self._named[local] = (named, lines)
        named, lines = self._named[local]
        ordinal = named.get(el)
        if ordinal is None or len(named) != len(lines):
            return line
        found = lines[ordinal]
        agrees = found >= _SHORT_LINES if line == _SHORT_LINES else _SHORT_LINES <= found <= line
        return found if agrees else line

    def error(self, el: etree._Element | None, message: str, element: str | None = None) -> InputError:
        line = self.line(el) if el is not None else None
        if element is None and el is not None:
            element = el.get("id") or None
        return InputError(message, file=self.name, line=line, element=element)


def elements(el: etree._Element) -> Iterator[etree._Element]:
    """Child elements (comments and processing instructions skipped)."""
    return (c for c in el if isinstance(c.tag, str))


def children(el: etree._Element) -> list[etree._Element]:
    """Child elements, then the children of a ``pfk:kept`` wrapper in its extensionElements.

    The wrapper holds what permitflow's writer had to move out of the schema's way;
    reading it back as ordinary children restores the model it was written from.
    """
    direct = [c for c in el if isinstance(c.tag, str)]
    kept = [k for c in direct if c.tag == EXT for w in c if w.tag == KEPT_TAG for k in elements(w)]
    return direct + [restore(k) for k in kept]


def restore(el: etree._Element) -> etree._Element:
    """A kept element back in the BPMN namespace (the writer moved it to KEPT's).

    The parsed tree is private to one parse, so renaming in place is safe.
    """
    qn = etree.QName(el)
    if qn.namespace == KEPT:
        el.tag = q(BPMN, qn.localname)
    return el


def placeable(parent_tag: str, child_tag: str) -> bool:
    """Whether the XSD allows ``child_tag`` directly inside ``parent_tag``."""
    ranks = _RANKS.get(parent_tag)
    return ranks is None or child_tag in ranks


def attrs_opaque(el: etree._Element, known: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Attributes other than ``known`` (unqualified names), in document order.

    A QName value (``xsi:type="bpmn2:tLaneSet"``) gets the prefix the writer
    declares for its namespace, as in kept fragments: the writer's prefixes are
    not the file's, and a value naming an undeclared prefix is invalid.
    """
    skip = set(known)
    scope = el.nsmap
    return tuple((k, requalify(v, scope, xsi_type=k == _XSI_TYPE)) for k, v in el.attrib.items() if k not in skip)


def flag(el: etree._Element, name: str, source: Source) -> bool | None:
    """An xsd:boolean attribute, or None when absent."""
    value = el.get(name)
    if value is None:
        return None
    v = value.strip()
    if v in ("true", "1"):
        return True
    if v in ("false", "0"):
        return False
    raise source.error(el, f"attribute {name}={value!r} is not a boolean (expected true or false)")


def number(el: etree._Element, name: str, source: Source, *, default: float | None = None) -> float | None:
    value = el.get(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise source.error(el, f"attribute {name}={value!r} is not a number") from None


def documentation(el: etree._Element) -> Documentation:
    """A documentation element; markup inside it (none in the corpus) is reduced to its text."""
    text = "".join(el.itertext()) if len(el) else (el.text or "")
    return Documentation(text=text, text_format=el.get("textFormat", ""), id=el.get("id", ""))


def expression(el: etree._Element) -> Expression:
    """A tExpression / tFormalExpression element.

    ``xsi_type`` is normalized to ``tFormalExpression`` when the file says so by any
    prefix (Cardanit writes an undeclared ``bpmn2:``) or gives a ``language``, which
    only a formal expression may carry.
    """
    raw_type = el.get(q(XSI, "type"), "")
    formal = raw_type.split(":")[-1] == _FORMAL or "language" in el.attrib
    extra = attrs_opaque(el, ("id", "language", q(XSI, "type")))
    children = tuple(fragment(c) for c in elements(el))
    text = el.text or ""
    if children:  # mixed content (rare): the tails of the children join the text
        text += "".join(c.tail or "" for c in el)
    return Expression(
        text=text, language=el.get("language", ""), xsi_type=_FORMAL if formal else "",
        id=el.get("id", ""), opaque=Opaque(attributes=extra, children=children),
    )


class OpaqueBuilder:
    """Collects what an element's reader did not interpret, in document order."""

    __slots__ = ("tag", "attributes", "extension_elements", "children", "misplaced", "names")

    def __init__(self, el: etree._Element, known_attrs: Iterable[str]) -> None:
        self.tag = el.tag
        self.attributes = attrs_opaque(el, known_attrs)
        self.extension_elements: list[str] = []
        self.children: list[str] = []
        self.misplaced: list[str] = []
        self.names: dict[str, str] = {}

    def extension(self, ext: etree._Element) -> None:
        for c in elements(ext):
            if c.tag == KEPT_TAG:
                continue
            if c.tag == NAME_TAG and self._name(c):
                continue
            self.extension_elements.append(fragment(c))

    def _name(self, el: etree._Element) -> bool:
        """Read a ``pfn:name`` (the element's name in one language) into :attr:`names`; False (kept as an
        unread extension) when it is not one: an unknown language, markup inside, a second in a language."""
        lang, text = el.get(q(XML, "lang")), el.text or ""
        if len(el) or len(el.attrib) != 1 or lang in self.names or language_problem(lang, text):
            return False
        self.names[str(lang)] = text
        return True

    def lang_names(self) -> FrozenMap[str, str]:
        """The element's name per language read from its extensionElements (``pfn:name``)."""
        return FrozenMap(self.names)

    def keep(self, child: etree._Element) -> None:
        # children the schema does not allow here come last: that is where the
        # writer's kept-wrapper returns them from, so the order survives a round trip
        target = self.children if placeable(self.tag, child.tag) else self.misplaced
        target.append(fragment(child))

    def keep_unread(self, child: etree._Element, *, extension: str = EXT) -> None:
        """A child the element's reader does not interpret: the content of an
        ``extension`` element (``bpmn:extensionElements``; ``di:extension`` in DI)
        joins the extension elements, anything else is kept as it is."""
        if child.tag == extension:
            self.extension(child)
        else:
            self.keep(child)

    def build(self) -> Opaque:
        return Opaque(self.attributes, tuple(self.extension_elements), tuple(self.children + self.misplaced))


ChildHandler = Callable[[etree._Element], None]
