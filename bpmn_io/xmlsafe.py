"""The one hardened XML parser of permitflow.

Every XML document the project reads goes through :func:`parse_xml`: no entity
expansion, no network, no DTD loading, no huge-tree mode, and a size limit that is
checked on the raw bytes before the parser builds anything. A document whose
DOCTYPE declares entities or points at an external DTD is refused outright, so a
billion-laughs or ``file:///etc/passwd`` document never gets near the model.

Example
-------
>>> root = parse_xml(b"<a><b/></a>", source="x.xml").getroot()
>>> root[0].tag
'b'
"""

from __future__ import annotations

import re

from lxml import etree

from processes.errors import InputError

from .sourcelines import SHORT_LINES, Source
from .xmlfaults import fault_said, open_at, tag_at
from .xmlkind import cut_off, not_expected, sniffed
from .xmltext import _declared_encoding, bad_bytes, refuse_utf8_declared_8bit, unknown_encoding

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_ATTRIBUTES", "parse_xml", "safe_parser", "safe_pull_parser", "check_size", "refuse_doctype",
           "lenient_declaration", "refuse_wide_declaration", "mismatch_said"]

MAX_BYTES = 20 * 1024 * 1024
"""Default size limit of one XML document (20 MB; the largest corpus file is 1.5 MB)."""
MAX_DEPTH = 256
"""libxml2's nesting limit without ``huge_tree`` (deeper documents are refused)."""
MAX_ATTRIBUTES = 200
"""Most attributes on one element (143 models from a dozen modelling tools have at most 15 on any): lxml reads an
element's attributes in time that grows with their square (300,000 on one element kept a reader busy for hours)."""

# A DOCTYPE can only come before the root element, so looking at the prolog is enough.
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ATTLIST = re.compile(rb"<!ATTLIST", re.IGNORECASE)


#: the parser options that switch every dangerous feature off (one place for both parsers)
_HARDENED = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_blank_text": False,
    "recover": False,
}


def safe_parser() -> etree.XMLParser:
    """A fresh lxml parser with every dangerous feature switched off."""
    return etree.XMLParser(**_HARDENED)


def safe_pull_parser(tags: tuple[str, ...], events: tuple[str, ...] = ("end",)) -> etree.XMLPullParser:
    """A streaming (fed) parser with the hardening of :func:`safe_parser`, reporting ``events`` of ``tags``.

    Used for documents too large to hold (case logs): the caller feeds chunks,
    reads the finished elements and clears them. Check the prolog with
    :func:`refuse_doctype` before feeding.
    """
    return etree.XMLPullParser(events=events, tag=tags, **_HARDENED)


def check_size(size: int, *, source: str, max_bytes: int = MAX_BYTES) -> None:
    """Refuse a document of ``size`` bytes above ``max_bytes`` (before reading it)."""
    if size > max_bytes:
        raise InputError(
            f"document is {size} bytes, larger than the limit of {max_bytes} bytes "
            f"(expected a BPMN file under {max_bytes // (1024 * 1024)} MB)",
            file=source,
        )


def _prolog(data: bytes) -> bytes:
    """The bytes before the root element's start tag (UTF-16 squeezed to ASCII)."""
    head = data  # the whole prolog, however long its comments (a DOCTYPE may follow them)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) > 1 and head[1:2] == b"\x00") or head[:1] == b"\x00":
        head = head.replace(b"\x00", b"")
    # skip the XML declaration, processing instructions and comments; stop at the root tag
    pos = 0
    while True:
        lt = head.find(b"<", pos)
        if lt < 0 or lt + 1 >= len(head):
            return head
        nxt = head[lt + 1 : lt + 2]
        if nxt == b"?":
            end = head.find(b"?>", lt)
        elif head.startswith(b"<!--", lt):
            end = head.find(b"-->", lt)
        elif nxt == b"!":
            # DOCTYPE: include its internal subset up to the closing "]>" or ">"
            close = head.find(b"]>", lt)
            end = close if close >= 0 else head.find(b">", lt)
            pos = len(head) if end < 0 else end + 1
            continue
        else:
            return head[:lt]
        if end < 0:
            return head
        pos = end + 1


