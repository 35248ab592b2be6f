"""Which language a model's labels are in: Swedish or English, from å/ä/ö and stop words.

Light on purpose (no stemmer, no matcher): ``permitflow simulate`` asks it of every model it
prints figures for, and ``processes.diff`` (which re-exports it) of every model it compares.

>>> detect_language(["Diarieför ansökan", "Besluta"]), detect_language(["Register the application"])
('sv', 'en')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["LANGUAGES", "STOPWORDS", "detect_language", "shows_swedish"]

LANGUAGES = ("sv", "en")

STOPWORDS = {
    "sv": frozenset(
        "till av på om och i med från en ett den det de att som för efter inför vid hos eller in ut "
        "samt är blir ska skall kan får sin sitt sina dess nya ny över under har hade har har vara "
        "varje alla samtliga mot per via där när då så även "
        # personal pronouns: "hos mig", "till oss" say who, not what
        "jag mig vi oss "
        # ... and the reader's, the third person's and the reflexive: "Vi ber dig komplettera",
        # "Du kompletterar din ansökan", "om deras syn", "yttra sig" (the applicant's voice)
        "du dig din ditt dina ni er era ert deras dem sig "
        # light verbs: "Gör besök" is "Besök", "Genomför kunskapsprov" is "Kunskapsprov",
        # "Ta fram förslag" is "Förslag"
        "gör göra görs genomför genomföra genomförs genomförande utför utföra utförs låt låta ta tar tas fram "
        # "Polisen lämnar yttrande" is the answer ("Yttrande Polis"); "lämna in", "lämna över"
        # and "lämna … till" are phrases and hand-overs read before the stop words; "komma"
        # is the future's auxiliary ("kommer att") and a light verb ("kommer på besök" is
        # "besök"; "kommer in" is a phrase of arrival, read before)
        "lämna lämnar lämnas lämnat komma kommer "
        # the formal register's "and" and "at": "Beslutet jämte tillståndsbevis", "å stadshuset"
        "jämte å".split()
    ),
    "en": frozenset(
        "the a an of to for and or in on at by with from into onto via as is are be been being was "
        "were if whether all any some this that these those it its their his her our your my "
        "out up about over under per than then there when which who whom what".split()
    ),
}
_SV_LETTERS = re.compile("[åäö]")


def detect_language(labels: Iterable[str]) -> str:
    """``"sv"`` or ``"en"`` for a set of labels (a whole model): å/ä/ö count for Swedish,
    stop words for their language; ties are Swedish.

    >>> detect_language(["Send letter of acceptance", "Check documents"])
    'en'
    >>> detect_language(["Registrera ansökan i diariet", "Utredning"])
    'sv'
    """
    sv, en, words = _scores(labels)
    if sv == en == 0 and words:
        # no stop word and no å/ä/ö (terse labels, e.g. an event log's activity names):
        # ask the lemmatiser's dictionaries which language knows more of the words
        known_sv, known_en = _by_dictionary(words)
        return "en" if known_en > known_sv else "sv"
    return "en" if en > sv else "sv"


def shows_swedish(labels: Iterable[str]) -> bool:
    """Whether the labels show themselves Swedish, ties not counted: what a diff's words follow (a German
    model's "Rechnung prüfen" is read with Swedish rules by the matcher, whose ties are Swedish, but its diff
    is said in English, not Swedish).

    >>> shows_swedish(["Diarieför ansökan"]), shows_swedish(["Rechnung prüfen", "Zahlen buchen"])
    (True, False)
    """
    sv, en, words = _scores(labels)
    if sv == en == 0 and words:
        known_sv, known_en = _by_dictionary(words, tie_swedish=False)
        return known_sv > known_en
    return sv > en


def _scores(labels: Iterable[str]) -> tuple[int, int, list[str]]:
    sv = en = 0
    words: list[str] = []
    for label in labels:
        text = label.casefold()
        sv += 2 * len(_SV_LETTERS.findall(text))
        for word in re.findall(r"[^\W\d_]+", text):
            words.append(word)
            sv += word in STOPWORDS["sv"]
            en += word in STOPWORDS["en"]
    return sv, en, words


def _by_dictionary(words: list[str], tie_swedish: bool = True) -> tuple[int, int]:
    """How many of ``words`` the Swedish and the English dictionaries know (by endings without simplemma);
    ``tie_swedish``: when English knows none, Swedish is said to know one more without asking it."""
    try:
        import simplemma
    except ImportError:
        endings_en = sum(w.endswith(("tion", "ment", "ing", "ed", "ness", "ity", "ance")) for w in words)
        endings_sv = sum(w.endswith(("ning", "ering", "era", "ande", "else", "het", "skap")) for w in words)
        return endings_sv, endings_en
    # English first (its dictionary loads in a fifth of the time of the Swedish one): when
    # no word is English, Swedish wins the tie, and the Swedish dictionary is not loaded
    known_en = sum(simplemma.is_known(w, lang="en") for w in words)
    if known_en == 0 and tie_swedish:
        return 1, 0
    return sum(simplemma.is_known(w, lang="sv") for w in words), known_en
