"""Pair the steps of two models by content, not by id, in three tiers.

Each candidate pair (x of A, y of B) gets a combined score in [0, 1]::

    score = (w_label label + w_type type + w_role role + w_position position
             + w_neighbours neighbours) / (sum of the weights that apply)

* **label**: labelsim.label_matrix (bag of roots, synonyms, thesaurus, compounds, and a
  floor for one label contained in the other; both models' languages), or the similarity of
  the pair read as the two sides of one exchange when that is higher (converse.py: "Pay the
  license fee" / "Receive the license fee payment"). Two unnamed steps of the same kind (e.g. unnamed start events)
  count as label 1; a tool's default name ("End Event") counts as no name.
* **type**: 1 same kind and type; activities of different kinds/types 0.8; events:
  same position 0.7 (different trigger), otherwise 0.4 (steptypes.py).
* **role**: label similarity of the performers (lane names), only where both models
  name one (otherwise the weight drops out).
* **position**: 1 - |normalised distance from start of x - that of y|.
* **neighbours**: how well the predecessors and successors (gateways skipped) of x
  match those of y by label (mean of the best match per neighbour, both directions; neighbours.py).

A task and an event are the same step only when their labels are at least
``strong_label`` alike; a task that waits ("Inväntande av remissvar", "Wait for results":
matchtypes.WAITING) counts as an event, the moment what it waits for arrives — unless it acts first
and waits after ("Kommunicera sökanden och invänta svar": matchtypes.acts_before_waiting): that task is
its action here and stands for the arrival too in the uncertain tier (matchtypes.families). Start events (and end events) of the two models mark the same
moment whatever they are called: when their labels do not match, the pair is scored
without the label, times 0.8, and needs no minimum label similarity; when each model has
exactly one start event (one end event), the two are paired at least at ``threshold`` — unless one
start is the applicant deciding or getting in touch ("Du vill servera alkohol") and the other the
application coming in ("Inflöde ansökan"): those are held while the passes below run and then
asked about, not matched, and the start where the application comes in is paired with the step where
it comes in after the other start when no step left over is more alike (approaches.py: ``how``
"arrival").

**Matched**: the pairing maximises the total score (``linear_sum_assignment``) among
pairs with label >= ``min_label`` and score >= ``threshold`` (never a step that passes the
decision on with the other model's decision step, when its own model takes the decision:
forwarding.py; nor a step that sends the decision with one that names the application's completeness,
"Meddela sökanden att ansökan är komplett": completenotice.py); then (groups.py) one step
is paired with several of the other model (a chain of two or three, or siblings of a
parallel or exclusive block) when their pooled labels match it better, and steps left
over are paired by context (same kind, the same matched neighbours) or when each is the
other's clear best partner by label (mutualbest.mutual_pass), and a step left over
whose best partner is already paired next to it joins that correspondence (block to block,
attach.py); a step left over whose body the one step of a correspondence names joins it
beside its siblings there (namedbody.py: "Remiss till Polisen" beside the remiss to the four others,
against "Skicka remisser (polisen, skatt, KFM, rtj, miljö)"); a step standing for all the answers of a remiss block keeps only the
answers of the bodies its own remiss group went to (answers.py); where one model has one step left over between two matched steps and
the other a few, the one stands for the block when a label says so (blocks.py); last,
two steps still left over that are each other's clear best by label, one said in full inside
the other, are paired (mutualbest.leftover_pass); then steps still left over whose terms one says
in full are paired, one to one or one to a run of two or three (contained.py); a step whose
label lists the work of finer steps left over is paired with them (summary.py); a Swedish step that names its
addressees by a group word or a list of bodies ("Maila remisser till polisen och de andra", "Alla svar är inne") is
paired with the other model's per-body steps of the same work left over, one block, never with a step an earlier
pass narrowed out of its correspondence (addressees.py); a booking step
left over joins the thing it books where the other model books nothing (booking.py); the steps
right after (before) a one-to-many correspondence, all left over, are one too (follow.py); last, where one
model has one decision step and the other one to three (delegation, committee), they are
paired (deciding.decision_pass), and so are the decision sent on two or three exclusive branches ("Skicka beslut
och tillståndsbevis", "Skicka avslagsbeslut …") and the other model's one dispatch step, joining its correspondence
or forming one (alternatives.py), and the decision letter with the notices after it ("Skicka beslut och
tillståndsbevis till sökanden", then "Kopior till polisen, länsstyrelsen och FoHM") and the other model's one dispatch
step naming both (dispatchchain.py); end events left over that close the same outcome (granted,
refused, withdrawn), the last success end of each by its place, and the one waiting event of a
trigger in the same place are paired (outcomes.py); one model's one start (end) event is paired with all the
other's start events (the ends that close the case: not a withdrawal, not a side branch's end), and where one model
has one start (end) event the assignment pairs start events only with start events (oneending.py: ``how``
"ending"); last, where each model has exactly one step left over between
the same matched steps, the two are paired when their labels are related and nothing competes
for either (placed.py: ``how`` "placed", a note says why); where each model has a run of two steps
left over between the same matched steps, they are paired step for step, in order or crosswise,
when families and labels say which way, and a run of two against a run of three is split in order when
the labels say clearly where the middle step goes (runs.py: ``how`` "run"); where each model has a run of
two to six steps left over between the same matched steps in another shape (two against four, five against two,
three against three, …), the two runs are aligned in order — a step with one, or with a block of two or three —
when one alignment pairing every step of the shorter run is clearly ahead of every other (segments.py: ``how``
"run"); a case system's status line that
does other work too, read without its status words, pairs with the step of the other model it is
clearly most alike in the same place (statuses.py: ``how`` "status"); between an English model
that speaks to the applicant and one that does not, two tasks left over in the same place whose imperatives act on
clearly the same object are paired (perspective.py: ``how`` "perspective"); after the uncertain tier is
made, two steps of two Swedish models that are each other's only candidate there, their labels at least ``uncertain`` alike, are paired
and the tier is made again (solecandidates.py: ``how`` "sole", a note says why). The confidence of
a pair is its combined score; a confirmed pair (``--matches``) has 1 here (core._matching gives one
the matcher also finds by itself its score, and confirming only such pairs leaves every tier as found).

A start event and an end event are never one correspondence, on one side ("Ansökan inkommen" + "Ansökan
avslagen") or across the two: the assignment leaves a start against an end closed, and after every pass a
correspondence the pass formed or grew that would join them is refused — a grown one loses the start or end events it
gained, one formed anew is dropped and what it replaced comes back; the refused steps are left over and may be asked
about (startend.py).

**Uncertain**: a step left without a partner that still has candidates — label
similarity at least ``uncertain`` with a step of the same family, or the same matched
neighbours — is listed with its best one to three candidates and why; it is not
reported as only in one model. **Only in one model**: the steps left with no candidate.
"""

