"""What the README, docs/ and the --help texts show, checked against what the commands do."""

from __future__ import annotations

import functools
import re
import shutil
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _documents() -> str:
    """README.md and docs/*.md, one text: a passage the README moved into docs/ is read where it is now."""
    return "\n\n".join(path.read_text(encoding="utf-8") for path in (README, *sorted(DOCS.glob("*.md"))))


def _readme_block_after(marker: str, lang: str) -> str:
    """The first fenced ``lang`` block after the line that contains ``marker`` (in README.md or docs/*.md)."""
    text = _documents()
    start = text.index(marker)
    opening = text.index(f"```{lang}\n", start) + len(f"```{lang}\n")
    return text[opening:text.index("```", opening)]


def test_readme_yaml_error_example_is_what_validate_prints(tmp_path: Path) -> None:
    # docs/yaml.md (moved from the README's "Writing a process in YAML"): the error a misspelled task type of
    # examples/permit.yaml gives.
    quoted = re.search(r"`(permit\.yaml:\d+: steps\[\d+\]\.task: 'usr' is not allowed "
                       r"\(expected one of task, user,)\s*\.\.\.\)`",
                       _documents().replace("\n", " "))
    assert quoted, "the documents' example error message is gone"
    text = (ROOT / "examples" / "permit.yaml").read_text(encoding="utf-8")
    spelt = "{id: Task_Granska, task: user,"
    assert text.count(spelt) == 1
    (tmp_path / "permit.yaml").write_text(text.replace(spelt, "{id: Task_Granska, task: usr,"), encoding="utf-8")
    result = run("validate", str(tmp_path / "permit.yaml"))
    assert result.exit_code == 2
    assert f"{tmp_path / quoted.group(1)}" in result.stderr


def test_readme_scenario_example_pairs_with_the_shipped_status_quo(tmp_path: Path) -> None:
    # README, "What-if scenarios": the example names `baseline: status-quo`; beside the shipped
    # status-quo.yaml it must pass the baseline check (same replications, seed, horizon, warm-up).
    from scenarios.loader import read_any
    from scenarios.road import prepare

    block = _readme_block_after("A scenario file asks one question", "yaml")
    assert "baseline: status-quo" in block
    (tmp_path / "delegated-to-officer.yaml").write_text(block, encoding="utf-8")
    shutil.copy(ROOT / "scenarios" / "status-quo.yaml", tmp_path / "status-quo.yaml")
    study = read_any([tmp_path / "status-quo.yaml", tmp_path / "delegated-to-officer.yaml"])
    plan = prepare(study)  # raises InputError when the baseline cannot be paired; nothing runs
    assert {u.scenario for u in plan.units} == {"status-quo", "delegated-to-officer"}


def _commands(cmd: click.Command, path: tuple[str, ...]):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            yield from _commands(sub, (*path, name))


def test_every_option_of_every_command_has_a_help_text() -> None:
    bare = [f"{' '.join(path)} {p.opts[-1]}"
            for path, cmd in _commands(cli, ("permitflow",))
            for p in cmd.params
            if isinstance(p, click.Option) and not p.hidden and not p.help]
    assert bare == []


def _examples(*command: str) -> list[str]:
    result = run(*command, "--help")
    assert result.exit_code == 0
    examples = result.stdout.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split("#")[0].strip() for line in examples.splitlines() if line.strip()]


def test_diff_help_saves_the_matches_file_before_it_reads_one() -> None:
    lines = _examples("diff")
    saves = next(i for i, line in enumerate(lines) if "--save-matches matches.yaml" in line)
    reads = next(i for i, line in enumerate(lines) if "--matches matches.yaml" in line and "--save" not in line)
    assert saves < reads


def test_discover_help_simulates_the_model_and_profile_the_line_before_wrote() -> None:
    lines = _examples("discover")
    at = next(i for i, line in enumerate(lines) if line.startswith("permitflow simulate"))
    model, profile = re.search(r"simulate (\S+) --profile (\S+)", lines[at]).groups()
    assert f"-o {model}" in lines[at - 1] and f"--profile-out {profile}" in lines[at - 1]
    # no later example writes over them
    assert not any(f"-o {model}" in line for line in lines[at + 1:])


