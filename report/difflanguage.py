"""The languages of a diff's and a comparison's pages: the one they write in (:func:`output_language`),
their words in it (:func:`diff_words`), and the models' own labels marked with the language each
model names its steps in (a ``<span lang>``: a Swedish model's step on the English page is read with
Swedish sounds).

Its own module: ``permitflow diff`` and ``compare`` choose the language before any page is drawn, and
both pages (:mod:`report.diff_html`) mark the models' labels alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from bpmn_io.profile import shown_name
from processes.diff import profile_inputs
from processes.diff.differences import fact_text
from processes.diff.diffwords import DiffWords
from processes.diff.result import Difference
from processes.diff.unnamedwords import placed_words, twin_words
from processes.diff.view import build_view
from processes.labellanguage import shows_swedish
from processes.model import Definitions
from processes.shownnames import in_language as names_in
from processes.wording import told_apart
from report.comparisonwords import fact_en, fact_sv
from report.stepwords import unnamed_words
from report.templating import labels_language
from report.variationwords import variation_words
from report.words import attribute_words, labels, word

__all__ = ["output_language", "diff_words", "facts_in_languages", "in_language", "label_languages",
           "placed_in_language", "sided_in_language", "twins_in"]


def output_language(choice: str, models: Sequence[Definitions]) -> str:
    """The language a diff or comparison writes its words in: ``choice`` ("sv", "en"), or for "auto" the
    language the models name their steps in (Swedish when every model that names steps shows its names Swedish:
    :func:`processes.labellanguage.shows_swedish`, ties not counted, so a German model's diff is English),
    English otherwise."""
    if choice != "auto":
        return choice
    named = [labels for labels in ([n.name for p in defs.processes for n in p.nodes.values() if n.name]
                                   for defs in models) if labels]
    return "sv" if named and all(shows_swedish(labels) for labels in named) else "en"


def diff_words(lang: str, profiles: Mapping[str, Any] | None = None,
               models: Mapping[str, Definitions] | None = None) -> DiffWords:
    """How a diff's outputs say things in ``lang``: each model by the name its profile gives it in that
    language (``profiles``: the name as compared -> its raw profile, or None; "Åstorp" for ``astorp``), the
    facts and kinds of variation by the report's names for them, a fact's value in the report's words (a
    decimal comma, "okänt"; "11,700 kronor", a list without brackets), a decision level in words, a variation
    point in the report's sentence; English and Swedish alike."""
    from report.assumptions import condition_words  # the assumptions table's modules: only for a diff's text

    attribute, condition = partial(attribute_words, lang=lang), partial(condition_words, lang=lang)
    # an unnamed timer by what it is ("timer after 14 days in "Invänta komplettering""), any other unnamed step by
    # its place ("unnamed end event after "Archive original"", found by QA, qaproc), not its id
    unnamed = {n: {**placed_words(build_view(defs), defs, lang),
                   **unnamed_words(defs, profile_inputs((profiles or {}).get(n))[1], lang, drawn=True)}
               for n, defs in (models or {}).items()}
    # two models one profile names alike (one --model fitted to two logs) told apart by what they are
    # compared as; a profile that names no municipality (test data, a first draft) names the model by its file
    # ("i modellen a", found by QA, qawalk: it said "i as modell")
    names = told_apart({n: said for n, raw in (profiles or {}).items()
                        if raw and (said := shown_name(raw, lang, ""))})
    table = labels()
    facts = {n: {k: fact_text(f, lang) for k, f in profile_inputs(raw)[0].items()}
             for n, raw in (profiles or {}).items() if raw}
    # the models, facts and levels in English by the same tables as in Swedish (found by QA: the English pages
    # said "e service", "staff fte", "[Polisen, Skatteverket]", "weeks: [7, 10]; clock: unknown", "helsingborg")
    english = lang == "en"
    return DiffWords(
        lang, names, {k: str(v[lang]) for k, v in table["facts"].items()}, fact_en if english else fact_sv,
        lambda level: word(level, lang),
        # the text and Markdown comparisons' variation points in the report's words and sentences, as the
        # HTML page says them (report.comparisonwords), English as Swedish (found by QA, qacomptext:
        # "[control_flow]")
        {k: str(v[lang]) for k, v in table["variations"].items()}, partial(variation_words, lang=lang),
        facts, attribute, condition, unnamed,
        twins_in(models or {}, lang))


def twins_in(models: Mapping[str, Definitions], lang: str, *,
             named: bool = False) -> dict[str, dict[str, str]]:
    """Model -> the id of a step whose name another of its steps has too -> its name and place in ``lang``
    (unnamedwords.twin_words: "Granska ansökan (after “Ta emot”)", "... (in “Tillståndsenheten”)", "...
    (second of two)"), as :attr:`DiffWords.twins` holds them: the names as drawn, or (``named``) the names
    each model gives its elements in ``lang``, as the report's bilingual section says its steps."""
    out = {}
    for n, defs in models.items():
        said = names_in(defs, lang) if named else defs
        out[n] = twin_words(build_view(said), said, lang)
    return out


