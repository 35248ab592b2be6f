"""Scenario and study files: what-if questions over library (or user) processes.

A scenario file names a base, overrides, an optional sweep grid and run settings::

    name: helsingborg-delegated-to-officer
    question: What if Helsingborg's committee delegated permit decisions to the officer?
    base: helsingborg                  # a library municipality, or {bpmn: f.bpmn, profile: f.yaml}
    set:                               # dotted paths into the profile
      simulation.decision.delegation: officer
    sweep:                             # a cartesian grid; each point is run on its own
      simulation.pools.officer.count: [1, 2, 3]
    replications: 10
    seed: 2025
    horizon: 1y                        # or cases: 500 (that many applications)
    warmup: 8w
    outputs: [summary, cases, eventlog]  # eventlog: eventlog.csv and eventlog.xes
    baseline: helsingborg-status-quo   # another scenario of the same run

``question:`` (and a study's ``title:``) is text, or the text in both languages the report is read in
(``question: {en: What if ...?, sv: Vad händer om ...?}``).

A file may hold several scenarios one after the other, separated by ``---`` lines (as
``permitflow serve`` saves a what-if after its status quo); their lines keep their numbers.

Several processes may share a pool: ``base:`` is then a list, ``set:`` paths start
with the member's name (``klippan.simulation.pools.officer.count``), and
``shared_pools:`` says who serves whom (see :mod:`scenarios.sharing`).

A study file gathers scenario files (``scenarios:``, paths relative to the study),
the municipalities whose processes are diffed in the report (``compare:``) and
``defaults:`` that fill only the run settings a scenario file leaves out (the
rule and the built-in defaults: :mod:`scenarios.settings`). Every override is
applied and the resulting profile parsed here (:func:`scenarios.study.build_scenario`),
so a bad path or value is refused with file, line, path, value and the allowed
values before anything runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bpmn_io.library import library_names
from bpmn_io.userfile import MAX_YAML_BYTES, read_user_file
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError, did_you_mean, not_utf8
from scenarios.bases import resolve_base
from scenarios.names import check_name
from scenarios.overrides import member_path
from scenarios.settings import SETTING_KEYS, Origin, resolve_settings
from scenarios.sharing import parse_shared_pools
from scenarios.shipped import shipped_path, shipped_root, shown_source
from scenarios.study import Scenario, Study, build_scenario

__all__ = [
    "parse_scenario",
    "read_scenario",
    "parse_study",
    "read_study",
    "read_any",
    "bundled_study",
    "MAX_DOCUMENTS",
]

SCENARIO_KEYS = ("name", "question", "base", "set", "sweep", "shared_pools", "baseline", *SETTING_KEYS)
STUDY_KEYS = ("study", "title", "question", "compare", "defaults", "scenarios")

#: a study's ``defaults:`` as a settings layer: (values, the study file, the line of each key)
Defaults = tuple[Mapping[str, Any], Origin, Mapping[str, int]]


# --------------------------------------------------------------------------- YAML with lines


def _compose(text: str, source: str) -> tuple[Any, dict[str, int]]:
    """The data of ``text`` and the line of each key: ``"set"``, ``"set.<path>"``, ..."""
    doc = load_yaml(text, source=source)
    lines: dict[str, int] = {}
    for path, line in doc.lines.items():
        if 1 <= len(path) <= 2 and all(isinstance(p, str) for p in path):
            lines.setdefault(".".join(path), line)
    return doc.data, lines


def _check_keys(data: Mapping[str, Any], allowed: tuple[str, ...], source: str, lines: Mapping[str, int]) -> None:
    for key in data:
        if key not in allowed:
            raise InputError(
                f"unknown key '{key}'{did_you_mean(str(key), allowed)} (expected one of "
                f"{', '.join(allowed)})",
                file=source,
                line=lines.get(str(key)),
            )


def _mapping(data: Mapping[str, Any], key: str, what: str, source: str, lines: Mapping[str, int]) -> dict[str, Any]:
    block = data.get(key)
    if block is None and key != "sweep":
        return {}
    if key == "sweep" and (block is None or block == {}):  # its lines left out or commented out: one run, unasked
        raise InputError(f"sweep: empty (expected a mapping of {what}; leave sweep: out for a single run)",
                         file=source, line=lines.get(key))
    if not isinstance(block, dict):
        raise InputError(f"{key}: expected a mapping of {what}, not {block!r}", file=source, line=lines.get(key))
    return block


def _in_languages(value: Any, key: str, source: str, line: int | None) -> tuple[str, str]:
    """(text, Swedish text) of a ``question:`` or ``title:``: text as written (``""`` for Swedish: the same
    text), or ``{en: ..., sv: ...}``, the text in each language the report is read in."""
    if value is None or isinstance(value, (str, int, float)):
        return str(value if value is not None else ""), ""
    if not isinstance(value, dict) or not value or set(value) - {"en", "sv"} \
            or not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise InputError(f"{key}: {value!r} (expected text, or {{en: text, sv: text}})", file=source, line=line)
    english, swedish = value.get("en") or value["sv"], value.get("sv") or ""
    return english, swedish if swedish != english else ""


# --------------------------------------------------------------------------- scenario


def parse_scenario(
    text: str,
    *,
    source: str,
    base_dir: Path | None = None,
    defaults: Defaults | None = None,
) -> Scenario:
    """Parse and resolve one scenario file's text; every point is checked before return.

    ``base_dir`` resolves relative ``bpmn:``/``profile:`` paths (default: the
    directory of ``source``). ``defaults`` (a study's) fill run settings the
    scenario leaves out.
    """
    data, lines = _compose(text, source)
    first = len(text) - len(text.lstrip("\n")) + 1  # a document of a file of several: its own first line
    if not isinstance(data, dict):
        raise InputError("a scenario file is a mapping (name:, base:, set: ...)", file=source, line=first)
    _check_keys(data, SCENARIO_KEYS, source, lines)
    base_dir = base_dir if base_dir is not None else Path(source).parent
    own = {k: data[k] for k in SETTING_KEYS if k in data}
    settings = resolve_settings([*([defaults] if defaults else []), (own, Origin(source), lines)])

    name = _name(data, "name", "name", source, lines)
    if "base" not in data:
        raise InputError("missing 'base' (a library municipality or {bpmn:, profile:})", file=source, line=first)
    base_specs = data["base"] if isinstance(data["base"], list) else [data["base"]]
    if not base_specs:
        raise InputError("base: an empty list (expected library municipalities or {bpmn:, profile:})",
                         file=source, line=lines.get("base"))
    bases = tuple(resolve_base(spec, source=source, line=lines.get("base"), base_dir=base_dir) for spec in base_specs)
    names = [b.name for b in bases]
    if len(set(names)) != len(names):
        raise InputError(f"base: a process is named twice in {names}", file=source, line=lines.get("base"))
    shared = parse_shared_pools(
        data.get("shared_pools") or {}, members={b.name: b.profile for b in bases},
        source=source, line=lines.get("shared_pools"),
    )
    sets = _mapping(data, "set", "dotted path: value", source, lines)
    sweep = _mapping(data, "sweep", "dotted path: [values]", source, lines) if "sweep" in data else {}
    _each_setting_once(sets, sweep, names, source, lines)
    baseline = data.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise InputError(f"baseline: {baseline!r} is not a scenario name", file=source, line=lines.get("baseline"))
    question, question_sv = _in_languages(data.get("question"), "question", source, lines.get("question"))
    return replace(build_scenario(
        name=name,
        question=question,
        question_sv=question_sv,
        source=source,
        bases=bases,
        settings=settings,
        sets=[(str(p), v, Origin(source, lines.get(f"set.{p}"))) for p, v in sets.items()],
        sweep=[(str(p), v, Origin(source, lines.get(f"sweep.{p}"))) for p, v in sweep.items()],
        shared_pools=shared,
        baseline=baseline,
        baseline_line=lines.get("baseline"),
    ), name_line=lines.get("name") or first)


def _each_setting_once(sets: Mapping[str, Any], sweep: Mapping[str, Any], members: Sequence[str], source: str,
                       lines: Mapping[str, int]) -> None:
    """Refuse a profile path that ``set:`` and ``sweep:`` both give, or that one gives twice written two
    ways (``pools.officer.count``, ``simulation.pools.officer.count``): one value would go unused, unsaid."""
    given: dict[tuple[str, str], tuple[str, int | None]] = {}
    for block, paths in (("set", sets), ("sweep", sweep)):
        for written in paths:
            line = lines.get(f"{block}.{written}")
            key = member_path(str(written), members, Origin(source, line))
            if key in given:
                first, first_line = given[key]
                raise InputError(f"{block}: {written}: {key[0]}'s {key[1]} is also given by {first}"
                                 f"{f' (line {first_line})' if first_line else ''}; one of the values would go unused "
                                 "(expected each setting once, in set: or in sweep:)", file=source, line=line)
            given[key] = (f"{block}: {written}", line)


def _read_text(path: Path) -> str:
    """A scenario or study file's text (a FIFO refused, ``/dev/stdin`` read once)."""
    data = read_user_file(path, what="scenario or study file", max_bytes=MAX_YAML_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise not_utf8(data, str(path), err) from None


def read_scenario(path: str | Path, *, defaults: Defaults | None = None) -> Scenario:
    """Read and resolve a scenario file of one scenario (a shipped one is named ``scenarios/<file>``:
    :func:`scenarios.shipped.shown_source`); a file of several is refused, saying so."""
    path = Path(path)
    text = _read_text(path)
    documents = _documents(text, source=shown_source(path))
    if len(documents) > 1:
        raise InputError(f"holds {len(documents)} scenarios (separated by '---' lines) where one is read "
                         "(expected a file of one scenario; permitflow run reads several)", file=shown_source(path))
    return parse_scenario(documents[0][1], source=shown_source(path), base_dir=path.parent, defaults=defaults)


def _read_scenarios(path: Path, *, defaults: Defaults | None = None, text: str | None = None) -> list[Scenario]:
    """The scenarios of a scenario file: one, or several separated by ``---`` lines (each parsed
    in turn, its lines numbered as in the file). ``text``: the file's, already read (a pipe is read once)."""
    text = _read_text(path) if text is None else text
    source = shown_source(path)
    documents = _documents(text, source=source)
    if len(documents) == 1:
        return [parse_scenario(documents[0][1], source=source, base_dir=path.parent, defaults=defaults)]
    found: list[Scenario] = []
    at: dict[str, int] = {}  # scenario name -> the line its document starts at
    for start, body in documents:
        scenario = parse_scenario("\n" * start + body, source=source, base_dir=path.parent, defaults=defaults)
        if scenario.name in at:  # said here, at its line: two without name: both take the file's
            raise InputError(f"scenario name '{scenario.name}' is also that of the scenario at line "
                             f"{at[scenario.name]} (one without name: is named after the file; expected a "
                             "name: in each)", file=source, line=start + 1)
        at[scenario.name] = start + 1
        found.append(scenario)
    return found


# --------------------------------------------------------------------------- study


def _name(data: Mapping[str, Any], key: str, what: str, source: str, lines: Mapping[str, int]) -> str:
    """The ``key:`` of a scenario or study file (default: the file's name), text that names a folder."""
    name = data.get(key) or Path(source).stem
    if not isinstance(name, str):
        raise InputError(f"{key}: {name!r} is not text", file=source, line=lines.get(key))
    check_name(name, what=what, file=source, line=lines.get(key))
    return name


def parse_study(text: str, *, source: str, base_dir: Path | None = None) -> Study:
    """Parse a study file and every scenario file it names (relative to ``base_dir``)."""
    return _parse_study(text, source=source, base_dir=base_dir)[0]


def _parse_study(text: str, *, source: str, base_dir: Path | None = None) -> tuple[Study, list[Path]]:
    """The study and the folder each of its scenario files is in (where their baselines are looked for)."""
    data, lines = _compose(text, source)
    if not isinstance(data, dict) or "scenarios" not in data:
        raise InputError("a study file is a mapping with 'scenarios:' (a list of scenario files)", file=source, line=1)
    _check_keys(data, STUDY_KEYS, source, lines)
    base_dir = base_dir if base_dir is not None else Path(source).parent
    defaults = _mapping(data, "defaults", "run settings", source, lines)
    default_lines = {k.split(".", 1)[1]: v for k, v in lines.items() if k.startswith("defaults.")}
    _check_keys(defaults, SETTING_KEYS, source, default_lines)
    layer: Defaults = (defaults, Origin(source, lines.get("defaults")), default_lines)
    # checked alone: defaults: {replications: -1} passed when every scenario sets its own
    resolve_settings([layer])
    entries = data["scenarios"]
    if not isinstance(entries, list) or not entries:
        raise InputError("scenarios: expected a non-empty list of scenario files", file=source, line=lines.get("scenarios"))
    scenarios = []
    folders = []
    listed: set[Path] = set()
    for entry in entries:
        path = base_dir / str(entry)
        if not path.is_file():
            raise InputError(f"scenarios: no scenario file '{entry}' (looked at {path})", file=source, line=lines.get("scenarios"))
        if path.resolve() in listed:  # said as such, not as its scenarios' "names used twice" at one line
            raise InputError(f"scenarios: '{entry}' is listed twice (expected each scenario file once)",
                             file=source, line=lines.get("scenarios"))
        listed.add(path.resolve())
        found = _read_scenarios(path, defaults=layer)  # a file may hold several, one after the other
        scenarios += found
        folders += [path.parent] * len(found)
    names = [s.name for s in scenarios]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        where = ", ".join(_name_at(s) for s in scenarios if s.name == duplicates[0])
        raise InputError(f"scenarios: names used twice: {', '.join(duplicates)} ({where}; expected a name of "
                         "its own for each scenario)", file=source, line=lines.get("scenarios"))
    compare = data.get("compare") or []
    if not isinstance(compare, list):
        raise InputError("compare: expected a list of library municipalities", file=source, line=lines.get("compare"))
    known = library_names()
    for entry in compare:  # checked before anything runs: the report's comparison would fail only after the run
        if str(entry) not in known:
            hint = did_you_mean(str(entry), known)
            raise InputError(f"compare: unknown library municipality '{entry}'{hint} (expected one of "
                             f"{', '.join(known)})", file=source, line=lines.get("compare"))
    # study: 42 ran as "42" (a scenario's name: 42 is refused)
    name = _name(data, "study", "study", source, lines)
    title, title_sv = _in_languages(data.get("title"), "title", source, lines.get("title"))
    study = Study(name, title or name, source, tuple(scenarios), tuple(map(str, compare)), title_sv)
    return study, folders


def read_study(path: str | Path) -> Study:
    """Read a study file and the scenario files it names."""
    path = Path(path)
    return parse_study(_read_text(path), source=shown_source(path), base_dir=path.parent)


def read_any(paths: list[str | Path]) -> Study:
    """Read the files given on a command line as one study.

    A study file contributes its scenarios and compare list; scenario files are
    added as they are. A baseline that none of the files names is looked up
    beside the scenario that needs it (``<baseline>.yaml``) and run first, so
    ``permitflow run e-service`` also runs ``status-quo``. A scenario file may hold
    several scenarios separated by ``---`` lines (at most :data:`MAX_DOCUMENTS`). One study
    file keeps its name; anything else is named after the first file (its scenario's
    name; of a file of several, the last one's). Scenario names must be unique over all files.
    """
    scenarios: list[Scenario] = []
    folders: list[Path] = []  # the folder of each scenario's file
    compare: list[str] = []
    names: list[str] = []
    title = title_sv = ""
    for path in map(Path, paths):
        text = _read_text(path)
        source = shown_source(path)
        documents = _documents(text, source=source)
        if len(documents) > 1:  # scenarios one after the other (a baseline first)
            found = _read_scenarios(path, text=text)
            scenarios += found
            folders += [path.parent] * len(found)
            names.append(found[-1].name)  # named after the last
            continue
        text = documents[0][1]  # without an empty document after it
        data, _lines = _compose(text, source)
        if isinstance(data, dict) and "scenarios" in data and "base" not in data:
            study, where = _parse_study(text, source=source, base_dir=path.parent)
            scenarios += study.scenarios
            folders += where
            compare += [c for c in study.compare if c not in compare]
            names.append(study.name)
            title, title_sv = (title, title_sv) if title else (study.title, study.title_sv)
        else:
            scenarios.append(parse_scenario(text, source=source, base_dir=path.parent))
            folders.append(path.parent)
            names.append(scenarios[-1].name)
    scenarios = _with_baselines(scenarios, folders)
    seen: dict[str, Scenario] = {}
    for scenario in scenarios:
        first = seen.get(scenario.name)
        if first is not None:
            twice = (first.source, first.name_line) == (scenario.source, scenario.name_line)
            raise InputError(
                f"scenario '{scenario.name}' is given twice (expected each scenario once)" if twice else
                f"scenario name '{scenario.name}' is also used by {_name_at(first)} (expected a name of its own "
                "for each scenario)", file=scenario.source, line=scenario.name_line,
            )
        seen[scenario.name] = scenario
    name = names[0] if names else "run"
    return Study(name, title or name, shown_source(Path(paths[0])) if paths else "", tuple(scenarios), tuple(compare),
                 title_sv)


def _name_at(scenario: Scenario) -> str:
    """``file:line`` of a scenario's name."""
    return f"{scenario.source}:{scenario.name_line}" if scenario.name_line else scenario.source


def _documents(text: str, *, source: str) -> list[tuple[int, str]]:
    """The YAML documents of a file that holds several (separated by ``---`` lines): ``(lines before
    it, its text)``, the ``---`` line left empty, so that padded with that many empty lines its lines
    keep their numbers in the file (one at a time: padding them all at once took memory growing with
    the square of the count). One document (padded so), or none: ``[(0, text)]``. More than
    :data:`MAX_DOCUMENTS`: refused before any is parsed."""
    lines = text.split("\n")
    starts = [0] + [i for i, line in enumerate(lines) if i and _DOCUMENT_START.fullmatch(line)]
    if len(starts) == 1:
        return [(0, text)]
    ends = starts[1:] + [len(lines)]
    out = []
    held: int | None = None  # where directives (%YAML, %TAG) start: they belong to the document after them
    for start, end in zip(starts, ends, strict=True):
        body = lines[start:end]
        if held is not None:  # the directives, then this document's own '---', as written
            start, body, held = held, lines[held:end], None
        if body and _DOCUMENT_START.fullmatch(body[0]):
            body = ["", *body[1:]]
        content = [line for line in body if line.strip() and not line.lstrip().startswith("#")]
        if content and all(line.startswith("%") for line in content):
            held = start
        elif content:
            out.append((start, "\n".join(body)))
    if len(out) > MAX_DOCUMENTS:
        raise InputError(f"{len(out)} scenarios separated by '---' lines: at most {MAX_DOCUMENTS} in one file "
                         "(expected a study file naming several scenario files)", file=source)
    if len(out) == 1:  # one scenario and an empty document ('---' last, as when one is cut from a file of several)
        return [(0, "\n" * out[0][0] + out[0][1])]
    return out if out else [(0, text)]


#: the most scenarios one file may hold (``---``-separated documents)
MAX_DOCUMENTS = 100

#: a line that starts a YAML document (``---``, perhaps followed by a comment; a Windows line end kept)
_DOCUMENT_START = re.compile(r"---[ \t]*(#[^\r]*)?\r?")


def _with_baselines(scenarios: list[Scenario], folders: list[Path]) -> list[Scenario]:
    """``scenarios`` preceded by the missing baselines found as ``<name>.yaml`` beside them, else as a
    shipped scenario of that name (found by QA, qafresh: the README's scenario example, saved as a file of
    one's own, names ``baseline: status-quo`` and was refused) (``folders``: the folder of each scenario's
    file; its source may name a shipped file by its path inside permitflow, not where it is)."""
    have = {s.name for s in scenarios}
    added: list[Scenario] = []
    for scenario, folder in zip(scenarios, folders, strict=True):
        wanted = scenario.baseline
        if wanted is None or wanted in have:
            continue
        path: Path | None = folder / f"{wanted}.yaml"
        if path is not None and not path.is_file():
            path = shipped_path(wanted)
        if path is not None and path.is_file():
            for baseline in _read_scenarios(path):  # a file of several scenarios: the one of that name
                if baseline.name == wanted:
                    added.append(baseline)
                    have.add(wanted)
                    break
    return added + scenarios


def bundled_study() -> Path:
    """The Familjen Helsingborg study shipped with permitflow (``permitflow run`` with no files)."""
    return shipped_root() / "familjen-helsingborg-study.yaml"