def test_simulate_help_names_the_yaml_model_it_runs(tmp_path: Path) -> None:
    # `simulate --help` said MODEL is "a BPMN file or a library name"; a YAML authoring file runs too
    assert "YAML" in run("simulate", "--help").stdout.split("Options:")[0]
    shutil.copy(ROOT / "examples" / "permit.yaml", tmp_path / "permit.yaml")
    assert run("convert", str(tmp_path / "permit.yaml"), str(tmp_path / "profile.yaml"), "--to", "profile").exit_code == 0
    result = run("simulate", str(tmp_path / "permit.yaml"), "--years", "0.5", "-r", "2", "--workers", "1", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Hela ärendet")  # the table in the words of its steps' language


def test_optimise_help_spells_the_municipality_whose_fee_rate_the_library_uses() -> None:
    text = run("optimise", "--help").stdout
    assert "Ängelholm's fee rate" in text and "Angelholm" not in text


def test_serve_refuses_port_0_whose_address_it_could_not_print() -> None:
    result = run("serve", "--port", "0")
    assert result.exit_code == 2
    assert "(expected a whole number from 1 to 65,535, e.g. 8765)" in result.stderr


def test_the_quick_start_names_every_debian_package_make_test_may_install() -> None:
    # it named two (chromium; nodejs npm) as what needs root or sudo, but the lexicons target installs
    # three more (wordnet-base mythes-sv mythes-en-us) on a machine without them
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.search(r"^setup-test:([^\n]*)", makefile, re.M)
    assert targets
    installed = []
    for target in targets.group(1).split():
        recipe = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n|#[^\n]*\n)*)", makefile, re.M)
        if recipe:
            for line in re.findall(r"apt-get install -y -qq ([^>;]*)", recipe.group(1)):
                installed += line.split()
    assert set(installed) >= {"chromium", "nodejs", "npm", "wordnet-base", "mythes-sv", "mythes-en-us"}
    text = README.read_text(encoding="utf-8")
    start = text.index("## Quick start")
    quick_start = text[start:text.index("\n## ", start + 1)]
    named = {word for span in re.findall(r"`([^`]*)`", quick_start) for word in span.split()}
    assert [name for name in installed if name not in named] == []


def test_profile_md_counts_the_yaml_dialects_changes_and_each_one_holds() -> None:
    # docs/profile.md said "three deliberate changes" above a list of four
    from bpmn_io.yamlsrc import load_yaml
    from processes.errors import InputError

    text = (DOCS / "profile.md").read_text(encoding="utf-8")
    section = text[text.index("## The YAML dialect"):text.index("Dates are written")]
    said = re.search(r"safe YAML with (\w+) deliberate changes", section)
    assert said, "docs/profile.md no longer says how many changes the YAML dialect makes"
    bullets = re.findall(r"^- ", section, re.M)
    assert ["one", "two", "three", "four", "five", "six"].index(said.group(1)) + 1 == len(bullets)
    assert load_yaml("a: yes\nb: no\nc: on\nd: off\ne: true\n", source="x.yaml").data == \
        {"a": "yes", "b": "no", "c": "on", "d": "off", "e": True}
    assert load_yaml("a: 017\nb: 0o17\n", source="x.yaml").data == {"a": "017", "b": 15}
    assert load_yaml("a: 9:30\n", source="x.yaml").data == {"a": "9:30"}
    with pytest.raises(InputError, match="duplicate key 'a'"):
        load_yaml("a: 1\na: 2\n", source="x.yaml")
    with pytest.raises(InputError, match=r"'0,5' reads as the value 0 and a key 5 here \(expected a decimal point: 0.5\)"):
        load_yaml("a: {fte: 0,5}\n", source="x.yaml")
    assert load_yaml("a: [1,2,1]\n", source="x.yaml").data == {"a": [1, 2, 1]}


def test_the_readme_checks_the_packages_the_tooling_test_checks() -> None:
    # README, "Development": its mypy line left out calibrate/ and web/, which tests/test_tooling.py checks
    from test_tooling import PACKAGES

    block = _readme_block_after("## Development", "sh")
    mypy = re.search(r"\.venv/bin/mypy ([^\n#&|]*)", block)
    assert mypy, "README's Development block no longer shows the mypy command"
    assert mypy.group(1).split() == PACKAGES
    assert ".venv/bin/ruff check ." in block


def test_the_readme_render_of_a_second_diagram_says_when_render_names_the_diagrams(tmp_path: Path) -> None:
    # README, "Checking and drawing": `render export.bpmn --diagram 1` was said to say which diagram it drew;
    # render names a file's diagrams only when --diagram is not given (it drew the one asked for)
    line = next(line for line in README.read_text(encoding="utf-8").splitlines()
                if line.startswith("permitflow render export.bpmn --diagram 1"))
    assert "without --diagram" in line
    shutil.copy(ROOT / "tests" / "fixtures" / "bpmn" / "subprocesses.bpmn", tmp_path / "export.bpmn")
    asked = run("render", str(tmp_path / "export.bpmn"), "--diagram", "1", "-o", str(tmp_path / "m.svg"))
    assert asked.exit_code == 0 and asked.stderr == ""
    default = run("render", str(tmp_path / "export.bpmn"), "-o", str(tmp_path / "m0.svg"))
    assert default.exit_code == 0 and "has 2 diagrams" in default.stderr and "drew diagram 0" in default.stderr


def _headings(text: str) -> list[str]:
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return [heading.strip() for heading in re.findall(r"^#{1,6} (.*)$", text, re.M)]


def test_every_readme_section_named_in_the_repository_is_a_readme_heading() -> None:
    # every library profile's header sent the reader to the README's 'Library', a section it does not have;
    # since the README's depth moved into docs/, a docs page named with a heading (as scenarios/names.py names
    # the batch page's "Safety of outputs") is checked against that page's headings
    headings = _headings(README.read_text(encoding="utf-8"))
    named = re.compile(r"""README(?:\.md)?(?:,| section) ['"“]([^'"”]+)['"”]""")
    in_docs = re.compile(r"""docs/([\w-]+\.md)(?:,| section| \() ?['"“]([^'"”]+)['"”]""")
    wrong, checked = [], 0
    for path in sorted({*ROOT.glob("*.py"), *ROOT.glob("*/**/*.py"), *ROOT.glob("*/**/*.yaml"),
                        *ROOT.glob("docs/*.md"), *ROOT.glob("examples/**/*.yaml")}):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for section in named.findall(text):
            checked += 1
            if not any(heading.startswith(section.rstrip("?.")) for heading in headings):
                wrong.append(f"{path.relative_to(ROOT)}: {section!r}")
        for page, section in in_docs.findall(" ".join(text.split())):
            checked += 1
            target = DOCS / page
            if not target.is_file() or not any(heading.startswith(section.rstrip("?."))
                                               for heading in _headings(target.read_text(encoding="utf-8"))):
                wrong.append(f"{path.relative_to(ROOT)}: docs/{page} {section!r}")
    assert checked > 10  # the reading finds the profiles' headers and the code's pointers
    assert wrong == []


def _documented_command_lines() -> list[tuple[str, str]]:
    """Every `permitflow ...` line of README.md and docs/*.md: in a fenced block, or a backticked span.

    A backticked span that starts with a command's name and goes on (`calibrate helsingborg log.xes ...`,
    as the README's measurements write them) counts too, read with `permitflow ` before it.
    """
    found = []
    commands = "|".join(re.escape(name) for name in cli.commands)
    for path in (README, *sorted(DOCS.glob("*.md"))):
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, re.M | re.S):
            found += [(path.name, line) for line in _block_command_lines(block)]
        found += [(path.name, span) for span in re.findall(r"`(permitflow [^`]+)`", text.replace("\n", " "))]
        found += [(path.name, f"permitflow {span}")
                  for span in re.findall(rf"`((?:{commands}) [^`]+)`", text.replace("\n", " "))]
    return found


