"""Which language a model's labels are in: Swedish, English or neither, and what diff does with neither."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared import INTEROP

from bpmn_io.loading import load_model
from cli import cli
from processes import labellanguage
from processes.diff import diff_models
from processes.diff.labelmatch import match_labels
from processes.diff.language import word_root
from processes.diff.view import build_view
from processes.labellanguage import DETECTED, detect_language, shows_swedish
from report.templating import labels_language


def detected(path: Path | str) -> str:
    """The language diff reads the file's labels in (as processes.diff.core.prepare asks it)."""
    return detect_language(s.name for s in build_view(load_model(path, strict=False)).steps.values())


@pytest.mark.interop
@pytest.mark.parametrize("file,language", [
    ("odd/bpmn-moddle/signavio-complex-no-extensions.bpmn", "other"),  # German, with ä, ö and ü
    ("odd/bpmn-moddle/bizagi-nested-ns-definition.bpmn", "other"),  # German: "Aufgabe 1" only
    ("miwg/reference/C.4.0.bpmn", "en"),
    # English with one German step, "Rechnung klären", whose ä made it Swedish before
    ("miwg/reference/C.1.1.bpmn", "en"),
    ("miwg/sap-signavio-process-manager-19.9.0/C.1.0-export.bpmn", "en"),
    ("odd/bpmn-js/collapsed-sub-process.bpmn", "en"),  # no English stop word: "Check Items", "Charge Card"
    ("odd/jbpm-designer/simulationProcess.bpmn2", "en"),  # code names ("UserTask") few dictionaries know
])
def test_the_interop_models_are_read_in_their_language(file: str, language: str) -> None:
    assert detected(INTEROP / file) == language


@pytest.mark.parametrize("name", ["astorp", "national-reference"])
def test_the_library_models_are_swedish(name: str) -> None:
    assert detected(name) == "sv"


@pytest.mark.parametrize("labels,language", [
    (["Bewerbung prüfen", "Rückmeldung versenden", "Bewerber informieren"], "other"),
    (["Aufgabe 1", "Aufgabe 2"], "other"),  # no letter and no stop word tells: the dictionaries do
    # Dutch: its "en", "de" are
    (["Aanvraag ontvangen", "Factuur controleren", "Betaling uitvoeren"], "other"),
    (["Aanvraag ontvangen en controleren", "Besluit van de gemeente"], "other"),  # Swedish stop words too
    (["Skicka remiss", "Beslut"], "sv"),  # no å/ä/ö, not English either
    (["Registrera ansökan i diariet", "Utredning"], "sv"),
    (["Send letter of acceptance", "Check documents"], "en"),
    # German knows these words too: a tie is English
    (["Start Event", "Task 1", "Task 2", "End Event"], "en"),
])
def test_a_model_in_neither_language_is_other(labels: list[str], language: str) -> None:
    assert detect_language(labels) == language


NORDIC = Path(__file__).resolve().parents[2] / "bench" / "language" / "nordic"


@pytest.mark.parametrize("name", sorted(p.name for p in NORDIC.glob("*.yaml")))
def test_danish_and_norwegian_models_are_read_as_neither(name: str) -> None:
    # bench/language/nordic: Danish, bokmål and nynorsk permit models, three without æ, ø and å
    assert len(list(NORDIC.glob("*.yaml"))) == 9
    assert detected(NORDIC / name) == "other"


@pytest.mark.parametrize("labels,language", [
    # Swedish knows 4 of the 6 words (om, plan, kontroll, av): enough for a model without æ/ø, not with it
    (["Søknad om plan", "Kontroll av plan", "Vedtak"], "other"),
    # å without ä or ö, and no æ or ø: Swedish was taken unasked before; bokmål knows every word
    (["Motta melding", "Registrer sak", "Send svar på henvendelse", "Fatt vedtak", "Arkiver sak"], "other"),
    (["Skicka remiss", "Beslut på delegation"], "sv"),  # å alone: the Swedish dictionary is asked, and knows
    (["Kontroll av plan", "Beslut om delegation"], "sv"),  # Danish knows these too, Swedish as many
])
def test_the_letters_tell_swedish_from_danish_and_norwegian(labels: list[str], language: str) -> None:
    assert detect_language(labels) == language


