"""An unnamed step of a file drawn in another tool is said by its place, not its id (found by QA, qaproc:
"unnamed end event sid-BC9AC0B6-1785-4E35-A974-7FEF1A586B9D" on MIWG C.1.0's diffs), in every output that
names steps in words; the JSON and a saved matches file keep the ids, as programs read them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import cli

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">\n'
         '<process id="P">\n')


def _invoice(tmp_path: Path, name: str, prefix: str) -> Path:
    """start -> Scan invoice -> Approve invoice (an error boundary event on it -> end) -> Archive invoice -> a
    choice -> two ends;
    an event subprocess started by "Cancellation requested". Every event and the subprocess unnamed; ids with
    ``prefix``, as another tool would give them."""
    p = prefix
    body = (f'<startEvent id="{p}start"/>'
            f'<task id="{p}scan" name="Scan invoice"/><task id="{p}approve" name="Approve invoice"/>'
            f'<task id="{p}archive" name="Archive invoice"/>'
            f'<boundaryEvent id="{p}error" attachedToRef="{p}approve"><errorEventDefinition/></boundaryEvent>'
            f'<endEvent id="{p}failed"/><exclusiveGateway id="{p}choice"/>'
            f'<endEvent id="{p}endA"/><endEvent id="{p}endB"/>'
            f'<subProcess id="{p}sub" triggeredByEvent="true">'
            f'<startEvent id="{p}cancel" name="Cancellation requested"><messageEventDefinition/></startEvent>'
            f'<endEvent id="{p}cancelled"/>'
            f'<sequenceFlow id="{p}f9" sourceRef="{p}cancel" targetRef="{p}cancelled"/></subProcess>')
    flows = [("start", "scan"), ("scan", "approve"), ("error", "failed"), ("approve", "archive"), ("archive",
                                                                                                   "choice"),
             ("choice", "endA"), ("choice", "endB")]
    body += "".join(f'<sequenceFlow id="{p}f{i}" sourceRef="{p}{s}" targetRef="{p}{t}"/>'
                    for i, (s, t) in enumerate(flows))
    path = tmp_path / name
    path.write_text(_HEAD + body + "</process>\n</definitions>\n", encoding="utf-8")
    return path


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def test_unnamed_steps_are_said_by_their_place_in_english_and_swedish(tmp_path: Path) -> None:
    a, b = _invoice(tmp_path, "a.bpmn", "ev_"), _invoice(tmp_path, "b.bpmn", "sid-")
    text = _run("diff", str(a), str(b), "--output-language", "en")
    assert ('"unnamed start event before “Scan invoice”" in a = '
            '"unnamed start event before “Scan invoice”" in b') in text
    assert '"unnamed boundary event on “Approve invoice”" in a' in text
    assert '"unnamed end event after “Approve invoice”" in a' in text  # after its boundary event
    assert '"unnamed subprocess with “Cancellation requested”" in a' in text
    # the two ends after the one choice would read alike: counted in flow order (no diagram), not by their ids
    assert '"unnamed end event after “Archive invoice” (first of two)" in a' in text
    assert '"unnamed end event after “Archive invoice” (second of two)" in a' in text
    for said_by_id in ("ev_start", "ev_error", "ev_failed", "ev_sub", "sid-start", "sid-sub", "ev_endA",
                       "ev_endB"):
        assert said_by_id not in text
    swedish = _run("diff", str(a), str(b), "--output-language", "sv", "--format", "markdown")
    assert "namnlös kanthändelse på ”Approve invoice”" in swedish
    assert "namnlös underprocess med ”Cancellation requested”" in swedish
    assert "namnlös sluthändelse efter ”Archive invoice” (andra av två)" in swedish
    assert "ev_error" not in swedish and "sid-sub" not in swedish


def test_the_comparison_says_them_by_place_and_the_json_keeps_the_ids(tmp_path: Path) -> None:
    files = [str(_invoice(tmp_path, f"{n}.bpmn", f"{n}_")) for n in ("a", "b", "c")]
    text = _run("compare", *files, "--output-language", "en")
    assert "  - unnamed boundary event on “Approve invoice”" in text.splitlines()
    assert "a_error" not in text
    data = json.loads(_run("diff", files[0], files[1], "--format", "json"))
    assert ["a_error"] in [m["a"] for m in data["matches"]]


def _twins(tmp_path: Path, name: str, prefix: str) -> Path:
    """Check request -> a choice -> Notify employee, or Review request -> Notify employee: two steps named
    alike."""
    p = prefix
    body = (f'<startEvent id="{p}s" name="Request received"/><task id="{p}check" name="Check request"/>'
            f'<exclusiveGateway id="{p}g"/><task id="{p}review" name="Review request"/>'
            f'<task id="{p}n1" name="Notify employee"/><task id="{p}n2" name="Notify  employee"/>'
            f'<endEvent id="{p}e1" name="Done"/><endEvent id="{p}e2" name="Reviewed"/>')
    flows = [("s", "check"), ("check", "g"), ("g", "n1"), ("g", "review"), ("review", "n2"), ("n1", "e1"),
             ("n2", "e2")]
    body += "".join(f'<sequenceFlow id="{p}f{i}" sourceRef="{p}{s}" targetRef="{p}{t}"/>'
                    for i, (s, t) in enumerate(flows))
    path = tmp_path / name
    path.write_text(_HEAD + body + "</process>\n</definitions>\n", encoding="utf-8")
    return path


def test_two_steps_of_one_model_named_alike_are_told_apart_by_their_place(tmp_path: Path) -> None:
    """Found by QA, qaproc: MIWG C.8.0 against C.8.1 listed "Update Remaining Vacation" = "Update Remaining
    Vacation" twice, two lines that read the same."""
    a, b = _twins(tmp_path, "a.bpmn", "a_"), _twins(tmp_path, "b.bpmn", "b_")
    text = _run("diff", str(a), str(b), "--output-language", "en")
    assert ('[Matched] "Notify employee (after “Check request”)" in a = "Notify employee (after “Check '
            'request”)" in b') in text
    assert '"Notify employee (after “Review request”)" in a' in text
    assert '"Check request" in a = "Check request" in b' in text  # a name no other step has: as drawn
    swedish = _run("diff", str(a), str(b), "--output-language", "sv")
    assert '"Notify employee (efter ”Review request”)" i modellen a' in swedish


