"""Small helpers shared by the BPMN readers: attributes, documentation, opaque content."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from processes.errors import InputError
from processes.model import Documentation, Expression, FrozenMap, Opaque
from processes.shownnames import language_problem

from .fragments import fragment, requalify
from .namespaces import BPMN, KEPT, KEPT_TAG, NAME_TAG, XML, XSI, q
from .sourcelines import Source
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


def duplicate_id(item_id: str, first_line: int | None) -> str:
    """The refusal of an id used twice, in one wording wherever the reader finds it (raise it with
    :func:`lenient_readable`: a command with ``--lenient`` adds that the option reads on)."""
    return f"duplicate id '{item_id}' (first used at line {first_line}) (expected each id once)"


def lenient_readable(err: InputError) -> InputError:
    """``err``, marked as a refusal that a lenient read (``strict=False``, ``--lenient``) reads past."""
    err.with_option("lenient", "--lenient reads it anyway (see --help)")
    return err


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
