"""The batch report: one self-contained HTML file (inline CSS, inline SVG, PNG data URIs).

:func:`render_report` takes what a results folder holds — the summary document,
the case rows and the BPMN of each process — and returns the HTML text; it
needs no network and links to nothing outside the file. Each scenario shows its
question, a table of figures with 95 % intervals and, when it has a baseline, the
paired difference (marked when the interval excludes zero). Plots and each
municipality's diagram (average waiting time per step as badges) follow; the
diff section of the compared municipalities comes from :mod:`report.diff_html`.

This module puts the page together; its parts are their own modules: the figures tables
(:mod:`report.figuretables`, their cells :mod:`report.tablecells`), the diagrams (:mod:`report.diagrams`),
the section on how sure the answers are (:mod:`report.howsure`), the assumption tables
(:mod:`report.assumptionsection`), the plots as jobs (:mod:`report.plotjobs`), the names of processes,
steps and municipalities (:mod:`report.processnames`) and the runs' clocks (:mod:`report.runclocks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from typing import Any

from markupsafe import Markup

from processes.errors import PermitflowError
from processes.model import Definitions
from processes.numbers import number
from processes.wording import listed
from report.assumptions import change_words, queue_for, worded_factors
from report.assumptionsection import (
    DrawnAssumptions,
    drawn_assumption_tables,
    early_assumptions,
    marked_assumptions,
    scenario_runs,
)
from report.chance import highlights, mark_highlights
from report.deadlines import LIBRARY_CLOCK, common_clock, deadline_said
from report.diagrams import DrawnDiagrams, bilingual_badges, diagram_svgs, report_diagrams, waiting_badges
from report.failurewords import failure_words, sweep_point_subject
from report.figuretables import (
    KEY_FIGURES,
    DrawnTables,
    EarlyTables,
    figure_description,
    library_priced,
    point_tables,
)
from report.figuretext import NO_PRICE, unpriced_entries
from report.headline import headline
from report.howsure import how_sure, how_sure_bases
from report.namemarks import NameMarks
from report.numbers import SHARE_RULE
from report.plotjobs import Grouped, grouped_cases, plot_jobs, start_plots, sweep_jobs
from report.processnames import (
    member_names,
    parsed_processes,
    scenario_titles,
    step_names,
    town_names,
    unnamed_towns,
)
from report.runclocks import clocks_of
from report.tablecells import cell, points_cell, share_cell
from report.templating import marked_languages, strip_xml_prolog, template_environment
from report.words import (
    LANGUAGES,
    figure_words,
    in_per_cent,
    point_words,
    question_words,
    run_setting_words,
    scenario_words,
    setting_words,
    word,
)

__all__ = ["render_report", "report_template", "scenario_line",
           # where they were before the report was split along its seams (report.build, web.answer and the
           # tests import them from here)
           "KEY_FIGURES", "parsed_processes", "plot_jobs", "sweep_jobs", "town_names", "step_names",
           "bilingual_badges", "start_plots", "grouped_cases", "waiting_badges", "diagram_svgs", "strip_xml_prolog",
           "point_tables", "EarlyTables", "DrawnAssumptions", "Grouped", "early_assumptions"]


_ENV = template_environment()
_ENV.filters["num"] = cell
# a count in a sentence as each language writes it (found by QA, qafresh: "of the 3776 changes", "de 3776
# ändringar"; "3,776" and "3 776")
_ENV.globals["number"] = number
_ENV.filters["pct"] = share_cell
_ENV.filters["points"] = points_cell
_ENV.tests["per_cent"] = in_per_cent


def _deadline_filter(text: Any, lang: str, clock: tuple[float | None, float | None] = LIBRARY_CLOCK) -> Markup:
    """A caption of the template, written for 4 months, naming the run's deadline (``{% filter deadline(...) %}``;
    the caption is the template's own text, and the words put in are plain)."""
    return Markup(deadline_said(str(text), lang, *clock))


_ENV.filters["deadline"] = _deadline_filter


#: the staff group a glossary names when the processes reported call their "officer" pool differently
_EACH_STAFF_GROUP = {"en": "each staff group", "sv": "varje personalgrupp"}


