"""A coarse step against a run of finer steps with a step between them that it does not name.

One clerk draws "Diarieföra och fördela till handläggare"; the other "Diarieföra ansökan",
then "Skicka mottagningsbevis", then "Fördela ärendet till alkoholhandläggaren". The coarse
label lists two pieces of work (summary.label_parts), and each finer step is named by a word
of it that the other finer step does not say ("diarieföra", "fördela"); the receipt between
them is work the coarse step does not name, drawn only in the detailed model. The group and
chain passes read only consecutive steps, and the summary pass asks each part to be said in
full, so the three were left as questions.

``skip_run_pass`` (after the place passes, run_pass and segment_pass, so that a run between two
matched steps is read by them first and this pass takes only what they leave) reads every named activity x in no
correspondence whose label lists two parts or more; a run of the other model is two or three
named activities in no correspondence, from each to the next either directly (its only
successor) or through exactly one step left over that shares no term with x (its only
successor, whose only successor is the next). x and the run are one correspondence when x
names each step of the run apart (a term of x that no other step of the run says,
summary.names_each_apart) and x is each step's strict best partner by label among the named
steps left over on x's side. Of several such runs, the one with the highest summed label; a
tie groups nothing. The skipped step stays left over. Its confidence is the lowest combined
score of its pairs, and a note names the step skipped (bench/RESULTS-matching.md "Branch many59",
"Branch many66").
"""

from __future__ import annotations

from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, from_both_sides, named, what
from processes.diff.summary import label_parts
from processes.diff.text import Lexicon
from processes.diff.view import ModelView, display_name

__all__ = ["MAX_SKIPPED", "names_each_apart", "skip_run_pass"]

#: steps a run may skip between two steps it names (the task's bound, not tuned)
MAX_SKIPPED = 1


def names_each_apart(coarse: set[str], run: list[set[str]]) -> bool:
    """Whether the terms ``coarse`` name each bag of ``run`` by a term no other bag says.

    >>> names_each_apart({"registrera", "fördela"}, [{"ansökan", "registrera"}, {"ansökan", "fördela"}])
    True
    >>> names_each_apart({"issue", "licence"}, [{"issue", "licence"}, {"issue", "licence", "notice"}])
    False
    """
    for k, bag in enumerate(run):
        others = set().union(*(b for n, b in enumerate(run) if n != k))
        if not (coarse & bag) - others:
            return False
    return True


def skip_run_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """A coarse step left over with a run of two or three steps left over, one step it does
    not name allowed between two of them (module doc); a note per correspondence."""
    notes: list[str] = []

    def side(given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]:
        return _side(given, matches, swap=swap, notes=notes)

    return from_both_sides(side, given, matches), tuple(notes)


def _lists(label: str) -> bool:
    return len(label_parts(label)) >= 2


def _runs(
    view: ModelView, free: set[str], skippable: set[str]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(run, skipped steps): two or three steps of ``free``, each reached from the one before
    through its only successor, directly or through one step of ``skippable`` whose only
    successor is the next."""

    def nexts(s: str) -> list[tuple[str, str | None]]:
        succ = view.successors(s)
        if len(succ) != 1:
            return []
        (t,) = succ
        out: list[tuple[str, str | None]] = []
        if t in free:
            out.append((t, None))
        if t in skippable and MAX_SKIPPED >= 1:
            after = view.successors(t)
            if len(after) == 1 and after[0] in free:
                out.append((after[0], t))
        return out

    found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    stack: list[tuple[tuple[str, ...], tuple[str, ...]]] = [((s,), ()) for s in sorted(free)]
    while stack:
        run, skipped = stack.pop()
        for t, s in nexts(run[-1]):
            if t in run or (s is not None and s in skipped):
                continue
            longer = (run + (t,), skipped + ((s,) if s else ()))
            found.append(longer)
            if len(longer[0]) < 3:
                stack.append(longer)
    return sorted(found)


def _side(given: PassInput, matches: list[Match], *, swap: bool, notes: list[str]) -> list[Match]:
    one, many, lex, lang = given.a, given.b, given.lex, given.langs
    lab, score, banned = given.lab, given.score, given.banned
    io = {s: i for i, s in enumerate(one.steps)}
    im = {s: j for j, s in enumerate(many.steps)}
    taken_one = {s for m in matches for s in (m.b if swap else m.a)}
    taken_many = {s for m in matches for s in (m.a if swap else m.b)}
    coarse = [
        x
        for x, st in one.steps.items()
        if x not in taken_one and st.kind in ACTIVITIES and named(st) and _lists(what(lex, st, lang[0]))
    ]
    if not coarse:
        return matches
    free_one = [io[s] for s, st in one.steps.items() if s not in taken_one and named(st)]
    free_many = {
        s for s, st in many.steps.items() if s not in taken_many and st.kind in ACTIVITIES and named(st)
    }
    left_over = {s for s in many.steps if s not in taken_many}
    bags = {s: _terms(lex, many, s, lang[1]) for s in left_over}
    out = list(matches)
    used: set[str] = set()
    for x in coarse:
        own = _terms(lex, one, x, lang[0])
        if not own:
            continue
        skippable = {s for s in left_over - used if not bags[s] & own}
        best: list[tuple[float, tuple[str, ...], tuple[str, ...]]] = []
        for run, skipped in _runs(many, free_many - used, skippable):
            if any((x, y) in banned for y in run):
                continue
            if not names_each_apart(own, [bags[y] for y in run]):
                continue
            # x is each step's strict best partner by label among the steps left over on its side
            if not all(
                float(lab[io[x], im[y]]) > max([0.0, *(float(lab[i, im[y]]) for i in free_one if i != io[x])])
                for y in run
            ):
                continue
            best.append((sum(float(lab[io[x], im[y]]) for y in run), run, skipped))
        if not best:
            continue
        best.sort(key=lambda b: (-b[0], b[1]))
        if len(best) > 1 and best[1][0] == best[0][0]:
            continue
        _, run, skipped = best[0]
        conf = min(float(score[io[x], im[y]]) for y in run)
        label = min(float(lab[io[x], im[y]]) for y in run)
        a_ids, b_ids = (run, (x,)) if swap else ((x,), run)
        m = Match(a_ids, b_ids, round(conf, 3), round(label, 3), "grouped")
        out.append(m)
        used.update(run)
        parts = " + ".join(f'"{display_name(many.steps[y])}"' for y in run)
        between = ", ".join(f'"{display_name(many.steps[s])}"' for s in skipped) or "nothing"
        coarse_name = f'"{display_name(one.steps[x])}"'
        left, right = (parts, coarse_name) if swap else (coarse_name, parts)
        notes.append(
            f"{left} = {right}: matched with lower confidence ({m.confidence:.2f}), a step whose label lists "
            f"the work of a run of steps in the other model; skipped between them, not named by it: {between}"
        )
    return out


def _terms(lex: Lexicon, view: ModelView, step: str, lang: str) -> set[str]:
    st = view.steps[step]
    return set(lex.terms(what(lex, st, lang), lang)) if named(st) else set()
