"""The decision in English labels: determining the application is deciding it.

English permit models name the decision in several ways: by the noun with who takes it
("Delegated decision", "Licensing sub-committee hearing and decision", "Committee's decision"),
by a deciding verb with the case as its object ("Determine the application", "Committee
decides"), by a light verb ("Make a decision"), or by the outcome ("Grant the premises licence",
"Refuse the application", "Licence granted"). :func:`decides_en` reads all of them, so
deciding.decision_pass pairs English models as it pairs Swedish ones: one decision step against
a hearing-and-decision step, a delegated decision beside the committee's, grant and refusal on
the branches of one choice.

Not one: a label that sends or refers ("Send decision to applicant", "Refer to committee for
decision"), a proposal, draft, appeal or wait ("Recommend refusal", "Await decision"), a decision
followed by a document or an act on it ("Decision letter", "Decision communicated"), or a
deciding verb on something else ("Determine whether the application is complete", "Determine
fee"). bench/RESULTS-matching.md, "Branch many71", states the rule and its lists.

>>> [decides_en(x) for x in ("Delegated decision", "Determine the application", "Licence granted")]
[True, True, True]
>>> [decides_en(x) for x in ("Send decision to applicant", "Decision letter", "Determine fee")]
[False, False, False]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from processes.diff.decisionwords import label_words
from processes.diff.language import is_stopword

__all__ = ["decides_en"]

_NEVER_STEMS = ("propos", "recommend", "draft", "appeal", "await", "wait", "pending")
_NOUNS = frozenset({"decision", "decisions", "determination", "determinations"})
#: words that may stand before a decision noun: determiners and who decides, and how
_BEFORE_NOUN = frozenset(
    "the a an and s committee committees sub-committee subcommittee council board panel commission authority "
    "licensing officer officers delegate delegated delegation chair chairman chairperson director manager final "
    "formal hearing licence license permit application".split()
)
#: a document about the decision: "Decision letter" is the letter, not the decision
_DOCUMENTS = frozenset(
    "letter letters notice notices notification record report copy copies document documents".split()
)
#: participles after a decision noun that say it is taken, not acted on
_TAKEN = frozenset({"made", "taken", "reached"})
_VERBS = frozenset({"decide", "decides", "deciding", "determine", "determines", "determining"})
_LIGHT = frozenset({"make", "makes", "making", "take", "takes", "taking", "reach", "reaches", "reaching"})
_CASE = frozenset(
    "application applications licence license licences licenses permit permits case matter outcome".split()
)
_VERB_BETWEEN = frozenset({"whether", "if", "that", "which", "what", "how", "when", "for", "and"})
#: the deciding verb stands at most this many words after the label's start (a body's name before it)
_MAX_SUBJECT = 3
#: the verb's object (or a light verb's decision noun) within this many words
_OBJECT_WINDOW = 3
_LIGHT_WINDOW = 2

_GRANT = frozenset(
    "grant grants granting refuse refuses refusing approve approves approving deny denies denying".split()
)
_GRANTED = frozenset({"granted", "refused", "approved", "denied", "decided", "determined"})
_GRANT_BETWEEN = frozenset({"to", "that", "for", "and"})
_AUXILIARY = frozenset({"is", "are", "was", "be"})
_LICENCE = frozenset(
    {"licence", "license", "licences", "licenses", "permit", "permits", "application", "applications"}
)
_GRANT_PLACES = 3
_PASSIVE_LEAD = 2

_PARENTHESISED = re.compile(r"\([^)]*\)")


def decides_en(label: str) -> bool:
    """Whether the English ``label`` (a step's name without a party as its subject) is the
    decision itself (module doc)."""
    words = label_words(_PARENTHESISED.sub(" ", label))
    if not words or "to" in words or any(w.startswith(_NEVER_STEMS) for w in words):
        return False
    return _noun(words) or _verb(words) or _grants(words)


def _noun(words: Sequence[str]) -> bool:
    """A decision noun with only who decides, and how, before it, and no act on it after."""
    for at, word in enumerate(words):
        if word in _NOUNS:
            if not all(w in _BEFORE_NOUN for w in words[:at]):
                return False
            if at + 1 == len(words):
                return True
            nxt = words[at + 1]
            if nxt == "and" or nxt in _DOCUMENTS:
                return False
            return nxt in _TAKEN or not (nxt.isalpha() and len(nxt) > 3 and nxt.endswith("ed"))
    return False


def _verb_places(words: Sequence[str]) -> list[int]:
    """Where a deciding verb may stand: first, or after one to three words naming who decides."""
    places = [0]
    for k in range(1, min(_MAX_SUBJECT, len(words) - 1) + 1):
        if is_stopword(words[k - 1], "en"):
            break
        places.append(k)
    return places


def _verb(words: Sequence[str]) -> bool:
    for at in _verb_places(words):
        word = words[at]
        if word in _VERBS:
            if at + 1 == len(words):
                return True
            for nxt in words[at + 1 : at + 1 + _OBJECT_WINDOW]:
                if nxt in _CASE:
                    return True
                if nxt in _VERB_BETWEEN:
                    break
        elif word in _LIGHT and any(w in _NOUNS for w in words[at + 1 : at + 1 + _LIGHT_WINDOW]):
            return True
    return False


def _grants(words: Sequence[str]) -> bool:
    """Granting or refusing the licence or the application (many67's English reading)."""
    for at, word in enumerate(words[:_GRANT_PLACES]):
        if word in _GRANT:
            for nxt in words[at + 1 : at + 1 + _OBJECT_WINDOW]:
                if nxt in _LICENCE:
                    return True
                if nxt in _GRANT_BETWEEN:
                    break
    for at, word in enumerate(words):
        if word in _GRANTED:
            lead = [w for w in words[:at] if w not in _AUXILIARY]
            if lead and (
                lead[0] in _LICENCE or (len(lead) <= _PASSIVE_LEAD and any(w in _LICENCE for w in lead))
            ):
                return True
    return False