def _block_command_lines(block: str) -> list[str]:
    """The `permitflow ...` lines of a fenced block, each with its continuation lines joined to it: a line
    ending in a backslash, or a synopsis's next line of bracketed options (docs/simulation.md's `simulate`)."""
    commands: list[str] = []
    going_on = False
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith(("permitflow ", ".venv/bin/permitflow ")):
            commands.append(stripped.removeprefix(".venv/bin/"))
        elif commands and stripped and (going_on or stripped.startswith("[")) and line[:1].isspace():
            commands[-1] = f"{commands[-1]} {stripped}"
        else:
            going_on = False
            continue
        going_on = commands[-1].endswith("\\")
        commands[-1] = commands[-1].removesuffix("\\").rstrip()
    return commands


def _command_and_words(line: str) -> tuple[click.Command, list[str]]:
    """The (sub)command a documented line runs, and the words after its name."""
    import shlex

    line = line.split(" #")[0].replace("<(", " ").replace(">", " ")
    words = shlex.split(re.sub(r"[\[\]]|\s\|\s|\.\.\.(?=[\s\]])", " ", line))  # a synopsis: [--opt X | --other]
    command: click.Command = cli
    at = 1
    while isinstance(command, click.Group) and at < len(words) and words[at] in command.commands:
        command = command.commands[words[at]]
        at += 1
    return command, words[at:]


