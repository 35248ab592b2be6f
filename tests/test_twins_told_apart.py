"""Two steps of one model that a place does not tell apart (the same name and the same place, or no place at
all) are told apart by their lane or pool, else counted as drawn, in English and Swedish, never by an id
(found by QA, qavariation: `diff helsingborg` against Signavio's HR process, which draws one pool twice,
repeated 7 lines)."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from shared import INTEROP

from bpmn_io.reader import parse_bpmn
from cli import cli
from processes.diff import compare_models, prepare
from processes.diff.unnamedwords import placed_words, twin_words
from processes.diff.view import build_view
from report.diff_html import comparison_html

_NS = ('xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
       'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
       'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"')


def _pools(prefix: str = "", check: str = "Check request", file: str = "File request") -> bytes:
    """Two pools, "Clerk" and "Manager", each the same process: start -> ``check`` -> ``file`` -> end."""
    p = prefix
    processes = "".join(
        f'<process id="{p}{q}"><startEvent id="{p}{q}s"/><task id="{p}{q}check" name="{check}"/>'
        f'<task id="{p}{q}file" name="{file}"/><endEvent id="{p}{q}e"/>'
        f'<sequenceFlow id="{p}{q}f1" sourceRef="{p}{q}s" targetRef="{p}{q}check"/>'
        f'<sequenceFlow id="{p}{q}f2" sourceRef="{p}{q}check" targetRef="{p}{q}file"/>'
        f'<sequenceFlow id="{p}{q}f3" sourceRef="{p}{q}file" targetRef="{p}{q}e"/></process>'
        for q in ("P1", "P2"))
    return (f'<definitions {_NS} id="D" targetNamespace="t"><collaboration id="C">'
            f'<participant id="{p}pool1" name="Clerk" processRef="{p}P1"/>'
            f'<participant id="{p}pool2" name="Manager" processRef="{p}P2"/></collaboration>'
            f'{processes}</definitions>').encode()


def _choice(y1: int, y2: int) -> bytes:
    """Decide -> a choice -> two "Notify applicant" and two unnamed ends, one after each; the first Notify
    drawn at height ``y1``, the second at ``y2`` (the same x)."""
    shapes = "".join(f'<bpmndi:BPMNShape id="{i}_di" bpmnElement="{i}"><dc:Bounds x="{x}" y="{y}" '
                     f'width="100" height="80"/></bpmndi:BPMNShape>'
                     for i, x, y in (("d", 0, 0), ("n1", 200, y1), ("n2", 200, y2), ("e1", 400, y1), ("e2",
                                                                                                      400,
                                                                                                      y2)))
    flows = [("d", "g"), ("g", "n1"), ("g", "n2"), ("n1", "e1"), ("n2", "e2")]
    return (f'<definitions {_NS} id="D" targetNamespace="t"><process id="P">'
            '<task id="d" name="Decide"/><exclusiveGateway id="g"/>'
            '<task id="n1" name="Notify applicant"/><task id="n2" name="Notify applicant"/>'
            '<endEvent id="e1"/><endEvent id="e2"/>'
            + "".join(f'<sequenceFlow id="f{k}" sourceRef="{s}" targetRef="{t}"/>'
                      for k, (s, t) in enumerate(flows))
            + f'</process><bpmndi:BPMNDiagram id="BD"><bpmndi:BPMNPlane id="BP" bpmnElement="P">{shapes}'
            '</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>').encode()


def test_twins_without_another_place_are_told_apart_by_their_pool_in_both_languages() -> None:
    defs = parse_bpmn(_pools(), source="pools.bpmn")
    view = build_view(defs)
    assert twin_words(view, defs, "en") == {
        "P1check": "Check request (in “Clerk”)", "P2check": "Check request (in “Manager”)",
        "P1file": "File request (in “Clerk”)", "P2file": "File request (in “Manager”)"}
    assert twin_words(view, defs, "sv")["P2check"] == "Check request (i ”Manager”)"
    # the unnamed ends: nothing named after them but their pool's name
    assert placed_words(view, defs, "en")["P1e"] == "unnamed end event after “File request” (in “Clerk”)"
    assert placed_words(view, defs, "sv")["P2e"] == "namnlös sluthändelse efter ”File request” (i ”Manager”)"


@pytest.mark.parametrize(("y1", "y2", "first"), [(0, 200, "n1"), (200, 0, "n2")])
def test_twins_at_one_place_in_one_lane_are_counted_top_to_bottom_as_drawn(y1: int, y2: int,
                                                                           first: str) -> None:
    defs = parse_bpmn(_choice(y1, y2), source="choice.bpmn")
    view = build_view(defs)
    second = {"n1": "n2", "n2": "n1"}[first]
    en, sv = twin_words(view, defs, "en"), twin_words(view, defs, "sv")
    assert en[first] == "Notify applicant (after “Decide”, first of two)"
    assert en[second] == "Notify applicant (after “Decide”, second of two)"
    assert sv[second] == "Notify applicant (efter ”Decide”, andra av två)"
    ends = placed_words(view, defs, "en")  # each after a "Notify applicant": the two ends read alike too
    assert ends["e" + first[1]] == "unnamed end event after “Notify applicant” (first of two)"
    assert ends["e" + second[1]] == "unnamed end event after “Notify applicant” (second of two)"


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def test_the_diff_repeats_no_line_and_says_no_id(tmp_path: Path) -> None:
    a, b = tmp_path / "a.bpmn", tmp_path / "b.bpmn"
    a.write_bytes(_pools())
    b.write_bytes(_choice(0, 200))
    for lang in ("en", "sv"):
        lines = _run("diff", str(a), str(b), "--output-language", lang).splitlines()
        assert len(lines) == len(set(lines)), lang
        assert not any(i in line for line in lines for i in ("P1", "P2", "n1", "n2", "e1", "e2"))
    text = _run("diff", str(a), str(b), "--output-language", "en")
    assert '[Only in a] "Check request (in “Clerk”)" is only in a.' in text
    assert '[Only in a] "Check request (in “Manager”)" is only in a.' in text


def _three(tmp_path: Path) -> list[str]:
    """The two pools' model and two models without their steps."""
    files = [tmp_path / "a.bpmn", tmp_path / "b.bpmn", tmp_path / "c.bpmn"]
    files[0].write_bytes(_pools())
    files[1].write_bytes(_choice(0, 200))
    files[2].write_bytes(_choice(200, 0))
    return [str(f) for f in files]


