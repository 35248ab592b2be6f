"""The diff engineer's comparison page (report.diff_html), embedded as a section of the batch report.

:func:`library_comparison_section` compares library municipalities (processes.diff,
N-way) and renders them with :func:`report.diff_html.comparison_html`. That
function returns a whole page; :func:`embed_page` keeps its ``<body>`` and its
``<style>`` with every selector scoped to the section, so the page's rules (for
``body``, ``h1``, ``table`` ...) do not restyle the rest of the report.

>>> embed_page("<html><head><style>body{margin:0}h1,td{color:red}</style></head><body><h1>T</h1></body></html>")
'<div class="embedded-diff"><style>.embedded-diff{margin:0}\\n.embedded-diff h1,.embedded-diff td{color:red}</style><h1>T</h1></div>'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bpmn_io.library import load_entry
from bpmn_io.profile import LANGUAGES, shown_name
from processes.diff import builtin_synonyms, compare_models, prepare, profile_inputs
from report.diff_html import comparison_html
from report.difflanguage import facts_in_languages

__all__ = ["embed_page", "library_comparison_section"]

SCOPE = "embedded-diff"


def _scoped(css: str) -> str:
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        scoped = []
        for selector in selectors.split(","):
            selector = selector.strip()
            if not selector:
                continue
            if selector in ("body", "html", ":root"):
                scoped.append(f".{SCOPE}")
            else:
                scoped.append(f".{SCOPE} {selector}")
        rules.append(f"{','.join(scoped)}{{{body.strip()}}}")
    return "\n".join(rules)


def embed_page(page: str) -> str:
    """The ``<body>`` of an HTML ``page`` (the inside of its ``<main>`` where it has one: the host page has its
    own, and a page has one main landmark) in a ``<div>``, with its head styles scoped to that div."""
    styles = "".join(re.findall(r"<head>.*?<style[^>]*>(.*?)</style>.*?</head>", page, flags=re.S))
    match = (re.search(r"<body[^>]*>\s*<main>(.*)</main>\s*</body>", page, flags=re.S)
             or re.search(r"<body[^>]*>(.*)</body>", page, flags=re.S))
    body = match.group(1).strip() if match else page
    return f'<div class="{SCOPE}"><style>{_scoped(styles)}</style>{body}</div>'


def library_comparison_section(names: Sequence[str]) -> str:
    """HTML of the N-way comparison of library municipalities ``names`` (two or more)."""
    prepared, models = [], {}
    towns: dict[str, str | Mapping[str, str]] = {}
    facts_said: dict[str, dict[str, dict[str, str]]] = {}
    elements: dict[str, dict[str, Any]] = {}  # an unnamed timer's length as its profile sets it
    for name in names:
        entry = load_entry(name)
        towns[name] = {lang: shown_name(entry.profile.raw, lang, name) for lang in LANGUAGES}  # its name per language
        facts, params = profile_inputs(entry.profile.raw)
        # each fact in each language: its value as the profile's names: say it (the English report's Swedish bodies)
        facts_said.update(facts_in_languages({name: entry.profile.raw}))
        prepared.append(prepare(entry.definitions, name, facts=facts, params=params))
        elements[name] = params
        models[name] = entry.definitions
    comparison = compare_models(prepared, synonyms=builtin_synonyms())
    return embed_page(comparison_html(comparison, models, names=towns, bilingual=True, facts_said=facts_said,
                                      params=elements))
