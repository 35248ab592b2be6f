"""The diff's table of words (processes/diff/diffwords.py) is complete: every message the code makes and every
word it asks for has its English and its Swedish, found by reading the code, not from a list kept by hand."""

from __future__ import annotations

import ast
import re
import string
from functools import lru_cache
from pathlib import Path

from diffbuilders import model

from bpmn_io.loading import load_model
from processes.diff import KINDS, diff_models
from processes.diff.diffwords import MESSAGES, WORDS, DiffWords
from processes.diff.formats import diff_markdown, diff_text, message_in
from processes.diff.notewords import NOTES, REASONS, note_words, notes_said, reason_words
from processes.diff.nway import METRICS
from processes.diff.relations import RELATIONS
from processes.diff.stages import builtin_stages
from processes.model import EVENT_POSITIONS, TASK_TYPES, TRIGGERS

ROOT = Path(__file__).resolve().parents[3]
#: the code that makes the diff's messages and says its outputs' words
SOURCES = [*sorted((ROOT / "processes" / "diff").glob("*.py")), ROOT / "report" / "diff_html.py"]


@lru_cache(maxsize=1)
def _trees() -> tuple[ast.AST, ...]:
    return tuple(ast.parse(path.read_text(encoding="utf-8")) for path in SOURCES)


@lru_cache(maxsize=1)
def _calls() -> tuple[ast.Call, ...]:
    return tuple(node for tree in _trees() for node in ast.walk(tree) if isinstance(node, ast.Call))


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(
        call.func, ast.Attribute) else ""


def _first_text(call: ast.Call) -> str | None:
    first = call.args[0] if call.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _keys(call: ast.Call) -> set[str | None]:
    """The message keys a ``clause(...)`` call may make: its first argument, or each branch of
    ``x if c else y`` (``None``: one the test cannot read)."""
    first = call.args[0] if call.args else None
    branches = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
    return {b.value if isinstance(b, ast.Constant) and isinstance(b.value, str) else None for b in branches}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_code_finds_the_calls_it_reads() -> None:
    """(the scan below is not vacuous: it finds the messages the step and flow differences make)"""
    made = {k for c in _calls() if _name(c) == "clause" for k in _keys(c)}
    assert {"only_in_a", "fact", "relation_first", "property"} <= made


def test_every_message_the_diff_makes_is_in_the_table_in_both_languages_with_the_same_values() -> None:
    made = {k for c in _calls() if _name(c) == "clause" for k in _keys(c)}
    assert None not in made, "a message key that is not written out (the test cannot check it)"
    assert made == set(MESSAGES), f"made but not in the table: {made - set(MESSAGES)}; " \
                                  f"in the table, never made: {set(MESSAGES) - made}"
    for key, (en, sv) in MESSAGES.items():
        assert en.strip() and sv.strip(), key
        # Swedish names what English names; only a verb's words after its subject are Swedish's own
        assert _fields(en) - {"rest_a", "rest_b"} == _fields(sv) - {"rest_a", "rest_b"}, key
        for clause in (c for c in _calls() if _name(c) == "clause" and key in _keys(c)):
            given = {k.arg for k in clause.keywords} | {"A", "B"}
            assert _fields(en) | _fields(sv) <= given, f"{key}: a value the message names is not given"


def test_every_word_the_code_asks_for_is_in_the_table_in_both_languages() -> None:
    asked: set[str] = set()
    for node in (n for tree in _trees() for n in ast.walk(tree)):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "WORDS" \
                and isinstance(node.slice, ast.Constant):
            asked.add(node.slice.value)
        if isinstance(node, ast.Call) and _name(node) == "word" and _first_text(node) is not None:
            asked.add(str(_first_text(node)))
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "_PAGE_WORDS"
                                                for t in node.targets):
            elements = node.value.elts  # type: ignore[attr-defined]
            asked |= {e.value for e in elements if isinstance(e, ast.Constant)}
        if isinstance(node, ast.Call) and _name(node) == "_unary":  # an optionality's or a loop's two values
            values = node.args[-1]
            elements = values.elts  # type: ignore[attr-defined]
            asked |= {f"{e.value}{many}" for e in elements for many in ("", "_many")}
    asked |= {f"kind.{kind}" for kind in KINDS}  # every kind of difference is headed by its title
    # an event's type in words: its position and its trigger (none says nothing)
    asked |= set(EVENT_POSITIONS) | {f"trigger.{t}" for t in TRIGGERS if t != "none"}
    asked |= {f"matrix.{m}" for m in METRICS}  # a similarity matrix's measure
    # a relation's verb, for one step or more
    asked |= {f"{r}{many}" for r in RELATIONS for many in ("", "_many")}
    assert {"optional", "once_many", "kind.fact", "legend_only", "uncertain_next"} <= asked
    missing = asked - set(WORDS)
    assert not missing, f"asked for but not in diffwords.WORDS: {sorted(missing)}"
    for key in asked:
        en, sv = WORDS[key]
        assert en.strip() and sv.strip(), key
        assert _fields(en) == _fields(sv), key


