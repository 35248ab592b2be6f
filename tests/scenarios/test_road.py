"""The one road: settings by one rule, overrides by one parser, checks with file and line, pairable baselines."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError
from scenarios.loader import bundled_study, read_any, read_scenario, read_study
from scenarios.options import one_scenario_study
from scenarios.overrides import parse_assignment
from scenarios.road import execute, prepare, run_study
from scenarios.settings import BUILT_IN

MINI = "base: {bpmn: mini.bpmn, profile: mini.yaml}\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- one parser for values


@pytest.mark.parametrize("text, value", [
    ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("NO", "NO"),  # text, as in profile files
    ("true", True), ("False", False),
    ("3d", "3d"), ("8w", "8w"), ("30m", "30m"),  # duration texts the profile parser reads
    ("2", 2), ("0.5", 0.5), ("1e3", 1000.0), ("017", "017"), ("0o17", 15), ("9:30", "9:30"),
    ("2025-03-01", __import__("datetime").date(2025, 3, 1)),
    ("[1, 2]", [1, 2]), ("{Flow_A: 0.75, Flow_B: 0.25}", {"Flow_A": 0.75, "Flow_B": 0.25}),
])
def test_a_set_value_is_read_by_the_profile_files_rules(text: str, value: object) -> None:
    assert parse_assignment(f"x={text}") == ("x", value)
    assert load_yaml(f"x: {text}\n").data == {"x": value}  # what a profile or scenario file gives


def test_set_scenario_and_profile_file_agree_end_to_end(workdir: Path) -> None:
    """``holidays: NO`` is Norway in a profile file, in a scenario's set: and in --set alike."""
    profile = (workdir / "mini.yaml").read_text(encoding="utf-8")
    write(workdir, "norway.yaml", profile.replace("holidays: SE", "holidays: NO").replace("warmup: 2w", "warmup: 3d"))
    by_file = read_scenario(write(workdir, "a.yaml", "base: {bpmn: mini.bpmn, profile: norway.yaml}\n"))
    by_set = read_scenario(write(workdir, "b.yaml", MINI + "set:\n  simulation.calendars.office.holidays: NO\n"
                                 "  warmup: 3d\n"))
    by_option = one_scenario_study(str(workdir / "mini.bpmn"), profile=str(workdir / "mini.yaml"),
                                   sets=("calendars.office.holidays=NO", "warmup=3d")).scenarios[0]
    profiles = [s.points[0].members[0].profile for s in (by_file, by_set, by_option)]
    assert [p["simulation"]["calendars"]["office"]["holidays"] for p in profiles] == ["NO", "NO", "NO"]
    assert [p["simulation"]["warmup"] for p in profiles] == ["3d", "3d", "3d"]
    assert profiles[0] == profiles[1] == profiles[2]


# --------------------------------------------------------------------------- paths and prefixes


def test_a_one_item_base_list_takes_the_readme_s_prefixed_keys(tmp_path: Path) -> None:
    one = read_scenario(write(tmp_path, "s.yaml", "base: [helsingborg]\nset:\n"
                              "  helsingborg.simulation.decision.delegation: officer\n"
                              "  helsingborg.pools.officer.count: 3\n"))
    sim = one.points[0].members[0].profile["simulation"]
    assert (sim["decision"]["delegation"], sim["pools"]["officer"]["count"]) == ("officer", 3)


@pytest.mark.parametrize("base, key, expected", [
    ("[helsingborg]", "helsinborg.simulation.decision.delegation",
     r":3: helsinborg\.simulation\.decision\.delegation: unknown key 'helsinborg' \(expected the process name "
     r"\(helsingborg\) or a profile key: .*\(did you mean 'helsingborg'\?\)"),
    ("helsingborg", "simulaton.decision.delegation",
     r":3: simulaton\.decision\.delegation: unknown key 'simulaton' .*\(did you mean 'simulation'\?\)"),
    ("[helsingborg, landskrona]", "helsinborg.simulation.decision.delegation",
     r":3: helsinborg\.simulation\.decision\.delegation: 'helsinborg' is not a process of this scenario "
     r"\(did you mean 'helsingborg'\?\) \(expected one of helsingborg, landskrona"),
    ("[helsingborg, landskrona]", "decision.delegation",
     r":3: decision\.delegation: with several processes a path starts with the process name \(expected one of "
     r"helsingborg, landskrona, e\.g\. helsingborg\.decision\.delegation\)"),
    ("[helsingborg]", "helsingborg.simulation.decision.delegaton",
     r":3: set: helsingborg\.simulation\.decision\.delegaton='officer': unknown key 'delegaton'"),
])
def test_a_wrong_prefix_or_typo_is_named_precisely(tmp_path: Path, base: str, key: str, expected: str) -> None:
    path = write(tmp_path, "s.yaml", f"base: {base}\nset:\n  {key}: officer\n")
    with pytest.raises(InputError, match=expected):
        read_scenario(path)