def _glossary_staff(names: Mapping[str, Mapping[str, str]], members: Sequence[str], lang: str) -> dict[str, str]:
    """The name the glossary gives the ``officer`` pool of ``members`` (``names``: :func:`step_names` in ``lang``,
    with each pool's own name): none where no process names it (the case officers), the name all give it, or
    "each staff group" where they differ.

    >>> _glossary_staff({"a": {"officer": "HR"}, "b": {}}, ["a", "b"], "en")
    {'officer': 'each staff group'}
    >>> _glossary_staff({"a": {"officer": "HR"}}, ["a"], "en"), _glossary_staff({"a": {}}, ["a"], "en")
    ({'officer': 'HR'}, {})
    """
    said = {(names.get(m) or {}).get("officer") or "" for m in members}
    if said <= {""}:
        return {}
    return {"officer": said.pop() if len(said) == 1 else _EACH_STAFF_GROUP[lang]}


#: the words of a scenario's line of settings
_LINE = {
    "en": {"towns": "Municipalities: {}", "model": "Model: {}", "models": "models: {}",
           "shared": "; shared staff: {}", "serves": "{} ({}'s, serving {} too)",
           "joint": "{} (a joint unit of {})", "runs": ". Random seed {}, {} replications", "and": " and "},
    "sv": {"towns": "Kommuner: {}", "model": "Modell: {}", "models": "modeller: {}",
           "shared": "; gemensam personal: {}", "serves": "{} ({} betjänar även {})",
           "joint": "{} (en gemensam enhet för {})", "runs": ". Slumpfrö {}, {} upprepningar", "and": " och "},
}


def scenario_line(s: Mapping[str, Any], towns: Mapping[str, str], lang: str,
                  unnamed: frozenset[str] = frozenset()) -> str:
    """A scenario's municipalities, shared staff and run settings in a sentence (``s``: its summary entry);
    ``unnamed``: members whose profile names no municipality, said as models ("Model: permit").

    >>> s = {"members": ["p"], "seed": 1, "replications": 2, "settings": {}}
    >>> scenario_line(s, {}, "sv", frozenset({"p"}))
    'Modell: p. Slumpfrö 1, 2 upprepningar.'
    """
    said = _LINE[lang]
    named = [towns.get(m, m) for m in s["members"] if m not in unnamed]
    models = [towns.get(m, m) for m in s["members"] if m in unnamed]
    line = "; ".join(([said["towns"].format(", ".join(named))] if named else [])
                     + ([said["models" if named else "model"].format(", ".join(models))] if models else []))
    shared = []
    for p in s.get("shared_pools") or []:
        if p["provider"]:
            served = listed([towns.get(m, m) for m in p["members"] if m != p["provider"]], said["and"])
            shared.append(said["serves"].format(word(p["pool"], lang), towns.get(p["provider"], p["provider"]), served))
        else:
            shared.append(said["joint"].format(word(p["pool"], lang), listed([towns.get(m, m) for m in p["members"]],
                                                                             said["and"])))
    if shared:
        line += said["shared"].format(", ".join(shared))
    line += said["runs"].format(s["seed"], s["replications"])
    line += "".join(f", {run_setting_words(k, v, lang)}" for k, v in s["settings"].items())
    return line + "."


#: a code of the domain brief in a profile's text (A4, S2, L8), which the assumptions' note explains (found by QA: a
#: manager read "A4" and "brief §8" with no word on what they are)
_BRIEF_CODE = re.compile(r"\b[ASL][0-9]{1,2}\b")


def report_template() -> Any:
    """The report's template, compiled once per process (jinja2 keeps it)."""
    return _ENV.get_template("report.html.j2")