def test_a_relations_swedish_verb_has_the_words_after_its_subject() -> None:
    # flowdiff puts the subject after the finite verb: "I A kommer "X" före "Y""
    for relation in RELATIONS:
        for many in ("", "_many"):
            assert " " in WORDS[relation + many][1], relation + many


def test_every_reason_form_says_its_values_in_swedish() -> None:
    for form, sv in REASONS:
        assert sv.count("{") == form.count("(") - form.count("\\("), form
    assert reason_words("same neighbours: 2 matched steps before and 1 after", "sv") == \
        "samma grannar: 2 matchade steg före och 1 efter"
    assert reason_words("same neighbours: 1 matched step before", "sv") == \
        "samma grannar: 1 matchat steg före"
    assert reason_words("both start the process, neither is matched", "sv") == \
        "båda startar processen, inget av dem är matchat"
    assert reason_words("a reason of no form", "sv") == "a reason of no form"


SV = DiffWords("sv", {"a": "Åstorp", "b": "Höganäs"})


def test_flow_and_step_differences_are_said_in_swedish_with_the_models_in_the_genitive() -> None:
    # A: x, then the optional review, then y, z; B: the review on every path, y and z swapped, w added
    a = model([("s", "start", "Start"), ("x", "task", "Registrera ansökan"), ("g", "xor", ""),
               ("r", "task", "Granska ansökan"), ("j", "xor", ""), ("y", "task", "Platsbesök"),
               ("z", "task", "Beslut om tillstånd"), ("e", "end", "Slut")],
              [("s", "x"), ("x", "g"), ("g", "r"), ("g", "j"), ("r", "j"), ("j", "y"), ("y", "z"),
               ("z", "e")])
    b = model([("s", "start", "Start"), ("x", "task", "Registrera ansökan"), ("r", "task", "Granska ansökan"),
               ("z", "task", "Beslut om tillstånd"), ("y", "task", "Platsbesök"),
               ("w", "task", "Arkivera ärendet"),
               ("e", "end", "Slut")],
              [("s", "x"), ("x", "r"), ("r", "z"), ("z", "y"), ("y", "w"), ("w", "e")])
    d = diff_models(a, b, a_name="a", b_name="b")
    said = {x.kind: message_in(x, "a", "b", SV) for x in d.differences}
    assert {"order", "optionality", "only_in_b"} <= set(said), said
    assert said["only_in_b"] == 'Steget "Arkivera ärendet" finns bara i Höganäs modell.'
    assert said["order"].startswith("I Åstorps modell kommer ")
    assert "; i Höganäs modell kommer det " in said["order"]
    assert said["optionality"] == '"Granska ansökan" är valfritt (kan hoppas över) i Åstorps modell men ' \
                                  'obligatoriskt i Höganäs modell.'
    for x in d.differences:  # the English is the message as made, with the models' names
        named = x.message.replace(" in A", " in a").replace(" in B", " in b").replace("In A", "In a")
        assert message_in(x, "a", "b") == named


def test_a_lower_confidence_note_is_said_in_swedish() -> None:
    note = ('"Svar KFM" = "Sökandens yttrande inkommet": matched with lower confidence (0.43), the only '
            "message event left over in each model, next to the same matched step")
    assert note_words(note, "sv") == (
        '"Svar KFM" = "Sökandens yttrande inkommet": matchade med lägre säkerhet (0,43), den enda '
        "meddelandehändelse som är kvar i varje modell, bredvid samma matchade steg")