from __future__ import annotations

import numpy as np

from processes.diff import labelsim
from processes.diff.addressees import addressee_pass, addressee_questions, narrowed_apart
from processes.diff.alternatives import dispatch_alternatives_pass
from processes.diff.answers import answers_pass
from processes.diff.approaches import approach_against_arrival, held_apart
from processes.diff.attach import attach_pass
from processes.diff.blocks import block_pass
from processes.diff.booking import preparation_pass
from processes.diff.completenotice import completeness_bans
from processes.diff.contained import chain_pass, contained_pass
from processes.diff.deciding import decision_pass
from processes.diff.decisions import Decision
from processes.diff.dispatchchain import dispatch_chain_pass
from processes.diff.endings import ending_pass
from processes.diff.follow import follow_pass
from processes.diff.forwarding import forwarding_bans
from processes.diff.groups import context_pass, group_pass
from processes.diff.handover import handover_pass
from processes.diff.labelsim import label_matrix
from processes.diff.leftfirst import left_over_first
from processes.diff.lsap import linear_sum_assignment
from processes.diff.matchtypes import (
    ACTIVITIES,
    DEFAULT_OPTIONS,
    DENSE_CELLS,
    ENDPOINT_DISCOUNT,
    Candidate,
    Match,
    Matching,
    MatchOptions,
    PassInput,
    Uncertain,
    family,
    ids_on,
    pooled_similarity,
    what,
)
from processes.diff.mutualbest import leftover_pass, mutual_pass
from processes.diff.namedbody import named_body_pass
from processes.diff.neighbours import adjacency, neighbour_matrix
from processes.diff.oneending import lone_endpoint_blocks, one_ending_pass
from processes.diff.outcomes import outcome_pass
from processes.diff.parties import party_bans
from processes.diff.perspective import kept_questions, perspective_pass
from processes.diff.placed import placed_pass
from processes.diff.runs import run_pass
from processes.diff.segments import segment_pass
from processes.diff.sidematters import side_matter_bans
from processes.diff.solecandidates import sole_pairs
from processes.diff.startend import endpoint_events, refuse_start_with_end, start_end_cells
from processes.diff.statuses import status_pass
from processes.diff.steptypes import (
    arrival_pairs,
    cross_family,
    endpoint_pairs,
    lone_endpoints,
    type_matrix,
)
from processes.diff.suitability import suitability_pass
from processes.diff.summary import summary_pass
from processes.diff.testparts import Apart, part_questions
from processes.diff.text import Lexicon
from processes.diff.tiers import uncertain_steps
from processes.diff.view import ModelView, Step

