"""The Swedish of the library profiles' notes and the assumption ranges, as a Swedish municipality writes it.

Found by the klarspråk review of the notes written in Swedish (branch qanotes): spaces that break between a
number and its unit ("15 min", "1 160 kr"), English quotation marks ('ca 3 veckor'), "5 x 200", ranges whose
members are several words without spaces around the dash ("15 min–1 tim"), and words that name one thing
two ways ("0,6 av en heltid ... 0,3–1,5 årsarbetskrafter"), or a thing the report calls otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest

from bpmn_io.library import library_names, library_root
from bpmn_io.yamlsrc import load_yaml
from scenarios.assumptions import RANGES_FILE

URL = re.compile(r"https?://\S+")


def _pairs(value: Any, where: str) -> Iterator[tuple[str, str, str]]:
    """Every ``{en: ..., sv: ...}`` text below ``value``: (where, English, Swedish)."""
    if isinstance(value, dict):
        if set(value) == {"en", "sv"} and all(isinstance(v, str) for v in value.values()):
            yield where, value["en"], value["sv"]
            return
        for key, item in value.items():
            yield from _pairs(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _pairs(item, f"{where}[{i}]")


def _library_pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for name in library_names():
        data = load_yaml((library_root() / name / "profile.yaml").read_text(encoding="utf-8"), source=name).data
        pairs += list(_pairs(data, name))
    return pairs


def _range_pairs() -> list[tuple[str, str, str]]:
    text = (resources.files("scenarios") / RANGES_FILE).read_text(encoding="utf-8")
    return list(_pairs(load_yaml(text, source=RANGES_FILE).data, "assumption-ranges"))


def _all_pairs() -> list[tuple[str, str, str]]:
    return _library_pairs() + _range_pairs()


def _prose(text: str) -> str:
    return URL.sub(" ", text)


def _figures(text: str, lang: str) -> Counter[float]:
    """The numbers of a text, addresses left out: ``1,160.5`` in English, ``1 160,5`` in Swedish."""
    if lang == "en":
        found = re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", _prose(text))
        return Counter(float(f.replace(",", "")) for f in found)
    found = re.findall(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?", _prose(text))
    return Counter(float(re.sub(r"[\u00a0\u202f ]", "", f).replace(",", ".")) for f in found)


def test_the_library_and_the_ranges_have_swedish_texts() -> None:
    assert len({sv for _, _, sv in _library_pairs()}) > 200
    assert len(_range_pairs()) > 20


def test_each_swedish_note_says_the_figures_and_addresses_of_its_english() -> None:
    for where, en, sv in _all_pairs():
        assert URL.findall(en) == URL.findall(sv), (where, en, sv)
        # a section number is written 1.1 in both languages ("underlaget § 1.1")
        # and "every 2nd week" is "varannan vecka"
        en = re.sub(r"every 2nd", "every other", re.sub(r"§(\d+)\.(\d+)", r"§\1_\2", en))
        en_figures = _figures(en, "en")
        sv_figures = _figures(re.sub(r"§ (\d+)\.(\d+)", r"§ \1_\2", sv), "sv")
        assert en_figures == sv_figures, (where, en, sv)


@pytest.mark.parametrize("pattern, why", [
    (r"(?<!§ )\b\d+\.\d", "a decimal point instead of a decimal comma"),
    (r"\d,\d{3}(?!\d)", "a comma between thousands"),
    (r"(?<!\d)\d{1,3} \d{3}(?!\d)", "a breaking space between thousands (1\u00a0160)"),
    (r"\d (?:%|kr|tim|min|h|timmar|timme|minuter|dagar|dag|veckor|vecka|månader)(?![\wåäö])",
     "a breaking space between a number and its unit"),
    (r"(?<![\d-])\d{1,3}-\d", "a hyphen in a range of figures (1–3)"),
    (r"\d[\u00a0 ][a-zåäö]+–\d", "a range of several words without spaces around the dash (15 min – 1 tim)"),
    (r"\d x \d", "an x for times (5 × 200)"),
    (r"'", "an English quotation mark (”...”)"),
])
def test_swedish_notes_write_figures_and_quotations_the_swedish_way(pattern: str, why: str) -> None:
    wrong = [(where, sv) for where, _, sv in _all_pairs() if re.search(pattern, _prose(sv))]
    assert not wrong, f"{why}: {wrong[:3]}"


@pytest.mark.parametrize("pattern, why", [
    (r"\b[A-ZÅÄÖ]{5,}\b", "a word in capitals (but the brief's own mark ANTAGANDE, quoted)"),
    (r"\bjusterad\b", "\"justerad\" is said of minutes (justering): a value fitted to the stated times is kalibrerad"),
    (r"\boverhead\b", "an English word: indirekta kostnader"),
    (r"\bholidays\b", "a program's name"),
    (r"\bemot sökanden", "\"mot sökanden\", as in the notes"),
    (r"nämndens möten", "the committee's meetings are sammanträden (report/labels.yaml)"),
    (r"\bhögst antal\b", "\"högsta antalet\""),
    (r"\bbeslutat ärende", "a decided case is an avgjort ärende (the report's glossary)"),
    (r"\bden halvbemannade juli\b", "a month is neuter: halvbemanningen i juli"),
    (r"\bprodukten\b", "a product of two figures is a belopp to a reader"),
    (r"\d\u00a0kr \d{4}\b", "an amount and a year side by side (8 556 kr år 2016)"),
    (r"delegerade under hela nämnden", "not Swedish: på delegation, inte av hela nämnden"),
])
def test_swedish_notes_use_the_words_of_the_report(pattern: str, why: str) -> None:
    wrong = [(where, sv) for where, _, sv in _all_pairs()
             if re.search(pattern, _prose(sv).replace("ANTAGANDE", ""), re.IGNORECASE if "A-Z" not in pattern else 0)]
    assert not wrong, f"{why}: {wrong[:3]}"


def test_a_share_of_full_time_is_said_one_way_in_each_text() -> None:
    """"0,6 av en heltid ... (intervall 0,3–1,5 årsarbetskrafter)" says one quantity with two words."""
    wrong = [(where, sv) for where, _, sv in _all_pairs() if "av en heltid" in sv and "årsarbetskraft" in sv]
    assert not wrong, wrong[:3]


def test_the_reports_swedish_glossary_writes_figures_the_swedish_way_in_swedish_words() -> None:
    from simulator.glossary import FIGURES_SV, PREFIXES_SV

    for key, text in [*FIGURES_SV.items(), *PREFIXES_SV.items()]:
        assert not re.search(r"\boverhead\b", text), (key, text)  # English: indirekta kostnader
        assert not re.search(r"(?<!\d)\d{1,3} \d{3}(?!\d)", text), (key, text)  # 1 160 kr
        # (a deadline's "4 månader" stays as report/deadlines.py finds it to put the profile's own)
        assert not re.search(r"\d (?:%|kr|timmar)(?![\wåäö])", text), (key, text)


def test_a_facts_swedish_value_writes_a_range_with_a_dash() -> None:
    """Helsingborg's local rules read "normal serveringstid 11-01" in both languages' reports."""
    for name in library_names():
        data = load_yaml((library_root() / name / "profile.yaml").read_text(encoding="utf-8"), source=name).data
        for fact, spec in (data.get("facts") or {}).items():
            value = spec.get("value") if isinstance(spec, dict) else spec
            if isinstance(value, str):
                assert not re.search(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])", value), (name, fact, value)


def test_the_english_assumptions_say_a_swedish_term_in_english_first() -> None:
    """Found by QA (words23): the English report's assumptions table said "sending one remiss takes a quarter of an
    hour" (30 rows of the bundled study), "2 alkoholhandläggare at 0.5 of full time" and "one registrator/kundtjänst
    member": a Swedish term stands in brackets after English words, or in a quotation, never alone."""
    bare = []
    for where, en, _sv in _library_pairs():
        if ".assumption" not in where:
            continue
        outside = re.sub(r"\([^()]*\)|'[^']*'|“[^”]*”", " ", _prose(en))  # brackets and quotations may say it
        if re.search(r"\b(remiss\w*|alkoholhandläggare|registrator\w*|kundtjänst)\b", outside, flags=re.I):
            bare.append((where, en))
    assert bare == []