def test_a_note_names_the_models_by_their_short_names_in_each_language() -> None:
    """Found by QA (qaleft): the notes under a diff said "12 steps of A and 10 of B", "i A", where everything
    else a person reads names the models; the national reference by the name before its laws, as the
    comparison's headings name it (in Swedish "modellen Nationell referens", as the differences say its whole
    name); a model named as compared (a process name) by its municipality's name."""
    large = ("the models are too large to compare every pair of steps (1000 x 1000): steps were paired by "
             "identical names and matched neighbours; 12 steps of A and 10 of B were not compared pair by "
             "pair (they are listed as only in their model)")
    bare = "astorp has no profile facts; they are not compared"
    typed = ("2 matched tasks are plain tasks in nat and typed in astorp (userTask 2): a model that does not "
             "type a task says nothing about its type, so these types are not compared")
    english = DiffWords("en", {"nat": "National reference (the Alcohol Act)", "astorp": "Åstorp"})
    assert notes_said([large, bare, typed], ("nat", "astorp"), english) == [
        "the models are too large to compare every pair of steps (1000 x 1000): steps were paired by "
        "identical names and matched neighbours; 12 steps in National reference and 10 in Åstorp were not "
        "compared pair by pair (they are listed as only in their model)",
        "Åstorp has no profile facts; they are not compared",
        "2 matched tasks are plain tasks in National reference and typed in Åstorp (userTask 2): a model "
        "that does not type a task says nothing about its type, so these types are not compared"]
    swedish = DiffWords("sv", {"nat": "Nationell referens (Alkohollagen)", "astorp": "Åstorp"})
    said = notes_said([large, bare], ("nat", "astorp"), swedish)
    assert said == [
        "Modellerna är för stora för att jämföra varje par av steg (1000 × 1000): stegen parades efter samma "
        "namn och matchade grannar; 12 steg i modellen Nationell referens och 10 i Åstorps modell jämfördes "
        "inte par för par (de står som bara i sin modell)",
        "Åstorps modell saknar fakta i en profil; de jämförs inte"]
    # a model named by its file keeps its name, without a genitive
    assert notes_said([large], ("a.bpmn", "b.bpmn"), DiffWords("sv"))[0].endswith(
        "12 steg i modellen a.bpmn och 10 i modellen b.bpmn jämfördes inte par för par (de står som bara i "
        "sin modell)")


BENCH = ROOT / "bench" / "matching"


def test_every_reason_the_benchmark_pairs_give_has_its_swedish_form() -> None:
    # every fourth pair of the matching benchmark (Swedish and English models, drawn by many hands): each
    # candidate's reasons in Swedish, none left in English
    pairs = sorted(p for lang in ("sv", "en") for p in (BENCH / lang).iterdir() if p.is_dir())[::4]
    assert len(pairs) >= 20
    left = []
    for pair in pairs:
        d = diff_models(load_model(pair / "a.yaml"), load_model(pair / "b.yaml"))
        left += [r for u in d.uncertain for c in u.candidates for r in c.reasons
                 if reason_words(r, "sv") == r]
    assert left == []


def test_a_loop_difference_reads_as_swedish() -> None:
    a = model([("s", "start", "Start"), ("x", "task", "Granska ansökan"), ("g", "xor", ""), ("e", "end",
                                                                                             "Slut")],
              [("s", "x"), ("x", "g"), ("g", "x"), ("g", "e")])
    b = model([("s", "start", "Start"), ("x", "task", "Granska ansökan"), ("e", "end", "Slut")],
              chain="s x e")
    said = [message_in(x, "a", "b", SV) for x in diff_models(a, b, a_name="a", b_name="b").differences
            if x.kind == "loop"]
    assert said == ['"Granska ansökan" är upprepbart (i en slinga) i Åstorps modell men inte upprepbart '
                    "(görs en gång) i Höganäs modell."]


#: the code that writes the notes under a diff (formats.py's notes are the saved matches file's comments,
#: which stay English on purpose)
NOTE_SOURCES = [p for p in sorted((ROOT / "processes" / "diff").glob("*.py")) if p.name != "formats.py"]


