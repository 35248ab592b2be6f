"""permitflow diff / compare through click's CliRunner."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

MODEL = """\
process: {{id: P_{tag}, name: Serveringstillstånd {tag}}}
lanes:
  L_{tag}_H: Handläggare
  L_{tag}_N: {decider}
steps:
  - {{id: {tag}_Start, event: start, name: Ansökan inkommen, lane: L_{tag}_H}}
  - {{id: {tag}_Granska, task: user, name: {review}, lane: L_{tag}_H}}
  - {{id: {tag}_Besok, task: user, name: {visit}, lane: L_{tag}_H}}
  - {{id: {tag}_Beslut, task: user, name: Besluta om tillstånd, lane: L_{tag}_N}}
  - {{id: {tag}_End, event: end, name: Beslut meddelat, lane: L_{tag}_H}}
"""


def write(
    tmp_path: Path,
    tag: str,
    *,
    review: str = "Granska ansökan",
    visit: str = "Platsbesök",
    decider: str = "Socialnämnden",
) -> str:
    path = tmp_path / f"{tag.lower()}.yaml"
    path.write_text(MODEL.format(tag=tag, review=review, visit=visit, decider=decider), encoding="utf-8")
    return str(path)


#: a diff or comparison in English words (--output-language auto would say these Swedish models' in Swedish)
EN = ("--output-language", "en")


def run(*args: str):
    """The command's result; a diff or comparison in English words (``--output-language auto`` would say these
    Swedish models' diffs in Swedish: tests/test_cli_diff_swedish.py) unless the test says otherwise."""
    english = args[:1] in (("diff",), ("compare",)) and "--output-language" not in args
    return CliRunner().invoke(cli, [*args, *(EN if english else ())], catch_exceptions=False)


def test_diff_text_names_both_models_and_the_difference(tmp_path: Path) -> None:
    a = write(tmp_path, "A")
    b = write(tmp_path, "B", decider="Arbetsutskottet")
    result = run("diff", a, b)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "a (A, 5 steps) vs b (B, 5 steps)"
    assert [line for line in lines[4:] if not line.startswith("[Matched]")] == [
        '[Changed] Done by Socialnämnden in a, by Arbetsutskottet in b: "Besluta om tillstånd".'
    ]


