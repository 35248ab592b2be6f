"""Clipped words and acronyms read as the words of the models they stand for
(abbreviations.py): "Kompl.-begäran", "Reg.", "Polis/FHM/LST", "SKV", "Arbetsutskott (AU)"."""

from __future__ import annotations

from processes.diff.abbreviations import expand
from processes.diff.labelsim import label_similarity
from processes.diff.matchtypes import what
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def _lex(*labels: str) -> Lexicon:
    return Lexicon.build(builtin_synonyms(), labels)


def test_a_clipped_word_reads_as_the_word_it_begins() -> None:
    lex = _lex("Reg. + vidarebefordran", "Ansökan registreras")
    assert expand(lex, "Reg. + vidarebefordran", "sv") == "registrera + vidarebefordran"
    lex = _lex("Kompl.-begäran", "Vi ber dig komplettera", "Är ansökan komplett?")
    assert expand(lex, "Kompl.-begäran", "sv") == "komplettera-begäran"  # most words with kompl-
    # a coordinated compound is not clipped, nor a word the synonym list knows
    lex = _lex("Social- och arbetsmarknadsnämnden", "Socialnämnden beslutar")
    assert expand(lex, "Social- och arbetsmarknadsnämnden", "sv") == "Social- och arbetsmarknadsnämnden"
    assert expand(_lex("Remiss miljö-", "Miljöförvaltningen"), "Remiss miljö-", "sv") == "Remiss miljö-"


def test_an_acronym_reads_as_the_name_spelt_with_its_letters() -> None:
    lex = _lex("Underrättelse Polis/FHM/LST", "Vi skickar beslutet till Polisen, Länsstyrelsen och Folkhälsomyndigheten")
    assert expand(lex, "Underrättelse Polis/FHM/LST", "sv") == "Underrättelse Polis/folkhälsomyndigheten/länsstyrelsen"
    # "skriver" has the letters of SKV too, but the labels write Skatteverket as a name
    lex = _lex("Remiss SKV", "Vi skriver till Polisen och Skatteverket")
    assert expand(lex, "Remiss SKV", "sv") == "Remiss skatteverket"
    # a label may define it; two letters in order say nothing without a definition
    lex = _lex("Beslut SN", "Socialnämnden (SN)")
    assert expand(lex, "Beslut SN", "sv") == "Beslut socialnämnden"
    assert expand(_lex("Beslut SN", "Sökanden svarar"), "Beslut SN", "sv") == "Beslut SN"
    assert expand(lex, "Beslut SN", "en") == "Beslut SN"


def test_the_matcher_reads_post_it_abbreviations() -> None:
    labels = ["Vi ber dig komplettera", "Kompl.-begäran", "Underrätta Polisen och Länsstyrelsen",
              "Underrättelse Polis/LST"]
    lex = _lex(*labels)
    a, b, c, d = (what(lex, Step(f"T{k}", x, "task", "task"), "sv") for k, x in enumerate(labels))
    assert label_similarity(lex, a, b) == 1.0
    assert label_similarity(lex, c, d) == 1.0