def test_a_misspelt_process_name_is_shown_corrected_not_prefixed(tmp_path: Path) -> None:
    # the example path replaces the misspelt first word; prefixing it gave
    # "helsingborg.helsinborg.simulation..." which is wrong again
    path = write(tmp_path, "s.yaml", "base: [helsingborg, landskrona]\nset:\n"
                 "  landskorna.decision.delegation: officer\n")
    with pytest.raises(InputError) as caught:
        read_scenario(path)
    assert "(did you mean 'landskrona'?)" in str(caught.value)
    assert str(caught.value).endswith("e.g. landskrona.decision.delegation)")


def test_a_scenario_names_a_person_on_a_pool_without_members(workdir: Path) -> None:
    # found by QA: set: {pools.officer.members.Anna: {}} on a pool without members was an unknown key 'members'
    one = read_scenario(write(workdir, "s.yaml", MINI + "set:\n  pools.officer.members.Anna: {}\n"))
    officer = one.points[0].members[0].profile["simulation"]["pools"]["officer"]
    assert (officer["count"], officer["members"]) == (1, {"Anna": {}})
    two = write(workdir, "t.yaml", MINI + "set:\n  pools.officer.count: 2\n  pools.officer.members.Anna: {}\n")
    with pytest.raises(InputError) as caught:
        read_scenario(two)
    assert str(caught.value) == (
        f"{two}:4: set: pools.officer.members.Anna={{}}: "
        "pool 'officer': count 2 but 1 member, Anna (expected equal: the count of a pool with "
        "members is their number; to add a person give members.NAME: {} beside the count)")


# --------------------------------------------------------------------------- settings: one rule, explicit


def test_built_in_defaults_apply_to_a_file_and_to_simulate_alike(workdir: Path) -> None:
    alone = read_scenario(write(workdir, "s.yaml", MINI))
    option = one_scenario_study(str(workdir / "mini.bpmn"), profile=str(workdir / "mini.yaml")).scenarios[0]
    for s in (alone, option):
        assert (s.replications, s.seed, s.outputs) == (BUILT_IN["replications"], BUILT_IN["seed"], ("summary", "cases"))
        assert str(s.settings.origin("seed")) == "built-in default"
        assert s.points[0].members[0].run_values() == {"start": "2025-01-01", "horizon": "26w", "cases": None,
                                                      "warmup": "2w"}


def test_study_defaults_fill_only_what_a_scenario_leaves_out(workdir: Path) -> None:
    write(workdir, "own.yaml", "name: own\n" + MINI + "replications: 4\nseed: 9\nhorizon: 10w\n")
    write(workdir, "bare.yaml", "name: bare\n" + MINI)
    study = read_study(write(workdir, "study.yaml", "defaults: {replications: 3, seed: 5, horizon: 12w}\n"
                                                    "scenarios: [own.yaml, bare.yaml]\n"))
    own, bare = study.scenarios
    assert (own.replications, own.seed, own.settings.horizon) == (4, 9, "10w")
    assert str(own.settings.origin("seed")).endswith("own.yaml:4")
    assert (bare.replications, bare.seed, bare.settings.horizon) == (3, 5, "12w")
    assert str(bare.settings.origin("seed")).endswith("study.yaml:1")
    alone = read_scenario(workdir / "own.yaml")
    assert alone.points == own.points and alone.settings == own.settings


def test_every_shipped_scenario_resolves_the_same_alone_as_in_the_bundled_study() -> None:
    study = read_study(bundled_study())
    for scenario in study.scenarios:
        alone = read_scenario(scenario.source)
        assert (alone.replications, alone.seed, alone.settings.given) == (30, 2025, {"horizon": "3y", "warmup": "8w"})
        assert [p.members for p in alone.points] == [p.members for p in scenario.points], scenario.name
        assert alone.settings == scenario.settings, scenario.name


# --------------------------------------------------------------------------- checks before running


