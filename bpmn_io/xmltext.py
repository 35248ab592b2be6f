"""The text of an XML document as the hardened parser reads it, without lxml.

:func:`xml_text` is on the way of every simulation of a model file (scenarios/bases.py reads the model's
text for its cache key): a repeated run of a UTF-8 model must not import lxml, so this module does not import
it at all: it words bytes that are not in the declared encoding as the parser's refusal does
(:func:`bad_bytes`).
"""

from __future__ import annotations

import codecs
import re

from processes.errors import InputError

__all__ = ["bad_bytes", "xml_text", "unknown_encoding", "refuse_utf8_declared_8bit"]

_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def _declared_encoding(data: bytes) -> str:
    """The encoding the XML declaration names, or UTF-8 (XML's default) when it names none."""
    m = _DECLARED.match(data)
    return m.group(1).decode("ascii") if m else "UTF-8"


#: the byte-order marks and the encodings they mark (XML 1.0, appendix F; UTF-32's before UTF-16's, which it
#: starts like)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
#: a codec as a person names the encoding (the message said "not utf-8-sig")
_SHOWN = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
          "utf-32": "UTF-32"}


def _marked(data: bytes) -> str | None:
    """The codec the byte-order mark ``data`` starts with names, or None."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def bad_bytes(data: bytes, column: int, encoding: str | None = None, marked: bool = False) -> str:
    """What is wrong with bytes at ``column`` that are not in the encoding the document is read in (its
    declaration's, XML's UTF-8 without one, or ``encoding`` its byte-order mark names when ``marked``; without
    ``encoding``, a mark that names another encoding than the declaration, which the parser reads by): one
    wording for the parser's refusal and :func:`xml_text`'s.

    >>> bad_bytes(b"<a/>", 7)[:71]
    'bytes that are not UTF-8 at column 7 (expected text in UTF-8, which XML'
    >>> bad_bytes(b'\\xef\\xbb\\xbf<?xml version="1.0" encoding="ISO-8859-1"?>', 9)[:93]
    'bytes that are not UTF-8 at column 9 (expected text in UTF-8, which its byte-order mark names'
    """
    declared = _declared_encoding(data)
    bom = _marked(data)
    if encoding is None and bom is not None and _SHOWN[bom] != declared.upper():
        # found by QA (qareview): a UTF-8 mark before encoding="ISO-8859-1" was said as "not ISO-8859-1,
        # which the XML declaration names", the declaration the advice asked for
        encoding, marked = bom, True
    shown = _SHOWN.get((encoding or declared).lower(), encoding or declared)
    named = ("its byte-order mark names" if marked else
             "the XML declaration names" if _DECLARED.match(data) else "XML assumes without a declaration")
    return (f"bytes that are not {shown} at column {column} (expected text in {shown}, which {named}; "
            f"a file saved as Latin-1 needs encoding=\"ISO-8859-1\" in its declaration"
            f"{' and no byte-order mark' if marked else ''})")


def unknown_encoding(name: str, source: str) -> InputError:
    """The refusal of a document whose XML declaration names an encoding no reader knows (the parser's, the
    XES reader's and :func:`xml_text`'s one wording)."""
    return InputError(f"the XML declaration names the encoding '{name}', which permitflow does not read "
                      "(expected UTF-8, or ISO-8859-1 for Latin-1)", file=source, line=1)


#: the one-byte encodings a Swedish export names, by Python's name of each
_ONE_BYTE = ("iso8859-1", "iso8859-15", "cp1252")
#: a character of two to four bytes as UTF-8 writes it
_UTF8_CHARACTER = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")


def refuse_utf8_declared_8bit(head: bytes, source: str) -> None:
    """Refuse a document whose declaration names a one-byte encoding (ISO-8859-1, Windows-1252) while its
    text is UTF-8: the parser reads it without a word and every å, ä and ö becomes two letters ("HÃ¶ganÃ¤s").
    Latin-1 text seldom holds a byte sequence that is also UTF-8 (an "Ã" before a "¶"), so ``head`` that has
    such a character and decodes as UTF-8 whole is UTF-8 (its last 3 bytes may be a character cut by the
    read).

    >>> mislabelled = '<?xml version="1.0" encoding="ISO-8859-1"?><a n="Höganäs"/>'.encode()
    >>> try:
    ...     refuse_utf8_declared_8bit(mislabelled, "m")
    ... except InputError as err:
    ...     print(str(err)[59:])
    UTF-8 text: 'Höganäs' would be read as 'HÃ¶ganÃ¤s' (write encoding="UTF-8" in the declaration)
    """
    declared = _declared_encoding(head)
    try:
        if codecs.lookup(declared).name not in _ONE_BYTE:
            return
    except LookupError:
        return
    found = _UTF8_CHARACTER.search(head)
    if found is None:
        return
    try:
        head[:-3].decode("utf-8") if len(head) > 3 else head.decode("utf-8")
    except UnicodeDecodeError:
        return
    start = max(head.rfind(sep, 0, found.start()) for sep in (b" ", b'"', b"'", b">", b"\n")) + 1
    end = min((i for i in (head.find(sep, found.end()) for sep in (b" ", b'"', b"'", b"<", b"\n")) if i >= 0),
              default=len(head))
    word = head[start:end][:40]
    meant, read = word.decode("utf-8", "replace"), word.decode(declared, "replace")
    raise InputError(f"the XML declaration names {declared}, but the file is UTF-8 text: {meant!r} would be "
                     f"read as {read!r} "
                     "(write encoding=\"UTF-8\" in the declaration)", file=source,
                     line=head.count(b"\n", 0, found.start()) + 1)


#: the encoding pseudo-attribute of a text's XML declaration
_DECLARED_TEXT = re.compile(r"""\A(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])([^"']*)\2""")


def xml_text(data: bytes, *, source: str) -> str:
    """The text of XML document ``data`` as :func:`bpmn_io.xmlsafe.parse_xml` reads it (by its byte-order
    mark, else the encoding its declaration names, else UTF-8), its declaration then naming UTF-8:
    permitflow keeps a model as text and writes and parses it as UTF-8, so a model saved as Latin-1 under
    ``encoding="ISO-8859-1"``, which the parser reads, was refused as "not UTF-8 text" by the read of its
    text, or its å, ä and ö read as two letters each had its declaration stayed. A UTF-8 document's text is
    its bytes' (without a byte-order mark), as it was.

    >>> latin1 = '<?xml version="1.0" encoding="ISO-8859-1"?><a n="Höganäs"/>'.encode("latin-1")
    >>> xml_text(latin1, source="m.bpmn")
    '<?xml version="1.0" encoding="UTF-8"?><a n="Höganäs"/>'
    >>> xml_text("\ufeff<a n='Åstorp'/>".encode("utf-8"), source="m.bpmn")
    "<a n='Åstorp'/>"
    """
    codec = _marked(data) or _declared_encoding(data)
    if codec == "UTF-8" and data[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without a mark, as the parser reads it
        codec = "utf-16-le" if data[:1] == b"<" else "utf-16-be"
    try:
        text = data.decode(codec)
    except LookupError:
        raise unknown_encoding(codec, source) from None
    except UnicodeDecodeError as err:
        # utf-8-sig counts from after its mark, as the parser's columns do (found by QA, qareview: column 5
        # where the parser said 8)
        mark = 3 if codec == "utf-8-sig" else 0
        at = err.start + mark
        line_start = max(data.rfind(b"\n", 0, at) + 1, mark)
        bom = _marked(data)
        marked = bom is not None and codec == bom and _SHOWN[bom] != _declared_encoding(data).upper()
        raise InputError(f"not well-formed XML: {bad_bytes(data, at - line_start + 1, codec, marked)}",
                         file=source, line=data.count(b"\n", 0, at) + 1) from None
    if codecs.lookup(codec).name in ("utf-8", "utf-8-sig"):
        return text
    return _DECLARED_TEXT.sub(r"\1\2UTF-8\2", text, count=1)
