"""The batch report: one self-contained HTML file (inline CSS, inline SVG, PNG data URIs).

:func:`render_report` takes what a results folder holds — the summary document,
the case rows and the BPMN of each process — and returns the HTML text; it
needs no network and links to nothing outside the file. Each scenario shows its
question, a table of figures with 95 % intervals and, when it has a baseline, the
paired difference (marked when the interval excludes zero). Plots and each
municipality's diagram (average waiting time per step as badges) follow; the
diff section of the compared municipalities comes from :mod:`report.diff_html`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from typing import Any

from markupsafe import Markup

from bpmn_io.library import priced_as_library
from bpmn_io.profile import pool_names, shown_name
from bpmn_io.reader import parse_bpmn
from bpmn_io.svg import render_svg
from bpmn_io.svg_shapes import num
from bpmn_io.textsize import text_width
from processes.errors import PermitflowError
from processes.model import Definitions
from processes.wording import listed
from report import plots
from report.assumptions import assumption_tables, change_words, queue_for, worded_factors
from report.bounds import impossible
from report.chance import highlights
from report.deadlines import LIBRARY_CLOCK, common_clock, deadline_said, profile_clock
from report.failurewords import failure_words, point_failure_words
from report.figuretext import NO_PRICE, unpriced_entries
from report.headline import HEADLINE_FIGURE, SAME_IN_EVERY_RUN, headline, one_value
from report.namemarks import NameMarks
from report.numbers import POINTS, SEPARATORS, SHARE_RULE, days_said, machine, number, points, share
from report.stepwords import step_words
from report.templating import (
    labels_language,
    marked_languages,
    strip_xml_prolog,
    svg_in_labels_language,
    template_environment,
)
from report.words import (
    LANGUAGES,
    figure_words,
    in_count,
    in_kronor,
    in_per_cent,
    member_words,
    point_words,
    question_words,
    run_setting_words,
    scenario_words,
    setting_words,
    word,
)
from simulator.glossary import describe

__all__ = ["KEY_FIGURES", "render_report", "report_template", "parsed_processes", "plot_jobs", "sweep_jobs", "town_names", "step_names", "bilingual_badges", "start_plots", "grouped_cases", "waiting_badges", "diagram_svgs", "strip_xml_prolog",
           "point_tables", "EarlyTables"]

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
WAIT_PREFIX = "wait_days."

_ENV = template_environment()


def _fmt(value: Any, digits: int = 2, lang: str = "en") -> str:
    """A figure for a table in ``lang``: ``digits`` decimals, more for a value that would round to
    zero (a difference of 0.004 in a share keeps two significant digits); never ``-0.00``. A column
    of days with one decimal keeps one, but an end that is not zero never reads "0,0": it gets the fewest
    decimals that show it (a wait's interval "0,04 – 1,7", not "0,0 – 1,7", which a reader takes for an
    interval that reaches zero; found by QA); only a zero reads "0,0".

    >>> [_fmt(v) for v in (259.614, 0.2, 0.0042, -0.0000001, float("nan"), 1234.5)]
    ['259.61', '0.20', '0.0042', '0.00', '–', '1,234.50']
    >>> [_fmt(v, lang="sv") for v in (259.614, -0.0042, 1234.5)]
    ['259,61', '−0,0042', '1\xa0234,50']
    >>> _fmt(0.043, 1, "sv"), _fmt(-0.04, 1, "sv"), _fmt(2.04, 1, "sv"), _fmt(0.0, 1, "sv"), _fmt(0.0049, 1)
    ('0,04', '−0,04', '2,0', '0,0', '0.005')
    """
    if isinstance(value, float) and not math.isnan(value):
        size = abs(value)
        if digits >= 2 and 1e-6 <= size < 10.0 ** -digits:  # would show as 0.00: two significant digits
            digits = min(6, 1 - math.floor(math.log10(size)))
        elif digits == 1 and 1e-6 <= size < 0.05:  # would show as 0.0: the fewest decimals that show it
            digits = min(6, -math.floor(math.log10(size)))
        return number(value, lang, digits)
    return number(value, lang)


#: a number as English writes it (:func:`report.numbers.machine`) -> as Swedish does: the same digits
_EN_TO_SV = str.maketrans({en: sv for en, sv in zip(SEPARATORS["en"], SEPARATORS["sv"], strict=True)})


def _cell(value: Any, digits: int = 2) -> Markup:
    """A table's figure in both languages (a span each where they write it differently).

    Formatted once: a number's Swedish text is its English one with the decimal sign, the
    thousands separator and the minus sign swapped (both come from one machine text), and a
    number's text holds nothing to escape. The template calls this for every cell of the
    figures tables (tens of thousands in the bundled study's report).

    >>> [str(_cell(v)) for v in (1234.5, -0.0042, 12, None, "a<b")]
    ['<span class="en">1,234.50</span><span class="sv">1\xa0234,50</span>', \
'<span class="en">-0.0042</span><span class="sv">−0,0042</span>', '12', '–', 'a&lt;b']
    """
    en = _fmt(value, digits, "en")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Markup.escape(en)  # a word (or a missing value): the same in both languages
    sv = en.translate(_EN_TO_SV)
    if en == sv:
        return Markup(en)
    return Markup(f'<span class="en">{en}</span><span class="sv">{sv}</span>')


_ENV.filters["num"] = _cell

#: English's number text (thousands grouped with commas, as ``format``'s ``,`` writes them) -> Swedish's
_GROUPED_TO_SV = str.maketrans({",": "\u00a0", ".": ",", "-": "\u2212"})


def _cell_text(value: Any) -> str:
    """:func:`_cell` with two decimals, as text (the figures tables' every cell: their rows are written
    in Python, :func:`figure_tables`). A float or int is formatted by ``format`` alone (its ``,`` groups
    thousands as English does); the rest goes to :func:`_cell`.

    >>> [_cell_text(v) == str(_cell(v)) for v in (1234567.891, -0.004, -0.0001, 0.0, -0.0, 7, -12, 0.5, None, "x")]
    [True, True, True, True, True, True, True, True, True, True]
    """
    kind = value.__class__
    if kind is float:
        size = abs(value)
        if size < 0.01 and size != 0.0 or size != size or size == math.inf:  # more digits, NaN, infinity
            return str(_cell(value))
        en = f"{value:,.2f}"
        if en[0] == "-" and size < 0.005:  # "-0.00": never a minus before zero
            en = en[1:]
    elif kind is int:
        en = f"{value:,}"
    else:
        return str(_cell(value))
    sv = en.translate(_GROUPED_TO_SV)
    return en if en == sv else f'<span class="en">{en}</span><span class="sv">{sv}</span>'


def _share_cell(value: Any, end: bool = False) -> Markup:
    """A table's share (0–1) in per cent in both languages, as the sentences write it (:func:`report.numbers.share`:
    "99,8 %", never "100 %" when it is not; found by QA: the tables said "1,00" and "0,80" beside answers in per
    cent); ``end``: an interval's end.

    >>> str(_share_cell(0.998)), str(_share_cell(0.99997, True)), str(_share_cell(None))
    ('<span class="en">99.8%</span><span class="sv">99,8\xa0%</span>', '<span class="en">100%</span><span class="sv">100\xa0%</span>', '–')
    """
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return _cell(value)
    return Markup(f'<span class="en">{share(value, "en", end=end)}</span>'
                  f'<span class="sv">{share(value, "sv", end=end)}</span>')


def _points_cell(value: Any, unit: bool = False) -> Markup:
    """A change in a share in percentage points in both languages (``unit``: with the words "percentage points").

    >>> str(_points_cell(-0.0016, True))
    '<span class="en">-0.2 percentage points</span><span class="sv">−0,2 procentenheter</span>'
    """
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return _cell(value)
    said = {lang: points(value, lang) + (f" {POINTS[lang]}" if unit else "") for lang in LANGUAGES}
    return Markup(f'<span class="en">{said["en"]}</span><span class="sv">{said["sv"]}</span>')


_ENV.filters["pct"] = _share_cell
_ENV.filters["points"] = _points_cell
_ENV.tests["per_cent"] = in_per_cent


def _deadline_filter(text: Any, lang: str, clock: tuple[float | None, float | None] = LIBRARY_CLOCK) -> Markup:
    """A caption of the template, written for 4 months, naming the run's deadline (``{% filter deadline(...) %}``;
    the caption is the template's own text, and the words put in are plain)."""
    return Markup(deadline_said(str(text), lang, *clock))