def test_an_element_typo_is_refused_at_the_line_that_wrote_it(workdir: Path) -> None:
    profile = (workdir / "mini.yaml").read_text(encoding="utf-8")
    write(workdir, "typo.yaml", profile.replace("Task_Granska:", "Task_Granskaa:"))
    line = profile[: profile.index("Task_Granska:")].count("\n") + 1
    in_profile = read_any([write(workdir, "a.yaml", "base: {bpmn: mini.bpmn, profile: typo.yaml}\n")])
    with pytest.raises(InputError) as err:
        prepare(in_profile)
    assert str(err.value).startswith(f"{workdir / 'typo.yaml'}:{line}: simulation.elements.Task_Granskaa: no element "
                                     "'Task_Granskaa' in process 'Process_Mini' (did you mean 'Task_Granska'?)")
    by_set = read_any([write(workdir, "b.yaml", MINI + "replications: 2\nset:\n"
                             "  elements.Task_Gransk: {duration: {dist: fixed, value: 1h}}\n")])
    with pytest.raises(InputError) as err:
        prepare(by_set)
    assert str(err.value).startswith(f"{workdir / 'b.yaml'}:4: elements.Task_Gransk: no element 'Task_Gransk'")
    joint = read_any([write(workdir, "c.yaml", (
        "base:\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: north}\n"
        "  - {bpmn: mini.bpmn, profile: mini.yaml, name: south}\n"
        "sweep:\n  south.clock.stop: [Event_Beslut, Event_Beslutt]\n"))])
    with pytest.raises(InputError) as err:
        prepare(joint)
    assert str(err.value).startswith(f"{workdir / 'c.yaml'}:5: south.clock.stop: no element 'Event_Beslutt'")
    option = one_scenario_study(str(workdir / "mini.bpmn"), profile=str(workdir / "mini.yaml"),
                                sets=("decision.element=Task_Beslutt",))
    with pytest.raises(InputError, match=r"^--set: decision\.element: no element 'Task_Beslutt'"):
        prepare(option)


def test_an_element_the_engine_cannot_run_is_refused_before_running(workdir: Path) -> None:
    study = read_any([write(workdir, "s.yaml", MINI + "set:\n  pools.officer.lanes: []\n")])
    # bad input, at the profile's line of the first element the message names
    with pytest.raises(InputError, match="no pool does its work") as err:
        prepare(study)
    assert (Path(str(err.value.file)).name, err.value.line) == ("mini.yaml", 18)
    assert "not executable: 'Task_Granska': has a work `duration:` but no pool" in str(err.value)


# --------------------------------------------------------------------------- baselines that cannot mislead


@pytest.mark.parametrize("change, rest, expected", [
    ("horizon: 20w", "replications: 3",
     r"mini's horizon 20w \(.*alt\.yaml:4\) here but horizon 16w \(.*today\.yaml:4\) in the baseline"),
    ("warmup: 1w", "replications: 3\nhorizon: 16w",
     r"mini's warmup 1w \(.*alt\.yaml:4\) here but warmup 2w \(.*mini\.yaml:6\) in the baseline"),
    ("set: {simulation.start: 2025-02-03}", "replications: 3\nhorizon: 16w",
     r"mini's start 2025-02-03 \(.*alt\.yaml:4\) here but start 2025-01-01 \(.*mini\.yaml:4\) in the baseline"),
    ("seed: 3", "replications: 3\nhorizon: 16w",
     r"seed 3 here \(.*alt\.yaml:4\) but 2025 in the baseline \(built-in default\)"),
    ("replications: 4", "horizon: 16w",
     r"replications 4 here \(.*alt\.yaml:4\) but 3 in the baseline \(.*today\.yaml:3\)"),
    ("cases: 40", "replications: 3",
     r"mini's cases 40 \(.*alt\.yaml:4\) here but horizon 16w \(.*today\.yaml:4\) in the baseline"),
])
def test_a_baseline_that_common_random_numbers_cannot_pair_is_refused_in_one_line(
        workdir: Path, change: str, rest: str, expected: str) -> None:
    import re

    write(workdir, "today.yaml", "name: today\n" + MINI + "replications: 3\nhorizon: 16w\n")
    alt = write(workdir, "alt.yaml", "name: alt\n" + MINI + f"baseline: today\n{change}\n{rest}\n")
    with pytest.raises(InputError) as err:
        prepare(read_any([alt]))
    message = str(err.value)
    assert message.startswith(f"{alt}:3: baseline 'today' cannot be paired: ") and "\n" not in message
    assert "paired differences need the same seed" in message
    assert re.search(expected, message), message


