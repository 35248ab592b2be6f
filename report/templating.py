"""The jinja2 environment of the report templates, and SVG made ready to inline in them.

Both pages of :mod:`report` (the batch report and the diff page) render templates
from ``report/templates`` with the same settings and inline SVG drawn by
:func:`bpmn_io.svg.render_svg`.

>>> strip_xml_prolog('<?xml version="1.0"?>\\n<svg/>')
'<svg/>'
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

__all__ = ["template_environment", "strip_xml_prolog"]


class _Environment(jinja2.Environment):
    """jinja2's environment, reading a key of a plain dict (``row.town``) without first raising and
    catching an AttributeError: jinja2 tries ``getattr`` before ``[]``, and a plain dict has no
    attribute but its class's, so a name that is not one of ``dict``'s is looked up as a key at
    once. The same value (or undefined) as jinja2 gives; the report reads about 130,000 keys so."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if obj.__class__ is dict and not hasattr(dict, attribute):
            try:
                return obj[attribute]
            except KeyError:
                pass  # undefined, as jinja2 says it
        return super().getattr(obj, attribute)


def template_environment() -> jinja2.Environment:
    """A new environment over ``report/templates``: HTML autoescaped, block lines trimmed.

    Each page module takes its own, so filters one of them adds stay its own.
    """
    return _Environment(
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