@pytest.mark.parametrize("labels,language", [
    # Danish and Norwegian without æ, ø and å (bench/language/nordic-labels.yaml): "soknad" is "søknad"
    (["Behandle soknad"], "other"),
    (["Motta soknad"], "other"),  # "motta" is among the packaged Swedish words: the rest is asked
    (["Kontroller om ansogningen er fuldstaendig"], "other"),
    (["Send til uttalelse"], "other"),  # "til", "send": was English
    (["Registrere og arkivere saken"], "other"),  # "og"
    (["Be om ytterligere dokumentasjon"], "other"),  # "-sjon"
    (["Soknaden er ikkje komplett"], "other"),
    # Swedish stays Swedish: one word could be either, and a compound Swedish knows the parts of is Swedish
    (["Omprov"], "sv"),
    (["Boka omprov"], "sv"),
    (["Skicka remiss", "Beslut"], "sv"),
])
def test_danish_and_norwegian_without_their_letters_are_told_from_swedish(labels: list[str],
                                                                         language: str) -> None:
    pytest.importorskip("simplemma")
    assert detect_language(labels) == language


def test_a_norwegian_model_is_compared_by_spelling_and_its_diff_said_in_english() -> None:
    nb = str(NORDIC / "nb-skjenkebevilling.yaml")
    assert not shows_swedish(s.name for s in build_view(load_model(nb)).steps.values() if s.name)
    said = CliRunner().invoke(cli, ["diff", nb, "astorp"])
    assert said.exit_code == 0, said.output
    # the note in qasmall's plain words (a6412f9f), merged beside this test
    assert "the names in nb-skjenkebevilling do not look like Swedish or English" in said.output
    assert "is only in Åstorp" in said.output  # the diff's words in English: not every model is Swedish


def asking(monkeypatch: pytest.MonkeyPatch, knows: str) -> list[str]:
    """The languages the detector asks, in order, of a lookup where only ``knows`` knows any word."""
    asked: list[str] = []

    def known(word: str, lang: str) -> bool:
        if lang not in asked:
            asked.append(lang)
        return lang == knows

    monkeypatch.setattr(labellanguage, "_dictionaries", lambda: known)
    return asked


def test_the_likely_languages_are_asked_first_and_the_asking_stops_at_the_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked = asking(monkeypatch, knows="nb")
    # a Norwegian checklist without æ, ø and å: its "til" puts Danish and Norwegian before German and the rest
    assert detect_language(["Ny sak", "Send til uttalelse hos politiet", "Fatt vedtak"]) == "other"
    assert asked == ["sv", "en", "da", "nb"]


