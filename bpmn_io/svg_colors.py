"""The colours modelers set on DI shapes, edges and labels, applied to drawn SVG.

The notation is drawn in black on white (:mod:`bpmn_io.svg_shapes`); a shape with
a fill and a stroke colour is the same drawing with its black parts in the
stroke colour and its white parts in the fill colour, as bpmn.io paints it
(``getFillColor`` / ``getStrokeColor``: filled icons take the stroke colour). A
label takes its own colour, else the stroke colour. Colours come from files, so
only CSS colour syntax is used (``#rgb``, ``#rrggbb``, ``rgb()``, ``hsl()``, a
colour name); anything else is ignored.

>>> recolor('<rect fill="#fff" stroke="#000"/>', fill="#ffcdd2", stroke="#831311")
'<rect fill="#ffcdd2" stroke="#831311"/>'
>>> safe_color('red"/><script>'), safe_color(" #A0b1C2 ")
('', '#A0b1C2')
"""

from __future__ import annotations

import re

__all__ = ["safe_color", "recolor", "recolor_markers", "marker_variants"]

_COLOR = re.compile(
    r"#[0-9A-Fa-f]{3,8}|(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%]+(?:\s*[,\s/]\s*[0-9.%]+){2,3}\s*\)|[A-Za-z]{3,20}")
_PAINT = re.compile(r' (stroke|fill)="#(000|fff)"')
_LABEL = '<text class="label"'
_MARKER_ID = re.compile(r'id="(pf-[a-z-]+)"')
_MARKER_URL = re.compile(r"url\(#(pf-[a-z-]+)\)")


def safe_color(value: str) -> str:
    """``value`` when it is plain CSS colour text, else ``""``."""
    text = value.strip()
    return text if _COLOR.fullmatch(text) else ""


def recolor(svg: str, *, fill: str = "", stroke: str = "", label: str = "") -> str:
    """``svg`` (black-on-white notation) in the given colours; ``""`` keeps a default."""
    fill, stroke = safe_color(fill), safe_color(stroke)
    label = safe_color(label) or stroke
    if fill or stroke:
        def paint(m: re.Match[str]) -> str:
            black = m.group(2) == "000"
            color = stroke if black else fill
            return f' {m.group(1)}="{color}"' if color else m.group(0)

        svg = _PAINT.sub(paint, svg)
    if label:
        svg = svg.replace(_LABEL, f'{_LABEL} style="fill:{label}"')
    return svg


def recolor_markers(svg: str, key: str) -> str:
    """``svg`` pointing at the markers of colour variant ``key`` (see :func:`marker_variants`)."""
    return _MARKER_URL.sub(lambda m: f"url(#{m.group(1)}-{key})", svg)


def marker_variants(markers: str, colors: dict[str, str]) -> str:
    """Copies of the ``<marker>`` definitions ``markers``, one per ``{key: colour}``, ids suffixed with the key."""
    out = []
    for key, color in colors.items():
        variant = _MARKER_ID.sub(lambda m: f'id="{m.group(1)}-{key}"', markers)  # noqa: B023
        out.append(recolor(variant, stroke=color))
    return "".join(out)
