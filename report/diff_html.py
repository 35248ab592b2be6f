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
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from bpmn_io.layout import add_layout
from bpmn_io.library_facts import swedish_words
from bpmn_io.profile import shown_name
from bpmn_io.svg import render_svg
from processes.diff import Comparison, ModelDiff, comparison_to_data, profile_inputs, to_data
from processes.diff.differences import fact_text
from processes.diff.diffwords import ENGLISH, DiffWords
from processes.diff.formats import candidate_words, how_words, kind_title, message_in
from processes.diff.notewords import note_words
from processes.diff.nway import StepCluster, Variation, uncertain_elsewhere
from processes.diff.result import Difference
from processes.diff.view import display_name
from processes.errors import PermitflowError
from processes.labellanguage import shows_swedish
from processes.model import Definitions, FrozenMap
from processes.shownnames import name_in
from processes.wording import listed, quoted
from report.namemarks import NameMarks
from report.numbers import machine, number
from report.stepwords import unnamed_words
from report.templating import (
    labels_language,
    marked_languages,
    strip_xml_prolog,
    svg_in_labels_language,
    template_environment,
)
from report.variationwords import variation_words
from report.words import LANGUAGES, attribute_words, labels, word

__all__ = ["diff_html", "comparison_html", "step_classes", "DIFF_CSS", "diff_words", "output_language"]

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


def _label_languages(models: Sequence[Definitions]) -> dict[str, str]:
    """A step's or lane's label as the diff says it (its name, spaces collapsed) -> the language its model names
    its steps in; a label two models name in different languages, the first's (found by QA: a performer, a lane's
    name, was read with English sounds)."""
    out: dict[str, str] = {}
    for defs in models:
        lang = labels_language(defs)
        for name in (" ".join(n.name.split()) for p in defs.processes for n in [*p.nodes.values(), *p.lanes()]
                     if n.name):
            out.setdefault(name, lang or "")
    return out


def _sided_in_language(d: Difference, message: str, lang_a: str | None, lang_b: str | None,
                       languages: Mapping[str, str]) -> Markup:
    """A fact's or performer's difference as HTML: A's value (a fee, an e-service, a deciding body, a lane's name)
    in a ``<span>`` of A's model's language, B's in B's, the rest as :func:`_quoting_in_language` writes it.

    >>> d = Difference("fact", (), (), "fee", "11700 kr", "Ingen", "fee: 11700 kr in A, Ingen in B.")
    >>> _sided_in_language(d, d.message, "en", "sv", {})
    Markup('fee: <span lang="en">11700 kr</span> in A, <span lang="sv">Ingen</span> in B.')
    """
    if d.kind != "fact" and d.attribute != "performer":
        return _quoting_in_language(message, languages)
    out, end = [], 0
    for value, lang in ((d.a_value, lang_a), (d.b_value, lang_b)):
        at = message.find(value, end) if value and lang else -1
        if at < 0:
            continue
        out += [_quoting_in_language(message[end:at], languages), Markup('<span lang="%s">%s</span>') % (lang, value)]
        end = at + len(value)
    return Markup("").join([*out, _quoting_in_language(message[end:], languages)])


def _in_language(label: str, languages: Mapping[str, str]) -> Markup:
    """``label`` as HTML, in a ``<span>`` of its model's language when it is a model's label.

    >>> _in_language("Diarieför ansökan", {"Diarieför ansökan": "sv"}), _in_language("a<b", {})
    (Markup('<span lang="sv">Diarieför ansökan</span>'), Markup('a&lt;b'))
    """
    lang = languages.get(label)
    return Markup(f'<span lang="{lang}">{escape(label)}</span>') if lang else escape(label)


def _quoting_in_language(message: str, languages: Mapping[str, str]) -> Markup:
    """``message`` as HTML, each model's label it quotes ("…") in its model's language (:func:`_in_language`).

    >>> _quoting_in_language('In a, "Besluta" runs before "x".', {"Besluta": "sv"})
    Markup('In a, &#34;<span lang="sv">Besluta</span>&#34; runs before &#34;x&#34;.')
    """
    parts = re.split(r'"([^"]+)"', message)
    return Markup("").join(escape(part) if k % 2 == 0 else Markup('&#34;%s&#34;') % _in_language(part, languages)
                           for k, part in enumerate(parts))


