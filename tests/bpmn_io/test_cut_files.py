"""A file cut off anywhere is said as a cut, never in lxml's words: libxml2 says a cut in a dozen ways by
where it falls ("Premature end of data in tag", "Couldn't find end of Start Tag", "AttValue: ' expected",
"expected '>'", "Opening and ending tag mismatch: definitions line 2 and bp" ...), each with the tags' local
names; the readers say which element is still open, as the file writes its tag, at the file's last line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from refusals import refused

from bpmn_io.logfiles import read_log
from bpmn_io.xmlsafe import parse_xml

MODEL = (Path(__file__).resolve().parents[1] / "fixtures" / "simple.bpmn").read_bytes()
EVENT = (b'<event><string key="concept:name" value="Granska"/>\n'
         b'<date key="time:timestamp" value="2025-01-0{}T10:00:00+01:00"/></event>\n')
LOG = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
       b'<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n'
       b'<trace><string key="concept:name" value="c1"/>\n' + EVENT.replace(b"{}", b"2")
       + EVENT.replace(b"{}", b"3") + b"</trace>\n</log>\n")
#: the one line of a cut: the element still open (with the line where its start tag begins), or none yet
CUT = re.compile(r"the file ends before (?:<(?P<tag>\S+)> opened at line (?P<line>\d+) is closed"
                 r"|its first element is complete) \((?:(?P<where>[^;]*); )?the file looks cut off: expected "
                 r"the rest of the document(?:, up to </(?P<last>\S+)>)?\)")


def _cuts(data: bytes) -> list[int]:
    """Every length short of the whole that leaves more than blanks (a cut after the root's end tag is
    no cut)."""
    whole = len(data.rstrip())
    return [n for n in range(1, whole) if data[:n].strip()]


@pytest.mark.parametrize("n", _cuts(MODEL))
def test_a_model_cut_anywhere_is_said_as_a_cut_with_its_tags_as_written(n: int) -> None:
    cut = MODEL[:n]
    err = refused(parse_xml, cut, source="m.bpmn")
    said = CUT.fullmatch(err.message)
    assert said is not None, err.message
    assert err.line == cut.rstrip().count(b"\n") + 1
    if said["tag"] is not None:
        assert said["tag"].startswith("bpmn:") and said["last"] == "bpmn:definitions"
        opened = cut.split(b"\n")[int(said["line"]) - 1]
        assert f"<{said['tag']}".encode() in opened  # the line where its start tag begins


@pytest.mark.parametrize("n", _cuts(LOG)[::3])
def test_a_case_log_cut_anywhere_is_said_as_a_cut_naming_its_event_and_trace(tmp_path: Path, n: int) -> None:
    log = tmp_path / "cut.xes"
    log.write_bytes(LOG[:n])
    err = refused(read_log, log)
    said = CUT.fullmatch(err.message)
    assert said is not None, err.message
    if said["tag"] == "event":
        assert re.fullmatch(r"event [12], in trace 1", said["where"]), said["where"]
    elif said["tag"] == "trace":
        assert said["where"] == "trace 1"
