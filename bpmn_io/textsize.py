"""Approximate text measurement and word wrapping for diagram labels.

Layout and drawing must agree on how much room a label takes without a font
engine, so both use these estimates: per-character widths of a sans-serif face
(Arial-like proportions, in ems). Estimates err on the wide side so that text
fits inside the box it was measured for.

>>> wrap("Granska ansökan om serveringstillstånd", 90, 12)
('Granska', 'ansökan om', 'serveringstillstånd')
"""

from __future__ import annotations

__all__ = ["text_width", "wrap", "LINE_HEIGHT"]

LINE_HEIGHT = 1.2  # in ems

_NARROW = set("il.,:;'|!ijtfr()[]{} ")
_WIDE = set("mwMW@%")
_UPPER_EM = 0.68
_LOWER_EM = 0.56
_NARROW_EM = 0.30
_WIDE_EM = 0.86


def _char_em(ch: str) -> float:
    if ch in _NARROW:
        return _NARROW_EM
    if ch in _WIDE:
        return _WIDE_EM
    if ch.isupper() or ch.isdigit():
        return _UPPER_EM if ch.isupper() else _LOWER_EM
    return _LOWER_EM


def text_width(text: str, font_size: float) -> float:
    """Estimated width in pixels of ``text`` set at ``font_size`` pixels."""
    return sum(_char_em(ch) for ch in text) * font_size


def _split_word(word: str, max_width: float, font_size: float) -> list[str]:
    """Break a single word that is wider than ``max_width`` into pieces that fit."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and text_width(current + ch, font_size) > max_width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, max_width: float, font_size: float) -> tuple[str, ...]:
    """Greedy word wrap of ``text`` into lines no wider than ``max_width`` pixels.

    Explicit line breaks in ``text`` are kept; a word too long for one line is
    broken where it must be (unless it is the only word that would fit anyway
    within 15 % overflow, which reads better than a hyphenless break).
    """
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        words = paragraph.split()
        if not words:
            if paragraph.strip() == "" and lines:
                lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, font_size) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, font_size) <= max_width * 1.15:
                current = word
            else:
                *full, current = _split_word(word, max_width, font_size)
                lines.extend(full)
        if current:
            lines.append(current)
    while lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)
