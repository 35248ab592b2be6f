"""scenarios.loader: bases, set overrides, sweeps, shared pools, studies; bad input refused before running."""

from __future__ import annotations

from pathlib import Path

import pytest
from refusals import refused

from processes.errors import InputError
from scenarios.loader import MAX_DOCUMENTS, bundled_study, read_any, read_scenario, read_study
from scenarios.settings import Origin


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


MINI = "base: {bpmn: mini.bpmn, profile: mini.yaml}\n"


def test_a_scenario_applies_its_overrides_and_run_settings(workdir: Path) -> None:
    path = write(workdir, "more.yaml", (
        "name: more-officers\nquestion: What if there were two officers?\n" + MINI +
        "set:\n  simulation.pools.officer.count: 2\nreplications: 4\nseed: 7\nhorizon: 10w\nwarmup: 1w\n"
    ))
    s = read_scenario(path)
    assert (s.name, s.question, s.replications, s.seed) == ("more-officers", "What if there were two officers?", 4, 7)
    assert s.member_names == ("mini",)
    (point,) = s.points
    sim = point.members[0].profile["simulation"]
    assert sim["pools"]["officer"]["count"] == 2
    assert (sim["horizon"], sim["warmup"]) == ("10w", "1w")
    assert s.outputs == ("summary", "cases")


def test_a_question_may_be_written_in_both_languages(workdir: Path) -> None:
    """Found by the words review: a scenario saved from the web page kept its English question in the
    Swedish report; a question may now be given in each language the report is read in."""
    path = write(workdir, "both.yaml", "name: both\nquestion: {en: What if?, sv: Vad händer om?}\n" + MINI)
    s = read_scenario(path)
    assert (s.question, s.question_sv) == ("What if?", "Vad händer om?")
    assert read_scenario(write(workdir, "one.yaml", "name: one\nquestion: Vad händer om?\n" + MINI)).question_sv == ""
    assert (read_scenario(write(workdir, "sv.yaml", "name: sv\nquestion: {sv: Vad händer om?}\n" + MINI)).question
            == "Vad händer om?")
    with pytest.raises(InputError, match=r"bad\.yaml:2: question: \{'de': 'Was wäre wenn\?'\} \(expected text, or "
                                         r"\{en: text, sv: text\}\)"):
        read_scenario(write(workdir, "bad.yaml", "name: bad\nquestion: {de: Was wäre wenn?}\n" + MINI))


def test_a_sweep_is_a_cartesian_grid(workdir: Path) -> None:
    path = write(workdir, "grid.yaml", MINI + (
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n  simulation.pools.officer.fte: [0.5, 1.0]\n"
    ))
    s = read_scenario(path)
    assert [p.label for p in s.points] == [
        "simulation.pools.officer.count=1, simulation.pools.officer.fte=0.5",
        "simulation.pools.officer.count=1, simulation.pools.officer.fte=1.0",
        "simulation.pools.officer.count=2, simulation.pools.officer.fte=0.5",
        "simulation.pools.officer.count=2, simulation.pools.officer.fte=1.0",
    ]
    pools = [p.members[0].profile["simulation"]["pools"]["officer"] for p in s.points]
    assert [(o["count"], o["fte"]) for o in pools] == [(1, 0.5), (1, 1.0), (2, 0.5), (2, 1.0)]


def test_an_unknown_path_is_refused_with_file_line_path_and_allowed_keys(workdir: Path) -> None:
    path = write(workdir, "typo.yaml", MINI + "set:\n  simulation.pools.oficer.count: 3\n")
    text = str(refused(read_scenario, path))
    assert text.startswith(f"{path}:3: ")
    assert "simulation.pools.oficer.count" in text and "3" in text
    assert "registry" in text and "officer" in text  # the keys that exist


def test_an_illegal_value_is_refused_with_the_allowed_values(workdir: Path) -> None:
    path = write(workdir, "bad.yaml", MINI + "replications: 3\nsweep:\n  simulation.decision.delegation: [officer, mayor]\n")
    text = str(refused(read_scenario, path))
    assert text.startswith(f"{path}:4: ")
    assert "mayor" in text and "working_committee" in text


