"""The hand-over in Swedish: "Skicka in X" on the applicant's side is "X inkommen" on the office's.

handover.py pairs, in English models, what the applicant sends with the office's step where it
arrives. Swedish models show the same exchange: a guide tells the applicant "Skicka in det som
fattas via e-tjänsten", "Betala in ansökningsavgiften", "Komplettera"; an applicant's own drawing
says "Vi skickade in det som saknades"; the office draws "Kompletterande handlingar inkomna",
"Inbetalning registrerad", "Invänta komplettering" (bench/RESULTS-matching.md, "Branch many97").
This module reads the Swedish halves; handover.py pairs them as it pairs the English ones.

A *sending* is a task whose label, after an optional subject and auxiliary, begins with a verb
of sending, handing in, paying or completing (:func:`sent_thing`); what it passes on, *X*, is the
rest without particles, object pronouns, receiver ("till …") and channel ("via …"). Paying and
completing are themselves the thing handed over, so their action noun leads X. A sending to the
applicant ("Skicka beslutet till sökanden") is the office's and no sending here.

An *arrival* names the thing come in, received, handed in, paid, completed or registered, or the
office waiting for it (:func:`arrived_thing`), or is a receive task or message catch event.

>>> sent_thing("Skicka in det som fattas via e-tjänsten")
'det som fattas'
>>> sent_thing("Komplettera")
'komplettering'
>>> sent_thing("Vi mejlade in ansökan och betalade avgiften direkt")
'ansökan och betalade avgiften direkt'
>>> sent_thing("Skicka beslutet till sökanden") is None
True
>>> arrived_thing("Kompletterande handlingar inkomna", "task", "user")
'Kompletterande handlingar'
>>> arrived_thing("Vårt svar har kommit in", "event", "intermediate_catch:none")
'Vårt svar'
>>> arrived_thing("Invänta komplettering", "task", "user")
'komplettering'
"""

from __future__ import annotations

from processes.diff.matchtypes import ACTIVITIES
from processes.diff.text import normalise
from processes.diff.view import ModelView, Step

__all__ = [
    "addresses_applicant",
    "applicant_side",
    "applicant_voiced",
    "arrivals",
    "arrived_thing",
    "sendings",
    "sent_thing",
]

_SUBJECTS = (("den", "sökande"), ("du",), ("ni",), ("jag",), ("vi",), ("sökanden",), ("sökande",))
#: subjects that name the applicant whatever the model ("vi" only where no one says "du": rule (iii))
_APPLICANT_SUBJECTS = (("den", "sökande"), ("du",), ("ni",), ("jag",), ("sökanden",), ("sökande",))
_AUXILIARIES = frozenset("har hade ska skall kan måste".split())


def _forms(*stems: str) -> frozenset[str]:
    """Imperative/infinitive, present, past and supine of first-conjugation verbs ("skick" → "skicka" …)."""
    return frozenset(f"{s}{e}" for s in stems for e in ("a", "ar", "ade", "at"))


#: verbs of sending, handing in, paying or completing (imperative … supine)
_SENDING = _forms(
    "skick", "lämn", "mejl", "mail", "e-post", "post", "bifog", "kompletter", "betal", "överlämn"
) | frozenset("sänd sända sänder sände sänt".split())
#: verbs that send only with their particle: "ge in", "sätt in", "ladda upp"
_WITH_PARTICLE = {
    **dict.fromkeys(("ge", "ger", "gav"), "in"),
    **dict.fromkeys(("sätt", "sätta", "sätter", "satte"), "in"),
    **dict.fromkeys(("ladda", "laddar", "laddade"), "upp"),
}
#: the act that is itself the thing handed over
_ACTION_NOUNS = {
    **dict.fromkeys(("betala", "betalar", "betalade", "betalat"), "betalning"),
    **dict.fromkeys(("komplettera", "kompletterar", "kompletterade", "kompletterat"), "komplettering"),
}
_PARTICLES = frozenset("in över upp iväg".split())
_PRONOUNS = frozenset("oss er dem honom henne".split())
_CUTS = frozenset("till via per genom".split())
#: a receiver that is the applicant: the sending is the office's
_TO_APPLICANT = frozenset("sökanden sökande dig du er ni".split())

_ARRIVING = frozenset(
    (
        "inkommen inkommet inkomna inkommer inkom inkommit mottagen mottaget mottagna mottas mottogs mottagits "
        "erhållen erhållet erhållna erhålls ankommen ankommet ankomna inlämnad inlämnat inlämnade inskickad "
        "inskickat inskickade inbetald inbetalt inbetalda betald betalt betalda kompletterad kompletterat "
        "kompletterade registrerad registrerat registrerade invänta inväntar avvakta avvaktar"
    ).split()
)
_ARRIVING_PAIRS = frozenset(
    tuple(p.split())
    for p in (
        "kommit in",
        "kommer in",
        "kom in",
        "tas emot",
        "togs emot",
        "tagits emot",
        "tar emot",
        "ta emot",
        "vänta på",
        "väntar på",
    )
)
_ARRIVAL_DETAILS = frozenset(("intermediate_catch:message", "start:message", "boundary:message"))
#: the applicant addressed in the second person
_SECOND_PERSON = frozenset("du dig din ditt dina ni er ert era".split())
_APPLICANT_LANE = frozenset("sökande sökanden du ni jag vi".split())


