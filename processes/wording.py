"""Small habits of the English and Swedish the diff, the report and the web page write: a list said
as "a, b and c" (:func:`listed`), a step's name in the language's quotation marks (:func:`quoted`), and a
count with its noun in the singular or the plural (:func:`counted`).

Each had a copy per module that wrote lists or names; they live here once (the layers above take them
from ``processes``, the bottom layer). The words around them stay with each module's own sentences.

>>> listed(["Xby"]), listed(["Xby", "Yby"]), listed(["Xby", "Yby", "Zby"], AND["sv"])
('Xby', 'Xby and Yby', 'Xby, Yby och Zby')
>>> quoted("Beslut?", "en"), quoted("Beslut?", "sv")
('“Beslut?”', '”Beslut?”')
>>> counted(1, "step"), counted(2, "step"), counted(1, "activity", "activities"), counted(0, "case")
('1 step', '2 steps', '1 activity', '0 cases')
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from processes.numbers import number

__all__ = ["AND", "QUOTES", "counted", "listed", "quoted", "short_names", "told_apart"]

#: the word before a list's last item, with its spaces
AND = {"en": " and ", "sv": " och "}

#: quotation marks around a step's name, (opening, closing): Swedish writes ” on both sides
QUOTES = {"en": ("“", "”"), "sv": ("”", "”")}


def listed(items: Sequence[str], last: str = " and ") -> str:
    """``a``, ``a and b``, ``a, b and c``: the last two joined by ``last`` (" och ", " or ", " eller "),
    the others by a comma (no comma before ``last``, in either language); nothing for no items."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


def quoted(name: str, lang: str) -> str:
    """``name`` in the quotation marks of ``lang`` ("en" or "sv")."""
    opening, closing = QUOTES[lang]
    return f"{opening}{name}{closing}"


def counted(n: int, one: str, many: str = "", *, lang: str = "en") -> str:
    """``n`` and its noun: ``one`` for exactly 1, else ``many`` (English's ``one`` + "s" when not given);
    ``n`` with the thousands grouped as ``lang`` writes them (:func:`processes.numbers.number`: "25,051",
    "25 051"), English unless told: every count a person reads is grouped, whichever line says it (found by
    QA, qawords: "25051 events"; qanumbers: discover's "6257 events" beside "5,862").

    >>> counted(25051, "event", lang="en"), counted(25051, "händelse", "händelser", lang="sv")
    ('25,051 events', '25\xa0051 händelser')
    """
    return f"{number(n, lang)} {one if n == 1 else many or one + 's'}"


def short_names(names: Mapping[str, str]) -> dict[str, str]:
    """Each of ``names`` (a key -> the name a page shows) as a table's heading or a row says it: the name
    before a closing remark in brackets, the national reference's laws ("Nationell referens (Alkohollagen 8
    kap., Alkoholförordningen 5 §)": found by QA, qacomptext, a text 200+ characters wide), the whole name
    when nothing is before the bracket or when two would read the same (the whole names tell them apart).

    >>> short_names({"n": "Nationell referens (Alkohollagen 8 kap.)", "a": "Åstorp"})
    {'n': 'Nationell referens', 'a': 'Åstorp'}
    >>> short_names({"x": "Xby (2024)", "y": "Xby (2025)", "z": "(draft)"})
    {'x': 'Xby (2024)', 'y': 'Xby (2025)', 'z': '(draft)'}
    """
    short = {k: (found.group(1) if (found := re.fullmatch(r"(.*?\S)\s*\(.*\)", name)) else name)
             for k, name in names.items()}
    seen = list(short.values())
    return {k: said if seen.count(said) == 1 else names[k] for k, said in short.items()}


def told_apart(names: Mapping[str, str]) -> dict[str, str]:
    """Each of ``names`` (a model's name as compared -> the name its profile gives it) as a page or line
    names it: its profile's name, with what the models are compared as in brackets where two share one (found
    by QA, qafresh: ``diff 2023.csv 2024.csv --model helsingborg`` compared "Helsingborg" with "Helsingborg",
    every line saying "i Helsingborgs modell" on both sides). A compared name that holds the profile's name
    adds only the rest ("helsingborg (2)", the second copy of a model given twice, is "Helsingborg (2)").

    >>> told_apart({"2023": "Helsingborg", "2024": "Helsingborg", "astorp": "Åstorp"})
    {'2023': 'Helsingborg (2023)', '2024': 'Helsingborg (2024)', 'astorp': 'Åstorp'}
    >>> told_apart({"helsingborg": "Helsingborg", "helsingborg (2)": "Helsingborg"})
    {'helsingborg': 'Helsingborg', 'helsingborg (2)': 'Helsingborg (2)'}
    """
    shown = list(names.values())
    out = {}
    for key, name in names.items():
        if shown.count(name) == 1:
            out[key] = name
            continue
        rest = re.sub(re.escape(name), "", key, flags=re.IGNORECASE).strip()
        out[key] = name if not rest else f"{name} {rest}" if rest.startswith("(") else f"{name} ({rest})"
    said = list(out.values())
    # still alike (names no bracket tells apart): the names as compared, which are distinct
    return {key: name if said.count(name) == 1 else key for key, name in out.items()}
