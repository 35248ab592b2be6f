"""What an N-way comparison's page says in each language: the municipalities by name, the measures,
kinds of variation and facts in the report's words (a fee in kronor as each language writes it, a
range of weeks as one), the steps of the common core by the names the models give them, with what the
person decided about them, and each variation point as the report's own sentence.

Its own module: the words are made before the page is drawn, and a pairwise diff's words
(:func:`report.difflanguage.diff_words`) write a fact's value the same Swedish way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from markupsafe import Markup, escape

from bpmn_io.library_facts import swedish_words
from processes.diff.diffwords import DiffWords
from processes.diff.formats import twins_told_apart
from processes.diff.nway import StepCluster, Variation
from processes.diff.unnamedwords import placed_words
from processes.diff.view import build_view
from processes.model import Definitions, FrozenMap
from processes.shownnames import name_in
from processes.wording import listed, quoted
from report.numbers import machine
from report.stepwords import unnamed_words
from report.variationwords import variation_words
from report.words import LANGUAGES, labels

#: the words :mod:`report.diff_html` and :mod:`report.difflanguage` put on the comparison page
__all__ = ["core_words", "decided", "fact_sv", "labels_by_language", "originals_marked", "ranged", "unlisted",
           "comparison_words"]


def _said(table: str, key: str, lang: str) -> str:
    entry = labels()[table].get(key)
    return str(entry[lang]) if entry else key.replace("_", " ")


def _named(text: str, names: Mapping[str, str]) -> str:
    """``text`` with each process name (a word of its own) replaced by its municipality's name."""
    for name, display in names.items():
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", display, text)
    return text


def fact_sv(text: str) -> str:
    """A fact's text (:func:`processes.diff.differences.fact_text`) with its English words in Swedish.

    An amount in kronor is written the Swedish way, its thousands grouped and a space that does not
    break before ``kr``.

    >>> fact_sv("11700 kr (year: 2017)"), fact_sv("3600 kr/år"), fact_sv("unknown")
    ('11\xa0700\xa0kr (år: 2017)', '3\xa0600\xa0kr/år', 'okänt')

    A list is its items without the code's brackets, a range of weeks (``[7, 10]``) written as one, 7–10.

    >>> fact_sv("5,7 veckor (weeks: 5.7–17.4)"), fact_sv("x (weeks: [5.7, 17.4])")
    ('5,7 veckor (veckor: 5,7–17,4)', 'x (veckor: 5,7–17,4)')
    >>> fact_sv("[Polisen, Skatteverket]")
    'Polisen, Skatteverket'
    """
    text = swedish_words(text)
    text = re.sub(r"(?<![\w.,])(\d+)\.(\d+)(?![\w.]|,\d)", r"\1,\2", text)  # a decimal comma: "5,7–17,4"
    text = re.sub(r"\[(\d+(?:,\d+)?), (\d+(?:,\d+)?)\]", "\\1\u2013\\2", text)
    text = re.sub(r"^\[(.*)\]$", r"\1", text)
    return re.sub(r"(?<![\w.,])(\d+(?:\.\d+)?) kr\b", lambda m: f"{machine(m.group(1), 'sv')}\u00a0kr", text)


#: a fact's field names (:func:`processes.diff.differences.fact_text`) that are no words a reader uses, in English
_FACT_EN = {"clock": "counted from"}


def fact_en(text: str) -> str:
    """A fact's text in the report's English: "counted from", not the field name "clock", a list without the
    code's brackets, a range of weeks written as one (:func:`ranged`), and an amount in
    kronor with its thousands grouped as English writes them, and the word "kronor", not Swedish "kr" (found by QA:
    "11700 kr", "clock: unknown").

    >>> fact_en("11700 kr (year: 2017)"), fact_en("cirka 2 månader (weeks: 7–10; clock: unknown)")
    ('11,700 kronor (year: 2017)', 'cirka 2 månader (weeks: 7–10; counted from: unknown)')
    >>> fact_en("3600 kr/year (year: 2017)"), fact_en("1,000–6,000 kr a year"), fact_en("1,160 kr/h")
    ('3,600 kronor a year (year: 2017)', '1,000–6,000 kronor a year', '1,160 kr/h')
    >>> fact_en("[Polisen, Skatteverket]"), fact_en("x (weeks: [6, 12])")
    ('Polisen, Skatteverket', 'x (weeks: 6–12)')
    """
    text = ranged(unlisted(text))
    for field, said in _FACT_EN.items():
        text = re.sub(rf"(?<![\w-]){re.escape(field)}(?=: )", said, text)
    return re.sub(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?) kr(/year)?\b(?!/)",  # a rate (kr/h) stays
                  lambda m: f"{machine(m.group(1).replace(',', ''), 'en')} kronor{' a year' if m.group(2) else ''}",
                  text)


