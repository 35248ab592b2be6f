"""The jinja2 environment of the report templates, and SVG made ready to inline in them.

Both pages of :mod:`report` (the batch report and the diff page) render templates
from ``report/templates`` with the same settings and inline SVG drawn by
:func:`bpmn_io.svg.render_svg`, and both say which language each text is in with
:func:`marked_languages`.

>>> strip_xml_prolog('<?xml version="1.0"?>\\n<svg/>')
'<svg/>'
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

from processes.labellanguage import detect_language
from processes.model import Definitions

__all__ = ["template_environment", "strip_xml_prolog", "marked_languages", "labels_language",
           "svg_in_labels_language"]


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


def labels_language(defs: Definitions) -> str | None:
    """The language ``defs`` names its elements in (:func:`processes.labellanguage.detect_language`), None when
    it names none or names them in neither Swedish nor English (no ``lang`` is better than a wrong one)."""
    labels = [node.name for process in defs.processes for node in process.nodes.values() if node.name]
    lang = detect_language(labels) if labels else None
    return lang if lang in ("sv", "en") else None


def svg_in_labels_language(svg: str, defs: Definitions) -> str:
    """``svg``, the inline diagram of ``defs``, with the language its model names its elements in
    (:func:`labels_language`) as its ``lang``: a Swedish model's labels read as Swedish on an English page. A
    label the model names per language is in a ``<g>`` of its language's class (:func:`marked_languages` marks
    it); a model without names is left as it is."""
    lang = labels_language(defs)
    return svg if lang is None else re.sub(r"<svg\b", f'<svg lang="{lang}"', svg, count=1)


#: a comment, a script or style element whole: their text is no markup, left as it is
_PROTECTED = re.compile(r"(<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>)", re.S | re.I)
#: the common start tags, nothing but the language's class: marked by plain string replacement
_PLAIN = {f'<span class="{lang}">': f'<span class="{lang}" lang="{lang}">' for lang in ("sv", "en")}
_PLAIN_TAG = r'(?-i:span class="(?:sv|en)">)'
#: any other start tag whose class names a language (``sv`` or ``en``): its name, its attributes (a quoted value
#: may hold ">": an image's alt text) with that class among them, and its end ("/>" or ">"); the page's other tags
#: are passed over inside the regular expression
_ATTRIBUTE = r"""\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?"""
_LANGUAGE_CLASS = (r"""\s+class\s*=\s*(?:"(?:[^"]*\s)?(?:sv|en)(?:\s[^"]*)?"|'(?:[^']*\s)?(?:sv|en)(?:\s[^']*)?'"""
                   r"|(?:sv|en)(?=[\s/>]))")
_MARKUP = re.compile(rf"<(?!{_PLAIN_TAG})([a-zA-Z][\w:-]*)((?:{_ATTRIBUTE})*?{_LANGUAGE_CLASS}(?:{_ATTRIBUTE})*)(\s*/?>)", re.S | re.I)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+))""", re.I)
_LANG = re.compile(r"\slang\s*=", re.I)
#: the pages' convention: a text in one language only is an element of class ``en`` or ``sv``, the page
#: showing the reader's (the report's language switch; the diff page's and the web app's diagram labels)
_LANGUAGE_CLASSES = ("sv", "en")


def _marked(found: re.Match[str]) -> str:
    attributes = found.group(2)
    if _LANG.search(attributes):
        return found.group(0)  # an element that says its language itself
    named = _CLASS.search(attributes)
    if named is None:
        return found.group(0)
    classes = next(value for value in named.groups() if value is not None).split()
    lang = next((lang for lang in _LANGUAGE_CLASSES if lang in classes), None)
    if lang is None:
        return found.group(0)
    return f'<{found.group(1)}{attributes} lang="{lang}"{found.group(3)}'


def marked_languages(html: str) -> str:
    """``html`` with every element of class ``en`` or ``sv`` (the pages' one-language texts) given the
    ``lang`` attribute of its language, so that a screen reader reads the Swedish as Swedish and the
    browser hyphenates it as Swedish whichever language the page is in; an element with a ``lang`` of its
    own, comments, scripts and styles are left as they are. One place for every text either page's
    template or builders write in one language: a text added later is marked too. The same input gives
    the same output.

    >>> marked_languages('<p><span class="en">days</span><span class="sv">dagar</span> 12</p>')
    '<p><span class="en" lang="en">days</span><span class="sv" lang="sv">dagar</span> 12</p>'
    >>> marked_languages('<img class="plot sv" alt="a > b" src="x.png"><g class="badge"/><b lang="en" class="sv">x</b>')
    '<img class="plot sv" alt="a > b" src="x.png" lang="sv"><g class="badge"/><b lang="en" class="sv">x</b>'
    >>> marked_languages('<style>.sv{}</style><script>s = `<i class="sv">`</script><!-- <i class="sv"> -->')
    '<style>.sv{}</style><script>s = `<i class="sv">`</script><!-- <i class="sv"> -->'
    >>> marked_languages('<span class="sv"><span class="sv x">a</span></span><!-- <span class="en"> --><SPAN class="en">')
    '<span class="sv" lang="sv"><span class="sv x" lang="sv">a</span></span><!-- <span class="en"> --><SPAN class="en" lang="en">'
    """
    parts = _PROTECTED.split(html)  # the text between comments, scripts and styles: even places
    for k in range(0, len(parts), 2):
        part = _MARKUP.sub(_marked, parts[k])  # every tag but the common ones
        for plain, marked in _PLAIN.items():
            part = part.replace(plain, marked)
        parts[k] = part
    return "".join(parts)
