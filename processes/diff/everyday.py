"""The applicant's guide says the office's acts in everyday words: read them as the acts.

A municipality's page for applicants tells what the office does and what the applicant does, in
the words of a letter: "Vi frågar Polisen och andra myndigheter om deras synpunkter", "Vi skickar
ett brev om vad som saknas", "Svaren kommer tillbaka", "Du skriver kunskapsprovet hos oss", "Vi
skickar beslutet och hur du överklagar". The officer's procedure names the same acts "Skicka
remisser", "Begära komplettering", "Samtliga remissvar inkomna", "Kunskapsprov", "Expediera beslut
med besvärshänvisning" — no word in common (bench/RESULTS-matching.md, "Branch many107"). Five
general constructions of that Swedish are read as the act (Swedish only; a label that fits none is
returned unchanged):

1. **asking bodies is a remiss**: "fråga" + addressees that name no applicant (up to "om") →
   "remiss till" + the addressees;
2. **telling the applicant what is missing is the supplement request**: the missing thing ("det/vad
   som saknas/fattas") after a verb of telling or writing, or after a message noun + "om", and not
   after a verb of sending in → "begär komplettering från sökanden";
3. **the answers coming back are the answers in**: "svaren kommer tillbaka" → "svar inkomna";
4. **the applicant doing the work names it by its object**: "Du/Sökanden gör/skriver/tar/genomför"
   + an object (no particle) → "genomföra" + the object;
5. **two phrases**: "hur du överklagar (beslutet)" → "besvärshänvisning", "säga vad du tycker" →
   "tycka till".

>>> as_office("Vi frågar Polisen och andra myndigheter om deras synpunkter", "sv")
'remiss till Polisen och andra myndigheter'
>>> as_office("Vi frågar dig om serveringstiderna", "sv")
'Vi frågar dig om serveringstiderna'
>>> as_office("Vi skickar ett brev om vad som saknas", "sv")
'begär komplettering från sökanden'
>>> as_office("Du skickar in det som saknas", "sv")
'Du skickar in det som saknas'
>>> as_office("Svaren kommer tillbaka (brukar ta 3–4 veckor)", "sv")
'svar inkomna (brukar ta 3–4 veckor)'
>>> as_office("Du skriver kunskapsprovet hos oss", "sv")
'genomföra kunskapsprovet hos oss'
>>> as_office("Du skriver under ansökan", "sv")
'Du skriver under ansökan'
>>> as_office("Vi skickar beslutet och hur du överklagar", "sv")
'Vi skickar beslutet och besvärshänvisning'
>>> as_office("läsa och säga vad du tycker innan beslutet", "sv")
'läsa och tycka till innan beslutet'
"""

from __future__ import annotations

__all__ = ["as_office"]

_PUNCT = ".,;:()\"'–-"
#: verbs of asking a question
_ASKING = frozenset("fråga frågar frågade frågat tillfråga tillfrågar tillfrågas".split())
#: the applicant among the asked: then it is no remiss
_APPLICANT = frozenset("du dig ni er sökanden sökande".split())
#: the missing thing: "det/vad" + "som" + one of these
_MISSING = frozenset("saknas fattas saknades fattades".split())
#: verbs of telling or writing someone
_TELLING = frozenset(
    "säger säga säg berättar berätta meddelar meddela skriver skriva skriv mejlar mejla mailar maila".split()
)
#: a message, followed by "om" what it is about
_MESSAGES = frozenset("brev brevet mejl mejlet e-post e-posten meddelande".split())
#: verbs of sending in (with "in" after them)
_SENDING_IN = frozenset("skicka skickar skickas lämna lämnar lämnas".split())
#: the applicant as the first word
_SUBJECTS = frozenset("du ni sökanden sökande".split())
#: verbs of doing, after the applicant
_DOING = frozenset("gör skriver tar genomför".split())
#: particles: "skriver under", "tar in" are other verbs
_PARTICLES = frozenset("in under på till upp ut av om".split())
_REQUEST = ["begär", "komplettering", "från", "sökanden"]


def _bare(words: list[str]) -> list[str]:
    return [w.casefold().strip(_PUNCT) for w in words]


def _referral(words: list[str], bare: list[str]) -> list[str] | None:
    at = next((i for i, w in enumerate(bare) if w in _ASKING), None)
    if at is None:
        return None
    end = next((i for i in range(at + 1, len(bare)) if bare[i] == "om"), len(bare))
    asked = bare[at + 1 : end]
    if not asked or _APPLICANT & set(asked) or "den som söker" in " ".join(asked):
        return None
    return ["remiss", "till", *words[at + 1 : end]]


def _sent_in(bare: list[str], i: int) -> bool:
    """Whether a verb of sending in comes before position ``i``."""
    for j in range(i):
        if bare[j] in _SENDING_IN and "in" in bare[j + 1 : j + 3]:
            return True
        if bare[j] in ("komma", "kommer") and bare[j + 1 : j + 3] == ["in", "med"]:
            return True
    return False


def _supplement_request(bare: list[str]) -> list[str] | None:
    at = next(
        (i for i in range(len(bare) - 2) if bare[i] in ("det", "vad") and bare[i + 1] == "som" and bare[i + 2] in _MISSING),
        None,
    )
    if at is None or _sent_in(bare, at):
        return None
    told = any(w in _TELLING for w in bare[:at]) or any(
        bare[j] in _MESSAGES and bare[j + 1] == "om" for j in range(at)
    )
    return _REQUEST if told else None


def _answers_back(words: list[str], bare: list[str]) -> list[str] | None:
    for i in range(len(bare) - 2):
        if bare[i] not in ("svaren", "svar", "svaret"):
            continue
        for phrase in (["kommer", "tillbaka"], ["kom", "tillbaka"], ["är", "tillbaka"], ["har", "kommit", "tillbaka"]):
            if bare[i + 1 : i + 1 + len(phrase)] == phrase:
                return [*words[:i], "svar", "inkomna", *words[i + 1 + len(phrase) :]]
    return None


def _doing(words: list[str], bare: list[str]) -> list[str] | None:
    if len(bare) >= 3 and bare[0] in _SUBJECTS and bare[1] in _DOING and bare[2] and bare[2] not in _PARTICLES:
        return ["genomföra", *words[2:]]
    return None


def _phrases(words: list[str], bare: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if bare[i] == "hur" and i + 2 < len(bare) + 1 and i + 1 < len(bare) and bare[i + 1] in ("du", "ni", "man"):
            j = i + 2
            if j < len(bare) and bare[j] == "kan":
                j += 1
            if j < len(bare) and bare[j] in ("överklagar", "överklaga"):
                j += 1
                if j < len(bare) and bare[j] == "beslutet":
                    j += 1
                out.append("besvärshänvisning")
                i = j
                continue
        if bare[i] == "säga" and bare[i + 1 : i + 4] in (["vad", "du", "tycker"], ["vad", "ni", "tycker"]):
            out += ["tycka", "till"]
            i += 4
            continue
        out.append(words[i])
        i += 1
    return out


def as_office(name: str, lang: str) -> str:
    """``name`` read as the office's act (module doc), else unchanged."""
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = _bare(words)
    for reading in (_referral(words, bare), _supplement_request(bare), _answers_back(words, bare), _doing(words, bare)):
        if reading is not None:
            words = reading
            break
    words = _phrases(words, _bare(words))
    out = " ".join(words)
    return out if out != " ".join(name.split()) else name
