"""The bundled process library: one folder per municipality under ``processes/library/``.

A folder holds ``profile.yaml`` (facts of the 2022 mapping and simulation
parameters) and usually ``process.bpmn`` (with DI) generated from the authoring
source ``process.yaml``. A municipality whose cases another one handles (Klippan
by Ängelholm, Bjuv by Höganäs) names it in ``handled_by:`` and may have no
process of its own: it then uses the handler's ``process.bpmn`` with its own
profile. Örkelljunga is handled by Ängelholm but decides locally, so it has its
own process.

The library is data of the ``processes`` package, read here (``processes`` code
never reads it). Entries load lazily, one folder at a time.

>>> "helsingborg" in library_names()
True
>>> load_entry("klippan").handled_by
'angelholm'
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bpmn_io.profile import Profile, read_profile
from bpmn_io.reader import read_bpmn
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError
from processes.model import Definitions
from processes.params import Fact

__all__ = [
    "LibraryEntry",
    "library_root",
    "library_names",
    "is_library_name",
    "library_paths",
    "load_entry",
    "generate_bpmn",
    "own_process_names",
    "PROCESS_FILE",
    "PROFILE_FILE",
    "AUTHORING_FILE",
    "FACT_COLUMNS",
    "ASSUMPTION_MARK",
    "MAPPED_2022",
    "FactCell",
    "FactsTable",
    "fact_text",
    "split_sources",
    "facts_table",
    "ordered_names",
    "render_facts",
    "render_grid",
    "source_lines",
]

PROCESS_FILE = "process.bpmn"
PROFILE_FILE = "profile.yaml"
AUTHORING_FILE = "process.yaml"


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One library municipality, loaded.

    ``definitions``: the BPMN model the cases follow (the handler's when the
    folder has none); ``profile``: this municipality's facts and parameters;
    ``folder``: this municipality's folder; ``handled_by``: the library name of
    the municipality that handles the cases, or ``None``; ``process_folder``:
    the folder ``definitions`` came from.
    """

    name: str
    definitions: Definitions
    profile: Profile
    folder: Path
    handled_by: str | None
    process_folder: Path

    @property
    def display_name(self) -> str:
        """The municipality's name as written in the profile (``Åstorp``), else the folder name."""
        return self.profile.municipality or self.name


def library_root() -> Path:
    """The folder that holds one sub-folder per library municipality."""
    return Path(str(resources.files("processes") / "library"))


def library_names(root: Path | None = None) -> list[str]:
    """Names (folder names) of every library municipality, sorted.

    ``root``: a library folder other than the bundled one (the same for every function here).
    """
    root = library_root() if root is None else root
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / PROFILE_FILE).is_file())


def is_library_name(text: str, root: Path | None = None) -> bool:
    """True if ``text`` names a library municipality (and is not a path)."""
    return "/" not in text and "\\" not in text and text in library_names(root)


def _unknown(name: str, root: Path | None) -> InputError:
    return InputError(
        f"unknown library municipality {name!r} (expected one of {', '.join(library_names(root))})"
    )


def _handled_by(folder: Path) -> str | None:
    """The ``handled_by:`` of a folder's profile, read without checking the rest."""
    path = folder / PROFILE_FILE
    data = load_yaml(path.read_text(encoding="utf-8"), source=str(path)).data
    value = data.get("handled_by") if isinstance(data, dict) else None
    if value is not None and not isinstance(value, str):
        raise InputError(f"handled_by: {value!r} is not a library name", file=str(path), path="handled_by")
    return value


def _process_folder(name: str, root: Path, seen: tuple[str, ...] = ()) -> Path:
    """The folder whose process.bpmn ``name``'s cases follow (following handled_by)."""
    if name not in library_names(root):
        raise _unknown(name, root)
    folder = root / name
    if (folder / PROCESS_FILE).is_file():
        return folder
    handler = _handled_by(folder)
    if handler is None:
        raise InputError(
            f"library municipality {name!r} has no {PROCESS_FILE} and no handled_by (expected one of them)",
            file=str(folder / PROFILE_FILE),
        )
    if handler in seen + (name,):
        raise InputError(
            f"handled_by cycle: {' -> '.join(seen + (name, handler))}", file=str(folder / PROFILE_FILE)
        )
    return _process_folder(handler, root, seen + (name,))


def library_paths(name: str, root: Path | None = None) -> tuple[Path, Path]:
    """``(process.bpmn, profile.yaml)`` of library municipality ``name``.

    The BPMN is the handler's when ``name`` has no process of its own.
    """
    root = library_root() if root is None else root
    process_folder = _process_folder(name, root)
    return process_folder / PROCESS_FILE, root / name / PROFILE_FILE


def generate_bpmn(name: str) -> bytes:
    """The process.bpmn that library municipality ``name``'s process.yaml generates (with layout).

    The committed process.bpmn must equal this byte for byte; ``permitflow library
    build`` writes it.
    """
    # only maintainers regenerate: loading a library entry needs neither Graphviz nor the writer
    from bpmn_io.authoring import read_authoring
    from bpmn_io.layout import add_layout
    from bpmn_io.writer import to_bpmn_bytes

    source = library_root() / name / AUTHORING_FILE
    if name not in library_names() or not source.is_file():
        raise InputError(
            f"library municipality {name!r} has no {AUTHORING_FILE} "
            f"(expected one of {', '.join(own_process_names())})"
        )
    return to_bpmn_bytes(add_layout(read_authoring(source)))


def own_process_names() -> list[str]:
    """Library municipalities with a process of their own (an authoring source)."""
    return [n for n in library_names() if (library_root() / n / AUTHORING_FILE).is_file()]


