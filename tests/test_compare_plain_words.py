"""`permitflow compare` and `permitflow diff` as HTML, in English and in Swedish, say every sentence in a
manager's words: no code name (a snake_case key, an element id, a process name where the municipality's name
belongs, a key dressed as words with its underscores as spaces, a Python list), no field name of the code, no
English on the Swedish page and no Swedish on the English page outside the models' own labels (found by QA,
qacompen: the English page said "node matching", "control flow", "e service", "staff fte",
"[Polisen, Skatteverket, ...]", "(weeks: [7, 10]; clock: unknown)", "In helsingborg and astorp", and both
pages "unnamed boundary event Timer_Paminnelse").

The text is read as a person reads it: the page without its scripts, styles and drawn diagrams (the labels
as drawn are the models' own), each model's labels taken out of the sentences that quote them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import html

from bpmn_io.library import library_paths
from bpmn_io.reader import read_bpmn
from cli import cli
from processes.shownnames import name_in
from report.words import labels

MODELS = ("helsingborg", "astorp", "national-reference")  # their 3-way comparison has an unnamed timer
PAIR = ("helsingborg", "astorp")

#: a snake_case token, a Python list or mapping, a field name of a fact as the code writes it
CODE = re.compile(r"\b[^\W\d_]\w*_\w+\b|\[[^\]]*,[^\]]*\]|\{'|\bclock:")
#: words of one language a page in the other says only when the words table was not read
SWEDISH_WORDS = re.compile(r"\b(?:okänt|veckor|år|räknas från|källa|antagande|ja|nej)\b")
ENGLISH_WORDS = re.compile(r"\b(?:unknown|weeks|year|counted from|sourced|assumed|yes|no|in A|in B)\b")


def run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def _read(page: str) -> tuple[list[str], set[str]]:
    """The sentences a person reads on ``page`` (its text outside scripts, styles and diagrams, one per
    element's text), and the ids of the elements its diagrams draw."""
    root = html.fromstring(page)
    ids = {i for i in root.xpath("//*[local-name()='svg']//@data-element-id | //*[local-name()='svg']//@id")
           if any(c.isupper() for c in i) or "_" in i}
    for gone in root.xpath("//script | //style | //*[local-name()='svg']"):
        gone.getparent().remove(gone)
    sentences = [" ".join(text.split()) for el in root.iter() if isinstance(el.tag, str)
                 for text in (el.text, el.tail) if text and text.strip()]
    return sentences, ids


def _text(out: str, fmt: str) -> str:
    """An output as a person reads it: an HTML page's text (a label marked with its language inside other
    words is read on with them), the rest as it is."""
    if fmt != "html":
        return out
    root = html.fromstring(out)
    for gone in root.xpath("//script | //style | //*[local-name()='svg']"):
        gone.getparent().remove(gone)
    return str(root.text_content())


def _labels(models: Iterable[str]) -> list[str]:
    """The models' own labels (steps, branches, lanes, pools), as drawn and as the models name them in each
    language, longest first: what a sentence may quote."""
    out: set[str] = set()
    for name in models:
        defs = read_bpmn(library_paths(name)[0])
        elements: list[Any] = [*defs.participants()]
        for p in defs.processes:
            elements += [*p.nodes.values(), *p.flows.values(), *p.lanes()]
        out.update(" ".join(said.split()) for e in elements if e.name
                   for said in (e.name, name_in(e, "en"), name_in(e, "sv")))
    return sorted(out, key=len, reverse=True)


def _problems(sentences: list[str], ids: set[str], labels: list[str], keys: set[str], models: Iterable[str],
              lang: str) -> list[str]:
    """What a sentence says in code or in the other language, with the sentence."""
    other = SWEDISH_WORDS if lang == "en" else ENGLISH_WORDS
    found = []
    for sentence in sentences:
        text = sentence
        for label in labels:  # the models' labels as drawn: their own language, their own words
            text = text.replace(label, " ")
        for what in (*CODE.findall(text), *other.findall(text),
                     *(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", sentence)),
                     *(k for k in keys if re.search(rf"\b{re.escape(k)}\b", text)),
                     *(n for n in models if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text))):
            found.append(f"{what!r} in {sentence!r}")
    return found


def _keys(data: dict[str, Any], lang: str) -> set[str]:
    """The comparison's keys with an underscore (a measure, a fact, a kind of variation) as the code writes
    them, and dressed as words ("node matching", "staff fte") where the report's words for them differ."""
    tables = (("similarity", data["similarity"]), ("facts", [f["fact"] for f in data["facts"]]),
              ("variations", [v["kind"] for v in data["variations"]]))
    out = set()
    for table, keys in tables:
        for k in (k for k in keys if "_" in k):
            out.add(k)
            if k.replace("_", " ") != str(labels()[table].get(k, {}).get(lang, "")):
                out.add(k.replace("_", " "))
    return out


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_comparison_page_says_every_sentence_in_words(lang: str) -> None:
    page = run("compare", *MODELS, "--format", "html", "--output-language", lang)
    data = json.loads(run("compare", *MODELS, "--format", "json"))
    sentences, ids = _read(page)
    assert ids and len(sentences) > 100  # the page and its diagrams were read
    assert _problems(sentences, ids, _labels(MODELS), _keys(data, lang), MODELS, lang) == []


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_diff_page_says_every_sentence_in_words(lang: str) -> None:
    page = run("diff", *PAIR, "--format", "html", "--output-language", lang)
    data = json.loads(run("compare", *PAIR, "--format", "json"))
    sentences, ids = _read(page)
    assert ids and len(sentences) > 100
    assert _problems(sentences, ids, _labels(PAIR), _keys(data, lang), PAIR, lang) == []


def _ids(models: Iterable[str]) -> set[str]:
    """The ids of the models' elements (steps, flows, lanes, pools): what a page for people never shows."""
    out: set[str] = set()
    for name in models:
        defs = read_bpmn(library_paths(name)[0])
        out.update(p.id for p in defs.participants())
        for p in defs.processes:
            out.update([*p.nodes, *p.flows, *(lane.id for lane in p.lanes())])
    return out


#: what the matcher calls a step no model names ("unnamed boundary event Timer_1", "namnlös kanthändelse ...")
UNNAMED = re.compile(r"\b(?:unnamed|namnlös)\b")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_comparison_text_says_every_sentence_in_words(lang: str, fmt: str) -> None:
    """The text and Markdown comparisons as HTML's are read (found by QA, qacomptext: both languages said
    "unnamed boundary event Timer_Paminnelse" in a variation point, the English one "[control_flow]")."""
    out = run("compare", *MODELS, "--format", fmt, "--output-language", lang)
    data = json.loads(run("compare", *MODELS, "--format", "json"))
    sentences = [line.strip(" |-#") for line in out.splitlines() if line.strip(" |-#")]
    keys = _keys(data, lang)
    assert len(sentences) > 50
    assert [s for s in sentences if UNNAMED.search(s)] == []
    assert _problems(sentences, _ids(MODELS), _labels(MODELS), keys, MODELS, lang) == []
    said = {str(labels()["variations"][v["kind"]][lang]) for v in data["variations"]}
    assert said and all(kind in out for kind in said)  # each kind of variation point in the report's words


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command", ["compare", "diff"])
def test_no_element_id_and_no_unnamed_phrase_reaches_a_person(command: str, lang: str, fmt: str) -> None:
    """Every output a person reads names an unnamed timer by what it is, never by the matcher's phrase and
    id."""
    models = MODELS if command == "compare" else PAIR
    out = run(command, *models, "--format", fmt, "--output-language", lang)
    text = " ".join(_read(out)[0]) if fmt == "html" else out
    assert not UNNAMED.search(text)
    for label in _labels(models):
        text = text.replace(label, " ")
    assert sorted(i for i in _ids(models) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)) == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_an_unnamed_timer_quotes_its_host_step_as_drawn(lang: str, fmt: str) -> None:
    """The step a timer sits on is quoted as drawn, as every other label of the text (found by QA: the English
    text said "timer after 2 weeks in “Wait for the supplement”" beside "Invänta komplettering")."""
    out = _text(run("compare", *MODELS, "--format", fmt, "--output-language", lang), fmt)
    assert re.search(r"(?:timer after|bevakning efter) [^“”]+ (?:in|i) [“”]Invänta komplettering”", out)
    assert "Wait for the supplement" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_national_reference_is_named_short_in_headings_and_rows(lang: str, fmt: str) -> None:
    """The national reference's whole name (its laws cited) on the models line and in the title, its short
    name (the name before its brackets) as a heading of the matrices and the facts (found by QA: the text was
    200+ characters wide)."""
    full = {"en": "National reference (the Alcohol Act", "sv": "Nationell referens (Alkohollagen"}[lang]
    short = {"en": "National reference", "sv": "Nationell referens"}[lang]
    out = run("compare", *MODELS, "--format", fmt, "--output-language", lang)
    if fmt == "html":
        root = html.fromstring(out)
        headings = [" ".join(th.text_content().split()) for th in root.xpath("//table//th")]
        assert short in headings and not [h for h in headings if full in h]
        assert full in root.findtext(".//title")
        return
    lines = out.splitlines()
    assert full in lines[0]  # "models: ..." / "# Comparison of ..."
    assert [line for line in lines[1:] if full in line] == []
    assert sum(short in line for line in lines) > 10
    matrix = [line for line in lines if "1.000" in line or "1,000" in line]
    assert matrix and max(map(len, matrix)) < 100