def _is_note_maker(node: ast.AST, fn: ast.FunctionDef) -> bool:
    """Whether ``node`` makes a note: ``notes.append(x)``, ``note = x``, ``notes += (x,)``, ``notes = (x,)``,
    and in a function that makes notes (``*_note``, ``*_notes``, ``*_conflicts``) what it returns or
    appends."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append" \
            and isinstance(node.func.value, ast.Name):
        return node.func.value.id == "notes" or fn.name.endswith(("_notes", "_conflicts"))
    if isinstance(node, (ast.Assign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(isinstance(t, ast.Name) and t.id in ("note", "notes") for t in targets) \
            and isinstance(node.value, (ast.JoinedStr, ast.Tuple, ast.BinOp, ast.Constant))
    return isinstance(node, ast.Return) and fn.name.endswith("_note")


def _fragments(node: ast.AST) -> set[str]:
    """The English text pieces under ``node`` (of two words or more), without the punctuation around them."""
    found = set()
    for c in ast.walk(node):
        if isinstance(c, ast.Constant) and isinstance(c.value, str):
            core = re.sub(r"^[^A-Za-z]+|[^A-Za-z]+$", "", c.value)
            if len(re.findall(r"[A-Za-z]{2,}", core)) >= 2:
                found.add(core)
    return found


@lru_cache(maxsize=1)
def _note_fragments() -> dict[str, str]:
    """Every piece of English the code writes into a note -> where: the note's own text, a value it names that
    the same function makes (perspective.py's ``why``) or that is passed in (outcomes.py's ``pair(x, y,
    why)``)."""
    out: dict[str, str] = {}
    for path in NOTE_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            for maker in (n for n in ast.walk(fn) if _is_note_maker(n, fn)):
                named = {n.id for n in ast.walk(maker) if isinstance(n, ast.Name)}
                parts: list[ast.AST] = [maker]
                parts += [a.value for a in ast.walk(fn) if isinstance(a, ast.Assign)
                          and any(isinstance(t, ast.Name) and t.id in named for t in a.targets)]
                if named & {a.arg for a in fn.args.args}:
                    parts += [c for c in ast.walk(tree) if isinstance(c, ast.Call) and _name(c) == fn.name]
                for part in parts:
                    out.update((text, f"{path.name}:{maker.lineno}") for text in _fragments(part) - set(out))
    return out


def _unescaped(form: str) -> str:
    """A form's English as text: its escapes undone, its alternatives' words kept ("(refused|granted)"), model
    A or B as the matcher writes it ("(?P<a>A)": "A")."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"\(\?P<\w+>([^()]*)\)", r"\1", form).replace("(?:", "("))


def test_every_note_the_code_writes_has_a_form_with_its_swedish() -> None:
    fragments = _note_fragments()
    # (the scan is not vacuous: it finds the passes' notes, a value made apart and one passed in)
    assert {"each the other's only candidate, labels", "each the other's clearest partner by it",
            "the only end left over in each model that is not a refusal or a withdrawal, reached from the "
            "same matched step"} <= set(fragments)
    forms = [_unescaped(form) for form, _, _ in NOTES]
    missing = {text: where for text, where in fragments.items() if not any(text in form for form in forms)}
    assert not missing, f"English in a note with no form in notewords.NOTES: {missing}"
    for form, sv, models in NOTES:
        groups = re.compile(form).groups
        assert {int(k) for k in re.findall(r"\{(\d+)\}", sv)} <= set(range(groups)), form
        assert set(models) <= set(range(groups)), form


def _hows() -> set[str]:
    """How the matcher says it found a pair (``Match(..., how)``, ``replace(m, how=...)``): every value the
    code gives, a module's constant (``PLACED = "placed"``) read as its value."""
    found: set[str] = set()
    for path in NOTE_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: a.value.value for a in tree.body if isinstance(a, ast.Assign)
                     and isinstance(a.value, ast.Constant) for t in a.targets if isinstance(t, ast.Name)}
        for call in (c for c in ast.walk(tree) if isinstance(c, ast.Call) and _name(c) in ("Match",
                                                                                           "replace")):
            given = [k.value for k in call.keywords if k.arg == "how"]
            given += call.args[4:5] if _name(call) == "Match" else []
            for value in given:
                if isinstance(value, ast.Constant):
                    found.add(value.value)
                elif isinstance(value, ast.Name) and value.id in constants:
                    found.add(constants[value.id])
    return found


def test_every_way_a_pair_is_found_has_its_swedish_words() -> None:
    hows = _hows()
    assert {"auto", "confirmed", "grouped", "placed", "perspective"} <= hows
    assert not {f"how.{h}" for h in hows} - set(WORDS), sorted({f"how.{h}" for h in hows} - set(WORDS))
    for how in hows:  # English says the code name as it always has
        assert WORDS[f"how.{how}"][0] == how, how


def test_every_stage_and_task_type_has_its_swedish_name() -> None:
    # a reason names a stage (samestage.py), a difference or note a task's type (differences.py)
    asked = {f"stage.{name}" for name in builtin_stages().names} | {f"tasktype.{t}" for t in TASK_TYPES}
    assert not asked - set(WORDS), sorted(asked - set(WORDS))
    assert all(WORDS[key][1] != WORDS[key][0] for key in asked)
    assert reason_words("the one step of the same stage in the same place (write-up)", "sv") == \
        "det enda steget i samma skede på samma plats (förslag till beslut)"


def _english_words() -> set[str]:
    """The words of the table's English forms (messages, words, reasons, notes) that Swedish has not (of four
    letters or more: "in", "is" and the like are left out, as is what a Swedish form also says)."""
    english = [*(en for en, _ in MESSAGES.values()), *(en for en, _ in WORDS.values()),
               *(_unescaped(f) for f, _ in REASONS), *(_unescaped(f) for f, _, _ in NOTES)]
    swedish = [*(sv for _, sv in MESSAGES.values()), *(sv for _, sv in WORDS.values()),
               *(sv for _, sv in REASONS), *(sv for _, sv, _ in NOTES)]
    def words(texts: list[str], pattern: str) -> set[str]:  # (a form's {fields} are no words)
        return {w.lower() for text in texts for w in re.findall(pattern, re.sub(r"\{\w*\}", " ", text))}

    return words(english, r"[A-Za-z]{4,}") - words(swedish, r"[A-Za-zåäöÅÄÖ]+")


def _unquoted(text: str) -> str:
    """``text`` without what it quotes: the models' step names, a matches file's entries ({a: ..., b:
    ...})."""
    return re.sub(r'"[^"\n]*"|“[^”\n]*”|”[^”\n]*”|\{[^}\n]*\}|`[^`\n]*`', " ", text)


def test_the_swedish_outputs_of_the_benchmark_pairs_have_no_english_word_of_the_table() -> None:
    # a fast, fixed sample of the matching benchmark (every fifth pair, Swedish and English models): the text
    # and Markdown outputs in Swedish say none of the English forms' words outside the step names they quote
    english = _english_words()
    assert {"matched", "lower", "confidence", "alike", "unnamed", "together"} & english >= {"matched",
                                                                                            "alike"}
    pairs = sorted(p for lang in ("sv", "en") for p in (BENCH / lang).iterdir() if p.is_dir())[2::5]
    assert len(pairs) >= 20
    left: dict[str, set[str]] = {}
    sv = DiffWords("sv")
    for pair in pairs:
        d = diff_models(load_model(pair / "a.yaml"), load_model(pair / "b.yaml"), a_name="a", b_name="b")
        named = sorted({n for v in (d.a, d.b) for s in v.steps.values() for n in (s.name, s.performer) if n},
                       key=len, reverse=True)
        for out in (diff_text(d, sv), diff_markdown(d, sv)):
            for name in named:  # a Markdown table's cells name steps unquoted
                out = out.replace(name, " ")
            said = {w.lower() for w in re.findall(r"[A-Za-z]+", _unquoted(out))} & english
            if said:
                left.setdefault(pair.name, set()).update(said)
    assert left == {}, left


def test_every_parameter_of_the_librarys_profiles_is_named_in_swedish_words() -> None:
    # a parameter's difference names its key ("delay.mean"): each part in words, but not a flow's or an
    # attribute's id, which stays as the model writes it
    from bpmn_io.library import library_names, load_entry
    from processes.diff import profile_inputs
    from processes.diff.differences import canonical_params, flatten

    keys = {k for name in library_names()
            for entry in profile_inputs(load_entry(name).profile.raw)[1].values()
            for k in flatten(canonical_params(entry))}
    assert {"delay.low", "duration.mean", "delegation"} <= keys
    parts = {p for k in keys for p in k.split(".") if not p.startswith("Flow_") and not k.startswith("set.")
             or p == "set"}
    assert not {f"param.{p}" for p in parts} - set(WORDS), sorted(parts - {k[6:] for k in WORDS})
