"""Text a tool wrote in the wrong encoding, read as it was meant: the labels the comparison matches by and the
names ``diff`` and ``compare`` show (:mod:`processes.diff.view` reads every step's name through it, so both
commands show one reading; found by QA: diff showed "Rechnung klÃƒÂ¤ren" as written where the comparison matched
"Rechnung klären"). A module of its own, light: the view of a model needs it, not the lexicon.
"""

from __future__ import annotations

import re

__all__ = ["repair_mojibake"]

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252 (or Latin-1), up to three times, and a
    ``\\uXXXX`` escape a tool wrote as text (Visual Paradigm 11.1: "Rechnung kl\\u00e4ren").

    Only applied while the text shows the tell-tale "Ã"/"Â" and the bytes decode as UTF-8,
    so correct text (even with those letters) stays as it is; an escape only as a backslash, "u"
    and four hexadecimal digits.

    >>> repair_mojibake("Rechnung klÃƒÂ¤ren")
    'Rechnung klären'
    >>> repair_mojibake("Ärende")
    'Ärende'
    >>> repair_mojibake(r"Rechnung kl\\u00e4ren"), repair_mojibake(r"C:\\users") == r"C:\\users"
    ('Rechnung klären', True)
    """
    if "\\u" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    for _ in range(3):
        if "Ã" not in text and "Â" not in text:
            break
        for codec in ("cp1252", "latin-1"):
            try:
                text = text.encode(codec).decode("utf-8")
                break
            except UnicodeError:
                continue
        else:
            break
    return text