def test_the_swedish_markdown_says_what_each_model_does_in_swedish() -> None:
    """A variation point's cell per model says a relation of control flow as the diff's table does, in the
    output's words ("parallellt", "alternativ"), not the code's "parallel", "exclusive" (found while checking
    qacomptext)."""
    out = run("compare", *MODELS, "--format", "markdown", "--output-language", "sv")
    rows = [line.split(" | ") for line in out.splitlines()
            if line.startswith("| en annan ordning mellan stegen |")]
    cells = {cell for row in rows for cell in row[2:2 + len(MODELS)]}
    assert rows and "parallellt" in cells
    assert not cells & {"parallel", "exclusive", "before", "after", "mixed"}
    # a point about several steps: the first and how many more, in Swedish
    assert "| Besluta om serveringstillstånd (+1 till) |" in out and " more)" not in out


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_page_names_an_unnamed_timer_as_the_text_does(lang: str) -> None:
    """One timer, one name in every output: its length as its profile gives it (found while checking
    qacomptext: the page said "timer after 14 days", from the BPMN, the text "timer after 2 weeks")."""
    timer = re.compile(r"(?:timer after|bevakning efter) [^“”<]+ (?:in|i) [“”]Invänta komplettering”")
    said = {fmt: set(timer.findall(_text(run("compare", *MODELS, "--format", fmt, "--output-language", lang),
                                         fmt)))
            for fmt in ("text", "markdown", "html")}
    assert len(said["text"]) == 1 and said["markdown"] == said["html"] == said["text"], said


