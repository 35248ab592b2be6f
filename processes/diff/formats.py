"""Plain-text and Markdown renderings of a diff and of an N-way comparison (pure: str out)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from processes.diff.decisions import written_ids
from processes.diff.nway import METRICS, Comparison, StepCluster, name_sides
from processes.diff.result import ModelDiff
from processes.textsafe import markdown_cell
from processes.wording import counted, listed

__all__ = [
    "KIND_TITLES",
    "diff_text",
    "diff_markdown",
    "comparison_text",
    "comparison_markdown",
    "decisions_yaml",
    "candidate_words",
    "decided_words",
]

KIND_TITLES = {
    "only_in_a": "Only in A",
    "only_in_b": "Only in B",
    "split": "Split",
    "merged": "Merged",
    "attribute": "Changed",
    "order": "Order",
    "concurrency": "Parallel vs sequential",
    "exclusiveness": "Alternative vs both",
    "optionality": "Optional vs mandatory",
    "loop": "Loop",
    "fact": "Fact",
}


def _names(diff: ModelDiff, text: str) -> str:
    """Messages say "in A" / "in B"; reports name the models."""
    return name_sides(text, diff.a.name, diff.b.name)


def _line(text: str) -> str:
    """``text`` on one line: a label drawn on several lines (a modeller's line break, "Invoice\\nreceived")
    keeps its words, its line breaks read as spaces, so every entry of a text report stays one line."""
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def _tiers(diff: ModelDiff) -> str:
    only = sum(1 for d in diff.differences if d.kind in ("only_in_a", "only_in_b"))
    return (
        f"matched: {counted(len(diff.matches), 'pair')}; uncertain: {counted(len(diff.uncertain), 'step')}; "
        f"only in one model: {counted(only, 'step')}; differences: {len(diff.differences)}"
    )


def candidate_words(score: float, reasons: Sequence[str] = ()) -> str:
    """What is said of an uncertain step's candidate: its combined matching score, named, and
    why it is a candidate ("confidence 0.45; labels 0.45 alike (share: remiss)"). A score of 0
    (a task against an event: the score pairs steps of one kind only) says nothing and is left
    out; the reasons say why."""
    said = [f"confidence {score:.2f}"] if score > 0 else []
    return "; ".join([*said, *reasons])


def uncertain_lines(diff: ModelDiff) -> list[tuple[str, str, str]]:
    """(step, its model's name, "candidate (confidence; reasons) or ...") per uncertain step."""
    out = []
    for u in diff.uncertain:
        mine, other = (diff.label_a, diff.label_b) if u.side == "a" else (diff.label_b, diff.label_a)
        model = diff.a.name if u.side == "a" else diff.b.name
        options = " or ".join(
            f'"{other(c.ids)}" ({candidate_words(c.score, c.reasons)})' for c in u.candidates
        )
        out.append((mine((u.step,)), model, options))
    return out


#: what to do with an uncertain step, under the uncertain steps of the text and Markdown diff
UNCERTAIN_NEXT = (
    "Uncertain steps are not counted as differences. To settle one, confirm its candidate in a matches "
    "file (--save-matches FILE writes one with the candidates to uncomment; the HTML diff has buttons) "
    "and run again with --matches FILE."
)


def diff_text(diff: ModelDiff) -> str:
    """A readable summary: scores and the three tiers, then every difference on one line,
    then the uncertain steps with their candidates, then the matched pairs with their
    confidence."""
    s = diff.similarity
    lines = [
        f"{diff.a.name} (A, {counted(s.nodes_a, 'step')}) vs {diff.b.name} (B, {counted(s.nodes_b, 'step')})",
        f"similarity: node matching {s.node_matching:.3f}, structural {s.structural:.3f}, "
        f"behavioural {s.behavioural:.3f}",
        _tiers(diff),
        "",
    ]
    for d in diff.differences:
        lines.append(f"[{KIND_TITLES[d.kind]}] {_line(_names(diff, d.message))}")
    other_name = {diff.a.name: diff.b.name, diff.b.name: diff.a.name}
    for step, model, options in uncertain_lines(diff):
        lines.append(_line(f'[Uncertain] "{step}" in {model}: maybe {options} in {other_name.get(model, "")}'))
    if diff.uncertain:
        lines.append(UNCERTAIN_NEXT)
    for m in diff.matches:
        lines.append(_line(
            f'[Matched] "{diff.label_a(m.a)}" in {diff.a.name} = "{diff.label_b(m.b)}" in {diff.b.name} '
            f"({m.confidence:.2f}, {m.how})"
        ))
    for note in diff.notes:
        lines.append(_line(f"note: {note}"))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return markdown_cell(text)


def diff_markdown(diff: ModelDiff) -> str:
    """A Markdown report: scores table, differences table, matches table."""
    s = diff.similarity
    out = [
        f"# {_cell(diff.a.name)} vs {_cell(diff.b.name)}",
        "",
        "| score | value |",
        "|---|---|",
        f"| node matching | {s.node_matching:.3f} |",
        f"| structural | {s.structural:.3f} |",
        f"| behavioural | {s.behavioural:.3f} |",
        "",
        _tiers(diff),
        "",
        f"## Differences ({len(diff.differences)})",
        "",
        f"| kind | {_cell(diff.a.name)} | {_cell(diff.b.name)} | what |",
        "|---|---|---|---|",
    ]
    for d in diff.differences:
        # a split or merge names every step of its side ("Remiss till Polisen" alone hid the others)
        a_ids, b_ids = (d.a, d.b) if d.kind in ("split", "merged") else (d.a[:1], d.b[:1])
        out.append(
            f"| {KIND_TITLES[d.kind]} | {_cell(d.a_value or diff.label_a(a_ids))} | "
            f"{_cell(d.b_value or diff.label_b(b_ids))} | {_cell(_names(diff, d.message))} |"
        )
    out += [
        "",
        f"## Matched steps ({len(diff.matches)})",
        "",
        f"| {_cell(diff.a.name)} | {_cell(diff.b.name)} | confidence | how |",
        "|---|---|---|---|",
    ]
    for m in diff.matches:
        out.append(
            f"| {_cell(diff.label_a(m.a))} | {_cell(diff.label_b(m.b))} | {m.confidence:.2f} | {m.how} |"
        )
    out += [
        "",
        f"## Uncertain ({len(diff.uncertain)})",
        "",
        "| step | in | may be (why) |",
        "|---|---|---|",
    ]
    for step, model, options in uncertain_lines(diff):
        out.append(f"| {_cell(step)} | {_cell(model)} | {_cell(options)} |")
    if diff.uncertain:
        out += ["", UNCERTAIN_NEXT]
    if diff.notes:
        out += ["", "## Notes", ""] + [f"- {_cell(n)}" for n in diff.notes]
    return "\n".join(out) + "\n"


def _matrix(comparison: Comparison, metric: str, cell: str = "{:.3f}") -> list[str]:
    names = comparison.names
    rows = comparison.similarity[metric]
    out = [f"| {metric.replace('_', ' ')} | " + " | ".join(_cell(n) for n in names) + " |",
           "|---" * (len(names) + 1) + "|"]
    for name, row in zip(names, rows, strict=True):
        out.append(f"| {_cell(name)} | " + " | ".join(cell.format(v) for v in row) + " |")
    return out


def decided_words(cluster: StepCluster) -> str:
    """What a row of the common core says when it follows the person's match decisions (``--matches``):
    a pair they confirmed joins its steps, a pair they rejected kept it apart from other rows; else nothing."""
    said = ["a confirmed pair"] if cluster.confirmed else []
    if cluster.apart_from:
        said.append("kept apart from " + listed([f'"{a}"' for a in cluster.apart_from]))
    return f" (the person's decision: {'; '.join(said)})" if said else ""


def comparison_markdown(comparison: Comparison) -> str:
    """A Markdown report: similarity matrices, common core, variation points, facts."""
    names = comparison.names
    out = [f"# Comparison of {_cell(', '.join(names))}", "", "## Similarity", ""]
    for metric in METRICS:
        out += _matrix(comparison, metric) + [""]
    out += [f"## Common core ({counted(len(comparison.core), 'step')} in every model)", ""]
    out += [f"- {_cell(comparison.clusters[k].label + decided_words(comparison.clusters[k]))}" for k in comparison.core]
    out += [
        "",
        f"## Variation points ({len(comparison.variations)})",
        "",
        "| kind | step | " + " | ".join(_cell(n) for n in names) + " | what |",
        "|---" * (len(names) + 3) + "|",
    ]
    for v in comparison.variations:  # the values alone ("before", "15m") do not say before what, or what is 15m
        out.append(
            f"| {_cell(v.kind)} | {_cell(v.step)} | " + " | ".join(_cell(v.values.get(n, "")) for n in names)
            + f" | {_cell(v.message)} |"
        )
    out += [
        "",
        "## Facts",
        "",
        "| fact | " + " | ".join(_cell(n) for n in names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]
    for fact, values in comparison.facts:
        out.append(f"| {_cell(fact.replace('_', ' '))} | " + " | ".join(_cell(v) for v in values) + " |")
    if comparison.notes:
        out += ["", "## Notes", ""] + [f"- {_cell(n)}" for n in comparison.notes]
    return "\n".join(out) + "\n"


def comparison_text(comparison: Comparison) -> str:
    """A readable summary of an N-way comparison."""
    names = comparison.names
    width = max(len(n) for n in names)
    out = [f"models: {', '.join(names)}", ""]
    # each column as wide as its model's name (a value is five characters), the names above them:
    # the order on the "models:" line alone leaves a reader counting columns
    columns = [max(5, len(n)) for n in names]
    for metric in METRICS:
        out.append(f"{metric.replace('_', ' ')} similarity")  # as diff says it: "node matching"
        out.append(f"  {'':<{width}}  " + "  ".join(f"{n:>{w}}" for n, w in zip(names, columns, strict=True)))
        for name, row in zip(names, comparison.similarity[metric], strict=True):
            out.append(f"  {name:<{width}}  "
                       + "  ".join(f"{v:>{w}.3f}" for v, w in zip(row, columns, strict=True)))
        out.append("")
    out.append(f"common core: {counted(len(comparison.core), 'step')} in every model")
    out += [f"  - {_line(comparison.clusters[k].label + decided_words(comparison.clusters[k]))}" for k in comparison.core]
    out += ["", f"variation points: {len(comparison.variations)}"]
    out += [f"  [{v.kind}] {_line(v.message)}" for v in comparison.variations]
    out += ["", "facts"]
    for fact, values in comparison.facts:
        out.append(f"  {fact.replace('_', ' ')}:")
        out += [f"    {n:<{width}}  {_line(v) or '-'}" for n, v in zip(names, values, strict=True)]
    if comparison.notes:
        out.append("")
        out += [_line(f"note: {note}") for note in comparison.notes]
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
