"""Work addressed to different parties is not the same work.

A reminder to the police ("Påminn Polisen", three weeks after the remiss) and a reminder to the
applicant ("Påminnelse till sökanden") share the act and differ in whom it is for; so do "Skicka
remiss till Polisen" and "Skicka brev till sökanden", "Begär yttrande från räddningstjänsten" and
"Begär komplettering från sökanden", "Remind the police" and "Remind the applicant". The labels are
alike by their verbs, and a pair of them gave the diff a false control-flow difference (a QA journey;
bench/RESULTS-matching.md "Branch many110").

:func:`addressees` reads the parties a label names (:data:`PARTIES`: a word equal to one of a party's
words or beginning with one of its stems; English phrases too; a ``/`` separates words), leaving out
the one who acts: the parties opening the label (joined by "och", "samt", "and" or commas) when the
word after them is not a passive or receiving verb ("Sökanden kompletterar", "Skatteverket och
Kronofogden svarar"; not "Sökanden informeras", "Sökanden får beslutet"), a party after ``av`` that
follows a passive ("Beslut fattas av nämnden"; "Hörande av sökanden" reads the applicant) or after
English ``by``, and the applicant in the genitive ("sökandens ekonomi": what is examined). A label
naming a general referral word or a group word ("remissinstanserna", "alla", "m.fl.") or
:data:`LIST_SIZE` parties or more is open: its addressees are not known, and it is never addressed to
different parties (None). :func:`party_bans` gives every pair of named steps whose addressees are
both known, not empty and disjoint: matching.match_dense bans them for every pass (and the
sole-candidate step), and the uncertain tier still offers them, with tiers.PARTIES_REASON
(bench/RESULTS-matching.md "Branch many110", rules 1–4).

>>> sorted(addressees("Påminn Polisen", "sv"))
['police']
>>> sorted(addressees("Påminnelse till sökanden", "sv"))
['applicant']
>>> sorted(addressees("Sökanden kompletterar ansökan", "sv"))
[]
>>> sorted(addressees("Sökanden informeras om beslutet", "sv"))
['applicant']
>>> addressees("Skicka remiss till Polisen och övriga remissinstanser", "sv") is None
True
>>> sorted(addressees("Remind the applicant", "en"))
['applicant']
"""

from __future__ import annotations

from functools import lru_cache

from processes.diff.addressees import GROUP_WORDS, group_words
from processes.diff.matchtypes import named
from processes.diff.places import BODY_ENDINGS
from processes.diff.view import ModelView

__all__ = ["LIST_SIZE", "OPEN_WORDS", "PARTIES", "addressees", "party_bans"]

#: party -> (Swedish stems, Swedish whole words, English whole words or phrases); checked in this
#: order, the first party a word names wins ("Miljö- och hälsoskyddsnämnden" is the environment office)
PARTIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "environment office": (
        ("miljö", "hälsoskydd"),
        ("mhk", "mhn", "mhf", "mk", "mbn"),
        ("environmental health", "environment office", "environmental office", "environment department"),
    ),
    "building office": (
        ("bygglov", "byggnadsnämnd", "byggnadsförvaltning", "stadsbyggnad"),
        ("bygg-",),
        ("building control", "planning department"),
    ),
    "police": (("polis",), (), ("police", "constabulary")),
    "fire service": (
        ("räddningstjänst", "brandförsvar", "räddningsverk", "brandkår"),
        ("rtj",),
        ("fire service", "fire and rescue", "fire authority", "fire department", "rescue service"),
    ),
    "tax agency": (
        ("skatteverk", "skattemyndighet"),
        ("skv", "skatt"),
        ("tax agency", "tax authority", "hmrc"),
    ),
    "enforcement authority": (("kronofog",), ("kfm",), ("enforcement authority",)),
    "county board": (("länsstyrels",), ("lst",), ("county board", "county administrative board")),
    "public health agency": (("folkhälsomyndighet",), ("fhm",), ("public health agency",)),
    "committee": (("utskott",), ("au",), ("committee", "sub-committee", "subcommittee")),
    "applicant": (
        (),
        (
            "sökanden",
            "sökande",
            "tillståndshavaren",
            "tillståndshavare",
            "kunden",
            "kund",
            "restaurangägaren",
        ),
        ("applicant", "applicants", "licence holder", "license holder", "licensee", "permit holder"),
    ),
}
#: a Swedish word ending so names the committee (socialnämnden, tillståndsnämnden)
_COMMITTEE_ENDINGS = ("nämnd", "nämnden", "nämndens")
#: general referral words: a label naming one is addressed to an open set
OPEN_WORDS = {
    "sv": frozenset("myndighet myndigheter myndigheterna instanser instanserna berörda övriga andra".split())
    | GROUP_WORDS,
    "en": frozenset("consultees consultee authorities bodies agencies others all".split()),
}
_OPEN_STEMS = {"sv": ("remissinstans",), "en": ()}
_OPEN_PHRASES = {"sv": (), "en": ("responsible authorities",)}
#: a second word that makes a leading party the one addressed, not the one acting
_RECEIVING = {
    "sv": frozenset("får fick erhåller mottar".split()),
    "en": frozenset("is are was were gets get receives receive".split()),
}
_AGENT = {"sv": "av", "en": "by"}
#: what joins the parties of a coordinated subject ("Skatteverket och Kronofogden svarar")
_JOINS = frozenset({"och", "samt", "and"})
#: a label addressing this many parties or more is addressed to many: open (rule 2, module doc)
LIST_SIZE = 3
_STRIP = ".,;:()\"'"