_ENV.filters["deadline"] = _deadline_filter


Clock = tuple[float | None, float | None]


def clocks_of(doc: Mapping[str, Any], profiles: Mapping[str, Any] | None) -> dict[str, Clock | None]:
    """Each process's (deadline, extension) in hours: its profile's, with a scenario's ``set:`` of
    ``simulation.clock`` (its deadline or extension) applied, as the run measured it (None: no clock,
    or no profile); ``(None, None)`` when its scenarios or sweep points have different ones."""
    found: dict[str, set[Clock | None]] = {}
    for s in doc["scenarios"]:
        swept = [entry["path"] for entry in s.get("sweep") or [] if _clock_path(entry["path"])]
        for member in s["members"]:
            profile = (profiles or {}).get(member)
            simulation = (profile or {}).get("simulation") if isinstance(profile, Mapping) else None
            clock = dict((simulation or {}).get("clock") or {}) if isinstance(simulation, Mapping) else {}
            for entry in s.get("set") or []:
                path = _clock_path(entry["path"])
                if path is None or entry.get("process", member) != member:
                    continue
                if path == "clock":
                    clock = dict(entry["value"]) if isinstance(entry["value"], Mapping) else {}
                else:
                    clock[path.removeprefix("clock.")] = entry["value"]
            said: Clock | None = profile_clock({"simulation": {"clock": clock}} if clock else None)
            if any(written.split(".simulation.")[0] in (written, member) for written in swept):
                said = (None, None)  # swept: each point its own
            found.setdefault(member, set()).add(said)
    return {m: next(iter(c)) if len(c) == 1 else (None, None) for m, c in found.items()}


def _clock_path(path: str) -> str | None:
    """``clock``, ``clock.deadline`` or ``clock.extension`` of a written ``set:``/``sweep:`` path (the
    member's name may come first); None for any other path."""
    rest = path.partition("simulation.")[2] if "simulation." in path else ""
    return rest if rest in ("clock", "clock.deadline", "clock.extension") else None


def _said(words: Mapping[str, str], clock: tuple[float | None, float | None] | None) -> dict[str, str]:
    """``words`` by language, naming ``clock``'s deadline (as written: no clock)."""
    return {lang: text if clock is None else deadline_said(text, lang, *clock) for lang, text in words.items()}


def _figure_said(member: str, name: str, steps: Mapping[str, Mapping[str, Mapping[str, str]]],
                 said: dict[tuple[str, str], dict[str, str]],
                 clocks: Mapping[str, Clock | None]) -> dict[str, str]:
    """Figure ``name`` of ``member`` in words by language, each step, lane or body by its name in that
    language (``steps``: :func:`step_names`; never an element id a manager would read) and the deadline its
    clock says; made once per report (``said``: the figures tables and the how-sure table name the same figures)."""
    words = said.get((member, name))
    if words is None:
        words = said[member, name] = _said({lang: figure_words(name, lang, steps[lang].get(member, {}))
                                            for lang in LANGUAGES}, clocks.get(member))
    return words


