"""The words of a profile parameter's difference (``parameter_wording``: the step, the key in words,
each value as each language writes it, what each rests on), and the few wording helpers every
difference uses (a difference with its wording and English message, a word of the table, a value's
decimals, the mark of what a value rests on).

Its own module as what a person reads of a difference is made here, apart from finding the
difference (differences.py, factdiff.py, gatewaydiff.py, which all use it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from processes.diff.diffwords import (
    WORDS,
    Clause,
    Said,
    Wording,
    clause,
    decimal_commas,
    joined,
    said_in,
    sentence,
)
from processes.diff.result import Difference
from processes.params import DELEGATION_LEVELS

__all__ = [
    "ATTRIBUTE_KEY",
    "FLOW_KEYS",
    "decides_words",
    "decides_wording",
    "level_words",
    "parameter_message",
    "parameter_wording",
    "marked",
    "with_wording",
    "word",
]


def parameter_wording(name: Said, key: str, va: str, vb: str, basis_a: str, basis_b: str, *,
                      flows: tuple[Mapping[str, Said], ...] | None = None) -> Wording:
    """The words of a profile parameter's difference (``name``: the step, quoted): its values as each language
    writes them (a decimal comma in Swedish). ``flows``: each model's flows in words (view.ModelView.flows):
    with them the words a person reads, a key that names a flow (``probabilities.Flow_Ja``) saying the flow by
    its words and a mark (``set``) yes or no in each language; without them the key as the profile writes it
    (the English message, as the JSON keeps it)."""
    person = flows is not None
    return (clause("parameter", step=name, key=_key_said(key, flows or (), person=True) if person else _key_said(key),
                   va=_value_said(key, va, person), vb=_value_said(key, vb, person), ma=marked(basis_a),
                   mb=marked(basis_b)),)


def _value_said(key: str, value: str, person: bool) -> Said:
    if not value:
        return word("not_set")
    if person and key.partition(".")[0] == ATTRIBUTE_KEY and value in ("yes", "no"):
        return word(value)  # a mark set true or false (flatten's "yes"/"no"): "ja"/"nej" in Swedish
    if key.rpartition(".")[2] == "dist" and "dist." + value in WORDS:
        return word("dist." + value)  # "logaritmiskt normal" in Swedish; English (and the JSON) the name
    return _number_words(value)


#: the parameters whose key's second part is a flow's id (or flows' ids joined by "+": an inclusive branch)
FLOW_KEYS = frozenset({"probabilities", "conditions"})


#: the parameter whose key's second part is a case attribute's name (the report's words say it: the output's)
ATTRIBUTE_KEY = "set"


def _key_said(key: str, flows: tuple[Mapping[str, Said], ...] = (), *, person: bool = False) -> Said:
    """A parameter's flattened key ("delay.mean") in (English, Swedish): English the key as it is (the JSON's
    message), Swedish each part in words where the table has them ("väntetid, medelvärde"); ``person``: English
    in words too ("delay, standard deviation": found by QA, qawalk, "duration.dist is lognormal" in the text). With
    ``flows`` (the models' flows in words), a flow's id in a branch's key in words ("probability of "Yes"",
    "sannolikhet för "Ja""); a case attribute's name (``set.tre_underkanda_prov``) is said by the output
    (diffwords.DiffWords.attribute)."""
    head, _, rest = key.partition(".")
    if flows and head in FLOW_KEYS and rest:
        said = [_flow_said(f, flows) for f in rest.split("+")]
        return _word_of("param_of." + head, joined(said, " + "))
    parts = key.split(".")
    sv = ", ".join(WORDS.get("param." + part, (part, part))[1] for part in parts)
    en = ", ".join(_ENGLISH_PARTS.get(part, part) for part in parts) if person and head != ATTRIBUTE_KEY else key
    return key if sv == key == en else (en, sv)


#: a parameter key's parts a person reads in English words (the rest are words already: duration, mean, value)
_ENGLISH_PARTS = {"dist": "distribution", "sd": "standard deviation", "low": "lowest", "high": "highest",
                  "mode": "most likely", "max": "most rounds"}


def _flow_said(flow: str, flows: tuple[Mapping[str, Said], ...]) -> Said:
    """A flow's id in words: the first model's words for it that has it, else its id."""
    return next((f[flow] for f in flows if flow in f), flow)


def _word_of(key: str, value: Said) -> Said:
    """``key``'s words (diffwords.WORDS: "{what}" in each language) around ``value``."""
    en, sv = (WORDS[key][i].format(what=said_in(value, lang)) for i, lang in enumerate(("en", "sv")))
    return en if en == sv else (en, sv)


