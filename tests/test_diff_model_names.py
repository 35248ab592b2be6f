"""The diff names the models, in every output a person reads: a step only in one model is headed by that
model's name ("Only in Örkelljunga", not "Only in A": found by QA, the text and HTML still said A and B where
the Markdown named them), two models named alike told apart ("Örkelljunga (y)"), and a model whose name ends
in brackets (the national reference's laws) named whole where it is first named (the head line, the title,
the diagrams) and short in every line below it: the differences and the notes alike (found by QA, a Swedish
diff's notes said "modellen Nationell referens" where its differences said the whole name). The JSON keeps its
kinds only_in_a / only_in_b."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from bpmn_io.library import library_root
from cli import cli

PAIR = ("national-reference", "orkelljunga")
ONLY = {"en": "Only in", "sv": "Bara i"}
WHOLE = {"sv": "Nationell referens (Alkohollagen 8 kap., Alkoholförordningen 5 §)",
         "en": "National reference (the Alcohol Act, Alkohollagen, ch. 8; the Alcohol Ordinance, "
               "Alkoholförordningen, § 5)"}
SHORT = {"sv": "modellen Nationell referens", "en": "National reference"}


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["diff", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _only_heads(out: str, fmt: str, lang: str) -> list[str]:
    """The headings of the steps only in one model, as the output writes them."""
    if fmt == "html":
        kinds = html.fromstring(out).xpath("//ol[@class='differences']//span[@class='kind']")
        return [k.text_content() for k in kinds if k.text_content().startswith(ONLY[lang])]
    if fmt == "markdown":
        return [line.split(" | ")[0][2:] for line in out.splitlines() if line.startswith(f"| {ONLY[lang]} ")]
    return [line[1:line.index("]")] for line in out.splitlines() if line.startswith(f"[{ONLY[lang]} ")]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_a_step_only_in_one_model_is_headed_by_that_model_s_name(fmt: str, lang: str) -> None:
    out = run(*PAIR, "--format", fmt, "--output-language", lang)
    assert _only_heads(out, fmt, lang) == [f"{ONLY[lang]} Örkelljunga"]
    assert f"{ONLY[lang]} A" not in out and f"{ONLY[lang]} B" not in out
    data = json.loads(run(*PAIR, "--format", "json"))
    assert [d["kind"] for d in data["differences"] if d["kind"].startswith("only_in")] == ["only_in_b"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_two_models_named_alike_head_their_steps_apart(tmp_path: Path, fmt: str, lang: str) -> None:
    """Helsingborg's model with a profile that names it Örkelljunga, against Örkelljunga's: both are
    "Örkelljunga", told apart by their folders as the head line tells them apart."""
    for folder, town in (("x", "helsingborg"), ("y", "orkelljunga")):
        (tmp_path / folder).mkdir()
        for name in ("process.bpmn", "profile.yaml"):
            shutil.copy(library_root() / town / name, tmp_path / folder / name)
    profile = tmp_path / "x" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace("municipality: Helsingborg", "municipality: Örkelljunga")
    profile.write_text(text, encoding="utf-8")
    out = run(str(tmp_path / "x" / "process.bpmn"), str(tmp_path / "y" / "process.bpmn"), "--format", fmt,
              "--output-language", lang)
    assert _only_heads(out, fmt, lang) == [f"{ONLY[lang]} Örkelljunga (y)"]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_text_and_markdown_name_the_national_reference_whole_once_then_short(lang: str) -> None:
    text = run(*PAIR, "--output-language", lang)
    assert text.count(WHOLE[lang]) == 1 and text.splitlines()[0].startswith(WHOLE[lang])
    note, fact = ("anm.:", "[Fakta]") if lang == "sv" else ("note:", "[Fact]")
    for head in (note, fact):  # the notes and the differences alike
        lines = [line for line in text.splitlines() if line.startswith(head)]
        assert lines and all(SHORT[lang] in line for line in lines), head
    markdown = run(*PAIR, "--format", "markdown", "--output-language", lang)
    assert markdown.count(WHOLE[lang]) == 1 and markdown.startswith(f"# {WHOLE[lang]}")
    short = SHORT[lang].removeprefix("modellen ")
    assert f"| {short} | Örkelljunga |" in markdown  # the tables' headings, as compare's matrices


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_page_names_the_national_reference_whole_in_its_headings_only(lang: str) -> None:
    root = html.fromstring(run(*PAIR, "--format", "html", "--output-language", lang))
    first = root.xpath("//title | //h1 | //section[@class='diagram']/h2")
    heads = [" ".join(e.text_content().split()) for e in first]
    assert sum(WHOLE[lang] in h for h in heads) == 3
    below = root.xpath("//ol[@class='differences'] | //p[@class='note'] | //table[@id='matches']")
    said = " ".join(" ".join(e.text_content().split()) for e in below)
    assert WHOLE[lang] not in said
    assert said.count(SHORT[lang]) > 3  # in the differences, the notes and the matched steps' heading
    assert [th.text_content() for th in root.xpath("//table[@id='matches']//th")][:2] == [
        SHORT[lang].removeprefix("modellen "), "Örkelljunga"]
