"""A document refused as not an XES log names the line of the element at fault past line 65535 too: libxml2
keeps an element's line in 16 bits, and from there on lxml gave the next node's line (the root's, the
wrapper's around the traces). A <trace> inside another element than <log> is said as such: it was called
the root element."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

_TRACE = ('<trace><string key="concept:name" value="A"/>\n'
          '<event><string key="concept:name" value="Registrera"/>'
          '<date key="time:timestamp" value="2025-01-02T10:00:00"/></event>\n</trace>\n')
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _refusal(tmp_path: Path, text: str) -> tuple[Path, str]:
    log = tmp_path / "log.xes"
    log.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["log", "inspect", str(log)])
    assert result.exit_code == 2, result.output
    return log, result.stderr


@pytest.mark.parametrize("blank", [0, 70_000])
@pytest.mark.parametrize("inside", ["<bar/>\n", _TRACE])
def test_a_root_that_is_not_log_is_named_at_its_line(tmp_path: Path, blank: int, inside: str) -> None:
    """Without traces the refusal comes at the document's end, with one at the first trace's end."""
    text = _HEAD + "<!-- exported -->\n" * blank + "<foo>\n" + inside + "</foo>\n"
    log, said = _refusal(tmp_path, text)
    line = blank + 2
    assert said == (f"permitflow: error: {log}:{line}: not an XES log: the root element is <foo> "
                    "(expected <log>)\n")


@pytest.mark.parametrize("blank", [0, 70_000])
def test_a_trace_inside_another_element_than_log_is_named_at_its_line(tmp_path: Path, blank: int) -> None:
    text = (_HEAD + '<log xes.version="1.0">\n' + '<string key="x" value="y"/>\n' * blank
            + "<traces>\n" + _TRACE + "</traces>\n</log>\n")
    log, said = _refusal(tmp_path, text)
    line = blank + 4
    assert said == (f"permitflow: error: {log}:{line}: not an XES log: trace 1 is inside <traces> (expected "
                    "each <trace> directly in <log>)\n")