#: the words of the diff page and its script (diffwords.WORDS), by the name the template gives them
_PAGE_WORDS = ("legend_matched", "legend_changed", "legend_uncertain", "legend_only", "legend_numbers",
               "tiers_matched", "tiers_uncertain", "tiers_only", "actual_size", "uncertain_note", "decisions",
               "decisions_note", "reject", "confirm", "undo", "save", "saved", "confirmed", "decided",
               "file_label", "confidence_head", "how", "node_matching", "structural", "behavioural", "note")


def diff_html(diff: ModelDiff, defs_a: Definitions, defs_b: Definitions, words: DiffWords = ENGLISH) -> str:
    """A self-contained HTML page for ``diff`` of the models ``defs_a`` and ``defs_b``, in the language of
    ``words`` (its ``lang``, its headings, buttons and messages; the models' labels keep their own
    language)."""
    svg_a, problem_a = _svg(defs_a, step_classes(diff, "a"), _badges(diff, "a"))
    svg_b, problem_b = _svg(defs_b, step_classes(diff, "b"), _badges(diff, "b"))
    said_a, said_b = _label_languages([defs_a]), _label_languages([defs_b])

    def label_a(ids: tuple[str, ...]) -> Markup:
        return Markup(" + ").join(_in_language(words.label(diff.a.name, diff.a.steps, (i,)), said_a)
                                  for i in ids if i in diff.a.steps)

    def label_b(ids: tuple[str, ...]) -> Markup:
        return Markup(" + ").join(_in_language(words.label(diff.b.name, diff.b.steps, (i,)), said_b)
                                  for i in ids if i in diff.b.steps)

    rows = [
        {
            "number": k,
            "kind": kind_title(d.kind, words),
            "css": d.kind.replace("_", "-"),
            "message": _sided_in_language(d, message_in(d, diff.a.name, diff.b.name, words),
                                          labels_language(defs_a), labels_language(defs_b), {**said_b, **said_a}),
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
    notes = [note_words(note, words.lang, words.side) for note in diff.notes]
    return marked_languages(_ENV.get_template("diff.html.j2").render(
        mode="diff",
        page_lang=words.lang,
        w=said,
        differences_head=words.word("differences", n=len(rows)),
        # a heading around the count the page's script keeps up to date
        matched_head=words.word("matched_steps", n="\0").split("\0"),
        uncertain_head=words.word("uncertain_head", n="\0").split("\0"),
        title=words.word("title", a=words.name(diff.a.name), b=words.name(diff.b.name)),
        diff={**to_data(diff), "rejected": [{"a": list(a), "b": list(b)} for a, b in diff.rejected],
              # how the saved matches file names an unnamed step, as `diff --save-matches` does
              "unnamed": [{s.id: display_name(s) for s in side.steps.values() if not s.name} for side in (diff.a, diff.b)]},
        rows=rows,
        notes=notes,
        matches=matches,
        uncertain=uncertain,
        script=_ENV.get_template("diff.js").render(w=said),
        sides=[
            {"name": words.name(diff.a.name), "svg": svg_a, "problem": problem_a},
            {"name": words.name(diff.b.name), "svg": svg_b, "problem": problem_b},
        ],
    ))


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
    decimal comma, "okänt"), a decision level in words, a variation point in the report's sentence. English:
    the outputs as they were, the models named as given."""
    from report.assumptions import condition_words  # the assumptions table's modules: only for a diff's text

    attribute, condition = partial(attribute_words, lang=lang), partial(condition_words, lang=lang)
    # an unnamed timer by what it is ("timer after 14 days in "Invänta komplettering""), not its id
    unnamed = {n: unnamed_words(defs, profile_inputs((profiles or {}).get(n))[1], lang)
               for n, defs in (models or {}).items()}
    if lang == "en":
        return replace(ENGLISH, attribute=attribute, condition=condition, unnamed=unnamed)
    names = {n: shown_name(raw, lang, n) for n, raw in (profiles or {}).items() if raw}
    table = labels()
    facts = {n: {k: fact_text(f, lang) for k, f in profile_inputs(raw)[0].items()}
             for n, raw in (profiles or {}).items() if raw}
    return DiffWords(
        lang, names, {k: str(v[lang]) for k, v in table["facts"].items()}, _fact_sv,
        lambda level: word(level, lang), {k: str(v[lang]) for k, v in table["variations"].items()},
        lambda v: variation_words(v, names, lang), facts, attribute, condition, unnamed)


def _said(table: str, key: str, lang: str) -> str:
    entry = labels()[table].get(key)
    return str(entry[lang]) if entry else key.replace("_", " ")


def _named(text: str, names: Mapping[str, str]) -> str:
    """``text`` with each process name (a word of its own) replaced by its municipality's name."""
    for name, display in names.items():
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", display, text)
    return text


def _fact_sv(text: str) -> str:
    """A fact's text (:func:`processes.diff.differences.fact_text`) with its English words in Swedish.

    An amount in kronor is written the Swedish way, its thousands grouped and a space that does not
    break before ``kr``.

    >>> _fact_sv("11700 kr (year: 2017)"), _fact_sv("3600 kr/år"), _fact_sv("unknown")
    ('11\xa0700\xa0kr (år: 2017)', '3\xa0600\xa0kr/år', 'okänt')

    A list is its items without the code's brackets, a range of weeks (``[7, 10]``) written as one, 7–10.

    >>> _fact_sv("5,7 veckor (weeks: 5.7–17.4)"), _fact_sv("x (weeks: [5.7, 17.4])")
    ('5,7 veckor (veckor: 5,7–17,4)', 'x (veckor: 5,7–17,4)')
    >>> _fact_sv("[Polisen, Skatteverket]")
    'Polisen, Skatteverket'
    """
    text = swedish_words(text)
    text = re.sub(r"(?<![\w.,])(\d+)\.(\d+)(?![\w.]|,\d)", r"\1,\2", text)  # a decimal comma: "5,7–17,4"
    text = re.sub(r"\[(\d+(?:,\d+)?), (\d+(?:,\d+)?)\]", "\\1\u2013\\2", text)
    text = re.sub(r"^\[(.*)\]$", r"\1", text)
    return re.sub(r"(?<![\w.,])(\d+(?:\.\d+)?) kr\b", lambda m: f"{machine(m.group(1), 'sv')}\u00a0kr", text)


#: a fact's field names (:func:`processes.diff.differences.fact_text`) that are no words a reader uses, in English
_FACT_EN = {"clock": "counted from"}


def _fact_en(text: str) -> str:
    """A fact's text in the report's English: "counted from", not the field name "clock", and an amount in
    kronor with its thousands grouped as English writes them, and the word "kronor", not Swedish "kr" (found by QA:
    "11700 kr", "clock: unknown").

    >>> _fact_en("11700 kr (year: 2017)"), _fact_en("cirka 2 månader (weeks: 7–10; clock: unknown)")
    ('11,700 kronor (year: 2017)', 'cirka 2 månader (weeks: 7–10; counted from: unknown)')
    >>> _fact_en("3600 kr/year (year: 2017)"), _fact_en("1,000–6,000 kr a year"), _fact_en("1,160 kr/h")
    ('3,600 kronor a year (year: 2017)', '1,000–6,000 kronor a year', '1,160 kr/h')
    """
    for field, said in _FACT_EN.items():
        text = re.sub(rf"(?<![\w-]){re.escape(field)}(?=: )", said, text)
    return re.sub(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?) kr(/year)?\b(?!/)",  # a rate (kr/h) stays
                  lambda m: f"{machine(m.group(1).replace(',', ''), 'en')} kronor{' a year' if m.group(2) else ''}",
                  text)