__all__ = [
    "Match",
    "MatchOptions",
    "Candidate",
    "Uncertain",
    "Matching",
    "DEFAULT_OPTIONS",
    "DENSE_CELLS",
    "match_dense",
    "pair_scores",
    "ACTIVITIES",
    "family",
    "ids_on",
]


def labels(lex: Lexicon, xs: list[Step], ys: list[Step], lang_a: str, lang_b: str) -> np.ndarray:
    """Label similarity of every pair, names without their own performer (``what``);
    unnamed steps: 1 with an unnamed step of the same detail, else 0."""
    na, nb = [what(lex, x, lang_a) for x in xs], [what(lex, y, lang_b) for y in ys]
    lab = label_matrix(lex, na, nb, lang_a=lang_a, lang_b=lang_b, contain=labelsim.CONTAIN).reshape(len(xs), len(ys))
    empty_a = np.array([not n for n in na], dtype=bool)
    empty_b = np.array([not n for n in nb], dtype=bool)
    if empty_a.any() or empty_b.any():
        da = np.array([x.detail for x in xs], dtype=object)
        db = np.array([y.detail for y in ys], dtype=object)
        both = empty_a[:, None] & empty_b[None, :]
        same = (da[:, None] == db[None, :]) if len(xs) and len(ys) else np.zeros((len(xs), len(ys)), bool)
        lab = np.where(both, np.where(same, 1.0, 0.0), np.where(empty_a[:, None] | empty_b[None, :], 0.0, lab))
    return lab