def test_the_comparisons_sentences_tell_twins_apart_and_the_json_gives_their_ids(tmp_path: Path) -> None:
    """Found by QA, qavariation: MIWG C.4.0's group said "“New employee hired” is a step in ..." three
    times."""
    files = _three(tmp_path)
    for lang, said in (("en", "“Check request” (in “Clerk”) is a step in a; not in b and c."),
                       ("sv", "”Check request” (i ”Clerk”) är ett steg i a; inte i b och c.")):
        lines = _run("compare", *files, "--output-language", lang).splitlines()
        assert sum(line.endswith("] " + said) for line in lines) == 1, lang
        variations = [line for line in lines if line.startswith("  [")]
        assert len(variations) == len(set(variations)), lang
    md = _run("compare", *files, "--output-language", "en", "--format", "markdown")
    assert "| Check request (in “Manager”) |" in md  # the step's column, as the core says a twin
    data = json.loads(_run("compare", *files, "--format", "json"))
    checks = [v for v in data["variations"] if v["kind"] == "presence" and v["step"] == "Check request"]
    assert [v["steps"] for v in checks] == [[{"label": "Check request", "members": {"a": ["P1check"]}}],
                                           [{"label": "Check request", "members": {"a": ["P2check"]}}]]
    assert all(v["others"] == [] for v in checks)
    page = tmp_path / "compare.html"
    _run("compare", *files, "--format", "html", "--output-language", "en", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert "“Check request” (in “Clerk”) is a step in a" in html
    assert "“Check request” (in “Manager”) is a step in a" in html


@pytest.mark.interop
def test_miwg_c40_says_each_new_employee_hired_by_its_place() -> None:
    miwg = INTEROP / "miwg"
    files = [str(miwg / "reference" / "C.4.0.bpmn"),
             str(miwg / "bpmn-io-camunda-modeler-18.6.1" / "C.4.0-export.bpmn"),
             str(miwg / "cardanit-4.9.1" / "C.4.0-export.bpmn")]
    lines = _run("compare", *files, "--output-language", "en").splitlines()
    hired = [line for line in lines if "“New employee hired”" in line]
    assert len(hired) == len(set(hired)) == 3
    assert any("“New employee hired” (before “Create domain account”) is a step in" in line for line in hired)


def test_an_english_page_marks_the_name_of_a_swedish_twin_swedish(tmp_path: Path) -> None:
    """The name part of "Granska ansökan (after “Ta emot ansökan”)" in a <span lang="sv">, on the diff's
    lines, in the comparison's core and in its sentences, as a name alone is (found by QA, qavariation)."""
    files = [tmp_path / "a.bpmn", tmp_path / "b.bpmn", tmp_path / "c.bpmn"]
    files[0].write_bytes(_pools(check="Granska ansökan", file="Arkivera ärendet"))
    files[1].write_bytes(_pools("b_", check="Granska ansökan", file="Arkivera ärendet"))
    files[2].write_bytes(_choice(0, 200))
    page = tmp_path / "page.html"
    _run("diff", str(files[0]), str(files[1]), "--format", "html", "--output-language", "en", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    # the pool's name in its model's language, as the step's (a Swedish model's pool "Clerk", as drawn)
    assert '<td><span lang="sv">Granska ansökan</span> (in “<span lang="sv">Clerk</span>”)</td>' in html
    _run("compare", *map(str, files), "--format", "html", "--output-language", "en", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    manager = '(in “<span lang="sv">Manager</span>”)'
    assert f'“<span lang="sv">Granska ansökan</span>” {manager} is a step in a and b' in html
    _run("compare", *map(str, files[:2]), "--format", "html", "--output-language", "en", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert '<li><span lang="sv">Arkivera ärendet</span> (in “<span lang="sv">Manager</span>”)</li>' in html


def _swedish_pools(prefix: str = "") -> bytes:
    """:func:`_pools` with Swedish steps and pools ("Tillståndsenheten", "Socialnämnden")."""
    return (_pools(prefix, check="Granska ansökan", file="Arkivera ärendet")
            .replace(b'name="Clerk"', 'name="Tillståndsenheten"'.encode())
            .replace(b'name="Manager"', 'name="Socialnämnden"'.encode()))


def test_a_pools_name_that_tells_twins_apart_is_marked_in_its_models_language(tmp_path: Path) -> None:
    """The pool's name in "(in “Tillståndsenheten”)" is in a <span lang="sv"> on an English page, as the
    step's name before it is (found by QA, qaheads: the pool read with English sounds), on the diff's page
    (its differences and matched steps) and on the comparison's (its core and its sentences); an English
    model's pool on a Swedish page in a <span lang="en">."""
    files = [tmp_path / "a.bpmn", tmp_path / "b.bpmn", tmp_path / "c.bpmn"]
    files[0].write_bytes(_swedish_pools())
    files[1].write_bytes(_swedish_pools("b_"))
    files[2].write_bytes(_choice(0, 200))
    page = tmp_path / "page.html"
    pool = '(in “<span lang="sv">Tillståndsenheten</span>”)'
    _run("diff", str(files[0]), str(files[1]), "--format", "html", "--output-language", "en", "-o", str(page))
    assert f'<td><span lang="sv">Granska ansökan</span> {pool}</td>' in page.read_text(encoding="utf-8")
    _run("diff", str(files[0]), str(files[2]), "--format", "html", "--output-language", "en", "-o", str(page))
    only = f'&#34;<span lang="sv">Granska ansökan</span> {pool}&#34; is only in a.'
    assert only in page.read_text(encoding="utf-8")
    _run("compare", *map(str, files), "--format", "html", "--output-language", "en", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert f'“<span lang="sv">Granska ansökan</span>” {pool} is a step in a and b' in html
    _run("compare", *map(str, files[:2]), "--format", "html", "--output-language", "en", "-o", str(page))
    assert f'<li><span lang="sv">Arkivera ärendet</span> {pool}</li>' in page.read_text(encoding="utf-8")
    files[0].write_bytes(_pools())
    _run("diff", str(files[0]), str(files[2]), "--format", "html", "--output-language", "sv", "-o", str(page))
    assert ('&#34;<span lang="en">Check request</span> (i ”<span lang="en">Clerk</span>”)&#34;'
            in page.read_text(encoding="utf-8"))


def test_the_reports_bilingual_section_tells_twins_apart_in_both_languages() -> None:
    """The report's comparison (comparison_html, bilingual) says two steps a model names alike by their names
    and places in each language, as diff and compare do (found by QA, qaheads: its sentences and its core read
    alike)."""
    models = {"a": parse_bpmn(_swedish_pools(), source="a.bpmn"),
              "b": parse_bpmn(_swedish_pools("b_"), source="b.bpmn"),
              "c": parse_bpmn(_choice(0, 200), source="c.bpmn")}

    def said(names: tuple[str, ...], where: str) -> dict[str, list[str]]:
        comparison = compare_models([prepare(models[n], n) for n in names])
        page = comparison_html(comparison, {n: models[n] for n in names}, bilingual=True)
        root = lxml.html.fromstring(page)
        return {lang: [" ".join(e.text_content().split())
                       for e in root.xpath(f"{where}/span[@class='{lang}']")] for lang in ("en", "sv")}

    sentences = said(("a", "b", "c"), "//ol[@class='differences']/li")
    for town in ("Tillståndsenheten", "Socialnämnden"):
        assert f"“Granska ansökan” (in “{town}”) is a step in a and b; not in c." in sentences["en"]
        assert f"”Granska ansökan” (i ”{town}”) är ett steg i a och b; inte i c." in sentences["sv"]
    assert all(len(s) == len(set(s)) for s in sentences.values())
    core = said(("a", "b"), "//h2[contains(., 'Common core')]/following-sibling::ul[1]/li")
    for town in ("Tillståndsenheten", "Socialnämnden"):
        assert f"Arkivera ärendet (in “{town}”)" in core["en"]
        assert f"Arkivera ärendet (i ”{town}”)" in core["sv"]
    assert all(len(s) == len(set(s)) for s in core.values())
