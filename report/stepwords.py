"""Words for a step the BPMN leaves unnamed, so a page never shows its id ("Timer Paminnelse").

A modeller often leaves a timer unnamed: a reminder 14 days into "Invänta
komplettering" is drawn as a clock on that step's border and no more. Its
figures (its wait, its time) and its profile entry (its delay) still need a
name; :func:`unnamed_words` says what the timer is — how long it waits and on
which step — in English and Swedish, from the profile's fixed delay or else the
BPMN's own duration (``P14D``).

>>> iso_duration("P14D"), iso_duration("PT36H"), iso_duration("P1M2D")
('14d', '36h', None)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from processes.model import Definitions, Event
from processes.shownnames import name_in
from report.words import duration_words

__all__ = ["step_words", "unnamed_words", "iso_duration", "described"]

_ISO = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")
_ISO_UNITS = ("y", "mo", "w", "d", "h", "m", "")
#: an unnamed timer: on a step's border (after how long, in which step), in the flow (a wait), or with no
#: length known
_TIMER = {
    "en": {"on": "timer after {length} in “{step}”", "step": "timer in “{step}”", "wait": "a wait of {length}",
           "bare": "a timer"},
    "sv": {"on": "bevakning efter {length} i ”{step}”", "step": "bevakning i ”{step}”", "wait": "väntan på {length}",
           "bare": "en bevakning"},
}

@functools.cache
def _described() -> re.Pattern[str]:
    """The words :data:`_TIMER` writes, any length and step, and those an unnamed step is said by its place
    (processes.diff.unnamedwords: "unnamed end event after “Beslut”"): what is no drawn label, so a list of labels
    does not quote it again ("“timer after 2 weeks in “Invänta komplettering””"). Built on first use: the diff's
    word table is read through processes.diff, whose import `simulate`'s table in words must not pay (it loads
    PyYAML; tests/test_startup.py)."""
    from processes.diff.wordtable import WORDS

    def pattern(template: str) -> str:
        return (re.escape(template).replace(re.escape("{length}"), ".+").replace(re.escape("{step}"), ".+")
                .replace(re.escape("{what}"), ".+").replace(re.escape("{where}"), ".+"))

    # an unnamed step told apart from another that reads alike: its lane or pool, its count, in brackets after
    return re.compile("|".join(
        [*(pattern(t) for said in _TIMER.values() for t in said.values()),
         *(pattern(t) + r"(?: \(.+\))?" for key in ("unnamed_after", "unnamed_before", "unnamed_on", "unnamed_with",
                                                     "unnamed_in") for t in WORDS[key])]))


def described(text: str) -> bool:
    """Whether ``text`` is the words :func:`unnamed_words` gives an unnamed timer, not a step's drawn name.

    >>> described("timer after 2 weeks in “Invänta komplettering”"), described("en bevakning")
    (True, True)
    >>> described("unnamed end event after “Beslut”"), described("namnlös kanthändelse på ”Beslut”")
    (True, True)
    >>> described("unnamed end event after “Beslut” (second of two)"), described("namnlös sluthändelse i ”Pool”")
    (True, True)
    >>> described("Invänta komplettering"), described("a timer set")
    (False, False)
    """
    return _described().fullmatch(text) is not None


def iso_duration(text: str) -> str | None:
    """An ISO 8601 duration of one unit (``P14D``) as the profile writes a length (``14d``), else ``None``."""
    found = _ISO.fullmatch(text.strip())
    if not found:
        return None
    given = [(amount, unit) for amount, unit in zip(found.groups(), _ISO_UNITS, strict=True) if amount]
    if len(given) != 1 or not given[0][1]:
        return None
    return f"{int(given[0][0])}{given[0][1]}"


def _length(element: Any, spec: Any) -> str | None:
    """The timer's length as a profile writes it: its fixed delay, else the BPMN's duration."""
    delay = spec.get("delay") if isinstance(spec, Mapping) else None
    if isinstance(delay, str):
        return delay
    if isinstance(delay, Mapping) and delay.get("dist") == "fixed" and isinstance(delay.get("value"), str):
        return str(delay["value"])
    for definition in element.definitions:
        if definition.kind == "timer" and definition.timer_kind == "timeDuration" and definition.timer is not None:
            return iso_duration(definition.timer.text)
    return None


def unnamed_words(defs: Definitions, elements: Mapping[str, Any], lang: str, *,
                  drawn: bool = False) -> dict[str, str]:
    """Element id -> words in ``lang`` for each unnamed timer event of ``defs`` (``elements``: the
    profile's ``simulation.elements``, for a timer's delay); ``drawn``: the step it sits on by its name as
    drawn, as a diff and a comparison quote every label (found by QA, qacomptext: the English text said
    "in “Wait for the supplement”" among Swedish labels), else by its name in ``lang``, as a report names
    it."""
    said = _TIMER[lang]
    out = {}
    for process in defs.processes:
        for node_id, node in process.nodes.items():
            if not isinstance(node, Event) or (node.name or "").strip():
                continue
            if not any(d.kind == "timer" for d in node.definitions):
                continue
            length = _length(node, elements.get(node_id))
            length_words = duration_words(length, lang) if length else None
            host = process.nodes.get(node.attached_to) if node.attached_to else None
            host_name = (host.name or "") if drawn and host is not None else name_in(host, lang)
            step = " ".join(host_name.split())
            if step and length_words:
                out[node_id] = said["on"].format(length=length_words, step=step)
            elif step:
                out[node_id] = said["step"].format(step=step)
            elif length_words:
                out[node_id] = said["wait"].format(length=length_words)
            else:
                out[node_id] = said["bare"]
    return out


def step_words(defs: Definitions, elements: Mapping[str, Any], lang: str, ids: Iterable[str] = ()) -> dict[str, str]:
    """Element id -> what a page calls it in ``lang``, never its id: the name its BPMN gives it (its name per
    language, else the drawn one: :func:`processes.shownnames.name_in`; white space folded) for each node,
    sequence flow and lane of ``defs``' processes and each of ``ids`` found elsewhere in ``defs`` (a pool,
    a message flow), and for an unnamed timer the words that say what it is (:func:`unnamed_words`;
    ``elements``: the profile's ``simulation.elements``)."""
    found = {}
    for process in defs.processes:
        lanes = [(lane.id, lane) for lane in process.lanes()]
        for node_id, node in [*process.nodes.items(), *process.flows.items(), *lanes]:
            name = name_in(node, lang)
            if name:
                found[node_id] = " ".join(name.split())
    for element in sorted(set(ids) - set(found)):
        name = name_in(defs.element(element), lang)
        if name:
            found[element] = " ".join(name.split())
    return {**unnamed_words(defs, elements, lang), **found}