POOLS_ONLY = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <collaboration id="C"><participant id="Sokande" name="Sökande"/></collaboration>
</definitions>
"""


@pytest.mark.parametrize("empty_first", [False, True])
def test_diff_against_a_model_without_steps_says_every_step_is_only_in_one(tmp_path: Path, empty_first: bool) -> None:
    """A model with steps against one without (a collaboration of black-box pools, as bpmn-moddle's
    namespace-prefix-collision fixture): ValueError 'argmax of an empty sequence' when the empty one came second."""
    a = write(tmp_path, "A")
    empty = tmp_path / "pools.bpmn"
    empty.write_text(POOLS_ONLY, encoding="utf-8")
    first, second = (str(empty), a) if empty_first else (a, str(empty))
    result = run("diff", first, second)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2] == "matched: 0 pairs; uncertain: 0 steps; only in one model: 5 steps; differences: 5"
    # headed by the name of the model with the steps (a.yaml, A or B), as the Markdown heads them (found by
    # QA: "[Only in A]")
    assert sum(line.startswith("[Only in a]") for line in lines) == 5


def test_diff_json_follows_the_schema(tmp_path: Path) -> None:
    result = run("diff", write(tmp_path, "A"), write(tmp_path, "B"), "--format", "json")
    data = json.loads(result.output)
    assert data["schema_version"] == 4 and data["kind"] == "diff"
    assert data["differences"] == []
    assert [m["b"] for m in data["matches"]] == [
        ["B_Start"],
        ["B_Granska"],
        ["B_Besok"],
        ["B_Beslut"],
        ["B_End"],
    ]


def test_matches_file_confirms_a_pair_the_matcher_would_not_make(tmp_path: Path) -> None:
    a = write(tmp_path, "A")
    b = write(tmp_path, "B", visit="Telefonintervju")
    before = json.loads(run("diff", a, b, "--format", "json").output)
    # same place, no word in common: uncertain (each the other's candidate), not a difference
    assert before["differences"] == []
    assert [(u["side"], u["step"], u["candidates"][0]["ids"]) for u in before["uncertain"]] == [
        ("a", "A_Besok", ["B_Besok"]),
        ("b", "B_Besok", ["A_Besok"]),
    ]
    decisions = tmp_path / "matches.yaml"
    decisions.write_text("confirm:\n  - {a: A_Besok, b: B_Besok}\n", encoding="utf-8")
    after = json.loads(run("diff", a, b, "--format", "json", "--matches", str(decisions)).output)
    assert after["differences"] == []
    assert {
        "a": ["A_Besok"],
        "b": ["B_Besok"],
        "confidence": 1.0,
        "label_similarity": 0.0,
        "how": "confirmed",
    } in after["matches"]


def test_synonyms_file_extends_the_builtin_list(tmp_path: Path) -> None:
    a = write(tmp_path, "A")
    b = write(tmp_path, "B", review="Värdera")  # no word in common with "Granska ansökan"
    before = json.loads(run("diff", a, b, "--format", "json").output)
    assert ["A_Granska"] not in [m["a"] for m in before["matches"]]
    words = tmp_path / "synonyms.yaml"
    words.write_text("groups:\n  - [granska, värdera]\n", encoding="utf-8")
    data = json.loads(run("diff", a, b, "--format", "json", "--synonyms", str(words)).output)
    assert data["differences"] == [] and data["uncertain"] == []
    assert ["A_Granska"] in [m["a"] for m in data["matches"]]


def test_html_is_one_self_contained_page_with_both_diagrams(tmp_path: Path) -> None:
    a = write(tmp_path, "A")
    b = write(tmp_path, "B", visit="Telefonintervju", decider="Arbetsutskottet")
    out = tmp_path / "out" / "diff.html"
    result = run("diff", a, b, "--format", "html", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 2
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched from elsewhere
    assert not re.search(r"<script[^>]*\bsrc=", page)  # the one script is inline
    assert re.search(r'data-element-id="A_Besok"[^>]*class="[^"]*uncertain', page) or re.search(
        r'class="[^"]*uncertain[^"]*"[^>]*data-element-id="A_Besok"', page
    )
    assert re.search(r'class="[^"]*changed[^"]*"[^>]*data-element-id="B_Beslut"', page) or re.search(
        r'data-element-id="B_Beslut"[^>]*class="[^"]*changed', page
    )
    # each side's performer in its model's language (found by QA: read with English sounds)
    assert 'Done by <span lang="sv">Socialnämnden</span> in a, by <span lang="sv">Arbetsutskottet</span> in b' in page
    # a whole drawing fits its box (scaled by its viewBox), actual size is one click away
    assert ".diagram svg{width:100%;height:auto}" in page
    assert all('viewBox="' in svg for svg in re.findall(r"<svg[^>]*>", page))
    assert 'id="actual-size"' in page


def test_markdown(tmp_path: Path) -> None:
    result = run(
        "diff", write(tmp_path, "A"), write(tmp_path, "B", decider="Arbetsutskottet"), "--format", "markdown"
    )
    assert result.output.startswith("# a vs b\n")
    assert "| Changed | Socialnämnden | Arbetsutskottet |" in result.output


def test_compare_three_models(tmp_path: Path) -> None:
    files = [
        write(tmp_path, "A"),
        write(tmp_path, "B", decider="Arbetsutskottet"),
        write(tmp_path, "C", visit="Telefonintervju"),
    ]
    data = json.loads(run("compare", *files, "--format", "json").output)
    assert data["models"] == ["a", "b", "c"]
    assert data["core"] == ["Ansökan inkommen", "Granska ansökan", "Besluta om tillstånd", "Beslut meddelat"]
    assert [v["kind"] for v in data["variations"]] == ["presence", "presence", "performer"]
    text = run("compare", *files).output
    assert "common core: 4 steps in every model" in text


@pytest.mark.parametrize("names", [("helsingborg", "orkelljunga")])
def test_library_names(names: tuple[str, str], tmp_path: Path) -> None:
    from bpmn_io.library import library_names

    if not set(names) <= set(library_names()):
        pytest.skip("library not present")
    result = run("diff", *names, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["a"]["name"], data["b"]["name"]) == names
    assert any(d["attribute"] == "deciding_body" for d in data["differences"])


def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    a = write(tmp_path, "A")
    out = tmp_path / "diff.json"
    missing = run("diff", a, str(tmp_path / "nope.bpmn"), "-o", str(out))
    assert missing.exit_code == 2
    assert missing.output.count("\n") == 1 and "nope.bpmn" in missing.output
    bad = tmp_path / "matches.yaml"
    bad.write_text("confirm: [{a: X}]\n", encoding="utf-8")
    result = run("diff", a, a, "--matches", str(bad), "-o", str(out))
    assert result.exit_code == 2
    assert result.output == (
        f"permitflow: error: {bad}:1: confirm[0]: expected {{a: ID or [IDs], b: ID or [IDs], "
        "models: [A, B] (optional)}, got {'a': 'X'}\n"
    )
    assert not out.exists() and list(tmp_path.glob(".diff.json*")) == []
    assert run("compare", a).exit_code == 2
    # a matches file naming a step neither model has: file, line, the unknown id; nothing written
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("schema_version: 1\nreject:\n  - {a: A_Granska, b: Task_Nowhere}\n", encoding="utf-8")
    b = write(tmp_path, "B")
    result = run("diff", a, b, "--matches", str(unknown), "-o", str(out), "--save-matches", str(tmp_path / "m.yaml"))
    assert result.exit_code == 2
    assert result.output == (
        f"permitflow: error: {unknown}:3: reject[0].b: 'Task_Nowhere' is not a step of a, b "
        "(expected a step id of the models compared)\n"
    )
    assert not out.exists() and not (tmp_path / "m.yaml").exists()
    deep = tmp_path / "deep.yaml"
    deep.write_text("groups: " + "[" * 60 + "]" * 60 + "\n", encoding="utf-8")
    result = run("diff", a, a, "--synonyms", str(deep))
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "nested deeper than 50" in result.output


def test_files_of_the_same_name_are_named_by_their_folders(tmp_path: Path) -> None:
    (tmp_path / "signavio").mkdir()
    (tmp_path / "bpmn-io").mkdir()
    a = Path(write(tmp_path / "bpmn-io", "A"))
    b = Path(write(tmp_path / "signavio", "A", decider="Arbetsutskottet"))
    assert a.name == b.name
    lines = run("diff", str(a), str(b)).output.splitlines()
    assert lines[0] == "bpmn-io/a (A, 5 steps) vs signavio/a (B, 5 steps)"
    data = json.loads(run("compare", str(a), str(b), str(a), "--format", "json").output)
    assert data["models"] == ["bpmn-io/a", "signavio/a", "bpmn-io/a (2)"]


def test_a_model_given_twice_is_its_name_and_name_2_not_named_by_its_folder(tmp_path: Path) -> None:
    # README, "Comparing models": "a model given twice is compared with itself, its second copy named `a (2)`";
    # the same file given twice was named by its folder as if two files shared the name ("tmp/a", "tmp/a (2)")
    a = write(tmp_path, "A")
    data = json.loads(run("compare", a, a, "--format", "json").output)
    assert data["models"] == ["a", "a (2)"]
    assert run("diff", a, str(tmp_path / "." / "a.yaml")).output.splitlines()[0].startswith("a (A, ")


def test_a_model_and_its_conversion_in_one_folder_are_named_by_their_file_names(tmp_path: Path) -> None:
    # QA: a.yaml against a.bpmn (`convert a.yaml a.bpmn`) were "tmp/a" and "tmp/a (2)", the name the README
    # gives the second copy of one model given twice
    a = write(tmp_path, "A")
    assert run("convert", a, str(tmp_path / "a.bpmn")).exit_code == 0
    assert run("diff", a, str(tmp_path / "a.bpmn")).output.splitlines()[0].startswith("a.yaml (A, 5 steps) vs a.bpmn (B, ")
    data = json.loads(run("compare", a, str(tmp_path / "a.bpmn"), a, "--format", "json").output)
    assert data["models"] == ["a.yaml", "a.bpmn", "a.yaml (2)"]


def test_saved_matches_come_back_confirmed_and_an_edit_is_honoured(tmp_path: Path) -> None:
    a = write(tmp_path, "A")
    b = write(tmp_path, "B", visit="Telefonintervju")
    saved = tmp_path / "matches.yaml"
    first = json.loads(run("diff", a, b, "--format", "json", "--save-matches", str(saved)).output)
    text = saved.read_text(encoding="utf-8")
    assert text.count("\n  - {a: ") == len(first["matches"]) == 4
    assert '# uncertain in a: "A_Besok"  Platsbesök' in text and '# uncertain in b: "B_Besok"' in text
    assert '# - {a: "A_Besok", b: "B_Besok", models: ["a", "b"]}' in text  # the candidate, to uncomment
    # the next run honours the file: every pair confirmed, the same pairs
    again = json.loads(run("diff", a, b, "--format", "json", "--matches", str(saved)).output)
    assert [(m["a"], m["b"], m["how"]) for m in again["matches"]] == [
        (m["a"], m["b"], "confirmed") for m in first["matches"]
    ]
    # the user moves one pair to reject and adds the one the matcher missed
    lines = text.splitlines()
    granska = next(i for i, line in enumerate(lines) if '"A_Granska"' in line)
    rejected = lines.pop(granska).split("  #")[0].strip()[2:]
    edited = "\n".join(lines).replace("reject: []", f"reject:\n  - {rejected}")
    edited = edited.replace("confirm:\n", 'confirm:\n  - {a: "A_Besok", b: "B_Besok"}\n', 1)
    saved.write_text(edited, encoding="utf-8")
    last = json.loads(run("diff", a, b, "--format", "json", "--matches", str(saved)).output)
    pairs = {(tuple(m["a"]), tuple(m["b"])) for m in last["matches"]}
    assert (("A_Besok",), ("B_Besok",)) in pairs and (("A_Granska",), ("B_Granska",)) not in pairs
    assert {d["kind"] for d in last["differences"]} >= {"only_in_a", "only_in_b"}


BLAS_PROBE = """
import os, sys
import cli
status = cli.main(["compare", "helsingborg", "astorp", "landskrona", "--format", "json"])
print(os.environ.get("OPENBLAS_NUM_THREADS"), file=sys.stderr)
sys.exit(status)  # check=True: a failed comparison fails the test
"""


@pytest.mark.parametrize("setting", [None, "3"])
def test_compare_in_its_own_process_asks_blas_for_one_thread_unless_the_user_chose(setting: str | None,
                                                                                  tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS",
                                                            "OMP_NUM_THREADS")}
    env["PERMITFLOW_CACHE"] = str(tmp_path / "cache")
    if setting is not None:
        env["OPENBLAS_NUM_THREADS"] = setting
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", BLAS_PROBE], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    assert json.loads(done.stdout)["models"] == ["helsingborg", "astorp", "landskrona"]
    assert done.stderr.split()[-1] == (setting or "1")


def test_diff_text_lists_every_matched_pair_with_its_confidence(tmp_path: Path) -> None:
    # README: the three tiers are shown in every output, the matched one with a confidence
    a, b = write(tmp_path, "A"), write(tmp_path, "B", decider="Arbetsutskottet")
    result = run("diff", a, b)
    assert result.exit_code == 0, result.output
    matched = [line for line in result.output.splitlines() if line.startswith("[Matched]")]
    pairs = json.loads(run("diff", a, b, "--format", "json").output)["matches"]
    assert len(matched) == len(pairs) == 5
    decision = next(m for m in pairs if m["a"] == ["A_Beslut"])
    assert f'[Matched] "Besluta om tillstånd" in a = "Besluta om tillstånd" in b ' \
        f'({decision["confidence"]:.2f}, {decision["how"]})' in matched


def test_a_confirmed_pair_the_matches_file_cannot_apply_is_noted_not_dropped_silently(tmp_path: Path) -> None:
    a, b = write(tmp_path, "A"), write(tmp_path, "B")
    decisions = tmp_path / "m.yaml"
    decisions.write_text(
        "confirm:\n"
        "  - {a: A_Granska, b: B_Granska}\n"
        "  - {a: A_Granska, b: B_Granska}\n"  # the same pair twice (the HTML page may save it so): no note
        "  - {a: A_Granska, b: B_Besok}\n"  # A_Granska is confirmed above: this one cannot be applied
        "reject:\n"
        "  - {a: A_Beslut, b: B_Beslut}\n",
        encoding="utf-8",
    )
    decisions_2 = tmp_path / "m2.yaml"
    decisions_2.write_text(
        "confirm:\n  - {a: A_Besok, b: B_Besok}\nreject:\n  - {b: B_Besok, a: A_Besok}\n", encoding="utf-8"
    )
    data = json.loads(run("diff", a, b, "--format", "json", "--matches", str(decisions)).output)
    assert (["A_Granska"], ["B_Granska"], "confirmed") in [(m["a"], m["b"], m["how"]) for m in data["matches"]]
    overlap = [n for n in data["notes"] if "B_Besok" in n]
    assert len(overlap) == 1 and "line 4" in overlap[0] and "not used" in overlap[0]
    assert len([n for n in data["notes"] if n.startswith("match decision")]) == 1  # none for the duplicate
    both = json.loads(run("diff", a, b, "--format", "json", "--matches", str(decisions_2)).output)
    assert (["A_Besok"], ["B_Besok"], "confirmed") in [(m["a"], m["b"], m["how"]) for m in both["matches"]]
    assert [n for n in both["notes"] if "A_Besok" in n and "also rejected" in n]


def test_a_label_drawn_on_two_lines_stays_one_line_of_the_text_reports(tmp_path: Path) -> None:
    # BPMN tools keep a modeller's line break in the name ("Invoice\nreceived"): the text reports
    # must not break an entry there
    a = write(tmp_path, "A", review='"Granska\\nansökan"')
    b = write(tmp_path, "B", review='"Granska\\r\\nansökan"', decider="Arbetsutskottet")
    c = write(tmp_path, "C", visit="Telefonintervju")
    lines = run("compare", a, b, c).output.splitlines()
    assert "  - Granska ansökan" in lines
    assert not any(line.strip() == "ansökan" or line.endswith("Granska") for line in lines)
    lines = run("diff", a, b).output.splitlines()
    assert '[Matched] "Granska ansökan" in a = "Granska ansökan" in b (1.00, auto)' in lines
    assert not any(line.startswith("ansökan") for line in lines)


def test_a_missing_case_log_is_one_line_that_names_case_logs_among_what_compare_reads(tmp_path: Path) -> None:
    a = write(tmp_path, "A")
    out = tmp_path / "out.json"
    result = run("compare", a, str(tmp_path / "kommun_b.csv"), "-o", str(out))
    assert result.exit_code == 2 and result.output.count("\n") == 1 and not out.exists()
    assert result.output.startswith(
        f"permitflow: error: {tmp_path / 'kommun_b.csv'}: no such file (expected a .bpmn or .yaml model, "
        "a case log (.xes, .xes.gz, .csv) or a library name: "
    )


def test_the_markdown_variation_points_say_in_words_what_differs(tmp_path: Path) -> None:
    # a row's values alone ("before", "15m") do not say before what, or what is 15m: the row ends with the sentence
    a = write(tmp_path, "A")
    b = write(tmp_path, "B", decider="Arbetsutskottet")
    c = write(tmp_path, "C")
    lines = run("compare", a, b, c, "--format", "markdown").output.splitlines()
    assert "| kind | step | a | b | c | what |" in lines
    # the kind and the sentence in the report's words, as the HTML page and the Swedish text say them
    # (qacomptext)
    assert ("| done by different staff | Besluta om tillstånd | Socialnämnden | Arbetsutskottet | "
            "Socialnämnden | Who does “Besluta om tillstånd”: Socialnämnden in a and c; "
            "Arbetsutskottet in b. |") in lines


def test_compare_does_not_call_a_step_absent_where_the_pairwise_diff_asks_about_a_partner() -> None:
    """Found by the QA journey (2026-12-06): an own model's "Skicka remiss till Polisen" against the library's
    "Skicka remiss till Polisen (obligatorisk)" is uncertain in `diff` (a candidate asked about), but `compare`
    said it "is in hoganas; not in helsingborg, landskrona, astorp" as if the police were never consulted there.
    The presence variation now names the candidate, as the pairwise diff does."""
    model = str(Path(__file__).resolve().parents[1] / "examples" / "permit.yaml")
    pair = CliRunner().invoke(cli, ["diff", *EN, model, "helsingborg"])
    assert pair.exit_code == 0, pair.output
    assert '[Uncertain] "Komplettering inkommen" in permit: maybe "Invänta komplettering"' in pair.output
    nway = CliRunner().invoke(cli, ["compare", *EN, model, "helsingborg", "landskrona", "--format", "json"])
    assert nway.exit_code == 0, nway.output
    variations = {v["step"]: v for v in json.loads(nway.output)["variations"] if v["kind"] == "presence"}
    presence = {step: v["message"] for step, v in variations.items()}
    # as data too: the models asked about are "uncertain", not "absent", with the label asked about
    asked = variations["Komplettering inkommen"]
    assert asked["values"] == {"permit": "present", "helsingborg": "uncertain", "landskrona": "uncertain"}
    assert asked["maybe"] == {"helsingborg": "Invänta komplettering", "landskrona": "Invänta komplettering"}
    # every variation, not the first only (a name reused inside the loop once lost the later ones)
    assert variations["Beslut fattat"]["values"]["permit"] == "uncertain"
    assert variations["Beslut fattat"]["maybe"] == {"permit": "Besluta"}
    assert variations["Beslut fattat"]["message"].endswith('(uncertain: maybe "Besluta" in permit).')
    assert variations["Begär förskottsbetalning"]["maybe"] == {}
    # and the ids of the step asked about, as `steps` gives the ids of its steps (found by QA: labels only)
    assert asked["maybe_ids"] == {"helsingborg": ["Task_Invanta_Komplettering"],
                                  "landskrona": ["Task_Invanta_Komplettering"]}
    assert variations["Beslut fattat"]["maybe_ids"] == {"permit": ["Task_Beslut"]}
    assert variations["Begär förskottsbetalning"]["maybe_ids"] == {}
    data = json.loads(nway.output)
    named = {(m["name"], s["id"]): s["name"] for pair in data["pairs"] for m in (pair["a"], pair["b"])
             for s in m["steps"]}
    for v in data["variations"]:  # each id names a step of its model with the label `maybe` says
        assert v["maybe_ids"].keys() == v["maybe"].keys()
        assert all(" + ".join(named[(m, i)] for i in ids) == v["maybe"][m]
                   for m, ids in v["maybe_ids"].items())
    assert variations["Begär förskottsbetalning"]["values"]["permit"] == "absent"
    assert presence["Komplettering inkommen"] == (
        '"Komplettering inkommen" is in permit; not in helsingborg, landskrona '
        '(uncertain: maybe "Invänta komplettering" in helsingborg, landskrona).')
    assert presence["Begär förskottsbetalning"].endswith("not in permit.")  # nothing asked about: absent
    library = CliRunner().invoke(cli, ["compare", *EN, "helsingborg", "landskrona", "astorp"])
    assert library.exit_code == 0 and "uncertain" not in library.output


def test_a_file_in_the_current_folder_named_as_a_library_model_is_named_by_its_folder(tmp_path: Path,
                                                                                       monkeypatch) -> None:
    """Found by the QA journey (2026-12-06): a process developer's own hoganas.bpmn against the library's
    Höganäs was 'hoganas' and 'hoganas (2)', as if the library's model were a second copy of theirs."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "hoganas.yaml").write_bytes((Path(__file__).resolve().parents[1] / "examples" / "permit.yaml").read_bytes())
    monkeypatch.chdir(folder)
    assert run("diff", "hoganas.yaml", "hoganas").output.splitlines()[0].startswith("mine/hoganas (A, ")
    data = json.loads(run("compare", "hoganas.yaml", "hoganas", "helsingborg", "hoganas.yaml",
                          "--format", "json").output)
    assert data["models"] == ["mine/hoganas", "hoganas", "helsingborg", "mine/hoganas (2)"]


