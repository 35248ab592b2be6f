"""A file whose XML declaration names UTF-16 while its bytes are 8-bit text (what .NET writes when it saves
the declaration of a text in memory as UTF-8) is refused in one line saying so, BPMN model or XES log alike:
libxml2 said only "not well-formed XML: Blank needed here". A real UTF-16 file is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_BODY = (FIXTURES / "simple.bpmn").read_text(encoding="utf-8").split("?>", 1)[1]
_XES = ('\n<log xes.version="1.0"><trace><string key="concept:name" value="A"/><event><string '
        'key="concept:name" value="R"/><date key="time:timestamp" value="2025-01-02T10:00:00"/></event>'
        '</trace></log>\n')
SAID = ("the XML declaration names {0}, but the file is 8-bit text, not {0} (a tool that wrote the "
        "declaration of a text in memory? write encoding=\"UTF-8\" in it)")


@pytest.mark.parametrize("name, body, command", [("m.bpmn", _BODY, ["validate"]),
                                                 ("log.xes", _XES, ["log", "inspect"])])
@pytest.mark.parametrize("declared", ["utf-16", "UTF-32"])
def test_a_declaration_of_utf16_on_utf8_bytes_is_said(tmp_path: Path, name: str, body: str,
                                                      command: list[str], declared: str) -> None:
    path = tmp_path / name
    path.write_bytes(f'<?xml version="1.0" encoding="{declared}"?>{body}'.encode())
    result = CliRunner().invoke(cli, [*command, str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {path}:1: {SAID.format(declared)}\n"


def test_a_real_utf16_model_is_read(tmp_path: Path) -> None:
    path = tmp_path / "m.bpmn"
    path.write_bytes(f'<?xml version="1.0" encoding="UTF-16"?>{_BODY}'.encode("utf-16"))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
