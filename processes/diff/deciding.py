"""The decision: where each model has one decision step, they are the same work.

A permit process has one decision, however it is drawn: one municipality draws "Beslut i
socialnämnden", another an exclusive choice between "Handläggaren fattar beslut på
delegation" and "Arbetsutskottet fattar beslut i ärendet"; a third "Socialnämnden beslutar
om tillståndet på sitt månadssammanträde" against "Delegationsbeslut" and "Nämndbeslut".
Who decides (committee, working committee, delegation) differs, the work does not, and the
labels share little but the decision itself. ``decision_pass`` pairs them: when one model
has exactly one decision step and the other one to ``MAX_ALTERNATIVES``, and none of them
is paired with a step that is not a decision, they become one correspondence (replacing
any pairs among them).

A decision step (Swedish labels; ``is_decision``) is an activity whose name *is* the
decision: its first word is a decision noun, alone or as the head of a compound
(decisionwords.py: "Beslut …", "Nämndbeslut", "Delegationsbeslut", "Ordf.-beslut"; not
"Beslutsunderlag", where the decision is only the modifier) or after a genitive that says
whose it is, as a compound's first part would ("Nämndens beslut"), not followed by a passive
verb ("Delegationsbeslutet anmäls"; but "Beslut fattas" is the decision taken) or "och"
("Beslut och tillståndsbevis"); or a deciding verb ("Beslutar", "Fattar beslut", "Fattar
delegationsbeslut") first or after a subject ("Nämnden beslutar", "Handläggaren fattar
delegationsbeslut"), a subject that may be several words naming a body ("Socialnämndens
arbetsutskott beslutar", "Arbetsutskottet i Skogsby fattar beslut"). Writing the decision on
delegation is taking it ("Handläggaren skriver delegationsbeslut", "Skriva och fatta beslut"),
writing a proposal is not ("Skriv beslutsförslag"). A label that sends the decision somewhere ("… till sökanden") is a dispatch,
not a decision. A copy, a dispatch, a proposal or a report of a decision ("Beslutskopia",
"Expediering av beslut", "Förslag till beslut", "Anmälan av delegationsbeslut") is not one.
"""

from __future__ import annotations

from functools import lru_cache

from processes.diff.decisionwords import decision_word, label_words
from processes.diff.language import is_stopword
from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, ids_on, named
from processes.diff.sidematters import decided_side_matter
from processes.diff.subjects import PARTIES, without_party_subject
from processes.diff.text import normalise
from processes.diff.view import ModelView

__all__ = ["is_decision", "decision_steps", "decision_pass", "MAX_ALTERNATIVES", "decisions",
           "names_decision"]

#: at most this many decision steps (delegation, committee, working committee) on the side
#: that draws the decision as alternatives
MAX_ALTERNATIVES = 3
#: past participles after a decision noun: what was done to it ("Beslut signerat digitalt")
_PARTICIPLE_ENDS = ("at", "ad", "ade", "ats", "ades")
#: the participles of taking or granting the decision: the decision itself ("Beslut fattat")
_TAKEN = frozenset(
    "fattat fattad fattade fattats beslutat beslutad beslutade beslutats beviljat beviljad beviljade beviljats".split()
)
#: a definite noun's genitive ("nämndens", "arbetsutskottets"): a modifier, as a compound's first part
_GENITIVE_ENDS = ("ens", "ets")
_VERBS = frozenset({"besluta", "beslutar"})
_LIGHT = frozenset({"fatta", "fattar", "ta", "tar"})
#: the light verbs' passives: a decision noun before one is the decision taken ("Beslut fattas")
_LIGHT_PASSIVE = frozenset({"fattas", "tas"})
#: writing verbs: writing the decision on delegation is taking it ("Handläggaren skriver delegationsbeslut")
_WRITING = frozenset({"skriv", "skriva", "skriver", "upprätta", "upprättar"})
#: a decision compound's first part that names who decides (not the outcome: "avslagsbeslut")
_DECIDERS = ("delegation", "ordförande", "ordf", "nämnd", "utskott", "au", "presidium")
#: at most this many genitives before the deciding body ("kommunens socialnämnds arbetsutskott")
_MAX_GENITIVES = 2


def _decides(words: list[str]) -> bool:
    """Whether ``words`` start with a deciding verb ("beslutar", "fattar beslut", "fattar
    delegationsbeslut")."""
    if not words:
        return False
    if words[0] in _VERBS:
        return True
    if len(words) >= 2 and words[0] in _LIGHT and decision_word(words[1]) is not None:
        return True
    return _writes(words)


def _writes(words: list[str]) -> bool:
    """Whether ``words`` start with writing the decision that is taken: a writing verb whose
    object names who decides ("skriver delegationsbeslut"), or one joined with a deciding verb
    ("skriva och fatta beslut", "fattar och skriver beslut"); not writing a proposal
    ("skriv beslutsförslag", "skriv förslag till beslut") or a decision alone ("skriv beslut")."""
    if len(words) < 2 or words[0] not in _WRITING and words[0] not in _LIGHT | _VERBS:
        return False
    if words[0] in _WRITING:
        found = decision_word(words[1])
        if found is not None and any(m.endswith(_DECIDERS) for m in found.modifiers):
            return True
        return words[1] == "och" and _decides(words[2:])
    # a deciding verb first: "fattar och skriver beslut"
    return len(words) >= 4 and words[1] == "och" and words[2] in _WRITING and decision_word(words[3]) is not None