def test_a_missing_base_file_and_an_unknown_municipality_are_named(workdir: Path) -> None:
    with pytest.raises(InputError, match="model file .*nope.bpmn' does not exist"):
        read_scenario(write(workdir, "a.yaml", "base: {bpmn: nope.bpmn, profile: mini.yaml}\n"))
    with pytest.raises(InputError, match="unknown library municipality 'gotham' \\(expected one of .*helsingborg"):
        read_scenario(write(workdir, "b.yaml", "base: gotham\n"))
    with pytest.raises(InputError, match="unknown key 'sett'"):
        read_scenario(write(workdir, "c.yaml", MINI + "sett: {}\n"))


def test_a_study_comparing_an_unknown_municipality_is_refused_when_read(workdir: Path) -> None:
    """Before anything runs: the report's comparison asked for it only after every unit had run."""
    write(workdir, "a.yaml", MINI)
    study = write(workdir, "s.yaml", "study: s\ncompare: [helsingborg, gotham]\nscenarios: [a.yaml]\n")
    with pytest.raises(InputError, match="compare: unknown library municipality 'gotham' \\(expected one of .*helsingborg") as info:
        read_study(study)
    assert info.value.line == 2 and str(study) in str(info.value.file)


def test_several_members_take_prefixed_paths_and_share_pools(workdir: Path) -> None:
    path = write(workdir, "joint.yaml", (
        "base:\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: north}\n"
        "  - {bpmn: mini.bpmn, profile: mini.yaml, name: south}\n"
        "set:\n  south.simulation.arrivals.per_year: 10\n"
        "shared_pools:\n  officer: {members: [north, south]}\n"
    ))
    s = read_scenario(path)
    assert s.member_names == ("north", "south")
    north, south = s.points[0].members
    assert (north.profile["simulation"]["arrivals"]["per_year"], south.profile["simulation"]["arrivals"]["per_year"]) == (30, 10)
    (shared,) = s.shared_pools
    assert (shared.pool, shared.members, shared.provider) == ("officer", ("north", "south"), None)

    bad = write(workdir, "joint-bad.yaml", (
        "base:\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: north}\n"
        "  - {bpmn: mini.bpmn, profile: mini.yaml, name: south}\n"
        "set:\n  simulation.arrivals.per_year: 10\n"
    ))
    with pytest.raises(InputError, match="starts with the process name \\(expected one of north, south, "
                                         "e.g. north.simulation.arrivals.per_year\\)"):
        read_scenario(bad)
    provider = write(workdir, "provider.yaml", (
        "base:\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: north}\n"
        "  - {bpmn: mini.bpmn, profile: mini.yaml, name: south}\n"
        "shared_pools:\n  officer: {provider: north, serves: [south]}\n"
    ))
    (shared,) = read_scenario(provider).shared_pools
    assert (shared.provider, shared.served) == ("north", ("south",))
    unknown = write(workdir, "pool-bad.yaml", (
        "base:\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: north}\n"
        "  - {bpmn: mini.bpmn, profile: mini.yaml, name: south}\n"
        "shared_pools:\n  lawyer: {members: [north, south]}\n"
    ))
    with pytest.raises(InputError, match="north has no pool 'lawyer'"):
        read_scenario(unknown)


def test_a_study_gathers_scenarios_with_defaults(workdir: Path) -> None:
    write(workdir, "base.yaml", "name: base\n" + MINI)
    write(workdir, "alt.yaml", "name: alt\n" + MINI + "replications: 3\nbaseline: base\n")
    study = read_study(write(workdir, "study.yaml", (
        "study: mini-study\ntitle: Mini\ncompare: [helsingborg, astorp]\n"
        "defaults: {replications: 5, seed: 11}\nscenarios: [base.yaml, alt.yaml]\n"
    )))
    assert (study.name, study.title, study.compare) == ("mini-study", "Mini", ("helsingborg", "astorp"))
    assert [(s.name, s.replications, s.seed, s.baseline) for s in study.scenarios] == [
        ("base", 5, 11, None), ("alt", 3, 11, "base"),
    ]
    both = read_any([workdir / "study.yaml", write(workdir, "extra.yaml", "name: extra\n" + MINI)])
    assert [s.name for s in both.scenarios] == ["base", "alt", "extra"]
    assert both.name == "mini-study"
    with pytest.raises(InputError, match="base.yaml:1: scenario 'base' is given twice \\(expected each scenario once\\)"):
        read_any([workdir / "study.yaml", workdir / "base.yaml"])


