"""Two everyday ways of saying an office's request, read as the act they name.

A case officer's model says "Begär komplettering" and "Skicka remisser"; a clerk who takes a
permit case a year writes what she does: "Mejla sökanden om det som saknas", "Be den som
söker skicka det som saknas", "Skicka till polisen och de andra för yttrande". The words
differ, the act is the same. Two general constructions of Swedish administrative language:

* **a request to the applicant for what is missing**: a verb of asking ("be") or of
  contacting ("mejla", "ringa", "kontakta", "skriva till"), the applicant as its object
  ("sökanden", "den som söker", "dig"), and the missing thing ("det som saknas", "vad som
  fattas", "saknade handlingar", "komplettering"), or "be … komplettera": read as
  "begär komplettering från sökanden" and what follows the missing thing;
* **a case sent to bodies for their opinion**: a verb of sending, "till" X and, right after
  X, "för yttrande" (or "för synpunkter", "för remissvar"): a remiss to X, read as "remiss till
  X" after the words before "till", with "de andra" (the other bodies) read as "övriga"
  (collective.COLLECTIVE). When X names the applicant it is the applicant heard before the
  decision ("Skicka utredningen till sökanden för synpunkter"), not a remiss: the label stays.

>>> as_request("Be den som söker skicka det som saknas", "sv")
'begär komplettering från sökanden'
>>> as_request("Jag ringer eller mejlar sökanden om vad som saknas", "sv")
'begär komplettering från sökanden'
>>> as_request("Mejla sökanden om komplettering", "sv")
'begär komplettering från sökanden'
>>> as_request("Be sökanden att komplettera ansökan", "sv")
'begär komplettering från sökanden ansökan'
>>> as_request("Meddela sökanden att ansökan är komplett", "sv")
'Meddela sökanden att ansökan är komplett'
>>> as_request("Skicka till polisen och de andra för yttrande", "sv")
'Skicka remiss till polisen och övriga'
>>> as_request("Skicka utredningen till sökanden för synpunkter", "sv")
'Skicka utredningen till sökanden för synpunkter'

Labels in other languages, and labels that fit neither construction, stay whole.
"""

from __future__ import annotations

from processes.diff.subjects import PARTIES

__all__ = ["as_request", "as_referral", "as_supplement_request"]

_PUNCT = ".,;:()\"'"
#: verbs of asking someone to do something
_ASKING = frozenset("be ber bad".split())
#: verbs of getting in touch with someone
_CONTACTING = frozenset(
    "mejla mejlar maila mailar e-posta e-postar ringa ringer ring kontakta kontaktar".split()
)
#: verbs of writing: getting in touch only when "till" follows ("skriva till sökanden")
_WRITING = frozenset("skriva skriver skriv".split())
#: the applicant as the object of the request, one word
_APPLICANT = frozenset("sökanden sökande dig er".split())
#: verbs of sending something in, after a verb of asking ("be sökanden skicka in …")
_SENDING_IN = frozenset("skicka skickar lämna lämnar ge".split())
#: the missing thing said as a clause of three words
_MISSING_CLAUSES = frozenset(
    {("det", "som", "saknas"), ("vad", "som", "saknas"), ("det", "som", "fattas"), ("vad", "som", "fattas")}
)
#: verbs of sending a case on
_SENDING = frozenset(
    "skicka skickar skickas sänd sända sänder sänds översänd översända översänder översänds mejla mejlar maila "
    "mailar lämna lämnar överlämna överlämnar e-posta e-postar".split()
)
#: what a body is asked for, after "för"
_OPINIONS = frozenset("yttrande yttranden synpunkter remissvar".split())
#: the applicant among the addressees: then it is the hearing, not a remiss
_APPLICANTS = frozenset("sökanden sökande sökandena dig er du ni".split())
_REQUEST = ["begär", "komplettering", "från", "sökanden"]


def _bare(words: list[str]) -> list[str]:
    return [w.casefold().strip(_PUNCT) for w in words]