def refuse_doctype(data: bytes, source: str, *, what: str = "a BPMN file") -> None:
    """Refuse a DOCTYPE in the prolog of ``data`` that declares entities or attribute
    defaults or names an external DTD (``what`` names the expected document in the message)."""
    prolog = _prolog(data)
    match = _DOCTYPE.search(prolog)
    if not match:
        return
    line = prolog[: match.start()].count(b"\n") + 1
    decl = prolog[match.start() :]
    if _ENTITY.search(decl):
        raise InputError(
            "DOCTYPE declares entities, which permitflow never expands "
            f"(expected {what} without a DOCTYPE)",
            file=source, line=line,
        )
    if _ATTLIST.search(decl):
        raise InputError(
            "DOCTYPE declares attribute defaults, which would silently change the document "
            f"(expected {what} without a DOCTYPE)",
            file=source, line=line,
        )
    if re.search(rb"\b(SYSTEM|PUBLIC)\b", decl.split(b"[", 1)[0]):
        raise InputError(
            "DOCTYPE refers to an external DTD, which permitflow never loads "
            f"(expected {what} without a DOCTYPE)",
            file=source, line=line,
        )


_DECLARATION = re.compile(rb"\A(\xef\xbb\xbf)?([ \t\r\n]*)(<\?xml[ \t\r\n][^<>]*?\?>)")
_GLUED = re.compile(rb"""(["'])(?=(?:version|encoding|standalone)[ \t\r\n]*=)""")


def lenient_declaration(data: bytes) -> bytes:
    """``data`` with two slips in its XML declaration mended the way bpmn.io reads them.

    bpmn.io (saxen) takes the declaration as a processing instruction wherever it
    stands and never checks its syntax; libxml2 refuses a declaration whose
    pseudo-attributes have no space between them (``version="1.0"encoding="UTF-8"``,
    as two bpmn-js fixtures have) and one after leading blank lines. The space is
    inserted, and the blank lines move behind the declaration, so the lines of
    everything after it keep their numbers. Nothing else changes; UTF-16/32
    documents are left alone.

    >>> lenient_declaration(b'\\n<?xml version="1.0"encoding="UTF-8"?><a/>')
    b'<?xml version="1.0" encoding="UTF-8"?>\\n<a/>'
    """
    m = _DECLARATION.match(data)
    if m is None:
        return data
    bom, blank, decl = m.group(1) or b"", m.group(2), m.group(3)
    mended = _GLUED.sub(rb"\1 ", decl)
    if not blank and mended == decl:
        return data
    return bom + mended + blank + data[m.end():]


def _open_at_end(data: bytes) -> list[etree._Element] | None:
    """The elements still open where ``data`` ends (outermost first) when the document ends before they are
    closed; None when the parser stopped before the end (an error that a cut does not explain: a wrong end
    tag, more after the root element). libxml2 says a cut in a dozen ways, by where it falls ("Premature end
    of data in tag", "Couldn't find end of Start Tag", "AttValue: ' expected", "expected '>'" ...); fed the
    whole document, its push parser takes everything a cut leaves and fails only when told the end has
    come."""
    parser = etree.XMLPullParser(events=("start", "end"), **_HARDENED)
    try:
        parser.feed(data)
    except etree.XMLSyntaxError:
        return None
    stack: list[etree._Element] = []
    closed = False
    for event, el in parser.read_events():
        if event == "start":
            stack.append(el)
        else:
            stack.pop()
            closed = not stack
    try:
        parser.close()
    except etree.XMLSyntaxError:
        return None if closed else stack
    return None


def _written_at(lines: list[bytes], el: etree._Element) -> tuple[str, int | None]:
    """``el``'s tag as the file writes it (``bpmn:task``) and the line where its start tag begins (lxml gives
    where it ends; nothing past line 65535, where libxml2 gives a nearby node's)."""
    qn = etree.QName(el)
    tag = f"{el.prefix}:{qn.localname}" if el.prefix else qn.localname
    line = el.sourceline
    if not line or line >= SHORT_LINES:
        return tag, None
    for back in range(min(line, len(lines)), max(0, line - 1000), -1):
        if b"<" + tag.encode() in lines[back - 1]:
            return tag, back
    return tag, line


