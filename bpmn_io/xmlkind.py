"""What a file given as XML appears to be when it is not the XML expected, and the words for a file that ends
before its elements are closed: one plain line for each, in English and Swedish, for every reader of XML (a
BPMN model through :mod:`bpmn_io.xmlsafe`, an XES case log through :mod:`bpmn_io.xeslog`).

lxml (libxml2) says a PDF, a zip archive, a byte-order mark alone and an HTML error page each as "Start tag
expected, '<' not found" or a tag mismatch of the page's ``<br>``; a person who saved a failed download as
``.bpmn`` learns from that neither what the file is nor what was expected. :func:`sniffed` tells from the
first bytes what a file is (without lxml: the XES reader calls it on its first chunk), :func:`not_expected`
words it, and :func:`cut_off` words a file that ends inside an element (the tag as the file writes it, prefix
included, where libxml2 gives only its local name). The web page says the same lines in Swedish
(:func:`said_sv`), from the same tables.
"""

from __future__ import annotations

import re

from processes.errors import InputError

__all__ = ["EXPECTED", "sniffed", "sniffed_not_text", "root_kind", "not_expected", "cut_off", "said_sv"]

#: what a reader expected: (noun, description), each (English, Swedish)
EXPECTED = {
    "bpmn": (("a BPMN model", "en BPMN-modell"),
             ("BPMN 2.0 XML, as a modelling tool exports it", "BPMN 2.0-XML, som ett modelleringsverktyg "
              "exporterar den")),
    "xes": (("an XES case log", "en XES-ärendelogg"),
            ("XES: <log> with <trace> and <event> elements", "XES: <log> med <trace>- och <event>-element")),
    "log": (("a case log", "en ärendelogg"),
            ("CSV or XES text, as a case system exports it", "CSV- eller XES-text, som ett ärendesystem "
             "exporterar den")),
}

#: what a file is, by the bytes it starts with (after a UTF-8 byte-order mark): (English, Swedish)
_MAGIC = (
    (b"%PDF-", ("a PDF document", "ett PDF-dokument")),
    (b"PK\x03\x04", ("a zip archive (a .zip, a Word or Excel file, or a tool's packed export)",
                     "ett zip-arkiv (en .zip, en Word- eller Excel-fil eller ett verktygs packade export)")),
    (b"\x1f\x8b", ("gzip-compressed data (unpack it first)", "gzip-komprimerade data (packa upp dem först)")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ("an old Word or Excel document (.doc, .xls)",
                                           "ett gammalt Word- eller Excel-dokument (.doc, .xls)")),
    (b"\x89PNG", ("a picture (PNG)", "en bild (PNG)")),
    (b"\xff\xd8\xff", ("a picture (JPEG)", "en bild (JPEG)")),
    (b"GIF8", ("a picture (GIF)", "en bild (GIF)")),
    (b"{\\rtf", ("an RTF document", "ett RTF-dokument")),
)
_BOM_ONLY = ("empty but for a byte-order mark", "tom så när som på ett byte-ordningsmärke")
_JSON = ("JSON text", "JSON-text")
_TEXT = ("text that is not XML", "text som inte är XML")
_BINARY = ("binary data, not text", "binära data, inte text")
_HTML = ("an HTML web page", "en HTML-webbsida")
_FAILED_DOWNLOAD = ("a download that saved the server's page instead of the file? download it again",
                    "en nedladdning som sparade serverns sida i stället för filen? ladda ned den igen")

#: XML documents of other kinds, by the root element's namespace or (in no namespace) its name
_ROOTS = {
    "http://www.xes-standard.org/": ("an XES case log", "en XES-ärendelogg"),
    "http://www.omg.org/spec/BPMN/20100524/MODEL": ("a BPMN model", "en BPMN-modell"),
    "http://www.pnml.org/version-2009/grammar/pnml": ("a Petri net (PNML)", "ett Petrinät (PNML)"),
    "http://www.w3.org/2000/svg": ("an SVG picture", "en SVG-bild"),
    "http://www.w3.org/1999/xhtml": _HTML,
    "log": ("an XES case log", "en XES-ärendelogg"),
    "pnml": ("a Petri net (PNML)", "ett Petrinät (PNML)"),
    "svg": ("an SVG picture", "en SVG-bild"),
    "html": _HTML,
}

