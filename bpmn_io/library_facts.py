"""The facts table of the library: the mapping's dimensions across municipalities, each cell with its provenance.

The dimensions are those the 2022 "Stärkt Företagsklimat" mapping compared (fee,
e-service, handling time, delegation, staff, collaboration), plus the local rules;
the values are what public pages showed, each with its year (``TITLE``), not the
2022 mapping's own figures (its report gives none). ``facts_table`` builds the
table from profiles (pure data: text of each value, the numbers of its sources,
its assumption), ``render_facts`` writes it as a wrapped text table, Markdown, CSV
or JSON. A cell backed by sources shows them as footnote numbers ``[n]``; a cell
that rests on an assumption (alone or beside its sources) shows ``*``.

>>> split_sources("https://a.se/x (2017) ; https://b.se/y (undated)")
('https://a.se/x (2017)', 'https://b.se/y (undated)')
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from bpmn_io.library import ListedProfile
from bpmn_io.profile import Profile
from processes.errors import InputError
from processes.numbers import number
from processes.params import Fact
from processes.textsafe import csv_row, markdown_cell

__all__ = [
    "TITLE",
    "FACT_COLUMNS",
    "ASSUMPTION_MARK",
    "FactCell",
    "FactsTable",
    "FACT_WORDS_SV",
    "fact_text",
    "swedish_words",
    "split_sources",
    "facts_table",
    "render_facts",
    "render_grid",
    "source_lines",
]

#: the heading of the facts table: what its columns are and where its values come from
TITLE = "The mapping's dimensions, values from public pages (year)"
#: the facts ``permitflow facts`` shows, with their column titles
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("handling_unit", "Handled by"),
    ("application_fee", "Application fee"),
    ("e_service", "E-service"),
    ("stated_handling_time", "Stated handling time"),
    ("deciding_body", "Deciding body"),
    ("staff_fte", "Staff (FTE)"),
    ("collaborations", "Collaboration"),
    ("local_rules", "Local rules (riktlinjer, serving hours)"),
)
#: the marker of a cell whose value rests on an assumption
ASSUMPTION_MARK = "*"
#: the English words of a fact's text (its fields, units and fixed values: "unknown", "yes", "computed",
#: "kr/year") in Swedish, for :func:`swedish_words`
FACT_WORDS_SV = {"unknown": "okänt", "yes": "ja", "no": "nej", "none": "inga", "year": "år", "weeks": "veckor",
                 "clock": "räknas från", "complete application": "komplett ansökan",
                 "older page; current body unknown": "äldre sida; nuvarande organ okänt",
                 "passed knowledge test": "godkänt kunskapsprov", "and": "och",
                 "at submission": "när ansökan kommer in", "months": "månader", "computed": "framräknat",
                 "variable": "rörlig del", "extension": "förlängning"}


@dataclass(frozen=True, slots=True)
class FactCell:
    """One cell: the value as text, the numbers of its sources, its assumption (if any, in English), and the text in
    English and Swedish (``en``, ``sv``: the value as the fact's ``names:`` say it in that language, the Swedish with
    its fixed words in Swedish: :func:`swedish_words`; ``None``: the same as ``text``); ``assumption_sv``: the
    assumption in Swedish (``None``: the same as ``assumption``)."""

    text: str
    sources: tuple[int, ...] = ()
    assumption: str | None = None
    en: str | None = None
    sv: str | None = None
    assumption_sv: str | None = None

    @property
    def marked(self) -> str:
        """The text with its markers: ``11 700 kr (2017) [1]``, ``unknown *`` when only an assumption backs it,
        ``Individ- och familjenämnden [5] *`` when an assumption stands beside the sources."""
        marks = "".join(f"[{n}]" for n in self.sources)
        if self.assumption:
            marks = f"{marks} {ASSUMPTION_MARK}" if marks else ASSUMPTION_MARK
        return f"{self.text} {marks}" if marks else self.text


@dataclass(frozen=True, slots=True)
class FactsTable:
    """Municipalities (rows) by facts (columns); ``sources[n - 1]`` is footnote ``[n]``, ``sources_sv[n - 1]`` the
    same in Swedish (as the profile writes it; the English where it gives no Swedish)."""

    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str, tuple[FactCell, ...]], ...]  # (name, display name, cells)
    sources: tuple[str, ...]
    sources_sv: tuple[str, ...] = ()


def fact_text(fact: Fact | None, lang: str | None = None) -> str:
    """A fact's value as a person reads it: ``11 700 kr (2017)``, ``yes``, ``unknown``; a derived number says
    so: ``18,560 kr (2024; computed: 16 h × 1,160 kr/h)``, its number grouped as ``lang`` (English without it)
    writes it (:func:`processes.numbers.number`). With ``lang``: the value as the fact's ``names:`` say
    it in that language, when they do (``Social services committee (Socialnämnden)``)."""
    if fact is None:
        return "unknown"
    names = fact.extra.get("names") if fact.extra and lang else None
    said = names.get(lang) if isinstance(names, Mapping) else None
    value = fact.value if said is None else said
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (int, float)):  # grouped as the language writes it (it wrote "18 560 kr" in English)
        text = number(value, lang or "en")
    elif isinstance(value, (tuple, list)):
        text = "; ".join(str(v) for v in value) if value else "none"
    elif value is None:
        text = "unknown"
    else:
        text = str(value)
    if fact.unit and text != "unknown":  # Swedish keeps an amount and its unit on one line, as the diff does
        text += f"{NO_BREAK if lang == 'sv' else ' '}{fact.unit}"
    year = fact.extra.get("year") if fact.extra else None
    computed = fact.extra.get("computed") if fact.extra else None
    if isinstance(computed, Mapping):  # written per language ({en: ..., sv: ...}): the table is in English
        computed = computed.get(lang or "en") or computed.get("en")
    if text != "unknown":
        said = [str(year)] if year is not None else []
        if computed:
            said.append(f"computed: {computed}")
        if said:
            text += f" ({'; '.join(said)})"
    return text


def swedish_words(text: str) -> str:
    """A fact's text (:func:`fact_text` in Swedish, or :func:`processes.diff.differences.fact_text`'s) with the
    English words it is made of (:data:`FACT_WORDS_SV`) in Swedish: the JSON's ``text_sv`` and the report's
    Swedish facts table.

    >>> swedish_words("400 kr/year (2015)"), swedish_words("Riktlinjer (nya 2018); serveringstider: unknown")
    ('400 kr/år (2015)', 'Riktlinjer (nya 2018); serveringstider: okänt')
    """
    for en in sorted(FACT_WORDS_SV, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(en)}(?![\w-])", FACT_WORDS_SV[en], text)
    return text


def split_sources(source: str | None) -> tuple[str, ...]:
    """The addresses of a ``source:`` text (several are separated by `` ; ``)."""
    if not source:
        return ()
    return tuple(part.strip() for part in source.split(" ; ") if part.strip())


def facts_table(
    profiles: list[tuple[str, Profile | ListedProfile]], columns: tuple[tuple[str, str], ...] = FACT_COLUMNS
) -> FactsTable:
    """The mapping table of ``profiles`` (``(name, profile)`` pairs), sources numbered in order of appearance."""
    numbers: dict[str, int] = {}
    swedish: dict[str, str] = {}  # an English source -> the Swedish the first profile that cites it writes
    rows = []
    for name, profile in profiles:
        cells = []
        for key, _title in columns:
            fact = profile.facts.get(key)
            refs = []
            said = split_sources(fact.source if fact else None)
            said_sv = split_sources(fact.source_sv if fact else None)
            for k, src in enumerate(said):
                refs.append(numbers.setdefault(src, len(numbers) + 1))
                # the Swedish is the same list of addresses with Swedish comments, when it has as many
                swedish.setdefault(src, said_sv[k] if len(said_sv) == len(said) else src)
            text, en, sv = fact_text(fact), fact_text(fact, "en"), swedish_words(fact_text(fact, "sv"))
            assumption = fact.assumption if fact else None
            assumption_sv = fact.assumption_sv if fact else None
            cells.append(FactCell(text, tuple(refs), assumption, en if en != text else None,
                                  sv if sv != text else None, assumption_sv if assumption_sv != assumption else None))
        rows.append((name, profile.municipality or name, tuple(cells)))
    return FactsTable(columns, tuple(rows), tuple(numbers), tuple(swedish[src] for src in numbers))


#: what joins a number and its unit in Swedish (a space that does not break: "18 560 kr")
NO_BREAK = "\u00a0"

#: the narrowest a column is wrapped to when the table must fit a terminal
MIN_COLUMN = 12


def _fitting_width(columns: list[list[str]], width: int, total: int | None) -> int:
    """The largest wrap width <= ``width`` (not below MIN_COLUMN) whose table is at most ``total`` wide."""
    if total is None:
        return width
    gaps = 2 * (len(columns[0]) - 1)
    for w in range(width, MIN_COLUMN - 1, -1):
        wrapped = [[textwrap.wrap(cell, w) or [""] for cell in row] for row in columns]
        used = sum(max(len(line) for row in wrapped for line in row[i]) for i in range(len(columns[0])))
        if used + gaps <= total:
            return w
    return MIN_COLUMN


def render_grid(header: list[str], rows: list[list[str]], width: int = 28, total: int | None = None) -> str:
    """A plain-text table: columns aligned, cells wrapped at ``width`` characters, or narrower
    (down to MIN_COLUMN) so that the table is at most ``total`` characters wide when given."""
    columns = [header] + rows
    width = _fitting_width(columns, width, total)
    wrapped = [[textwrap.wrap(cell, width) or [""] for cell in row] for row in columns]
    widths = [max(len(line) for row in wrapped for line in row[i]) for i in range(len(header))]
    out = []
    for k, row in enumerate(wrapped):
        for j in range(max(len(c) for c in row)):
            out.append(
                "  ".join(
                    (c[j] if j < len(c) else "").ljust(w) for c, w in zip(row, widths, strict=True)
                ).rstrip()
            )
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def source_lines(table: FactsTable) -> list[str]:
    """The footnotes of ``table``: ``[n] address (date)``, then what ``*`` means."""
    return [f"[{n}] {src}" for n, src in enumerate(table.sources, 1)] + [
        f"{ASSUMPTION_MARK} an assumption, alone or beside the sources [n] (see the profile: permitflow library show NAME)"
    ]


def render_facts(table: FactsTable, fmt: str, total: int | None = None) -> str:
    """The table as ``table`` (wrapped text, at most ``total`` wide when it can), ``markdown``,
    ``csv`` or ``json`` text; the text, Markdown and JSON forms carry ``TITLE``."""
    header = ["Municipality"] + [title for _key, title in table.columns]
    rows = [[display] + [cell.marked for cell in cells] for _name, display, cells in table.rows]
    if fmt == "table":
        grid = render_grid(header, rows, total=total)
        return f"{TITLE}\n\n{grid}\n\n" + "\n".join(source_lines(table)) + "\n"
    if fmt == "markdown":

        # a value's text as written (markdown_cell), its markers ([1], *) as the footnotes they are
        lines = [f"**{TITLE}**", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join([markdown_cell(display)] + [markdown_cell(cell.text) + cell.marked[len(cell.text):]
                                                                 for cell in cells]) + " |"
                  for _name, display, cells in table.rows]
        return "\n".join(lines) + "\n\n" + "\n".join(f"{line}  " for line in source_lines(table)) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(
            ["name", "municipality"]
            + [f"{key}{suffix}" for key, _t in table.columns for suffix in ("", "_source", "_assumption")]
        )
        for name, display, cells in table.rows:
            values = []
            for cell in cells:
                values += [
                    cell.text,
                    " ; ".join(table.sources[n - 1] for n in cell.sources),
                    cell.assumption or "",
                ]
            writer.writerow(csv_row([name, display] + values))  # no formulas for spreadsheets
        return buf.getvalue()
    if fmt == "json":
        data = {
            "title": TITLE,
            "columns": [{"key": key, "title": title} for key, title in table.columns],
            "rows": [
                {
                    "name": name,
                    "municipality": display,
                    "facts": {
                        # the value as the profile writes it, and beside it in English and Swedish (its names:,
                        # else the same; the Swedish with its fixed words in Swedish: "okänt", "ja")
                        key: {"text": cell.text, "text_en": cell.en or cell.text, "text_sv": cell.sv or cell.text,
                              "sources": list(cell.sources), "assumption": cell.assumption,
                              "assumption_sv": cell.assumption_sv or cell.assumption}
                        for (key, _t), cell in zip(table.columns, cells, strict=True)
                    },
                }
                for name, display, cells in table.rows
            ],
            "sources": {str(n): src for n, src in enumerate(table.sources, 1)},
            "sources_sv": {str(n): src for n, src in enumerate(table.sources_sv or table.sources, 1)},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    raise InputError(f"unknown format {fmt!r} (expected one of table, csv, markdown, json)")