def _waits(figures: Mapping[str, Any], member: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(element id, estimate) of each ``<member>/wait_days.<element>`` figure with a mean of at
    least 0.05 days; the badges and the list of longest waits both leave shorter waits out."""
    prefix = f"{member}/{WAIT_PREFIX}"
    for name, est in figures.items():
        if name.startswith(prefix) and est["mean"] is not None and est["mean"] >= 0.05:
            yield name[len(prefix):], est


def waiting_badges(figures: Mapping[str, Any], member: str) -> dict[str, str]:
    """``{element id: "3.2 days"}`` from a point's ``<member>/wait_days.<element>`` means (the page writes each
    language's words: :func:`bilingual_badges`)."""
    return {element: f"{est['mean']:.1f} days" for element, est in _waits(figures, member)}


_BADGE_TEXT = re.compile(r'<g class="badge"><rect x="(?P<x>-?[0-9.]+)" (?P<y>y="[^"]*") width="(?P<w>[0-9.]+)"'
                         r'(?P<rect>[^>]*)/><text x="(?P<tx>-?[0-9.]+)"(?P<text>[^>]*)>'
                         r'(?P<days>-?[0-9]+(?:\.[0-9]+)?) days</text></g>')


def bilingual_badges(svg: str) -> str:
    """``svg`` with each waiting badge's days (``3.2 days``) written in each language: a ``<tspan>`` of
    class ``en`` and one of class ``sv`` (``3,2 dagar``), the page showing its language's; the box is
    widened to the left to hold the longer of the two (its right end stays).

    >>> bilingual_badges('<g class="badge"><rect x="10" y="2" width="53.2" height="15"/>'
    ...                  '<text x="36.6" y="13">32.5 days</text></g>')  # doctest: +NORMALIZE_WHITESPACE
    '<g class="badge"><rect x="7" y="2" width="56.2" height="15"/><text x="35.1" y="13"><tspan
    class="en">32.5 days</tspan><tspan class="sv">32,5 dagar</tspan></text></g>'
    """
    def both(found: re.Match[str]) -> str:
        # days in each language's words ("d" was no unit a reader writes in either: found by QA), as the sentences
        # say them: "1,0 dagar" is "1 dag"
        said = {lang: days_said(machine(found["days"], lang), lang) for lang in ("en", "sv")}
        grow = max(0.0, max(text_width(t, 10) for t in said.values()) - text_width(f"{found['days']} days", 10))
        x, width, middle = float(found["x"]) - grow, float(found["w"]) + grow, float(found["tx"]) - grow / 2
        return (f'<g class="badge"><rect x="{num(x)}" {found["y"]} width="{num(width)}"{found["rect"]}/>'
                f'<text x="{num(middle)}"{found["text"]}>'
                + "".join(f'<tspan class="{lang}">{text}</tspan>' for lang, text in said.items()) + "</text></g>")

    return _BADGE_TEXT.sub(both, svg)


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
            words = _figure_said(member, name, steps, said, clocks)
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
            }
            if key_only:
                replications = est["replications"]
                row["description"] = _said({lang: figure_description(
                    name, lang, library=member in library, unpriced=not priced,
                    pool=steps[lang].get(member, {}).get(name.rpartition(".")[2]) if "." in name else None)
                    for lang in LANGUAGES}, clocks.get(member))
                row["n"] = len(replications) - replications.count(None)
            rows.append(row)
    return rows


_TOO_FEW = {
    "one": Markup('<span class="en">too few replications for an interval: only one measured it</span>'
                  '<span class="sv">för få upprepningar för ett intervall: bara en mätte det</span>'),
    "below": Markup('<span class="en">too few replications: it would reach below zero</span>'
                    '<span class="sv">för få upprepningar: det skulle gå under noll</span>'),
    "above": Markup('<span class="en">too few replications: it would reach above 100%</span>'
                    '<span class="sv">för få upprepningar: det skulle gå över 100\u00a0%</span>'),
}
_HEAD = ('<thead><tr><th><span class="en">Municipality</span><span class="sv">Kommun</span></th><th><span class="en">'
         'Figure</span><span class="sv">Mått</span></th><th><span class="en">Mean</span><span class="sv">Medel</span>'
         '</th><th><span class="en">95% interval</span><span class="sv">95&nbsp;% intervall</span></th>')


@functools.lru_cache(maxsize=4096)
def _esc(text: Any) -> str:
    """``text`` escaped for HTML as the template escapes it; the figures tables repeat the same words
    (a figure's, a municipality's) in every point, so each is escaped once."""
    return str(Markup.escape(text))


def _too_few(beyond: str) -> Markup:
    """The template's ``too_few`` macro: an interval the replications cannot give, in words."""
    return _TOO_FEW[beyond if beyond in ("one", "below") else "above"]


def _town_cell(town: Mapping[str, str]) -> str:
    en, sv = _esc(town["en"]), _esc(town["sv"])
    return en if town["en"] == town["sv"] else f'<span class="en">{en}</span><span class="sv">{sv}</span>'


def figure_digits(figure: str) -> int:
    """The decimals a table gives ``figure`` (with or without ``<process>/``): kronor and applications whole
    (:func:`report.words.in_kronor`, :func:`report.words.in_count`: "69,13 ansökningar"), days one decimal as the
    longest waits and the tornado give them (it said "73,97" days beside answers in whole days), the rest two.

    >>> [figure_digits(f) for f in ("h/cost_per_case", "h/cases", "h/complete_to_decision_mean_days",
    ...                             "wait_days.T", "work_hours.T", "queue_length.officer")]
    [0, 0, 1, 1, 2, 2]
    """
    if in_kronor(figure) or in_count(figure):
        return 0
    return 1 if _unit(figure) == _DAYS else 2


