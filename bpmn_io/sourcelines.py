"""Where an element of a read XML document stands: :class:`Source`, the line of its start tag for error messages
(lxml's line is where a start tag ends, and a nearby node's past line 65535). Apart from
:mod:`bpmn_io.readcommon`, which re-exports it, so that :mod:`bpmn_io.xmlsafe` (imported by what readcommon
imports) can locate its refusals without an import cycle."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from processes.errors import InputError

__all__ = ["SHORT_LINES", "Source"]

#: from this line on, libxml2 (which keeps an element's line in 16 bits) gives lxml a nearby node's line
SHORT_LINES = _SHORT_LINES = 65535


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