def parameter_message(name: Said, key: str, va: str, vb: str, basis_a: str, basis_b: str) -> str:
    """The English words of a profile parameter's difference (``name``: the step, quoted)."""
    return sentence(parameter_wording(name, key, va, vb, basis_a, basis_b), "en")


def with_wording(d: Difference, *wording: Clause) -> Difference:
    """``d`` with its ``wording`` and the English message made from it."""
    return replace(d, message=sentence(wording, "en"), wording=wording)


def word(key: str) -> tuple[str, str]:
    """A word of the diff's table (diffwords.WORDS) in (English, Swedish)."""
    return WORDS[key]


def _number_words(value: str) -> Said:
    """A value as each language writes its decimals ("1.5h", "1,5h")."""
    sv = decimal_commas(value)
    return value if sv == value else (value, sv)


def level_words(key: str, value: str) -> str:
    """A delegation level as words ("working committee"), as the profile's fact says it, not its code name
    ``working_committee``; any other value as it is.

    >>> level_words("delegation", "working_committee"), level_words("delegation.approve", "chair")
    ('working committee', 'chair')
    """
    return value.replace("_", " ") if key.split(".", 1)[0] == "delegation" and value in DELEGATION_LEVELS else value


#: the delegation levels whose words in English name several people ("the case officers": they "decide")
_DECIDE_MANY = frozenset({"officer"})


def decides_words(key: str, level: str, who: str, lang: str) -> str:
    """Who decides at a decision step, as a clause in ``lang``: ``key`` the parameter (``delegation``, or
    ``delegation.grant``/``delegation.refusal``: a level per outcome), ``level`` its value as the profile or
    :func:`level_words` writes it (empty: not set), ``who`` that level in the output's words.

    >>> decides_words("delegation", "committee", "the committee", "en"), decides_words("delegation", "", "", "sv")
    ('the committee decides', 'vem som beslutar är inte angivet')
    >>> decides_words("delegation.grant", "officer", "the case officers", "en")
    'the case officers grant permits'
    >>> decides_words("delegation.refusal", "working committee", "arbetsutskottet", "sv")
    'arbetsutskottet avslår ansökningar'
    """
    outcome = key.partition(".")[2]
    head = f"decides.{outcome}" if f"decides.{outcome}" in WORDS else "decides"
    if not level:
        return said_in(WORDS[head + ".not_set"], lang)
    many = "_many" if level.replace(" ", "_") in _DECIDE_MANY else ""
    return said_in(WORDS[head + many], lang).format(who=who)


def decides_wording(d: Difference, wording: Wording, lang: str) -> Wording:
    """A decision level's difference ``d`` (``profile.delegation``, ``profile.delegation.grant`` ...) said as who
    decides in each model (:func:`decides_words`), from its ``wording`` with the levels in ``lang``'s words
    ("the committee")."""
    said = dict(wording[0][1])
    key = d.attribute.removeprefix("profile.")
    return (clause("delegation", step=said["step"], ma=said["ma"], mb=said["mb"],
                   va=decides_words(key, d.a_value, said_in(said["va"], lang), lang),
                   vb=decides_words(key, d.b_value, said_in(said["vb"], lang), lang)),)


def marked(basis: str) -> Said:
    return (f" [{basis}]", f" [{WORDS[basis][1]}]") if basis else ""
