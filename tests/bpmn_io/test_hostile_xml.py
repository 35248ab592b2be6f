"""Hostile and broken input: every case is refused with an InputError (the guards work by
configuration: no entity expansion, a size check before parsing; speed is not asserted)."""

from __future__ import annotations

import pytest

from bpmn_io import parse_bpmn, read_bpmn, xmlsafe
from bpmn_io.xmlsafe import MAX_BYTES
from processes.errors import InputError

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<definitions xmlns="{BPMN}" targetNamespace="t">\n'.encode()


def doc(body: str) -> bytes:
    return HEAD + body.encode() + b"\n</definitions>\n"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
<process id="P" name="&lol9;"/></definitions>
"""

EXTERNAL_ENTITY = f"""<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<definitions xmlns="{BPMN}" targetNamespace="t"><process id="P" name="&xxe;"/></definitions>
""".encode()

EXTERNAL_DTD = f"""<?xml version="1.0"?>
<!DOCTYPE definitions SYSTEM "http://example.invalid/evil.dtd">
<definitions xmlns="{BPMN}" targetNamespace="t"><process id="P"/></definitions>
""".encode()

CASES = {
    "not XML": (b"Name,Role\nAnna,handlaggare\n", "x.bpmn: the file is text that is not XML (it starts "
                "'Name,Role Anna,handlaggare'), not a BPMN model (expected BPMN 2.0 XML"),
    "empty file": (b"", "x.bpmn: document is empty"),
    "whitespace only": (b"  \n\t\n", "x.bpmn: document is empty"),
    "binary junk": (bytes(range(256)) * 4, "x.bpmn:1: not well-formed XML: no XML element found"),
    "gzip bytes": (b"\x1f\x8b\x08\x00" + bytes(range(200)),
                   "x.bpmn: the file is gzip-compressed data (unpack it first), not a BPMN model"),
    "truncated XML": (HEAD + b'<process id="P">\n<task id="T"',
                      "x.bpmn:4: the file ends before <process> opened at line 3 is closed (the file looks "
                      "cut off: expected the rest of the document, up to </definitions>)"),
    "XML that is not BPMN": (
        b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        "x.bpmn: the file is an HTML web page, not a BPMN model (expected BPMN 2.0 XML"),
    "XML of another kind": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><g/></svg>',
        "x.bpmn:1: the file is an SVG picture, not a BPMN model (expected BPMN 2.0 XML"),
    "XML in no namespace": (b"<definitions><process id='P'/></definitions>",
                            "root element is 'definitions' in no namespace"),
    "BPMN 1.x / XPDL": (
        b'<Package xmlns="http://www.wfmc.org/2008/XPDL2.1" Id="p"><WorkflowProcesses/></Package>',
        "root element is 'Package' in namespace 'http://www.wfmc.org/2008/XPDL2.1' "
        "(this is XPDL, which permitflow does not read)"),
    "pre-final BPMN 2.0 namespace": (
        b'<definitions xmlns="http://schema.omg.org/spec/BPMN/2.0" targetNamespace="t"/>',
        "root element is 'definitions' in namespace 'http://schema.omg.org/spec/BPMN/2.0' "
        "(this is a pre-final BPMN 2.0 draft, which permitflow does not read)"),
    "a fragment of a BPMN document": (
        f'<task xmlns="{BPMN}" id="T"/>'.encode(),
        f"x.bpmn:1: element 'T': not a BPMN 2.0 document: root element is 'task' in namespace '{BPMN}' "
        "(this is a fragment of a BPMN document, not a whole one) (expected 'definitions'"),
    "another tool's XML gets no BPMN 1.x hint": (
        b'<definitions xmlns="http://not-bpmn" targetNamespace="t"/>',
        "root element is 'definitions' in namespace 'http://not-bpmn' (expected 'definitions' in namespace"),
    "a wrong end tag on the last line is not a truncation": (
        HEAD + b'<process id="P">\n</foobar>',
        "x.bpmn:4: not well-formed XML: the start tag <process> on line 3 is still open at </foobar> "
        "(expected </process> first)"),
    # lxml said "Opening and ending tag mismatch: task line 5 and process": the local names, which a file of
    # bpmn: tags writes nowhere (found by QA)
    "a prefixed start tag left open is named as the file writes it": (
        f'<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="{BPMN}" targetNamespace="t">\n'
        '  <bpmn:process id="P">\n    <bpmn:startEvent id="S"/>\n    <bpmn:task id="T" name="Granska">\n'
        '  </bpmn:process>\n</bpmn:definitions>\n'.encode(),
        "x.bpmn:6: not well-formed XML: the start tag <bpmn:task> on line 5 is still open at </bpmn:process> "
        "(expected </bpmn:task> first)"),
    "an end tag written over two lines": (
        f'<semantic:definitions xmlns:semantic="{BPMN}" targetNamespace="t">\n<semantic:process id="P">\n'
        '<semantic:task\n id="T">\n</semantic:process\n>\n</semantic:definitions>'.encode(),
        "x.bpmn:6: not well-formed XML: the start tag <semantic:task> on line 3 is still open at "
        "</semantic:process> (expected </semantic:task> first)"),
    "an attribute given twice is not a truncation": (
        f'<definitions xmlns="{BPMN}" id="a" id="b" targetNamespace="t"/>'.encode(),
        "x.bpmn:1: not well-formed XML: in <definitions>: the attribute id is written twice (expected each "
        "attribute once in a tag)"),
    "the XML declaration without its space (bpmn-js fixtures)": (
        b'<?xml version="1.0"encoding="UTF-8"?>\n' + f'<definitions xmlns="{BPMN}" targetNamespace="t">'.encode()
        + b'\n<process id="P">\n<task id="T"/>\n<task id="T"/>\n</process>\n</definitions>',
        "x.bpmn:5: element 'T': duplicate id 'T' (first used at line 4)"),
    "external entity file read": (EXTERNAL_ENTITY, "x.bpmn:2: DOCTYPE declares entities"),
    "billion laughs": (BILLION_LAUGHS, "x.bpmn:2: DOCTYPE declares entities"),
    "external DTD": (EXTERNAL_DTD, "x.bpmn:2: DOCTYPE refers to an external DTD"),
    "entities after a 70 kB comment": (
        b"<!--" + b"x" * 70_000 + b'-->\n<!DOCTYPE d [<!ENTITY a "b">]>\n' + doc('<process id="P1"/>')[39:],
        "x.bpmn:2: DOCTYPE declares entities"),
    "attribute defaults after a 70 kB comment": (
        b"<!--" + b"x" * 70_000 + b'-->\n<!DOCTYPE d [<!ATTLIST task name CDATA "i">]>\n' + doc('<process id="P1"/>')[39:],
        "x.bpmn:2: DOCTYPE declares attribute defaults"),
    "DTD attribute defaults": (
        b'<?xml version="1.0"?>\n<!DOCTYPE definitions [<!ATTLIST boundaryEvent cancelActivity CDATA "false">]>\n'
        + doc('<process id="P1"><task id="T"/><boundaryEvent id="B" attachedToRef="T"/></process>')[39:],
        "x.bpmn:2: DOCTYPE declares attribute defaults"),
    "dangling targetRef": (
        doc('<process id="P1">\n<startEvent id="S"/>\n<sequenceFlow id="Flow_3" sourceRef="S" targetRef="Task_9"/>'
            "\n</process>"),
        "x.bpmn:5: element 'Flow_3': sequenceFlow targetRef 'Task_9' does not exist "
        "(expected the id of a flow node in process 'P1')"),
    "dangling sourceRef": (
        doc('<process id="P1">\n<endEvent id="E"/>\n<sequenceFlow id="F" sourceRef="Nope" targetRef="E"/>\n</process>'),
        "x.bpmn:5: element 'F': sequenceFlow sourceRef 'Nope' does not exist"),
    "missing sourceRef": (
        doc('<process id="P1">\n<endEvent id="E"/>\n<sequenceFlow id="F" targetRef="E"/>\n</process>'),
        "x.bpmn:5: element 'F': sequenceFlow has no sourceRef"),
    "duplicate ids": (
        doc('<process id="P1">\n<task id="T"/>\n<userTask id="T"/>\n</process>'),
        "x.bpmn:5: element 'T': duplicate id 'T' (first used at line 4) "
        "(expected each id once)"),
    "duplicate ids across processes": (
        doc('<process id="P1">\n<task id="T"/>\n</process>\n<process id="P2">\n<task id="T"/>\n</process>'),
        "element 'T': duplicate id 'T' (first used at line 4) (expected each id once"),
    "sequence flow crossing processes": (
        doc('<process id="P1">\n<task id="A"/>\n<sequenceFlow id="X" sourceRef="A" targetRef="B"/>\n</process>\n'
            '<process id="P2">\n<task id="B"/>\n</process>'),
        "x.bpmn:5: element 'X': sequenceFlow targetRef 'B' is in process 'P2': a sequence flow cannot cross "
        "processes (expected a flow node of process 'P1'"),
    "nesting deeper than the parser's limit": (
        doc('<process id="P1">' + '<subProcess id="S">' * 300 + '</subProcess>' * 300 + '</process>'),
        "not well-formed XML: elements nested deeper than 256 levels"),
    "a 15 MB attribute value": (
        doc('<process id="P1"><task id="T" name="' + "x" * 15_000_000 + '"/></process>'),
        "not well-formed XML: a text, attribute value or name is longer than the parser's limit of 10 MB"),
    "Latin-1 bytes under a UTF-8 declaration": (
        doc('<process id="P1">\n<task id="T" name="Granska ans\u00f6kan"/>\n</process>').replace("ö".encode(), b"\xf6"),
        "x.bpmn:4: not well-formed XML: bytes that are not UTF-8 at column 31 (expected text in UTF-8, which the XML "
        'declaration names; a file saved as Latin-1 needs encoding="ISO-8859-1" in its declaration)'),
    "Latin-1 bytes without a declaration": (
        f'<definitions xmlns="{BPMN}" targetNamespace="t">\n<process id="P1" name="Pr\u00f6vning"/>'.encode()
        .replace("ö".encode(), b"\xf6") + b"</definitions>",
        "x.bpmn:2: not well-formed XML: bytes that are not UTF-8 at column 26 (expected text in UTF-8, which XML "
        "assumes without a declaration;"),
    "bad boolean": (doc('<process id="P1">\n<boundaryEvent id="B" cancelActivity="maybe"/>\n</process>'),
                    "x.bpmn:4: element 'B': attribute cancelActivity='maybe' is not a boolean"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_is_refused_clearly_and_quickly(case) -> None:
    data, fragment = CASES[case]
    with pytest.raises(InputError) as err:
        parse_bpmn(data, source="x.bpmn")
    message = str(err.value)
    assert fragment in message
    assert "\n" not in message


def test_external_entity_content_never_appears(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = EXTERNAL_ENTITY.replace(b"file:///etc/passwd", secret.as_uri().encode())
    with pytest.raises(InputError) as err:
        parse_bpmn(data, source="x.bpmn")
    assert "TOP-SECRET" not in str(err.value)


def test_a_50_mb_document_is_refused_by_size_before_parsing(tmp_path, monkeypatch) -> None:
    path = tmp_path / "huge.bpmn"
    task = b'<task id="T%d"/>\n'
    with path.open("wb") as out:
        out.write(HEAD + b'<process id="P">\n')
        block = b"".join(task % i for i in range(10000))
        while out.tell() < 50 * 1024 * 1024:
            out.write(block)
        out.write(b"</process></definitions>\n")
    def no_parsing(*args, **kwargs):
        raise AssertionError("the parser must not be reached")

    monkeypatch.setattr(xmlsafe, "safe_parser", no_parsing)
    monkeypatch.setattr(type(path), "read_bytes", no_parsing)
    with pytest.raises(InputError) as err:
        read_bpmn(path)
    assert f"larger than the limit of {MAX_BYTES} bytes" in str(err.value)
    assert str(path) in str(err.value)
    monkeypatch.undo()
    data = path.read_bytes()
    monkeypatch.setattr(xmlsafe, "safe_parser", no_parsing)
    with pytest.raises(InputError, match="larger than the limit"):
        parse_bpmn(data, source="huge.bpmn")


def test_the_limit_can_be_raised_for_a_known_large_file() -> None:
    data = doc('<process id="P"><task id="T"/></process>')
    with pytest.raises(InputError, match="larger than the limit of 100 bytes"):
        parse_bpmn(data, source="x.bpmn", max_bytes=100)
    assert parse_bpmn(data, source="x.bpmn", max_bytes=len(data)).process().nodes["T"]


def test_a_missing_file_is_an_input_error(tmp_path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        read_bpmn(tmp_path / "nope.bpmn")


def test_a_plain_doctype_without_entities_is_accepted() -> None:
    data = b"<!DOCTYPE definitions>" + doc('<process id="P"><task id="T"/></process>')[len(b'<?xml version="1.0" encoding="UTF-8"?>\n'):]
    assert list(parse_bpmn(data, source="x.bpmn").process().nodes) == ["T"]