def pair_scores(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    options: MatchOptions = DEFAULT_OPTIONS,
    *,
    lang_a: str | None = None,
    lang_b: str | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(combined score matrix, label similarity matrix), rows A steps, columns B steps,
    in the order of ``a.steps`` / ``b.steps``."""
    score, lab, _ = _scores(a, b, lex, options, lang_a, lang_b)
    return score, lab


def _scores(
    a: ModelView, b: ModelView, lex: Lexicon, options: MatchOptions, lang_a: str | None, lang_b: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """``pair_scores``'s two matrices and the uncertain tier's score (``PassInput.asked``, None
    when it is the combined score itself)."""
    xs, ys = list(a.steps.values()), list(b.steps.values())
    lang_a, lang_b = lang_a or lex.language, lang_b or lex.language
    lab = labels(lex, xs, ys, lang_a, lang_b)
    performers_a = sorted({x.performer for x in xs})
    performers_b = sorted({y.performer for y in ys})
    roles = label_matrix(lex, performers_a, performers_b, lang_a=lang_a, lang_b=lang_b, weighted=False)
    roles = roles.reshape(len(performers_a), len(performers_b))
    pa_index = {p: i for i, p in enumerate(performers_a)}
    pb_index = {p: i for i, p in enumerate(performers_b)}
    ra = np.array([pa_index[x.performer] for x in xs], dtype=int)
    rb = np.array([pb_index[y.performer] for y in ys], dtype=int)
    role = roles[np.ix_(ra, rb)]
    known = np.array([bool(x.performer) for x in xs], bool)[:, None] & np.array(
        [bool(y.performer) for y in ys], bool
    )[None, :]
    pos_a = np.array([a.position[x.id] for x in xs])
    pos_b = np.array([b.position[y.id] for y in ys])
    neigh = (
        neighbour_matrix(lab, adjacency(lex, a, False), adjacency(lex, b, False))
        + neighbour_matrix(lab, adjacency(lex, a, True), adjacency(lex, b, True))
    ) / 2
    types = type_matrix(xs, ys)
    place = 1.0 - np.abs(pos_a[:, None] - pos_b[None, :])
    o = options
    w_role = np.where(known, o.w_role, 0.0)
    rest = o.w_type * types + w_role * role + o.w_position * place + o.w_neighbours * neigh
    rest_weight = o.w_type + w_role + o.w_position + o.w_neighbours
    score = (o.w_label * lab + rest) / (o.w_label + rest_weight)
    # a process's start events (and its end events) mark the same moment whatever they
    # are called: when their labels differ, everything but the label scores them, discounted
    weak = endpoint_pairs(xs, ys) & (lab < o.min_label)
    score = np.where(weak, ENDPOINT_DISCOUNT * rest / np.maximum(rest_weight, 1e-12), score)
    # a task and an event are one step only when their labels say so clearly
    apart = cross_family(xs, ys) & (lab < o.strong_label)
    asked = None
    arrival = arrival_pairs(xs, ys)
    if arrival is not None and (apart & arrival).any():
        # a task that acts then waits is also the arrival it waits for, in the uncertain tier
        asked = np.round(np.where(apart & ~arrival, 0.0, score), 6)
    score = np.where(apart, 0.0, score)
    return np.round(score, 6), lab, asked


def match_dense(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    options: MatchOptions,
    confirmed: tuple[Decision, ...],
    rejected: tuple[Decision, ...],
    lang_a: str | None,
    lang_b: str | None,
    seeded: list[Match],
    notes: tuple[str, ...] = (),
) -> Matching:
    """The matcher over every pair of ``a`` x ``b``; ``seeded``: matches found before
    (steps outside these views) that give the context passes their neighbours."""
    xs, ys = list(a.steps), list(b.steps)
    lang_a, lang_b = lang_a or lex.language, lang_b or lex.language
    score, lab, asked = _scores(a, b, lex, options, lang_a, lang_b)
    matches: list[Match] = []
    fixed_a: set[str] = set()
    fixed_b: set[str] = set()
    ia = {x: i for i, x in enumerate(xs)}
    ib = {y: j for j, y in enumerate(ys)}
    for d in confirmed:
        ids_a = tuple(i for i in d.a if i in a.steps)
        ids_b = tuple(i for i in d.b if i in b.steps)
        if not ids_a or not ids_b or fixed_a & set(ids_a) or fixed_b & set(ids_b):
            continue
        if len(ids_a) == 1 and len(ids_b) == 1:
            lab_ab = float(lab[ia[ids_a[0]], ib[ids_b[0]]])
        else:  # as the passes score a correspondence they find: the pooled labels of both sides
            lab_ab = pooled_similarity(lex, a, b, ids_a, ids_b, (lang_a, lang_b))
        matches.append(Match(ids_a, ids_b, 1.0, round(lab_ab, 3), "confirmed"))
        fixed_a.update(ids_a)
        fixed_b.update(ids_b)
    banned = {(x, y) for d in rejected for x in d.a for y in d.b}
    banned |= forwarding_bans(a, b, (lang_a, lang_b))  # a step passing the decision on is not it
    banned |= side_matter_bans(a, b, (lang_a, lang_b))  # a decision on a side matter pairs only with it
    banned |= completeness_bans(a, b, (lang_a, lang_b))  # the decision sent is no completeness notice
    # work addressed to different parties: never paired, still asked (parties.py)
    apart_parties = party_bans(a, b, (lang_a, lang_b)) - banned
    banned |= apart_parties
    ends = endpoint_pairs(list(a.steps.values()), list(b.steps.values()))
    ok = ((lab >= options.min_label) | ends) & (score >= options.threshold) & (score > 0)
    if fixed_a:
        ok[[ia[x] for x in fixed_a], :] = False
    if fixed_b:
        ok[:, [ib[y] for y in fixed_b]] = False
    for x, y in banned:
        if x in ia and y in ib:
            ok[ia[x], ib[y]] = False
    # a start event is never the other model's end event (closed here, not banned: still asked; startend.py)
    ok &= ~start_end_cells(list(a.steps.values()), list(b.steps.values()))
    # the only start event of each model (and the only end event) mark the same moment; when one
    # is the applicant deciding or getting in touch and the other the application coming in, they
    # are where both processes begin, not one step: held for the passes, then asked (approaches.py)
    held: list[tuple[str, str]] = []
    for i, j in lone_endpoints(list(a.steps.values()), list(b.steps.values())):
        if (xs[i], ys[j]) not in banned and xs[i] not in fixed_a and ys[j] not in fixed_b:
            if approach_against_arrival(a.steps[xs[i]], b.steps[ys[j]], (lang_a, lang_b)):
                held.append((xs[i], ys[j]))
            ok[i, j] = True
            score[i, j] = max(score[i, j], options.threshold)
    # where one model has one start (end) event, the assignment pairs start events only with start events
    for events_a, events_b in lone_endpoint_blocks(a, b, held):  # (oneending.py)
        kept = ok[np.ix_(events_a, events_b)]
        ok[events_a, :] = False
        ok[:, events_b] = False
        ok[np.ix_(events_a, events_b)] = kept
    cost = np.where(ok, -score, 1.0)
    rows, cols = linear_sum_assignment(cost) if cost.size else ((), ())
    for i, j in zip(rows, cols, strict=True):
        if ok[i, j]:
            matches.append(Match((xs[i],), (ys[j],), round(float(score[i, j]), 3), round(float(lab[i, j]), 3)))
    matches = seeded + matches
    given = PassInput(a, b, lex, (lang_a, lang_b), lab, score, banned, options, asked, frozenset(apart_parties))
    apart: list[tuple[Apart, str]] = []  # steps kept out of a correspondence of another test part

    def attach_keeping_apart(given: PassInput, matches: list[Match]) -> list[Match]:
        return attach_pass(given, matches, apart)

    addressed: dict[Match, Match | None] = {}  # the addressee pass's correspondences: what each was before
    kept_apart: frozenset[tuple[str, str]] = frozenset()  # what the passes before it narrowed apart

    def address_recording(given: PassInput, matches: list[Match]) -> list[Match]:
        out = addressee_pass(given, matches, kept_apart)
        before = set(matches)
        for m in out:
            if m not in before:
                addressed[m] = next((n for n in matches if set(n.a) & set(m.a) and set(n.b) & set(m.b)), None)
        return out

    # a start event and an end event are never one correspondence: after every pass (startend.py)
    # (a pass may change the list it is given: the guard reads a copy of what it was given)
    endpoint_events_of = (endpoint_events(a.steps), endpoint_events(b.steps))

    def guarded(given: PassInput, was: list[Match], found: list[Match]) -> list[Match]:
        return refuse_start_with_end(given, endpoint_events_of, was, found)

    for matching_pass in (
        context_pass, mutual_pass, group_pass, attach_keeping_apart, named_body_pass, answers_pass, block_pass, leftover_pass, contained_pass,
        chain_pass, summary_pass, preparation_pass, follow_pass,
    ):
        was = list(matches)
        narrowed = matching_pass(given, matches)
        kept_apart |= narrowed_apart(matches, narrowed)
        matches = guarded(given, was, narrowed)
    for matching_pass in (
        address_recording, decision_pass, dispatch_alternatives_pass, dispatch_chain_pass, ending_pass,
    ):
        was = list(matches)
        matches = guarded(given, was, matching_pass(given, matches))
    noted_passes = (
        outcome_pass, one_ending_pass, placed_pass, suitability_pass, run_pass, segment_pass, status_pass,
        perspective_pass, handover_pass,
    )
    notes_of: list[tuple[str, ...]] = []
    for noted_pass in noted_passes:
        was = list(matches)
        if noted_pass is perspective_pass:
            before = was  # the perspective and handover pairs are asked about apart (ask below)
        found, said = noted_pass(given, matches)
        matches = guarded(given, was, found)
        notes_of.append(said)
    by_outcome = notes_of[0] + notes_of[1]  # one end event against several (oneending.py)
    placed, reviews, runs, segments, statuses = notes_of[2:7]  # (suitability: a review joins the investigation)
    voices = notes_of[7] + notes_of[8]  # "You send us X" = "X received" (handover.py)

    def ask(earlier: list[Match], voiced: list[Match]) -> tuple[list[Match], tuple[Uncertain, ...], tuple[str, ...]]:
        """The uncertain tier of ``earlier + voiced`` (``voiced``: the perspective and handover pairs)."""
        found = earlier + voiced
        uncertain = uncertain_steps(given, found)
        if voices:  # a pair in a wide place narrows its neighbours' places: keep their questions
            uncertain = kept_questions(given, uncertain_steps(given, earlier), uncertain, found, len(voiced))
        if addressed:  # an addressee correspondence bounds its neighbours' places: keep their questions
            uncertain = addressee_questions(given, found, uncertain, addressed)
        arrivals: tuple[str, ...] = ()
        if held:
            found, uncertain, arrivals = held_apart(given, found, uncertain, held)
        uncertain = part_questions(given, found, uncertain, apart)
        return found, left_over_first(given, found, uncertain), arrivals

    voiced = matches[len(before) :]
    matches, uncertain, arrivals = ask(before, voiced)
    # two steps each other's only candidate, labels alike: one step; the tier asked again without them
    sole, alone = sole_pairs(given, uncertain, held)
    sole = guarded(given, [], sole)
    if sole:
        matches, uncertain, arrivals = ask(before + sole, voiced)
    return Matching(
        tuple(matches),
        uncertain,
        notes + by_outcome + placed + reviews + runs + segments + statuses + alone + voices + arrivals,
    )