def load_entry(name: str, root: Path | None = None) -> LibraryEntry:
    """Read and parse library municipality ``name``: its process and its profile."""
    bpmn_path, profile_path = library_paths(name, root)
    profile = read_profile(profile_path)
    return LibraryEntry(
        name=name,
        definitions=read_bpmn(bpmn_path),
        profile=profile,
        folder=profile_path.parent,
        handled_by=profile.handled_by,
        process_folder=bpmn_path.parent,
    )


# --------------------------------------------------------------------------- the mapping table

#: the facts ``permitflow facts`` shows, with their column titles
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("handling_unit", "Handled by"),
    ("application_fee", "Application fee"),
    ("e_service", "E-service"),
    ("stated_handling_time", "Stated handling time"),
    ("deciding_body", "Deciding body"),
    ("staff_fte", "Staff (FTE)"),
    ("collaborations", "Collaboration"),
)
#: the marker of a cell whose value rests on an assumption
ASSUMPTION_MARK = "*"


@dataclass(frozen=True, slots=True)
class FactCell:
    """One cell: the value as text, the numbers of its sources, its assumption (if any)."""

    text: str
    sources: tuple[int, ...] = ()
    assumption: str | None = None

    @property
    def marked(self) -> str:
        """The text with its markers: ``11 700 kr (2017) [1]``, or ``unknown *`` when only an assumption backs it."""
        marks = "".join(f"[{n}]" for n in self.sources) or (ASSUMPTION_MARK if self.assumption else "")
        return f"{self.text} {marks}" if marks else self.text


@dataclass(frozen=True, slots=True)
class FactsTable:
    """Municipalities (rows) by facts (columns); ``sources[n - 1]`` is footnote ``[n]``."""

    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str, tuple[FactCell, ...]], ...]  # (name, display name, cells)
    sources: tuple[str, ...]


def fact_text(fact: Fact | None) -> str:
    """A fact's value as a person reads it: ``11 700 kr (2017)``, ``yes``, ``unknown``."""
    if fact is None:
        return "unknown"
    value = fact.value
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (int, float)):
        text = f"{value:,}".replace(",", " ")
    elif isinstance(value, (tuple, list)):
        text = "; ".join(str(v) for v in value) if value else "none"
    elif value is None:
        text = "unknown"
    else:
        text = str(value)
    if fact.unit and text != "unknown":
        text += f" {fact.unit}"
    year = fact.extra.get("year") if fact.extra else None
    if year is not None and text != "unknown":
        text += f" ({year})"
    return text


def split_sources(source: str | None) -> tuple[str, ...]:
    """The addresses of a ``source:`` text (several are separated by `` ; ``)."""
    if not source:
        return ()
    return tuple(part.strip() for part in source.split(" ; ") if part.strip())


def facts_table(
    profiles: list[tuple[str, Profile]], columns: tuple[tuple[str, str], ...] = FACT_COLUMNS
) -> FactsTable:
    """The mapping table of ``profiles`` (``(name, profile)`` pairs), sources numbered in order of appearance."""
    numbers: dict[str, int] = {}
    rows = []
    for name, profile in profiles:
        cells = []
        for key, _title in columns:
            fact = profile.facts.get(key)
            refs = []
            for src in split_sources(fact.source if fact else None):
                refs.append(numbers.setdefault(src, len(numbers) + 1))
            cells.append(FactCell(fact_text(fact), tuple(refs), fact.assumption if fact else None))
        rows.append((name, profile.municipality or name, tuple(cells)))
    return FactsTable(columns, tuple(rows), tuple(numbers))


#: the library names in the order tables show them: the three municipalities of the 2022 mapping first
MAPPED_2022 = ("helsingborg", "landskrona", "astorp")


def ordered_names(names: list[str] | None = None) -> list[str]:
    """``names`` (default: all) in table order: the 2022 mapping's three, the rest, the national reference."""
    names = library_names() if names is None else list(names)
    return sorted(
        names,
        key=lambda n: (
            n not in MAPPED_2022,
            n.startswith("national"),
            MAPPED_2022.index(n) if n in MAPPED_2022 else 0,
            n,
        ),
    )


def render_grid(header: list[str], rows: list[list[str]], width: int = 28) -> str:
    """A plain-text table: columns aligned, cells wrapped at ``width`` characters."""
    columns = [header] + rows
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
        f"{ASSUMPTION_MARK} an assumption, no source (see the profile: permitflow library show NAME)"
    ]


def render_facts(table: FactsTable, fmt: str) -> str:
    """The table as ``table`` (wrapped text), ``markdown``, ``csv`` or ``json`` text."""
    header = ["Municipality"] + [title for _key, title in table.columns]
    rows = [[display] + [cell.marked for cell in cells] for _name, display, cells in table.rows]
    if fmt == "table":
        return render_grid(header, rows) + "\n\n" + "\n".join(source_lines(table)) + "\n"
    if fmt == "markdown":

        def esc(text: str) -> str:
            return text.replace("|", "\\|")

        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
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
            writer.writerow([name, display] + values)
        return buf.getvalue()
    if fmt == "json":
        data = {
            "columns": [{"key": key, "title": title} for key, title in table.columns],
            "rows": [
                {
                    "name": name,
                    "municipality": display,
                    "facts": {
                        key: {"text": cell.text, "sources": list(cell.sources), "assumption": cell.assumption}
                        for (key, _t), cell in zip(table.columns, cells, strict=True)
                    },
                }
                for name, display, cells in table.rows
            ],
            "sources": {str(n): src for n, src in enumerate(table.sources, 1)},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    raise InputError(f"unknown format {fmt!r} (expected one of table, csv, markdown, json)")
