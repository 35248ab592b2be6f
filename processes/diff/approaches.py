"""The applicant approaching the office is not the application coming in.

A guide written for the applicant often starts before any application exists: "Du vill
servera alkohol i din restaurang", "You decide to serve beer, wine or liquor", "Sökanden hör
av sig". An office's procedure starts when the application arrives: "Ansökan inkommen",
"E-tjänsten tar emot ansökan", "Application packet received at the counter". When each model
has one start event, the matcher pairs the two whatever their labels (a process's start marks
the same moment); for these two it does not: the applicant's first thought or call comes
before the application, and the step where the application comes in is elsewhere in the
guide ("Du betalar avgiften och ansöker i e-tjänsten"). bench/RESULTS-matching.md, "Branch
many17" (the three wrong forced start pairs) and "Branch many21".

A start event is the applicant **approaching** when its label is a sentence whose subject is
the applicant or the reader (``APPLICANTS``: "Du", "Sökanden", "You", "The applicant"),
perhaps after an auxiliary ("Du har bestämt dig"), and whose verb is one of wanting,
deciding, planning or getting in touch (``INTENT``, ``CONTACT``: "vill", "bestämmer",
"planerar", "kontaktar", "hör av sig", "want", "decide", "plan", "contact", "get in touch"):

>>> applicant_approaches("Sökanden hör av sig", "sv")
True
>>> applicant_approaches("You decide to serve beer, wine or liquor", "en")
True
>>> applicant_approaches("Du skickar in ansökan och betalar avgiften", "sv")
False
>>> applicant_approaches("Sökanden startar e-tjänsten", "sv")
False

A start event is the **application coming in** when its label names the application or applying
(a word beginning ``ansök``: "ansökan", "ansökningsblankett", "ansöker"; ``application``, ``app``,
``apply``) and it is not an approach:

>>> application_arrives("Inflöde ansökan", "sv")
True
>>> application_arrives("Application packet received at the counter", "en")
True
>>> application_arrives("Ärende skapas via e-tjänst", "sv")
False

Such a pair of lone start events (:func:`approach_against_arrival`) is still where both
processes begin, so the matcher holds it while its passes run (the steps after each start stand
in the same place as before); then :func:`held_apart` takes it out of the matches, the uncertain
tier is read again without it — a step it would leave with no question keeps the questions it
had — and the approach asks first about the other model's start event, the step where the
application comes in, with the reason why the two were not paired. Measured without holding
(the pair simply not forced), the passes lost the only anchor of a model pair whose first
matched step it was (bench/RESULTS-matching.md, "Branch many21").

The start event where the application comes in is then **paired** with that step
(:func:`arrival_pair`, ``how`` :data:`ARRIVAL`, a note says why) when nothing else competes:
the step is left over after every pass, and of the approach model's steps left over it is the
one whose label is strictly most alike the start's (or the only one left over). The office's
"Application packet received at the counter" and the guide's "Turn in the application and pay
the filing fee" are one moment seen from two sides; where a step left over is more alike
("Vi bedömer din ansökan" against "Inflöde ansökan"), the start only asks about the step
(bench/RESULTS-matching.md, "Branch many26").
"""

from __future__ import annotations

from processes.diff.matchtypes import (
    MAX_CANDIDATES,
    Candidate,
    Match,
    PassInput,
    Uncertain,
    ask_first,
    ids_on,
    in_model_order,
)
from processes.diff.tiers import uncertain_steps
from processes.diff.view import ModelView, Step

__all__ = [
    "APPLICANTS",
    "CONTACT",
    "INTENT",
    "APPROACH_REASON",
    "applicant_approaches",
    "application_arrives",
    "approach_against_arrival",
    "application_step",
    "held_apart",
    "arrival_pair",
    "ARRIVAL",
]

#: the applicant or the reader of a guide, as a sentence's subject (one or two words)
APPLICANTS = {
    "sv": frozenset({("du",), ("ni",), ("sökanden",), ("sökande",), ("den", "sökande")}),
    "en": frozenset({("you",), ("applicant",), ("the", "applicant"), ("an", "applicant")}),
}
#: auxiliaries between the subject and the verb that carries the meaning
_AUXILIARIES = {
    "sv": frozenset("har hade ska skall kan vill".split()),
    "en": frozenset("have has had will would may might can".split()),
}
#: verbs of wanting, deciding, choosing and planning (the start of a stem, present or infinitive)
INTENT = {
    "sv": ("vill", "önska", "tänke", "tänka", "funder", "bestäm", "beslut", "välj", "planer", "överväg"),
    "en": ("want", "wish", "like", "intend", "decide", "choose", "plan", "consider", "think"),
}
#: getting in touch: one verb, or a verb and the word after it ("hör av sig", "tar kontakt",
#: "get in touch", "reach out")
CONTACT = {
    "sv": (("kontakt",), ("ring",), ("hör", "av"), ("tar", "kontakt"), ("vänder", "sig"), ("vänder", "dig")),
    "en": (
        ("contact",),
        ("call",),
        ("phone",),
        ("get", "in"),
        ("gets", "in"),
        ("reach", "out"),
        ("reaches", "out"),
    ),
}
#: the application as a word: Swedish stems, English words
_APPLICATION = {
    "sv": ("ansök", "e-ansök"),
    "en": ("application", "applications", "app", "apply", "applies", "applying", "applied"),
}
APPROACH_REASON = (
    "the only start events, not paired: {approach} is the applicant deciding or getting in touch, "
    "{arrival} the application coming in"
)
#: the ``how`` of a start event where the application comes in paired with the step where it comes in
ARRIVAL = "arrival"