def _words(label: str) -> list[tuple[str, str]]:
    """(stripped case-folded word, raw word) for each word of ``label`` that keeps a letter; a
    coordinated compound ("Miljö- och hälsoskyddsnämnden") is one word, its last."""
    out: list[tuple[str, str]] = []
    for raw in label.replace("/", " ").split():
        w = raw.strip(_STRIP).casefold()
        if not any(c.isalpha() for c in w):
            continue
        if len(out) >= 2 and out[-1][0] in ("och", "samt") and out[-2][0].endswith("-"):
            del out[-2:]
        out.append((w, raw))
    return out


def _whole(word: str) -> bool:
    """Whether a Swedish word naming a party is the party's name itself, not in the genitive and
    not a compound's modifier ("Polisen", "Polismyndigheten", "Socialnämnden"; not "Polisens",
    "Polisremiss")."""
    if word.endswith("s") and _whole(word[:-1]):
        return False
    for stems, whole, _ in PARTIES.values():
        if word in whole:
            return True
        for stem in stems:
            if word.startswith(stem) and word[len(stem) :] in ("", "en", "et", "n", "den"):
                return True
    return word.endswith(BODY_ENDINGS) and not word.endswith("s")


def _party_of_word(word: str) -> str | None:
    """The party one Swedish word names (module doc)."""
    for party, (stems, whole, _) in PARTIES.items():
        if word in whole or word.startswith(stems):
            return party
        if party == "committee" and word.endswith(_COMMITTEE_ENDINGS):
            return party
    return None


def _english_parties(words: list[str]) -> list[tuple[str, int, int]]:
    """(party, first word, length) of each English party phrase or word, longest first at a place."""
    out = []
    k = 0
    while k < len(words):
        hit = None
        for party, (_, _, english) in PARTIES.items():
            for phrase in english:
                parts = phrase.split()
                if words[k : k + len(parts)] == parts and (hit is None or len(parts) > hit[2]):
                    hit = (party, k, len(parts))
        if hit:
            out.append(hit)
            k += hit[2]
        else:
            k += 1
    return out


@lru_cache(maxsize=65536)
def addressees(label: str, lang: str) -> frozenset[str] | None:
    """The parties ``label`` addresses (module doc); None when it names a general referral word; none known
    in a language without party words here (``other``)."""
    if lang not in ("sv", "en"):
        return frozenset()
    pairs = _words(label)
    words = [w for w, _ in pairs]
    text = f" {' '.join(words)} "
    if (
        any(w in OPEN_WORDS[lang] or w.startswith(_OPEN_STEMS[lang]) for w in words)
        or any(f" {p} " in text for p in _OPEN_PHRASES[lang])
        or (lang == "sv" and group_words(label))
    ):
        return None
    if lang == "sv":
        found = [(p, k, 1) for k, w in enumerate(words) if (p := _party_of_word(w))]
    else:
        found = _english_parties(words)
    first = 1 if lang == "en" and words[:1] == ["the"] else 0
    subject = _subject(found, words, pairs, first, lang)
    out = set()
    for party, k, n in found:
        if k in subject:
            continue  # the subject: the one who acts
        before = k - 2 if lang == "en" and k > 1 and words[k - 1] == "the" else k - 1
        if (
            before >= 0
            and words[before] == _AGENT[lang]
            and (lang == "en" or (before > 0 and _passive(words[before - 1])))
        ):
            continue  # the agent of a passive ("Beslut fattas av nämnden", "made by the committee")
        raw = pairs[k + n - 1][1]
        if party == "applicant" and raw.endswith("'"):
            continue  # the applicant's (sökandens ekonomi): what is examined
        out.add(party)
    if len(out) >= LIST_SIZE:
        return None  # a list of many parties: addressed to many
    return frozenset(out)


def _subject(
    found: list[tuple[str, int, int]], words: list[str], pairs: list[tuple[str, str]], first: int, lang: str
) -> set[int]:
    """The places of the parties that are the label's subject: those opening it, joined by "och",
    "samt", "and" or commas, when a word follows them that is not passive or receiving."""
    at = {k: n for _, k, n in found}
    k, places = first, []
    while k in at:
        if lang == "sv" and not _whole(words[k]):
            break  # a compound's modifier ("Polisremiss") or a genitive is no subject
        places.append(k)
        end = k + at[k]
        comma = pairs[end - 1][1].endswith(",")
        skip = 2 if words[end + 1 : end + 2] == ["the"] else 1
        if end < len(words) and words[end] in _JOINS and end + skip in at:
            k = end + skip
        elif comma and end in at:
            k = end
        else:
            k = end
            break
    else:
        k = places[-1] + at[places[-1]] if places else first
    if not places or k >= len(words) or _addressed_by(words[k], lang):
        return set()
    return set(places)


def _addressed_by(word: str, lang: str) -> bool:
    """Whether ``word``, right after a leading party, makes it the one addressed: a passive or a
    receiving verb."""
    if word in _RECEIVING[lang]:
        return True
    return lang == "sv" and _passive(word)


def _passive(word: str) -> bool:
    """Whether a Swedish word reads as a passive verb: at least four letters, ending in "s"."""
    return len(word) >= 4 and word.endswith("s") and word.isalpha()


def _read(view: ModelView, lang: str) -> dict[str, frozenset[str]]:
    """The named steps of ``view`` whose addressees are known and not empty."""
    out = {}
    for s, st in view.steps.items():
        label = named(st)
        if not label:
            continue
        got = addressees(label, lang)
        if got:
            out[s] = got
    return out


def party_bans(a: ModelView, b: ModelView, lang: tuple[str, str]) -> set[tuple[str, str]]:
    """(A step, B step) pairs addressed to different parties (module doc)."""
    on_a, on_b = _read(a, lang[0]), _read(b, lang[1])
    return {(x, y) for x, px in on_a.items() for y, py in on_b.items() if not px & py}