def test_every_documented_command_line_names_a_command_and_options_it_has() -> None:
    lines = _documented_command_lines()
    assert len(lines) > 100  # the extraction itself finds them
    wrong = []
    for doc, line in lines:
        command, words = _command_and_words(line)
        if command is cli:
            if words != ["--help"] and words[:1] != ["serve:"]:  # the lines serve prints ("permitflow serve: stopped")
                wrong.append(f"{doc}: {line} (no such command)")
            continue
        options = _options_in_help(command)
        wrong += [f"{doc}: {line} ({word})" for word in words
                  if re.match(r"^--?[a-z]", word) and word.split("=")[0] not in options]
    assert wrong == []


def test_every_documented_choice_is_one_its_option_takes() -> None:
    # `--format markdown`, `--to prosimos`, `--language sv|en|auto`: a value renamed in the code would leave the
    # documented line a usage error (a synopsis's `a|b` names each choice; an upper-case word is a placeholder)
    wrong, checked = [], 0
    for doc, line in _documented_command_lines():
        command, words = _command_and_words(line)
        options = {opt: param for param in command.params if isinstance(param, click.Option) for opt in param.opts}
        for at, word in enumerate(words):
            name, equals, value = word.partition("=")
            param = options.get(name)
            if param is None or param.is_flag or not isinstance(param.type, click.Choice):
                continue
            value = value if equals else (words[at + 1] if at + 1 < len(words) else "")
            checked += 1
            wrong += [f"{doc}: {line} ({name} {choice})" for choice in value.split("|")
                      if choice not in param.type.choices and not choice.isupper()]
    assert checked > 20  # the reading finds them
    assert wrong == []


@functools.cache
def _options_in_help(command: click.Command) -> frozenset[str]:
    """The options the command's --help lists, as a user reads them: the first column of its Options section."""
    path = next(path for path, each in _commands(cli, ()) if each is command)
    text = run(*path, "--help").stdout
    rows = [line for line in text.split("\nOptions:\n", 1)[1].splitlines() if re.match(r"  -", line)]
    return frozenset(opt for row in rows for opt in re.findall(r"(?<![\w-])--?[a-zA-Z][\w-]*", re.split(r"\s{2,}", row.strip())[0]))


def test_the_options_read_from_a_help_text_are_its_declared_ones() -> None:
    # the reading above, on one command: every declared option, and no word of a description that starts with --
    assert _options_in_help(cli.commands["diff"]) == \
        {opt for param in cli.commands["diff"].params if isinstance(param, click.Option) for opt in param.opts} \
        | {"-h", "--help"}
    assert "-o" in _options_in_help(cli.commands["run"]) and "--quiet" in _options_in_help(cli.commands["run"])


def test_the_documented_lines_take_in_a_synopsis_s_continuation_lines() -> None:
    # docs/simulation.md's `simulate` synopsis runs over four lines of bracketed options; only its first was read
    synopsis = next(line for doc, line in _documented_command_lines()
                    if doc == "simulation.md" and line.startswith("permitflow simulate MODEL [--profile P]"))
    command, words = _command_and_words(synopsis)
    assert command is cli.commands["simulate"]
    assert {"--profile", "--cases", "--name", "--set", "--dask", "--keys", "--lenient"} <= set(words)
    # and it names every option simulate has, as a synopsis should
    assert _options_in_help(command) - {"-h", "--help", "--replications", "--quiet"} <= set(words)
    assert _block_command_lines("permitflow run a.yaml \\\n    --workers 2\n  # not a continuation\n") == \
        ["permitflow run a.yaml --workers 2"]


