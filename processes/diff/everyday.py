"""Everyday Swedish in a label read as the office's wording, before the synonym list.

An applicant, a restaurant owner or a business advisor draws the same case in the words of
speech and in the past tense: "Nämnden sa ja" for "Beslut om bifall", "Vi skrev
kunskapsprovet" for "Kunskapsprov", "Vänta på polisen" for "Yttrande från polisen",
"Kommunen kikar på lokalen" for "Platsbesök". ``rewrite`` turns a normalised Swedish label
into plain office wording, which the synonym list (synonyms.py) then reads as usual. The
word list is ``everyday.yaml`` beside this module (its header says what each part is).

Left to right, at each word of the label:

1. a phrase of the synonym list that starts here, at least as long as the longest everyday
   phrase starting here, is kept as written ("kommunicera beslut", "har kommit", "vänta på");
2. else an everyday phrase (compared by root, after step 3's reading of past forms) is
   replaced by what it means;
3. else an irregular past or supine form becomes the present tense ("skrev" -> "skriver",
   "fick" -> "får");
4. a light verb ("fixa", "köra") is dropped when the label has another word, and so is the
   office named as the first word's subject ("Kommunen …", "Handläggaren …");
5. a wait ("vänta på", "avvakta") right before a body the synonym list names gets
   "yttrande från" before the body; a question ("frågar") right before one becomes
   "remiss till".

>>> from processes.diff.synonyms import builtin_synonyms
>>> syn = builtin_synonyms()
>>> rewrite("nämnden sa ja", syn)
'nämnden bifall'
>>> rewrite("vi skrev kunskapsprovet på kommunhuset", syn)
'vi kunskapsprov på kommunhuset'
>>> rewrite("vänta på polisen", syn)
'vänta på yttrande från polisen'
>>> rewrite("kommunen kikar på lokalen", syn)
'kikar på lokalen'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from processes.diff.language import word_root
from processes.diff.synonyms import Synonyms
from processes.diff.yamltext import load_user_yaml_lines, shown
from processes.errors import InputError

__all__ = ["Everyday", "parse_everyday", "builtin_everyday", "rewrite"]

_LANG = "sv"


def _roots(text: str) -> tuple[str, ...]:
    return tuple(word_root(w, _LANG, False) for w in text.split())


@dataclass(frozen=True, slots=True)
class Everyday:
    """The everyday word list (module doc): past forms, light verbs, office subjects,
    phrases with their office wording, and the waits, questions and bodies of step 5."""

    past: tuple[tuple[str, str], ...] = ()  # (past or supine form, present tense)
    light: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    phrases: tuple[tuple[tuple[str, ...], str], ...] = ()  # (roots of what is said, what it means)
    waits: frozenset[str] = frozenset()  # synonym group names
    asks: frozenset[str] = frozenset()  # roots
    bodies: frozenset[str] = frozenset()  # synonym group names
    # look-ups built once: the present tense of a form, the phrases by their first root, longest first
    _present: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)
    _by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def __post_init__(self) -> None:
        self._present.update(self.past)
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for roots, means in self.phrases:
            by_first.setdefault(roots[0], []).append((roots, means))
        self._by_first.update(
            {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p[0]))) for k, v in by_first.items()}
        )

    def present(self, word: str) -> str:
        """The present tense of an irregular past or supine form; any other word itself."""
        return self._present.get(word, word)

    def phrase_at(self, roots: tuple[str, ...], start: int) -> tuple[int, str]:
        """(length, meaning) of the longest everyday phrase matching ``roots`` from
        ``start``, or ``(0, "")``."""
        for phrase, means in self._by_first.get(roots[start], ()):
            if roots[start : start + len(phrase)] == phrase:
                return len(phrase), means
        return 0, ""


def rewrite(text: str, synonyms: Synonyms, everyday: Everyday | None = None) -> str:
    """``text`` (a normalised Swedish label) in office wording (module doc)."""
    ev = everyday if everyday is not None else builtin_everyday()
    words = text.split()
    n = len(words)
    if n == 0:
        return text
    roots = tuple(word_root(w, _LANG, False) for w in words)
    present = [ev.present(w) for w in words]
    present_roots = tuple(word_root(w, _LANG, False) for w in present)
    out: list[str] = []
    i = 0
    while i < n:
        kept, group = synonyms.phrase_at(roots, i, _LANG)
        mine, means = ev.phrase_at(present_roots, i)
        if kept and kept >= mine:
            out.extend(words[i : i + kept])
            i += kept
            waits, asks = group in ev.waits, False
        elif mine:
            out.append(means)
            i += mine
            continue
        else:
            word = present[i]
            if n > 1 and (word in ev.light or (i == 0 and words[0] in ev.subjects)):
                i += 1
                continue
            out.append(word)
            waits = synonyms.canonical_word(word, _LANG) in ev.waits
            asks = present_roots[i] in ev.asks
            i += 1
        if (waits or asks) and i < n and synonyms.canonical_word(words[i], _LANG) in ev.bodies:
            if asks:
                out[-1] = "remiss till"
            else:
                out.append("yttrande från")
    return " ".join(out)


def parse_everyday(data: str | bytes, *, source: str = "<everyday>") -> Everyday:
    """Read an everyday word list (the format of ``everyday.yaml``); errors name the file and entry."""
    doc: Any
    doc, lines = load_user_yaml_lines(data, source=source)
    if not isinstance(doc, dict):
        raise InputError("expected a mapping with past, light, subjects, phrases, answer_after", file=source)
    unknown = sorted(set(doc) - {"schema_version", "past", "light", "subjects", "phrases", "answer_after"})
    if unknown:
        raise InputError(
            f"unknown key {unknown[0]!r} (expected schema_version, past, light, subjects, phrases, answer_after)",
            file=source,
        )
    if doc.get("schema_version", 1) != 1:
        raise InputError(f"schema_version {doc.get('schema_version')!r} is not supported (expected 1)", file=source)
    past = doc.get("past") or {}
    if not isinstance(past, dict) or not all(_words(v) and isinstance(k, str) for k, v in past.items()):
        raise InputError(
            f"past must map a present tense to its past forms, got {shown(past)}", file=source,
            line=lines.get("past"), path="past",
        )
    phrases: list[tuple[tuple[str, ...], str]] = []
    for k, entry in enumerate(doc.get("phrases") or []):
        if not (isinstance(entry, dict) and set(entry) == {"means", "say"}
                and isinstance(entry["means"], str) and entry["means"].strip() and _words(entry["say"])):
            raise InputError(
                f"phrase entry {shown(entry)} must have 'means' (text) and 'say' (a list of words or phrases)",
                file=source, line=lines.get(f"phrases[{k}]"), path=f"phrases[{k}]",
            )
        phrases.extend((_roots(said.casefold()), entry["means"].casefold()) for said in entry["say"])
    answer = doc.get("answer_after") or {}
    if not isinstance(answer, dict) or set(answer) - {"wait", "ask", "bodies"} or not all(
        _words(v) for v in answer.values()
    ):
        raise InputError(
            f"answer_after must have lists wait, ask, bodies, got {shown(answer)}", file=source,
            line=lines.get("answer_after"), path="answer_after",
        )
    for key in ("light", "subjects"):
        if key in doc and not _words(doc[key]):
            raise InputError(f"{key} must be a list of words, got {shown(doc[key])}", file=source,
                             line=lines.get(key), path=key)
    return Everyday(
        past=tuple((form.casefold(), now.casefold()) for now, forms in past.items() for form in forms),
        light=frozenset(w.casefold() for w in doc.get("light") or ()),
        subjects=frozenset(w.casefold() for w in doc.get("subjects") or ()),
        phrases=tuple(phrases),
        waits=frozenset(w.casefold().lstrip("=") for w in answer.get("wait", ())),
        asks=frozenset(word_root(w.casefold(), _LANG, False) for w in answer.get("ask", ())),
        bodies=frozenset(w.casefold() for w in answer.get("bodies", ())),
    )


def _words(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(w, str) and w.strip() for w in value)


@lru_cache(maxsize=1)
def builtin_everyday() -> Everyday:
    """The everyday word list shipped with permitflow (package data ``everyday.yaml``)."""
    text = resources.files("processes.diff").joinpath("everyday.yaml").read_text(encoding="utf-8")
    return parse_everyday(text, source="processes/diff/everyday.yaml")
