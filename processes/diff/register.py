"""The formal, old written register of Swedish administration, read as today's words.

A retiring officer writes "Tillståndet införes i tillståndsregistret", "Remisser utsändes",
"Polismyndigheten bereds tillfälle att yttra sig"; a case system says "Tillståndet förs in i
tillståndsregistret", "Remiss skickas till Polisen". Three general constructions:

* **the old passive in -es** ("införes", "utsändes", "tillställes", "genomföres",
  "utredes"): the modern -s passive ("införs", "genomförs"). The roots of both forms are
  already one (language.word_root); read as the modern form, the light verbs among the stop
  words ("genomförs") are light verbs in the old form too. A word is rewritten only when
  both forms have the same root, so a genitive ("ärendes") or a past tense keeps its reading;
* **a particle verb is its prefix verb** ("förs in" = "införs", "skickas ut" = "utskickas",
  "ställs samman" = "sammanställs"). Where the synonym list has the particle verb as a
  phrase ("förs in", "lämnas in"), the prefix verb is written as it ("införes" → "förs in",
  read as registering); else the particle verb is written as one word when the labels
  compared (``Lexicon.roots``) have that word's root, so "skickas ut" meets "utskickas" and
  a particle stays a particle where no label writes the compound. Only particles that are
  not prepositions too ("in", "ut", "upp", "fram", "bort", "samman", "tillbaka", "åter"):
  "fattas av nämnden" is not "avfattas"; a stop word ("inför") is not split;
* **"X bereds tillfälle att yttra sig"** (also "ges/gives tillfälle", "möjlighet",
  "får yttra sig"): the legal phrase for a remiss to X, read as "remiss till X" and what
  follows. X is read from the last clause before the verb (a comma, semicolon, colon or dash
  ends a clause). When a word of it is a party (subjects.PARTIES), or a dash ends it and it
  opens with a verb ("Kommunicera sökanden – får yttra sig"), it is the applicant heard before
  the decision, not a remiss: the label stays.

>>> modern_passive("Tillståndet införes i tillståndsregistret", "sv")
'Tillståndet införs i tillståndsregistret'
>>> modern_passive("Kunskapsprovet genomföres", "sv")
'Kunskapsprovet genomförs'
>>> as_remiss("Polismyndigheten bereds tillfälle att yttra sig", "sv")
'remiss till Polismyndigheten'
>>> as_remiss("Räddningstjänsten bereds tillfälle att yttra sig över brandskyddet", "sv")
'remiss till Räddningstjänsten över brandskyddet'
>>> as_remiss("Sökanden bereds tillfälle att yttra sig", "sv")
'Sökanden bereds tillfälle att yttra sig'
>>> as_remiss("Kommunicera sökanden – får yttra sig inom två veckor", "sv")
'Kommunicera sökanden – får yttra sig inom två veckor'

Labels in other languages stay whole.
"""

from __future__ import annotations

import re

from processes.diff.language import is_stopword, word_root
from processes.diff.subjects import PARTIES
from processes.diff.text import Lexicon
from processes.diff.voice import infinitive

__all__ = ["PARTICLES", "as_remiss", "formal", "modern_passive", "particle_verbs"]

_VOWELS = frozenset("aeiouyåäö")
#: verb particles that are not prepositions as well (a preposition has an object:
#: "fattas av nämnden", "ställs till sökanden")
PARTICLES = frozenset("in ut upp fram bort samman tillbaka åter".split())
_PUNCT = ".,;:()\"'"

#: "bereds tillfälle att yttra sig", "ges möjlighet att yttra sig", "får yttra sig"
_INVITED = re.compile(
    r"(?P<who>[^,;:]+?)\s+(?:bereds|beredes|ges|gives|erbjuds|får)\s+"
    r"(?:(?:tillfälle|möjlighet)\s+(?:att\s+)?)?yttra\s+sig\b(?P<rest>[^,;:]*)",
    re.IGNORECASE,
)
#: where a clause ends inside the words before the verb: a long dash, or a hyphen between spaces
_DASH = re.compile(r"(\s-\s|\s?[–—]\s?)")


