"""Fact-level differences: a profile's facts (fees, handling time, deciding body, ...) compared
value by value, ignoring provenance, by meaning with a lexicon; and a fact as one line of text in
either language.

Its own module as facts belong to the municipality's profile, not to the model's steps
(differences.py); the report reads ``fact_text`` too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from processes.diff.canonicalvalues import PROVENANCE_KEYS, provenance_basis, value_text
from processes.diff.diffwords import Said, clause
from processes.diff.parameterwords import marked, with_wording, word
from processes.diff.result import Difference
from processes.diff.text import Lexicon

__all__ = ["FACT_ORDER", "FACT_WORD_KEYS", "fact_differences", "fact_meaning", "fact_text", "meaning"]


#: facts listed first, in this order (the 2022 mapping dimensions); others follow by name
FACT_ORDER = (
    "application_fee",
    "supervision_fee",
    "e_service",
    "stated_handling_time",
    "deciding_body",
    "delegation",
    "committee_cadence",
    "staff_fte",
    "collaborations",
    "local_rules",
)


#: a fact's keys that say its value in each language (``names: {en: ...}``); never compared, not part of its text
FACT_WORD_KEYS = frozenset({"names"})


def fact_differences(
    facts_a: Mapping[str, Any], facts_b: Mapping[str, Any], lex: Lexicon | None = None
) -> list[Difference]:
    """One ``fact`` difference per fact whose value (ignoring provenance) differs; each side
    says what its value rests on (``a_basis``, ``b_basis``: sourced or assumed).

    With a lexicon, text values and lists of text compare by meaning: each text by its
    terms (roots and synonym groups), a list as a set, so "Brandförsvaret" =
    "Räddningstjänsten" and ``[Polisen, Skatteverket]`` = ``[Skatteverket,
    Polismyndigheten]``."""
    names = [n for n in FACT_ORDER if n in facts_a or n in facts_b]
    names += sorted(n for n in set(facts_a) | set(facts_b) if n not in FACT_ORDER)
    out = []
    for name in names:
        va = fact_text(facts_a.get(name))
        vb = fact_text(facts_b.get(name))
        if va != vb and lex is not None and meaning(lex, facts_a.get(name)) == meaning(
            lex, facts_b.get(name)
        ):
            continue
        if va != vb:
            ba, bb = provenance_basis(facts_a.get(name)), provenance_basis(facts_b.get(name))
            # the fact's name and values in Swedish are the output's to say (diffwords.DiffWords): its names
            # and words for facts are the report's
            out.append(with_wording(Difference("fact", (), (), name, va, vb, a_basis=ba, b_basis=bb),
                                    clause("fact", fact=name.replace("_", " "),
                                           va=_fact_said(facts_a.get(name), va) or word("not_stated"),
                                           vb=_fact_said(facts_b.get(name), vb) or word("not_stated"),
                                           ma=marked(ba), mb=marked(bb))))
    return out


def _fact_said(fact: Any, english: str) -> Said:
    """A fact's text in (English, Swedish): in Swedish as its ``names: {sv: ...}`` say it ("arbetsutskottet
    eller ordföranden", not the value "working committee or chair"); one text when the two are the same."""
    swedish = fact_text(fact, "sv")
    return english if swedish == english else (english, swedish)


def meaning(lex: Lexicon, fact: Any) -> object:
    """``fact_meaning``, remembered in the lexicon's memo for this very fact object (an N-way
    run compares each model's facts in each of its pairs); the memo holds the fact, so its id
    is not reused while it is there."""
    key = ("fact", id(fact))
    found = lex._memo.get(key)
    if found is None or found[0] is not fact:  # type: ignore[index]
        found = lex._memo[key] = (fact, fact_meaning(lex, fact))
    return found[1]  # type: ignore[index]


def fact_meaning(lex: Lexicon, fact: Any) -> object:
    """What a fact says, for comparing by meaning: texts as their sorted terms, lists as
    sets of those, mappings by their non-provenance fields; other values as text."""
    if isinstance(fact, Mapping):
        return tuple(
            sorted((str(k), repr(fact_meaning(lex, v))) for k, v in fact.items()
                   if str(k) not in PROVENANCE_KEYS | FACT_WORD_KEYS)
        )
    if isinstance(fact, str):
        return ("text", lex.terms(fact))
    if isinstance(fact, (list, tuple)):
        return ("set", tuple(sorted({repr(fact_meaning(lex, v)) for v in fact})))
    return ("value", value_text(fact))


#: the languages a fact's field may be written in (``extension: {en: ..., sv: ...}``)
FIELD_LANGUAGES = ("en", "sv")


def _field_in(value: Any, lang: str | None) -> Any:
    """A fact's field as said in ``lang`` when it is written per language (``{en: ..., sv: ...}``), in English
    without ``lang``; any other value as it is."""
    if isinstance(value, Mapping) and value and set(value) <= set(FIELD_LANGUAGES):
        return value.get(lang or "en") or value.get("en") or next(iter(value.values()))
    return value


def fact_text(fact: Any, lang: str | None = None) -> str:
    """A fact as one line of text: its value, then its other non-provenance fields; with ``lang``, the value
    as its ``names:`` say it in that language (the value as written when they do not), and a field written per
    language (``extension: {en: ..., sv: ...}``) in that language (in English without ``lang``).

    >>> fact_text({"value": 11700, "unit": "kr", "year": 2017, "source": "https://..."})
    '11700 kr (year: 2017)'
    >>> body = {"value": "Socialnämnden", "names": {"en": "Social services committee (Socialnämnden)"}}
    >>> fact_text(body), fact_text(body, "en"), fact_text(body, "sv")
    ('Socialnämnden', 'Social services committee (Socialnämnden)', 'Socialnämnden')
    >>> rule = {"value": 4, "unit": "months", "extension": {"en": "once", "sv": "en gång"}}
    >>> fact_text(rule), fact_text(rule, "sv")
    ('4 months (extension: once)', '4 months (extension: en gång)')
    """
    if fact is None:
        return ""
    if not isinstance(fact, Mapping):
        return value_text(fact)
    names = fact.get("names")
    said = names.get(lang) if lang and isinstance(names, Mapping) else None
    value = value_text(fact.get("value", "") if said is None else said)
    unit = fact.get("unit")
    head = f"{value} {unit}" if unit not in (None, "") and value not in ("", "unknown") else value
    rest = [
        f"{k}: {value_text(_field_in(v, lang))}"
        for k, v in fact.items()
        if k not in ("value", "unit") and str(k) not in PROVENANCE_KEYS | FACT_WORD_KEYS
    ]
    return head + (f" ({'; '.join(rest)})" if rest else "")