def facts_in_languages(profiles: Mapping[str, Any]) -> dict[str, dict[str, dict[str, str]]]:
    """Each model's facts (``profiles``: the name as compared -> its raw profile, or None) in each language, as
    the profile's ``names:`` say their values: a comparison's page tells a value as written (the same in both)
    from words of one language (found by QA, qaleft: the English page marked "municipality-specific" Swedish)."""
    return {n: {k: {lang: fact_text(f, lang) for lang in ("en", "sv")} for k, f in profile_inputs(raw)[0].items()}
            for n, raw in profiles.items() if raw}


def label_languages(models: Sequence[Definitions]) -> dict[str, str]:
    """A step's, lane's or pool's label as the diff says it (its name, spaces collapsed) -> the language its
    model names its steps in; a label two models name in different languages, the first's (found by QA: a
    performer, a lane's name, was read with English sounds; a pool's, quoted where it tells two steps apart,
    "(in “X”)", too). Looked up whole (a label, a quote), never inside a sentence: a pool named as its
    municipality stays unmarked where a sentence names the municipality."""
    out: dict[str, str] = {}
    for defs in models:
        lang = labels_language(defs)
        elements: list[Any] = [*defs.participants(), *defs.processes]
        elements += [n for p in defs.processes for n in [*p.nodes.values(), *p.lanes()]]
        for name in (" ".join(e.name.split()) for e in elements if e.name):
            out.setdefault(name, lang or "")
    return out


def sided_in_language(d: Difference, message: str, lang_a: str | None, lang_b: str | None,
                      languages: Mapping[str, str], said: tuple[str | None, str | None] = (None, None),
                      marked: Callable[[str], Markup] = escape) -> Markup:
    """A fact's or performer's difference as HTML: A's value (a fee, an e-service, a deciding body, a lane's name)
    in a ``<span>`` of A's model's language, B's in B's, the rest as :func:`_quoting_in_language` writes it.
    ``said``: each side's fact as the page's words say it (:attr:`DiffWords.fact_texts`), or None; a value they
    say as it is written is the page's own words, unmarked (found by QA: the English page marked "unknown" and
    "yes" Swedish once its facts were said in English words; "Social services committee (Socialnämnden)" quotes
    the value, marked). ``marked``: any other text as HTML, the models' labels in it marked
    (:meth:`report.namemarks.NameMarks.html`: an unnamed timer's "timer after 2 weeks in “Invänta komplettering”").

    >>> d = Difference("fact", (), (), "fee", "11700 kr", "Ingen", "fee: 11700 kr in A, Ingen in B.")
    >>> sided_in_language(d, d.message, "en", "sv", {})
    Markup('fee: <span lang="en">11700 kr</span> in A, <span lang="sv">Ingen</span> in B.')
    """
    if d.kind != "fact" and d.attribute != "performer":
        return _quoting_in_language(message, languages, marked)
    out, end = [], 0
    for value, lang, words in ((d.a_value, lang_a, said[0]), (d.b_value, lang_b, said[1])):
        at = message.find(value, end) if value and lang and words != value else -1
        if at < 0:
            continue
        out += [_quoting_in_language(message[end:at], languages, marked),
                Markup('<span lang="%s">%s</span>') % (lang, value)]
        end = at + len(value)
    return Markup("").join([*out, _quoting_in_language(message[end:], languages, marked)])


def in_language(label: str, languages: Mapping[str, str]) -> Markup:
    """``label`` as HTML, in a ``<span>`` of its model's language when it is a model's label.

    >>> in_language("Diarieför ansökan", {"Diarieför ansökan": "sv"}), in_language("a<b", {})
    (Markup('<span lang="sv">Diarieför ansökan</span>'), Markup('a&lt;b'))
    """
    lang = languages.get(label)
    return Markup(f'<span lang="{lang}">{escape(label)}</span>') if lang else escape(label)


def placed_in_language(text: str, name: str, languages: Mapping[str, str],
                       marked: Callable[[str], Markup] = escape) -> Markup:
    """``text`` as HTML: a step's name with its place after it ("Meddela sökanden (after “Utred ärendet”)",
    unnamedwords.twin_words; ``name``: the step's name, one line) with the name in a ``<span>`` of its model's
    language (:func:`in_language`) and the rest as ``marked`` writes it; any other text as :func:`in_language`
    marks a label whole, else as ``marked`` (found by QA, qavariation: the lookup by the whole text left the name
    part of an English page's Swedish twin unmarked where only the whole label is looked up).

    >>> placed_in_language("Besluta (efter “X”)", "Besluta", {"Besluta": "sv"})
    Markup('<span lang="sv">Besluta</span> (efter “X”)')
    """
    if text in languages:
        return in_language(text, languages)
    if name and text.startswith(name + " (") and languages.get(name):
        return in_language(name, languages) + marked(text[len(name):])
    return marked(text)


def _quoting_in_language(message: str, languages: Mapping[str, str],
                         marked: Callable[[str], Markup] = escape) -> Markup:
    """``message`` as HTML, each model's label it quotes ("…") in its model's language (:func:`in_language`), the
    rest as ``marked`` writes it.

    >>> _quoting_in_language('In a, "Besluta" runs before "x".', {"Besluta": "sv"})
    Markup('In a, &#34;<span lang="sv">Besluta</span>&#34; runs before &#34;x&#34;.')
    """
    parts = re.split(r'"([^"]+)"', message)
    return Markup("").join(marked(part) if k % 2 == 0 else Markup('&#34;%s&#34;') % (
        in_language(part, languages) if part in languages else marked(part)) for k, part in enumerate(parts))