def _records(word: str) -> bool:
    """Whether ``word`` (normalised) is a past participle that says what was done to a decision
    already taken ("signerat", "e-signerat", "registrerat", "överklagat"), not taking it ("fattat")."""
    stem = word[2:] if word.startswith("e-") else word
    return len(stem) >= 5 and stem.isalpha() and stem.endswith(_PARTICIPLE_ENDS) and stem not in _TAKEN


def _whose(word: str) -> bool:
    """Whether ``word`` is the genitive of who may decide: "nämndens", "arbetsutskottets"; not a
    party's ("sökandens beslut" is the applicant's choice, not the permit decision)."""
    return word.endswith(_GENITIVE_ENDS) and word[:-1] not in PARTIES


def is_decision(label: str, lang: str) -> bool:
    """Whether ``label`` (a step's name without its performer) is the decision itself.

    >>> [is_decision(x, "sv") for x in ("Nämndbeslut", "Beslut i socialnämnden", "Arbetsutskottet fattar beslut")]
    [True, True, True]
    >>> [is_decision(x, "sv") for x in ("Beslutskopia till Kronofogden", "Delegationsbeslutet anmäls",
    ...                                  "Beslut till sökanden", "Förslag till beslut", "Beslut e-signerat")]
    [False, False, False, False, False]
    >>> is_decision("Beslut fattat", "sv")
    True
    """
    if lang != "sv":
        return False
    words = label_words(label)
    if not words or "till" in words:
        return False
    if len(words) >= 2 and _whose(words[0]) and decision_word(words[1]) is not None:
        words = words[1:]  # "Nämndens beslut": a genitive before the decision says who takes it
    first = words[0]
    if decision_word(first) is not None:
        if len(words) == 1:
            return True
        nxt = words[1]
        if nxt in _LIGHT_PASSIVE:
            return True  # "Beslut fattas": the deciding verb itself, not another act on the decision
        if _records(nxt):
            return False  # "Beslut signerat digitalt": something done to a decision already taken
        return nxt != "och" and not (nxt.isalpha() and nxt.endswith("s") and not is_stopword(nxt, lang))
    return _decides(words) or _decides(words[1:]) or _decides(words[_subject_length(words, label):])


def _subject_length(words: list[str], label: str) -> int:
    """How many of ``words`` (more than one) make a deciding body's name before its verb: its
    parts after a genitive ("socialnämndens arbetsutskott"), then a place name after "i"
    ("arbetsutskottet i Skogsby"); 0 when they do not start with one."""
    k = 0
    while k < _MAX_GENITIVES and k + 1 < len(words) and _whose(words[k]) and words[k].isalpha():
        k += 1  # "socialnämndens": whose part the body is
    if k >= len(words) or not words[k].isalpha() or is_stopword(words[k], "sv"):
        return 0
    k += 1  # the body itself: "arbetsutskott", "arbetsutskottet"
    if k + 1 < len(words) and words[k] == "i" and _place_name(words[k + 1], label):
        k += 2  # "i Skogsby": where the body sits
    return k if k > 1 else 0


def _place_name(word: str, label: str) -> bool:
    """Whether ``word`` (normalised) is written as a name in ``label``: capitalised."""
    return any(t[:1].isupper() and normalise(t) == word for t in label.split())


def decision_steps(view: ModelView, lang: str) -> list[str]:
    """The ids of ``view``'s decision steps (activities whose name, without a party as its
    subject, :func:`is_decision`), in the model's order."""
    return decisions(view, lang)


def decisions(view: ModelView, lang: str) -> list[str]:
    # the step's own name, not matchtypes.what: a lane called after the decision ("Beslut")
    # would take the deciding verb out of "Besluta om serveringstillstånd"
    return [
        s
        for s, st in view.steps.items()
        if st.kind in ACTIVITIES and named(st) and names_decision(named(st), lang)
    ]


@lru_cache(maxsize=65536)
def names_decision(name: str, lang: str) -> bool:
    # remembered: an N-way run asks it of every step in each of the model's pairs; a decision on a
    # side matter ("Beslut om förlängd handläggningstid") is not the decision on the application
    return is_decision(without_party_subject(name, lang), lang) and decided_side_matter(name, lang) is None


def decision_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The decision steps of both models as one correspondence (module doc)."""
    a, b, lang, lab, score, banned = given.a, given.b, given.langs, given.lab, given.score, given.banned
    da, db = decisions(a, lang[0]), decisions(b, lang[1])
    if not da or not db or min(len(da), len(db)) != 1 or max(len(da), len(db)) > MAX_ALTERNATIVES:
        return matches
    if any((x, y) in banned for x in da for y in db):
        return matches
    inside = set(da) | set(db)
    touching = [m for m in matches if inside & (set(m.a) | set(m.b))]
    for m in touching:
        if m.how == "confirmed" or not (set(m.a) | set(m.b)) <= inside:
            return matches  # a decision paired with something else: other evidence decided
    if len(touching) == 1 and set(ids_on(touching[0], "a")) == set(da) and set(ids_on(touching[0], "b")) == set(db):
        return matches
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    cells = [(ia[x], ib[y]) for x in da for y in db]
    confidence = max(float(score[i, j]) for i, j in cells)
    label = max(float(lab[i, j]) for i, j in cells)
    kept = [m for m in matches if m not in touching]
    how = "grouped" if len(da) > 1 or len(db) > 1 else "auto"
    return kept + [Match(tuple(da), tuple(db), round(confidence, 3), round(label, 3), how)]