class _Cells:
    """How a row's figures are written: a share in per cent and its change in percentage points
    (:func:`report.words.in_per_cent`), the rest with :func:`figure_digits`' decimals: the template's ``pct``,
    ``points`` and ``num`` filters, as text."""

    def __init__(self, figure: str) -> None:
        self.share = in_per_cent(figure)
        self.digits = figure_digits(figure)

    def value(self, value: Any, end: bool = False) -> str:
        if self.share:
            return str(_share_cell(value, end))
        return _cell_text(value) if self.digits == 2 else str(_cell(value, self.digits))

    def change(self, value: Any, unit: bool = False) -> str:
        if self.share:
            return str(_points_cell(value, unit))
        return self.value(value)

    def interval(self, row: Mapping[str, Any]) -> str:
        if row.get("unpriced"):
            return _NO_PRICE_CELL
        if row["mean"] is None:
            return "–"
        if row["beyond"]:
            return _too_few(row["beyond"])
        if one_value({"mean": row["mean"], "ci": (row["low"], row["high"])}):  # "17,00 – 17,00": the value once
            return _SAME
        return f"{self.value(row['low'], True)} – {self.value(row['high'], True)}"

    def change_interval(self, diff: Mapping[str, Any]) -> str:
        if diff["mean"] is None:
            return "–"
        if diff["ci"][0] is None:
            return _too_few("one")
        if one_value(diff):
            return _SAME
        return f"{self.change(diff['ci'][0])} – {self.change(diff['ci'][1], True)}"


#: the interval cell of a cost the profile puts no price on (:func:`report.figuretext.unpriced_entries`)
_NO_PRICE_CELL = "".join(f'<span class="{lang}">{said["cell"]}</span>' for lang, said in NO_PRICE.items())


def library_priced(profiles: Mapping[str, Any]) -> frozenset[str]:
    """The processes of ``profiles`` (name -> profile document) whose staff are priced as the library prices
    them (:func:`bpmn_io.library.priced_as_library`), whose prices the glossary and cost descriptions may
    describe: decided by the prices, not by the name (a user's own "helsingborg" has its own)."""
    return frozenset(m for m, profile in profiles.items() if priced_as_library(profile, m))


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


#: the interval of a figure every replication measured alike (a model of fixed times), as the sentences say it
_SAME = "".join(f'<span class="{lang}">{said}</span>' for lang, said in SAME_IN_EVERY_RUN.items())


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
        cells, said = _Cells(r["figure"]), _row_words(r)
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
                sig = " sig" if diff["significant"] else ""
                star = " *" if diff["significant"] else ""
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
        cells, said = _Cells(r["figure"]), _row_words(r)
        out.append(f'      <tr data-figure="{esc(r["figure"])}"><td>{_town_cell(r["town"])}</td><td><span class="en">'
                   f'{said["en"]}</span><span class="sv">{said["sv"]}</span></td>'
                   f'<td class="n">{cells.value(r["mean"])}</td><td class="n">{cells.interval(r)}</td>\n')
        if comparison:
            diff = r["diff"]
            if diff:
                sig = " sig" if diff["significant"] else ""
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
        self.titles = _titles(doc)
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