def _core_words(cluster: StepCluster, models: Mapping[str, Definitions],
                labels: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, str]:
    """A step of the common core in each language: its label (``labels``: language -> drawn label -> the name
    the models give it in that language, :func:`_labels_by_language`), or, when no model names it (the label is
    then the pairwise diff's "unnamed boundary event Timer_Paminnelse"), what it is, "bevakning efter 14 dagar i
    ”Invänta komplettering”"."""
    unnamed = cluster.label.rsplit(" ", 1)[-1] if cluster.label.startswith("unnamed ") else ""
    for model, ids in cluster.members.items():
        defs = models.get(model)
        if unnamed in ids and defs is not None:
            said = {lang: unnamed_words(defs, {}, lang).get(unnamed) for lang in LANGUAGES}
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


def _decided(said: dict[str, str], cluster: StepCluster,
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


def _labels_by_language(models: Mapping[str, Definitions]) -> dict[str, dict[str, str]]:
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


_RANGE = re.compile(r"\[(\d+(?:\.\d+)?), (\d+(?:\.\d+)?)\]")


def _ranged(text: str) -> str:
    """A fact's low and high written as a list, ``weeks: [7, 10]``, as a range: ``weeks: 7–10``.

    >>> _ranged("cirka 2 månader (weeks: [7, 10]; clock: unknown)")
    'cirka 2 månader (weeks: 7–10; clock: unknown)'
    """
    return _RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}" if float(m.group(1)) <= float(m.group(2))
                      else m.group(0), text)