def test_the_bundled_study_names_the_familjen_helsingborg_scenarios() -> None:
    path = bundled_study()
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    for name in ("status-quo.yaml", "delegated-to-officer.yaml", "joint-permit-unit.yaml", "angelholm-arrangement.yaml"):
        assert name in text


def test_a_missing_baseline_is_found_beside_the_scenario(workdir: Path) -> None:
    write(workdir, "today.yaml", "name: today\n" + MINI)
    alt = write(workdir, "alt.yaml", "name: alt\n" + MINI + "baseline: today\n")
    study = read_any([alt])
    assert [s.name for s in study.scenarios] == ["today", "alt"]
    lonely = write(workdir, "lonely.yaml", "name: lonely\n" + MINI + "baseline: nowhere\n")
    assert [s.name for s in read_any([lonely]).scenarios] == ["lonely"]  # check_study refuses it later


def test_a_missing_baseline_not_beside_the_scenario_is_a_shipped_one_of_that_name(workdir: Path) -> None:
    """Found by QA (qafresh): the README's scenario example, saved as a file of one's own, names
    ``baseline: status-quo`` and was refused as "not a scenario of this run"; a file beside it still wins."""
    mine = write(workdir, "my-study.yaml", (
        "name: mine\nbase: [helsingborg]\nset:\n  decision.delegation: officer\nbaseline: status-quo\n"))
    study = read_any([mine])
    assert [s.name for s in study.scenarios] == ["status-quo", "mine"]
    assert study.scenarios[0].source == "scenarios/status-quo.yaml"
    write(workdir, "status-quo.yaml", "name: status-quo\nbase: [helsingborg]\n")
    assert read_any([mine]).scenarios[0].source.endswith("status-quo.yaml")
    assert read_any([mine]).scenarios[0].source != "scenarios/status-quo.yaml"


def test_cases_replaces_the_horizon(workdir: Path) -> None:
    s = read_scenario(write(workdir, "count.yaml", MINI + "cases: 40\nwarmup: 1w\n"))
    sim = s.points[0].members[0].profile["simulation"]
    assert sim["cases"] == 40 and "horizon" not in sim
    assert s.settings.given == {"cases": 40, "warmup": "1w"}
    # a study's default horizon gives way to the scenario's own cases
    study_default = ({"horizon": "1y"}, Origin("study.yaml"), {"horizon": 3})
    own = read_scenario(write(workdir, "own.yaml", MINI + "cases: 40\n"), defaults=study_default)
    assert own.settings.given == {"cases": 40}
    error = refused(read_scenario, write(workdir, "both.yaml", MINI + "horizon: 1y\ncases: 40\n"))
    assert "both.yaml:3" in str(error) and "not both" in str(error)
    error = refused(read_scenario, write(workdir, "bad.yaml", MINI + "cases: 0\n"))
    assert "bad.yaml:2" in str(error) and "cases" in str(error)


def test_a_bad_member_override_names_the_path_as_written(workdir: Path) -> None:
    path = write(workdir, "two.yaml", (
        "name: two\nbase: [helsingborg, landskrona]\nset:\n"
        "  helsingborg.simulation.decision.delegation: officer\n"
        "  landskrona.simulation.decision.delegation: mayor\n"
    ))
    text = str(refused(read_scenario, path))
    # the path once, as written, with its value and what is allowed (found by QA, qanumbers: it said the path
    # twice, "…delegation: set: override landskrona's simulation.decision.delegation='mayor' gives …")
    assert text == (f"{path}:5: set: landskrona.simulation.decision.delegation='mayor': unknown delegation level "
                    "'mayor' (expected one of officer, manager, chair, working_committee, committee)")
    assert text.count("decision.delegation") == 1