def core_words(cluster: StepCluster, models: Mapping[str, Definitions],
               labels: Mapping[str, Mapping[str, str]] | None = None, *,
               drawn: bool = True, elements: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, str]:
    """A step of the common core in each language: its label (``labels``: language -> drawn label -> the name
    the models give it in that language, :func:`labels_by_language`), or, when no model names it (the label is
    then the pairwise diff's "unnamed boundary event Timer_Paminnelse"), what it is, "bevakning efter 2 veckor i
    ”Invänta komplettering”", the step it sits on as drawn (``drawn``: a page in one language, which quotes
    every label as drawn), else by its name in each language (the report's bilingual section). ``elements``:
    model name -> its profile's element parameters (:func:`processes.diff.profile_inputs`), whose fixed delay
    of the timer is its length, as the diff's text says it; without them the BPMN's ("14 dagar")."""
    unnamed = cluster.label.rsplit(" ", 1)[-1] if cluster.label.startswith("unnamed ") else ""
    for model, ids in cluster.members.items():
        defs = models.get(model)
        if unnamed in ids and defs is not None:
            params = (elements or {}).get(model) or {}
            said = {lang: unnamed_words(defs, params, lang, drawn=drawn).get(unnamed)
                    or placed_words(build_view(defs), defs, lang).get(unnamed) for lang in LANGUAGES}
            if all(said.values()):
                return {lang: str(text) for lang, text in said.items()}
    return {lang: _label_said(cluster.label, (labels or {}).get(lang, {})) for lang in LANGUAGES}


def _label_said(label: str, said: Mapping[str, str]) -> str:
    """A core step's label (``label``, a drawn name, or two or more joined by " + ": steps matched as one) in the
    names ``said`` gives them in a language, each part by itself (found by QA: the English list said "Tillstånd
    beviljat + Ansökan avslagen").

    >>> _label_said("Tillstånd beviljat + Ny", {"Tillstånd beviljat": "Permit granted"})
    'Permit granted + Ny'
    """
    if label in said:
        return said[label]
    return " + ".join(said.get(part, part) for part in label.split(" + "))


def decided(said: dict[str, str], cluster: StepCluster,
            labels: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, str]:
    """A row of the common core with what the person decided about it (``--matches``): a confirmed pair joins
    its steps, a rejected pair kept it apart from other rows (formats.decided_words, in both languages)."""
    if not cluster.confirmed and not cluster.apart_from:
        return said
    out = {}
    for lang in LANGUAGES:
        parts = [{"en": "a confirmed pair", "sv": "bekräftat par"}[lang]] if cluster.confirmed else []
        if cluster.apart_from:
            rows = [quoted((labels or {}).get(lang, {}).get(a, a), lang) for a in cluster.apart_from]
            parts.append({"en": "kept apart from ", "sv": "hålls isär från "}[lang]
                         + listed(rows, {"en": " and ", "sv": " och "}[lang]))
        whose = {"en": "the person's decision", "sv": "användarens beslut"}[lang]
        out[lang] = f"{said[lang]} ({whose}: {'; '.join(parts)})"
    return out


def labels_by_language(models: Mapping[str, Definitions]) -> dict[str, dict[str, str]]:
    """Language -> a drawn label (a step's, branch's, lane's or pool's name as the comparison reads it) -> the
    name the models give that element in the language, where they all give it one and the same (found by QA:
    the English report's comparison listed the library's steps in Swedish). The comparison itself reads the
    drawn names only."""
    seen: dict[str, dict[str, set[str]]] = {lang: {} for lang in LANGUAGES}
    for defs in models.values():
        elements: list[Any] = [*defs.participants()]
        for p in defs.processes:
            elements += [*p.nodes.values(), *p.flows.values(), *p.lanes()]
        for e in elements:
            drawn = " ".join((e.name or "").split())
            if drawn:
                for lang in LANGUAGES:
                    seen[lang].setdefault(drawn, set()).add(" ".join(name_in(e, lang).split()))
    return {lang: {drawn: next(iter(said)) for drawn, said in table.items() if len(said) == 1 and drawn not in said}
            for lang, table in seen.items()}


def _relabelled(v: Variation, labels: Mapping[str, str]) -> Variation:
    """``v`` with the labels of its steps (and a performer's lanes) as ``labels`` says them in one language."""
    def said(label: str) -> str:
        return labels.get(label, label)

    values = FrozenMap({n: said(x) for n, x in v.values.items()}) if v.kind == "performer" else v.values
    return replace(v, steps=tuple(said(s) for s in v.steps), others=tuple(said(s) for s in v.others),
                   maybe=FrozenMap({n: said(x) for n, x in v.maybe.items()}), values=values)


def _told(v: Variation, twins: DiffWords | None) -> Variation:
    """``v`` with its steps whose model names another alike said by their names and places (``twins``), if
    given."""
    return twins_told_apart(v, twins) if twins is not None else v