def _titles(doc: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    return {s["name"]: {lang: scenario_words(s["name"], lang) for lang in LANGUAGES} for s in doc["scenarios"]}


def _longest_waits(figures: Mapping[str, Any], member: str, steps: Mapping[str, Mapping[str, Mapping[str, str]]],
                   limit: int = 8) -> list[dict[str, Any]]:
    """The steps with the longest average wait, longest first (id, name in each language, days)."""
    waits = []
    for element, est in _waits(figures, member):
        name = {lang: steps.get(lang, {}).get(member, {}).get(element, "") for lang in LANGUAGES}
        waits.append({"id": element, "name": name, "days": est["mean"], "ci": est["ci"],
                      "beyond": impossible(WAIT_PREFIX + element, *est["ci"], cut=est.get("cut")) or ("one" if None in est["ci"] else None)})
    waits.sort(key=lambda w: (-w["days"], w["id"]))
    return waits[:limit]


def parsed_processes(processes: Mapping[str, str],
                     known: Mapping[str, tuple[str, Definitions | PermitflowError]] | None = None,
                     ) -> dict[str, Definitions | PermitflowError]:
    """Each process's BPMN parsed once (for its diagram and its element names), or why not.
    ``known``: name -> (BPMN text, what it parsed to) of an earlier call: a text that is the same
    is not parsed again (:func:`render_report`'s ``parsed``)."""
    out: dict[str, Definitions | PermitflowError] = {}
    for member, bpmn in processes.items():
        if known is not None and member in known and known[member][0] == bpmn:
            out[member] = known[member][1]
            continue
        try:
            out[member] = parse_bpmn(bpmn.encode("utf-8"), source=f"{member}.bpmn")
        except PermitflowError as err:
            out[member] = err
    return out


#: a process's diagram drawn earlier (:func:`diagram_svgs`): name -> (its parsed model, its badges, the SVG)
DrawnDiagrams = Mapping[str, tuple[Definitions, tuple[tuple[str, str], ...], str]]


def _diagram_svg(defs: Definitions, badges: dict[str, str]) -> str:
    """The diagram with its badges; each label in each language the model names its elements in (the page
    shows its own: a ``<g>`` of class ``en`` or ``sv``), the others in the language the model writes them in."""
    svg = strip_xml_prolog(render_svg(defs, badges=badges, languages=LANGUAGES))
    return bilingual_badges(svg_in_labels_language(svg, defs))  # its labels' language: a Swedish model's read as such


def _diagram_source(doc: Mapping[str, Any], member: str) -> Mapping[str, Any]:
    """The figures of the first point of the first scenario that simulates ``member`` (``{}``: none)."""
    source = next(
        (s for s in doc["scenarios"] if member in s["members"] and s["points"] and s["points"][0]["figures"]),
        None,
    )
    return source["points"][0]["figures"] if source else {}


def diagram_svgs(doc: Mapping[str, Any], parsed: Mapping[str, Definitions | PermitflowError]) -> dict[
        str, tuple[Definitions, tuple[tuple[str, str], ...], str]]:
    """Each parsed process's diagram with its waiting badges, drawn now from ``doc`` (for a run: its
    first points, while its other units run; :func:`render_report`'s ``drawn_diagrams`` takes one
    whose model and badges are the same, the same SVG)."""
    out = {}
    for member, defs in parsed.items():
        if not isinstance(defs, PermitflowError):
            badges = waiting_badges(_diagram_source(doc, member), member)
            out[member] = (defs, tuple(badges.items()), _diagram_svg(defs, badges))
    return out


def _diagrams(doc: Mapping[str, Any], processes: Mapping[str, str],
              parsed: Mapping[str, Definitions | PermitflowError] | None = None,
              steps: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
              drawn: DrawnDiagrams | None = None) -> list[dict[str, Any]]:
    """One diagram per process, with the waiting times of the first scenario that simulates it
    (``steps``: per language, per process, element id -> the step's name, as :func:`step_names`;
    ``drawn``: :func:`diagram_svgs` made earlier: one of the same model and badges is not drawn again)."""
    parsed = parsed if parsed is not None else parsed_processes(processes)
    order = [m for s in doc["scenarios"] for m in s["members"]]
    ranked = sorted(processes, key=lambda m: (order.index(m) if m in order else len(order), m))
    out = []
    for member in ranked:
        source = next(
            (s for s in doc["scenarios"] if member in s["members"] and s["points"] and s["points"][0]["figures"]),
            None,
        )
        figures = source["points"][0]["figures"] if source else {}
        badges = waiting_badges(figures, member)
        read = parsed[member]
        defs: Definitions | None = None
        try:
            if isinstance(read, PermitflowError):
                raise read
            defs = read
            kept = (drawn or {}).get(member)
            if kept is not None and kept[0] is defs and kept[1] == tuple(badges.items()):
                svg = kept[2]
            else:
                svg = _diagram_svg(defs, badges)
            problem = ""
        except PermitflowError as err:
            defs, svg, problem = None, "", str(err)
        out.append({
            "member": member,
            "scenario": source["name"] if source else "",
            "svg": svg,
            "problem": problem,
            "waits": _longest_waits(figures, member, steps or {}),
            "lang": labels_language(defs) if defs is not None else None,  # of a step's name the same in both
        })
    return out


def _profile_ids(profile: Mapping[str, Any] | None) -> set[str]:
    """The element ids ``profile``'s ``simulation.elements`` names: its keys, and the branches its
    probabilities and conditions name."""
    elements = ((profile or {}).get("simulation") or {}).get("elements") or {}
    ids = set(elements)
    for spec in elements.values():
        for key in ("probabilities", "conditions"):
            if isinstance(spec, Mapping) and isinstance(spec.get(key), Mapping):
                ids |= set(spec[key])
    return ids


def step_names(processes: Mapping[str, str], profiles: Mapping[str, Any],
               parsed: Mapping[str, Definitions | PermitflowError] | None = None,
               ) -> dict[str, dict[str, dict[str, str]]]:
    """Per language, per process: element id -> the name its BPMN gives it in that language, or for an
    unnamed timer words that say what it is (:func:`report.stepwords.step_words`), never its id."""
    parsed = parsed if parsed is not None else parsed_processes(processes)
    out: dict[str, dict[str, dict[str, str]]] = {lang: {} for lang in LANGUAGES}
    for member in processes:
        defs = parsed[member]
        profile = profiles.get(member)
        elements = ((profile or {}).get("simulation") or {}).get("elements") or {}
        for lang in LANGUAGES:
            # a staff group by its name: (pool_names), "utilisation of HR Department", not of the case officers
            out[lang][member] = {**pool_names(profile, lang), **({} if isinstance(defs, PermitflowError)
                                 else step_words(defs, elements, lang, _profile_ids(profile)))}
    return out


def town_names(doc: Mapping[str, Any], profiles: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Language -> process name -> the municipality's name in that language (its profile's ``names:``, else its
    ``municipality``: :func:`bpmn_io.profile.shown_name`; found by QA: "Nationell referens" on the English page)."""
    towns: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for s in doc["scenarios"]:
        for member in s["members"]:
            for lang in LANGUAGES:
                towns[lang][member] = shown_name(profiles.get(member), lang, member)
    return towns


def _tornado(drivers: Sequence[Mapping[str, Any]], factors: Mapping[str, Mapping[str, Any]],
             limit: int = 8) -> dict[str, Any] | None:
    """The tornado bars of one figure: the factors with the largest rank correlation, as shares of one scale."""
    bars = [d for d in drivers if d["low_quarter_mean"] is not None and d["high_quarter_mean"] is not None][:limit]
    if not bars:
        return None
    values = [v for d in bars for v in (d["low_quarter_mean"], d["high_quarter_mean"])]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    rows = []
    for d in bars:
        a, b = sorted((d["low_quarter_mean"], d["high_quarter_mean"]))
        f = factors.get(d["factor"], {})
        rows.append({
            "factor": d["factor"], "words": f.get("words", {"en": d["factor"], "sv": d["factor"]}),
            "code": f.get("code", ""), "rho": d["spearman"], "src": d["src"],
            "low": d["low_quarter_mean"], "high": d["high_quarter_mean"],
            "left": round(100 * (a - lo) / span, 2), "width": round(max(100 * (b - a) / span, 0.5), 2),
        })
    return {"rows": rows, "low": lo, "high": hi}


_DAYS = {"en": "days", "sv": "dagar"}


def _unit(figure: str) -> dict[str, str] | None:
    """The unit of ``figure``'s change in words by language (days, kronor), None for a count, share or ratio.

    >>> _unit("hbg/complete_to_decision_p90_days")["sv"], _unit("hbg/cost_per_case")["en"], _unit("hbg/cases")
    ('dagar', 'kronor', None)
    """
    name = figure.partition("/")[2] or figure
    if name.endswith("_days") or name.startswith(("wait_days.", "elapsed_days.", "outcome_days.", "wait_days_pool.")):
        return _DAYS
    return {"en": "kronor", "sv": "kr"} if name in ("cost_per_case", "fee") else None


def _how_sure(uncertainty: Mapping[str, Any] | None, towns: Mapping[str, Mapping[str, str]],
              names: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
              marks: NameMarks | None = None, unpriced: Mapping[str, set[str]] | None = None,
              said: dict[tuple[str, str], dict[str, str]] | None = None,
              clocks: Mapping[str, Clock | None] | None = None) -> list[dict[str, Any]]:
    """Per scenario of an uncertainty run: each figure's two intervals, the conclusions, the tornado and its failed
    points in words (``towns``: :func:`town_names`; ``names``: :func:`step_names`, which a figure's and a
    failure's words use; ``marks``: the models' names in another language than the page's, :class:`NameMarks`;
    ``unpriced``: per scenario, the costs its run put no price on, :func:`report.figuretext.unpriced_entries`;
    ``said`` and ``clocks``: as :func:`_rows` takes them, the figures' words the figures tables made)."""
    if not uncertainty:
        return []
    marks = marks or NameMarks({})
    steps = {lang: (names or {}).get(lang, {}) for lang in LANGUAGES}
    said = {} if said is None else said
    factors = {f["name"]: f for f in uncertainty["factors"]}
    out = []
    for name, s in uncertainty["scenarios"].items():
        rows = []
        for figure, v in s["figures"].items():
            member = figure.partition("/")[0]
            concl = s["conclusions"].get(figure)
            words = _figure_said(member, figure, steps, said, clocks or {})
            rows.append({
                "figure": figure, "town": {lang: member_words(member, towns[lang], lang) for lang in LANGUAGES},
                "words": words, "html": marks.both(words, (member,)),
                "noise": v["noise"], "both": v["noise_and_assumptions"], "conclusion": concl,
                "beyond": impossible(figure, *v["noise"]["ci"], cut=v["noise"].get("cut"))
                or ("one" if v["noise"]["mean"] is not None and None in v["noise"]["ci"] else None),
                "unit": _unit(figure),  # the "holds" cell's "by at least 6 days" (it said "6,02" alone)
                "digits": figure_digits(figure),
                "unpriced": figure in (unpriced or {}).get(name, ()),  # "0 (the same at every point)" said nothing
                # "100 % (100 % – 100 %)": every replication alike, or every point's mean (found by QA, qareport3)
                "same": one_value(v["noise"]),
                "same_points": one_value({"mean": v["noise_and_assumptions"]["median"],
                                          "ci": (v["noise_and_assumptions"]["low"], v["noise_and_assumptions"]["high"])}),
            })
        tornados = []
        for member in s["members"]:
            key = f"{member}/{HEADLINE_FIGURE}"
            chart = _tornado(s["drivers"].get(key, []), factors)
            if chart is not None:
                for bar in chart["rows"]:  # a factor's words may name a body or staff group of the model's
                    bar["words"] = marks.both(bar["words"], (member,))
                tornados.append({"member": member, "town": {lang: towns[lang].get(member, member) for lang in LANGUAGES},
                                 "figure": key,
                                 "diff": bool(s["conclusions"]), **chart})
        out.append({"scenario": name, "title": {lang: scenario_words(name, lang) for lang in ("en", "sv")},
                    "baseline": s["baseline"], "rows": rows, "tornados": tornados,
                    "failures": [{"message": f, "words": marks.both(point_failure_words(f, uncertainty["points"], _member_names(
                        names or {}, s["members"])), s["members"])} for f in s["failures"]]})
    return out


def _member_names(names: Mapping[str, Mapping[str, Mapping[str, str]]],
                  members: Iterable[str]) -> dict[str, dict[str, str]]:
    """Per language, an element id's shown name in any of ``members``' processes (a failure's words
    name the join by it)."""
    return {lang: {i: n for m in members for i, n in (names.get(lang, {}).get(m) or {}).items()}
            for lang in LANGUAGES}


def _how_sure_bases(uncertainty: Mapping[str, Any] | None,
                    towns: Mapping[str, Mapping[str, str]]) -> dict[str, list[str]]:
    """Per language, one sentence per municipality with a fitted or measured value: what was sampled over a
    fitted interval, what was held fixed as measured (:func:`scenarios.uncertainty.sampling_words`)."""
    from scenarios.uncertainty import sampling_words

    if not uncertainty:
        return {}
    said = {lang: sampling_words(uncertainty, lang, towns[lang]) for lang in LANGUAGES}
    return said if any(said.values()) else {}


#: the words of a scenario's line of settings
_LINE = {
    "en": {"towns": "Municipalities: {}", "shared": "; shared staff: {}", "serves": "{} ({}'s, serving {} too)",
           "joint": "{} (a joint unit of {})", "runs": ". Random seed {}, {} replications", "and": " and "},
    "sv": {"towns": "Kommuner: {}", "shared": "; gemensam personal: {}", "serves": "{} ({} betjänar även {})",
           "joint": "{} (en gemensam enhet för {})", "runs": ". Slumpfrö {}, {} upprepningar", "and": " och "},
}


def scenario_line(s: Mapping[str, Any], towns: Mapping[str, str], lang: str) -> str:
    """A scenario's municipalities, shared staff and run settings in a sentence (``s``: its summary entry)."""
    said = _LINE[lang]
    line = said["towns"].format(", ".join(towns.get(m, m) for m in s["members"]))
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


#: the first points' case rows as the plots draw them: (late cases, processing times) (:func:`grouped_cases`)
Grouped = tuple[plots.CaseGroups, plots.CaseGroups]


def grouped_cases(cases: Iterable[Mapping[str, str]]) -> Grouped:
    """``cases`` grouped for the deadline charts and for the processing times (:func:`report.plots.case_groups`)."""
    cases = cases if isinstance(cases, list) else list(cases)
    return (plots.case_groups(cases, "complete_to_decision_days"),
            plots.case_groups(cases, "submission_to_decision_days"))


def plot_jobs(doc: Mapping[str, Any], cases: Iterable[Mapping[str, str]], profiles: Mapping[str, Any] | None,
              *, sweeps: bool = True, grouped: Grouped | None = None) -> dict[Hashable, plots.PlotJob | None]:
    """The report's plots as jobs (:data:`report.plots.PlotJob`), by key, the costliest first.

    ``doc`` need only hold what the plots read: each scenario's ``name``, ``members``,
    ``sweep`` and ``points`` (``label``, ``values``, ``figures`` with ``mean`` and ``ci``);
    ``cases``: the rows of ``cases.csv`` as read (only the first sweep point's are drawn).
    ``sweeps=False``: without each scenario's sweep plot (keys ``("sweep", k)``). ``grouped``:
    :func:`grouped_cases` of ``cases``, made earlier (a run groups its first points' rows while its
    other units run).
    """
    cases = list(cases)
    towns = town_names(doc, profiles or {})
    order = [s["name"] for s in doc["scenarios"]]
    clock = common_clock(clocks_of(doc, profiles))
    # the case rows grouped once for both languages (serial work at the end of a run)
    late, times = grouped if grouped is not None else grouped_cases(cases)
    # the costliest first: the two deadline charts draw every late case; each plot in both languages
    beyond = deadline_beyond(doc)
    jobs: dict[Hashable, plots.PlotJob | None] = {
        f"deadline.{lang}": plots.deadline_job(cases, order, towns[lang], lang, clock, grouped=late, beyond=beyond)
        for lang in LANGUAGES}
    jobs.update({f"utilisation.{lang}": plots.utilisation_job(doc, towns[lang], lang) for lang in LANGUAGES})
    jobs.update({f"times.{lang}": plots.processing_time_job(cases, order, towns[lang], lang, clock, grouped=times)
                 for lang in LANGUAGES})
    if sweeps:
        for k, s in enumerate(doc["scenarios"]):
            jobs.update(sweep_jobs(s, k, towns))
    return jobs


#: a code of the domain brief in a profile's text (A4, S2, L8), which the assumptions' note explains (found by QA: a
#: manager read "A4" and "brief §8" with no word on what they are)
_BRIEF_CODE = re.compile(r"\b[ASL][0-9]{1,2}\b")


#: the assumption tables of a run made earlier (:func:`early_assumptions`): the profiles (by process, in the
#: report's order), step names and run settings they were made of, and the tables
DrawnAssumptions = tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any], list[dict[str, Any]]]