def test_every_documented_invocation_gives_the_options_its_command_requires() -> None:
    # README, "Learning from a case log": `calibrate helsingborg log.xes --validate --replications 3` (four times)
    # left out the -o that calibrate requires, so the command as written stopped with a usage error (exit 2)
    wrong = []
    for doc, line in _documented_command_lines():
        command, words = _command_and_words(line)
        if command is cli or "--help" in words:
            continue
        given = [word for word in words if not word.startswith("-")]
        needed = [param for param in command.params if isinstance(param, click.Argument) and param.required]
        if len(given) < len(needed):  # the command named in passing (`calibrate helsingborg` from ...), not run
            continue
        wrong += [f"{doc}: {line} (no {param.opts[-1]})" for param in command.params
                  if isinstance(param, click.Option) and param.required
                  and not any(word.split("=")[0] in param.opts for word in words)]
    assert wrong == []


def test_every_example_file_is_named_in_the_readme_or_docs() -> None:
    # examples/uncertainty/status-quo.yaml, the baseline the README's uncertainty example runs, was named nowhere
    text = " ".join(path.read_text(encoding="utf-8") for path in (README, *sorted(DOCS.glob("*.md"))))
    files = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "examples").rglob("*") if path.is_file())
    assert files, "examples/ is empty"
    assert [name for name in files if name not in text] == []


def test_simulation_md_lists_every_figure_the_engine_gives() -> None:
    # docs/simulation.md, "Records and figures": the keys of figures(result, fee=...), by family
    from bpmn_io import read_bpmn
    from bpmn_io.profile import read_profile
    from simulator import figures, simulate

    text = (DOCS / "simulation.md").read_text(encoding="utf-8")
    section = text[text.index("`figures(result, fee=...)` keys"):text.index("Cases arriving in the warm-up")]
    documented: set[str] = set()
    for key in re.findall(r"`([a-z0-9_{},.<>]+)`", section.replace("\n", " ")):
        if key.endswith("_..."):  # complete_to_decision_...: the same suffixes as submission_to_decision_
            continue
        key = key.split("<")[0]
        braces = re.fullmatch(r"(.*)\{(.*)\}(.*)", key)
        documented |= {braces.group(1) + part + braces.group(3) for part in braces.group(2).split(",")} if braces \
            else {key}
    documented |= {key.replace("submission_", "complete_") for key in documented if key.startswith("submission_")}
    library = ROOT / "processes" / "library" / "helsingborg"
    process = read_bpmn(library / "process.bpmn").processes[0]
    result = simulate(process, read_profile(library / "profile.yaml").simulation, seed=1)
    given = {key.split(".")[0] + ("." if "." in key else "") for key in figures(result, fee=11700)}
    assert given == documented


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation but - and _ dropped, spaces as -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _broken_links(paths) -> list[str]:
    """Every relative link of these Markdown files whose file does not exist, or whose #anchor is no heading's
    GitHub anchor in the file it points to (a link to a heading of the same file too: `(#anchor)`)."""
    wrong = []
    for path in paths:
        text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
        for link in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", link):
                continue
            file, _, anchor = link.partition("#")
            target = (path.parent / file).resolve() if file else path
            if not target.exists():
                wrong.append(f"{path.name}: {link} (no such file)")
            elif anchor and target.suffix == ".md":
                anchors, seen = [], Counter[str]()
                for heading in _headings(target.read_text(encoding="utf-8")):
                    slug = _anchor(heading)
                    anchors.append(f"{slug}-{seen[slug]}" if seen[slug] else slug)  # a repeated heading: -1, -2
                    seen[slug] += 1
                if anchor not in anchors:
                    wrong.append(f"{path.name}: {link} (no such heading)")
    return wrong


def test_every_link_between_the_documents_reaches_a_file_and_heading() -> None:
    documents = (README, *sorted(DOCS.glob("*.md")))
    assert sum(len(re.findall(r"\]\((?![a-z]+:)[^)\s]+\)", path.read_text(encoding="utf-8")))
               for path in documents) > 50  # the reading finds the links (README's Contents alone has 14)
    assert _broken_links(documents) == []