def test_a_file_of_several_documents_holds_scenarios_one_after_the_other(workdir: Path) -> None:
    # as permitflow serve saves a what-if: the status quo it was compared with first, then the what-if
    path = write(workdir, "what-if.yaml", (
        "# saved\nname: status-quo\n" + MINI + "replications: 2\n---\nname: what-if\n" + MINI
        + "set:\n  simulation.pools.officer.count: 2\nbaseline: status-quo\nreplications: 2\n"))
    study = read_any([path])
    assert [(s.name, s.baseline) for s in study.scenarios] == [("status-quo", None), ("what-if", "status-quo")]
    assert study.name == "what-if"  # named after the last: the question the file asks
    # an error in the second document names its line in the file
    path.write_text(path.read_text(encoding="utf-8").replace("count: 2", "count: two"), encoding="utf-8")
    error = refused(read_any, [path])
    assert (error.file, error.line) == (str(path), 9)
    # a single document that starts with '---' is one scenario, as before
    one = write(workdir, "one.yaml", "---\nname: alone\n" + MINI)
    assert [s.name for s in read_any([one]).scenarios] == ["alone"]


def test_a_file_of_very_many_documents_is_refused_without_building_them_all(workdir: Path) -> None:
    # each document used to be padded with the file's earlier lines before any was parsed: a 480 kB file of
    # '---\na\n' took 7 GB and 16 s (found by qareview2); now the count is refused before any parse
    path = write(workdir, "many.yaml", "---\na\n" * 50_000)
    error = refused(read_any, [path])
    assert error.file == str(path)
    assert "50000 scenarios" in str(error) and f"at most {MAX_DOCUMENTS}" in str(error)


def test_a_document_that_is_not_a_scenario_names_its_own_line(workdir: Path) -> None:
    # line 1 was named for any document: the second one's own line is 4 ('---' is line 3)
    path = write(workdir, "two.yaml", "name: one\n" + MINI + "---\n- not a mapping\n")
    error = refused(read_any, [path])
    assert (error.file, error.line) == (str(path), 4)
    path.write_text("name: one\n" + MINI + "---\nname: two\n", encoding="utf-8")  # missing base:
    error = refused(read_any, [path])
    assert (error.line, "missing 'base'" in str(error)) == (4, True)


def test_a_study_and_a_baseline_lookup_read_a_file_of_several_scenarios(workdir: Path) -> None:
    # serve saves the status quo and the what-if in one file; a study naming it, optimise or a baseline
    # looked up beside a scenario said "invalid YAML: but found another document" (found by qareview2)
    saved = ("name: status-quo\n" + MINI + "replications: 2\n---\nname: what-if\n" + MINI
             + "set:\n  simulation.pools.officer.count: 2\nbaseline: status-quo\nreplications: 2\n")
    write(workdir, "saved.yaml", saved)
    study = read_study(write(workdir, "study.yaml", "study: st\nscenarios: [saved.yaml]\n"))
    assert [(s.name, s.baseline) for s in study.scenarios] == [("status-quo", None), ("what-if", "status-quo")]
    write(workdir, "status-quo.yaml", saved)  # a baseline file beside it that holds more than the baseline
    alone = read_any([write(workdir, "alt.yaml", "name: alt\n" + MINI + "baseline: status-quo\nreplications: 2\n")])
    assert [s.name for s in alone.scenarios] == ["status-quo", "alt"]
    error = refused(read_scenario, workdir / "saved.yaml")  # one scenario wanted (optimise): said so, with the way out
    assert "holds 2 scenarios" in str(error) and "permitflow run" in str(error)


def test_a_file_of_several_scenarios_saved_with_windows_line_ends_reads_as_with_unix_ones(workdir: Path) -> None:
    # '---\r' was not taken for a separator: "invalid YAML: but found another document" (found by qareview2)
    text = "name: status-quo\n" + MINI + "---\nname: what-if\n" + MINI + "baseline: status-quo\n"
    path = write(workdir, "crlf.yaml", "")
    path.write_bytes(text.replace("\n", "\r\n").encode())
    assert [(s.name, s.baseline) for s in read_any([path]).scenarios] == [("status-quo", None),
                                                                          ("what-if", "status-quo")]
    path.write_bytes(text.replace("\n", "\r\n").replace("name: what-if", "name: what/if").encode())
    error = refused(read_any, [path])  # and the lines keep their numbers
    assert error.line == 4