_RANGE = re.compile(r"\[(\d+(?:\.\d+)?), (\d+(?:\.\d+)?)\]")


def ranged(text: str) -> str:
    """A fact's low and high written as a list, ``weeks: [7, 10]``, as a range: ``weeks: 7–10``.

    >>> ranged("cirka 2 månader (weeks: [7, 10]; clock: unknown)")
    'cirka 2 månader (weeks: 7–10; clock: unknown)'
    """
    return _RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}" if float(m.group(1)) <= float(m.group(2))
                      else m.group(0), text)


def unlisted(text: str) -> str:
    """A fact that is a list, without the brackets: ``[Polisen, Skatteverket]`` -> ``Polisen, Skatteverket``."""
    return text[1:-1] if text.startswith("[") and text.endswith("]") and "[" not in text[1:] else text


def originals_marked(said: Mapping[str, str], original: str, lang: str) -> dict[str, str]:
    """A fact's words by language (``said``), the value as its profile writes it (``original``, in
    ``lang``, its model's language) in a ``<span lang>`` where the words of another language quote it:
    "Social services committee (<span lang="sv">Socialnämnden</span>)". Words that are the value alone stay
    text (its cell says its language).

    >>> originals_marked({"en": "Social services committee (Socialnämnden)", "sv": "Socialnämnden"},
    ...                  "Socialnämnden", "sv")["en"]
    Markup('Social services committee (<span lang="sv">Socialnämnden</span>)')
    >>> originals_marked({"en": "Social services committee (Socialnämnden; older page)",
    ...                   "sv": "Socialnämnden (äldre sida)"}, "Socialnämnden (older page)", "sv")["en"]
    Markup('Social services committee (<span lang="sv">Socialnämnden</span>; older page)')
    """
    if not lang or not re.search(r"[^\W\d_]", original):
        return dict(said)
    # the value whole, else its name before a remark in brackets: Åstorp's "Socialnämnden (older page; current
    # body unknown)" is quoted as "Social services committee (Socialnämnden; older page; …)" (found by QA)
    remark = re.fullmatch(r"(.*?[^\W\d_].*?)\s*\(.*\)", original)
    quoted = [re.compile(rf"(?<!\w){re.escape(str(escape(o)))}(?!\w)")
              for o in (original, *([remark.group(1)] if remark else []))]
    marked = {k: str(escape(text)) for k, text in said.items()}
    out: dict[str, str] = {}
    for k, text in said.items():
        quotes = k != lang and text != original
        found = next((q for q in quoted if q.search(marked[k])), None) if quotes else None
        out[k] = text if found is None else Markup(
            found.sub(lambda m: f'<span lang="{lang}">{m.group(0)}</span>', marked[k]))
    return out


def comparison_words(data: Mapping[str, Any], names: Mapping[str, Mapping[str, str]],
                     variations: Sequence[Variation], labels: Mapping[str, Mapping[str, str]] | None = None,
                     facts_said: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
                     twins: Mapping[str, DiffWords] | None = None) -> dict[str, Any]:
    """What the page shows of ``data`` (:func:`comparison_to_data`) in each language: the
    municipalities by name (``names``: language -> process name -> name), the measures, kinds of variation and
    facts in words (``facts_said``: process name -> fact -> language -> its text as the profile's ``names:`` say
    the value in that language, else the compared text), and each variation point (of ``variations``) as the
    report's own sentence (the diff's English message, ``message``, for ``permitflow compare``'s page), a step
    whose model names another alike by its name and place where ``twins`` (language -> its words,
    :attr:`DiffWords.twins`) says it so (formats.twins_told_apart, as the text and the page in one
    language)."""
    out: dict[str, Any] = {"models": [{lang: names[lang].get(n, n) for lang in LANGUAGES} for n in data["models"]]}
    for lang in LANGUAGES:
        out[lang] = {
            "metrics": {m: _said("similarity", m, lang) for m in data["similarity"]},
            "kinds": {v["kind"]: _said("variations", v["kind"], lang) for v in data["variations"]},
            "facts": {f["fact"]: _said("facts", f["fact"], lang) for f in data["facts"]},
        }
    def said(n: str, fact: str, lang: str, v: Any) -> str:
        return ranged(unlisted(str((facts_said or {}).get(n, {}).get(fact, {}).get(lang, v))))

    out["facts"] = [{n: {"en": fact_en(said(n, f["fact"], "en", v)),
                         "sv": fact_sv(said(n, f["fact"], "sv", v))}
                     for n, v in f["values"].items()} for f in data["facts"]]
    out["messages"] = []
    for v in variations:
        message = _named(v.message, names["en"])
        out["messages"].append({"message": message, **{
            lang: variation_words(_told(_relabelled(v, labels[lang]) if labels else v,
                                        (twins or {}).get(lang)), names[lang], lang) or message
            for lang in LANGUAGES}})
    return out
