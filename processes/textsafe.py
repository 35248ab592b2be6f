"""Text made safe for the formats people open in other programs: spreadsheets and Markdown.

- :func:`csv_cell`: a cell a spreadsheet would run as a formula (one that starts
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
  ``'`` (the OWASP rule against CSV injection); numbers stay numbers.
- :func:`markdown_cell`: HTML in a label is shown, not interpreted (``<``, ``>``,
  ``&`` as entities), and a ``|`` or a line break cannot break a table row.

>>> csv_cell("=HYPERLINK(1)"), csv_cell("-3"), csv_cell(-3), csv_cell("Granska")
("'=HYPERLINK(1)", "'-3", -3, 'Granska')
>>> markdown_cell("<img src=x onerror=alert(1)> | a")
'&lt;img src=x onerror=alert(1)&gt; \\\\| a'
"""

from __future__ import annotations

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


def markdown_cell(text: str) -> str:
    """``text`` for a Markdown table cell or heading: HTML escaped, ``|`` and line breaks neutral."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\r", " ").replace("\n", " "))
