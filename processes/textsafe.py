"""Text made safe for the formats people open in other programs: spreadsheets and Markdown.

- :func:`csv_cell`: a cell a spreadsheet would run as a formula (one that starts
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
  ``'`` (the OWASP rule against CSV injection); numbers stay numbers.
- :func:`markdown_cell`: HTML in a label is shown, not interpreted (``<``, ``>``,
  ``&`` as entities), nor is Markdown (``*``, ``_``, backticks, ... escaped), and a ``|`` or a
  line break cannot break a table row.

>>> csv_cell("=HYPERLINK(1)"), csv_cell("-3"), csv_cell(-3), csv_cell("Granska")
("'=HYPERLINK(1)", "'-3", -3, 'Granska')
>>> markdown_cell("<img src=x onerror=alert(1)> | a")
'&lt;img src=x onerror=alert(1)&gt; \\\\| a'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["csv_cell", "csv_row", "markdown_cell"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """:func:`csv_cell` of every value of a row."""
    return [csv_cell(v) for v in values]


#: what Markdown would read as markup inside a line: a backslash (an escape), emphasis, code, struck text, and the
#: "]" that makes a link or an image of "[text](url)" or "[text][ref]" (a bracket alone, "[assumed]", is text)
_INLINE = re.compile(r"([\\`*~|]|\](?=[(\[:]))")
#: an underscore that may open or close emphasis: not inside a word (``snake_case`` and a URL's ``a_b`` stay)
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
#: what would start a block at the beginning of a list item or heading: a list marker, a heading, a quote
_BLOCK_START = re.compile(r"^([-+#>]|\d+[.)])(?=\s|$)")


def markdown_cell(text: str) -> str:
    r"""``text`` for a Markdown table cell, heading or list item, shown as written: HTML escaped, every character
    Markdown would interpret backslash-escaped (``*``, ``_`` at a word's edge, backticks, a link's ``]``, ``~``,
    ``|``, a backslash, and a list marker, ``#`` or ``>`` at the start), line breaks made spaces (found by QA: a
    label "Rechnung *prüfen*" became emphasis).

    >>> print(markdown_cell("Rechnung *prüfen* `x` [a](b) _kurz_ snake_case ~~weg~~ a\\b"))
    Rechnung \*prüfen\* \`x\` [a\](b) \_kurz\_ snake_case \~\~weg\~\~ a\\b
    >>> print(markdown_cell("- 1. item"), markdown_cell("1. item"), markdown_cell("# x"), markdown_cell("-3"))
    \- 1. item 1\. item \# x -3
    """
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _UNDERSCORE.sub(r"\\_", _INLINE.sub(r"\\\1", text))
    text = _BLOCK_START.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], text)
    return text.replace("\r", " ").replace("\n", " ")