_SKIP = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)
_HTML_START = re.compile(rb"<!DOCTYPE\s+html|<html[\s/>]", re.I)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)


def sniffed(head: bytes) -> tuple[tuple[str, str], str] | None:
    """What the file whose first bytes are ``head`` is, when they show it is no XML document: ((English,
    Swedish), a detail such as an HTML page's title or the text's first words, else ""); None for anything
    that may be XML (the parser says what is wrong with it).

    >>> sniffed(b"%PDF-1.4 ...")[0][0], sniffed(b"\\xef\\xbb\\xbf")[0][0], sniffed(b"<a/>")
    ('a PDF document', 'empty but for a byte-order mark', None)
    >>> sniffed(b"<!DOCTYPE html><html><head><title>404 Not Found</title>")
    (('an HTML web page', 'en HTML-webbsida'), '404 Not Found')
    """
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:1] == b"\x00" or head[1:2] == b"\x00":
        return None  # UTF-16 or UTF-32: the parser reads it
    for magic, what in _MAGIC:
        if body.startswith(magic):
            return what, ""
    if not body.strip():
        return (_BOM_ONLY, "") if body is not head else None
    start = _SKIP.match(body)
    rest = body[start.end() if start else 0:]
    if _HTML_START.match(rest):
        title = _TITLE.search(body[:65536])
        words = " ".join(title[1].decode("utf-8", "replace").split())[:80] if title else ""
        return _HTML, words
    if rest.startswith(b"<") or not rest.strip():  # an XML prolog alone: a cut the parser tells
        return None
    sample = body[:512]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 20:
        return _BINARY, ""
    first = " ".join(sample.decode("utf-8", "replace").split())[:40]
    return (_JSON if body.lstrip()[:1] in (b"{", b"[") else _TEXT), first


_BPMN_ROOT = re.compile(rb"<(?:[\w.-]+:)?definitions\s[^>]*http://www\.omg\.org/spec/BPMN/20100524/MODEL")


def sniffed_not_text(head: bytes) -> tuple[tuple[str, str], str] | None:
    """What the file whose first bytes are ``head`` is when it is neither text to read as a table nor an XES
    log: :func:`sniffed`'s kinds but text, and a BPMN model (by its root element); None for anything else."""
    if _BPMN_ROOT.search(head):
        return _ROOTS["http://www.omg.org/spec/BPMN/20100524/MODEL"], ""
    kind = sniffed(head)
    return None if kind is None or kind[0] in (_TEXT, _JSON) else kind


def root_kind(namespace: str | None, local: str) -> tuple[str, str] | None:
    """What an XML document whose root element is ``local`` in ``namespace`` is ((English, Swedish)), for the
    kinds a person may give one reader in place of another's; None for another."""
    return _ROOTS.get(namespace or "") or (None if namespace else _ROOTS.get(local.lower()))


def not_expected(what: tuple[str, str], detail: str, expected: str, source: str,
                 line: int | None = None) -> InputError:
    """The refusal of a file that is ``what`` (:func:`sniffed`, :func:`root_kind`), not the ``expected`` kind
    (a key of :data:`EXPECTED`).

    >>> str(not_expected(("a PDF document", ""), "", "bpmn", "m.bpmn"))[:68]
    'm.bpmn: the file is a PDF document, not a BPMN model (expected BPMN '
    """
    (noun, _), (description, _) = EXPECTED[expected]
    shown = what[0]
    if what == _HTML:
        shown += f" titled '{detail}'" if detail else ""
        description = f"{description}; {_FAILED_DOWNLOAD[0]}"
    elif what in (_TEXT, _JSON) and detail:
        shown += f" (it starts {detail!r})"
    return InputError(f"the file is {shown}, not {noun} (expected {description})", file=source, line=line)