#: who decides, as the parameter's key or its name with "is"/"är" before the level: words for a developer
DELEGATION_KEY = re.compile(r"\bdelegation\b|vem som beslutar(?:, \w+)? är (?!inte angivet)|who decides(?: "
                            r"\w+)? is (?!not set)")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command", ["compare", "diff"])
def test_who_decides_is_said_as_a_manager_says_it(command: str, lang: str, fmt: str) -> None:
    """A decision level that differs reads "the working committee decides", "arbetsutskottet beslutar", in
    every output a person reads, not "delegation is the committee" (found by QA, qaleft)."""
    # the committee decides in one, its working committee in the other
    models = ("helsingborg", "orkelljunga")
    out = run(command, *models, "--format", fmt, "--output-language", lang)
    text = " ".join(_read(out)[0]) if fmt == "html" else out
    for label in _labels(models):
        text = text.replace(label, " ")
    assert DELEGATION_KEY.findall(text) == []
    said = {"en": "the working committee decides", "sv": "arbetsutskottet beslutar"}[lang]
    assert said in text


#: a model called "A" or "B", as the matcher's notes (and the JSON) name them
SIDE_LETTER = re.compile(r"\b(?:in|i|of) [AB]\b")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_notes_under_a_diff_name_the_models(lang: str, fmt: str) -> None:
    """The notes name each model as the page does, not "in A"/"i B" (found by QA, qaleft: "the branches of the
    choice ... in A were not compared: in B, ..."); the HTML page labels its diagrams "A: Helsingborg", so a
    kind of difference that says "Only in A" still reads against a name. The JSON keeps "A" and "B"."""
    out = run("diff", *PAIR, "--format", fmt, "--output-language", lang)
    if fmt == "html":
        root = html.fromstring(out)
        notes = [" ".join(p.text_content().split()) for p in root.xpath("//p[@class='note']")]
        assert [" ".join(h.text_content().split()) for h in root.xpath("//section[@class='diagram']/h2")] == [
            "A: Helsingborg", "B: Åstorp"]
    else:
        head = {"text": ("note:", "anm.:"), "markdown": ("- ",)}[fmt]
        notes = [line for line in out.splitlines() if line.startswith(head)]
    town = {"en": "in Helsingborg were not compared: in Åstorp,",
            "sv": "i Helsingborgs modell jämfördes inte: i Åstorps modell"}[lang]
    # the three knowledge-test choices Åstorp draws apart
    assert len([n for n in notes if town in n]) == 3, notes
    assert [n for n in notes if SIDE_LETTER.search(n)] == []
    data = json.loads(run("diff", *PAIR, "--format", "json"))
    assert all(" in A were not compared" in n for n in data["notes"] if "were not compared" in n)