def _cut_said(data: bytes, stack: list[etree._Element]) -> str:
    """The words for ``data`` that ends with the elements of ``stack`` open
    (:func:`bpmn_io.xmlkind.cut_off`)."""
    lines = data.split(b"\n")
    if not stack:
        first = _FIRST_TAG.search(data[len(_prolog(data)):] if not data.startswith(b"\xff") else b"")
        return cut_off(None, None, first[1].decode("utf-8", "replace") if first else None)
    opened, line = _written_at(lines, stack[-1])
    return cut_off(opened, line, _written_at(lines, stack[0])[0])


_FIRST_TAG = re.compile(rb"<([^\s/<>!?]+)[\s>]")  # a name cut short is no name


#: libxml2's words for an end tag that does not close the element open: both tags by their local names
_MISMATCH = re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)$")


def mismatch_said(msg: str, data: bytes, line: int | None) -> str:
    """libxml2's "Opening and ending tag mismatch: task line 5 and process" said as the file writes the two tags,
    each with its prefix: "the start tag <bpmn:task> on line 5 is still open at </bpmn:process> (expected
    </bpmn:task> first)" (a reader looking for "<task" or "</process>" in a file of bpmn: tags found neither).
    Any other message is ``msg`` unchanged."""
    m = _MISMATCH.match(msg)
    if m is None:
        return msg
    lines = data.split(b"\n")
    opened = _written(lines, int(m[2]), "<", m[1])
    closed = _written(lines, line, "</", m[3])
    return f"the start tag <{opened}> on line {m[2]} is still open at </{closed}> (expected </{opened}> first)"


def _written(lines: list[bytes], number: int | None, opener: str, local: str) -> str:
    """The tag ``local`` as line ``number`` of ``lines`` writes it after ``opener`` ("<" or "</"), with its
    prefix (``bpmn:task``), or a line or two before (libxml2 counts the line where a tag ends, and a tool may
    write ``</bpmn:process`` and its ``>`` on two lines); ``local`` where they do not hold it."""
    if number is None or not 1 <= number <= len(lines):
        return local
    tag = re.compile(re.escape(opener.encode()) + rb"((?:[^\s<>/:=\"']+:)?" + re.escape(local.encode()) + rb")[\s/>]")
    for text in reversed(lines[max(0, number - 3):number]):
        found = tag.search(text + b"\n")  # the line's end ends a name written last on it
        if found:
            return found[1].decode("utf-8", "replace")
    return local


def refuse_wide_declaration(head: bytes, source: str) -> None:
    """Refuse a document whose declaration names UTF-16 or UTF-32 while its bytes are 8-bit text: .NET
    writes a text's declaration in memory, encoding="utf-16", into a file it saves as UTF-8, and libxml2
    said only "Blank needed here"."""
    declared = _declared_encoding(head)
    if _wide(declared) and b"\x00" not in head[:4]:
        raise InputError(f"the XML declaration names {declared}, but the file is 8-bit text, not {declared} "
                         "(a tool that wrote the declaration of a text in memory? write encoding=\"UTF-8\" "
                         "in it)", file=source, line=1)


def _wide(encoding: str) -> bool:
    """Whether ``encoding`` writes every character in two or four bytes (UTF-16, UTF-32, UCS-2, UCS-4)."""
    name = encoding.lower().replace("-", "").replace("_", "")
    return name.startswith(("utf16", "utf32", "ucs2", "ucs4"))


def _clean(message: str) -> str:
    return re.sub(r",? line \d+, column \d+(\s*\(.*\))?$", "", message.strip())


