"""A sibling the one step does not name, in a block it names the rest of.

The group pass (groups.group_pass) pairs one step x with a block of sibling steps of the
other model when x names what sets each of them apart ("Remiss till polis, räddningstjänst
och miljö" against one remiss per body). When the siblings share nothing, a word most of
them carry counts as naming the last one apart too: "Skicka remisser till polisen,
Skatteverket, Kronofogden och räddningstjänsten" took "Remiss miljö och livsmedel" beside
"Remiss polisen", "Remiss räddningstjänsten" and "Kolla skatter och skulder hos Skatteverket
och Kronofogden" (p23; bench/RESULTS-matching.md "Branch many17"). A sibling is named by x
only through its *own* terms, those no other sibling of the block has: when x names the own
terms of at least two siblings and none of another's, that one is left out of the group.
"""

from __future__ import annotations

from collections.abc import Sequence

from processes.diff.text import Lexicon

__all__ = ["unnamed_siblings"]


def unnamed_siblings(lex: Lexicon, label: str, parts: Sequence[str], lang: tuple[str, str]) -> frozenset[int]:
    """Positions in ``parts`` (the siblings' labels, language ``lang[1]``) of the siblings
    whose own terms ``label`` (language ``lang[0]``) does not name, when it names the own
    terms of at least two others; empty otherwise. A sibling with no own terms is kept."""
    bags = [set(lex.terms(p, lang[1])) for p in parts]
    said = set(lex.terms(label, lang[0]))
    own = [bag - set().union(*(b for k, b in enumerate(bags) if k != i)) for i, bag in enumerate(bags)]
    if sum(bool(terms & said) for terms in own) < 2:
        return frozenset()
    return frozenset(i for i, terms in enumerate(own) if terms and not terms & said)