def test_compare_says_when_a_matches_file_names_models_not_compared(tmp_path: Path) -> None:
    # the diff page saved the pairs for "a-old" vs "b"; the model file is now a.yaml: compare shows
    # no per-pair notes, so stderr says which lines are not used and why (exit 0: such entries may be
    # meant for another comparison)
    a = write(tmp_path, "A")
    b = write(tmp_path, "B")
    saved = tmp_path / "matches.yaml"
    saved.write_text(
        'schema_version: 1\nconfirm:\n  - {a: A_Granska, b: B_Granska, models: ["a-old", "b"]}\nreject: []\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["compare", *EN, a, b, "--matches", str(saved)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"note: {saved}: 1 match decision (line 3) for a-old vs b not used: a-old is not among the models "
        "compared (a, b); to use them, write in their models: the names as on the command line\n"
    )
    saved.write_text(saved.read_text(encoding="utf-8").replace('"a-old"', '"a"'), encoding="utf-8")
    assert CliRunner().invoke(cli, ["compare", *EN, a, b, "--matches", str(saved)]).stderr == ""


def test_a_file_saved_from_a_run_with_matches_keeps_its_rejections(tmp_path: Path) -> None:
    # round two: the person ran with the file that rejects a pair and saves again; the new file
    # still rejects it (it said "reject: []", and the run after paired the two steps again)
    a = write(tmp_path, "A")
    b = write(tmp_path, "B")
    first = tmp_path / "matches.yaml"
    first.write_text('schema_version: 1\nreject:\n  - {a: A_Granska, b: B_Granska, models: ["a", "b"]}\n', encoding="utf-8")
    again = tmp_path / "again.yaml"
    result = run("diff", a, b, "--matches", str(first), "--save-matches", str(again))
    assert result.exit_code == 0, result.output
    text = again.read_text(encoding="utf-8")
    assert 'reject:\n  - {a: "A_Granska", b: "B_Granska", models: ["a", "b"]}  # "Granska ansökan" = ' in text
    last = json.loads(run("diff", a, b, "--format", "json", "--matches", str(again)).output)
    assert ["A_Granska"] not in [m["a"] for m in last["matches"]]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_uncertain_steps_are_followed_by_what_to_do_with_them(tmp_path: Path, fmt: str) -> None:
    # the HTML page says "confirm the right candidate"; text and Markdown said nothing after the
    # candidates, and a process developer did not know the next step
    a = write(tmp_path, "A")
    b = write(tmp_path, "B", visit="Telefonintervju")
    out = run("diff", a, b, "--format", fmt).output
    assert "Platsbesök" in out and "Telefonintervju" in out
    assert (
        "Uncertain steps are not counted as differences. To settle one, confirm its candidate in a matches "
        "file (--save-matches FILE writes one with the candidates to uncomment; the HTML diff has buttons) "
        "and run again with --matches FILE.\n" in out
    )
    # none when nothing is uncertain
    assert "To settle one" not in run("diff", a, a, "--format", fmt).output