def _unlisted(text: str) -> str:
    """A fact that is a list, without the brackets: ``[Polisen, Skatteverket]`` -> ``Polisen, Skatteverket``."""
    return text[1:-1] if text.startswith("[") and text.endswith("]") and "[" not in text[1:] else text


def _originals_marked(said: Mapping[str, str], original: str, lang: str) -> dict[str, str]:
    """A fact's words by language (``said``), the value as its profile writes it (``original``, in
    ``lang``, its model's language) in a ``<span lang>`` where the words of another language quote it:
    "Social services committee (<span lang="sv">Socialnämnden</span>)". Words that are the value alone stay
    text (its cell says its language).

    >>> _originals_marked({"en": "Social services committee (Socialnämnden)", "sv": "Socialnämnden"},
    ...                   "Socialnämnden", "sv")["en"]
    Markup('Social services committee (<span lang="sv">Socialnämnden</span>)')
    >>> _originals_marked({"en": "Social services committee (Socialnämnden; older page)",
    ...                    "sv": "Socialnämnden (äldre sida)"}, "Socialnämnden (older page)", "sv")["en"]
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


def _words(data: Mapping[str, Any], names: Mapping[str, Mapping[str, str]],
           variations: Sequence[Variation], labels: Mapping[str, Mapping[str, str]] | None = None,
           facts_said: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None) -> dict[str, Any]:
    """What the page shows of ``data`` (:func:`comparison_to_data`) in each language: the
    municipalities by name (``names``: language -> process name -> name), the measures, kinds of variation and
    facts in words (``facts_said``: process name -> fact -> language -> its text as the profile's ``names:`` say
    the value in that language, else the compared text), and each variation point (of ``variations``) as the
    report's own sentence (the diff's English message, ``message``, for ``permitflow compare``'s page)."""
    out: dict[str, Any] = {"models": [{lang: names[lang].get(n, n) for lang in LANGUAGES} for n in data["models"]]}
    for lang in LANGUAGES:
        out[lang] = {
            "metrics": {m: _said("similarity", m, lang) for m in data["similarity"]},
            "kinds": {v["kind"]: _said("variations", v["kind"], lang) for v in data["variations"]},
            "facts": {f["fact"]: _said("facts", f["fact"], lang) for f in data["facts"]},
        }
    def said(n: str, fact: str, lang: str, v: Any) -> str:
        return _ranged(_unlisted(str((facts_said or {}).get(n, {}).get(fact, {}).get(lang, v))))

    out["facts"] = [{n: {"en": _fact_en(said(n, f["fact"], "en", v)), "sv": _fact_sv(said(n, f["fact"], "sv", v))}
                     for n, v in f["values"].items()} for f in data["facts"]]
    out["messages"] = []
    for v in variations:
        message = _named(v.message, names["en"])
        out["messages"].append({"message": message, **{
            lang: variation_words(_relabelled(v, labels[lang]) if labels else v, names[lang], lang) or message
            for lang in LANGUAGES}})
    return out