def _words(label: str) -> list[str]:
    return label.replace(",", " ").split()


def _low(word: str) -> str:
    return word.strip("().:;!?\"'").casefold()


def _subject(low: list[str]) -> tuple[str, ...]:
    for subject in _SUBJECTS:
        if tuple(low[: len(subject)]) == subject and len(low) > len(subject):
            return subject
    return ()


def sent_thing(label: str) -> str | None:
    """What a Swedish sending label passes on (its X), or ``None`` when the label is no sending."""
    words = _words(label)
    low = [_low(w) for w in words]
    skip = len(_subject(low))
    if skip and skip < len(low) and low[skip] in _AUXILIARIES:
        skip += 1
    words, low = words[skip:], low[skip:]
    if not low:
        return None
    verb = low[0]
    if verb in _WITH_PARTICLE:
        if len(low) < 2 or low[1] != _WITH_PARTICLE[verb]:
            return None
    elif verb not in _SENDING:
        return None
    rest, rest_low = words[1:], low[1:]
    cut = next((k for k, w in enumerate(rest_low) if w in _CUTS), len(rest_low))
    if cut < len(rest_low) and rest_low[cut] == "till" and _TO_APPLICANT & set(rest_low[cut + 1 : cut + 3]):
        return None
    thing = [w for w, lw in zip(rest[:cut], rest_low[:cut]) if lw not in _PARTICLES and lw not in _PRONOUNS]
    if verb in _ACTION_NOUNS:
        thing = [_ACTION_NOUNS[verb], *thing]
    return " ".join(thing) or None


def arrived_thing(label: str, kind: str, detail: str) -> str | None:
    """What a Swedish arriving step receives (its X), or ``None`` when the step is no arrival."""
    if sent_thing(label) is not None:
        return None
    words = _words(label)
    low = [_low(w) for w in words]
    drop = {k for k, w in enumerate(low) if w in _ARRIVING}
    drop |= {k + d for k in range(len(low) - 1) if tuple(low[k : k + 2]) in _ARRIVING_PAIRS for d in (0, 1)}
    typed = (kind == "task" and detail == "receive") or (kind == "event" and detail in _ARRIVAL_DETAILS)
    if not drop and not typed:
        return None
    if drop:
        drop |= {k for k, w in enumerate(low) if w in _AUXILIARIES}
    thing = [w for k, w in enumerate(words) if k not in drop]
    return " ".join(thing) or None


def addresses_applicant(view: ModelView) -> bool:
    """Whether some named step of ``view`` says "du", "din", "ni", … in its label or lane."""
    return any(
        _SECOND_PERSON & set(normalise(f"{s.name} {s.performer}").split()) for s in view.steps.values() if s.name
    )


def applicant_side(step: Step, addressing: bool, *, imperative: bool = True) -> bool:
    """Whether ``step`` is the applicant's part of the exchange (rules (i)–(iv) of many97's statement).

    ``addressing``: whether the step's model addresses the applicant (:func:`addresses_applicant`);
    ``imperative``: whether a label without a subject counts (rule (iv)).

    >>> applicant_side(Step("t", "Skicka in handlingarna", "task", "user", performer="Sökande"), False)
    True
    >>> applicant_side(Step("t", "Vi skickade in ansökan", "task", "user"), False)
    True
    >>> applicant_side(Step("t", "Vi skickar beslutet", "task", "user"), True)
    False
    >>> applicant_side(Step("t", "Betala avgiften", "task", "user"), True)
    True
    >>> applicant_side(Step("t", "Betala avgiften", "task", "user", performer="Handläggare"), True)
    False
    """
    lane = set(normalise(step.performer).split())
    if _APPLICANT_LANE & lane:
        return True
    low = [_low(w) for w in _words(step.name)]
    subject = _subject(low)
    if subject in _APPLICANT_SUBJECTS:
        return True
    if subject == ("vi",):
        return not addressing
    return imperative and not subject and addressing and not lane


def applicant_voiced(view: ModelView) -> bool:
    """At least half of the model's named tasks are on the applicant's side (rules (i)–(iv))."""
    addressing = addresses_applicant(view)
    named = [s for s in view.steps.values() if s.name and s.kind in ACTIVITIES]
    voiced = [s for s in named if applicant_side(s, addressing)]
    return bool(named) and 2 * len(voiced) >= len(named)


def sendings(view: ModelView, units: dict[str, int]) -> list[tuple[str, str]]:
    """The model's left-over sendings on the applicant's side, with what each passes on."""
    addressing = addresses_applicant(view)
    out = []
    for s, st in view.steps.items():
        if s in units or st.kind not in ACTIVITIES or not st.name:
            continue
        if (thing := sent_thing(st.name)) is not None and applicant_side(st, addressing):
            out.append((s, thing))
    return out


def arrivals(view: ModelView, units: dict[str, int]) -> list[tuple[str, str]]:
    """The model's left-over arrivals on the office's side, with what each receives."""
    addressing = addresses_applicant(view)
    out = []
    for s, st in view.steps.items():
        if s in units or not st.name:
            continue
        if applicant_side(st, addressing, imperative=False):
            continue
        if (thing := arrived_thing(st.name, st.kind, st.detail)) is not None:
            out.append((s, thing))
    return out
