"""A model's names inside the report's sentences, each in the language its model names its elements in.

An English sentence of the report that names a step of a model named in Swedish only ("days waiting at:
Beslut i nämnd") is read by a screen reader with English sounds unless the name says it is Swedish, and
the mirror case alike (a Swedish sentence naming a step of an English model). :class:`NameMarks` knows,
per process and per language of a page, the names that page shows in another language: a step's, branch's
or lane's drawn name where the model gives none in the page's language
(:func:`processes.shownnames.name_in`), in the language the model names its elements in
(:func:`report.templating.labels_language`, as the diff page decides it). :meth:`NameMarks.html` writes a
sentence as HTML with each such name in a ``<span lang="…">``.

Kept cheap: the report writes some thousands of figure rows, the same few hundred sentences again and
again, so each sentence is marked once (a cache), and a process without such names costs one escape.

>>> from processes.model import Definitions, FrozenMap, Process, Task
>>> task = Task(id="T", name="Beslut i nämnd")
>>> marks = NameMarks.of({"mini": Definitions(processes=(Process(id="P", nodes=FrozenMap({"T": task})),))})
>>> marks.html("days waiting at: Beslut i nämnd", "en", ("mini",))
Markup('days waiting at: <span lang="sv">Beslut i nämnd</span>')
>>> marks.html("dagar i väntan vid: Beslut i nämnd", "sv", ("mini",)), marks.html("a<b", "en", ("other",))
(Markup('dagar i väntan vid: Beslut i nämnd'), Markup('a&lt;b'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from processes.model import Definitions
from processes.shownnames import LANGUAGES, name_in
from report.templating import labels_language

__all__ = ["NameMarks"]


def _foreign(defs: Definitions, drawn_shown: bool = False, *,
             pools: bool = False) -> dict[str, dict[str, str]]:
    """Page language -> a name ``defs`` shows on that page in its own language instead -> that language;
    ``drawn_shown``: a page that shows every name as drawn (a diff's or a comparison's page in one language);
    ``pools``: the names of its pools and processes instead of its steps', branches' and lanes'."""
    lang = labels_language(defs)
    if lang is None:
        return {}
    elements: list[Any] = []
    if pools:
        elements += [*defs.participants(), *defs.processes]
    else:  # not a pool's name: the municipality's, which the sentences name as its profile does
        for p in defs.processes:
            elements += [*p.nodes.values(), *p.flows.values(), *p.lanes()]
    out: dict[str, dict[str, str]] = {}
    for e in elements:
        drawn = " ".join((e.name or "").split())
        if not re.search(r"[^\W\d_]", drawn):
            continue  # no letter: "1", "–", nothing a voice reads as a language
        for page in LANGUAGES:
            if page != lang and (drawn_shown or " ".join(name_in(e, page).split()) == drawn):
                out.setdefault(page, {})[drawn] = lang
    return out


def _longest_first(names: Iterable[str]) -> str:
    """``names`` as alternatives of a pattern, the longest first ("Beslut i nämnd" before "Beslut")."""
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


@dataclass(frozen=True)
class NameMarks:
    """Per process, per page language: the names that page shows in another language (name -> its language).
    Made with :meth:`of`; ``_patterns`` and ``_said`` are caches."""

    foreign: Mapping[str, Mapping[str, Mapping[str, str]]]
    #: the same for the names of pools (and processes), marked only where a place quotes one: "(in
    #: “Tillståndsenheten”)" (unnamedwords: two steps told apart by their pool), not a municipality's name
    #: in a sentence
    pools: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    _patterns: dict[tuple[str, tuple[str, ...]], tuple[re.Pattern[str] | None, dict[str, str]]] = field(
        default_factory=dict, compare=False, repr=False)
    _said: dict[tuple[str, str, tuple[str, ...]], Markup] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, parsed: Mapping[str, Definitions | Exception], *, drawn: bool = False) -> NameMarks:
        """The marks of the processes ``parsed`` (name -> its model; a model that did not parse has none);
        ``drawn``: for a page that quotes every name as drawn, whatever names a model gives in the page's
        language (a diff's or a comparison's page in one language: found by QA, qaleft, "timer after 2 weeks in
        “Invänta komplettering”" read with English sounds).

        >>> from processes.model import Definitions, FrozenMap, Process, Task
        >>> task = Task(id="T", name="Beslut i nämnd", names=FrozenMap({"en": "Decide in committee"}))
        >>> model = {"mini": Definitions(processes=(Process(id="P", nodes=FrozenMap({"T": task})),))}
        >>> NameMarks.of(model).html("in “Beslut i nämnd”", "en", ("mini",))
        Markup('in “Beslut i nämnd”')
        >>> NameMarks.of(model, drawn=True).html("in “Beslut i nämnd”", "en", ("mini",))
        Markup('in “<span lang="sv">Beslut i nämnd</span>”')
        """
        models = {member: defs for member, defs in parsed.items() if isinstance(defs, Definitions)}
        return cls({member: _foreign(defs, drawn) for member, defs in models.items()},
                   {member: _foreign(defs, drawn, pools=True) for member, defs in models.items()})

    def _pattern(self, lang: str, members: tuple[str, ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        key = (lang, members)
        found = self._patterns.get(key)
        if found is None:
            names: dict[str, str] = {}
            pools: dict[str, str] = {}
            for member in members:
                for table, into in ((self.foreign, names), (self.pools, pools)):
                    for name, said in (table.get(member) or {}).get(lang, {}).items():
                        into.setdefault(name, said)
            # a name is a whole word or words of the text, a pool's only between a place's quotes (“…” in
            # English, ”…” in Swedish)
            either = [*([rf"(?<!\w)(?:{_longest_first(names)})(?!\w)"] if names else []),
                      *([rf"(?<=[“”])(?:{_longest_first(pools)})(?=”)"] if pools else [])]
            found = (re.compile("|".join(either)) if either else None, {**pools, **names})
            self._patterns[key] = found
        return found

    def html(self, text: str, lang: str, members: Iterable[str]) -> Markup:
        """``text``, a sentence of a page in ``lang`` about the processes ``members``, as HTML: escaped, each
        of their names it holds that is in another language in a ``<span lang="…">`` of that language."""
        key = (text, lang, tuple(members))
        said = self._said.get(key)
        if said is None:
            pattern, names = self._pattern(lang, key[2])
            if pattern is None:
                said = escape(text)
            else:
                parts, end = [], 0
                for found in pattern.finditer(text):
                    parts += [escape(text[end:found.start()]),
                              Markup('<span lang="%s">%s</span>') % (names[found.group(0)], found.group(0))]
                    end = found.end()
                said = Markup("").join([*parts, escape(text[end:])])
            self._said[key] = said
        return said

    def both(self, words: Mapping[str, str], members: Iterable[str]) -> dict[str, Markup]:
        """``words`` (language -> a sentence) with :meth:`html` of each."""
        members = tuple(members)
        return {lang: self.html(text, lang, members) for lang, text in words.items()}
