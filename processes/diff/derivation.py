"""English nominalisations read as their verbs, when a label compared uses the verb.

The Snowball English stem joins the regular pairs already ("evaluation" / "evaluate": evalu,
"inspection" / "inspect"), but not the ones English forms with a change of spelling: "payment" /
"pay", "decision" / "decide", "submission" / "submit", "verification" / "verify", "issuance" /
"issue", "registration" / "register", "referral" / "refer", "denial" / "deny". Here a noun
ending in one of the suffixes below is read as the verb its rule rebuilds — over the lemmatiser's
output when the lexicon lemmatises — but only when that verb's root is among the roots of the
labels compared (``Lexicon.roots``): the models' own words decide, so "personal" never becomes
"person" (no rule for -nal) and "payment" becomes "pay" only where some label pays.

-al is read only after the letters verbs end in before it (approv-al, renew-al, refus-al,
refer-ral, den-ial): "national", "criminal", "signal", "total" are not nominalisations.

The reading is off in the ordinary lexicon (``Lexicon.derive``): the matcher uses it only where
the ordinary labels leave a pair open (matching.derived_labels) — the place passes (placed,
runs, segments) and the uncertain tier's scoring, never the first assignment — and the run
pass chooses a place's way by the ordinary labels, so a nominalisation can settle an open place
in order but never turn it round (bench/RESULTS-matching.md, "Branch many9", "Branch many13").
"""

from __future__ import annotations

from collections.abc import Callable, Collection

__all__ = ["NOMINAL_RULES", "verb_root"]

#: (suffix, the endings that rebuild its verb), longest suffixes first; the first rebuilt
#: verb whose root a label compared has wins
NOMINAL_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ication", ("y",)),  # verification -> verify, notification -> notify
    ("ration", ("er", "re")),  # registration -> register
    ("iance", ("y",)),  # compliance -> comply
    ("ssion", ("t", "ss")),  # submission -> submit, permission -> permit
    ("sion", ("de", "d", "se")),  # decision -> decide, extension -> extend
    ("ment", ("",)),  # payment -> pay, assessment -> assess
    ("ance", ("e", "")),  # issuance -> issue, clearance -> clear
    ("ence", ("e", "")),  # reference -> refer (and -ence nouns whose verb keeps the e)
    ("rral", ("r",)),  # referral -> refer
    ("ial", ("y",)),  # denial -> deny
    ("val", ("ve",)),  # approval -> approve, removal -> remove
    ("wal", ("w",)),  # renewal -> renew, withdrawal -> withdraw
    ("sal", ("se", "s")),  # refusal -> refuse, dismissal -> dismiss
)
#: letters a rebuilt verb keeps at least before its new ending ("pay", "den-y")
_MIN_STEM = 3


def verb_root(word: str, root: Callable[[str], str], roots: Collection[str]) -> str | None:
    """The root of the verb ``word`` is a nominalisation of (module doc), or None.

    ``root`` turns a word into its root (the lexicon's, without this rule); ``roots`` are
    the roots of the labels compared.

    >>> from processes.diff.language import word_root
    >>> stem = lambda w: word_root(w, "en")
    >>> verb_root("payment", stem, {"pay", "fee"}), verb_root("payment", stem, {"fee"})
    ('pay', None)
    >>> verb_root("decision", stem, {"decid"}), verb_root("national", stem, {"nation"})
    ('decid', None)
    """
    own = root(word)
    for suffix, endings in NOMINAL_RULES:
        if not word.endswith(suffix) or len(word) - len(suffix) < _MIN_STEM:
            continue
        stem = word[: -len(suffix)]
        for ending in endings:
            found = root(stem + ending)
            if found != own and found in roots:
                return found
        return None
    return None
