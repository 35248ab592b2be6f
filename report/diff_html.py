"""HTML rendering of a diff (two diagrams side by side) and of an N-way comparison.

The page is one self-contained file: inline SVG (bpmn_io.svg.render_svg, laid out
first when a model has no diagram), inline CSS, no external requests. In each diagram a
step carries the class ``matched``, ``changed`` (matched, with a difference),
``uncertain`` (no partner, but candidates) or ``only-here`` (no candidate in the other
model), and a badge with the number(s) of the differences about it, which are listed
beside the diagrams.

Every text the page writes in one language says which: a ``class="en"``/``class="sv"`` piece
of the bilingual page gets its ``lang`` (:func:`report.templating.marked_languages`); the
models' own words (a Swedish model's step labels on the English page: its diagram, the
matched steps, the labels the differences quote) get the language the model names its steps
in (:func:`report.templating.labels_language`).

The diff page has one small inline script (``diff.js``): a person rejects a matched pair
or confirms a candidate of an uncertain step, and saves the match-decisions file
(docs/diff-schema.md#match-decisions) to pass back with ``--matches``. The data it
works on is the diff's JSON, embedded as ``application/json``.

What the pages say is made apart: the language they write in and the models' labels marked with their own
(:mod:`report.difflanguage`), and the comparison's words (:mod:`report.comparisonwords`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from bpmn_io.layout import add_layout
from bpmn_io.svg import render_svg
from processes.diff import Comparison, ModelDiff, comparison_to_data, to_data
from processes.diff.diffwords import ENGLISH, DiffWords, word
from processes.diff.formats import (
    candidate_words,
    core_twin,
    how_words,
    kind_title,
    message_in,
    twin_said,
    twins_told_apart,
)
from processes.diff.notewords import notes_said
from processes.diff.nway import uncertain_elsewhere
from processes.diff.result import Difference
from processes.diff.view import display_name
from processes.errors import PermitflowError
from processes.model import Definitions
from processes.wording import short_names
from report.comparisonwords import (
    comparison_words,
    core_words,
    decided,
    labels_by_language,
    originals_marked,
    ranged,
    unlisted,
)
from report.difflanguage import (
    diff_words,
    in_language,
    label_languages,
    output_language,
    placed_in_language,
    sided_in_language,
    twins_in,
)
from report.namemarks import NameMarks
from report.numbers import number
from report.templating import (
    labels_language,
    marked_languages,
    strip_xml_prolog,
    svg_in_labels_language,
    template_environment,
)
from report.words import LANGUAGES

__all__ = ["diff_html", "comparison_html", "step_classes", "DIFF_CSS",
           # where clicommands/diff.py imports them from (report.difflanguage holds them since the module was split)
           "diff_words", "output_language"]

_ENV = template_environment()
_ENV.globals["number"] = number  # a measure as each language writes it (0,812 in Swedish)

#: extra CSS handed to render_svg: the fill of each class of step
DIFF_CSS = (
    ".matched .body{fill:#e3f4e3} .changed .body{fill:#fff1c2} .only-here .body{fill:#fbd5d5}"
    " .only-here .body{stroke:#b42318} .uncertain .body{fill:#e0eaff} .uncertain .body{stroke:#3538cd;"
    "stroke-dasharray:4 3}"
)


def step_classes(diff: ModelDiff, side: str) -> dict[str, str]:
    """``{element id: "matched" | "changed" | "uncertain" | "only-here"}`` for side ``"a"`` or ``"b"``."""
    steps = diff.a.steps if side == "a" else diff.b.steps
    matched = {s for m in diff.matches for s in (m.a if side == "a" else m.b)}
    changed = {
        s
        for d in diff.differences
        if d.kind not in ("only_in_a", "only_in_b", "fact")
        for s in (d.a if side == "a" else d.b)[:1]
    }
    changed |= {
        s
        for d in diff.differences
        if d.kind in ("split", "merged", "attribute")
        for s in (d.a if side == "a" else d.b)
    }
    unsure = {u.step for u in diff.uncertain if u.side == side}
    out = {}
    for s in steps:
        if s in matched:
            out[s] = "changed" if s in changed else "matched"
        else:
            out[s] = "uncertain" if s in unsure else "only-here"
    return out


def _badges(diff: ModelDiff, side: str) -> dict[str, str]:
    numbers: dict[str, list[int]] = {}
    for k, d in enumerate(diff.differences, start=1):
        ids = d.a if side == "a" else d.b
        for s in ids[:1] if d.kind not in ("split", "merged", "attribute") else ids:
            numbers.setdefault(s, []).append(k)
    return {s: ",".join(str(n) for n in ns[:3]) + ("…" if len(ns) > 3 else "") for s, ns in numbers.items()}


def _svg(defs: Definitions, classes: Mapping[str, str], badges: Mapping[str, str],
         languages: tuple[str, ...] = ()) -> tuple[str, str]:
    """(inline SVG, problem): a model that cannot be drawn gets a message instead; ``languages``: each label in
    each language the model names its steps in (the report's bilingual section)."""
    try:
        drawable = defs if defs.has_di() else add_layout(defs)
        svg = render_svg(drawable, classes=classes, badges=badges, extra_css=DIFF_CSS, languages=languages)
    except PermitflowError as err:
        return "", str(err)
    return svg_in_labels_language(strip_xml_prolog(svg), defs), ""


#: the words of the diff page and its script (diffwords.WORDS), by the name the template gives them
_PAGE_WORDS = ("legend_matched", "legend_changed", "legend_uncertain", "legend_only", "legend_numbers",
               "tiers_matched", "tiers_uncertain", "tiers_only", "actual_size", "uncertain_note", "decisions",
               "decisions_note", "reject", "confirm", "undo", "save", "saved", "confirmed", "decided",
               "file_label", "confidence_head", "how", "decision_head", "node_matching", "structural", "behavioural",
               "note")


def diff_html(diff: ModelDiff, defs_a: Definitions, defs_b: Definitions, words: DiffWords = ENGLISH) -> str:
    """A self-contained HTML page for ``diff`` of the models ``defs_a`` and ``defs_b``, in the language of
    ``words`` (its ``lang``, its headings, buttons and messages; the models' labels keep their own
    language)."""
    svg_a, problem_a = _svg(defs_a, step_classes(diff, "a"), _badges(diff, "a"))
    svg_b, problem_b = _svg(defs_b, step_classes(diff, "b"), _badges(diff, "b"))
    said_a, said_b = label_languages([defs_a]), label_languages([defs_b])
    # the models' labels inside other words (an unnamed timer's "timer after 2 weeks in “Invänta komplettering”",
    # a note quoting a step) in their language too (found by QA, qaleft: read with the page's sounds)
    members = (diff.a.name, diff.b.name)
    marks = NameMarks.of({diff.a.name: defs_a, diff.b.name: defs_b}, drawn=True)
    whole = words.name(diff.a.name), words.name(diff.b.name)  # the title's and the diagrams' headings
    words = words.shortly(members)  # every line below them names the models short, as the text does
    short = words.name(diff.a.name), words.name(diff.b.name)

    def marked(text: str) -> Markup:
        return marks.html(text, words.lang, members)

    def shown(model: str, steps: Mapping[str, Any], i: str, said: Mapping[str, str]) -> Markup:
        # a step named alike as another said with its place: its name marked, not only the whole label looked up
        return placed_in_language(words.label(model, steps, (i,)), " ".join(steps[i].name.split()), said, marked)

    def label_a(ids: tuple[str, ...]) -> Markup:
        return Markup(" + ").join(shown(diff.a.name, diff.a.steps, i, said_a) for i in ids if i in diff.a.steps)

    def label_b(ids: tuple[str, ...]) -> Markup:
        return Markup(" + ").join(shown(diff.b.name, diff.b.steps, i, said_b) for i in ids if i in diff.b.steps)

    def fact_said(model: str, d: Difference) -> str | None:
        return words.fact_texts.get(model, {}).get(d.attribute) if d.kind == "fact" else None

    rows = [
        {
            "number": k,
            "kind": kind_title(d.kind, words, short),  # "Only in Åstorp", as the text and Markdown
            "css": d.kind.replace("_", "-"),
            "message": sided_in_language(d, message_in(d, diff.a.name, diff.b.name, words),
                                         labels_language(defs_a), labels_language(defs_b), {**said_b, **said_a},
                                         (fact_said(diff.a.name, d), fact_said(diff.b.name, d)), marked),
        }
        for k, d in enumerate(diff.differences, start=1)
    ]
    matches = [
        {
            "a": label_a(m.a),
            "b": label_b(m.b),
            "confidence": words.number(m.confidence, 2),
            "how": how_words(m.how, words),
            "index": k,
        }
        for k, m in enumerate(diff.matches)
    ]
    uncertain = [
        {
            "side": u.side,
            "may_be": words.word("may_be_in",
                                 model=words.side(diff.a.name if u.side == "a" else diff.b.name)),
            "step": (label_a if u.side == "a" else label_b)((u.step,)),
            "index": k,
            "candidates": [
                {
                    "label": (label_b if u.side == "a" else label_a)(c.ids),
                    "why": candidate_words(c.score, c.reasons, words),
                    "index": n,
                }
                for n, c in enumerate(u.candidates)
            ],
        }
        for k, u in enumerate(diff.uncertain)
    ]
    said = {key: words.word(key) for key in _PAGE_WORDS}
    # the models by name, as the diagrams' headings; the labels a note quotes in their language
    notes = notes_html(notes_said(diff.notes, members, words), words.lang, marked)
    return marked_languages(_ENV.get_template("diff.html.j2").render(
        mode="diff",
        page_lang=words.lang,
        w=said,
        differences_head=words.word("differences", n=len(rows)),
        # a heading around the count the page's script keeps up to date
        matched_head=words.word("matched_steps", n="\0").split("\0"),
        uncertain_head=words.word("uncertain_head", n="\0").split("\0"),
        title=words.word("title", a=whole[0], b=whole[1]),
        diff={**to_data(diff), "rejected": [{"a": list(a), "b": list(b)} for a, b in diff.rejected],
              # how the saved matches file names an unnamed step, as `diff --save-matches` does
              "unnamed": [{s.id: display_name(s) for s in side.steps.values() if not s.name} for side in (diff.a, diff.b)]},
        rows=rows,
        notes=notes,
        matches=matches,
        uncertain=uncertain,
        script=_ENV.get_template("diff.js").render(w=said),
        sides=[
            {"name": whole[0], "short": short[0], "svg": svg_a, "problem": problem_a},
            {"name": whole[1], "short": short[1], "svg": svg_b, "problem": problem_b},
        ],
    ))


def notes_html(notes: Sequence[str], lang: str, marked: Callable[[str], Markup]) -> list[Markup]:
    """The notes of a page in ``lang`` (:func:`processes.diff.notewords.notes_said`), each as "note: ..." in
    that language, escaped, the names ``marked`` knows in their own language: the diff's page and the
    comparison's alike (the comparison's said its notes as the JSON does, in English on a Swedish page: found
    by QA, qanotes)."""
    return [Markup(escape(word("note", lang))).format(note=marked(note)) for note in notes]


def _named(value: str) -> str:
    """A fact's value without a remark in brackets after its name ("Socialnämnden (older page)": "Socialnämnden").

    >>> _named("Socialnämnden (äldre sida)"), _named("4 months"), _named("(x)")
    ('Socialnämnden', '4 months', '(x)')
    """
    found = re.fullmatch(r"(.*?[^\W\d_].*?)\s*\(.*\)", value)
    return found.group(1) if found else value


#: a label a sentence quotes, as the report's sentences quote it in either language ("…", “…”, ”…”), kept whole
_QUOTED = re.compile(r'("[^"]+"|“[^”]+”|”[^”]+”)')


def comparison_html(comparison: Comparison, models: Mapping[str, Definitions], *,
                    names: Mapping[str, str | Mapping[str, str]] | None = None, bilingual: bool = False,
                    facts_said: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
                    params: Mapping[str, Mapping[str, Any]] | None = None,
                    output: DiffWords = ENGLISH) -> str:
    """A self-contained HTML page for an N-way comparison; each model's diagram marks
    the steps of the common core as matched, those every other model may have (uncertain in the pairwise
    diffs there, as the diff page colours them) as uncertain, and the others as only-here.

    ``names``: process name -> the municipality's name, or its name per language (``{"en": ..., "sv": ...}``: found
    by QA, the English report compared "Nationell referens"), shown instead; ``bilingual``: every
    heading and word in English and Swedish (``<span class="en">`` and ``class="sv"``, as the
    report shows them), the measures and facts in words (the report's section); ``facts_said``: process name ->
    fact -> language -> the fact's text in that language (its ``names:``, :func:`library_comparison_section`), shown
    in the bilingual page instead of the compared text; ``params``: process name -> its profile's element parameters
    (:func:`processes.diff.profile_inputs`), an unnamed timer's length as its profile sets it ("2 weeks", as the
    diff's text and the one-language page say it: found by QA, qaleft; the BPMN's "14 days" without);
    ``output``: the language of a page in one language
    (``permitflow compare --output-language``), its models named as ``output`` names them when ``names`` is
    not given."""
    if names is None and output.names:
        names = {n: {lang: shown if lang == output.lang else n for lang in LANGUAGES}
                 for n, shown in output.names.items()}
    named = {lang: {n: (v if isinstance(v, str) else v.get(lang) or n) for n, v in (names or {}).items()}
             for lang in LANGUAGES}
    data = comparison_to_data(comparison)
    core_ids: dict[str, set[str]] = {n: set() for n in comparison.names}
    for k in comparison.core:
        for name, ids in comparison.clusters[k].members.items():
            core_ids[name].update(ids)
    unsure_ids: dict[str, set[str]] = {n: set() for n in comparison.names}
    for k in uncertain_elsewhere(comparison):  # blue, as the diff page shows an uncertain step; red is for "not there"
        for name, ids in comparison.clusters[k].members.items():
            unsure_ids[name].update(ids)
    sides = []
    for name in comparison.names:
        defs = models.get(name)
        if defs is None:
            sides.append({"name": {lang: named[lang].get(name, name) for lang in LANGUAGES}, "svg": "",
                          "problem": "no model given"})
            continue
        steps = {c for cl in comparison.clusters for c in cl.members.get(name, ())}
        classes = {s: "matched" if s in core_ids[name] else "uncertain" if s in unsure_ids[name] else "only-here"
                   for s in steps}
        svg, problem = _svg(defs, classes, {}, LANGUAGES if bilingual else ())
        sides.append({"name": {lang: named[lang].get(name, name) for lang in LANGUAGES}, "svg": svg,
                      "problem": problem})
    towns = {lang: ", ".join(named[lang].get(n, n) for n in comparison.names) for lang in LANGUAGES}
    # a page in one language names the steps as drawn; an unnamed timer in a variation in words on every page,
    # as in the core (found by QA: "unnamed boundary event Timer_Paminnelse", an id, in the English sentence)
    labels = labels_by_language(models) if bilingual else {lang: {} for lang in LANGUAGES}
    for cluster in comparison.clusters:
        if cluster.label.startswith("unnamed "):
            for lang, text in core_words(cluster, models, labels, drawn=not bilingual, elements=params).items():
                labels[lang].setdefault(cluster.label, text)
            # a page in one language: the timer as the text and Markdown say it, its length from its profile
            # ("2 weeks", not the BPMN's "14 days": found while checking qacomptext)
            timer = next((output.unnamed.get(m, {}).get(i) for m, ids in cluster.members.items() for i in ids
                          if output.unnamed.get(m, {}).get(i)), None)
            if timer and not bilingual:
                labels[output.lang][cluster.label] = timer
    if facts_said is None and output.fact_texts:  # a page in one language: its facts as the profiles say them
        facts_said = {n: {k: {output.lang: t} for k, t in texts.items()} for n, texts in output.fact_texts.items()}
    # the tables' headings and the sentences name the models short, the title and the diagrams whole (found by
    # QA, qacomptext: the laws the national reference's name cites made its column as wide as the name)
    short = {lang: short_names({n: named[lang].get(n, n) for n in comparison.names}) for lang in LANGUAGES}
    # a step whose model names another alike by its name and place, as the text and Markdown say it (found by QA,
    # qavariation: MIWG C.4.0's group said "“New employee hired” is a step in ..." three times)
    variations = comparison.variations if bilingual else [twins_told_apart(v, output) for v in comparison.variations]
    # the report's section: each language's twins by the names the models give in it, their places in its
    # words
    # (found by QA, qaheads: the section said two steps named alike the same, where diff and compare told them
    # apart)
    twins = ({lang: DiffWords(lang, twins=twins_in(models, lang, named=True)) for lang in LANGUAGES}
             if bilingual else None)
    words = comparison_words(data, short, variations, labels, facts_said, twins)
    words["core"] = []
    for k in comparison.core:
        cluster = comparison.clusters[k]
        row = core_words(cluster, models, labels, drawn=not bilingual, elements=params)
        if not bilingual and cluster.label in labels[output.lang]:  # an unnamed timer, as the variations say
            row[output.lang] = labels[output.lang][cluster.label]
        twin = core_twin(cluster, output) if not bilingual else None
        if twin:  # two steps of a model named alike, by their places, as the text and Markdown say them
            row[output.lang] = twin
        if twins is not None:  # the same in each language of the report's section
            row = {lang: twin_said(text, cluster.members, twins[lang]) or text for lang, text in row.items()}
        words["core"].append(decided(row, cluster, labels))
    # a variation point in the report's sentence (found by QA: the English page said the diff's developer
    # message), a performer (a lane's name) in its model's language
    marks, members = NameMarks.of(models, drawn=not bilingual), tuple(models)
    if not bilingual:  # a page in one language: the models' labels it lists and quotes in their models' language
        said = label_languages(list(models.values()))

        def quoted(label: str, lang: str) -> Markup:  # a label in the page's own language needs no mark
            return escape(label) if said.get(label) == lang else in_language(label, said)

        # a label whole in its language; words with labels in them (an unnamed timer's "timer after 2 weeks in
        # “Invänta komplettering”") each label so (found by QA, qaleft: read with English sounds)
        words["core"] = [{lang: placed_in_language(text, " ".join(cluster.label.split()), said,
                                                   partial(marks.html, lang=lang, members=members))
                          for lang, text in row.items()}
                         for row, cluster in zip(words["core"], (comparison.clusters[k] for k in comparison.core),
                                                 strict=True)]
        for row in words["messages"]:
            row.update({lang: Markup("").join(
                marks.html(part, lang, members) if k % 2 == 0 else part[0] + quoted(part[1:-1], lang) + part[-1]
                for k, part in enumerate(_QUOTED.split(row[lang]))) for lang in LANGUAGES})
    else:
        for row in words["messages"]:
            row.update({lang: marks.html(row[lang], lang, members) for lang in LANGUAGES})
    # a fact's value (a fee, an e-service, a deciding body) as its profile writes it: in its model's language
    languages = {n: labels_language(defs) or "" for n, defs in models.items()}
    if bilingual:  # the report's section: the value a fact's words quote: marked
        # a step of the core no model names in the page's language keeps its drawn name: in its model's
        # language (found by QA: a Swedish-only model's "Ansökan inkommen" read with English sounds)
        drawn = label_languages(list(models.values()))

        def marked(text: str, lang: str) -> Markup:
            if drawn.get(text, lang) not in ("", lang):
                return in_language(text, drawn)
            if " + " in text and text not in drawn:  # steps matched as one: each part in its language
                return Markup(" + ").join(marked(part, lang) for part in text.split(" + "))
            return marks.html(text, lang, members)

        words["core"] = [{lang: marked(text, lang) for lang, text in row.items()} for row in words["core"]]
    # a fact's value quoted in another language's words in its model's language; a cell that is the value as
    # written (the same in both languages) in its model's language, any other in the page's: found by QA, qaleft,
    # the English page marked "unknown" and "Social services committee (Socialnämnden)" Swedish whole
    # (a value written in another language than its model's, the national reference's "4 months" with its Swedish
    # names:, is no quote in that language; a remark in brackets aside: Åstorp's "Socialnämnden (older page)")
    words["facts"] = [{n: originals_marked(cell, original, lang if _named(cell.get(lang, "")) == _named(original)
                                           else "")
                       for n, cell in row.items()
                       for original, lang in [(ranged(unlisted(str(f["values"][n]))), languages.get(n, ""))]}
                      for row, f in zip(words["facts"], data["facts"], strict=True)]
    # the notes (the models read as neither language, a lenient read's repairs) as the diff's page says its
    # own: in each language of the page, the models named as its sentences name them
    said_notes = {lang: notes_html(notes_said(comparison.notes, comparison.names,
                                              DiffWords(lang, named[lang]) if bilingual else output),
                                   lang, partial(marks.html, lang=lang, members=members))
                  for lang in (LANGUAGES if bilingual else (output.lang,))}
    return marked_languages(_ENV.get_template("diff.html.j2").render(
        mode="compare",
        notes=[dict(zip(said_notes, said, strict=True)) for said in zip(*said_notes.values(), strict=True)],
        page_lang="en" if bilingual else output.lang,
        languages=languages,
        title=("Comparison of " + towns["en"] if bilingual or output.lang == "en"
               else "Jämförelse av " + towns["sv"]),
        title_sv="Jämförelse av " + towns["sv"],
        bilingual=bilingual,
        words=words,
        data=data,
        sides=sides,
        metrics=[(m, data["similarity"][m]) for m in data["similarity"]],
        none_facts={lang: (none := word("no_facts", lang))[:1].upper() + none[1:] + "." for lang in LANGUAGES},
    ))
