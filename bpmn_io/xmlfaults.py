"""The words for a fault in the middle of an XML file, one wording for the command line and the page: the
element as the file writes it, what is wrong and what was expected, in English and Swedish, for every reader
of XML (a BPMN model through :mod:`bpmn_io.xmlsafe`, an XES case log through :mod:`bpmn_io.xeslog`).

lxml (libxml2) says "Specification mandates value for attribute isForCompensation", "xmlParseEntityRef: no
name", "StartTag: invalid element name": the command line said them so, and the page reworded some of them
(web/plainwords.py) in words of its own. :func:`fault_said` says libxml2's commonest messages from one table
(:data:`_FAULTS`), :func:`said_sv` the same line in Swedish, from the same table; a message the table does not
know stays libxml2's.
"""

from __future__ import annotations

import re

__all__ = ["fault_said", "said_sv", "tag_at", "open_at"]

#: libxml2's message -> (whether it is about an element: the element it is in is named; what is wrong,
#: what was expected) in English, then Swedish; {1}, {2}: the message's groups
_FAULTS: tuple[tuple[str, bool, tuple[str, str], tuple[str, str]], ...] = (
    (r"Unescaped '<' not allowed in attributes values", True,
     ("a '<' in an attribute's value, or a quote that is never closed",
      "name=\"value\", a '<' in a value written &lt;"),
     ("ett '<' i ett attributs värde, eller ett citattecken som aldrig stängs",
      "namn=\"värde\", ett '<' i ett värde skrivet &lt;")),
    (r"AttValue: \" or ' expected", True,
     ("an attribute's value without quotes", "name=\"value\""),
     ("ett attributs värde utan citattecken", "namn=\"värde\"")),
    (r"EntityRef: expecting ';'|xmlParseEntityRef: no name", True,
     ("an '&' not written as &amp;", "&amp; for the character &"),
     ("ett '&' som inte är skrivet som &amp;", "&amp; för tecknet &")),
    (r"Entity '(.+?)' not defined", True,
     ("&{1}; is no character XML knows", "the character itself, or &amp; for an &"),
     ("&{1}; är inget tecken som XML känner till", "tecknet självt, eller &amp; för ett &")),
    (r"Attribute (\S+) redefined", True,
     ("the attribute {1} is written twice", "each attribute once in a tag"),
     ("attributet {1} står två gånger", "varje attribut en gång i en tagg")),
    (r"Specification mandates value for attribute (\S+)", True,
     ("the attribute {1} has no value", "{1}=\"value\""),
     ("attributet {1} saknar värde", "{1}=\"värde\"")),
    (r"Extra content at the end of the document", False,
     ("more after the document's last closing tag",
      "one document in a file, ending with its root's closing tag"),
     ("mer efter dokumentets sista sluttagg", "ett dokument i en fil, som slutar med rotens sluttagg")),
    (r"Namespace prefix (\S+) on (\S+) is not defined", True,
     ("the prefix {1}: is not declared", "an xmlns:{1}=\"…\" on this element or one around it"),
     ("prefixet {1}: är inte deklarerat", "ett xmlns:{1}=\"…\" på elementet eller ett runt det")),
    (r"StartTag: invalid element name|EndTag: '</' not found", True,
     ("a '<' that starts no tag", "&lt; for a '<' in a text"),
     ("ett '<' som inte inleder någon tagg", "&lt; för ett '<' i en text")),
    (r"PCDATA invalid Char value|xmlParseCharRef: invalid xmlChar value|invalid character in attribute value|"
     r"Char 0x\w+ out of allowed range", True,
     ("a control character, which XML does not allow in a file", "text without control characters"),
     ("ett styrtecken, som XML inte tillåter i en fil", "text utan styrtecken")),
    (r"Comment not terminated|Double hyphen within comment", True,
     ("a comment <!-- … --> that is not closed, or that holds '--'", "<!-- a comment --> without '--' in it"),
     ("en kommentar <!-- … --> som inte stängs, eller som innehåller '--'",
      "<!-- en kommentar --> utan '--' i sig")),
    (r"CData section not finished", True,
     ("a <![CDATA[ section that is never closed", "]]> at its end"),
     ("ett <![CDATA[-avsnitt som aldrig stängs", "]]> i dess slut")),
    (r"XML declaration allowed only at the start of the document", False,
     ("the XML declaration <?xml …?> is not at the very start of the file (two files joined into one?)",
      "the declaration first in the file, once"),
     ("XML-deklarationen <?xml …?> står inte allra först i filen (två filer ihopslagna till en?)",
      "deklarationen först i filen, en gång")),
    (r"error parsing attribute name|attributes construct error|Couldn't find end of Start Tag|"
     r"expected '>'", True,
     ("a tag not closed with '>', or an attribute written wrongly in it",
      "name=\"value\" pairs, and '>' at the tag's end"),
     ("en tagg som inte stängs med '>', eller ett attribut som är fel skrivet i den",
      "namn=\"värde\"-par, och '>' i taggens slut")),
    (r"ParsePI|xmlParsePI", True,
     ("a processing instruction <?…?> written wrongly", "<?name …?>"),
     ("en bearbetningsinstruktion <?…?> som är fel skriven", "<?namn …?>")),
)
_KNOWN = tuple((re.compile(pattern), element, en, sv) for pattern, element, en, sv in _FAULTS)