#: a number written another language's way, or not grouped, outside the models' own labels and the sources'
#: addresses (processes.numbers: English "18,560" and "0.98", Swedish "18 560" and "0,98"; a year is 4 digits)
NUMBER_RULES = {
    "any": (re.compile(r"(?<![\d.,])\d{5,}(?![\d.,])"),
            re.compile(r"(?<![\d.,])\d{4,}[\s\u00a0]*(?:kr|kronor)\b")),
    "en": (re.compile(r"\d[ \u00a0\u202f]\d{3}(?!\d)"), re.compile(r"\d,\d{1,2}(?!\d)")),
    "sv": (re.compile(r"\d{1,3},\d{3},\d{3}"), re.compile(r"\d,\d{3}[\s\u00a0]*(?:kr|kronor)\b"),
           re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")),
}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command, models", [("compare", ("helsingborg", "angelholm", "national-reference")),
                                             ("diff", PAIR)])
def test_every_number_is_written_as_the_page_s_language_writes_it(command: str, models: tuple[str, ...],
                                                                   lang: str, fmt: str) -> None:
    """Found by QA (qanumbers): the facts table said "18 560 kr" beside "1,160 kr/h" on an English page. Every
    amount, rate, score and count goes through processes.numbers: thousands grouped, the decimal sign of the
    language (Ängelholm's fee is 18,560 kr, computed from 1,160 kr/h)."""
    text = _text(run(command, *models, "--format", fmt, "--output-language", lang), fmt)
    for label in _labels(models):  # the models' labels as drawn are their own
        text = text.replace(label, " ")
    text = re.sub(r"https?://\S+", " ", text)
    if command == "compare":  # Ängelholm's fee, as the language writes it
        assert ("18,560 kronor" if lang == "en" else "18\u00a0560\u00a0kr") in text
    wrong = [text[max(0, m.start() - 40):m.end() + 10] for rule in (*NUMBER_RULES["any"], *NUMBER_RULES[lang])
             for m in rule.finditer(text)]
    assert wrong == []