def cut_off(opened: str | None, line: int | None, last: str | None, where: str = "") -> str:
    """The words for a document that ends before the element ``opened`` (as the file writes its tag, at
    ``line``) is closed; ``last``: the root's tag, whose end tag ends the document; ``where``: what the
    element is to the person (an XES log's "event 5, in trace 2").

    >>> cut_off("bpmn:task", 7, "bpmn:definitions")[:75]
    'the file ends before <bpmn:task> opened at line 7 is closed (the file looks'
    """
    rest = f"the rest of the document, up to </{last}>" if last else "the rest of the document"
    if opened is None:
        return f"the file ends before its first element is complete (the file looks cut off: expected {rest})"
    at = f" opened at line {line}" if line else ""
    where = f"{where}; " if where else ""
    return f"the file ends before <{opened}>{at} is closed ({where}the file looks cut off: expected {rest})"


_WHATS_SV = {en: sv for en, sv in (*(what for _, what in _MAGIC), _BOM_ONLY, _JSON, _TEXT, _BINARY, _HTML,
                                   *_ROOTS.values())}
_NOUNS_SV = {noun[0]: (noun[1], description) for noun, description in EXPECTED.values()}
_NOT_EXPECTED = re.compile(r"the file is (?P<what>.+?)"
                           r"(?: titled '(?P<title>.*)'| \(it starts (?P<first>.*)\))?, "
                           r"not (?P<noun>a BPMN model|an XES case log|a case log) \(expected .*\)", re.S)
_CUT = re.compile(r"the file ends before (?:<(?P<tag>\S+)>(?: opened at line (?P<line>\d+))? is closed"
                  r"|its first element is complete) \((?:(?P<where>[^;]*); )?the file looks cut off: "
                  r"expected "
                  r"the rest of the document(?:, up to </(?P<last>\S+)>)?\)", re.S)
_WHERE_SV = re.compile(r"event (\d+), in trace (\d+)|trace (\d+)")


def said_sv(message: str) -> str | None:
    """The Swedish of a line :func:`not_expected` or :func:`cut_off` words, None for another message.

    >>> said_sv("the file is a PDF document, not a BPMN model (expected BPMN 2.0 XML, as a modelling tool "
    ...         "exports it)")
    'filen är ett PDF-dokument, inte en BPMN-modell (förväntade BPMN 2.0-XML, som ett modelleringsverktyg \
exporterar den)'
    """
    if (m := _NOT_EXPECTED.fullmatch(message)) is not None and m["what"] in _WHATS_SV:
        noun, (_, description) = _NOUNS_SV[m["noun"]]
        shown = _WHATS_SV[m["what"]]
        if m["what"] == _HTML[0]:
            shown += f" med rubriken '{m['title']}'" if m["title"] is not None else ""
            description += f"; {_FAILED_DOWNLOAD[1]}"
        elif m["first"] is not None:
            shown += f" (den börjar {m['first']})"
        return f"filen är {shown}, inte {noun} (förväntade {description})"
    if (m := _CUT.fullmatch(message)) is not None:
        rest = f"resten av dokumentet, fram till </{m['last']}>" if m["last"] else "resten av dokumentet"
        if m["tag"] is None:
            return (f"filen tar slut innan dess första element är komplett (filen ser avkortad ut: "
                    f"förväntade {rest})")
        at = f" som öppnas på rad {m['line']}" if m["line"] else ""
        where = _WHERE_SV.sub(lambda w: f"händelse {w[1]}, i ärende (trace) {w[2]}" if w[1] else
                              f"ärende (trace) {w[3]}", m["where"] or "")
        where = f"{where}; " if where else ""
        return (f"filen tar slut innan <{m['tag']}>{at} har stängts ({where}filen ser avkortad ut: "
                f"förväntade {rest})")
    return None
