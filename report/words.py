"""The words the report shows for code names, in English and Swedish (``report/labels.yaml``).

Code names stay in the data files; the page names figures, scenarios, pools and
steps in words.

>>> figure_words("helsingborg/within_deadline_share", "sv")
'andel beslutade inom 4 månader'
>>> figure_words("outcome_share.refusal", "en")
'share of cases ending in a refusal'
>>> figure_words("wait_days.Task_Beslut", "en", {"Task_Beslut": "Besluta"})
'days waiting at: Besluta'
>>> scenario_words("my-own-test", "en")
'my own test'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from bpmn_io.yamlsrc import load_yaml

__all__ = ["LANGUAGES", "labels", "figure_words", "scenario_words", "word", "text"]

LANGUAGES = ("en", "sv")


@lru_cache(maxsize=1)
def labels() -> Mapping[str, Any]:
    """The label table."""
    data = (resources.files("report") / "labels.yaml").read_text(encoding="utf-8")
    return load_yaml(data, source="report/labels.yaml").data


def word(name: str, lang: str) -> str:
    """A pool, outcome or decision level in words (``name`` itself when the table has none)."""
    entry = labels()["words"].get(name)
    return str(entry[lang]) if entry else name.replace("_", " ")


def text(key: str, lang: str) -> str:
    """A piece of the page's own text."""
    return str(labels()["text"][key][lang])


def figure_words(key: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """Figure ``key`` (with or without ``<process>/``) in words; ``names``: element id -> the step's name."""
    figure = key.partition("/")[2] if "/" in key else key
    table = labels()
    if figure in table["figures"]:
        return str(table["figures"][figure][lang])
    for prefix, pattern in table["patterns"].items():
        if figure.startswith(prefix):
            rest = figure[len(prefix):]
            what = (names or {}).get(rest) or word(rest, lang)
            return str(pattern[lang]).format(what)
    return figure.replace("_", " ").replace(".", ": ")


def scenario_words(name: str, lang: str) -> str:
    """A scenario in words: the table's words for the bundled ones, else its name with spaces."""
    entry = labels()["scenarios"].get(name)
    return str(entry[lang]) if entry else name.replace("-", " ").replace("_", " ")
