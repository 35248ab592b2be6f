"""Labels in `diff` and `compare --format markdown` are shown as written (found by QA, qadev2): a label
"Rechnung *prüfen*" became emphasis, a backtick code, "_kurz_" emphasis, a "|" a new table cell."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from cli import cli

LABELS = ("Rechnung *prüfen*", "_Kurz_ `fassen`", "Zahlen | buchen")


def _model(path: Path, labels: tuple[str, ...]) -> Path:
    tasks = "".join(f'<task id="T{k}" name="{name}"/>' for k, name in enumerate(labels))
    ids = ["S", *(f"T{k}" for k in range(len(labels))), "E"]
    flows = "".join(f'<sequenceFlow id="F{k}" sourceRef="{a}" targetRef="{b}"/>'
                    for k, (a, b) in enumerate(zip(ids, ids[1:], strict=False)))
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" '
                    'targetNamespace="x">'
                    f'<process id="P"><startEvent id="S"/>{tasks}<endEvent id="E"/>{flows}</process>'
                    '</definitions>\n',
                    encoding="utf-8")
    return path


def _shown(markdown: str) -> str:
    """What a Markdown renderer shows of ``markdown``'s escapes: each escaped character as itself."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _unescaped(markdown: str, char: str) -> list[str]:
    """The lines of ``markdown`` with ``char`` not escaped by a backslash (``|`` apart from the table's
    own)."""
    pattern = re.compile(r"(?<!\\)" + re.escape(char))
    found = []
    for line in markdown.splitlines():
        body = line.strip().removeprefix("|").removesuffix("|") if char == "|" else line
        if pattern.search(body.replace("\\\\", "")):
            found.append(line)
    return found


def test_diff_markdown_escapes_what_markdown_would_interpret(tmp_path: Path) -> None:
    a = _model(tmp_path / "a.bpmn", LABELS)
    b = _model(tmp_path / "b.bpmn", ("Rechnung *prüfen*", "Archivieren"))
    result = CliRunner().invoke(cli, ["diff", str(a), str(b), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Rechnung \\*prüfen\\*" in out and "\\_Kurz\\_ \\`fassen\\`" in out and "Zahlen \\| buchen" in out
    for char in ("*", "`"):
        assert _unescaped(out, char) == []
    assert not any(re.search(r"(?<![\\\w])_Kurz", line) for line in out.splitlines())
    # a table row keeps its cells: the label's "|" is no column of its own (as many bars as its table's rule)
    bars, rows = 0, 0
    for line in out.splitlines():
        if line.startswith("|---"):
            bars = line.count("|")
        elif line.startswith("|") and "Zahlen" in line:
            rows += 1
            assert len(re.findall(r"(?<!\\)\|", line)) == bars, line
    assert rows >= 2
    assert all(label in _shown(out) for label in LABELS)


def test_compare_markdown_escapes_what_markdown_would_interpret(tmp_path: Path) -> None:
    models = [_model(tmp_path / f"{n}.bpmn", LABELS) for n in ("a", "b")]
    models.append(_model(tmp_path / "c.bpmn", (*LABELS, "Archivieren")))
    result = CliRunner().invoke(cli, ["compare", *map(str, models), "--format", "markdown", "--workers", "1"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    # the notes' lines start "- " too: one of them says the German labels look like neither language
    core = [line for line in out.splitlines()
            if line.startswith("- ") and "unnamed" not in line and "Swedish or English" not in line]
    assert core == ["- Rechnung \\*prüfen\\*", "- \\_Kurz\\_ \\`fassen\\`", "- Zahlen \\| buchen"]
    assert [line.removeprefix("- ") for line in _shown("\n".join(core)).splitlines()] == list(LABELS)
