"""Each process's diagram in the report: the BPMN drawn as SVG with the first points' average waiting
time per step as badges (each in both languages), and the list of its longest waits.

Its own module: a run draws the diagrams early, while its other units run (:func:`diagram_svgs`,
taken by :func:`report.html.render_report` when the model and badges are the same), and the web
app's answer page draws the same badges.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from bpmn_io.svg import render_svg
from bpmn_io.svg_shapes import num
from bpmn_io.textsize import text_width
from processes.errors import PermitflowError
from processes.model import Definitions
from report.bounds import impossible
from report.numbers import days_said, machine
from report.processnames import parsed_processes
from report.templating import labels_language, strip_xml_prolog, svg_in_labels_language
from report.words import LANGUAGES

__all__ = ["WAIT_PREFIX", "DrawnDiagrams", "waiting_badges", "bilingual_badges", "diagram_svgs",
           "diagram_svg", "report_diagrams"]


WAIT_PREFIX = "wait_days."


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


#: a process's diagram drawn earlier (:func:`diagram_svgs`): name -> (its parsed model, its badges, the SVG)
DrawnDiagrams = Mapping[str, tuple[Definitions, tuple[tuple[str, str], ...], str]]


def diagram_svg(defs: Definitions, badges: dict[str, str]) -> str:
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
            out[member] = (defs, tuple(badges.items()), diagram_svg(defs, badges))
    return out


def report_diagrams(doc: Mapping[str, Any], processes: Mapping[str, str],
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
                svg = diagram_svg(defs, badges)
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
