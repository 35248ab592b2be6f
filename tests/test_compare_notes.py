"""compare's notes on its HTML page, in the page's language, as the diff's page says its own.

Found by QA (qanotes): the comparison's page said its notes as the JSON does, in English on a Swedish page,
the models by the names they were compared under; and the text said "i bewerbung" in Swedish where the diff
said "i modellen bewerbung" (one wording now: processes.diff.notewords.notes_said).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

GERMAN = (Path(__file__).resolve().parent / "fixtures" / "diff" / "bewerbung.yaml").read_text(
    encoding="utf-8")
SV_NOTE = ("Namnen i modellen bewerbung ser inte ut att vara på svenska eller engelska, så de jämförs bara "
           "på stavningen: småord och böjningsformer känns inte igen (ange --language sv eller en för att "
           "läsa dem som svenska eller engelska)")
EN_NOTE = ("the names in bewerbung do not look like Swedish or English, so they are compared by spelling "
           "alone: small words and word endings are not recognised (give --language sv or en to read them as "
           "Swedish or English)")


def run(*args: str) -> str:
    said = CliRunner().invoke(cli, list(args))
    assert said.exit_code == 0, said.output
    return said.stdout


def notes(page: str) -> list[str]:
    """The page's notes as a browser shows them (tags dropped, entities read)."""
    return [html.unescape(re.sub(r"<[^>]+>", "", n)) for n in re.findall(r'<p class="note">(.*?)</p>', page)]


@pytest.fixture
def german(tmp_path: Path) -> str:
    path = tmp_path / "bewerbung.yaml"
    path.write_text(GERMAN, encoding="utf-8")
    return str(path)


def test_the_swedish_page_says_its_note_in_swedish_as_the_diff_and_the_text_say_it(german: str) -> None:
    page = run("compare", german, "astorp", "landskrona", "--format", "html", "--output-language", "sv")
    assert notes(page) == [f"anm.: {SV_NOTE}"]
    assert "do not look like Swedish or English" not in page
    # one wording: the diff's, the comparison's text and Markdown say the same sentence
    assert f"anm.: {SV_NOTE}" in run("diff", german, "astorp", "--output-language", "sv").splitlines()
    text = run("compare", german, "astorp", "landskrona", "--output-language", "sv")
    assert f"anm.: {SV_NOTE}" in text.splitlines()
    markdown = run("compare", german, "astorp", "landskrona", "--output-language", "sv", "--format",
                   "markdown")
    assert markdown.endswith(f"## Anmärkningar\n\n- {SV_NOTE}\n")


def test_the_english_page_says_its_note_in_english(german: str) -> None:
    # auto: English, as one model names its steps in neither language
    page = run("compare", german, "astorp", "landskrona", "--format", "html")
    assert notes(page) == [f"note: {EN_NOTE}"]
    assert '<html lang="en">' in page


def test_three_models_read_as_neither_are_each_named_as_the_page_names_them() -> None:
    """The note lists three models or more as one part ("astorp, landskrona and Helsingborg" was said, the
    first two by the names they were compared under)."""
    args = ["compare", "astorp", "landskrona", "helsingborg", "--language", "other", "--format"]
    swedish = notes(run(*args, "html", "--output-language", "sv"))
    assert len(swedish) == 1 and swedish[0].startswith(
        "anm.: Namnen i Åstorps modell, Landskronas modell och Helsingborgs modell ser inte ut att vara på "
        "svenska")
    english = notes(run(*args, "html", "--output-language", "en"))
    assert len(english) == 1 and english[0].startswith(
        "note: the names in Åstorp, Landskrona and Helsingborg do not look like Swedish")
    text = run(*args, "text", "--output-language", "en")
    assert "note: the names in Åstorp, Landskrona and Helsingborg do not look like" in text


def test_a_note_is_escaped_and_the_page_stays_self_contained(tmp_path: Path) -> None:
    path = tmp_path / "a<b&c.yaml"  # a model named by its file: its name in the note, escaped
    path.write_text(GERMAN, encoding="utf-8")
    page = run("compare", str(path), "astorp", "landskrona", "--format", "html")
    assert notes(page) == [f"note: {EN_NOTE.replace('bewerbung', 'a<b&c')}"]
    assert "a&lt;b&amp;c do not look like" in page and "a<b" not in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_the_reports_comparison_says_the_note_in_both_languages(tmp_path: Path) -> None:
    """The report's section (bilingual): the note in each language's span, each with its lang."""
    from bpmn_io.authoring import parse_authoring
    from bpmn_io.loading import load_model
    from processes.diff import compare_models, prepare
    from report.diff_html import comparison_html

    german = parse_authoring(GERMAN, source="bewerbung.yaml")
    models = {"bewerbung": german, "astorp": load_model("astorp"), "landskrona": load_model("landskrona")}
    comparison = compare_models([prepare(defs, name) for name, defs in models.items()])
    page = comparison_html(comparison, models, bilingual=True,
                           names={"astorp": "Åstorp", "landskrona": "Landskrona", "bewerbung": "Bewerbung"})
    shown = re.findall(r'<p class="note">(.*?)</p>', page)
    assert len(shown) == 1
    assert shown[0].startswith('<span class="en" lang="en">note: the names in Bewerbung do not look like')
    assert ('<span class="sv" lang="sv">anm.: Namnen i Bewerbungs modell ser inte ut att vara på svenska'
            in shown[0])