def parse_xml(data: bytes, *, source: str, max_bytes: int = MAX_BYTES) -> etree._ElementTree:
    """Parse ``data`` (bytes, so the declared encoding is honoured) safely.

    Raises :class:`InputError` naming ``source`` and the line for: a document over ``max_bytes``, an empty
    document, a file that is no XML (a PDF, a zip archive, an HTML page: said as what it is, not a BPMN
    model), a declaration of an encoding the text is not in, a DOCTYPE with entities or an external DTD, a
    document that ends before its elements are closed (the innermost open one named as the file writes it),
    and anything else lxml cannot parse.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise InputError(f"expected bytes, got {type(data).__name__}", file=source)
    check_size(len(data), source=source, max_bytes=max_bytes)
    if not data.strip():
        raise InputError("document is empty (expected BPMN 2.0 XML)", file=source)
    if (kind := sniffed(bytes(data[:4096]))) is not None:
        raise not_expected(*kind, "bpmn", source)
    data = lenient_declaration(bytes(data))
    refuse_wide_declaration(data, source)
    refuse_utf8_declared_8bit(data, source)
    refuse_doctype(data, source)
    parser = safe_parser()
    try:
        tree = etree.ElementTree(etree.fromstring(bytes(data), parser))
    except etree.XMLSyntaxError as err:
        raise _refusal(data, err, parser, source) from None
    docinfo = tree.docinfo
    if docinfo.internalDTD is not None and any(True for _ in docinfo.internalDTD.iterentities()):
        raise InputError("DOCTYPE declares entities (expected a BPMN file without a DOCTYPE)", file=source)
    if docinfo.system_url or docinfo.public_id:
        raise InputError("DOCTYPE refers to an external DTD (expected a BPMN file without a DOCTYPE)", file=source)
    if data.count(b"=") > MAX_ATTRIBUTES:  # a model that cannot hold so many attributes is not looked through
        _refuse_many_attributes(tree, data, source)
    return tree


def _refusal(data: bytes, err: etree.XMLSyntaxError, parser: etree.XMLParser, source: str) -> InputError:
    """The one line for a document lxml refused with ``err``: permitflow's words where it knows the cause."""
    line = err.lineno if err.lineno and err.lineno > 0 else None
    msg = _clean(err.msg or str(err))
    logged = " ".join(e.message for e in parser.error_log)
    if "Excessive depth" in logged:
        msg = (f"elements nested deeper than {MAX_DEPTH} levels, more than permitflow reads "
               f"(expected a BPMN model nested less deeply)")
    elif "XML_PARSE_HUGE" in logged or "Resource limit exceeded" in logged:
        msg = ("a text, attribute value or name is longer than the parser's limit of 10 MB "
               "(expected a BPMN model without huge values)")
    elif (encoding := re.search(r"Unsupported encoding:? ([^\s,]+)", logged)) is not None:
        return unknown_encoding(encoding[1], source)
    elif ((line is None or line >= data.rstrip().count(b"\n") + 1)
          and (stack := _open_at_end(data)) is not None):
        # a cut: libxml2 stops at the file's end (an '&' in a text, a quote left open, it also took for one)
        return InputError(_cut_said(data, stack), file=source, line=data.rstrip().count(b"\n") + 1)
    elif "Invalid bytes in character encoding" in logged or "not proper UTF-8" in logged:
        # Swedish names saved as Latin-1 / Windows-1252 under a UTF-8 (or no) declaration
        msg = bad_bytes(data, err.position[1])
    elif "Document is empty" in msg or "Start tag expected" in msg:
        msg = f"no XML element found, the content is not XML text ({msg})"
    elif (said := mismatch_said(msg, data, line)) != msg:
        msg = said
    else:
        msg = fault_said(msg, _fault_in(data, line, err.position[1])) or msg
    return InputError(f"not well-formed XML: {msg}", file=source, line=line)


def _fault_in(data: bytes, line: int | None, column: int) -> str | None:
    """The element a fault at ``line``, ``column`` (libxml2's) is in, as the file writes it: the start tag it
    is in, else the element open around it (:mod:`bpmn_io.xmlfaults`)."""
    if line is None:
        return None
    at = 0
    for _ in range(line - 1):
        at = data.find(b"\n", at) + 1
        if at == 0:
            return None
    before = data[:at + max(0, column - 1)]
    return tag_at(before[-4096:]) or open_at(before)


def _refuse_many_attributes(tree: etree._ElementTree, data: bytes, source: str) -> None:
    """One line naming the first element with more than :data:`MAX_ATTRIBUTES` attributes (its keys are
    counted: lxml lists them in linear time, their values in quadratic), at the line where its start tag
    begins (:meth:`bpmn_io.sourcelines.Source.line`: lxml gives where it ends, and a nearby node's line past
    65535)."""
    for el in tree.iter():
        count = len(el.keys())
        if count > MAX_ATTRIBUTES:
            name = etree.QName(el).localname if isinstance(el.tag, str) else "element"
            raise Source(source, tuple(data.split(b"\n"))).error(
                el, f"{count:,} attributes on one {name}, more than permitflow reads "
                    f"({MAX_ATTRIBUTES:,}; expected a BPMN model, whose elements have a few each)")
