"""The results of a run as a spreadsheet a manager opens in Excel: ``summary.csv``'s rows and numbers, made by
the same writer (:func:`report.results.summary_csv`), with the columns' heads in words in the reader's language.

The rule of the file (Excel reads a CSV by its regional settings: a Swedish Excel splits columns at ``;`` and
reads ``2,5`` as a number, an English one at ``,`` and ``2.5``): in Swedish a semicolon between the columns and
a decimal comma, in English a comma and a decimal point; both UTF-8 with a byte-order mark, by which Excel reads
å, ä and ö as written. Every number is written as ``summary.csv`` writes it (all its digits), only its decimal
mark changed; the figures keep their keys (``helsingborg/complete_to_decision_mean_days``), as the file does, and
each is said in words in the next column, a step by its name in the model (a manager read only the keys).

Two verdicts of a difference, each named for what it is: ``summary.csv``'s ``diff_significant``, the figure's
own 95 % interval clear of zero (uncorrected), and after it the report's, whether ``report.html`` of the same
results highlights it (:func:`report.chance.highlights`, Benjamini-Hochberg over every difference the document
compares). The column said "Sure difference" and gave the first alone: a manager read "yes" where the report
highlights nothing (docs/report.md says why both are kept).

>>> doc = {"scenarios": [{"name": "what-if", "baseline": "status-quo", "points": [{"label": "", "comparison": {
...     "differences": {"a/x": {"mean": -1.5, "ci": [-2.25, -0.75], "significant": True,
...                                    "replications": [-1.0, -2.0]}}},
...     "figures": {"a/x": {"mean": 10.5, "ci": [9.0, 12.0], "replications": [10.0, 11.0]}}}]}]}
>>> print(summary_sheet(doc, "sv").decode("utf-8-sig"), end="")
Scenario;Punkt i svepet;Mått;Måttet i ord;Medelvärde;95 % intervall, nedre gräns;95 % intervall, övre gräns;\
Upprepningar med värde;Jämförs med;Skillnad mot den, medelvärde;Skillnad, 95 % intervall, nedre gräns;\
Skillnad, 95 % intervall, övre gräns;Intervallet utesluter noll (bara detta mått);\
Markerad i rapporten (osannolik som slump bland allt den jämför);Värde per upprepning
what-if;;a/x;x;10,5;9,0;12,0;2;status-quo;-1,5;-2,25;-0,75;ja;nej;"10,0;11,0"
>>> summary_sheet(doc, "en").decode("utf-8-sig").splitlines()[1]
'what-if,,a/x,x,10.5,9.0,12.0,2,status-quo,-1.5,-2.25,-0.75,yes,no,10.0;11.0'
>>> summary_sheet(doc, "en", scenarios={"what-if": "With the changes", "status-quo": "Today"}).decode(
...     "utf-8-sig").splitlines()[1][:62]
'With the changes,,a/x,x,10.5,9.0,12.0,2,Today,-1.5,-2.25,-0.75'
>>> doc["scenarios"][0]["points"][0]["figures"] = {"h/wait_days.Task_B": {"mean": 2.0, "ci": [1.0, 3.0],
...                                                                      "replications": [2.0]}}
>>> summary_sheet(doc, "sv", {"h": {"Task_B": "Besluta"}}).decode("utf-8-sig").splitlines()[1].split(";")[2:5]
['h/wait_days.Task_B', 'dagar i väntan vid: Besluta', '2,0']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from processes.textsafe import csv_cell, csv_row
from report.chance import highlights
from report.goalseek import NO_PRICE, unpriced_costs
from report.processnames import step_names
from report.results import SUMMARY_COLUMNS, summary_csv
from report.words import LANGUAGES, figure_words, labels, level_words
from scenarios.batch import BatchResults

__all__ = ["summary_sheet", "sheet_names", "goalseek_sheet"]

#: the columns of a goal seek's CSV that hold codes, not numbers (their points are not decimal marks), and how
#: the page's spreadsheet says a cell of each in a language (a code it has no words for: as the file names it)
_GOAL_WORDS: dict[str, Callable[[str, str], str]] = {
    "level": lambda level, lang: level_words(level, lang) if level else "",
    "status": lambda status, lang: str(labels()["goalseek_status"].get(status, {}).get(lang, status)),
    "frontier": lambda place, lang: str(labels()["goalseek_frontier"].get(place, {}).get(lang, place)),
}
#: a goal seek's cost columns, which say that the profiles put no price on the work where they put none
_GOAL_COSTS = ("cost_kr_per_year", "staff_cost", "decision_cost")
#: a goal seek's shares (of full time; within the deadline, the page's goal), which the file writes as fractions
#: (0.3, 0.97) and the page as per cent ("30 %", "97 %"): the spreadsheet's are per cent, its heads say "(%)"
_GOAL_SHARES = ("fte", "target_mean", "target_low", "target_high")


def _per_cent(cell: str) -> str:
    """A fraction as the file writes it in per cent, every digit kept (the decimal point moved, not a float
    multiplied: 0.07 * 100 is 7.000000000000001); empty stays empty.

    >>> _per_cent("0.3"), _per_cent("0.97125"), _per_cent("1"), _per_cent("0.00001"), _per_cent("")
    ('30', '97.125', '100', '0.001', '')
    """
    return format(Decimal(cell).scaleb(2).normalize(), "f") if cell else cell


def summary_sheet(doc: dict[str, Any], lang: str, names: Mapping[str, Mapping[str, str]] | None = None,
                  scenarios: Mapping[str, str] | None = None) -> bytes:
    """``doc``'s (:func:`report.results.results_document`) ``summary.csv`` as a spreadsheet in ``lang``
    (``sv`` or ``en``, the module's rule); ``names``: per process, element id -> its step's name in ``lang``
    (:func:`sheet_names`), by which a step's figure is said; ``scenarios``: a scenario's name -> its words in
    ``lang``, as its reader knows it (the what-if page's two runs: "I dag", "Med ändringarna"), in its rows
    and in the rows compared with it. After each difference's own verdict, whether the report highlights it."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang {lang!r}: expected one of {', '.join(LANGUAGES)}")
    words = labels()["summary_columns"]
    verdict = SUMMARY_COLUMNS.index("diff_significant") + 1
    columns = (*SUMMARY_COLUMNS[:3], "figure_words", *SUMMARY_COLUMNS[3:verdict], "diff_highlighted",
               *SUMMARY_COLUMNS[verdict:])
    steps = names or {}
    return summary_csv(doc, header=[str(words[c][lang]) for c in columns],
                       delimiter=";" if lang == "sv" else ",", decimal="," if lang == "sv" else ".", bom=True,
                       yes_no=(str(words["yes"][lang]), str(words["no"][lang])),
                       said=lambda key: figure_words(key, lang, steps.get(key.partition("/")[0])),
                       scenarios=scenarios, highlighted=highlights(doc).marked)


def sheet_names(batch: BatchResults, lang: str) -> dict[str, dict[str, str]]:
    """Per process of ``batch``, element id -> its step's (or staff group's) name in ``lang``, as the report
    names them (:func:`report.processnames.step_names`): the steps' words of :func:`summary_sheet`."""
    processes: dict[str, str] = {}
    profiles: dict[str, Any] = {}
    for point in batch.points:
        for member in point.scenario.points[0].members:
            processes.setdefault(member.name, member.bpmn)
            profiles.setdefault(member.name, dict(member.base.profile))
    return step_names(processes, profiles)[lang]


def goalseek_sheet(table: str, lang: str) -> bytes:
    """A goal seek's CSV (:func:`report.goalseek.goalseek_csv`, what ``permitflow optimise --csv`` writes, its
    columns' code names for a script) as a spreadsheet a manager opens in ``lang``: the module's rule, the
    heads in words (those of the page's table where it has the column), the decision levels, the statuses and
    the places on the frontier in words, the costs "no price on the work" where the profiles put none (every
    cost 0, :func:`report.goalseek.unpriced_costs`: the page shows "–" there), the shares (of full time, within
    the deadline: the page's goal is a share) in per cent as the page says them, every number with the digits
    the file has, its decimal mark the language's.

    >>> table = "officers,fte,level,cost_kr_per_year,target_low,status\\n2,0.5,committee,812345.50,0.9725,chosen\\n"
    >>> print(goalseek_sheet(table, "en").decode("utf-8-sig"), end="")
    Case officers,Share of full time (%),Decided by,Cost a year (kronor),\
"Share within the deadline, 95% interval, low end (%)",Status
    2,50,the committee,812345.50,97.25,chosen
    >>> goalseek_sheet(table, "sv").decode("utf-8-sig").splitlines()[1]
    '2;50;nämnden;812345,50;97,25;valt'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang {lang!r}: expected one of {', '.join(LANGUAGES)}")
    rows = list(csv.reader(io.StringIO(table)))
    heads, words = rows[0], labels()["goalseek_columns"]
    said = {heads.index(c): words_of for c, words_of in _GOAL_WORDS.items() if c in heads}
    shares = {heads.index(c) for c in _GOAL_SHARES if c in heads}
    costs = [heads.index(c) for c in _GOAL_COSTS if c in heads]
    if costs and unpriced_costs(float(row[costs[0]]) for row in rows[1:]):
        said.update({i: lambda _cost, lang: NO_PRICE[lang] for i in costs})
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if lang == "sv" else ",", lineterminator="\n")
    writer.writerow(csv_row(str(words[h][lang]) if h in words else h for h in heads))
    for row in rows[1:]:  # a level named in an uploaded profile could start like a formula; a number is none
        cells = (_per_cent(cell) if i in shares else cell for i, cell in enumerate(row))
        writer.writerow([csv_cell(said[i](cell, lang)) if i in said else
                         cell.replace(".", ",") if lang == "sv" else cell for i, cell in enumerate(cells)])
    return out.getvalue().encode("utf-8")