def test_the_comparisons_common_core_tells_twins_apart_in_text_and_on_the_page(tmp_path: Path) -> None:
    """Found by QA, qaproc: the core of MIWG C.8.0's exports listed "Update Remaining Vacation" twice."""
    files = [str(_twins(tmp_path, f"{n}.bpmn", f"{n}_")) for n in ("a", "b", "c")]
    core = _run("compare", *files, "--output-language", "en").splitlines()
    assert "  - Notify employee (after “Check request”)" in core
    assert "  - Notify employee (after “Review request”)" in core
    page = tmp_path / "compare.html"
    _run("compare", *files, "--format", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    # the name in its model's language, as a name alone is (placed_in_language), its place after it
    assert '<span lang="en">Notify employee</span> (after “Check request”)' in html
    assert '<span lang="en">Notify employee</span> (after “Review request”)' in html


def test_a_difference_names_a_twin_by_its_place_and_a_label_broken_over_lines_reads_as_one_line(
        tmp_path: Path) -> None:
    """Found by QA, qaproc: C.1.0 against C.1.1 said "[Changed] "Invoice received": type is ..." of one of two
    "Invoice received", and the Markdown showed "Invoice&#xD;&#xA;received" as "Invoice  received"."""
    a = _twins(tmp_path, "a.bpmn", "a_")
    text = a.read_text(encoding="utf-8").replace('<task id="a_n2" name="Notify  employee"/>',
                                                 '<sendTask id="a_n2" name="Notify&#xD;&#xA;employee"/>')
    a.write_text(text.replace('name="Review request"', 'name="Review&#xD;&#xA;request"'), encoding="utf-8")
    b = _twins(tmp_path, "b.bpmn", "b_")
    b.write_text(b.read_text(encoding="utf-8").replace('<task id="b_n2"', '<userTask id="b_n2"'),
                 encoding="utf-8")
    said = _run("diff", str(a), str(b), "--output-language", "en")
    assert '[Changed] "Notify employee (after “Review request”)": type is sendTask in a' in said
    md = _run("diff", str(a), str(b), "--format", "markdown", "--output-language", "en")
    assert "| Review request | Review request | " in md and "Review  request" not in md