def render_report(
    doc: Mapping[str, Any],
    cases: Iterable[Mapping[str, str]],
    processes: Mapping[str, str],
    *,
    diff_section: Callable[[Sequence[str]], str] | None = None,
    profiles: Mapping[str, Any] | None = None,
    uncertainty: Mapping[str, Any] | None = None,
    executor: Executor | None = None,
    plots_drawn: Callable[[], Mapping[Hashable, str | None]] | None = None,
    parsed: Mapping[str, tuple[str, Definitions | PermitflowError]] | None = None,
    drawn_diagrams: DrawnDiagrams | None = None,
    drawn_assumptions: DrawnAssumptions | None = None,
    drawn_tables: DrawnTables | None = None,
) -> str:
    """The report HTML for a summary document, its case rows and the processes' BPMN.

    ``diff_section(names)`` returns the HTML of the comparison of the library
    municipalities ``doc["compare"]`` (left out when ``None`` or fewer than two).
    ``profiles`` (process name -> profile document) give the municipalities' names and
    the assumptions section; ``uncertainty`` (``uncertainty.json``) the headline's
    check against the assumption ranges and the section on how sure the answers are.
    ``executor``: where the plots are drawn (the run's worker pool) while this process
    builds the rest; ``None``: here. The HTML is the same either way. ``plots_drawn``: the
    plots already on their way (:func:`start_plots` of the same document, case rows and
    profiles; ``cases`` is not read then). ``parsed``: processes parsed earlier, by name (BPMN
    text, what it parsed to): one whose text is the same is not parsed again. ``drawn_diagrams``:
    diagrams drawn earlier (:func:`diagram_svgs`): one of the same parsed model and badges is taken.
    ``drawn_assumptions``: the assumption tables made earlier (:func:`early_assumptions`), taken when
    made of the same inputs. ``drawn_tables``: figures tables made earlier (:class:`EarlyTables`), each
    taken when made of the same inputs.
    """
    profiles = profiles or {}
    uncertainty = worded_factors(uncertainty, profiles)  # the officer factors by a named pool's name
    towns = town_names(doc, profiles)
    unnamed = unnamed_towns(doc, profiles)  # said as models, not as municipalities
    clocks = clocks_of(doc, profiles)
    clock = common_clock(clocks)
    if plots_drawn is None:
        plots_drawn = start_plots(doc, cases, profiles, executor)
    read = parsed_processes(processes, parsed)
    names = step_names(processes, profiles, read)
    marks = NameMarks.of(read)  # a Swedish model's step named in an English sentence says it is Swedish
    scenarios = []
    said: dict[tuple[str, str], dict[str, str]] = {}
    titles = scenario_titles(doc)
    library = library_priced(profiles)  # whose prices the descriptions may say are the library's
    chance = highlights(doc)  # over every difference the report compares, before any table is marked
    made = (drawn_tables[5] if drawn_tables is not None
            and drawn_tables[:5] == (towns, names, clocks, titles, library) else {})
    for s in doc["scenarios"]:
        points = []
        for i, point in enumerate(s["points"]):
            early = made.get((s["name"], i))
            points.append({
                "label": point["label"],
                "label_words": {lang: point_words(point["label"], lang, towns[lang], point.get("values"))
                                for lang in ("en", "sv")} if point["label"] else None,
                "failures": [{"message": m, "words": marks.both(failure_words(
                    m, member_names(names, s["members"]), **_failed_point(s, i, towns)), s["members"])}
                    for m in point["failures"]],
                "tables": Markup(mark_highlights(
                    early[2] if early is not None and early[0] == s["members"] and early[1] == point
                    else point_tables(point, s["members"], towns, names, said, clocks, titles, marks,
                                      library),
                    s["name"], i, chance)),
            })
        scenarios.append({**s, "view_points": points,
                          "line": {lang: scenario_line(s, towns[lang], lang, unnamed) for lang in LANGUAGES},
                          "set_words": {lang: Markup("; ").join(marks.html(
                              f"{towns[lang].get(o['process'], o['process'])}: "
                              f"{change_words(o['path'], o['value'], names[lang].get(o['process'], {}), lang)}",
                              lang, (o["process"],)) for o in s.get("set") or []) for lang in LANGUAGES},
                          "title": {lang: scenario_words(s["name"], lang) for lang in ("en", "sv")},
                          "question": question_words(s),
                          "sweep_words": {lang: setting_words(s["sweep"][0]["path"], lang, towns[lang]) for lang in ("en", "sv")}
                          if s.get("sweep") else None,
                          "towns": {lang: ", ".join(towns[lang].get(m, m) for m in s["members"]) for lang in LANGUAGES}})
    members = {s["name"]: s["members"] for s in doc["scenarios"]}
    compare = list(doc.get("compare") or [])
    diff_html = diff_section(compare) if diff_section is not None and len(compare) >= 2 else ""
    diagrams = report_diagrams(doc, processes, read, names, drawn_diagrams)
    drawn = plots_drawn()
    for k, scenario in enumerate(scenarios):
        scenario["sweep_plot"] = {lang: drawn[("sweep", k, lang)] for lang in LANGUAGES}
    assumptions = marked_assumptions(drawn_assumption_tables(
        {m: profiles[m] for m in towns["en"] if m in profiles}, names, uncertainty, scenario_runs(doc),
        drawn_assumptions), marks)
    # the glossary describes the processes reported: the library's prices only where one is priced so, and
    # that the work has no price where a reported cost has none
    library_prices = any(m in library for s in doc["scenarios"] for m in s["members"])
    unpriced = any(unpriced_entries(p["figures"]) for s in doc["scenarios"] for p in s["points"])
    reported = tuple(dict.fromkeys(m for s in doc["scenarios"] for m in s["members"]))
    staff = {lang: _glossary_staff(names[lang], reported, lang) for lang in LANGUAGES}
    # a staff group named after its model's lane ("HR Department") in the other language's glossary and caption
    # says its language, as the tables do (found by QA: "beläggning för HR Department" read with Swedish sounds)
    # every text in one language says which (lang="sv" on each class="sv" piece): screen readers, hyphenation
    return marked_languages(report_template().render(
        doc=doc,
        scenarios=scenarios,
        failures=[{**f, "title": titles.get(f["scenario"]) or {lang: f["scenario"] for lang in LANGUAGES},
                   "words": marks.both(failure_words(
                       f["message"], member_names(names, members.get(f["scenario"], [])),
                       **_failed_point(*where, towns)), members.get(f["scenario"], []))}
                  for f, where in zip(doc.get("failures") or [], _failure_points(doc), strict=True)],
        headline=headline(doc, uncertainty, {m: {lang: towns[lang][m] for lang in LANGUAGES} for m in towns["en"]}, clocks,
                          chance),
        plot_clock=clock if clock[0] is not None else LIBRARY_CLOCK,  # the plots' line: report.plots
        uncertainty=uncertainty,
        how_sure=how_sure(uncertainty, towns, names, marks, {
            s["name"]: set().union(*(unpriced_entries(p["figures"]) for p in s["points"])) for s in doc["scenarios"]},
            said, clocks, chance),
        no_price=NO_PRICE,
        how_sure_bases=how_sure_bases(uncertainty, towns),
        assumptions=assumptions,
        queue_for=marks.both(queue_for(profiles[m] for m in towns["en"] if m in profiles), reported),
        brief_codes=any(_BRIEF_CODE.search(r["why"]["en"]) for a in assumptions for r in a["rows"]),
        plot_times={lang: drawn[f"times.{lang}"] for lang in LANGUAGES},
        plot_deadline={lang: drawn[f"deadline.{lang}"] for lang in LANGUAGES},
        plot_utilisation={lang: drawn[f"utilisation.{lang}"] for lang in LANGUAGES},
        diagrams=diagrams,
        diff_html=diff_html,
        compare=compare,
        towns=towns,
        models_unnamed=bool(unnamed),  # the overview's column names models beside municipalities
        glossary=[{lang: tuple(marks.html(text, lang, reported) for text in (
                       deadline_said(figure_words(key, lang, staff[lang]), lang, *clock),
                       deadline_said(figure_description(key, lang, library=library_prices, unpriced=unpriced,
                                                        pool=staff[lang].get("officer")), lang, *clock)))
                   for lang in LANGUAGES}
                  for key in KEY_FIGURES],
        share_rule=SHARE_RULE,
        chance=chance,
    ))