def early_assumptions(doc: Mapping[str, Any], processes: Mapping[str, str], profiles: Mapping[str, Any],
                      parsed: Mapping[str, Definitions | PermitflowError]) -> DrawnAssumptions:
    """The assumption tables of a run without ``--uncertainty``, made now from ``doc`` (for a run: its first
    points, while its other units run; they name every scenario, process and run setting): ``render_report``'s
    ``drawn_assumptions`` takes them when its own inputs are the same (the very profile objects, equal step
    names and run settings), the same tables."""
    towns = town_names(doc, profiles)
    chosen = {m: profiles[m] for m in towns["en"] if m in profiles}
    names, runs = step_names(processes, profiles, parsed), scenario_runs(doc)
    return chosen, names, runs, assumption_tables(chosen, names, None, runs)


def _marked_assumptions(tables: list[dict[str, Any]], marks: NameMarks) -> list[dict[str, Any]]:
    """The assumption ``tables`` with each row's words, value, basis ("why") and range as HTML, the models'
    names in another language
    than the page's marked (:class:`NameMarks`); the tables made earlier stay as they were."""
    return [{**table, "rows": [{**row, **{key: marks.both({lang: row[key][lang] for lang in LANGUAGES},
                                                          (table["member"],))
                                          for key in ("words", "value", "why")},
                                "range": {**row["range"], **marks.both({lang: row["range"][lang]
                                                                        for lang in LANGUAGES},
                                                                       (table["member"],))}}
                               for row in table["rows"]]}
            for table in tables]


