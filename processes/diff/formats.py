"""Plain-text and Markdown renderings of a diff and of an N-way comparison (pure: str out)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from processes.diff.decisions import written_ids
from processes.diff.differences import ATTRIBUTE_KEY, FLOW_KEYS
from processes.diff.diffwords import ENGLISH, WORDS, DiffWords, Said, Wording, loop_words, said_in, sentence
from processes.diff.notewords import notes_said, reason_words, step_label
from processes.diff.nway import METRICS, Comparison, Members, StepCluster, Variation, name_sides
from processes.diff.parameterwords import decides_wording
from processes.diff.result import KINDS, Difference, ModelDiff
from processes.diff.wordtable import NOT_GIVEN
from processes.model import FrozenMap
from processes.textsafe import markdown_cell
from processes.wording import listed, quoted

__all__ = [
    "KIND_TITLES",
    "diff_text",
    "diff_markdown",
    "comparison_text",
    "comparison_markdown",
    "decisions_yaml",
    "core_twin",
    "twin_said",
    "twins_told_apart",
    "candidate_words",
    "decided_words",
    "message_in",
    "kind_title",
    "how_words",
]

#: the heading of each kind of difference, in English (diffwords.WORDS has each in both languages)
KIND_TITLES = {kind: WORDS["kind." + kind][0] for kind in KINDS}


def kind_title(kind: str, words: DiffWords = ENGLISH, sides: tuple[str, str] | None = None) -> str:
    """The heading of a kind of difference; ``sides``: the names of A and B as the page says them, which a step
    only in one model is headed by ("Only in Åstorp"; the JSON's kinds keep A and B)."""
    if sides is not None and kind in ("only_in_a", "only_in_b"):
        return words.word("kind.only_in", model=sides[kind == "only_in_b"])
    return words.word("kind." + kind)


def message_in(d: Difference, a_name: str, b_name: str, words: DiffWords = ENGLISH) -> str:
    """``d``'s message with the models named (``a_name``, ``b_name``: their names as compared), in the
    language of ``words``: the English message as made ("in A" / "in B" replaced by the names), or its wording
    said in Swedish ("i Åstorps modell"), a fact by the name and the words the output gives it
    (:class:`DiffWords`). A difference without its wording (read back from JSON) says its English message."""
    said = _unnamed_in_words(_message_in(d, a_name, b_name, words), (a_name, b_name), words)
    return _twins_in_words(said, d, (a_name, b_name), words)


def _twins_in_words(text: str, d: Difference, models: Sequence[str], words: DiffWords) -> str:
    """``text`` with the quoted name of each step of ``d`` whose model names another step alike by its name
    and place (:attr:`DiffWords.twins`: "Invoice received (before “Scan Invoice”)"), as the matched lines say
    it (found by QA, qaproc: C.1.0's two "Invoice received" read alike in a difference too)."""
    for model, ids in zip(models, (d.a, d.b), strict=True):
        for i in ids:
            twin = words.twins.get(model, {}).get(i)
            if twin:  # the name as the message quotes it, its line breaks as drawn ("Invoice\nreceived")
                name = r"\s+".join(map(re.escape, twin.rsplit(" (", 1)[0].split()))
                found = re.search(f'"{name}"', text)
                if found:
                    text = f'{text[:found.start()]}"{twin}"{text[found.end():]}'
    return text


def _unnamed_in_words(text: str, models: Sequence[str], words: DiffWords) -> str:
    """``text`` with each quoted unnamed step of ``models`` (view.display_name: "unnamed boundary event
    Timer_1", what it is and its id) said by the words :attr:`DiffWords.unnamed` gives it."""
    said = {i: w for m in models for i, w in words.unnamed.get(m, {}).items()}
    if not said or not any(i in text for i in said):
        return text
    pattern = re.compile(r'"(?:unnamed|namnlös) [^"]* (' + "|".join(map(re.escape, said)) + ')"')
    return pattern.sub(lambda m: f'"{said[m[1]]}"', text)


def _message_in(d: Difference, a_name: str, b_name: str, words: DiffWords) -> str:
    if not d.wording:
        return name_sides(d.message, a_name, b_name)
    in_words = d.kind == "fact" or d.attribute.startswith("profile.delegation")
    if words.lang == "en" and not (in_words and words.facts):  # a fact in the words of an English table too
        # the models as the words name them (a municipality's name: "Åstorp", not the process name "astorp")
        sides = words.side(a_name), words.side(b_name)
        if not d.attribute.startswith("profile."):
            return name_sides(d.message, *sides)
        # a flow or a case attribute in words, not by the id the message (the JSON's) keeps; a parameter's key in
        # words ("delay, standard deviation", not the JSON's "delay.sd")
        return name_sides(sentence(_said_for_person(d, words), "en"), *sides)
    wording = _said_for_person(d, words)
    if in_words:
        key, values = wording[0]
        said = {"fact": words.fact_name(d.attribute)} if d.kind == "fact" else {}
        # a fact as its profile's names: say it in that language (found by QA: the English diff said
        # Helsingborg's handling time "cirka 2 månader" where the English comparison says "about 2 months")
        texts = {"va": words.fact_texts.get(a_name, {}), "vb": words.fact_texts.get(b_name, {})}
        said |= {k: words.value(d.attribute, (texts[k].get(d.attribute) if d.kind == "fact" else None)
                                or said_in(v, words.lang)) for k, v in values if k in ("va", "vb")}
        wording = ((key, tuple((k, said.get(k, v)) for k, v in values)),)
        if d.kind != "fact":  # who decides, said as a manager does: "the committee decides", "nämnden beslutar"
            wording = decides_wording(d, wording, words.lang)
    return sentence(wording, words.lang, (words.side(a_name), words.side(b_name)))


def _names_ids(d: Difference) -> bool:
    """Whether ``d`` is a parameter difference whose key names a flow or a case attribute by its id
    (``profile.probabilities.Flow_Ja``, ``profile.set.tre_underkanda_prov``)."""
    head, _, rest = d.attribute.removeprefix("profile.").partition(".")
    # a matched gateway's branch (gatewaydiff.py: no flow id in its key) too: its message names the flow by id
    return d.attribute.startswith("profile.") and (head in FLOW_KEYS
                                                   or (bool(rest) and head == ATTRIBUTE_KEY))


def _said_for_person(d: Difference, words: DiffWords) -> Wording:
    """``d``'s wording with a case attribute (a ``set:`` key) and a branch's condition (a ``conditions:``
    value) in the words of ``words`` (the report's); any other wording as it is."""
    if not _names_ids(d):
        return d.wording
    head, _, rest = d.attribute.removeprefix("profile.").partition(".")
    key, values = d.wording[0]
    said: dict[str, Said] = {}
    if head == ATTRIBUTE_KEY:
        said["key"] = words.word("param_of." + head, what=f'"{words.attribute(rest)}"')
    elif head == "conditions":
        said |= {k: words.condition(v) for k, v in (("va", d.a_value), ("vb", d.b_value))
                 if v and v not in NOT_GIVEN}  # the default flow: its words, no condition's
    return ((key, tuple((k, said.get(k, v)) for k, v in values)), *d.wording[1:])


def _label(diff: ModelDiff, side: str, ids: Sequence[str], words: DiffWords) -> str:
    """Side ``side``'s steps ``ids`` as a person reads them (:meth:`DiffWords.label`)."""
    model = diff.a if side == "a" else diff.b
    return words.label(model.name, model.steps, ids)


def _names(diff: ModelDiff, d: Difference, words: DiffWords = ENGLISH) -> str:
    """Messages say "in A" / "in B"; reports name the models."""
    return message_in(d, diff.a.name, diff.b.name, words)


def _line(text: str) -> str:
    """``text`` on one line: a label drawn on several lines (a modeller's line break, "Invoice\\nreceived")
    keeps its words, its line breaks read as spaces, so every entry of a text report stays one line."""
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def _tiers(diff: ModelDiff, words: DiffWords = ENGLISH) -> str:
    only = sum(1 for d in diff.differences if d.kind in ("only_in_a", "only_in_b"))
    return words.word("tiers", matched=words.counted(len(diff.matches), "pairs"),
                      uncertain=words.counted(len(diff.uncertain), "steps"),
                      only=words.counted(only, "steps"),
                      n=len(diff.differences))


def candidate_words(score: float, reasons: Sequence[str] = (), words: DiffWords = ENGLISH) -> str:
    """What is said of an uncertain step's candidate: its combined matching score, named, and
    why it is a candidate ("confidence 0.45; labels 0.45 alike (share: remiss)"). A score of 0
    (a task against an event: the score pairs steps of one kind only) says nothing and is left
    out; the reasons say why."""
    said = [words.word("confidence", score=words.number(score, 2))] if score > 0 else []
    return "; ".join([*said, *(reason_words(r, words.lang) for r in reasons)])


def uncertain_lines(diff: ModelDiff, words: DiffWords = ENGLISH) -> list[tuple[str, str, str]]:
    """(step, its model's name, "candidate (confidence; reasons) or ...") per uncertain step."""
    out = []
    for u in diff.uncertain:
        mine, other = (diff.a, diff.b) if u.side == "a" else (diff.b, diff.a)
        model = mine.name
        options = words.word("or").join(
            f'"{words.label(other.name, other.steps, c.ids)}" ({candidate_words(c.score, c.reasons, words)})'
            for c in u.candidates
        )
        out.append((words.label(mine.name, mine.steps, (u.step,)), model, options))
    return out


#: what to do with an uncertain step, under the uncertain steps of the text and Markdown diff
UNCERTAIN_NEXT = WORDS["uncertain_next"][0]


def diff_text(diff: ModelDiff, words: DiffWords = ENGLISH) -> str:
    """A readable summary: scores and the three tiers, then every difference on one line,
    then the uncertain steps with their candidates, then the matched pairs with their
    confidence; in the language of ``words``."""
    s = diff.similarity
    lines = [
        words.word("head", a=words.name(diff.a.name), b=words.name(diff.b.name),
                   na=words.counted(s.nodes_a, "steps"), nb=words.counted(s.nodes_b, "steps")),
        words.word("similarity", node=words.number(s.node_matching, 3),
                   structural=words.number(s.structural, 3), behavioural=words.number(s.behavioural, 3)),
        _tiers(diff, words),
        "",
    ]
    words = words.shortly((diff.a.name, diff.b.name))  # named whole on the head line, short below it
    sides = words.name(diff.a.name), words.name(diff.b.name)  # "Only in Åstorp"; the JSON keeps A and B
    for d in diff.differences:
        lines.append(f"[{kind_title(d.kind, words, sides)}] {_line(_names(diff, d, words))}")
    other_name = {diff.a.name: diff.b.name, diff.b.name: diff.a.name}
    for step, model, options in uncertain_lines(diff, words):
        lines.append(_line(words.word("uncertain_line", step=step, model=words.side(model), options=options,
                                      other=words.side(other_name.get(model, "")))))
    if diff.uncertain:
        lines.append(words.word("uncertain_next"))
    for m in diff.matches:
        lines.append(_line(words.word("matched_line", a=_label(diff, "a", m.a, words),
                                      an=words.side(diff.a.name), b=_label(diff, "b", m.b, words),
                                      bn=words.side(diff.b.name),
                                      confidence=words.number(m.confidence, 2), how=how_words(m.how, words))))
    for note in notes_said(diff.notes, (diff.a.name, diff.b.name), words):
        lines.append(_line(words.word("note", note=note)))
    return "\n".join(lines) + "\n"


def how_words(how: str, words: DiffWords = ENGLISH) -> str:
    """How a pair was found ("auto", "confirmed", ...) in the output's words: the code name where the table
    has no words for it."""
    return words.word("how." + how) if "how." + how in WORDS else how


def _given(value: str, words: DiffWords) -> str:
    """A value as a table cell shows it: one a profile does not give (a gateway's default flow) in words."""
    return words.word(NOT_GIVEN[value]) if value in NOT_GIVEN else value


def _cell(text: str) -> str:
    return markdown_cell(text)


def _value(d: Difference, side: str, words: DiffWords, model: str = "") -> str:
    """What a difference says side ``side`` ("a", "b", of ``model``) has, in the output's words: a fact's
    text in its words (as its profile's names: say it, as the message does), a value its message says in both
    languages as that language says it, a relation ("before") in words."""
    value = d.a_value if side == "a" else d.b_value
    if value in NOT_GIVEN:  # a gateway's default flow, a flow set not listed: in the output's words
        return _given(value, words)
    if value and d.attribute.removeprefix("profile.").partition(".")[0] == "conditions":
        return words.condition(value)  # the report's words, in English too: no attribute's code name
    # a decision level in words in English too ("the committee", not the profile's "committee": found by QA, qaleft)
    in_words = d.kind == "fact" or d.attribute.startswith("profile.delegation")
    if d.kind == "attribute" and d.attribute in ("loop_marker", "timer") and not value:
        return words.word("none")  # not the step's name, which a cell left empty shows (found by QA, qaproc)
    if d.attribute == "loop_marker":
        return said_in(loop_words(value), words.lang)  # in words in English too: "standard max 3" is code
    if not value or (words.lang == "en" and not (in_words and words.facts)):
        return value
    said = dict(d.wording[0][1]).get("va" if side == "a" else "vb") if d.wording else None
    if in_words:
        # a fact as its message says it in that language (its profile's names:), in that language's words
        text = words.fact_texts.get(model, {}).get(d.attribute) if d.kind == "fact" else None
        written = said_in(said, words.lang) if isinstance(said, tuple) else value
        return words.value(d.attribute, text or written)
    if said is not None and d.attribute != "timer":
        return said_in(said, words.lang)
    return words.word("value." + value) if "value." + value in WORDS else value


def diff_markdown(diff: ModelDiff, words: DiffWords = ENGLISH) -> str:
    """A Markdown report: scores table, differences table, matches table; in the language of ``words``."""
    s = diff.similarity
    w = words.word
    title = w('title', a=_cell(words.name(diff.a.name)), b=_cell(words.name(diff.b.name)))
    words = words.shortly((diff.a.name, diff.b.name))  # named whole in the title, short below it
    name_a, name_b = _cell(words.name(diff.a.name)), _cell(words.name(diff.b.name))
    sides = name_a, name_b  # a step only in one model is headed by its model's name
    out = [
        f"# {title}",
        "",
        f"| {w('score')} | {w('value')} |",
        "|---|---|",
        f"| {w('node_matching')} | {words.number(s.node_matching, 3)} |",
        f"| {w('structural')} | {words.number(s.structural, 3)} |",
        f"| {w('behavioural')} | {words.number(s.behavioural, 3)} |",
        "",
        _tiers(diff, words),
        "",
        f"## {w('differences', n=len(diff.differences))}",
        "",
        f"| {w('kind')} | {name_a} | {name_b} | {w('what')} |",
        "|---|---|---|---|",
    ]
    for d in diff.differences:
        # a split or merge names every step of its side ("Remiss till Polisen" alone hid the others)
        a_ids, b_ids = (d.a, d.b) if d.kind in ("split", "merged") else (d.a[:1], d.b[:1])
        out.append(
            f"| {kind_title(d.kind, words, sides)} | "
            f"{_cell(_value(d, 'a', words, diff.a.name) or _label(diff, 'a', a_ids, words))}"
            f" | {_cell(_value(d, 'b', words, diff.b.name) or _label(diff, 'b', b_ids, words))}"
            f" | {_cell(_names(diff, d, words))} |"
        )
    out += [
        "",
        f"## {w('matched_steps', n=len(diff.matches))}",
        "",
        f"| {name_a} | {name_b} | {w('confidence_head')} | {w('how')} |",
        "|---|---|---|---|",
    ]
    for m in diff.matches:
        out.append(
            f"| {_cell(_label(diff, 'a', m.a, words))} | {_cell(_label(diff, 'b', m.b, words))} | "
            f"{words.number(m.confidence, 2)} | "
            f"{how_words(m.how, words)} |"
        )
    out += [
        "",
        f"## {w('uncertain_head', n=len(diff.uncertain))}",
        "",
        f"| {w('step')} | {w('in')} | {w('may_be')} |",
        "|---|---|---|",
    ]
    for step, model, options in uncertain_lines(diff, words):
        out.append(f"| {_cell(step)} | {_cell(words.name(model))} | {_cell(options)} |")
    if diff.uncertain:
        out += ["", w("uncertain_next")]
    if diff.notes:
        out += ["", f"## {w('notes')}", ""]
        out += [f"- {_cell(n)}" for n in notes_said(diff.notes, (diff.a.name, diff.b.name), words)]
    return "\n".join(out) + "\n"


def _metric(metric: str, words: DiffWords) -> str:
    """A similarity matrix's measure in words (the code name without them)."""
    return words.word("matrix." + metric) if "matrix." + metric in WORDS else metric.replace("_", " ")


def _matrix(comparison: Comparison, metric: str, words: DiffWords = ENGLISH) -> list[str]:
    names = [words.name(n) for n in comparison.names]
    rows = comparison.similarity[metric]
    out = [f"| {_metric(metric, words)} | "
           + " | ".join(_cell(n) for n in names) + " |",
           "|---" * (len(names) + 1) + "|"]
    for name, row in zip(names, rows, strict=True):
        out.append(f"| {_cell(name)} | " + " | ".join(words.number(v, 3) for v in row) + " |")
    return out


def _core_label(cluster: StepCluster, words: DiffWords) -> str:
    """A row of the common core by its label in the output's language; an unnamed step by the words
    :attr:`DiffWords.unnamed` gives one of its members ("timer after 2 weeks in ...": not its id)."""
    if cluster.label.startswith("unnamed "):
        for model, ids in cluster.members.items():
            said = [words.unnamed.get(model, {}).get(i) for i in ids]
            if said and all(said):
                return " + ".join(str(x) for x in said)
    twin = core_twin(cluster, words)
    return twin or step_label(cluster.label, words.lang)


def core_twin(cluster: StepCluster, words: DiffWords) -> str | None:
    """A core row's step by its name and place (:attr:`DiffWords.twins`) when its first model names another
    step alike, else None (found by QA, qaproc: the core of MIWG C.8.0's four exports listed "Update Remaining
    Vacation" twice)."""
    return twin_said(cluster.label, cluster.members, words)


def twin_said(label: str, members: Members, words: DiffWords) -> str | None:
    """The step ``label`` (``members``: its ids in each model) by its name and place (:attr:`DiffWords.twins`)
    when the first of its models that names another step alike says it so, else None."""
    for model, ids in members.items():
        said = words.twins.get(model, {}).get(ids[0]) if len(ids) == 1 else None
        if said and said.startswith(" ".join(label.split()) + " ("):
            return said
    return None


def _twin_quoted(label: str, members: Members, words: DiffWords) -> str | None:
    """:func:`twin_said` with the name quoted, as a variation's sentence quotes a step, and its place after it:
    "“New employee hired” (before “Create domain account”)" (found by QA, qavariation: MIWG C.4.0's group said
    "“New employee hired” is a step in ..." three times); report.variationwords leaves it as it is."""
    said = twin_said(label, members, words)
    if said is None:
        return None
    name = " ".join(label.split())
    return quoted(name, words.lang) + said[len(name):]


def decided_words(cluster: StepCluster, words: DiffWords = ENGLISH) -> str:
    """What a row of the common core says when it follows the person's match decisions (``--matches``):
    a pair they confirmed joins its steps, a pair they rejected kept it apart from other rows; else nothing."""
    said = [words.word("confirmed_pair")] if cluster.confirmed else []
    if cluster.apart_from:
        said.append(words.word("kept_apart") + listed([f'"{a}"' for a in cluster.apart_from],
                                                       words.word("and")))
    return f" ({words.word('decision')}: {'; '.join(said)})" if said else ""


def _step_said(label: str, words: DiffWords) -> str:
    """A step's label as the comparison gives it, an unnamed step (view.display_name: "unnamed boundary event
    Timer_1", what it is and its id) by the words :attr:`DiffWords.unnamed` gives it, each of steps matched as
    one (" + ") by itself: no id in a sentence a person reads (found by QA, qacomptext)."""
    if " + " in label:
        return " + ".join(_step_said(part, words) for part in label.split(" + "))
    if not label.startswith("unnamed "):
        return label
    said = {i: w for named in words.unnamed.values() for i, w in named.items()}
    return said.get(label.rsplit(" ", 1)[-1], label)


def _told_apart(labels: tuple[str, ...], members: tuple[Members, ...], words: DiffWords,
                otherwise: Callable[[str], str]) -> tuple[str, ...]:
    """A variation's steps, one whose model names another step alike by its name and place (:func:`_twin_quoted`;
    ``members``: each step's ids in each model, when the variation has them), any other as ``otherwise`` says
    it."""
    if len(members) != len(labels):
        return tuple(otherwise(s) for s in labels)
    return tuple(_twin_quoted(s, m, words) or otherwise(s) for s, m in zip(labels, members, strict=True))


def twins_told_apart(v: Variation, words: DiffWords) -> Variation:
    """``v`` with each of its steps whose model names another step alike said by its name and place
    (:func:`_twin_quoted`), the others as they are: the comparison's page says its sentences so too."""
    steps = _told_apart(v.steps, v.step_members, words, str)
    return replace(v, step=steps[0] if v.steps and v.step == v.steps[0] else v.step, steps=steps,
                   others=_told_apart(v.others, v.other_members, words, str))


def _variation(v: Variation, words: DiffWords) -> str:
    """A variation point's sentence: the output's sentence in its language, its steps as :func:`_told_apart`
    and :func:`_step_said` say them, else its English message (an unnamed step in it in words)."""
    if words.variation is not None:
        def plain(label: str) -> str:
            return _step_said(label, words)

        steps = _told_apart(v.steps, v.step_members, words, plain)
        step = steps[0] if v.steps and v.step == v.steps[0] else plain(v.step)
        said = replace(v, step=step, steps=steps, others=_told_apart(v.others, v.other_members, words, plain),
                       maybe=FrozenMap({n: _step_said(s, words) for n, s in v.maybe.items()}))
        sentence = words.variation(said, words.names)
        if sentence:
            return sentence
    return _unnamed_in_words(v.message, tuple(words.unnamed), words)


def _fact_cells(comparison: Comparison, fact: str, values: Sequence[str], words: DiffWords) -> list[str]:
    """A fact's value in each model, in the language of ``words``: its text as the model's profile says it in that
    language where ``words`` has it, in that language's words."""
    said = [words.fact_texts.get(n, {}).get(fact, v) if v else v for n, v in zip(comparison.names, values,
                                                                                   strict=True)]
    return [words.fact_value(v) if v else v for v in said]


def comparison_markdown(comparison: Comparison, words: DiffWords = ENGLISH) -> str:
    """A Markdown report: similarity matrices, common core, variation points, facts; in the language of
    ``words``; the models by their whole names in its title, by their short names below it."""
    w = words.word
    title = w('comparison_of', names=_cell(', '.join(words.name(n) for n in comparison.names)))
    words = words.shortly(comparison.names)
    names = [words.name(n) for n in comparison.names]
    out = [f"# {title}", "", f"## {w('similarity_head')}", ""]
    for metric in METRICS:
        out += _matrix(comparison, metric, words) + [""]
    out += [f"## {w('core_head', n=words.counted(len(comparison.core), 'steps'))}", ""]
    out += [f"- {_cell(_core_label(comparison.clusters[k], words) + decided_words(comparison.clusters[k], words))}"
            for k in comparison.core]
    out += [
        "",
        f"## {w('variations_head', n=len(comparison.variations))}",
        "",
        f"| {w('kind')} | {w('step')} | " + " | ".join(_cell(n) for n in names) + f" | {w('what')} |",
        "|---" * (len(names) + 3) + "|",
    ]
    for v in comparison.variations:  # the values alone ("before", "15m") do not say before what, or what is 15m
        out.append(
            f"| {_cell(_variation_kind(v.kind, words))} | {_cell(_variation_step(v, words))} | "
            + " | ".join(_cell(_variation_value(v, n, words)) for n in comparison.names)
            + f" | {_cell(_variation(v, words))} |"
        )
    out += ["", f"## {w('facts_head')}", ""]
    out += [
        f"| {w('fact_head')} | " + " | ".join(_cell(n) for n in names) + " |",
        "|---" * (len(names) + 1) + "|",
    ] if comparison.facts else [_cell(w("no_facts")[:1].upper() + w("no_facts")[1:])]
    for fact, values in comparison.facts:
        out.append(f"| {_cell(words.fact_name(fact))} | "
                   + " | ".join(_cell(v) for v in _fact_cells(comparison, fact, values, words)) + " |")
    if comparison.notes:
        out += ["", f"## {w('notes')}", ""] + [f"- {_cell(n)}"
                                              for n in notes_said(comparison.notes, comparison.names, words)]
    return "\n".join(out) + "\n"


def _variation_step(v: Variation, words: DiffWords) -> str:
    """The step a variation point is about, in the output's words: the first of several and how many more
    (found while checking qacomptext: the Swedish table said "(+1 more)")."""
    first = (twin_said(v.steps[0], v.step_members[0], words) if v.steps and len(v.step_members) == len(v.steps)
             else None) or _step_said(v.steps[0] if v.steps else v.step, words)  # a twin by its place, as the core
    if len(v.steps) > 1 and v.step == f"{v.steps[0]} (+{len(v.steps) - 1} more)":
        return words.word("more_steps", step=first, n=len(v.steps) - 1)
    return first if v.steps and v.step == v.steps[0] else _step_said(v.step, words)


def _variation_value(v: Variation, model: str, words: DiffWords) -> str:
    """What ``model`` does at variation point ``v``, a relation of control flow ("parallel") in the output's
    words, as the diff's table says it (found while checking qacomptext: the Swedish table said
    "exclusive"); whether a model has a step, in its words too (the Swedish Markdown said "absent | present |
    uncertain": found by QA, qareview)."""
    value = _given(v.values.get(model, ""), words)
    if v.kind == "presence" and "presence." + value in WORDS:
        return words.word("presence." + value)
    if v.aspect.startswith("profile.delegation"):  # a decision level in words ("nämnden", not "committee": qaleft)
        return words.value(v.aspect, value)
    return words.word("value." + value) if v.kind == "control_flow" and "value." + value in WORDS else value


def _variation_kind(kind: str, words: DiffWords) -> str:
    return words.variation_kinds.get(kind, kind)


def comparison_text(comparison: Comparison, words: DiffWords = ENGLISH) -> str:
    """A readable summary of an N-way comparison, in the language of ``words``; the models by their whole
    names on the line that names them, by their short names in the matrices, sentences and facts."""
    w = words.word
    out = [w("models_line", names=", ".join(words.name(n) for n in comparison.names)), ""]
    words = words.shortly(comparison.names)
    names = [words.name(n) for n in comparison.names]
    width = max(len(n) for n in names)
    # each column as wide as its model's name (a value is five characters), the names above them:
    # the order on the "models:" line alone leaves a reader counting columns
    columns = [max(5, len(n)) for n in names]
    for metric in METRICS:
        out.append(w("metric_line", metric=_metric(metric, words)))
        out.append(f"  {'':<{width}}  "
                   + "  ".join(f"{n:>{w_}}" for n, w_ in zip(names, columns, strict=True)))
        for name, row in zip(names, comparison.similarity[metric], strict=True):
            out.append(f"  {name:<{width}}  "
                       + "  ".join(f"{words.number(v, 3):>{w_}}" for v, w_ in zip(row, columns, strict=True)))
        out.append("")
    out.append(w("core_line", n=words.counted(len(comparison.core), "steps")))
    out += [f"  - {_line(_core_label(comparison.clusters[k], words) + decided_words(comparison.clusters[k], words))}"
            for k in comparison.core]
    out += ["", w("variations_line", n=len(comparison.variations))]
    out += [f"  [{_variation_kind(v.kind, words)}] {_line(_variation(v, words))}"
            for v in comparison.variations]
    out += ["", w("facts_line") + ("" if comparison.facts else f": {w('no_facts')}")]
    for fact, values in comparison.facts:
        out.append(f"  {words.fact_name(fact)}:")
        out += [f"    {n:<{width}}  {_line(v) or '-'}"
                for n, v in zip(names, _fact_cells(comparison, fact, values, words), strict=True)]
    if comparison.notes:
        out.append("")
        out += [_line(w("note", note=note)) for note in notes_said(comparison.notes, comparison.names, words)]
    return "\n".join(out) + "\n"




def _comment(text: str) -> str:
    return " ".join(text.split())


def decisions_yaml(diff: ModelDiff) -> str:
    """A match-decisions file (decisions.py format) holding every pair of ``diff`` under
    ``confirm``, scoped to these two models, with the labels as comments, and the
    unmatched steps as comments: the user moves wrong pairs to ``reject``, adds missing
    ones, and passes the file back with ``--matches``. Candidates of uncertain steps are
    listed under ``confirm`` as comments: uncomment one to confirm it."""
    models = json.dumps([diff.a.name, diff.b.name], ensure_ascii=False)
    lines = [
        f"# Match decisions for {_comment(diff.a.name)} (a) vs {_comment(diff.b.name)} (b), from permitflow diff.",
        "# Every pair found is listed under confirm. Move a wrong pair to reject (or delete it),",
        "# uncomment a candidate of an uncertain step (lines '# - ...') to confirm it, add a",
        "# missing pair to confirm, then run again with --matches THIS_FILE.",
        "schema_version: 1",
        "confirm:",
    ]
    for m in diff.matches:
        note = f'"{_comment(diff.label_a(m.a))}" = "{_comment(diff.label_b(m.b))}" ({m.how}, confidence {m.confidence:.2f})'
        lines.append(f"  - {{a: {written_ids(m.a)}, b: {written_ids(m.b)}, models: {models}}}  # {note}")
    listed: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for u in diff.uncertain:
        for c in u.candidates:
            a_ids, b_ids = ((u.step,), c.ids) if u.side == "a" else (c.ids, (u.step,))
            if (a_ids, b_ids) in listed:
                continue
            listed.add((a_ids, b_ids))
            note = f'uncertain: "{_comment(diff.label_a(a_ids))}" = "{_comment(diff.label_b(b_ids))}"' + (
                f" ({candidate_words(c.score)})" if c.score > 0 else ""
            )
            lines.append(f"# - {{a: {written_ids(a_ids)}, b: {written_ids(b_ids)}, models: {models}}}  # {note}")
    if diff.rejected:
        lines.append("reject:")
        for a_ids, b_ids in diff.rejected:  # rejected in the --matches file of this run: kept
            note = f'"{_comment(diff.label_a(a_ids))}" = "{_comment(diff.label_b(b_ids))}" (rejected before)'
            lines.append(f"  - {{a: {written_ids(a_ids)}, b: {written_ids(b_ids)}, models: {models}}}  # {note}")
    else:
        lines.append("reject: []")
    matched_a = {s for m in diff.matches for s in m.a}
    matched_b = {s for m in diff.matches for s in m.b}
    for side, steps, matched, label in (
        ("a", diff.a.steps, matched_a, diff.label_a),
        ("b", diff.b.steps, matched_b, diff.label_b),
    ):
        unsure = {u.step for u in diff.uncertain if u.side == side}
        for s in steps:
            if s not in matched:
                what = "uncertain" if s in unsure else "only"
                lines.append(
                    f"# {what} in {side}: {json.dumps(s, ensure_ascii=False)}  {_comment(label((s,)))}"
                )
    return "\n".join(lines) + "\n"
