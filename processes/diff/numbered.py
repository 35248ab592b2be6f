"""Numbered duplicates: "Remiss 1", "Remiss 2" in one model are one run of the same work.

A clerk who sends the same thing twice draws it twice and numbers it ("Påminnelse",
"Påminnelse 2"; "Första kontrollen", "Andra kontrollen"; "Reminder 1", "Second reminder").
Another clerk draws the work once ("Påminnelse"), or numbers it too. Label similarity tells
the numbered steps apart by their number (text.py keeps numbers as terms), so the one step
pairs with one member of the run, often not the first, and the others are left over.

**Reading.** A label's words as ``text.normalise`` gives them; a word that is a number (digits)
or an ordinal or number word (``NUMBERS``) is the label's number, and its *stem* is its other
words. A label with two numbers, or nothing but a number, is not read.

**Runs.** In one model, two or more named steps of one family with the same stem, at least
one with a number, no two with the same number (a step without one counts as 1), none a
tool's default name and none in the knowledge test (knowledgetest.py keeps its own reader,
branch many33), are a numbered run, in the order of their numbers.

**Pairing** (``numbered_pass``). A step of the other model with the run's stem, of its family,
with no number or one of the run's numbers, the only such step there and in no run itself, is
paired with the run: one step against every member. When the other model has a run of the
same stem, the two runs pair one to one by number. A correspondence the pairing would change
is taken apart only when all its steps are steps the pairing places; otherwise, or when a
pair is banned or confirmed, the run is left as it was.

>>> stem_and_number("Andra kontrollen"), stem_and_number("Remiss"), stem_and_number("Remiss 1 av 2")
((('kontrollen',), '2'), (('remiss',), None), None)
"""

from __future__ import annotations

from collections import defaultdict

from processes.diff.knowledgetest import in_knowledge_test
from processes.diff.matchtypes import Match, PassInput, family, named
from processes.diff.text import Lexicon, is_placeholder, normalise
from processes.diff.view import ModelView

__all__ = ["NUMBERS", "stem_and_number", "numbered_runs", "numbered_pass"]

#: ordinals and number words read as their numbers (Swedish and English)
NUMBERS = {
    "första": "1", "andra": "2", "tredje": "3", "fjärde": "4", "femte": "5",
    "två": "2", "tre": "3", "fyra": "4", "fem": "5",
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
}

_Key = tuple[str, tuple[str, ...]]  # (family, stem)


def stem_and_number(label: str) -> tuple[tuple[str, ...], str | None] | None:
    """The label's words without its number, and the number as digits (None without one);
    None when the label has two numbers or nothing but a number."""
    stem: list[str] = []
    numbers: list[str] = []
    for w in normalise(label).split():
        if w.isdigit():
            numbers.append(str(int(w)))
        elif w in NUMBERS:
            numbers.append(NUMBERS[w])
        else:
            stem.append(w)
    if len(numbers) > 1 or not stem:
        return None
    return tuple(stem), (numbers[0] if numbers else None)


def _readings(lex: Lexicon, view: ModelView, lang: str) -> dict[_Key, list[tuple[str, str | None]]]:
    """(family, stem) -> the named steps with that stem, (id, number), in model order."""
    out: dict[_Key, list[tuple[str, str | None]]] = defaultdict(list)
    for sid, step in view.steps.items():
        name = named(step)
        read = stem_and_number(name) if name else None
        if read is None or is_placeholder(" ".join(read[0])) or in_knowledge_test(lex, name, lang):
            continue
        out[(family(step), read[0])].append((sid, read[1]))
    return out


def numbered_runs(lex: Lexicon, view: ModelView, lang: str) -> dict[_Key, tuple[tuple[str, str], ...]]:
    """(family, stem) -> the model's numbered run of that stem, (id, number) in the order of
    the numbers (module doc)."""
    runs: dict[_Key, tuple[tuple[str, str], ...]] = {}
    for key, steps in _readings(lex, view, lang).items():
        if len(steps) < 2 or all(n is None for _, n in steps):
            continue
        numbered = [(sid, n or "1") for sid, n in steps]
        if len({n for _, n in numbered}) != len(numbered):
            continue
        runs[key] = tuple(sorted(numbered, key=lambda p: int(p[1])))
    return runs


_Pairs = list[tuple[tuple[str, ...], tuple[str, ...]]]


def _proposals(given: PassInput) -> list[_Pairs]:
    """The correspondences each run asks for, as (A's steps, B's steps)."""
    lang_a, lang_b = given.langs
    runs_a, runs_b = numbered_runs(given.lex, given.a, lang_a), numbered_runs(given.lex, given.b, lang_b)
    read_a, read_b = _readings(given.lex, given.a, lang_a), _readings(given.lex, given.b, lang_b)
    out: list[_Pairs] = []
    for key, run in runs_a.items():
        if key in runs_b:
            by_number = dict(runs_b[key])
            out.append([((x,), (by_number[n],)) for x, n in run if n in by_number])
            continue
        ones = [y for y, n in read_b.get(key, []) if n is None or n in {m for _, m in run}]
        if len(ones) == 1:
            out.append([(tuple(x for x, _ in run), (ones[0],))])
    for key, run in runs_b.items():
        if key in runs_a:
            continue
        ones = [x for x, n in read_a.get(key, []) if n is None or n in {m for _, m in run}]
        if len(ones) == 1:
            out.append([((ones[0],), tuple(y for y, _ in run))])
    return out


def numbered_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The numbered runs paired with the other model's step or run (module doc)."""
    ia = {x: i for i, x in enumerate(given.a.steps)}
    ib = {y: j for j, y in enumerate(given.b.steps)}
    out = list(matches)
    for pairs in _proposals(given):
        placed_a = {x for xs, _ in pairs for x in xs}
        placed_b = {y for _, ys in pairs for y in ys}
        touching = [m for m in out if placed_a & set(m.a) or placed_b & set(m.b)]
        if any(m.how == "confirmed" or not (set(m.a) <= placed_a and set(m.b) <= placed_b) for m in touching):
            continue
        if any((x, y) in given.banned for xs, ys in pairs for x in xs for y in ys):
            continue
        if {(m.a, m.b) for m in touching} == set(pairs):
            continue  # already so
        out = [m for m in out if m not in touching]
        for xs, ys in pairs:
            cells = [(ia[x], ib[y]) for x in xs for y in ys]
            conf = min(float(given.score[i, j]) for i, j in cells)
            label = min(float(given.lab[i, j]) for i, j in cells)
            out.append(Match(xs, ys, round(conf, 3), round(label, 3), "numbered"))
    return out