#: a tag name with a space in it (``<bpmn:user task id="t">``): libxml2 takes the second word for an
#: attribute without a value; said so when that word is one BPMN's element names end with (an attribute
#: written without its value, ``isForCompensation``, is no such word)
_NAME_ENDS = frozenset({"task", "gateway", "event", "flow", "process", "subprocess", "object", "reference",
                        "association", "definition", "lane", "set"})
_SPACED = ("is '{0} {1}' one tag name with a space in it? a name has none",
           "är '{0} {1}' ett taggnamn med ett mellanslag i? ett namn har inget")


def _filled(words: str, groups: tuple[str, ...]) -> str:
    return re.sub(r"\{(\d)\}", lambda m: groups[int(m[1]) - 1], words)


def fault_said(message: str, tag: str | None) -> str | None:
    """libxml2's ``message`` in permitflow's words: "in <``tag``>: what is wrong (expected what)", ``tag``
    the element the fault is in as the file writes it (:func:`tag_at`, :func:`open_at`; None: not known);
    None for a message the table does not know.

    >>> fault_said("Attribute id redefined", "bpmn:task")
    'in <bpmn:task>: the attribute id is written twice (expected each attribute once in a tag)'
    >>> print(fault_said("Specification mandates value for attribute task", "bpmn:user"))
    ... # doctest: +NORMALIZE_WHITESPACE
    in <bpmn:user>: the attribute task has no value (expected task="value"; is 'bpmn:user task' one tag
    name with a space in it? a name has none)
    """
    for pattern, element, (what, expected), _ in _KNOWN:
        if (m := pattern.match(message.strip())) is None:
            continue
        groups = tuple(g or "" for g in m.groups())
        where = f"in <{tag}>: " if element and tag else ""
        spaced = f"; {_SPACED[0].format(tag, groups[0])}" if _is_spaced(message, tag) else ""
        return f"{where}{_filled(what, groups)} (expected {_filled(expected, groups)}{spaced})"
    return None


def _is_spaced(message: str, tag: str | None) -> bool:
    return (bool(tag) and message.startswith("Specification mandates value for attribute ")
            and message.rsplit(" ", 1)[1].lower() in _NAME_ENDS)


#: an XES log's place of a fault (bpmn_io.xeslog), after the words
_XES = r"(?: \((?P<xes>event \d+, in trace \d+|trace \d+)\))?"
_XES_SV = re.compile(r"event (\d+), in trace (\d+)|trace (\d+)")
_MISMATCH = re.compile(r"the start tag <(\S+)> on line (\d+) is still open at </(\S+)> "
                       r"\(expected </\S+> first\)" + _XES)


def _reverse(words: str, seen: set[str]) -> str:
    """A regular expression of ``words`` with {1}, {2} as groups (one ``seen`` before: the same text)."""
    parts = re.split(r"\{(\d)\}", words)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part))
        else:
            out.append(f"(?P=g{part})" if part in seen else f"(?P<g{part}>.+?)")
            seen.add(part)
    return "".join(out)