def test_two_scenarios_of_one_file_without_names_are_told_apart_at_their_lines(workdir: Path) -> None:
    # both took the file's name: "scenario name 'two' is also used by two.yaml", with no line (found by qareview2)
    path = write(workdir, "two.yaml", MINI + "---\n" + MINI + "set:\n  simulation.pools.officer.count: 2\n")
    error = refused(read_any, [path])
    assert (error.file, error.line) == (str(path), 2)
    assert "scenario name 'two' is also that of the scenario at line 1" in str(error)
    assert "expected a name: in each" in str(error)


def test_a_yaml_directive_before_the_first_document_stays_with_it(workdir: Path) -> None:
    # '%YAML 1.2' then '---' was read before files of several scenarios were; then it was split off as a
    # document of its own: "expected '<document start>', but found '<stream end>'" (found by qareview2)
    path = write(workdir, "directive.yaml", "%YAML 1.2\n---\nname: alone\n" + MINI)
    assert [s.name for s in read_any([path]).scenarios] == ["alone"]
    path.write_text("%YAML 1.2\n---\nname: one\n" + MINI + "---\nname: two\n" + MINI + "set: {x.y: 1}\n",
                    encoding="utf-8")
    error = refused(read_any, [path])  # two documents, their lines as in the file
    assert (error.file, error.line) == (str(path), 8)  # the set: of the second


def test_a_file_of_several_scenarios_from_a_pipe_is_read_once(workdir: Path) -> None:
    # a shell's <(...) can be read only once: the documents are parsed from the text read
    import os

    text = "name: status-quo\n" + MINI.replace("mini.", f"{workdir}/mini.") + "---\nname: what-if\n" \
        + MINI.replace("mini.", f"{workdir}/mini.") + "baseline: status-quo\n"
    read, write_end = os.pipe()
    os.write(write_end, text.encode())
    os.close(write_end)
    try:
        study = read_any([f"/dev/fd/{read}"])
    finally:
        os.close(read)
    assert [(s.name, s.baseline) for s in study.scenarios] == [("status-quo", None), ("what-if", "status-quo")]


def test_a_sweep_that_would_run_a_point_twice_or_nothing_is_refused(workdir: Path) -> None:
    """Found by the batch night: ``[1, 1, 2]`` ran the first point twice (two rows of one point and figure in
    summary.csv), and ``sweep: {}`` or a ``sweep:`` whose lines were commented out ran once, unasked."""
    error = refused(read_scenario, write(workdir, "twice.yaml", MINI + "sweep:\n  pools.officer.count: [1, 1.0, 2]\n"))
    assert str(error) == (f"{workdir / 'twice.yaml'}:3: sweep pools.officer.count: the value 1.0 is given twice; "
                              "it would run the same point twice (expected each value once)")
    for text in ("sweep: {}\n", "sweep:\n#  pools.officer.count: [1, 2]\n"):
        error = refused(read_scenario, write(workdir, "empty.yaml", MINI + text))
        assert str(error) == (f"{workdir / 'empty.yaml'}:2: sweep: empty (expected a mapping of dotted path: "
                                  "[values]; leave sweep: out for a single run)")
    with pytest.raises(InputError, match=r"list\.yaml:2: set: expected a mapping of dotted path: value, not \[\]"):
        read_scenario(write(workdir, "list.yaml", MINI + "set: []\n"))
    assert len(read_scenario(write(workdir, "none.yaml", MINI + "set:\n")).points) == 1  # nothing set: allowed


def test_a_setting_given_twice_is_refused_with_both_lines(workdir: Path) -> None:
    """Found by the batch night: a path in ``set:`` and ``sweep:`` (or in ``set:`` written two ways) ran with
    the sweep's values alone, the other value silently unused."""
    path = write(workdir, "both.yaml", MINI + "set:\n  pools.officer.count: 2\nsweep:\n  simulation.pools.officer.count: [1, 3]\n")
    error = refused(read_scenario, path)
    assert str(error) == (
        f"{path}:5: sweep: simulation.pools.officer.count: mini's simulation.pools.officer.count is also given by "
        "set: pools.officer.count (line 3); one of the values would go unused (expected each setting once, in set: "
        "or in sweep:)")
    joint = write(workdir, "joint.yaml", (
        "base:\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: north}\n"
        "  - {bpmn: mini.bpmn, profile: mini.yaml, name: south}\n"
        "set:\n  south.pools.officer.count: 2\n  north.pools.officer.count: 2\n  south.simulation.pools.officer.count: 3\n"
    ))
    with pytest.raises(InputError, match=r"joint\.yaml:7: set: south\.simulation\.pools\.officer\.count: south's "
                                         r"simulation\.pools\.officer\.count is also given by set: "
                                         r"south\.pools\.officer\.count \(line 5\)"):
        read_scenario(joint)