def _assumption_tables(chosen: Mapping[str, Any], names: Mapping[str, Any], uncertainty: Mapping[str, Any] | None,
                       runs: Mapping[str, Any], drawn: DrawnAssumptions | None) -> list[dict[str, Any]]:
    """:func:`report.assumptions.assumption_tables`, or those ``drawn`` earlier of the same inputs."""
    if drawn is not None and uncertainty is None:
        made_chosen, made_names, made_runs, tables = drawn
        if (list(made_chosen) == list(chosen) and all(made_chosen[m] is p for m, p in chosen.items())
                and made_names == names and made_runs == runs):
            return tables
    return assumption_tables(chosen, names, uncertainty, runs)


def scenario_runs(doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per process, the run settings (``start``, ``horizon``, ``warmup``) that every scenario simulating it set
    alike (a process whose scenarios differ, or set none, is not named): what its assumptions' simulated period
    says.

    >>> scenario_runs({"scenarios": [{"members": ["a", "b"], "settings": {"horizon": "3y", "warmup": "8w"}},
    ...                              {"members": ["b"], "settings": {"horizon": "1y"}}]})
    {'a': {'horizon': '3y', 'warmup': '8w'}}
    """
    seen: dict[str, list[dict[str, Any]]] = {}
    for s in doc["scenarios"]:
        run = {k: v for k, v in (s.get("settings") or {}).items() if k in ("start", "horizon", "warmup")}
        for member in s.get("members") or ():
            seen.setdefault(member, []).append(run)
    return {member: runs[0] for member, runs in seen.items() if runs[0] and all(r == runs[0] for r in runs)}


def deadline_beyond(doc: Mapping[str, Any]) -> dict[tuple[str, str], float]:
    """Per (scenario, process) of each scenario's first point, the share past the deadline as the tables and the
    answers say it: one minus the mean share within it (``within_deadline_share``), for the deadline chart.

    >>> shares = deadline_beyond({"scenarios": [{"name": "s", "points": [{"figures": {
    ...     "a/within_deadline_share": {"mean": 0.9985}, "a/cases": {"mean": 9.0}}}]}]})
    >>> {key: round(share, 4) for key, share in shares.items()}
    {('s', 'a'): 0.0015}
    """
    beyond = {}
    for s in doc["scenarios"]:
        for name, est in (s["points"][0]["figures"] if s["points"] else {}).items():
            member, _, figure = name.partition("/")
            if figure == "within_deadline_share" and isinstance(est.get("mean"), (int, float)):
                beyond[s["name"], member] = 1 - est["mean"]
    return beyond


def sweep_jobs(scenario: Mapping[str, Any], k: int,
               towns: Mapping[str, Mapping[str, str]]) -> dict[Hashable, plots.PlotJob | None]:
    """The sweep plot of ``scenario`` (the ``k``-th of its document) in each language, by key (``towns``:
    :func:`town_names`)."""
    return {("sweep", k, lang): plots.sweep_job(scenario, towns=towns[lang], lang=lang) for lang in LANGUAGES}


def start_plots(doc: Mapping[str, Any], cases: Iterable[Mapping[str, str]], profiles: Mapping[str, Any] | None,
                executor: Executor | None = None, started: plots.Started | None = None,
                grouped: Grouped | None = None) -> Callable[[], dict[Hashable, str | None]]:
    """Start drawing the report's plots (:func:`plot_jobs`, :func:`report.plots.draw_all`) and
    return what waits for them. ``started``: plots already on their way (the same bytes);
    ``grouped``: as :func:`plot_jobs` takes it."""
    return plots.draw_all(plot_jobs(doc, cases, profiles, grouped=grouped), executor, started)


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
    clocks = clocks_of(doc, profiles)
    clock = common_clock(clocks)
    if plots_drawn is None:
        plots_drawn = start_plots(doc, cases, profiles, executor)
    read = parsed_processes(processes, parsed)
    names = step_names(processes, profiles, read)
    marks = NameMarks.of(read)  # a Swedish model's step named in an English sentence says it is Swedish
    scenarios = []
    said: dict[tuple[str, str], dict[str, str]] = {}
    titles = _titles(doc)
    library = library_priced(profiles)  # whose prices the descriptions may say are the library's
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
                "failures": [{"message": m, "words": marks.both(failure_words(m, _member_names(names, s["members"])),
                                                                 s["members"])}
                             for m in point["failures"]],
                "tables": early[2] if early is not None and early[0] == s["members"] and early[1] == point
                else point_tables(point, s["members"], towns, names, said, clocks, titles, marks, library),
            })
        scenarios.append({**s, "view_points": points,
                          "line": {lang: scenario_line(s, towns[lang], lang) for lang in LANGUAGES},
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
    diagrams = _diagrams(doc, processes, read, names, drawn_diagrams)
    drawn = plots_drawn()
    for k, scenario in enumerate(scenarios):
        scenario["sweep_plot"] = {lang: drawn[("sweep", k, lang)] for lang in LANGUAGES}
    assumptions = _marked_assumptions(_assumption_tables({m: profiles[m] for m in towns["en"] if m in profiles}, names,
                                                         uncertainty, scenario_runs(doc), drawn_assumptions), marks)
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
                   "words": marks.both(failure_words(f["message"], _member_names(names, members.get(f["scenario"], []))),
                                       members.get(f["scenario"], []))}
                  for f in doc.get("failures", [])],
        headline=headline(doc, uncertainty, {m: {lang: towns[lang][m] for lang in LANGUAGES} for m in towns["en"]}, clocks),
        plot_clock=clock if clock[0] is not None else LIBRARY_CLOCK,  # the plots' line: report.plots
        uncertainty=uncertainty,
        how_sure=_how_sure(uncertainty, towns, names, marks, {
            s["name"]: set().union(*(unpriced_entries(p["figures"]) for p in s["points"])) for s in doc["scenarios"]},
            said, clocks),
        no_price=NO_PRICE,
        how_sure_bases=_how_sure_bases(uncertainty, towns),
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
        glossary=[{lang: tuple(marks.html(text, lang, reported) for text in (
                       deadline_said(figure_words(key, lang, staff[lang]), lang, *clock),
                       deadline_said(figure_description(key, lang, library=library_prices, unpriced=unpriced,
                                                        pool=staff[lang].get("officer")), lang, *clock)))
                   for lang in LANGUAGES}
                  for key in KEY_FIGURES],
        share_rule=SHARE_RULE,
        chance=highlights(doc),
    ))