def test_a_model_with_a_or_o_umlaut_never_asks_danish_or_norwegian(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = asking(monkeypatch, knows="nothing")
    assert detect_language(["Vandelsprövning", "Polisremiss", "Delegationsbeslut"]) == "sv"
    assert asked == ["sv", "en", "de", "nl", "fr", "es", "it", "pt"]  # German first: its letters
    asked.clear()
    assert detect_language(["Ärendet avslutat på nämnden"]) == "sv"  # å with ä: Swedish unasked
    assert asked == []


def test_a_swedish_model_the_packaged_words_make_half_of_loads_no_dictionary(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked = asking(monkeypatch, knows="nothing")
    # no å, ä or ö: "skicka", "remiss", "till", "polisen", "beslut" are among processes/swedishwords.yaml
    assert detect_language(["Skicka remiss till polisen", "Beslut"]) == "sv"
    assert asked == []
    # 2 of 4 words listed: still half, but the rest are asked whether they are Danish or Norwegian
    # ("Motta soknad": "motta" is listed); neither is, and the model stays Swedish
    assert detect_language(["Remiss till Zzyzx", "Qwrt"]) == "sv"
    assert asked == ["sv", "en", "da", "nb", "nn"]
    asked.clear()
    assert detect_language(["Zzyzx till Qwrt"]) == "sv"  # 1 of 3: the dictionary is asked
    assert asked[:2] == ["sv", "en"]


def test_the_packaged_swedish_words_are_all_known_to_simplemma() -> None:
    simplemma = pytest.importorskip("simplemma")
    words = sorted(labellanguage._swedish_words())
    assert len(words) > 500
    assert [w for w in words if not simplemma.is_known(w, lang="sv")] == []


def test_the_dictionaries_read_in_place_know_what_simplemma_knows() -> None:
    simplemma = pytest.importorskip("simplemma")
    read = labellanguage._dictionaries()
    assert read is not None
    words = ["application", "Applications", "usertask", "søknad", "vedtak", "ansökan", "café", "cafe\u0301"]
    for lang in ("en", "nn"):
        assert [read(w, lang) for w in words] == [simplemma.is_known(w, lang=lang) for w in words]
    assert read("søknad", "nn") and not read("usertask", "nn")


def test_without_simplemma_the_letters_and_stop_words_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "simplemma", None)  # import simplemma raises ImportError
    assert detect_language(["Aufgabe 1", "Aufgabe 2"]) == "sv"  # as before the dictionaries were asked
    assert detect_language(["Send letter of acceptance"]) == "en"


def test_a_german_model_is_not_said_in_swedish() -> None:
    german = ["Bewerbung prüfen", "Rückmeldung versenden", "Bewerber informiert"]
    assert not shows_swedish(german)  # ä and ö outweigh its stop words; the dictionaries do not
    assert shows_swedish(["Diarieför ansökan", "Besluta om tillstånd"])


def test_words_in_neither_language_are_their_own_roots() -> None:
    assert word_root("bewerbungen", "other", True) == "bewerbungen"
    assert word_root("registrering", "sv") != "registrering"  # a Swedish word still gets its root


def test_labels_in_neither_language_match_by_spelling() -> None:
    found = match_labels(["Rechnung prüfen", "Zahlung buchen"], ["Zahlung buchen", "Rechnung prüfen"])
    assert (found.language_a, found.language_b) == ("other", "other")
    assert sorted((m.a, m.b) for m in found.matched) == [((0,), (1,)), ((1,), (0,))]
    with pytest.raises(ValueError, match="expected sv, en, other or auto"):
        match_labels(["a"], ["b"], language="de")


GERMAN = (Path(__file__).resolve().parents[1] / "fixtures" / "diff" / "bewerbung.yaml").read_text(
    encoding="utf-8")


def test_the_diff_says_once_that_it_read_a_model_as_neither(tmp_path: Path) -> None:
    path = tmp_path / "bewerbung.yaml"
    path.write_text(GERMAN, encoding="utf-8")
    german = load_model(path)
    assert labels_language(german) is None  # no lang="sv" on a German diagram
    notes = diff_models(german, load_model("astorp"), a_name="bewerbung", b_name="astorp").notes
    said = [n for n in notes if "do not look like Swedish or English" in n]
    assert said == ["the names in bewerbung do not look like Swedish or English, so they are compared by "
                    "spelling alone: small words and word endings are not recognised (give --language sv or "
                    "en to read them as Swedish or English)"]
    both = diff_models(german, german, a_name="a", b_name="b").notes
    assert [n for n in both if "Swedish or English" in n][0].startswith(
        "the names in a and b do not look like Swedish or English")
    forced = diff_models(german, german, a_name="a", b_name="b", language="sv").notes
    assert not [n for n in forced if "Swedish or English" in n]


def test_diff_accepts_what_the_detector_says_and_refuses_another_language_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bewerbung.yaml"
    path.write_text(GERMAN, encoding="utf-8")
    assert DETECTED == ("sv", "en", "other")
    said = CliRunner().invoke(cli, ["diff", str(path), "astorp", "--language", "other", "--output-language",
                                    "sv"])
    assert said.exit_code == 0, said.output
    assert ("Namnen i modellen bewerbung och Åstorps modell ser inte ut att vara på svenska eller engelska"
            in said.output)
    compared = CliRunner().invoke(cli, ["compare", str(path), "astorp", "landskrona"])
    assert compared.exit_code == 0, compared.output
    assert compared.output.count("do not look like Swedish or English") == 1
    assert "note: the names in bewerbung do not look like Swedish or English" in compared.output
    refused = CliRunner().invoke(cli, ["diff", str(path), "astorp", "--language", "de"])
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines() == [
        "Error: Invalid value for '--language': 'de' is not one of 'auto', 'sv', 'en', 'other'. "
        "(see 'permitflow diff --help')"]


def test_a_simplemma_before_2_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("simplemma")
    from processes.diff import language

    # simplemma 1.x: its dictionaries package has no StreamDictionaryFactory (simplemma's HISTORY.rst, 2.0.0)
    monkeypatch.setitem(sys.modules, "simplemma.strategies.dictionaries", type(sys)("dictionaries"))
    for cached in (labellanguage.stream_dictionaries, language._lemmatiser, language.lemma, language.word_root):
        cached.cache_clear()
    try:
        said = CliRunner().invoke(cli, ["diff", "astorp", "bjuv", "--lemmas"])
    finally:
        monkeypatch.undo()
        for cached in (labellanguage.stream_dictionaries, language._lemmatiser, language.lemma,
                       language.word_root):
            cached.cache_clear()
    assert said.exit_code == 2
    lines = said.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in said.output, said.output
    assert "permitflow needs simplemma 2.0 or later" in lines[0]