def _failure_points(doc: Mapping[str, Any]) -> list[tuple[Mapping[str, Any] | None, int]]:
    """The scenario of each of ``doc``'s failures and the index of its sweep point (-1: none found): the failure's
    ``point``; in a summary.json written before the failures named their point, the k-th failure of a scenario is
    its k-th point with failures, the order the run writes them in (the report matched them by rebuilding the
    message as text)."""
    scenarios = {s["name"]: s for s in doc["scenarios"]}
    seen: dict[str, int] = {}
    out: list[tuple[Mapping[str, Any] | None, int]] = []
    for failure in doc.get("failures") or []:
        s = scenarios.get(failure["scenario"])
        k = seen[failure["scenario"]] = seen.get(failure["scenario"], -1) + 1
        if s is None:
            out.append((None, -1))
        elif "point" in failure:
            out.append((s, failure["point"]) if failure["point"] < len(s["points"]) else (None, -1))
        else:
            failed = [i for i, point in enumerate(s["points"]) if point["failures"]]
            out.append((s, failed[k]) if k < len(failed) else (None, -1))
    return out


def _failed_point(scenario: Mapping[str, Any] | None, index: int,
                  towns: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """``failure_words``' subject for point ``index`` of a swept ``scenario`` (which value of how many), or
    none: a scenario of one point failed as a whole."""
    if scenario is None or index < 0 or len(scenario["points"]) < 2 or not scenario["points"][index]["label"]:
        return {}
    point = scenario["points"][index]
    value = {lang: point_words(point["label"], lang, towns[lang], point.get("values"))
             for lang in ("en", "sv")}
    return {"subject": sweep_point_subject(index + 1, len(scenario["points"]), value)}