def test_a_name_used_twice_is_refused_at_both_names_lines(workdir: Path) -> None:
    """Found by the batch night: two files of one name were refused without a line, a study's without the files."""
    first = write(workdir, "a.yaml", "name: same\n" + MINI)
    second = write(workdir, "b.yaml", "# the same question, another base\nname: same\n" + MINI)
    error = refused(read_any, [first, second])
    assert str(error) == f"{second}:2: scenario name 'same' is also used by {first}:1 (expected a name of its own for each scenario)"
    error = refused(read_any, [first, first])
    assert str(error) == f"{first}:1: scenario 'same' is given twice (expected each scenario once)"
    study = write(workdir, "s.yaml", "study: s\nscenarios: [a.yaml, b.yaml]\n")
    error = refused(read_study, study)
    assert str(error) == (f"{study}:2: scenarios: names used twice: same ({first}:1, {second}:2; expected a name "
                              "of its own for each scenario)")


def test_a_run_setting_s_error_names_the_key_once(workdir: Path) -> None:
    """Found by the batch night: ``horizon: 0y`` said "s.yaml:2: horizon: horizon: override ..."; then (qanumbers)
    "horizon: override simulation.horizon='0y' gives an invalid profile: …": the key, its value, the rule."""
    error = refused(read_scenario, write(workdir, "s.yaml", MINI + "horizon: 0y\n"))
    assert str(error) == f"{workdir / 's.yaml'}:2: horizon='0y': '0y' is not a horizon above 0 and at most 100y"


def test_a_scenario_followed_by_an_empty_document_is_read_as_one(workdir: Path) -> None:
    """Found by the batch night: a '---' after the last scenario (as when one is cut from a file of several) said
    "trail.yaml:5: invalid YAML: but found another document"."""
    path = write(workdir, "trail.yaml", "name: trail\n" + MINI + "---\n# nothing more\n")
    assert [s.name for s in read_any([path]).scenarios] == ["trail"]
    assert read_scenario(path).name == "trail"
    error = refused(read_any, [write(workdir, "bad.yaml", "name: bad\n" + MINI + "replications: 0\n---\n")])  # and its lines keep their numbers
    assert (error.line, error.message) == (3, "replications: 0 is not a whole number from 1 to 10,000")


def test_a_yaml_boolean_where_a_number_is_expected_is_refused_as_written(workdir: Path) -> None:
    """Found by the batch user: ``replications: true`` was refused as ``True`` (Python's spelling, not the file's),
    and a sweep ``[true, 0.5, 1.0]`` was refused as "the value 1.0 is given twice" (``True == 1.0`` in Python)."""
    cases = [
        ("replications: true\n", "2: replications: true is not a whole number from 1 to 10,000"),
        ("seed: false\n", "2: seed: false is not a whole number from 0 to 9,223,372,036,854,775,807"),
        ("set:\n  pools.officer.count: true\n", "3: set: pools.officer.count=true: true is not a whole number >= 1"),
        ("sweep:\n  pools.officer.fte: [true, 0.5, 1.0]\n", "3: sweep: pools.officer.fte=true: true is not a number"),
        ("sweep:\n  pools.officer.fte: true\n", "3: sweep pools.officer.fte: expected a non-empty list of values, "
                                                "not true"),
        ("horizon: true\n", "2: horizon=true: duration true is not a duration (expected e.g. '4h'; units m, h, d, w, mo, y)"),
    ]
    for text, expected in cases:
        assert str(refused(read_scenario, write(workdir, "yes.yaml", MINI + text))) == f"{workdir / 'yes.yaml'}:{expected}"