def test_a_baseline_must_simulate_every_process_of_the_scenario(workdir: Path) -> None:
    write(workdir, "today.yaml", "name: today\n" + MINI + "replications: 2\n")
    alt = write(workdir, "alt.yaml", (
        "name: alt\nbaseline: today\nreplications: 2\n"
        "base:\n  - {bpmn: mini.bpmn, profile: mini.yaml}\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: other}\n"))
    with pytest.raises(InputError, match=r"alt\.yaml:2: baseline 'today' cannot be paired: the baseline does not "
                                         r"simulate other \(it simulates mini\)"):
        prepare(read_any([alt]))


def test_a_scenario_of_one_process_pairs_with_a_baseline_of_several(workdir: Path) -> None:
    write(workdir, "today.yaml", "name: today\nreplications: 2\nhorizon: 12w\nbase:\n"
          "  - {bpmn: mini.bpmn, profile: mini.yaml}\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: other}\n")
    alt = write(workdir, "alt.yaml", "name: alt\n" + MINI + "replications: 2\nhorizon: 12w\nbaseline: today\n"
                "set: {pools.officer.count: 2}\n")
    batch = run_study(read_any([alt]))
    today, alone = batch.points
    key = "mini/submission_to_decision_mean_days"
    # the same applicants in each replication: the number of cases does not change, waiting does
    diffs = {d.figure: d for d in alone.comparison.differences}
    assert diffs["mini/cases"].values == (0.0, 0.0)
    assert diffs[key].mean <= 0
    assert all(not name.startswith("other/") for name in diffs)


def test_replications_from_the_command_line_keep_baselines_pairable(workdir: Path) -> None:
    from scenarios.settings import Origin

    write(workdir, "today.yaml", "name: today\n" + MINI + "replications: 3\n")
    alt = write(workdir, "alt.yaml", "name: alt\n" + MINI + "replications: 3\nbaseline: today\n")
    study = read_any([alt]).with_replications(2, Origin("--replications"))
    plan = prepare(study)
    assert len(plan.jobs) == 4
    assert {str(s.settings.origin("replications")) for s in study.scenarios} == {"--replications"}
    assert dataclasses.replace(study.scenarios[0]).replications == 2


def test_a_library_base_s_element_typo_in_set_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", "base: [helsingborg, landskrona]\nreplications: 2\nset:\n"
                 "  landskrona.elements.Task_Besluta: {delay: {dist: fixed, value: 1d}}\n")
    with pytest.raises(InputError) as err:
        prepare(read_any([path]))
    assert str(err.value).startswith(f"{path}:4: landskrona.elements.Task_Besluta: no element 'Task_Besluta' in "
                                     "process ")
    assert "did you mean" in str(err.value)


def test_every_shipped_scenario_file_runs_alone_with_its_baseline() -> None:
    """`permitflow run <name>` (the file's stem) passes every check, baseline pairing included."""
    from scenarios.shipped import resolve_file

    folder = bundled_study().parent
    files = sorted(p for p in folder.glob("*.yaml") if p != bundled_study())
    assert len(files) >= 10
    for path in files:
        study = read_any([resolve_file(path.stem)])
        plan = prepare(study)
        assert plan.jobs, path
        # a shipped file is named by its path inside permitflow, wherever it is installed
        mine = next(s for s in study.scenarios if s.source == f"scenarios/{path.name}")
        assert (mine.replications, mine.seed, mine.settings.given) == (30, 2025, {"horizon": "3y", "warmup": "8w"}), path


# --------------------------------------------------------------------------- case rows only when asked for


def test_a_plan_without_case_rows_gives_the_same_figures_and_event_logs(workdir: Path) -> None:
    """``prepare(case_rows=False)`` (``permitflow simulate``): no records unless an event log is
    asked for, no case rows, the figures and event logs to the last bit; its units have their own
    keys (a cached unit without rows never serves a run that needs them)."""
    path = write(workdir, "s.yaml", MINI + "replications: 2\nseed: 5\nhorizon: 26w\nwarmup: 2w\n"
                 "outputs: [summary, cases, eventlog]\n")
    for outputs in ("[summary, cases, eventlog]", "[summary, cases]"):
        path.write_text(path.read_text(encoding="utf-8").replace(
            "[summary, cases, eventlog]", outputs), encoding="utf-8")
        study = read_any([path])
        rows, lean = prepare(study), prepare(study, case_rows=False)
        assert not {job.key for job in rows.jobs} & {job.key for job in lean.jobs}
        full, fast = run_study(study), execute(lean)
        (a,), (b,) = full.points, fast.points
        assert a.cases and not b.cases
        assert repr(a.summary.figures) == repr(b.summary.figures)
        assert a.eventlogs == b.eventlogs
        assert bool(a.eventlogs) == ("eventlog" in outputs)
