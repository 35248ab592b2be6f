"""The ``facts:`` section of profile.yaml, read into processes.params.Fact: each fact's value (or
``unknown``), unit, provenance (source, assumption, note) and its value per language (``names:``).

Pure, as :mod:`bpmn_io.profile_schema`, which reads the ``simulation:`` section; its own module because
facts are what the listings, the diff and the report say about a municipality, read without any of the
simulation's parameters (the library's listings read only them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bpmn_io.profile_values import Path, fail_rule, named, provenance_text
from processes.frozenmap import FrozenMap
from processes.params import Fact
from processes.rulewords import written

__all__ = ["facts_from_data", "LANGUAGES"]


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, Mapping):
        return FrozenMap({k: _freeze(v) for k, v in value.items()})
    return value


def _english(value: Any) -> Any:
    return provenance_text(value) if isinstance(value, Mapping) else value


#: the languages a page or report speaks (``names:`` gives a profile's name, or a fact's value, in each); as
#: processes.shownnames.LANGUAGES, which imports the model (the listings read profiles without it)
LANGUAGES = ("en", "sv")


def _check_fact_names(raw: Mapping[str, Any], path: Path) -> None:
    """A fact's ``names:``, its value in each language (``{en: Social services committee (Socialnämnden)}``): text
    for a text, a list as long for a list; a language it does not give shows the value as written."""
    names = raw.get("names")
    if names is None:
        return
    if not isinstance(names, Mapping):
        raise fail_rule(path + ("names",), "not_names_per_language", value=written(names))
    value = raw["value"]
    for lang, said in names.items():
        if lang not in LANGUAGES:
            raise fail_rule(path + ("names", lang), "unknown_language", value=written(lang), languages=", ".join(LANGUAGES))
        if isinstance(value, list):
            fits = isinstance(said, list) and len(said) == len(value) and all(isinstance(x, str) for x in said)
        else:
            fits = isinstance(said, str) and bool(said.strip())
        if not fits:
            raise fail_rule(path + ("names", lang), "not_name", value=written(said))


def facts_from_data(value: Any, path: Path = ("facts",)) -> FrozenMap[str, Fact]:
    """The ``facts:`` section: each fact a mapping with ``value`` (may be ``unknown``)."""
    facts = {}
    for name, raw in named(value, path, "fact names to facts").items():
        p = path + (name,)
        if not isinstance(raw, Mapping) or "value" not in raw:
            raise fail_rule(p, "not_fact", value=written(raw))
        _check_fact_names(raw, p)
        known = ("value", "unit", "source", "assumption", "note")
        facts[str(name)] = Fact(
            value=_freeze(raw["value"]),
            unit=raw.get("unit"),
            # in English: the listings and the diff say them in English (a report picks its language)
            source=_english(raw.get("source")),
            assumption=_english(raw.get("assumption")),
            note=_english(raw.get("note")),
            extra=FrozenMap({k: _freeze(v) for k, v in raw.items() if k not in known}),
            # and in Swedish, for the facts table's JSON (the text as written when it is one text)
            source_sv=provenance_text(raw["source"], "sv") if raw.get("source") else None,
            assumption_sv=provenance_text(raw["assumption"], "sv") if raw.get("assumption") else None,
        )
    return FrozenMap(facts)