def _words(name: str) -> list[str]:
    return [w.casefold().strip(".,;:()\"'!?") for w in name.split()]


def applicant_approaches(name: str, lang: str) -> bool:
    """Whether ``name`` says the applicant (or the reader) wants, decides, plans or gets in
    touch, as its first sentence (module doc)."""
    subjects, verbs, contacts = APPLICANTS.get(lang), INTENT.get(lang), CONTACT.get(lang)
    if subjects is None or verbs is None or contacts is None:
        return False
    words = _words(name)
    at = next((len(s) for s in sorted(subjects, key=len, reverse=True) if tuple(words[: len(s)]) == s), 0)
    if not at:
        return False
    if at < len(words) - 1 and words[at] in _AUXILIARIES[lang] and not words[at].startswith(verbs):
        at += 1
    if at >= len(words):
        return False
    verb, rest = words[at], words[at + 1 : at + 2]
    if verb.startswith(verbs):
        return True
    return any(verb.startswith(c[0]) and tuple(rest) == c[1:] for c in contacts if len(c) == 2) or any(
        verb.startswith(c[0]) for c in contacts if len(c) == 1
    )


def application_arrives(name: str, lang: str) -> bool:
    """Whether ``name`` names the application and is not the applicant's approach."""
    return _names_application(name, lang) and not applicant_approaches(name, lang)


def _names_application(name: str, lang: str) -> bool:
    """Whether ``name`` has a word for the application or for applying ("ansökan",
    "ansökningsblankett", "ansöker", "e-ansökan"; "application", "app", "apply")."""
    stems = _APPLICATION.get(lang)
    if stems is None:
        return False
    words = _words(name)
    if lang == "sv":
        return any(w.startswith(stems) or w.endswith("ansökan") for w in words)
    return any(w in stems for w in words)


def approach_against_arrival(x: Step, y: Step, langs: tuple[str, str]) -> bool:
    """Whether one of two start events ``x`` (in a model of ``langs[0]``) and ``y`` (``langs[1]``)
    is the applicant's approach and the other the application coming in."""
    return (applicant_approaches(x.name, langs[0]) and application_arrives(y.name, langs[1])) or (
        application_arrives(x.name, langs[0]) and applicant_approaches(y.name, langs[1])
    )


def held_apart(
    given: PassInput, matches: list[Match], uncertain: tuple[Uncertain, ...], held: list[tuple[str, str]]
) -> tuple[list[Match], tuple[Uncertain, ...], tuple[str, ...]]:
    """``matches`` without the start pairs ``held`` (``(a id, b id)``, each still a one-to-one
    correspondence of its own), with the start where the application comes in paired with the
    approach model's step where it comes in when nothing competes (:func:`arrival_pair`), the
    uncertain tier recomputed, each step keeping after its new questions the ones it had beside
    them (:func:`_with_old_questions`), and a note per pair made here. The approach asks first
    about the other model's start event (the application coming in), and that start event, when
    it stays unpaired, asks first about the step of the approach's model where the application
    comes in (:func:`application_step`), each with :data:`APPROACH_REASON`."""
    pairs = set(held)
    apart = [m for m in matches if len(m.a) == 1 and len(m.b) == 1 and (m.a[0], m.b[0]) in pairs]
    if not apart:
        return matches, uncertain, ()
    rest = [m for m in matches if m not in apart]
    row = {s: i for i, s in enumerate(given.a.steps)}
    col = {s: j for j, s in enumerate(given.b.steps)}

    def candidate(x_id: str, y_id: str, to: str, reason: str) -> Candidate:
        i, j = row[x_id], col[y_id]
        return Candidate(
            (to,), round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3), (reason,)
        )

    starts = []
    made: list[Match] = []
    for m in apart:
        x, y = given.a.steps[m.a[0]], given.b.steps[m.b[0]]
        approach, arrival = (x, y) if applicant_approaches(x.name, given.langs[0]) else (y, x)
        side = "a" if approach is x else "b"
        view, lang = (given.a, given.langs[0]) if side == "a" else (given.b, given.langs[1])
        comes_in = application_step(view, approach.id, lang)
        paired = None if comes_in is None else arrival_pair(given, matches + made, side, arrival.id, comes_in)
        if paired is not None:
            made.append(paired)
        starts.append((x, y, approach, arrival, comes_in, paired))
    rest += made
    matched = {(side, s) for m in rest for side in "ab" for s in ids_on(m, side)}
    questions = [
        u
        for u in _with_old_questions(uncertain, uncertain_steps(given, rest))
        if (u.side, u.step) not in matched
    ]
    notes: list[str] = []
    for x, y, approach, arrival, comes_in, paired in starts:
        reason = APPROACH_REASON.format(approach=f"“{approach.name}”", arrival=f"“{arrival.name}”")
        ask_first(
            questions, "a" if approach is x else "b", approach.id, candidate(x.id, y.id, arrival.id, reason)
        )
        if paired is not None and comes_in is not None:
            step = (given.a if approach is x else given.b).steps[comes_in]
            notes.append(_arrival_note(paired, approach.name, arrival.name, step.name))
        elif comes_in is not None:
            where = f"where the application comes in after “{approach.name}”"
            if approach is x:
                asked = candidate(comes_in, y.id, comes_in, where)
            else:
                asked = candidate(x.id, comes_in, comes_in, where)
            ask_first(questions, "b" if approach is x else "a", arrival.id, asked)
    return rest, in_model_order(given, questions), tuple(notes)


