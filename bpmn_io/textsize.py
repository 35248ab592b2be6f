"""Approximate text measurement and word wrapping for diagram labels.

Layout and drawing must agree on how much room a label takes without a font
engine, so both use these estimates: per-character widths of a sans-serif face
(Arial-like proportions, in ems). Estimates err on the wide side so that text
fits inside the box it was measured for.

>>> wrap("Granska ansökan om serveringstillstånd", 90, 12)
('Granska', 'ansökan om', 'serveringstillstånd')
"""

from __future__ import annotations

__all__ = ["text_width", "wrap", "LINE_HEIGHT", "MAX_LABEL_CHARS"]

LINE_HEIGHT = 1.2  # in ems

_NARROW = set("il.,:;'|!ijtfr()[]{} ")
_WIDE = set("mwMW@%")
# widths in hundredths of an em, so that a line's width is an exact sum however it was built
# (wrapping adds word by word; measuring the whole line must give the same answer)
_UPPER = 68
_LOWER = 56
_NARROW_W = 30
_WIDE_W = 86
#: characters of a label that layout and drawing measure; the rest is cut and marked with "…"
#: (a 5 MB label would otherwise be wrapped into a hundred thousand lines)
MAX_LABEL_CHARS = 2000


def _char_hundredths(ch: str) -> int:
    if ch in _NARROW:
        return _NARROW_W
    if ch in _WIDE:
        return _WIDE_W
    if ch.isupper():
        return _UPPER
    return _LOWER


def _hundredths(text: str) -> int:
    return sum(_char_hundredths(ch) for ch in text)


def text_width(text: str, font_size: float) -> float:
    """Estimated width in pixels of ``text`` set at ``font_size`` pixels."""
    return _width(_hundredths(text), font_size)


def _width(hundredths: int, font_size: float) -> float:
    return hundredths / 100 * font_size


def _split_word(word: str, max_width: float, font_size: float) -> list[str]:
    """Break a single word that is wider than ``max_width`` into pieces that fit (one pass)."""
    pieces: list[str] = []
    start, used = 0, 0
    for i, ch in enumerate(word):
        step = _char_hundredths(ch)
        if i > start and _width(used + step, font_size) > max_width:
            pieces.append(word[start:i])
            start, used = i, 0
        used += step
    if start < len(word):
        pieces.append(word[start:])
    return pieces


def wrap(text: str, max_width: float, font_size: float) -> tuple[str, ...]:
    """Greedy word wrap of ``text`` into lines no wider than ``max_width`` pixels.

    Explicit line breaks in ``text`` are kept; a word too long for one line is
    broken where it must be (unless it is the only word that would fit anyway
    within 15 % overflow, which reads better than a hyphenless break). Text beyond
    :data:`MAX_LABEL_CHARS` is cut (marked ``…``); the work is linear in the text.
    """
    if len(text) > MAX_LABEL_CHARS:
        text = text[:MAX_LABEL_CHARS] + "…"
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        words = paragraph.split()
        if not words:
            if paragraph.strip() == "" and lines:
                lines.append("")
            continue
        current: list[str] = []  # the words of the line being filled, and its width in hundredths
        used = 0
        for word in words:
            size = _hundredths(word)
            wider = used + _NARROW_W + size if current else size  # _NARROW_W: the space between
            if _width(wider, font_size) <= max_width:
                current.append(word)
                used = wider
                continue
            if current:
                lines.append(" ".join(current))
            if _width(size, font_size) <= max_width * 1.15:
                current, used = [word], size
            else:
                *full, last = _split_word(word, max_width, font_size)
                lines.extend(full)
                current, used = [last], _hundredths(last)
        if current:
            lines.append(" ".join(current))
    while lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)
