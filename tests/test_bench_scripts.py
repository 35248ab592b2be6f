"""The scripts of bench/ that `make bench` does not run: each still gets through its own set-up and says
what it measured (small checks of the parts that rotted; the measurements themselves are not run here)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import shared
from benchscript import ROOT, bench_script


def test_engine_identity_builds_every_run_it_fingerprints() -> None:
    # remiss.yaml replays one arrival date: asking it for 2,000 cases is refused since f98cd36, so the
    # script stopped after the M/M/1 runs; it asks for as many cases as dates now (what it simulated before)
    identity = bench_script("engine_identity.py", "engine_identity_for_tests")
    runs = {label: params for label, _process, params in identity.models()}
    assert len(runs) * len(identity.SEEDS) == 72
    assert runs["remiss-None"].cases == 1
    assert runs["mm1-1"].cases == runs["mm1-3"].cases == runs["seqweekly-None"].cases == 2000


def test_outputs_identity_fingerprints_the_report_without_its_code_version() -> None:
    # run's rows hashed summary.*, cases.csv and the event logs but not report.html, so a change that moved
    # only the report (its questions, notes or plots) showed every fingerprint unchanged
    identity = bench_script("outputs_identity.py", "outputs_identity_for_tests")
    assert "report.html" in identity.RUN_FILES
    line = next(x for x in (ROOT / "report" / "templates" / "report.html.j2").read_text(encoding="utf-8").splitlines()
                if "doc.code_version" in x)

    def report(version: str, study: str = "e-service") -> bytes:
        return (study + line.replace("{{ doc.code_version }}", version)).encode()  # anything else still counts

    assert identity.short(report("cb04675e3828ba67")) == identity.short(report("ead1fdbd22eb789f"))
    assert identity.short(report("cb04675e3828ba67")) != identity.short(report("cb04675e3828ba67", "other"))


def test_study_meaning_names_the_models_it_leaves_out(capsys: pytest.CaptureFixture[str]) -> None:
    # a model whose package is not installed was left out without a word (the tables simply lacked
    # its rows, --cost printed an empty table) and asking for it by name ended in ModuleNotFoundError
    meaning = bench_script("study_meaning.py", "study_meaning_for_tests")
    absent = [m for m in meaning.MODELS if m not in meaning.available_models()]
    if not absent:
        pytest.skip("every meaning model's package is installed here")
    with pytest.raises(SystemExit) as refused:
        meaning.main(["--pairs", "p1", "--models", absent[0]])
    assert refused.value.code == 2
    assert f"--models {absent[0]}: not installed (package {meaning.PACKAGE[absent[0]]})" in capsys.readouterr().err
    assert meaning.main(["--pairs", "p1"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("left out, package not installed: ") and f"{absent[0]} (" in first


def test_simod_side_by_side_without_simod_stops_at_once_in_one_line(tmp_path: Path) -> None:
    # without Simod, `all` split the log (a minute) and then ended in a FileNotFoundError traceback
    simod = bench_script("simod_side_by_side.py", "simod_side_by_side_for_tests")
    python = tmp_path / "no-simod" / "bin" / "python"
    steps = ["split", "simod", "prosimos", "permitflow", "score"]
    assert simod.missing(steps, tmp_path, python) == f"{python.parent / 'simod'}: Simod is not installed " \
        "(make simod-env, or --simod-python PATH)"
    assert simod.missing(["permitflow"], tmp_path, python) == f"{tmp_path / 'train.csv'}: not found (run the " \
        "step 'split' first)"
    assert simod.missing(["split", "permitflow", "score"], tmp_path, python) is None


@pytest.mark.shared("data/logs/BPIC15_1.xes.gz")
def test_simod_side_by_side_all_without_simod_exits_1_in_one_line(tmp_path: Path) -> None:
    python = tmp_path / "no-simod" / "bin" / "python"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "simod_side_by_side.py"), "all", "--kept-activities",
                           "--work", str(tmp_path / "work"), "--simod-python", str(python)],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"{python.parent / 'simod'}: Simod is not installed (make simod-env, or "
                                        "--simod-python PATH)"]
    assert not (tmp_path / "work").exists()


def test_bench_uncertainty_claims_identity_only_when_it_compared(capsys: pytest.CaptureFixture[str]) -> None:
    # `--workers 2` (bench/RESULTS-uncertainty.md's command) ran one worker count and still printed
    # "byte-identical across worker counts"; --points 1 ended in a traceback
    uncertainty = bench_script("bench_uncertainty.py", "bench_uncertainty_for_tests")
    with pytest.raises(SystemExit) as refused:
        uncertainty.main(["--points", "1"])
    assert refused.value.code == 2
    assert "--points 1: expected at least 2 assumption points" in capsys.readouterr().err
    uncertainty.main(["--points", "2", "--workers", "1"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("workers 1: 30 work units, ")
    assert lines[-1] == "one run (--workers 1): no other document to compare with"


def _bench_logs(*args: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PERMITFLOW_SHARED"}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_logs.py"), "--steps", "inspect", "--events", "20",
                           *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-400:]
    return done.stdout.splitlines()


@pytest.mark.shared("data/logs/BPIC15_1.xes.gz")
def test_bench_logs_finds_bpic_beside_the_checkout_by_default() -> None:
    # the default was ROOT.parent.parent / "shared" (/shared for /work/main): the documented
    # `bench/bench_logs.py` measured neither BPIC15_1 row and said nothing about it
    rows = _bench_logs()
    assert any(row.startswith("| log inspect BPIC15_1.xes.gz (52,217 events) | ") for row in rows), rows


def test_bench_logs_says_when_it_skips_the_bpic_rows(tmp_path: Path) -> None:
    rows = _bench_logs("--bpic", str(tmp_path / "absent.xes.gz"))
    assert f"| BPIC15_1 rows (inspect, discover) | skipped: {tmp_path / 'absent.xes.gz'} not found | | |" in rows
    assert any(row.startswith("| log inspect generated 20-event XES.gz") for row in rows)


def test_bench_layout_names_why_a_size_failed(tmp_path: Path) -> None:
    # a --dot that cannot run (Debian's /usr/bin/dot, the docstring's example, is not on every machine)
    # ended in the parent's CalledProcessError traceback; the child's reason was never shown
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_layout.py"), "--sizes", "250", "--dot",
                           str(tmp_path / "dot")], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"bench_layout.py: 250 tasks: processes.errors.PermitflowError: cannot run "
                                        f"Graphviz ({tmp_path / 'dot'}): No such file or directory"]


def test_prosimos_side_by_side_refuses_an_agreement_table_of_one_replication(
        capsys: pytest.CaptureFixture[str]) -> None:
    # one replication has no 95 % interval: every row said "nan" and "overlap NO", as if the tools disagreed
    side = bench_script("prosimos_side_by_side.py", "prosimos_side_by_side_for_tests")
    with pytest.raises(SystemExit) as refused:
        side.main(["--check", "--replications", "1"])
    assert refused.value.code == 2
    assert "--replications 1: the agreement table's 95% intervals need at least 2" in capsys.readouterr().err


def test_bench_scripts_write_per_cent_in_english_as_english_does() -> None:
    # found by QA (qawords3): English lines said "95 %" and "12.5 %" (the Swedish spacing; processes.numbers
    # writes "95%" in English)
    road = bench_script("bench_road.py", "bench_road_for_tests")
    assert road.serial_line(1.0, 8.0) == "serial CPU 1.00 of 8.00 (12.5%): Amdahl bound on 2 workers 1.78x"
    waits = bench_script("bench_censored_wait.py", "bench_censored_wait_for_tests")
    assert waits.TABLE_HEAD == ("| seed | family | fitted mean, h | 95% interval, h | covers | completed "
                                "| cut off by the timer |")


def test_bench_startup_says_which_commands_it_timed(capsys: pytest.CaptureFixture[str]) -> None:
    # --only was left out of the table's heading (it read as a run of all five commands) and a label
    # that is not one of them gave an empty table with exit 0
    startup = bench_script("bench_startup.py", "bench_startup_for_tests")
    with pytest.raises(SystemExit) as refused:
        startup.main(["--runs", "1", "--only", "library,nosuch"])
    assert refused.value.code == 2
    assert "--only nosuch: expected labels of --help, library, facts, validate, simulate" in capsys.readouterr().err
    assert startup.main(["--runs", "1", "--only", "library"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("`bench/bench_startup.py --runs 1 --only library` on ")
    assert [line.split(" | ")[0] for line in out if line.startswith("| `")] == ["| `library`"]


def test_screenshots_options_parse_and_name_every_picture_the_docs_show(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # docs/images/*.png dated from 2026-11-27 and no script made them again; bench/screenshots.py does (its
    # pictures are not taken here: a browser and the bundled study, about 30 s)
    shots = bench_script("screenshots.py", "screenshots_for_tests")
    args = shots.parser().parse_args(["--results", str(tmp_path), "--out", str(tmp_path / "o"), "--only",
                                      "web-what-if", "report-badges", "--seed", "7", "--colours", "64"])
    assert (args.results, args.out, args.only, args.seed, args.colours) == \
        (tmp_path, tmp_path / "o", ["web-what-if", "report-badges"], 7, 64)
    assert shots.parser().parse_args([]).out == ROOT / "docs" / "images"
    for refused in (["--only", "report-scenarios"], ["--colours", "300"], ["--seed", "x"]):
        with pytest.raises(SystemExit) as stop:
            shots.parser().parse_args(refused)
        assert stop.value.code == 2
    assert shots.main(["--results", str(tmp_path)]) == 2  # no report.html there: refused before any browser starts
    assert "no report.html there" in capsys.readouterr().err
    # the pictures it makes are the ones docs/images holds, and README.md shows each of them
    assert {path.stem for path in (ROOT / "docs" / "images").glob("*.png")} == set(shots.PICTURES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"](docs/images/{name}.png)" in readme for name in shots.PICTURES)


def test_every_image_the_readme_and_docs_show_exists() -> None:
    # found when the screenshots were made again: a renamed picture would leave a broken image in the README
    for doc in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))):
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).is_file(), f"{doc.relative_to(ROOT)} shows {target}, which does not exist"


@pytest.mark.parametrize("script", ["diff_identity.py", "outputs_identity.py"])
def test_identity_tools_answer_help_and_refuse_a_folder_that_is_no_source_tree(script: str, tmp_path: Path) -> None:
    # `--help` was taken for SOURCE: the first command ran in a folder named "--help" and stopped in a traceback
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), "--help"], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith(f"usage: {script} [-h] [source]"), done.stderr
    assert "SOURCE" in done.stdout  # the module doc: what to pass and how to compare two trees
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), str(tmp_path)], capture_output=True,
                          text=True, check=False, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines()[-1] == f"{script}: error: {tmp_path} is not a permitflow source tree " \
        "(it has no cli.py)"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_proctree_finds_children_and_grandchildren_but_not_the_root() -> None:
    proctree = bench_script("proctree.py", "proctree")
    child = subprocess.Popen([sys.executable, "-c", "import subprocess; p = subprocess.Popen(['sleep', '30']); "
                              "print(p.pid, flush=True); p.wait()"], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    grandchild = int(child.stdout.readline())
    try:
        assert {child.pid, grandchild} <= proctree.descendants(os.getpid())
        assert proctree.descendants(child.pid) == {grandchild}
        assert os.getpid() not in proctree.descendants(os.getpid())
        assert proctree.parents()[grandchild] == child.pid
    finally:
        os.kill(grandchild, signal.SIGKILL)
        child.communicate(timeout=30)


def test_engine_identity_answers_help_without_running() -> None:
    # `--help` was ignored: the 72 runs (about 25 CPU s) started and printed their fingerprints
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "engine_identity.py"), "--help"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: engine_identity.py")
    assert "mm1-1" not in done.stdout
    wrong = subprocess.run([sys.executable, str(ROOT / "bench" / "engine_identity.py"), "--nosuch"], capture_output=True,
                           text=True, timeout=60, check=False)
    assert wrong.returncode == 2 and "unrecognized arguments: --nosuch" in wrong.stderr


@pytest.mark.interop
def test_interop_simulate_reads_the_143_files_and_says_a_refusal_in_its_one_line() -> None:
    # its table is bench/RESULTS-interop-simulate.md; one file through both commands, and the line it keeps
    table = bench_script("interop_simulate.py", "interop_simulate_for_tests")
    files = table.corpus_files()
    assert len(files) == 143
    assert table.simulates(next(f for f in files if f.name == "C.6.0.bpmn")) == (True, "")
    said = "permitflow: error: /tmp/x/m.bpmn:3: process 'P' cannot be simulated: 1 element(s) not executable\n"
    assert table.reason("note: something\n" + said) == "process 'P' cannot be simulated: 1 element(s) not executable"


def test_completions_only_writes_each_complete_event_of_the_xes_in_its_order() -> None:
    # the README's log without start times (its figures were measured on a log made by hand)
    script = bench_script("completions_only.py", "completions_only_for_tests")
    event = ('<event><string key="concept:name" value="{0}"/><string key="lifecycle:transition" value="{1}"/>'
             '<string key="org:resource" value="{2}"/><string key="permitflow:element" value="Task_{0}"/>'
             '<date key="time:timestamp" value="{3}"/></event>')
    xes = ('<log xmlns="http://www.xes-standard.org/"><trace><string key="concept:name" value="7"/>'
           + event.format("A", "start", "registry", "2025-01-03T08:00:00.000+00:00")
           + event.format("A", "complete", "registry", "2025-01-03T08:14:27.906+00:00")
           + event.format("Svar", "start", "none", "2025-01-03T08:14:27.906+00:00")
           + event.format("Svar", "complete", "none", "2025-01-24T10:00:00.000+00:00")
           + "</trace></log>").encode()
    assert script.completions_only(xes).splitlines() == [
        "case_id,activity,timestamp,resource,element",
        "7,A,2025-01-03T08:14:27.906+00:00,registry,Task_A",
        "7,Svar,2025-01-24T10:00:00.000+00:00,none,Task_Svar",
    ]


def test_discover_truth_finds_the_steps_on_a_cycle_of_the_true_model() -> None:
    # the measure of qadisc2: the referral answers lie outside Helsingborg's supplement loop, the check inside it
    from bpmn_io.library import library_paths
    from bpmn_io.reader import read_bpmn

    truth = bench_script("discover_truth.py", "discover_truth_for_tests")
    looped = truth.in_loops(read_bpmn(library_paths("helsingborg")[0]).process())
    assert {"Granska ansökans fullständighet", "Begär komplettering", "Invänta komplettering"} <= looped
    assert not {n for n in looped if n.startswith("Remissvar")}


def test_open_items_opens_a_clerks_rows_when_their_case_landed() -> None:
    # the README's log whose one clerk keeps cases open (qalog5): each officer row starts at its case's previous
    # completion, or --days before its own completion when that is later; others keep their start
    script = bench_script("open_items.py", "open_items_for_tests")
    event = ('<event><string key="concept:name" value="{0}"/><string key="lifecycle:transition" value="{1}"/>'
             '<string key="org:resource" value="{2}"/><date key="time:timestamp" value="{3}"/></event>')
    trace = ('<trace><string key="concept:name" value="{0}"/>'
             + event.format("Reg", "start", "registry", "2025-01-{1}T08:00:00+00:00")
             + event.format("Reg", "complete", "registry", "2025-01-{1}T08:15:00+00:00")
             + event.format("Granska", "start", "officer", "2025-01-{2}T10:00:00+00:00")
             + event.format("Granska", "complete", "officer", "2025-01-{2}T12:00:00+00:00") + "</trace>")
    xes = ('<log xmlns="http://www.xes-standard.org/">' + trace.format("1", "06", "08") + trace.format("2", "07", "09")
           + "</log>").encode()
    rows = script.opened_on_landing(script.instances(xes), "officer", "karin", 3.0)
    assert [(r[0], r[1], r[2].isoformat(), r[4]) for r in rows] == [
        ("1", "Reg", "2025-01-06T08:00:00+00:00", "registry"),
        ("1", "Granska", "2025-01-06T08:15:00+00:00", "karin"),  # landed at the registration
        ("2", "Reg", "2025-01-07T08:00:00+00:00", "registry"),
        ("2", "Granska", "2025-01-07T08:15:00+00:00", "karin")]
    assert script.most_open(rows, "karin") == 2  # the two reviews open at once on 7 and 8 January
    later = script.opened_on_landing(script.instances(xes), "officer", "karin", 0.5)
    assert later[1][2].isoformat() == "2025-01-08T00:00:00+00:00"  # half a day before its 12:00 completion


@pytest.mark.interop
def test_bench_language_knows_the_language_of_every_interop_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # the truth of bench/RESULTS-language.md was read by hand: a file added to ../shared/interop without a row
    # in bench/language/interop-truth.csv stops the script with the file's name, not a table one model short
    language = bench_script("bench_language.py", "bench_language_for_tests")
    monkeypatch.setattr(language, "SHARED", shared.SHARED)
    rows = [(group, truth) for group, truth, _path in language.models()]
    corpus = [p for p in shared.INTEROP.rglob("*") if p.suffix in (".bpmn", ".bpmn2", ".xml")]
    assert len([r for r in rows if r[0] == "interop"]) == len(corpus) == 143
    assert ("interop", "de") in rows and ("library", "sv") in rows
    assert language.right("de", "other") and not language.right("de", "sv") and language.right("en", "en")