def arrival_pair(
    given: PassInput, matches: list[Match], side: str, arrival: str, comes_in: str
) -> Match | None:
    """The start event ``arrival`` (the application coming in) paired with ``comes_in``, the step
    of model ``side`` (the approach's model) where the application comes in, or None:
    ``comes_in`` is left over in ``matches`` (after every pass, the held pair still in them) and,
    among the steps of its model left over there, its label is strictly the most alike
    ``arrival``'s (or it is the only one left over); a pair the user rejected is never made. The
    confidence is the pair's combined score, or its label similarity where the combined score is
    0 (a task and an event)."""
    view = given.a if side == "a" else given.b
    used = {s for m in matches for s in ids_on(m, side)}
    if comes_in in used:
        return None
    i_a, j_b = list(given.a.steps), list(given.b.steps)
    if side == "a":
        x_id, y_id = comes_in, arrival
        alike = given.lab[:, j_b.index(arrival)]
    else:
        x_id, y_id = arrival, comes_in
        alike = given.lab[i_a.index(arrival), :]
    if (x_id, y_id) in given.banned:
        return None
    at = {s: k for k, s in enumerate(view.steps)}
    here = float(alike[at[comes_in]])
    if any(float(alike[at[s]]) >= here for s in view.steps if s not in used and s != comes_in):
        return None
    i, j = i_a.index(x_id), j_b.index(y_id)
    score, label = float(given.score[i, j]), float(given.lab[i, j])
    return Match((x_id,), (y_id,), round(score if score > 0 else label, 3), round(label, 3), ARRIVAL)


def _arrival_note(paired: Match, approach: str, arrival: str, step: str) -> str:
    return (
        f"“{arrival}” = “{step}”: matched with lower confidence ({paired.confidence:.2f}), the start where the "
        f"application comes in and the step where it comes in after “{approach}” (the applicant deciding or "
        f"getting in touch, not paired with it); no step left over is more alike, labels {paired.label:.2f} alike"
    )


def application_step(view: ModelView, start: str, lang: str) -> str | None:
    """The first step after ``start`` (breadth first, in the view's order of successors) whose
    label names the application ("Du betalar avgiften och ansöker i e-tjänsten", "Turn in the
    application"), or None."""
    seen, queue = {start}, list(view.successors(start))
    while queue:
        step_id = queue.pop(0)
        if step_id in seen:
            continue
        seen.add(step_id)
        if _names_application(view.steps[step_id].name, lang):
            return step_id
        queue.extend(view.successors(step_id))
    return None


def _with_old_questions(before: tuple[Uncertain, ...], after: tuple[Uncertain, ...]) -> list[Uncertain]:
    """``after`` (the tier without the held pairs) with each step's questions of ``before`` (the tier
    with them, a pass's kept questions included) after its new ones, up to ``MAX_CANDIDATES``: taking
    a pair out matches no step, so every question asked before still stands."""
    out = {(u.side, u.step): u for u in after}
    for u in before:
        now = out.get((u.side, u.step))
        if now is None:
            out[(u.side, u.step)] = u
            continue
        asked = {c.ids for c in now.candidates}
        more = tuple(c for c in u.candidates if c.ids not in asked)
        out[(u.side, u.step)] = Uncertain(u.side, u.step, (now.candidates + more)[:MAX_CANDIDATES])
    return list(out.values())
