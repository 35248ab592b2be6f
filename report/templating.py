"""The jinja2 environment of the report templates, and SVG made ready to inline in them.

Both pages of :mod:`report` (the batch report and the diff page) render templates
from ``report/templates`` with the same settings and inline SVG drawn by
:func:`bpmn_io.svg.render_svg`.

>>> strip_xml_prolog('<?xml version="1.0"?>\\n<svg/>')
'<svg/>'
"""

from __future__ import annotations

import re

import jinja2

__all__ = ["template_environment", "strip_xml_prolog"]


def template_environment() -> jinja2.Environment:
    """A new environment over ``report/templates``: HTML autoescaped, block lines trimmed.

    Each page module takes its own, so filters one of them adds stay its own.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader("report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def strip_xml_prolog(svg: str) -> str:
    """``svg`` without an XML declaration or DOCTYPE, ready to inline in HTML."""
    svg = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", svg)
    return re.sub(r"^\s*<!DOCTYPE[^>]*>\s*", "", svg)
