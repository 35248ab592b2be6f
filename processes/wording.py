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

from collections.abc import Sequence

from processes.numbers import number

__all__ = ["AND", "QUOTES", "counted", "listed", "quoted"]

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


def counted(n: int, one: str, many: str = "", *, lang: str | None = None) -> str:
    """``n`` and its noun: ``one`` for exactly 1, else ``many`` (English's ``one`` + "s" when not given);
    ``lang``: ``n`` with the thousands grouped as that language writes them (:func:`processes.numbers.number`:
    "25,051", "25 051"), as calibrate's text says a log's size (found by QA, qawords: "25051 events").

    >>> counted(25051, "event", lang="en"), counted(25051, "händelse", "händelser", lang="sv")
    ('25,051 events', '25\xa0051 händelser')
    """
    return f"{n if lang is None else number(n, lang)} {one if n == 1 else many or one + 's'}"
