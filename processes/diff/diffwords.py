"""The diff's words in English and Swedish, one table: its difference messages (:data:`MESSAGES`) and the
words around them in the text, Markdown and HTML outputs (:data:`WORDS`). The table itself is data in
wordtable.py; this module says messages and words from it and keeps both names importable from here.

A difference is made with its *wording* (:func:`clause`: a message key of :data:`MESSAGES` and the values it
names) beside its English message (``Difference.message``, what the JSON and the English outputs write, made
from the same table by :func:`sentence`), so the Swedish text is said from the same facts, not patched from
the English sentence (as processes/rulewords.py does for the profile rules). A value is text alike in both
languages (a quoted step name, a code) or a pair ``(english, swedish)``. ``{A}`` and ``{B}`` in a message are
the two models: "A" and "B" in the message as made (the outputs put the models' names there, nway.name_sides),
"Åstorps modell" and "Landskronas modell" in Swedish (:func:`side_words`).

>>> words = (clause("only_in_a", step='"Diarieföring"'),)
>>> sentence(words, "en"), sentence(words, "sv", ("Åstorps modell", "Landskronas modell"))
('"Diarieföring" is only in A.', 'Steget "Diarieföring" finns bara i Åstorps modell.')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from processes.diff.wordtable import MESSAGES, WORDS
from processes.numbers import machine, number
from processes.wording import short_names

__all__ = [
    "LANGUAGES", "MESSAGES", "WORDS", "Said", "Clause", "Wording", "DiffWords", "clause", "sentence", "word",
    "said_in", "joined", "side_words", "genitive", "decimal_commas", "ENGLISH", "display_name",
    "unnamed_what", "loop_words",
]

LANGUAGES = ("en", "sv")


def _identity(text: str) -> str:
    return text


#: a value said in each language: text alike in both, or (english, swedish)
Said = str | tuple[str, str]
#: one clause of a message: its key in :data:`MESSAGES` and the values it names
Clause = tuple[str, tuple[tuple[str, Said], ...]]
#: a message: its clauses, joined by "; " and ended by a full stop
Wording = tuple[Clause, ...]


def word(key: str, lang: str, **values: object) -> str:
    """The word or words of ``key`` (:data:`WORDS`) in ``lang``, with ``values`` in their places."""
    text = WORDS[key][lang == "sv"]
    return text.format(**values) if values else text


def said_in(value: Said, lang: str) -> str:
    return value if isinstance(value, str) else value[lang == "sv"]


def joined(values: Iterable[Said], between: str) -> Said:
    """``values`` joined by ``between``: one text when each is one, else (English, Swedish)."""
    values = list(values)
    en, sv = (between.join(said_in(v, lang) for v in values) for lang in LANGUAGES)
    return en if en == sv else (en, sv)


def clause(message: str, /, **values: Said) -> Clause:
    """One clause of a message: ``message`` (a key of :data:`MESSAGES`) and its ``values``."""
    return message, tuple(values.items())


def sentence(wording: Wording, lang: str, sides: tuple[str, str] = ("A", "B")) -> str:
    """``wording`` in ``lang``: its clauses joined by "; ", a full stop at the end; ``sides``: what stands for
    the models (``{A}``, ``{B}``)."""
    parts = [MESSAGES[key][lang == "sv"].format(A=sides[0], B=sides[1],
                                                **{k: said_in(v, lang) for k, v in values})
             for key, values in wording]
    return "; ".join(parts) + "."


def genitive(name: str) -> str:
    """A Swedish name in the genitive: an -s, none after s, x or z.

    >>> genitive("Åstorp"), genitive("Landskrona"), genitive("Höganäs")
    ('Åstorps', 'Landskronas', 'Höganäs')
    """
    return name if name[-1:].lower() in ("s", "x", "z") else name + "s"


_WORD_NAME = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")


def side_words(name: str, lang: str, *, town: bool = True) -> str:
    """A model as a Swedish message names it after "i": a municipality's name (``town``) as "Åstorps modell",
    any other name (a file's, "a.bpmn") as "modellen a.bpmn"; in English the name itself.

    >>> side_words("Åstorp", "sv"), side_words("kommun_a", "sv"), side_words("a", "sv", town=False)
    ('Åstorps modell', 'modellen kommun_a', 'modellen a')
    """
    if lang != "sv":
        return name
    return f"{genitive(name)} modell" if town and _WORD_NAME.fullmatch(name) else f"modellen {name}"


_DECIMAL = re.compile(r"(?<![\w.,])(\d+)\.(\d+)(?![\w.,]*\d\.)")


def decimal_commas(text: str) -> str:
    """``text`` with its decimal numbers ("21.12d", "0.5") written with a decimal comma, as Swedish does.

    >>> decimal_commas("21.12d, 1.5h"), decimal_commas("gamma")
    ('21,12d, 1,5h', 'gamma')
    """
    return _DECIMAL.sub(lambda m: machine(m.group(0), "sv"), text)


@dataclass(frozen=True, slots=True)
class DiffWords:
    """The language an output of the diff is written in, and how it names things in it.

    ``names``: a model's name (as compared) -> how that language names it (a municipality's name from its
    profile, "Åstorp" for ``astorp``); ``facts``: a fact's key -> its name in that language; ``fact_value``:
    a fact's text (:func:`differences.fact_text`) in that language's words. The outputs' defaults are English
    with the names as given (the outputs as they were before Swedish was added)."""

    lang: str = "en"
    names: Mapping[str, str] = field(default_factory=dict)
    facts: Mapping[str, str] = field(default_factory=dict)
    fact_value: Callable[[str], str] = _identity
    #: a decision level as a profile's parameter says it ("working committee") in that language
    #: ("arbetsutskottet")
    level: Callable[[str], str] = _identity
    #: a kind of variation point (nway.Variation.kind) -> its name in that language; the code name without one
    variation_kinds: Mapping[str, str] = field(default_factory=dict)
    #: a variation point of an N-way comparison (nway.Variation) as a sentence in that language, the models
    #: named as the mapping given says (process name -> name), or None (then its English message): the
    #: report's sentences (report/variationwords.py), which the command line passes
    variation: Callable[[Any, Mapping[str, str]], str | None] | None = None
    #: a model's name -> a fact's key -> its text in that language (differences.fact_text: as the profile's
    #: ``names:`` say it); an N-way comparison's facts table, whose values are the English texts, shows these
    fact_texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: a case attribute's name (``tre_underkanda_prov``, what a step's ``set:`` marks) in that language's words
    #: (the report's: "three knowledge tests failed"); without them its name, underscores as spaces
    attribute: Callable[[str], str] = field(default=lambda name: name.replace("_", " "))
    #: a branch's condition (``hinder == 'kvarstar'``) in that language's words (the report's: "when a ground
    #: against the applicant: remains"); without them as written
    condition: Callable[[str], str] = _identity
    #: a model's name -> an unnamed step's id -> what it is in that language's words (the report's: "timer after
    #: 14 days in "Invänta komplettering""); without them the step is named by what it is and its id
    unnamed: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: a model's name -> the id of a step whose name another of its steps has too -> its name and place
    #: ("Update Remaining Vacation (after “Vacation Approved Automatically”)", unnamedwords.twin_words), so
    #: that the lines of a diff do not name the two alike; without them its name
    twins: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: the models :meth:`shortly` names by a short name ("Nationell referens"): no municipality's, no genitive
    shortened: frozenset[str] = frozenset()

    def name(self, model: str) -> str:
        return self.names.get(model, model)

    def side(self, model: str) -> str:
        """``model`` as a line names it after "in" / "i": its name, or in Swedish its municipality's in the
        genitive ("Åstorps modell") when its profile names one, else "modellen a" (a file's name takes no
        genitive, nor a name :meth:`shortly` shortened: "modellen Nationell referens")."""
        town = model in self.names and model not in self.shortened
        return side_words(self.name(model), self.lang, town=town)

    def shortly(self, models: Iterable[str]) -> DiffWords:
        """These words naming ``models`` by their short names (:func:`processes.wording.short_names`:
        "Nationell referens", not the laws its whole name cites; two that would read alike, "Helsingborg
        (2023)" and "Helsingborg (2024)", whole). The rule of every output of diff and compare: a model is
        named whole where it is first named (the head line, the title, the diagrams' headings), short in every
        line below it."""
        short = short_names({m: self.name(m) for m in models})
        cut = {m: said for m, said in short.items() if said != self.name(m)}
        return replace(self, names={**self.names, **cut}, shortened=self.shortened | frozenset(cut))

    def word(self, key: str, **values: object) -> str:
        return word(key, self.lang, **values)

    def label(self, model: str, steps: Mapping[str, Any], ids: Iterable[str]) -> str:
        """The steps ``ids`` of ``model`` (``steps``: its view's, id -> view.Step) by name, joined by " + ": an
        unnamed one by the words :attr:`unnamed` gives it, else by what it is and its id (view.display_name); one
        whose name another step has too by its name and place (:attr:`twins`)."""
        said = {**self.twins.get(model, {}), **self.unnamed.get(model, {})}
        # a name's line breaks as one space ("Invoice&#xD;&#xA;received" read "Invoice  received": found by QA,
        # qaproc), as the models' labels are looked up for their language (difflanguage.label_languages)
        return " + ".join(said.get(i) or " ".join(display_name(steps[i], self.lang).split())
                          for i in ids if i in steps)

    def number(self, value: float, digits: int) -> str:
        """``value`` to ``digits`` decimals as the language writes it (``0.45``, ``0,45``)."""
        return f"{value:.{digits}f}" if self.lang == "en" else number(value, "sv", digits)

    def counted(self, n: int, key: str) -> str:
        return f"{n} {self.word(key + ('_one' if n == 1 else '_many'))}"

    def value(self, attribute: str, text: str) -> str:
        """A difference's value (``text``, of ``attribute``: a fact's name, ``profile.<key>``) in this
        language's words: a fact's text in the words of facts, a decision level (``profile.delegation``) in
        words (English too: "11,700 kronor", not the code's "11700 kr")."""
        if not text:
            return text
        if not attribute.startswith("profile."):
            return self.fact_value(text)
        return self.level(text) if attribute.split(".")[1] == "delegation" else text

    def fact_name(self, fact: str) -> str:
        return self.facts.get(fact) or fact.replace("_", " ")


#: English, the models named as given: what the outputs write without a language
ENGLISH = DiffWords()


def wording_values(wording: Wording) -> dict[str, Any]:
    """The values of a message's first clause by name (what an output shows beside the message)."""
    return dict(wording[0][1]) if wording else {}


_EVENT_WORDS = {"start": "start event", "end": "end event", "boundary": "boundary event"}


def display_name(step: Any, lang: str = "en") -> str:
    """The step's name, or for an unnamed step what it is and its id
    ("unnamed end event Event_1voaxze"; in Swedish, ``lang`` "sv", "namnlös sluthändelse Event_1voaxze"). ``step``:
    a :class:`processes.diff.view.Step` (its name, kind, detail and id; here, not in view, which reads this table:
    :meth:`DiffWords.label` names steps by it)."""
    if step.name:
        return step.name
    return word("unnamed", lang, what=unnamed_what(step, lang), id=step.id)


def unnamed_what(step: Any, lang: str = "en") -> str:
    """What an unnamed step is, in ``lang``'s words ("end event", "sluthändelse"): its kind, an event by
    its position."""
    if step.kind == "event":
        what = _EVENT_WORDS.get(step.detail.split(":")[0], "intermediate event")
    else:
        what = {"subProcess": "subprocess", "callActivity": "call activity"}.get(step.kind, step.kind)
    return word("unnamed." + what, lang)


def loop_words(loop: str) -> Said:
    """A step's loop marker (view.Step.loop: "", ``standard``, ``standard max 3``, ``multi-instance parallel``)
    in (English, Swedish) words: "repeated at most 3 times (loop)", "upprepas högst 3 gånger (loop)"; none as
    "none" (found by QA, qaproc: the text said "loop marker standard in A, standard max 2 in B")."""
    if not loop:
        return WORDS["none"]
    kind, _, most = loop.partition(" max ")
    said = WORDS.get("loop." + kind, (loop, loop))
    if most:
        said = WORDS["loop.standard max"] if kind == "standard" else said
        return said[0].format(n=most), said[1].format(n=most)
    return said