def _contact_verb(bare: list[str], i: int) -> int | None:
    """The index after a contacting verb at ``i`` ("skriva" with its "till"), else None."""
    if i < len(bare) and bare[i] in _CONTACTING:
        return i + 1
    if i + 1 < len(bare) and bare[i] in _WRITING and bare[i + 1] == "till":
        return i + 2
    return None


def _applicant(bare: list[str], i: int) -> int | None:
    """The index after the applicant named at ``i``, else None."""
    if bare[i : i + 3] == ["den", "som", "söker"]:
        return i + 3
    if bare[i : i + 2] == ["den", "sökande"]:
        return i + 2
    return i + 1 if i < len(bare) and bare[i] in _APPLICANT else None


def _missing(bare: list[str], i: int) -> int | None:
    """The index after the missing thing named at ``i``, else None."""
    if tuple(bare[i : i + 3]) in _MISSING_CLAUSES:
        return i + 3
    if bare[i : i + 2] == ["det", "saknade"]:
        return i + 2
    if i + 1 < len(bare) and bare[i] in ("saknade", "kompletterande"):
        return i + 2
    if i < len(bare) and bare[i].startswith("komplettering"):
        return i + 1
    return None


def _sent_in(bare: list[str], i: int) -> int:
    """The index after an optional verb of sending in at ``i`` ("skicka in", "komma in med")."""
    if bare[i : i + 3] == ["komma", "in", "med"]:
        return i + 3
    if i < len(bare) and bare[i] in _SENDING_IN:
        return i + 2 if i + 1 < len(bare) and bare[i + 1] == "in" else i + 1
    return i


def as_supplement_request(name: str, lang: str) -> str:
    """``name`` read as "begär komplettering från sökanden" when it asks the applicant for what
    is missing (module doc), else unchanged."""
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = _bare(words)
    i = 1 if len(bare) > 1 and bare[0] in PARTIES else 0
    end: int | None
    if i < len(bare) and bare[i] in _ASKING:
        at = _applicant(bare, i + 1)
        if at is None:
            return name
        if at < len(bare) and bare[at] in ("att", "om"):
            at += 1
        if at < len(bare) and bare[at] == "komplettera":
            end = at + 1
        else:
            end = _missing(bare, _sent_in(bare, at))
    else:
        verb = _contact_verb(bare, i)
        if verb is None:
            return name
        if verb + 1 < len(bare) and bare[verb] in ("eller", "och"):
            verb = _contact_verb(bare, verb + 1) or verb
        at = _applicant(bare, verb)
        if at is None or at >= len(bare) or bare[at] != "om":
            return name
        end = _missing(bare, at + 1)
    return name if end is None else " ".join([*_REQUEST, *words[end:]])


def as_referral(name: str, lang: str) -> str:
    """``name`` read as a remiss when it sends the case to bodies "för yttrande" (module doc),
    else unchanged."""
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = _bare(words)
    sent = next((i for i, w in enumerate(bare) if w in _SENDING), None)
    if sent is None or "till" not in bare[sent + 1 :]:
        return name
    to = bare.index("till", sent + 1)
    asked = next(
        (f for f in range(to + 2, len(bare) - 1) if bare[f] == "för" and bare[f + 1] in _OPINIONS), None
    )
    if asked is None:
        return name
    bodies = bare[to + 1 : asked]
    if any(w in _APPLICANTS for w in bodies) or "den som söker" in " ".join(bodies):
        return name
    named: list[str] = []
    k = to + 1
    while k < asked:
        if bare[k] in ("de", "dom") and k + 1 < asked and bare[k + 1] == "andra":
            named.append("övriga")
            k += 2
        else:
            named.append(words[k])
            k += 1
    return " ".join([*words[:to], "remiss", "till", *named, *words[asked + 2 :]])


def as_request(name: str, lang: str) -> str:
    """``name`` read as a supplement request or a remiss when it says one (module doc)."""
    return as_referral(as_supplement_request(name, lang), lang)
