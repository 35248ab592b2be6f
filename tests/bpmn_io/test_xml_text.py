"""A model's text as the BPMN reader reads it (:func:`bpmn_io.xmltext.xml_text`): every encoding the parser
takes gives the same text, its declaration naming UTF-8, in which permitflow keeps, writes and parses it
again."""

from __future__ import annotations

import pytest

from bpmn_io.reader import parse_bpmn
from bpmn_io.xmltext import xml_text
from processes.errors import InputError

MODEL = ('<?xml version="1.0" encoding="{encoding}"?>\n'
         '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n'
         '  <process id="p" name="Höganäs"><task id="t" name="Granska ansökan"/></process>\n</definitions>\n')


@pytest.mark.parametrize("encoding,codec", [("ISO-8859-1", "latin-1"), ("windows-1252", "cp1252"),
                                            ("UTF-16", "utf-16"), ("utf-8", "utf-8")])
def test_the_text_is_the_documents_whatever_its_encoding_and_parses_again_as_utf8(encoding, codec):
    data = MODEL.format(encoding=encoding).encode(codec)
    text = xml_text(data, source="m.bpmn")
    named = "utf-8" if encoding == "utf-8" else "UTF-8"  # a UTF-8 document's text is left as it was
    assert text == MODEL.format(encoding=named)
    again = parse_bpmn(text.encode("utf-8"), source="m.bpmn")
    assert again == parse_bpmn(data, source="m.bpmn")
    assert again.processes[0].name == "Höganäs"


def test_a_utf8_document_keeps_its_text_and_loses_only_its_byte_order_mark():
    text = MODEL.format(encoding="UTF-8")
    assert xml_text(text.encode("utf-8"), source="m.bpmn") == text
    assert xml_text(b"\xef\xbb\xbf" + text.encode("utf-8"), source="m.bpmn") == text


def test_bytes_of_another_encoding_than_declared_are_refused_as_the_parser_refuses_them():
    data = MODEL.format(encoding="UTF-8").encode("latin-1")
    with pytest.raises(InputError, match=r"m.bpmn:3: not well-formed XML: bytes that are not UTF-8"):
        xml_text(data, source="m.bpmn")


@pytest.mark.parametrize("declared", ["ISO-8859-1", None])
def test_a_utf8_mark_before_latin1_bytes_is_said_as_the_mark_by_both_reads_at_one_column(declared):
    """Found by QA (qareview): a UTF-8 byte-order mark before encoding="ISO-8859-1" and Latin-1 bytes was
    refused as "not ISO-8859-1, which the XML declaration names" (the parser reads by the mark), and the
    text's read said "not utf-8-sig", three columns short."""
    from bpmn_io.xmlsafe import parse_xml
    from web.uploadwords import detail_sv

    head = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else ""
    data = b"\xef\xbb\xbf" + (head + '<a n="Höganäs"/>').encode("latin-1")
    said = []
    for read in (parse_xml, xml_text):
        with pytest.raises(InputError) as refused:
            read(data, source="m.bpmn")
        said.append(str(refused.value))
    line = 2 if declared else 1
    assert said[0] == said[1], said
    assert said[0].startswith(f"m.bpmn:{line}: not well-formed XML: bytes that are not UTF-8 at column 8 ")
    if declared:
        assert "which its byte-order mark names" in said[0] and "and no byte-order mark" in said[0]
        assert "som dess byte-ordningsmärke anger" in detail_sv(refused.value)
        assert "teknisk uppgift" not in detail_sv(refused.value)
    else:
        assert "which XML assumes without a declaration" in said[0] and "byte-order mark" not in said[0]