def test_a_matches_file_naming_a_gateway_is_refused_as_not_a_step(tmp_path: Path) -> None:
    # the matcher pairs steps, never gateways: such an entry was kept and not used, with a note
    # saying its elements were "not in these two models" although the model has the gateway
    model = str(Path(__file__).resolve().parents[1] / "examples" / "permit.yaml")
    bad = tmp_path / "matches.yaml"
    bad.write_text("schema_version: 1\nconfirm:\n  - {a: Gw_Komplett, b: Task_Beslut}\n", encoding="utf-8")
    out = tmp_path / "diff.html"
    result = run("diff", model, "helsingborg", "--matches", str(bad), "--format", "html", "-o", str(out))
    assert result.exit_code == 2
    assert result.output == (
        f"permitflow: error: {bad}:3: confirm[0].a: 'Gw_Komplett' is an exclusiveGateway of permit, helsingborg, not a step "
        "(expected the id of a task, subprocess, call activity or event: gateways are not matched)\n"
    )
    assert not out.exists()


def test_a_pair_found_below_the_threshold_is_auto_as_the_readme_and_help_say(tmp_path: Path) -> None:
    # the assignment needs the threshold; the passes after it pair steps left over a little below
    steps = {
        "A": ("Ansökan inkommen", "Utredning", "Skriva tjänsteskrivelse", "Fatta beslut"),
        "B": ("Ny ansökan", "Sammanställ utredningen", "Tjänsteskrivelse", "Beslut i nämnden"),
    }
    paths = []
    for tag, (start, *tasks) in steps.items():
        lines = [f"process: {{id: P_{tag}, name: {tag}}}", "steps:", f"  - {{id: {tag}_S, event: start, name: {start}}}"]
        lines += [f"  - {{id: {tag}_{k}, task: user, name: {t}}}" for k, t in enumerate(tasks)]
        lines.append(f"  - {{id: {tag}_E, event: end, name: Klart}}")
        (tmp_path / f"{tag}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(tmp_path / f"{tag}.yaml"))
    result = run("diff", *paths, "--threshold", "0.8", "--format", "json")
    assert result.exit_code == 0, result.output
    below = [m for m in json.loads(result.output)["matches"] if m["how"] == "auto" and m["confidence"] < 0.8]
    assert len(below) == 3
    root = Path(__file__).parents[1]  # the README's matching summary lives in docs/compare.md now
    documents = " ".join(" ".join(path.read_text(encoding="utf-8").split())
                         for path in (root / "README.md", *sorted((root / "docs").glob("*.md"))))
    assert "The threshold bounds the assignment, not every pair: a pair made one to one is marked `auto`" \
        in documents
    assert "Lowest combined score of the one-to-one assignment" in " ".join(run("diff", "--help").output.split())


DANGLING = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <collaboration id="C">
    <participant id="Pool" name="Kommun" processRef="P"/>
    {message}
  </collaboration>
  <process id="P">
    <laneSet id="LS"><lane id="L1" name="Handläggare"><flowNodeRef>S</flowNodeRef>{ghost}<flowNodeRef>T</flowNodeRef><flowNodeRef>E</flowNodeRef></lane></laneSet>
    <startEvent id="S" name="Ansökan inkommen"/>
    <userTask id="T" name="Granska ansökan"/>
    <endEvent id="E" name="Beslut meddelat"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="T"/>
    <sequenceFlow id="F2" sourceRef="T" targetRef="E"/>
  </process>
</definitions>
"""


@pytest.mark.parametrize(
    ("ghost", "message", "line", "said"),
    [
        ("<flowNodeRef>Ghost_1</flowNodeRef>", "", 8, "element 'L1': lane lists flowNodeRef 'Ghost_1', which is not in "
         "process 'P' (expected the id of a flow node of 'P')"),
        ("<flowNodeRef>Ghost_1</flowNodeRef><flowNodeRef>Ghost_2</flowNodeRef>", "", 8, "element 'L1': lane lists "
         "flowNodeRef 'Ghost_1', which is not in process 'P' (expected the id of a flow node of 'P'); 1 more such "
         "reference"),  # not "1 more such reference(s)"
        ("", '<messageFlow id="MF_1" sourceRef="Ghost_3" targetRef="S"/>', 5,
         "element 'MF_1': message flow sourceRef 'Ghost_3' is neither a pool nor a flow node (expected the id of a "
         "pool or a flow node)"),
    ],
)
def test_a_lane_or_message_flow_naming_nothing_is_refused_as_validate_calls_it_an_error(
    tmp_path: Path, ghost: str, message: str, line: int, said: str
) -> None:
    # it passed diff and compare with exit 0 and no word, while validate said "error missing-ref"
    bad = tmp_path / "bad.bpmn"
    bad.write_text(DANGLING.format(ghost=ghost, message=message), encoding="utf-8")
    a = write(tmp_path, "A")
    assert run("validate", str(bad)).exit_code == 1
    out = tmp_path / "out.txt"
    for command in (["diff", str(bad), a], ["compare", a, str(bad), a]):
        result = run(*command, "-o", str(out))
        assert result.exit_code == 2 and not out.exists()
        assert result.output == (
            f"permitflow: error: {bad}:{line}: {said}; permitflow validate lists them all\n"
        )


def _export(path: Path, *, encoding: str, day_first: bool, doubled: bool) -> str:
    """A small case log as a municipality's system exports it (semicolons, Swedish names)."""
    rows = ["Ärende;Åtgärd;Datum;Handläggare"]
    for case in range(6):
        for k, activity in enumerate(("Registrera", "Granska ansökan", "Beslut")):
            day, hour = 3 + case + 2 * k, 9 + k
            when = f"{day}/3/2025 {hour}:00" if day_first else f"2025-03-{day:02d} {hour:02d}:00"
            rows.append(f"BN {case};{activity};{when};Anna Öberg")
            if doubled and case == 0 and k == 1:
                rows.append(rows[-1])
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    return str(path)


def test_diff_and_compare_of_logs_say_the_readers_notes_on_stderr(tmp_path: Path) -> None:
    # calibrate and discover said how a log was read (Windows-1252, the date form, doubled rows, events at one
    # time); diff and compare of the same logs said nothing, and the doubled row showed as a loop
    a = _export(tmp_path / "kommun_a.csv", encoding="cp1252", day_first=True, doubled=True)
    b = _export(tmp_path / "kommun_b.csv", encoding="utf-8", day_first=False, doubled=False)
    notes_a = [
        "note: kommun_a.csv: timestamps read as %d/%m/%Y (with or without a time), day first as in Sweden and Europe: "
        "no row tells day-first from month-first (no number above 12 before the year); if the export writes the month "
        "first (as in the US), give --date-format month-first",
        "note: kommun_a.csv: 1 row repeated an earlier row exactly, in every column (line 4): dropped, so it counts "
        "once",
        "note: kommun_a.csv: 20 line(s) not UTF-8, read as Windows-1252 (the first: line 1): 9 words have letters so "
        "('Ärende' on line 1; as the DOS code page 850 '─rende'), none reads better as code page 850; if names look "
        "wrong, save the log as UTF-8",
    ]
    note_b = "note: kommun_b.csv: timestamps read as ISO 8601"
    done = CliRunner().invoke(cli, ["diff", *EN, a, b, "--model", "helsingborg", "--format", "json"])
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == [*notes_a, note_b]
    data = json.loads(done.stdout)  # stdout stays the JSON alone
    assert (data["a"]["name"], data["b"]["name"]) == ("kommun_a", "kommun_b")
    done = CliRunner().invoke(cli, ["compare", *EN, b, a, b, "--model", "helsingborg"])
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == [note_b, *notes_a, note_b]


PROFILE = """\
assumption: test data
simulation:
  start: 2025-01-06
  cases: 10
  calendars:
    office: {{hours: {{mon: 08:00-16:00, tue: 08:00-16:00, wed: 08:00-16:00, thu: 08:00-16:00, fri: 08:00-16:00}}}}
  pools:
    officer: {{count: 1, calendar: office, lanes: [L_{tag}_H]}}
  arrivals: {{per_year: 50}}
  elements:
    {tag}_Besok: {{delay: {{dist: gamma, mean: {mean}, sd: {sd}}}}}
    {tag}_Granska: {{duration: {work}}}
"""


def test_a_delays_two_sides_are_in_one_unit_a_person_picks_for_its_size(tmp_path: Path) -> None:
    # a model's parameters were compared in their shortest exact unit each: "506.88h" against "30384m" (one
    # delay of about three weeks) in every form; a work duration has no days, so it stays in hours
    paths = []
    for tag, mean, sd, work in (("A", "506.88h", "3d", "90m"), ("B", "30384m", "36h", "2h"), ("C", "3w", "2d", "2h")):
        folder = tmp_path / tag.lower()
        folder.mkdir()
        (folder / "process.yaml").write_text(Path(write(tmp_path, tag)).read_text(encoding="utf-8"), encoding="utf-8")
        (folder / "profile.yaml").write_text(PROFILE.format(tag=tag, mean=mean, sd=sd, work=work), encoding="utf-8")
        paths.append(str(folder / "process.yaml"))
    a, b, c = paths
    lines = run("diff", a, b).output.splitlines()
    assert '[Changed] "Platsbesök": delay, mean is 21.12d in a, 21.1d in b.' in lines
    assert '[Changed] "Platsbesök": delay, standard deviation is 3d in a, 1.5d in b.' in lines
    assert '[Changed] "Granska ansökan": duration is 1.5h in a, 2h in b.' in lines
    data = json.loads(run("diff", a, b, "--format", "json").output)
    mean = next(d for d in data["differences"] if d["attribute"] == "profile.delay.mean")
    assert (mean["a_value"], mean["b_value"]) == ("21.12d", "21.1d")
    markdown = run("diff", a, b, "--format", "markdown").output
    assert "| 21.12d | 21.1d |" in markdown and "30384m" not in markdown
    page = run("diff", a, b, "--format", "html").output
    assert "21.12d" in page and "21.1d" in page and "30384m" not in page and "506.88h" not in page
    # compare: one unit for all the models, whichever pair the values came from
    lines = run("compare", a, b, c).output.splitlines()
    assert ("  [a step set up differently] “Platsbesök”, delay mean: 21.12d in a; 21.1d in b; 21d in c."
            in lines)


def test_a_duration_of_minutes_with_a_fraction_reads_as_it_was_written(tmp_path: Path) -> None:
    # calibrate writes work times under an hour as minutes to 3 digits ("15.5m"); the diff's canonical form was
    # hours to 6 decimals ("0.258333h"), shown back in minutes as "15.49998m" in every form, JSON included
    paths = []
    for tag, mean, work in (("A", "15.5m", "2h"), ("B", "30m", "15.5m"), ("C", "7.25m", "2h")):
        folder = tmp_path / tag.lower()
        folder.mkdir()
        (folder / "process.yaml").write_text(Path(write(tmp_path, tag)).read_text(encoding="utf-8"), encoding="utf-8")
        (folder / "profile.yaml").write_text(PROFILE.format(tag=tag, mean=mean, sd="3m", work=work), encoding="utf-8")
        paths.append(str(folder / "process.yaml"))
    a, b, c = paths
    data = json.loads(run("diff", a, b, "--format", "json").output)
    pairs = {d["attribute"]: (d["a_value"], d["b_value"]) for d in data["differences"]}
    assert pairs["profile.delay.mean"] == ("15.5m", "30m")
    # one unit for both sides: minutes, where both read exactly ("0.258333h" and "2h" did not)
    assert pairs["profile.duration"] == ("120m", "15.5m")
    lines = run("diff", a, b).output.splitlines()
    assert '[Changed] "Platsbesök": delay, mean is 15.5m in a, 30m in b.' in lines
    assert '[Changed] "Granska ansökan": duration is 120m in a, 15.5m in b.' in lines
    lines = run("compare", a, b, c).output.splitlines()
    assert ("  [a step set up differently] “Platsbesök”, delay mean: 15.5m in a; 30m in b; 7.25m in c."
            in lines)


def test_diff_and_log_counts_say_one_in_the_singular(tmp_path: Path) -> None:
    # a model of one step each and a log of one case, one event, one activity, one resource
    one = "process: {{id: P_{t}, name: Tillstånd}}\nsteps:\n  - {{id: {t}_T, task: user, name: Granska ansökan}}\n"
    for t in "AB":
        (tmp_path / f"{t.lower()}.yaml").write_text(one.format(t=t), encoding="utf-8")
    diff = run("diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert diff.output.splitlines()[:3:2] == ["a (A, 1 step) vs b (B, 1 step)",
                                              "matched: 1 pair; uncertain: 0 steps; only in one model: 0 steps; "
                                              "differences: 0"]
    log = tmp_path / "log.csv"
    log.write_text("case,activity,timestamp,resource\nc1,Granska,2025-01-07 09:00,anna\n", encoding="utf-8")
    inspect = run("log", "inspect", str(log))
    assert inspect.exit_code == 0, inspect.output
    assert "\n1 case, 1 event, 1 activity, 1 resource\n" in inspect.output


def _three_models(tmp_path: Path) -> list[str]:
    # "Granska ansökan" in all three: a–b match it (confidence 1.0), b–c too (0.955, the deciders' lanes differ)
    return [write(tmp_path, "A"), write(tmp_path, "B", decider="Arbetsutskottet"),
            write(tmp_path, "C", visit="Telefonintervju")]


def _compared_with(files: list[str], matches: Path) -> dict[str, str]:
    """``compare FILES --matches MATCHES`` in every format: format -> its output."""
    return {fmt: run("compare", *files, "--format", fmt, "--matches", str(matches)).output
            for fmt in ("json", "text", "markdown", "html")}


def test_compare_keeps_a_rejected_pair_out_of_one_row_of_the_common_core_in_every_format(tmp_path: Path) -> None:
    files = _three_models(tmp_path)
    assert "Granska ansökan" in json.loads(run("compare", *files, "--format", "json").output)["core"]
    matches = tmp_path / "m.yaml"
    matches.write_text("reject:\n  - {a: A_Granska, b: C_Granska, models: [a, c]}\n", encoding="utf-8")
    out = _compared_with(files, matches)
    data = json.loads(out["json"])
    assert data["core"] == ["Ansökan inkommen", "Besluta om tillstånd", "Beslut meddelat"]
    # split at the weaker link, b–c: a's and b's step stay one row, c's is a row of its own
    assert [(c["members"], c["apart_from"]) for c in data["clusters"] if c["label"] == "Granska ansökan"] == [
        ({"a": ["A_Granska"], "b": ["B_Granska"]}, ["Granska ansökan"]),
        ({"c": ["C_Granska"]}, ["Granska ansökan"]),
    ]
    text = out["text"]
    core = text.split("common core: ")[1].split("\n\n")[0]
    assert core.splitlines() == [
        "3 steps in every model", "  - Ansökan inkommen", "  - Besluta om tillstånd", "  - Beslut meddelat"
    ]
    assert ("[a step not in every process] “Granska ansökan” is a step in c; not in b; in a perhaps drawn as "
            "“Platsbesök” (not sure); kept apart from “Granska ansökan” as the person decided (a rejected "
            "pair).") in text
    assert "## Common core (3 steps in every model)\n\n- Ansökan inkommen\n- Besluta om tillstånd\n" in out["markdown"]
    assert ('<ul><li><span lang="sv">Ansökan inkommen</span></li><li><span lang="sv">Besluta om tillstånd</span></li>'
            '<li><span lang="sv">Beslut meddelat</span></li></ul>') in out["html"]  # the models' words: Swedish


def test_compare_joins_a_confirmed_pair_and_its_row_says_it_follows_the_decision(tmp_path: Path) -> None:
    files = _three_models(tmp_path)
    # c's "Telefonintervju" is only asked about against "Platsbesök"; confirmed for a–c, it joins that row
    matches = tmp_path / "m.yaml"
    matches.write_text("confirm:\n  - {a: A_Besok, b: C_Besok}\n", encoding="utf-8")
    out = _compared_with(files, matches)
    row = next(c for c in json.loads(out["json"])["clusters"] if c["label"] == "Platsbesök")
    assert (row["members"], row["in_core"], row["confirmed"]) == (
        {"a": ["A_Besok"], "b": ["B_Besok"], "c": ["C_Besok"]}, True, True
    )
    assert "  - Platsbesök (the person's decision: a confirmed pair)\n" in out["text"]
    assert "- Platsbesök (the person's decision: a confirmed pair)\n" in out["markdown"]
    # the step's Swedish name marked inside the English words (found by QA, qaleft)
    assert '<li><span lang="sv">Platsbesök</span> (the person&#39;s decision: a confirmed pair)</li>' in out["html"]


def test_compare_refuses_decisions_that_contradict_each_other_across_pairs(tmp_path: Path) -> None:
    files = _three_models(tmp_path)
    matches = tmp_path / "m.yaml"
    matches.write_text(
        "confirm:\n  - {a: A_Besok, b: B_Besok}\n  - {a: B_Besok, b: C_Besok}\n"
        "reject:\n  - {a: C_Besok, b: A_Besok}\n",
        encoding="utf-8",
    )
    out = tmp_path / "compare.html"
    result = run("compare", *files, "--format", "html", "--matches", str(matches), "-o", str(out))
    assert result.exit_code == 2
    assert result.output == (
        f"permitflow: error: {matches}:5: reject[0]: the pair a A_Besok / c C_Besok is rejected, but the pairs"
        " confirmed at lines 2 and 3 join its two steps (a A_Besok = b B_Besok = c C_Besok); expected decisions"
        " that agree across the pairs of models (drop the rejection or one of those confirmations)\n"
    )
    assert not out.exists() and list(tmp_path.glob(".compare.html*")) == []


def test_compare_page_colours_a_step_only_uncertain_elsewhere_as_the_diff_page_does(tmp_path: Path) -> None:
    """Found by QA: the compare page coloured "Platsbesök", which the other model may draw as "Telefonintervju"
    (uncertain in the pairwise diff), red as "not in every model", where the diff page colours it blue."""
    a = write(tmp_path, "A")
    b = write(tmp_path, "B", visit="Telefonintervju")
    c = tmp_path / "c.yaml"  # no visit at all: "Platsbesök" has no partner and no candidate in c
    c.write_text("".join(line for line in MODEL.format(tag="C", review="Granska ansökan", visit="-",
                                                       decider="Socialnämnden").splitlines(keepends=True)
                         if "C_Besok" not in line), encoding="utf-8")
    out = tmp_path / "compare.html"
    assert run("compare", a, b, "--format", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")

    def coloured(page: str, element: str) -> str:
        tag = next(t for t in re.findall(r"<g[^>]*>", page) if f'data-element-id="{element}"' in t)
        return re.search(r'class="([^"]*)"', tag).group(1)  # type: ignore[union-attr]

    assert "uncertain" in coloured(page, "A_Besok").split()
    assert "uncertain" in coloured(page, "B_Besok").split()
    assert "only-here" not in coloured(page, "A_Besok").split()
    assert '<span class="uncertain">uncertain: maybe in the other models too</span>' in page
    assert run("compare", a, b, str(c), "--format", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "only-here" in coloured(page, "A_Besok").split()  # absent from c: still red


def test_a_delegation_level_is_said_in_words_in_every_format() -> None:
    """Found by QA: `diff helsingborg orkelljunga` said the profile's code name "working_committee" beside the fact
    line's "working committee or chair"."""
    for fmt in ("text", "markdown", "json", "html"):
        out = run("diff", "helsingborg", "orkelljunga", "--format", fmt).output
        assert "working_committee" not in out, fmt
        assert "the working committee decides [assumed] in Örkelljunga" in out or (
            "working committee [assumed] in B" in out), fmt
    # the sentence a manager reads: who decides, not "delegation is the committee" (found by QA, qaleft); the JSON
    # keeps its message with the profile's key (docs/diff-schema.md)
    text = run("diff", "helsingborg", "orkelljunga").output
    assert ('[Changed] "Besluta om serveringstillstånd": the committee decides [assumed] in Helsingborg, the working '
            "committee decides [assumed] in Örkelljunga.") in text
    assert "delegation is" not in text
    data = json.loads(run("diff", "helsingborg", "orkelljunga", "--format", "json").output)
    assert [d["message"] for d in data["differences"] if d["attribute"] == "profile.delegation"] == [
        '"Besluta om serveringstillstånd": delegation is committee [assumed] in A, working committee [assumed] in B.']
    markdown = run("diff", "helsingborg", "orkelljunga", "--format", "markdown").output
    assert "| Changed | the committee | the working committee |" in markdown  # its cells as the sentence says them
    nway = run("compare", "helsingborg", "orkelljunga", "landskrona").output
    # compare says the report's sentence, the level in words as the Swedish text and the HTML page say it
    # (qacomptext), who decides as the diff says it (qaleft)
    assert ("“Besluta om serveringstillstånd”: the committee decides in Helsingborg and Landskrona; the working "
            "committee decides in Örkelljunga." in nway)
    assert "working_committee" not in nway
    table = run("compare", "helsingborg", "orkelljunga", "--format", "markdown", "--output-language", "sv").output
    assert "| Besluta om serveringstillstånd | nämnden | arbetsutskottet |" in table  # not "committee"


def test_an_empirical_fit_is_compared_by_its_mean_and_spread_not_value_by_value(tmp_path) -> None:
    # diff 2025.csv 2026.csv --model helsingborg listed fifty quantiles per step ("duration.values is 8.64m, 15m,
    # 15m, ...") and, against a gamma fit, "delay.mean is 20.89d in A, not set in B"
    from processes.diff.differences import canonical_params

    empirical = {"delay": {"dist": "empirical", "values": ["1h", "2h", "3h", "6h"], "source": "log l.csv"}}
    assert canonical_params(empirical) == {"delay": {"dist": "empirical", "source": "log l.csv", "mean": "3h",
                                                     "sd": "1.871h"}}  # sqrt(14 / 4)
    # values not all durations stay as written
    odd = {"delay": {"dist": "empirical", "values": ["1h", "soon"]}}
    assert canonical_params(odd) == odd


def test_the_html_pages_say_that_swedish_models_words_are_swedish(tmp_path: Path) -> None:
    """Found by QA: the English page (lang="en") showed the models' Swedish step labels unmarked, so a screen
    reader read "Granska ansökan" with English sounds. Its diagrams, the matched steps, the uncertain steps and
    their candidates, and each label a difference quotes are marked lang="sv"; its own words stay English."""
    from lxml import html as lxml_html

    a, b = write(tmp_path, "A"), write(tmp_path, "B", visit="Telefonintervju", decider="Arbetsutskottet")
    assert run("diff", a, b, "--format", "html", "-o", str(tmp_path / "diff.html")).exit_code == 0
    page = lxml_html.parse(str(tmp_path / "diff.html")).getroot()
    assert page.get("lang") == "en"
    assert [svg.get("lang") for svg in page.iter("svg")] == ["sv", "sv"]
    swedish = [e.text_content() for e in page.xpath("//span[@lang='sv']")]
    cells = [td for tr in page.xpath("//table[@id='matches']//tr[@data-match]") for td in tr[:2]]
    assert cells and all([span.get("lang") for span in td] == ["sv"] for td in cells)
    assert "Granska ansökan" in swedish and "Besluta om tillstånd" in swedish
    uncertain = page.xpath("//ol[@id='uncertain']/li")
    assert uncertain and all(li.xpath("span[@lang='sv']") and li.xpath(".//li/span[@lang='sv']") for li in uncertain)
    changed = next(li for li in page.xpath("//ol[@class='differences']/li")
                   if "Done by Socialnämnden" in li.text_content())
    # the step it quotes, and each side's performer (a lane's name: found by QA, it had no lang)
    assert [s.text_content() for s in changed.xpath("span[@lang='sv']")] == [
        "Socialnämnden", "Arbetsutskottet", "Besluta om tillstånd"]
    assert not any(w in " ".join(swedish) for w in ("matched", "confidence", "Differences", "reject"))

    c = write(tmp_path, "C", visit="Telefonintervju")
    assert run("compare", a, b, c, "--format", "html", "-o", str(tmp_path / "compare.html")).exit_code == 0
    page = lxml_html.parse(str(tmp_path / "compare.html")).getroot()
    assert page.get("lang") == "en" and [svg.get("lang") for svg in page.iter("svg")] == ["sv"] * 3
    core = page.xpath("//h2[starts-with(., 'Common core')]/following-sibling::ul[1]/li")
    assert [li.xpath("span/@lang") for li in core] == [["sv"]] * 4
    # a performer named in a variation (a lane's name, without quotes) in its model's language too; the variation
    # in the report's sentence (found by QA, qacompen: the English page said the diff's "Done by — a: ...")
    who = next(li for li in page.xpath("//ol[@class='differences']/li") if "Who does" in li.text_content())
    assert {"Socialnämnden", "Arbetsutskottet"} <= {s.text_content() for s in who.xpath("span[@lang='sv']")}


def test_the_fact_values_say_their_models_language(tmp_path: Path) -> None:
    """Found by QA: a fact's value (a fee, an e-service, a deciding body, as a profile writes it) was unmarked on
    the English diff and compare pages. Each side's value is in its model's language (the library's models draw
    their steps in Swedish), as the models' step labels are."""
    from lxml import html as lxml_html

    assert run("diff", "helsingborg", "klippan", "--format", "html", "-o", str(tmp_path / "diff.html")).exit_code == 0
    page = lxml_html.parse(str(tmp_path / "diff.html")).getroot()
    facts = {li.text_content(): [s.text_content() for s in li.xpath("span[@lang='sv']")]
             for li in page.xpath("//ol[@class='differences']/li[contains(@class, 'fact')]")}
    # a value the English words quote is marked; one they say in English ("unknown", "11,700 kronor") is not
    # (found by QA, qacompen: the English page said the facts in the code's words, then marked "yes" Swedish)
    body = next(said for text, said in facts.items() if text.startswith("Factdeciding body: Social services"))
    assert body == ["Socialnämnden"]
    fee = next(said for text, said in facts.items() if text.startswith("Factapplication fee: 11,700 kronor"))
    assert fee == []
    assert run("compare", "helsingborg", "klippan", "astorp", "--format", "html",
               "-o", str(tmp_path / "compare.html")).exit_code == 0
    page = lxml_html.parse(str(tmp_path / "compare.html")).getroot()
    cells = page.xpath("//h2[@id='facts-heading']/following::table[1]//tr[td]/td")
    # as on the diff page: a value the English words quote marked, the English words not (found by QA, qaleft:
    # every cell was marked Swedish whole, "unknown" and "Social services committee (Socialnämnden)" too)
    marked = [e.text_content() for td in cells for e in td.xpath("descendant-or-self::*[@lang='sv']")]
    assert "Socialnämnden" in marked
    assert not [t for t in marked if re.search(r"\b(?:unknown|yes|kronor|committee)\b", t)], marked
    assert "unknown" in [td.text_content() for td in cells if td.get("lang") is None]


def test_the_reports_bilingual_comparison_marks_each_performer_and_a_quoted_original(tmp_path: Path) -> None:
    """Found by QA (qasure): the report's bilingual comparison said "Done by … Socialnämnden" (a lane's name)
    and "Social services committee (Socialnämnden)" (a fact's value as its profile writes it) with English
    sounds."""
    from bpmn_io.authoring import read_authoring
    from processes.diff import builtin_synonyms, compare_models, prepare
    from report.diff_html import comparison_html
    from report.embed import library_comparison_section

    models = {tag.lower(): read_authoring(write(tmp_path, tag, decider=decider))
              for tag, decider in (("A", "Socialnämnden"), ("B", "Arbetsutskottet"))}
    comparison = compare_models([prepare(m, n) for n, m in models.items()], synonyms=builtin_synonyms())
    page = comparison_html(comparison, models, bilingual=True)
    english = [m for m in re.findall(r'<span class="en" lang="en">(.*?)</span><span class="sv"', page)
               if "Who does" in m]
    assert any('<span lang="sv">Socialnämnden</span>' in m and '<span lang="sv">Arbetsutskottet</span>' in m
               for m in english), english
    section = library_comparison_section(["helsingborg", "landskrona"])
    assert 'Social services committee (<span lang="sv">Socialnämnden</span>)' in section


def test_markdown_heads_a_step_only_in_one_model_by_that_model_s_name(tmp_path: Path) -> None:
    """Found by QA (qanumbers): the Markdown headed such steps "Only in A" / "Bara i A" while the text's sentences
    and the HTML name the models; the JSON keeps its kinds only_in_a / only_in_b."""
    a = write(tmp_path, "A")
    empty = tmp_path / "pools.bpmn"
    empty.write_text(POOLS_ONLY, encoding="utf-8")
    for lang, head in (("en", "Only in"), ("sv", "Bara i")):
        result = run("diff", a, str(empty), "--format", "markdown", "--output-language", lang)
        assert result.exit_code == 0, result.output
        kinds = [line.split(" | ")[0] for line in result.output.splitlines() if line.startswith(f"| {head} ")]
        assert kinds == [f"| {head} a"] * 5
        assert f"{head} A " not in result.output
    data = json.loads(run("diff", a, str(empty), "--format", "json").output)
    assert {d["kind"] for d in data["differences"]} == {"only_in_a"}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_compare_of_models_without_facts_says_there_are_none_in_every_format(tmp_path: Path, lang: str) -> None:
    """Found by QA (qawalk): three tools' BPMN files compared ended on a bare "facts" line (text), an empty
    table (Markdown) and a heading "Facts: the mapping's dimensions, values from public pages (year)" over
    nothing (the page)."""
    files = [write(tmp_path, "A"), write(tmp_path, "B", decider="Arbetsutskottet"), write(tmp_path, "C")]
    none = {"en": "none (no model compared has a profile with facts", "sv": "inga (ingen av modellerna har en"}[lang]
    text = run("compare", *files, "--output-language", lang).output
    assert text.splitlines()[-1].startswith(f"{'facts' if lang == 'en' else 'fakta'}: {none}"), text
    markdown = run("compare", *files, "--format", "markdown", "--output-language", lang).output
    assert markdown.rstrip().splitlines()[-1].startswith(none[:1].upper() + none[1:])
    assert "| fact |" not in markdown and "| fakta |" not in markdown
    page = tmp_path / "c.html"
    assert run("compare", *files, "--format", "html", "-o", str(page), "--output-language", lang).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "public pages" not in html and "offentliga sidor" not in html
    assert f'<p class="meta">{none[:1].upper() + none[1:]}' in html
    with_facts = run("compare", "helsingborg", "landskrona", "astorp", "--output-language", lang).output
    assert none not in with_facts


def test_a_time_written_as_a_value_against_a_distribution_is_said_as_a_fixed_one(tmp_path: Path) -> None:
    """Found by QA (qawalk): Landskrona's lognormal registration against a model of one's own with `duration: 1h`
    read "duration is not set in Landskrona, 1h in ..." above "duration.dist is lognormal in Landskrona"; now the
    value is a fixed distribution's and every key is said in words (the JSON's messages keep the keys)."""
    paths = []
    for tag, work in (("A", "{dist: lognormal, mean: 30m, sd: 15m}"), ("B", "1h")):
        folder = tmp_path / tag.lower()
        folder.mkdir()
        (folder / "process.yaml").write_text(Path(write(tmp_path, tag)).read_text(encoding="utf-8"), encoding="utf-8")
        (folder / "profile.yaml").write_text(PROFILE.format(tag=tag, mean="3w", sd="1w", work=work), encoding="utf-8")
        paths.append(str(folder / "process.yaml"))
    lines = [line for line in run("diff", *paths).output.splitlines() if '"Granska ansökan": duration' in line]
    assert lines == ['[Changed] "Granska ansökan": duration, distribution is lognormal in a, fixed in b.',
                     '[Changed] "Granska ansökan": duration, mean is 30m in a, not set in b.',
                     '[Changed] "Granska ansökan": duration, standard deviation is 15m in a, not set in b.',
                     '[Changed] "Granska ansökan": duration, value is not set in a, 1h in b.']
    data = json.loads(run("diff", *paths, "--format", "json").output)
    assert {d["attribute"] for d in data["differences"] if "Granska" in d["message"]} == {
        "profile.duration.dist", "profile.duration.mean", "profile.duration.sd", "profile.duration.value"}
    swedish = run("diff", *paths, "--output-language", "sv").output
    (line,) = [line for line in swedish.splitlines() if '"Granska ansökan": tid, värde' in line]
    # a profile that names no municipality: the model by its file, not "i as modell" (found by QA, qawalk)
    assert line == '[Ändrat] "Granska ansökan": tid, värde är inte angivet i modellen a, 1h i modellen b.'
