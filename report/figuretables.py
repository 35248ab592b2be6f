"""The report's tables of figures: per sweep point, its key figures (with descriptions and counts
of replications) and all of them, each with its 95 % interval and, against a baseline, the paired
change; written in Python rather than by the template, as the bundled study's report has some
thousands of rows.

Its own module: a run makes each point's tables while its other units run (:class:`EarlyTables`),
and :func:`report.html.render_report` takes them when made of the same inputs.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from markupsafe import Markup

from bpmn_io.library import priced_as_library
from processes.errors import PermitflowError
from processes.model import Definitions
from report.bounds import impossible
from report.chance import highlight_marks
from report.figuretext import NO_PRICE, unpriced_entries
from report.namemarks import NameMarks
from report.processnames import scenario_titles, step_names, town_names
from report.runclocks import Clock, clocks_of, deadline_words
from report.tablecells import Cells
from report.words import LANGUAGES, figure_words, member_words
from simulator.glossary import describe

__all__ = ["KEY_FIGURES", "library_priced", "figure_description", "figure_tables", "point_tables", "DrawnTables",
           "EarlyTables", "figure_said"]


# Figures shown in each scenario's main table (per process); the rest are under "all figures".
KEY_FIGURES = (
    "submission_to_decision_mean_days",
    "submission_to_decision_p90_days",
    "complete_to_decision_mean_days",
    "within_deadline_share",
    "extended_share",
    "outcome_share.grant",
    "outcome_share.refusal",
    "outcome_share.withdrawal",
    "outcome_share.dismissal",
    "utilisation.officer",
    "cost_per_case",
    "cost_share_of_fee",
    "cases",
)


def figure_said(member: str, name: str, steps: Mapping[str, Mapping[str, Mapping[str, str]]],
                said: dict[tuple[str, str], dict[str, str]],
                clocks: Mapping[str, Clock | None]) -> dict[str, str]:
    """Figure ``name`` of ``member`` in words by language, each step, lane or body by its name in that
    language (``steps``: :func:`step_names`; never an element id a manager would read) and the deadline its
    clock says; made once per report (``said``: the figures tables and the how-sure table name the same figures)."""
    words = said.get((member, name))
    if words is None:
        described = {lang: figure_words(name, lang, steps[lang].get(member, {})) for lang in LANGUAGES}
        words = said[member, name] = deadline_words(described, clocks.get(member))
    return words


def _rows(point: Mapping[str, Any], members: Sequence[str], key_only: bool, towns: Mapping[str, Mapping[str, str]],
          steps: Mapping[str, Mapping[str, Mapping[str, str]]], said: dict[tuple[str, str], dict[str, str]],
          clocks: Mapping[str, Clock | None] | None = None, marks: NameMarks | None = None,
          library: Collection[str] = ()) -> list[dict[str, Any]]:
    """The table rows of ``point``: its key figures (``key_only``) or all of them (the longer table
    shows neither a figure's description nor its count of replications). ``said``: each figure's
    words by language, made once per report (every point and both tables name the same figures).
    ``clocks``: each process's deadline, which its rows name; ``towns``: :func:`town_names`; ``marks``: the
    names of the models in another language than the page's (a row's ``html``: its words with them marked);
    ``library``: the processes priced as the library prices (:func:`library_priced`), whose cost
    descriptions say how."""
    marks = marks or NameMarks({})
    clocks = clocks or {}
    diffs = (point.get("comparison") or {}).get("differences", {})
    others = sorted({n.partition("/")[0] for n in point["figures"]} - set(members))  # e.g. "shared officer"
    # a cost of 0 for want of a price reads –, as simulate's table has it, not "0 (the same in every run)"
    unpriced = unpriced_entries(point["figures"])
    rows = []
    for member in [*members, *others]:
        town = {lang: member_words(member, towns[lang], lang) for lang in LANGUAGES}  # every row of the member's
        names = (
            [f"{member}/{k}" for k in KEY_FIGURES if f"{member}/{k}" in point["figures"]]
            if key_only
            else sorted(n for n in point["figures"] if n.startswith(f"{member}/"))
        )
        for name in names:
            est = point["figures"][name]
            words = figure_said(member, name, steps, said, clocks)
            priced = name not in unpriced
            row = {
                "member": member,
                "town": town,
                "figure": name.partition("/")[2],
                "words": words,
                "html": marks.both(words, (member,)),
                "unpriced": not priced,
                "mean": est["mean"] if priced else None,
                "low": est["ci"][0],
                "high": est["ci"][1],
                # the cell says "too few replications" instead: an interval past where the figure can be, or none
                # at all beside a mean that one replication alone measured (it showed "– – –")
                "beyond": impossible(name, *est["ci"], cut=est.get("cut")) or ("one" if est["mean"] is not None and None in est["ci"]
                                                           else None),
                "diff": diffs.get(name) if priced else None,
                "key": name,
            }
            if key_only:
                replications = est["replications"]
                row["description"] = deadline_words({lang: figure_description(
                    name, lang, library=member in library, unpriced=not priced,
                    pool=steps[lang].get(member, {}).get(name.rpartition(".")[2]) if "." in name else None)
                    for lang in LANGUAGES}, clocks.get(member))
                row["n"] = len(replications) - replications.count(None)
            rows.append(row)
    return rows


_HEAD = ('<thead><tr><th><span class="en">Municipality</span><span class="sv">Kommun</span></th><th><span class="en">'
         'Figure</span><span class="sv">Mått</span></th><th><span class="en">Mean</span><span class="sv">Medel</span>'
         '</th><th><span class="en">95% interval</span><span class="sv">95&nbsp;% intervall</span></th>')


@functools.lru_cache(maxsize=4096)
def _esc(text: Any) -> str:
    """``text`` escaped for HTML as the template escapes it; the figures tables repeat the same words
    (a figure's, a municipality's) in every point, so each is escaped once."""
    return str(Markup.escape(text))


def _town_cell(town: Mapping[str, str]) -> str:
    en, sv = _esc(town["en"]), _esc(town["sv"])
    return en if town["en"] == town["sv"] else f'<span class="en">{en}</span><span class="sv">{sv}</span>'


def library_priced(profiles: Mapping[str, Any]) -> frozenset[str]:
    """The processes of ``profiles`` (name -> profile document) whose staff are priced as the library prices
    them (:func:`bpmn_io.library.priced_as_library`), whose prices the glossary and cost descriptions may
    describe: decided by the prices, not by the name (a user's own "helsingborg" has its own)."""
    return frozenset(m for m, profile in profiles.items() if priced_as_library(profile, m))


def figure_description(key: str, lang: str, *, library: bool, unpriced: bool, pool: str | None = None) -> str:
    """The description of figure ``key`` (:func:`simulator.glossary.describe`) for the report: a cost's says how the
    library prices the work only where a ``library`` process is reported (an imported model's profile has its own
    prices, or none), and, when ``unpriced`` (:func:`report.figuretext.unpriced_entries`), that the work has no
    price; ``pool``: a staff group's figure names it so (:func:`bpmn_io.profile.pool_names`).

    >>> figure_description("cost_per_case", "en", library=False, unpriced=True)
    "Hours of work per case in the simulated steps, each priced at its staff group's hourly cost. Where the profile \
gives the staff doing the work no hourly cost, the work has no price and the figure reads –, not 0."
    """
    text = describe(key, lang, library=library, pool=pool)
    figure = key.partition("/")[2] if "/" in key else key
    if unpriced and figure in ("cost_per_case", "cost_share_of_fee"):
        return f"{text} {NO_PRICE[lang]['glossary']}"
    return text


def _row_words(row: Mapping[str, Any]) -> Mapping[str, str]:
    """A row's words by language as HTML: :func:`_rows`' ``html`` (the models' names marked), else its words escaped."""
    return row.get("html") or {lang: _esc(text) for lang, text in row["words"].items()}


def figure_tables(rows: Sequence[Mapping[str, Any]], all_rows: Sequence[Mapping[str, Any]],
                  comparison: Mapping[str, Any] | None, baseline: Mapping[str, str] | None) -> Markup:
    """A sweep point's two tables of figures (its key figures, and all of them under a ``<details>``) as
    HTML: the rows of :func:`_rows`; ``baseline``: the compared scenario's title by language (None: its
    name as written). Written here rather than by the template: the bundled study's report has some
    thousands of rows, and the template spent most of its time on them."""
    esc = _esc
    out = ['  <table class="figures">\n    ', _HEAD,
           '<th><span class="en">Replications</span><span class="sv">Upprepningar</span></th>\n']
    if comparison:
        named = baseline or {"en": comparison["baseline"], "sv": comparison["baseline"]}
        out.append(f'<th><span class="en">Change against {esc(named["en"])}</span><span class="sv">Ändring mot '
                   f'{esc(named["sv"])}</span></th><th><span class="en">95% interval of the change</span>'
                   '<span class="sv">95&nbsp;% intervall för ändringen</span></th>')
    out.append("</tr></thead>\n    <tbody>\n")
    for r in rows:
        cells, said = Cells(r["figure"]), _row_words(r)
        described = r["description"]
        titles = ({lang: f' title="{esc(described[lang])}"' for lang in ("en", "sv")} if described
                  else {"en": "", "sv": ""})
        out.append(f'      <tr data-figure="{esc(r["figure"])}"><td>{_town_cell(r["town"])}</td><td><span class="en"'
                   f'{titles["en"]}>{said["en"]}</span><span class="sv"{titles["sv"]}>'
                   f'{said["sv"]}</span></td><td class="n">{cells.value(r["mean"])}</td>\n'
                   f'        <td class="n">{cells.interval(r)}</td><td class="n">{esc(r["n"])}</td>\n')
        if comparison:
            diff = r["diff"]
            if diff:
                sig, star = highlight_marks(r["key"])
                out.append(f'<td class="n{sig}">{cells.change(diff["mean"], True)}{star}</td>\n'
                           f'          <td class="n{sig}">{cells.change_interval(diff)}</td>\n')
            else:
                out.append("<td></td><td></td>")
        out.append("</tr>\n")
    out.append(f'    </tbody>\n  </table>\n  <details><summary><span class="en">All figures</span><span class="sv">'
               f'Alla mått</span> ({len(all_rows)})</summary>\n  <table class="figures all">\n    {_HEAD}')
    if comparison:
        out.append('<th><span class="en">Change</span><span class="sv">Ändring</span></th><th><span class="en">95% '
                   'interval of the change</span><span class="sv">95&nbsp;% intervall för ändringen</span></th>')
    out.append("</tr></thead>\n    <tbody>\n")
    for r in all_rows:
        cells, said = Cells(r["figure"]), _row_words(r)
        out.append(f'      <tr data-figure="{esc(r["figure"])}"><td>{_town_cell(r["town"])}</td><td><span class="en">'
                   f'{said["en"]}</span><span class="sv">{said["sv"]}</span></td>'
                   f'<td class="n">{cells.value(r["mean"])}</td><td class="n">{cells.interval(r)}</td>\n')
        if comparison:
            diff = r["diff"]
            if diff:
                sig = highlight_marks(r["key"])[0]
                out.append(f'<td class="n{sig}">{cells.change(diff["mean"], True)}</td><td class="n">'
                           f'{cells.change_interval(diff)}</td>')
            else:
                out.append("<td></td><td></td>")
        out.append("</tr>\n")
    out.append("    </tbody>\n  </table>\n  </details>")  # the template's line ends it
    return Markup("".join(out))


def point_tables(point: Mapping[str, Any], members: Sequence[str], towns: Mapping[str, Mapping[str, str]],
                 names: Mapping[str, Mapping[str, Mapping[str, str]]], said: dict[tuple[str, str], dict[str, str]],
                 clocks: Mapping[str, Clock | None], titles: Mapping[str, Mapping[str, str]],
                 marks: NameMarks | None = None, library: Collection[str] = ()) -> str:
    """A point's figures tables in the report (:func:`figure_tables` of its :func:`_rows`; a point that failed
    has none: its failure's words stand alone, not over empty tables). ``titles``: each scenario's title by
    language, by name; ``marks``: the models' names in another language than the page's (:class:`NameMarks`);
    ``library``: the processes priced as the library prices (:func:`library_priced`)."""
    key_rows = _rows(point, members, True, towns, names, said, clocks, marks, library)
    all_rows = _rows(point, members, False, towns, names, said, clocks, marks, library)
    if point["failures"] and not all_rows:
        return ""
    comparison = point["comparison"]
    return figure_tables(key_rows, all_rows, comparison, titles.get(comparison["baseline"]) if comparison else None)


#: figures tables made earlier (:class:`EarlyTables`): the towns, step names, clocks, scenario titles and
#: library-priced processes they were made with, and per (scenario, point index) the scenario's members, the
#: point's entry and its tables
DrawnTables = tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any], Mapping[str, Any],
                    frozenset[str], Mapping[tuple[str, int], tuple[list[str], Mapping[str, Any], str]]]


