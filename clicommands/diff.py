"""``permitflow diff`` and ``permitflow compare``: two or more models matched and their differences
printed as text, JSON, Markdown or HTML, with the matching settings (thresholds, thesaurus, saved matches).

Its own module: the comparison commands; what they read is in compareinputs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import click

from clicommands.compareinputs import (
    compare_input,
    compare_inputs,
    distinct_names,
    log_compare_options,
    log_inputs,
    model_file_of,
)
from clicommands.options import LENIENT_LEFT_OUT_HELP, Count, InputPath, Number
from clicommands.output import emit, not_an_input, note_lenient, with_repairs
from clicommands.workers import one_blas_thread
from processes.extras import install_hint

__all__ = ["compare_cmd", "diff_cmd"]


_DIFF_FORMATS = click.Choice(["text", "json", "markdown", "html"])


def _diff_settings(matches: str | None, synonyms: str | None) -> tuple[object, object]:
    from bpmn_io.userfile import MAX_YAML_BYTES, read_user_file
    from processes.diff import NO_DECISIONS, builtin_synonyms, parse_decisions, parse_synonyms

    def read(path: str, what: str) -> bytes:
        return read_user_file(path, what=what, max_bytes=MAX_YAML_BYTES)

    decisions = parse_decisions(read(matches, "matches file"), source=matches) if matches else NO_DECISIONS
    words = builtin_synonyms()
    if synonyms:
        words = words.merged(parse_synonyms(read(synonyms, "synonyms file"), source=synonyms))
    return decisions, words


def _check_matches(decisions: object, matches: str | None, loaded: list[tuple[str, object]]) -> None:
    """Refuse a matches file naming a step none of the models has (before anything is written)."""
    from processes.diff import check_decisions

    if matches:
        from processes.model import Gateway

        # gateways are not steps: the matcher never pairs them, so a file naming one is refused
        models = {name: [n.id for p in defs.processes for n in p.nodes.values() if not isinstance(n, Gateway)]  # type: ignore[attr-defined]
                  for name, defs in loaded}
        gateways: dict[str, dict[str, list[str]]] = {}  # id -> gateway kind -> the models that have it
        for name, defs in loaded:
            for n in (n for p in defs.processes for n in p.nodes.values() if isinstance(n, Gateway)):  # type: ignore[attr-defined]
                gateways.setdefault(n.id, {}).setdefault(n.tag, []).append(name)
        said = {i: " and ".join(f"{tag} of {', '.join(names)}" for tag, names in kinds.items())
                for i, kinds in gateways.items()}
        check_decisions(decisions, models, source=matches, not_steps=said)  # type: ignore[arg-type]


def _note_other_models(decisions: object, matches: str | None, names: list[str]) -> None:
    """One stderr note per pair of model names a matches file scopes entries to that are not both
    compared (a file saved before a model file was renamed): compare shows no per-pair notes, and
    such entries are not used, so say which lines and what to write."""
    if not matches:
        return
    other: dict[tuple[str, ...], list[int]] = {}
    for d in decisions.confirm + decisions.reject:  # type: ignore[attr-defined]
        if d.models and not set(d.models) <= set(names):
            other.setdefault(tuple(d.models), []).append(d.line)
    for pair, lines in other.items():
        lines.sort()
        where = (f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}" if len(lines) <= 3
                 else f"lines {lines[0]} to {lines[-1]}")
        missing = ", ".join(n for n in dict.fromkeys(pair) if n not in names)
        click.echo(
            f"note: {matches}: {len(lines)} match decision{'s' if len(lines) > 1 else ''} ({where}) "
            f"for {' vs '.join(pair)} not used: {missing} is not among the models compared "
            f"({', '.join(names)}); to use them, write in their models: the names as on the command line",
            err=True,
        )


def _thesaurus(use: bool, loaded: list[tuple[str, object]], language: str) -> object:
    """The system lexical resources (Debian wordnet-base, mythes-sv) for the labels of ``loaded``."""
    from processes.diff.thesaurus import NO_THESAURUS

    if not use:
        return NO_THESAURUS
    from bpmn_io.lexical import system_thesaurus  # (and the WordNet reader: only for --thesaurus)
    from processes.diff.language import detect_language

    by_language: dict[str, list[str]] = {}
    for _, defs in loaded:
        labels = [n.name for p in defs.processes for n in p.nodes.values() if n.name]  # type: ignore[attr-defined]
        by_language.setdefault(language if language != "auto" else detect_language(labels), []).extend(labels)
    return system_thesaurus(by_language)


_diff_options = [
    click.option("--format", "fmt", type=_DIFF_FORMATS, default="text", show_default=True,
                 help="text, json (docs/diff-schema.md), markdown, or html (self-contained page with diagrams)."),
    click.option("-o", "--output", type=InputPath("a file to write", exists=False),
                 help="Write here (atomically) instead of stdout."),
    click.option("--matches", type=InputPath("a YAML file of confirmed and rejected pairs"),
                 help="YAML file of confirmed/rejected pairs (docs/diff-schema.md#match-decisions); compare "
                      "honours them across every pair of models."),
    click.option("--synonyms", type=InputPath("a YAML synonym list"),
                 help="YAML synonym list merged with the built-in one."),
    click.option("--threshold", type=Number(0.0, 1.0, what="a score", example="0.75"), default=0.75, show_default=True,
                 help="Lowest combined score of the one-to-one assignment (later passes pair steps left over "
                      "below it; docs/compare.md: Matching)."),
    click.option("--language", type=click.Choice(["auto", "sv", "en", "other"]), default="auto",
                 show_default=True,
                 help="Language of the labels, for matching them: sv, en, other (neither: compared by "
                      "spelling alone, no stop words or stems), or auto (detected per model; the notes say "
                      "when a model was read as neither)."),
    click.option("--output-language", "output_language", type=click.Choice(["auto", "sv", "en"]),
                 default="auto", show_default=True,
                 help="Language of the output's words (text, markdown, html; JSON's messages stay English): "
                      "sv, en, or auto (Swedish when every model names its steps in Swedish). Apart from "
                      "--language, which changes how labels are matched."),
    click.option("--thesaurus", is_flag=True,
                 help="Also use the system lexical resources (Debian wordnet-base, mythes-sv) for synonyms."),
    click.option("--lemmas", is_flag=True,
                 help=f"Also use dictionary lemmas (simplemma; {install_hint('lemmas')})."),
    click.option("--lenient", is_flag=True, help=LENIENT_LEFT_OUT_HELP),
]


def _with_diff_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_diff_options):
        func = option(func)
    return func


@click.command("diff")
@click.argument("model_a", metavar="A")
@click.argument("model_b", metavar="B")
@_with_diff_options
@click.option("--save-matches", type=InputPath("a YAML file to write", exists=False),
              help="Also write the pairs found as a match-decisions file to edit and pass back with --matches.")
@log_compare_options
def diff_cmd(model_a: str, model_b: str, fmt: str, output: str | None, matches: str | None,
             synonyms: str | None, threshold: float, language: str, output_language: str, thesaurus: bool,
             lemmas: bool, lenient: bool, save_matches: str | None, **kwargs: Any) -> None:
    """Compare two process models: matched steps, differences, similarity.

    A and B are library names, BPMN files, YAML authoring files or case logs (XES,
    CSV: a model is discovered from each, or --model is calibrated to it; the log
    column options are those of `log inspect`). Steps are paired
    by content (labels in Swedish or English, synonyms, type, lane, position,
    neighbours), not by id, in three tiers: matched (with a confidence), uncertain
    (with the best candidates and why) and only in one model. Control-flow differences
    come from behavioural relations; profile facts and per-element parameters are
    compared when a profile is known.

    \b
    Examples:
      permitflow diff helsingborg astorp
      permitflow diff helsingborg orkelljunga --format html -o diff.html
      permitflow diff astorp landskrona --output-language en   # English words for Swedish models
      permitflow diff a.bpmn b.bpmn --save-matches matches.yaml   # edit, then --matches matches.yaml
      permitflow diff a.bpmn b.bpmn --format json --matches matches.yaml
      permitflow diff 2023.xes 2024.xes --model helsingborg      # the same model fitted to two logs
      permitflow diff --lenient B.1.0-export.bpmn B.1.0-roundtrip.bpmn  # a tool's flows to nothing left out
    """
    from processes.diff import (
        MatchOptions,
        decisions_yaml,
        diff_markdown,
        diff_models,
        diff_text,
        profile_inputs,
        to_data,
    )

    if output is not None:
        not_an_input(output, "-o", {"the --matches file it reads": matches,
                                    "the --synonyms file it reads": synonyms}, (model_a, model_b))
    if save_matches is not None:  # over --matches it writes the decisions back: the edit loop the help shows
        not_an_input(save_matches, "--save-matches", {"the --synonyms file it reads": synonyms},
                     (model_a, model_b))
    decisions, words = _diff_settings(matches, synonyms)
    logs = log_inputs(kwargs)
    name_a, defs_a, raw_a = compare_input(model_a, logs, strict=not lenient)
    name_b, defs_b, raw_b = compare_input(model_b, logs, strict=not lenient)
    repairs: list[str] = []
    if lenient:
        # each file a model was read from (a case log's --model), its notes once
        file_a, file_b = model_file_of(model_a, logs), model_file_of(model_b, logs)
        repairs = note_lenient(defs_a, file_a)  # type: ignore[arg-type]
        if file_b != file_a:
            repairs += note_lenient(defs_b, file_b)  # type: ignore[arg-type]
    name_a, name_b = distinct_names([model_a, model_b], [name_a, name_b])
    _check_matches(decisions, matches, [(name_a, defs_a), (name_b, defs_b)])
    facts_a, params_a = profile_inputs(raw_a)  # type: ignore[arg-type]
    facts_b, params_b = profile_inputs(raw_b)  # type: ignore[arg-type]
    result = diff_models(defs_a, defs_b, a_name=name_a, b_name=name_b, synonyms=words,  # type: ignore[arg-type]
                         decisions=decisions, facts_a=facts_a, facts_b=facts_b, params_a=params_a,  # type: ignore[arg-type]
                         params_b=params_b, options=MatchOptions(threshold=threshold), language=language,
                         lemmatise=lemmas,
                         thesaurus=_thesaurus(thesaurus, [(name_a, defs_a), (name_b, defs_b)], language))  # type: ignore[arg-type]
    result = with_repairs(result, repairs)
    if fmt == "json":
        from processes.jsonindent import dumps_indented  # the bytes of json.dumps(indent=2), faster

        text = dumps_indented(to_data(result)) + "\n"
    else:
        from report.diff_html import diff_html, diff_words
        from report.diff_html import output_language as said_in

        said = diff_words(said_in(output_language, [defs_a, defs_b]),  # type: ignore[list-item]
                          {name_a: raw_a, name_b: raw_b}, {name_a: defs_a, name_b: defs_b})  # type: ignore[dict-item]
        if fmt == "markdown":
            text = diff_markdown(result, said)
        elif fmt == "html":
            text = diff_html(result, defs_a, defs_b, said)  # type: ignore[arg-type]
        else:
            text = diff_text(result, said)
    if save_matches:
        emit(decisions_yaml(result), save_matches)
    emit(text, output)


@click.command("compare")
@click.argument("models", nargs=-1, required=True, metavar="MODEL...")
@_with_diff_options
@click.option("--workers", "-j", type=Count(min=1, what="a number of worker processes", example="2"),
              help="Processes for the pairwise diffs (default: all cores; "
              "fewer than six pairs stay in this process). The result is the same.")
@log_compare_options
def compare_cmd(models: tuple[str, ...], fmt: str, output: str | None, matches: str | None,
                synonyms: str | None, threshold: float, language: str, output_language: str, thesaurus: bool,
                lemmas: bool, lenient: bool, workers: int | None, **kwargs: Any) -> None:
    """Compare several process models: similarity matrix, common core, variation points, facts.

    MODEL is a library name, a BPMN file, a YAML authoring file or a case log (XES,
    CSV; at least two). From a log a model is discovered (or --model calibrated to
    it), so several municipalities' executed processes compare in structure and time.

    \b
    Examples:
      permitflow compare helsingborg landskrona astorp
      permitflow compare helsingborg landskrona astorp orkelljunga --format html -o compare.html
      permitflow compare kommun_a.xes.gz kommun_b.xes.gz kommun_c.csv --min-frequency 0.3
    """
    one_blas_thread()  # its matrices are small; the pairs run on forked helpers instead
    from processes.forkshare import default_workers

    if len(models) < 2:
        raise click.UsageError("compare needs at least two models (use diff for exactly two)")
    logs = log_inputs(kwargs)
    # the comparison's modules load and the --matches/--synonyms files are read while a helper reads models
    if output is not None:
        not_an_input(output, "-o", {"the --matches file it reads": matches,
                                    "the --synonyms file it reads": synonyms}, models)
    (decisions, words), inputs = compare_inputs(models, logs, workers or default_workers(),
                                                partial(_diff_settings, matches, synonyms), strict=not lenient)
    repairs: list[str] = []
    if lenient:
        noted = set()
        for model, (_, defs, _) in zip(models, inputs, strict=True):
            source = model_file_of(model, logs)  # a case log's --model
            if source not in noted:  # a file read twice: its notes once
                noted.add(source)
                repairs += note_lenient(defs, source)  # type: ignore[arg-type]
    from processes.diff import (
        MatchOptions,
        compare_models,
        comparison_markdown,
        comparison_text,
        prepare,
        profile_inputs,
    )

    names = distinct_names(list(models), [name for name, _, _ in inputs])
    loaded = [(name, defs, raw) for name, (_, defs, raw) in zip(names, inputs, strict=True)]
    _check_matches(decisions, matches, [(name, defs) for name, defs, _ in loaded])
    _note_other_models(decisions, matches, names)
    prepared = []
    for name, defs, raw in loaded:
        facts, params = profile_inputs(raw)  # type: ignore[arg-type]
        prepared.append(prepare(defs, name, facts=facts, params=params, language=language))  # type: ignore[arg-type]
    result = compare_models(prepared, synonyms=words, decisions=decisions,  # type: ignore[arg-type]
                            options=MatchOptions(threshold=threshold), lemmatise=lemmas,
                            workers=workers or default_workers(),
                            thesaurus=_thesaurus(thesaurus, [(n, d) for n, d, _ in loaded], language))  # type: ignore[arg-type]
    result = with_repairs(result, repairs)
    if fmt == "json":
        from processes.diff.schema import comparison_json  # the bytes of json.dumps(indent=2), faster

        text = comparison_json(result) + "\n"
    else:
        from report.diff_html import comparison_html, diff_words
        from report.diff_html import output_language as said_in

        said = diff_words(said_in(output_language, [defs for _, defs, _ in loaded]),  # type: ignore[misc]
                          {name: raw for name, _, raw in loaded},
                          {name: defs for name, defs, _ in loaded})  # type: ignore[misc]
        if fmt == "markdown":
            text = comparison_markdown(result, said)
        elif fmt == "html":
            from report.difflanguage import facts_in_languages

            drawn = {name: defs for name, defs, _ in loaded}
            text = comparison_html(result, drawn, output=said,  # type: ignore[arg-type]
                                   facts_said=facts_in_languages({name: raw for name, _, raw in loaded}))
        else:
            text = comparison_text(result, said)
    emit(text, output)

