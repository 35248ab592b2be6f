"""A file given as XML that is not the XML expected, one table for the command line and the page: a file cut
off, empty, a byte-order mark alone, a PDF or a zip archive named .bpmn, a wrong encoding declaration, a case
log given as a model and a model as a case log, a failed download's HTML page. Each is one line that says
what the file appears to be (or where it ends) and what was expected: on the command line (exit 2, nothing
written), and on the page of a real server (uvicorn) in English and Swedish, which serves on after each.

Found by QA (qaxml2): these said lxml's words ("Premature end of data in tag incoming line 6", "Start tag
expected, '<' not found", "Opening and ending tag mismatch: br line 4 and p") with its tags' local names."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner
from liveserver import serving

from bpmn_io.library import library_paths
from cli import cli

httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")
from web.app import create_app  # noqa: E402 - after the skips


class Case(NamedTuple):
    name: str  #: the file's name, its suffix telling what the command or the page takes it for
    data: bytes
    line: int | None  #: where the line points (None: the whole file)
    en: str  #: the command line's words
    sv: str  #: the Swedish page's
    page_en: str | None = None  #: the English page's, where they are plainer than the command line's


MODEL = ("BPMN 2.0 XML, as a modelling tool exports it",
         "BPMN 2.0-XML, som ett modelleringsverktyg exporterar den")
XES = ("XES: <log> with <trace> and <event> elements", "XES: <log> med <trace>- och <event>-element")
DOWNLOAD = ("a download that saved the server's page instead of the file? download it again",
            "en nedladdning som sparade serverns sida i stället för filen? ladda ned den igen")
PREFIXED = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"\n'
            b'    id="d" targetNamespace="t">\n'
            b'  <bpmn:process id="p">\n'
            b'    <bpmn:task id="t" name="Granska">\n'
            b'      <bpmn:incoming>f1</bpmn:incoming>\n'
            b'    </bpmn:task>\n  </bpmn:process>\n</bpmn:definitions>\n')
EVENT = (b'<event><string key="concept:name" value="Granska"/>'
         b'<date key="time:timestamp" value="2025-01-0{}T10:00:00+01:00"/></event>\n')
LOG = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
       b'<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n'
       b'<trace><string key="concept:name" value="c1"/>\n'
       + EVENT.replace(b"{}", b"2") + EVENT.replace(b"{}", b"3") + b"</trace>\n</log>\n")
ERROR_PAGE = (b"<!DOCTYPE html>\n<html>\n<head><title>404 Not Found</title></head>\n<body><h1>Not Found</h1>"
              b"<p>The requested URL was not found on this server.<br></p></body>\n</html>\n")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def _zip() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("model.bpmn", PREFIXED)
    return out.getvalue()


def _is(what: tuple[str, str], noun: tuple[str, str], expected: tuple[str, str], extra: str = "",
        extra_sv: str = "") -> tuple[str, str]:
    return (f"the file is {what[0]}{extra}, not {noun[0]} (expected {expected[0]})",
            f"filen är {what[1]}{extra_sv}, inte {noun[1]} (förväntade {expected[1]})")


def _cut(tag: str, line: int, last: str, where: tuple[str, str] = ("", "")) -> tuple[str, str]:
    return (f"the file ends before <{tag}> opened at line {line} is closed ({where[0]}the file looks cut "
            f"off: expected the rest of the document, up to </{last}>)",
            f"filen tar slut innan <{tag}> som öppnas på rad {line} har stängts ({where[1]}filen ser "
            f"avkortad ut: förväntade resten av dokumentet, fram till </{last}>)")


A_MODEL, AN_XES_LOG = ("a BPMN model", "en BPMN-modell"), ("an XES case log", "en XES-ärendelogg")
HTML = ("an HTML web page", "en HTML-webbsida")
TITLED = (" titled '404 Not Found'", " med rubriken '404 Not Found'")
BOM = ("empty but for a byte-order mark", "tom så när som på ett byte-ordningsmärke")
A_PDF = ("a PDF document", "ett PDF-dokument")
A_ZIP = ("a zip archive (a .zip, a Word or Excel file, or a tool's packed export)",
         "ett zip-arkiv (en .zip, en Word- eller Excel-fil eller ett verktygs packade export)")


def _or_download(expected: tuple[str, str]) -> tuple[str, str]:
    return f"{expected[0]}; {DOWNLOAD[0]}", f"{expected[1]}; {DOWNLOAD[1]}"


def _fault(tag: str, what: tuple[str, str], expected: tuple[str, str], xes: bool = False) -> tuple[str, str]:
    """A fault in the middle of a file, one wording for both (bpmn_io/xmlfaults.py)."""
    at = (" (event 1, in trace 1)", " (händelse 1, i ärende (trace) 1)") if xes else ("", "")
    return (f"not well-formed XML: in <{tag}>: {what[0]} (expected {expected[0]}){at[0]}",
            f"inte välformad XML: i <{tag}>: {what[1]} (förväntade {expected[1]}){at[1]}")


AMP = (("an '&' not written as &amp;", "ett '&' som inte är skrivet som &amp;"),
       ("&amp; for the character &", "&amp; för tecknet &"))
TWICE = (("the attribute id is written twice", "attributet id står två gånger"),
         ("each attribute once in a tag", "varje attribut en gång i en tagg"))
LT_VALUE = (("a '<' in an attribute's value, or a quote that is never closed",
             "ett '<' i ett attributs värde, eller ett citattecken som aldrig stängs"),
            ("name=\"value\", a '<' in a value written &lt;",
             "namn=\"värde\", ett '<' i ett värde skrivet &lt;"))
#: faults in the middle of a file (found by QA, qamsg: said in lxml's words on the command line,
#: "Specification mandates value for attribute task", "xmlParseEntityRef: no name"; an '&' in a text said as a
#: file cut off)
MID_FILE = [
    Case("no-value.bpmn", PREFIXED.replace(b'<bpmn:task id', b'<bpmn:task isForCompensation id'), 5,
         *_fault("bpmn:task", ("the attribute isForCompensation has no value", "attributet isForCompensation "
                               "saknar värde"),
                 ("isForCompensation=\"value\"", "isForCompensation=\"värde\""))),
    Case("amp-in-value.bpmn", PREFIXED.replace(b'"Granska"', b'"Granska & besluta"'), 5,
         *_fault("bpmn:task", *AMP)),
    Case("amp-in-text.bpmn", PREFIXED.replace(b">f1<", b">f1 & f2<"), 6, *_fault("bpmn:incoming", *AMP)),
    Case("lt-in-text.bpmn", PREFIXED.replace(b">f1<", b">f1 < f2<"), 6,
         *_fault("bpmn:incoming", ("a '<' that starts no tag", "ett '<' som inte inleder någon tagg"),
                 ("&lt; for a '<' in a text", "&lt; för ett '<' i en text"))),
    Case("twice.bpmn", PREFIXED.replace(b'name="Granska"', b'name="Granska" id="t2"'), 5,
         *_fault("bpmn:task", *TWICE)),
    Case("spaced-tag.bpmn", PREFIXED.replace(b"<bpmn:task id", b"<bpmn:user task id"), 5,
         "not well-formed XML: in <bpmn:user>: the attribute task has no value (expected task=\"value\"; is "
         "'bpmn:user task' one tag name with a space in it? a name has none)",
         "inte välformad XML: i <bpmn:user>: attributet task saknar värde (förväntade task=\"värde\"; är "
         "'bpmn:user task' ett taggnamn med ett mellanslag i? ett namn har inget)"),
    Case("quote-left-open.bpmn", PREFIXED.replace(b'name="Granska"', b"name=\"Granska'"), 6,
         *_fault("bpmn:task", *LT_VALUE)),
    Case("amp-in-value.xes", LOG.replace(b'"Granska"', b'"Granska & Co"', 1), 4,
         *_fault("string", *AMP, xes=True)),
    Case("amp-in-text.xes", LOG.replace(b"<event><string", b"<event>x & y<string", 1), 4,
         *_fault("event", *AMP, xes=True)),
    Case("twice.xes", LOG.replace(b'<string key="concept:name" value="Granska"',
                                  b'<string key="concept:name" value="Granska" id="a" id="b"', 1), 4,
         *_fault("string", *TWICE, xes=True)),
    Case("quote-left-open.xes", LOG.replace(b'value="Granska"', b"value=\"Granska'", 1), 4,
         *_fault("string", *LT_VALUE, xes=True)),
]

CASES = [
    Case("cut.bpmn", PREFIXED[:PREFIXED.index(b"coming>\n")], 6,
         *_cut("bpmn:incoming", 6, "bpmn:definitions")),
    Case("cut-in-a-tag.bpmn", PREFIXED[:PREFIXED.index(b'name="Granska"') + 7], 5,
         *_cut("bpmn:process", 4, "bpmn:definitions")),
    Case("bom.bpmn", b"\xef\xbb\xbf", None, *_is(BOM, A_MODEL, MODEL)),
    Case("report.bpmn", PDF, None, *_is(A_PDF, A_MODEL, MODEL)),
    Case("packed.bpmn", _zip(), None, *_is(A_ZIP, A_MODEL, MODEL)),
    Case("latin.bpmn", PREFIXED.replace(b"UTF-8", b"Latin-9x"), 1,
         "the XML declaration names the encoding 'Latin-9x', which permitflow does not read (expected "
         "UTF-8, or ISO-8859-1 for Latin-1)",
         "XML-deklarationen anger teckenkodningen 'Latin-9x', som permitflow inte läser (förväntade UTF-8, "
         "eller ISO-8859-1 för Latin-1)"),
    Case("wide.bpmn", PREFIXED.replace(b"UTF-8", b"UTF-16"), 1,
         "the XML declaration names UTF-16, but the file is 8-bit text, not UTF-16 (a tool that wrote the "
         "declaration of a text in memory? write encoding=\"UTF-8\" in it)",
         "XML-deklarationen anger UTF-16, men filen är 8-bitarstext, inte UTF-16 (ett verktyg som skrev "
         "deklarationen för en text i minnet? skriv encoding=\"UTF-8\" i den)"),
    Case("mislabelled.bpmn", PREFIXED.replace(b"UTF-8", b"ISO-8859-1").replace(b"Granska", "Granska ansökan"
                                                                                  .encode()), 5,
         "the XML declaration names ISO-8859-1, but the file is UTF-8 text: 'ansökan' would be read as "
         "'ansÃ¶kan' (write encoding=\"UTF-8\" in the declaration)",
         "XML-deklarationen anger ISO-8859-1, men filen är UTF-8-text: 'ansökan' skulle läsas som 'ansÃ¶kan' "
         "(skriv encoding=\"UTF-8\" i deklarationen)"),
    Case("log.bpmn", LOG, 2, *_is(AN_XES_LOG, A_MODEL, MODEL)),
    Case("download.bpmn", ERROR_PAGE, None, *_is(HTML, A_MODEL, _or_download(MODEL), *TITLED)),
    Case("model.xes", PREFIXED, 2, *_is(A_MODEL, AN_XES_LOG, XES)),
    Case("cut.xes", LOG[:LOG.index(b"2025-01-03")], 5,
         *_cut("event", 5, "log", ("event 2, in trace 1; ", "händelse 2, i ärende (trace) 1; "))),
    Case("wrong-end.xes", LOG.replace(b'"Granska"/><date', b'"Granska"><date', 1), 4,
         "not well-formed XML: the start tag <string> on line 4 is still open at </event> (expected "
         "</string> first) (event 1, in trace 1)",
         "inte välformad XML: starttaggen <string> på rad 4 är fortfarande öppen vid </event> (förväntade "
         "</string> först) (händelse 1, i ärende (trace) 1)"),
    Case("mislabelled.xes", LOG.replace(b"UTF-8", b"windows-1252").replace(b'"c1"', '"Åstorp 1"'.encode()), 3,
         "the XML declaration names windows-1252, but the file is UTF-8 text: 'Åstorp' would be read as "
         "'Ã…storp' (write encoding=\"UTF-8\" in the declaration)",
         "XML-deklarationen anger windows-1252, men filen är UTF-8-text: 'Åstorp' skulle läsas som 'Ã…storp' "
         "(skriv encoding=\"UTF-8\" i deklarationen)"),
    Case("no-time.xes", LOG.replace(b' value="2025-01-02T10:00:00+01:00"', b""), 4,
         'event 1 has a time:timestamp without a value, <date key="time:timestamp"> (expected <date '
         'key="time:timestamp" value="2014-04-11T09:30:00+02:00"/>)',
         'händelse 1 har time:timestamp utan värde, <date key="time:timestamp"> (förväntade <date '
         'key="time:timestamp" value="2014-04-11T09:30:00+02:00"/>)'),
    Case("no-case.xes", LOG.replace(b'value="c1"', b'value=""'), 3,
         'trace 1 has a concept:name without a value, <string key="concept:name"> (the case id; give '
         '--case KEY for another trace attribute)',
         'ärende (trace) 1 har concept:name utan värde, <string key="concept:name"> (ärendenumret; ange en '
         'annan nyckel under ”Kolumner”)',
         # the page's own field, as the Swedish page says, not the command line's option (qamsg)
         'trace 1 has a concept:name without a value, <string key="concept:name"> (the case id; give '
         'another key under “Columns”)'),
    Case("no-activity.xes", LOG.replace(b'key="concept:name" value="Granska"', b'key="concept:name"', 1), 4,
         'event 1 has a concept:name without a value, <string key="concept:name"> (the activity; give '
         '--activity KEY for another attribute)',
         'händelse 1 har concept:name utan värde, <string key="concept:name"> (aktiviteten; ange en '
         'annan nyckel under ”Kolumner”)',
         'event 1 has a concept:name without a value, <string key="concept:name"> (the activity; give '
         'another key under “Columns”)'),
    *MID_FILE,
    Case("bom.xes", b"\xef\xbb\xbf", None, *_is(BOM, AN_XES_LOG, XES)),
    Case("report.xes", PDF, None, *_is(A_PDF, AN_XES_LOG, XES)),
    Case("download.xes", ERROR_PAGE, None, *_is(HTML, AN_XES_LOG, _or_download(XES), *TITLED)),
    Case("download.csv", ERROR_PAGE, None,
         *_is(HTML, ("a case log", "en ärendelogg"),
              _or_download(("CSV or XES text, as a case system exports it",
                            "CSV- eller XES-text, som ett ärendesystem exporterar den")), *TITLED)),
]
#: an empty file is said on the command line; the page takes an empty file field for no file chosen
EMPTY = [Case("empty.bpmn", b"", None, "document is empty (expected BPMN 2.0 XML)", ""),
         Case("empty.xes", b"", None,
              "the log is empty (expected XES: <log> with <trace> and <event> elements)", "")]


def _is_model(case: Case) -> bool:
    return case.name.endswith(".bpmn")


@pytest.mark.parametrize("case", CASES + EMPTY, ids=lambda c: c.name)
def test_the_command_line_says_one_line_and_writes_nothing(tmp_path: Path, case: Case) -> None:
    given = tmp_path / case.name
    given.write_bytes(case.data)
    out = tmp_path / "out"
    out.mkdir()
    command = (["convert", str(given), str(out / "model.yaml")] if _is_model(case) else
               ["calibrate", "hoganas", str(given), "-o", str(out / "profile.yaml")])
    result = CliRunner().invoke(cli, command)
    where = f"{given}:{case.line}" if case.line else str(given)
    assert (result.exit_code, result.stderr) == (2, f"permitflow: error: {where}: {case.en}\n")
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("case", MID_FILE, ids=lambda c: c.name)
def test_validate_and_log_inspect_say_a_fault_in_the_middle_in_the_same_words(tmp_path: Path,
                                                                              case: Case) -> None:
    given = tmp_path / case.name
    given.write_bytes(case.data)
    command = ["validate", str(given)] if _is_model(case) else ["log", "inspect", str(given)]
    result = CliRunner().invoke(cli, command)
    assert (result.exit_code, result.stderr) == (2, f"permitflow: error: {given}:{case.line}: {case.en}\n")


def test_the_page_says_each_in_both_languages_and_the_server_serves_on() -> None:
    """All cases through one server, which checks each upload in a process of its own (``permitflow serve``);
    none is kept."""
    profile = library_paths("hoganas")[1].read_bytes()
    app = create_app(workers=1)
    with serving(app) as address, httpx.Client(base_url=address, timeout=60) as client:
        for case in CASES:
            if _is_model(case):
                reply = client.post("api/uploads", data={"name": "Ängby"},
                                    files={"model": (case.name, case.data), "profile": ("p.yaml", profile)})
                first = ("The BPMN model could not be read", "BPMN-modellen kunde inte läsas")
            else:
                reply = client.post("api/logs", data={"library": "hoganas"},
                                    files={"log": (case.name, case.data)})
                first = ("The case log could not be read", "Ärendeloggen kunde inte läsas")
            assert reply.status_code == 400, (case.name, reply.text)
            en, sv = (f", line {case.line}", f", rad {case.line}") if case.line else ("", "")
            said = reply.json()
            english = case.page_en or case.en
            assert said["error"] == f"{first[0]}. Details: {case.name}{en}: {english}", case.name
            assert said["error_sv"] == f"{first[1]}. Detaljer: {case.name}{sv}: {case.sv}", case.name
            assert client.get("api/setup").status_code == 200, case.name
        assert not app.state.web.uploads