class EarlyTables:
    """A run's figures tables made point by point while its other units run (:func:`point_tables`), of
    ``doc`` (its first points' document: the scenarios' names and members), ``processes`` and ``profiles``:
    ``render_report``'s ``drawn_tables`` (:attr:`drawn`) takes a point's when its entry, its scenario's
    members, the towns, step names, clocks, titles and library-priced processes are the same (the same
    tables)."""

    def __init__(self, doc: Mapping[str, Any], processes: Mapping[str, str], profiles: Mapping[str, Any],
                 parsed: Mapping[str, Definitions | PermitflowError]) -> None:
        self.towns, self.clocks = town_names(doc, profiles), clocks_of(doc, profiles)
        self.names = step_names(processes, profiles, parsed)
        self.marks = NameMarks.of(parsed)
        self.titles = scenario_titles(doc)
        self.library = library_priced(profiles)
        self.members = {s["name"]: s["members"] for s in doc["scenarios"]}
        self.said: dict[tuple[str, str], dict[str, str]] = {}
        self.made: dict[tuple[str, int], tuple[list[str], Mapping[str, Any], str]] = {}

    def add(self, scenario: str, index: int, point: Mapping[str, Any]) -> None:
        """Make the tables of ``point`` (:func:`report.results.point_entry`), the ``index``-th of ``scenario``."""
        members = self.members[scenario]
        self.made[scenario, index] = (members, point, point_tables(point, members, self.towns, self.names,
                                                                    self.said, self.clocks, self.titles,
                                                                    self.marks, self.library))

    @property
    def drawn(self) -> DrawnTables:
        """What ``render_report``'s ``drawn_tables`` takes."""
        return self.towns, self.names, self.clocks, self.titles, self.library, self.made