def _old_passive(word: str) -> str:
    """``word`` (as written) in the modern -s passive when it is the old -es one."""
    bare = word.casefold()
    if len(bare) < 6 or not bare.isalpha() or not bare.endswith("es") or bare[-3] in _VOWELS:
        return word
    modern = word[:-2] + "s"
    if word_root(bare, "sv") != word_root(modern.casefold(), "sv"):
        return word
    return modern


def modern_passive(name: str, lang: str) -> str:
    """``name`` with each old -es passive in the modern -s form (module doc)."""
    if lang != "sv" or not name:
        return name
    return " ".join(_old_passive(w) for w in name.split(" "))


def _phrase(lex: Lexicon, verb: str, particle: str, lang: str) -> bool:
    """Whether the synonym list has "``verb`` ``particle``" as a phrase ("förs in")."""
    read = lex.synonyms.replace_phrases(f"{verb.casefold()} {particle}", lang)
    return read.startswith("=") and " " not in read


def _split(lex: Lexicon, word: str, lang: str) -> str:
    """A prefix verb written as the particle verb of the synonym list ("införs" → "förs in")."""
    bare = word.casefold()
    if not bare.isalpha() or is_stopword(bare, lang):
        return word
    for particle in sorted(PARTICLES):
        rest = bare[len(particle) :]
        if bare.startswith(particle) and len(rest) >= 3 and _phrase(lex, rest, particle, lang):
            return f"{rest} {particle}"
    return word


def particle_verbs(lex: Lexicon, name: str, lang: str) -> str:
    """``name`` with a prefix verb and a particle verb written alike (module doc)."""
    if lang != "sv" or not name:
        return name
    words = name.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if i + 1 < len(words) and word.isalpha():
            particle = words[i + 1].casefold().strip(_PUNCT)
            tail = words[i + 1][len(words[i + 1].rstrip(_PUNCT)) :]
            if particle in PARTICLES and not _phrase(lex, word, particle, lang):
                joined = particle + word.casefold()
                if word_root(joined, lang, lex.lemmatise) in lex.roots:
                    out.append(joined + tail)
                    i += 2
                    continue
        out.append(_split(lex, word, lang))
        i += 1
    return " ".join(out)


def as_remiss(name: str, lang: str) -> str:
    """``name`` with "X bereds tillfälle att yttra sig" read as "remiss till X" (module doc)."""
    if lang != "sv" or not name:
        return name

    def rewrite(m: re.Match[str]) -> str:
        # the one invited is named in the last clause before the verb; a dash ends a clause as a
        # comma does ("Kommunicera sökanden – får yttra sig": the applicant heard, after an action)
        parts = _DASH.split(m.group("who"))
        last = max(k for k in range(0, len(parts), 2) if parts[k].strip() or k == 0)
        who = parts[last].strip()
        if not who or _heard(who, ended_by_dash=last < len(parts) - 1):
            return m.group(0)
        lead = "".join(parts[:last]) + parts[last][: len(parts[last]) - len(parts[last].lstrip())]
        return f"{lead}remiss till {who}{m.group('rest')}"

    return _INVITED.sub(rewrite, name)


def _heard(clause: str, *, ended_by_dash: bool) -> bool:
    """Whether the clause read as the one invited to speak says the applicant is heard: a word
    of it is a party (or it opens with "den": "den sökande"), or, when a dash ends it, it opens
    with a verb ("Kommunicera sökanden –"): the clause right before the verb is its subject."""
    words = [w.strip(_PUNCT).casefold() for w in clause.split()]
    if words[0] == "den" or any(w in PARTIES for w in words):
        return True
    return ended_by_dash and infinitive(words[0]) and not words[0].endswith("rna")


def formal(lex: Lexicon, name: str, lang: str) -> str:
    """The three readings of the module doc, in turn."""
    return particle_verbs(lex, modern_passive(as_remiss(name, lang), lang), lang)