def _reversed(what: str, expected: str) -> re.Pattern[str]:
    """The line :func:`fault_said` writes from a row's English ``what`` and ``expected``, as a pattern."""
    seen: set[str] = set()
    return re.compile(r"(?:in <(?P<tag>[^\s>]+)>: )?" + _reverse(what, seen) + r" \(expected "
                      + _reverse(expected, seen) + r"(?P<spaced>; is '(?P<w0>\S+) (?P<w1>\S+)' one tag name "
                      r"with a space in it\? a name has none)?\)" + _XES, re.S)


_SAID = tuple((_reversed(*en), sv) for _, _, en, sv in _FAULTS)


def said_sv(english: str) -> str | None:
    """The Swedish of a line :func:`fault_said` (or :func:`bpmn_io.xmlsafe.mismatch_said`) words, an XES
    log's "(event 5, in trace 2)" after it kept; None for another.

    >>> said_sv("in <bpmn:task>: the attribute id is written twice (expected each attribute once in a tag)")
    'i <bpmn:task>: attributet id står två gånger (förväntade varje attribut en gång i en tagg)'
    """
    if (m := _MISMATCH.fullmatch(english)) is not None:
        said = (f"starttaggen <{m[1]}> på rad {m[2]} är fortfarande öppen vid </{m[3]}> "
                f"(förväntade </{m[1]}> först)")
        return said + _xes_sv(m["xes"])
    for pattern, (what_sv, expected_sv) in _SAID:
        if (m := pattern.fullmatch(english)) is None:
            continue
        groups = tuple(m.groupdict().get(f"g{n}") or "" for n in range(1, 3))
        where = f"i <{m['tag']}>: " if m["tag"] else ""
        spaced = f"; {_SPACED[1].format(m['w0'], m['w1'])}" if m["spaced"] else ""
        return (f"{where}{_filled(what_sv, groups)} (förväntade {_filled(expected_sv, groups)}{spaced})"
                + _xes_sv(m["xes"]))
    return None


def _xes_sv(where: str | None) -> str:
    if not where:
        return ""
    return " (" + _XES_SV.sub(lambda w: f"händelse {w[1]}, i ärende (trace) {w[2]}" if w[1] else
                              f"ärende (trace) {w[3]}", where) + ")"


_TAG_START = re.compile(rb"<([^\s<>/!?=\"']+)")


def tag_at(before: bytes) -> str | None:
    r"""The element whose start tag holds the end of ``before`` (the file up to a fault, or its last lines),
    as the file writes it, a quote left open in it included (libxml2 finds the fault at the next '<'); None
    when the fault is outside a start tag (in a text, or after an end tag).

    >>> tag_at(b'  <bpmn:task id="t" name="a & b'), tag_at(b'<a>x & y'), tag_at(b'<a n="x\'>\n  ')
    ('bpmn:task', None, 'a')
    """
    lt = before.rfind(b"<")
    m = _TAG_START.match(before, lt) if lt >= 0 else None
    if m is None:
        return None
    quote = 0
    for byte in before[m.end():]:
        if quote:
            quote = 0 if byte == quote else quote
        elif byte in b"\"'":
            quote = byte
        elif byte == ord(">"):
            return None  # the tag is closed: the fault is after it
    return m[1].decode("utf-8", "replace")


_MARKUP = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|</([^\s>]+)\s*>"
                     rb"|<([^\s<>/!?]+)(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.S)


def open_at(data: bytes) -> str | None:
    """The innermost element still open where ``data`` (a document up to a fault) ends, as the file writes
    it; None for none. Where the document is well-formed up to there, as libxml2 found it.

    >>> open_at(b'<a><b x="1"/><c>text &')
    'c'
    """
    stack: list[bytes] = []
    for m in _MARKUP.finditer(data):
        if m[1] is not None and stack:
            stack.pop()
        elif m[2] is not None and not m[3]:
            stack.append(m[2])
    return stack[-1].decode("utf-8", "replace") if stack else None