def comparison_html(comparison: Comparison, models: Mapping[str, Definitions], *,
                    names: Mapping[str, str | Mapping[str, str]] | None = None, bilingual: bool = False,
                    facts_said: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
                    output: DiffWords = ENGLISH) -> str:
    """A self-contained HTML page for an N-way comparison; each model's diagram marks
    the steps of the common core as matched, those every other model may have (uncertain in the pairwise
    diffs there, as the diff page colours them) as uncertain, and the others as only-here.

    ``names``: process name -> the municipality's name, or its name per language (``{"en": ..., "sv": ...}``: found
    by QA, the English report compared "Nationell referens"), shown instead; ``bilingual``: every
    heading and word in English and Swedish (``<span class="en">`` and ``class="sv"``, as the
    report shows them), the measures and facts in words (the report's section); ``facts_said``: process name ->
    fact -> language -> the fact's text in that language (its ``names:``, :func:`library_comparison_section`), shown
    in the bilingual page instead of the compared text; ``output``: the language of a page in one language
    (``permitflow compare --output-language``), its models named as ``output`` names them when ``names`` is
    not given."""
    if names is None and output.names:
        names = {n: {"en": n, "sv": shown} for n, shown in output.names.items()}
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
    labels = _labels_by_language(models) if bilingual else None
    if labels is not None:
        for cluster in comparison.clusters:
            if cluster.label.startswith("unnamed "):  # an unnamed timer in a variation: in words, as in the core
                for lang, text in _core_words(cluster, models, labels).items():
                    labels[lang].setdefault(cluster.label, text)
    if facts_said is None and output.fact_texts:  # a page in one language: its facts as the profiles say them
        facts_said = {n: {k: {output.lang: t} for k, t in texts.items()} for n, texts in output.fact_texts.items()}
    words = _words(data, named, comparison.variations, labels, facts_said)
    words["core"] = [_decided(_core_words(comparison.clusters[k], models, labels), comparison.clusters[k], labels)
                     for k in comparison.core]
    if not bilingual:  # the English page: the models' labels it lists and quotes in their models' language
        said = _label_languages(list(models.values()))
        words["core"] = [{lang: _in_language(text, said) for lang, text in row.items()} for row in words["core"]]
        marks, members = NameMarks.of(models), tuple(models)
        for row in words["messages"]:
            # a quoted label in its model's language, and a performer named without quotes (a lane's name)
            parts = re.split(r'"([^"]+)"', row["message"])
            row["message"] = Markup("").join(
                marks.html(part, "en", members) if k % 2 == 0 else Markup("&#34;%s&#34;") % _in_language(part, said)
                for k, part in enumerate(parts))
    # a fact's value (a fee, an e-service, a deciding body) as its profile writes it: in its model's language
    languages = {n: labels_language(defs) or "" for n, defs in models.items()}
    if bilingual:  # the report's section: a performer (a lane's name), the value a fact's words quote: marked
        marks, members = NameMarks.of(models), tuple(models)
        for row in words["messages"]:
            row.update({lang: marks.html(row[lang], lang, members) for lang in LANGUAGES})
        # a step of the core no model names in the page's language keeps its drawn name: in its model's
        # language (found by QA: a Swedish-only model's "Ansökan inkommen" read with English sounds)
        drawn = _label_languages(list(models.values()))

        def marked(text: str, lang: str) -> Markup:
            if drawn.get(text, lang) not in ("", lang):
                return _in_language(text, drawn)
            if " + " in text and text not in drawn:  # steps matched as one: each part in its language
                return Markup(" + ").join(marked(part, lang) for part in text.split(" + "))
            return marks.html(text, lang, members)

        words["core"] = [{lang: marked(text, lang) for lang, text in row.items()} for row in words["core"]]
        words["facts"] = [{n: _originals_marked(cell, _ranged(_unlisted(str(f["values"][n]))),
                                                languages.get(n, ""))
                           for n, cell in row.items()}
                          for row, f in zip(words["facts"], data["facts"], strict=True)]
    return marked_languages(_ENV.get_template("diff.html.j2").render(
        mode="compare",
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
    ))
