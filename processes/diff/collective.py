"""Words that name a group of bodies rather than one: "övriga myndigheter", "berörda
remissinstanser".

One drawer writes a step per body ("Remiss till Polismyndigheten", "Remiss till
Skatteverket", "Remiss till Kronofogden"), another one coarse step that names one body and
the rest as a group ("Jag skickar remisser till polisen och övriga myndigheter"). That
step does the work of the whole block: it names what sets one member apart and, with a
collective word, all the others (groups.label_reading: ``rest``).

>>> names_the_rest("Skicka remisser till polisen och övriga myndigheter")
True
>>> names_the_rest("Kopior till berörda myndigheter")
True
>>> names_the_rest("Remiss till polisen")
False
"""

from __future__ import annotations

from processes.diff.text import normalise

__all__ = ["COLLECTIVE", "names_the_rest", "collective_words"]

#: general Swedish administrative words for "the other bodies" (adjectives that make a group
#: of the noun after them, and plural nouns for bodies consulted or informed)
COLLECTIVE = frozenset(
    "övriga berörda resterande myndigheter myndigheterna instanser instanserna remissinstanser "
    "remissinstanserna remissinstans".split()
)


def collective_words(label: str) -> list[str]:
    """The collective words of ``label`` (normalised), in order."""
    return [w for w in normalise(label).split() if w in COLLECTIVE]


def names_the_rest(label: str) -> bool:
    """Whether ``label`` names a group of bodies with a collective word."""
    return bool(collective_words(label))
