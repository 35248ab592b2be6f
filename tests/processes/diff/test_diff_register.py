"""The formal, old written register (register.py): the old -es passive, a particle verb as its
prefix verb, and "X bereds tillfälle att yttra sig" as a remiss to X."""

from __future__ import annotations

from processes.diff.labelsim import label_similarity
from processes.diff.matchtypes import what
from processes.diff.register import as_remiss, modern_passive, particle_verbs
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def _what(label: str, *others: str) -> str:
    lex = Lexicon.build(builtin_synonyms(), [label, *others])
    return what(lex, Step("T", label, "task", "task"), "sv")


def test_the_old_passive_is_the_modern_one() -> None:
    assert modern_passive("Remisser utsändes omgående", "sv") == "Remisser utsänds omgående"
    assert modern_passive("Faktura tillställes sökanden", "sv") == "Faktura tillställs sökanden"
    # a genitive and words with another root stay; other languages stay
    assert modern_passive("Sökandes lämplighet", "sv") == "Sökandes lämplighet"
    assert modern_passive("Handle processes", "en") == "Handle processes"
    # read by the matcher: the old form of a light verb is a light verb ("Kunskapsprovet" alone)
    a, b = "Kunskapsprovet genomföres", "Kunskapsprov"
    lex = Lexicon.build(builtin_synonyms(), [a, b])
    assert _what(a, b) == "Kunskapsprovet genomförs"
    assert label_similarity(lex, _what(a, b), b) == 1.0 > label_similarity(lex, a, b)


def test_a_particle_verb_is_its_prefix_verb_where_the_labels_write_one() -> None:
    labels = ["Remisser skickas ut", "Remisser utskickas"]
    lex = Lexicon.build(builtin_synonyms(), labels)
    assert particle_verbs(lex, labels[0], "sv") == "Remisser utskickas"
    # no label writes the compound: the particle stays
    alone = Lexicon.build(builtin_synonyms(), [labels[0]])
    assert particle_verbs(alone, labels[0], "sv") == labels[0]
    # a preposition is not a particle: "fattas av" is not "avfattas"
    both = Lexicon.build(builtin_synonyms(), ["Beslut fattas av nämnden", "Förslag avfattas"])
    assert particle_verbs(both, "Beslut fattas av nämnden", "sv") == "Beslut fattas av nämnden"


def test_a_prefix_verb_is_the_particle_verb_of_the_synonym_list() -> None:
    # "förs in" is a phrase of the synonym list (registering): the old "införes" reads as it
    a, b = "Tillståndet förs in i registret", "Tillståndet införes i registret"
    lex = Lexicon.build(builtin_synonyms(), [a, b])
    assert particle_verbs(lex, "Tillståndet införs i registret", "sv") == a
    assert _what(b, a) == a and _what(a, b) == a
    assert label_similarity(lex, _what(b, a), a) == 1.0 > label_similarity(lex, b, a)
    # a stop word is not split: "Inför beslut" is "before the decision"
    assert particle_verbs(lex, "Inför beslut", "sv") == "Inför beslut"


def test_bereds_tillfalle_att_yttra_sig_is_a_remiss() -> None:
    assert as_remiss("Skatteverket bereds tillfälle att yttra sig", "sv") == "remiss till Skatteverket"
    assert as_remiss("Polisen ges möjlighet att yttra sig", "sv") == "remiss till Polisen"
    assert as_remiss("Polisen och andra myndigheter får yttra sig", "sv") == (
        "remiss till Polisen och andra myndigheter"
    )
    assert (
        as_remiss("Utredning upprättas, Polisen bereds tillfälle att yttra sig, beslut fattas", "sv")
        == "Utredning upprättas, remiss till Polisen, beslut fattas"
    )
    # the applicant heard is not a remiss
    assert as_remiss("Sökanden bereds tillfälle att yttra sig", "sv") == "Sökanden bereds tillfälle att yttra sig"
    assert as_remiss("Polisen yttrar sig", "sv") == "Polisen yttrar sig"
    a, b = "Polismyndigheten bereds tillfälle att yttra sig", "Remiss skickas till Polisen"
    lex = Lexicon.build(builtin_synonyms(), [a, b])
    assert label_similarity(lex, _what(a, b), _what(b, a)) >= 0.8 > label_similarity(lex, a, b)


def test_the_formal_registers_words() -> None:
    # "erlägga" is paying (synonyms.yaml)
    a, b = "Prövningsavgiften har erlagts", "Avgiften betalas"
    lex = Lexicon.build(builtin_synonyms(), [a, b])
    assert lex.terms("erlagts", "sv") == lex.terms("betalas", "sv")
    # "tillställa" is a message word: the decision sent (dispatch.py)
    assert _what("Beslutet tillställes sökanden") == "delge sökanden"
    # "jämte" and "å" are the formal "och" and "på" (stop words)
    lex = Lexicon.build(builtin_synonyms(), ["Kunskapsprov jämte omprov å stadshuset", "Kunskapsprov och omprov"])
    assert lex.terms("Kunskapsprov jämte omprov å stadshuset", "sv") == lex.terms("Kunskapsprov och omprov", "sv")