def test_the_link_check_finds_a_missing_file_a_missing_heading_and_a_wrong_repeat(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# A page\n\n## Safety of outputs\n\n## Notes\n\n## Notes\n",
                                               encoding="utf-8")
    readme = tmp_path / "README.md"
    good = ("[p](docs/page.md) [s](docs/page.md#safety-of-outputs) [n](docs/page.md#notes-1)"
            " [q](#quick-start-python-311) [w](https://example.org/#x)\n\n## Quick start (Python 3.11)\n\n"
            "```\n[not a link](nowhere.md)\n```\n")
    readme.write_text(good, encoding="utf-8")
    assert _broken_links([readme, tmp_path / "docs" / "page.md"]) == []
    readme.write_text(good + "[gone](docs/gone.md) [typo](docs/page.md#safety-of-output)"
                      " [third](docs/page.md#notes-2) [here](#quick-start)\n", encoding="utf-8")
    assert _broken_links([readme]) == ["README.md: docs/gone.md (no such file)",
                                       "README.md: docs/page.md#safety-of-output (no such heading)",
                                       "README.md: docs/page.md#notes-2 (no such heading)",
                                       "README.md: #quick-start (no such heading)"]


def test_the_readme_names_every_column_of_the_csv_files_in_order(tmp_path: Path) -> None:
    """Found by the batch night: the results table named some of the columns ("submission, complete, decision,
    times, within the deadline"); ``warmup``, ``n``, ``replications``, ``enable`` and ``outcome`` were not said."""
    fixtures = ROOT / "tests" / "scenarios" / "fixtures"
    shutil.copy(fixtures / "mini.bpmn", tmp_path / "mini.bpmn")
    shutil.copy(fixtures / "mini.yaml", tmp_path / "mini.yaml")
    (tmp_path / "s.yaml").write_text("name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\n"
                                     "horizon: 6w\noutputs: [summary, cases, eventlog]\n", encoding="utf-8")
    done = run("run", str(tmp_path / "s.yaml"), "-o", str(tmp_path / "out"), "--workers", "1", "-q")
    assert done.exit_code == 0, done.output
    text = _documents()  # docs/batch.md, moved from the README's "Batch runs"
    listed = text[text.index("The columns of the CSV files"):]
    listed = listed[:listed.index("\n\n", listed.index("\n- "))]
    for item in listed.split("\n- ")[1:]:
        name, _, columns = item.partition(":")
        words = re.findall(r"`([^`]+)`", re.sub(r"\([^()]*\)", "", columns))
        header = (tmp_path / "out" / name.strip("`")).read_text(encoding="utf-8").split("\n", 1)[0]
        assert words == header.split(","), name


def test_the_readme_simulate_excerpt_is_what_the_command_prints() -> None:
    # docs/simulation.md (moved from the README's "Simulating one process"): the table of
    # `permitflow simulate helsingborg --years 1 -q --language en`, rows left out marked …; each row shown
    # is a row of today's output, in its order, figures and all
    marker = "From\n`permitflow simulate helsingborg --years 1 -q --language en`"
    command = "simulate helsingborg --years 1 -q --language en"
    assert marker in _documents()
    shown = [line for line in _readme_block_after(marker, "").splitlines() if line.strip() not in ("", "…")]
    result = run(*command.split())
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    assert len(shown) > 15
    assert [line for line in shown if line not in printed] == []
    assert [printed.index(line) for line in shown] == sorted(printed.index(line) for line in shown)


def test_the_model_of_your_own_example_converts_and_simulates_as_docs_say(tmp_path: Path) -> None:
    # docs/simulation.md, "A model of your own" (a dense paragraph until qawords): its tiny model gets a
    # profile to fill in, stderr says the lines the page shows, and the model simulates with it as written
    model = tmp_path / "model.yaml"
    model.write_text(_readme_block_after("A tiny model in the YAML authoring form", "yaml"), encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    converted = run("convert", str(model), str(profile), "--to", "profile")
    assert converted.exit_code == 0, converted.output
    shown = _readme_block_after("`permitflow convert model.yaml profile.yaml --to profile` writes", "")
    assert converted.stderr == shown.replace("permitflow: profile.yaml:", f"permitflow: {profile}:")
    simulated = run("simulate", str(model), "--profile", str(profile), "--years", "0.5", "-r", "2", "-q")
    assert simulated.exit_code == 0, simulated.output
    assert "Granska ansökan" in simulated.stdout
