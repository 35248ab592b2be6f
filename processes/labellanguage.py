"""Which language a model's labels are in: Swedish, English, or neither ("other"), from å/ä/ö, stop words and
simplemma's dictionaries.

Light on purpose (no stemmer, no matcher): ``permitflow simulate`` asks it of every model it
prints figures for, and ``processes.diff`` (which re-exports it) of every model it compares.
A model whose words Swedish and English know too few of, and another language's dictionary most of,
is "other" (Signavio's German HR model, a Danish or Norwegian municipality's model): the diff then
compares its labels by spelling alone.

>>> detect_language(["Diarieför ansökan", "Besluta"]), detect_language(["Register the application"])
('sv', 'en')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from processes.errors import PermitflowError

__all__ = ["LANGUAGES", "OTHER", "DETECTED", "OTHER_LANGUAGES", "STOPWORDS", "SIMPLEMMA_AT_LEAST",
           "detect_language", "shows_swedish", "stream_dictionaries"]

#: the languages the diff has rules for (stop words, stems, lemmas, Swedish administrative phrases)
LANGUAGES = ("sv", "en")
#: a model in neither: read by spelling alone
OTHER = "other"
#: what :func:`detect_language` says, and so what ``--language`` accepts besides ``auto``
DETECTED = (*LANGUAGES, OTHER)
#: the languages whose dictionaries (simplemma's) can show a model to be in neither, asked in this order
#: unless a model's letters or small words point at one of them (:func:`_likely_first`): German (the interop
#: corpus's only other language: Signavio's and Bizagi's examples), the other large languages of western
#: Europe, then Danish and Norwegian (bokmål, nynorsk). Those are said ``other`` too, not named: the diff has
#: no rules of theirs (stop words, stems, phrases), and "read as neither Swedish nor English, compared by
#: spelling" is what it does with them; read with Swedish rules, "er", "at" and "den" would go as stop words
#: and "til" would not.
OTHER_LANGUAGES = ("de", "nl", "fr", "es", "it", "pt", "da", "nb", "nn")
#: Danish and Norwegian: they write æ, ø and å, never ä or ö; Swedish writes å, ä and ö, never æ or ø
NEIGHBOURS = ("da", "nb", "nn")

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
    # labels in neither language: no word is left out as a stop word
    OTHER: frozenset(),
}
_SV_LETTERS = re.compile("[åäö]")
#: letters only Swedish writes of the Scandinavian three (German writes them too), and letters it never writes
_NOT_NEIGHBOURS, _NOT_SWEDISH = frozenset("äö"), frozenset("æø")
#: letters, and small words no Swedish or English label has, that point at a language of
#: :data:`OTHER_LANGUAGES`: its dictionary is asked first (a Norwegian checklist without æ, ø, å says "til")
#: the small words only Danish and Norwegian write (Swedish "och", "till", "från", "av", "inte", "vid",
#: "efter", "utan"): with one of them, or a spelling of :func:`_neighbourly`, a model without ä or ö is
#: doubted as one with æ or ø is (bench/bench_language_labels.py: no Swedish label changes its answer)
_NEIGHBOUR_WORDS = frozenset("og til fra frå af ikke ikkje ved etter uten uden".split())
_NEIGHBOUR_HINTS = frozenset(["æ", "ø", "å", *_NEIGHBOUR_WORDS])
_HINTS = {"de": frozenset(["ä", "ö", "ü", "ß", *"und der die das mit von zu nach".split()]),
          "da": _NEIGHBOUR_HINTS, "nb": _NEIGHBOUR_HINTS, "nn": _NEIGHBOUR_HINTS,
          "fr": frozenset("çèêëîïôœùû"), "es": frozenset("ñ¿¡"), "pt": frozenset("ãõ")}


def detect_language(labels: Iterable[str]) -> str:
    """``"sv"``, ``"en"`` or ``"other"`` for a set of labels (a whole model): å/ä/ö count for Swedish,
    stop words for their language; ties are Swedish. The answer is then checked against simplemma's
    dictionaries (:func:`_confirmed`): labels whose words Swedish and English know too few of, and
    another language most of, are ``"other"``.

    >>> detect_language(["Send letter of acceptance", "Check documents"])
    'en'
    >>> detect_language(["Registrera ansökan i diariet", "Utredning"])
    'sv'
    >>> detect_language(["Bewerbung prüfen", "Rückmeldung versenden"])
    'other'
    """
    sv, en, words = _scores(labels)
    if sv == en == 0 and words:
        # no stop word and no å/ä/ö (terse labels, e.g. an event log's activity names):
        # ask the lemmatiser's dictionaries which language knows more of the words
        known_sv, known_en = _by_dictionary(words)
        return _confirmed("en" if known_en > known_sv else "sv", words)
    return _confirmed("en" if en > sv else "sv", words)


#: the share of a model's words a language's dictionary must know for the model to be read in it unasked
_KNOWN_ENOUGH = 0.5


def _confirmed(guess: str, words: list[str]) -> str:
    """``guess`` (Swedish or English by letters and stop words) unless the dictionaries say otherwise: when
    the guessed language knows fewer than half of the distinct words, the better of Swedish and English, or
    ``"other"`` when one of :data:`OTHER_LANGUAGES` knows at least half of them and more than twice as many.

    A guessed Swedish with an å and an ä or ö is kept unasked: only Swedish writes both (German writes no å,
    Danish and Norwegian no ä or ö), and the Swedish dictionary is spared for most Swedish models; so is it
    for one whose words are half among :func:`_swedish_words`, words it knows. A model with an ä or ö is not
    Danish or Norwegian; one with an æ or ø is not Swedish: there the guessed Swedish is not kept for its
    dictionary's half alone, and Danish or Norwegian wins with at least half of the words and more than
    Swedish and English know; so does one without ä or ö that writes what only they write
    (:func:`_neighbourly`, :func:`_unswedish`: "Behandle soknad", "Send til uttalelse"). Without simplemma
    the guess stands."""
    distinct = sorted({w for w in words if len(w) > 1})
    letters = frozenset("".join(distinct))
    if not distinct or (guess == "sv" and "å" in letters and letters & _NOT_NEIGHBOURS):
        return guess
    known = _dictionaries()
    if known is None:
        return guess

    def share(lang: str) -> float:
        return sum(known(w, lang) for w in distinct) / len(distinct)

    umlauts = bool(letters & _NOT_NEIGHBOURS)
    # an æ or ø doubts a guessed Swedish; a small word or a spelling only Danish and Norwegian write doubts
    # Swedish and English alike (an ASCII field's "Send til uttalelse" has the English "send")
    doubted = (guess == "sv" and bool(letters & _NOT_SWEDISH)) or (not umlauts and _neighbourly(distinct))
    # Danish and Norwegian written without æ, ø and å ("ansogning", "soknad") are asked as they would be with
    # them, in a model of two words or more: one word alone could be either ("omprov" is a Swedish re-test and
    # the Danish "omprøv"); a model with ä or ö asks neither language
    restore = len(distinct) > 1
    # words the Swedish dictionary knows, and maybe more: when they make half, it need not be loaded, unless a
    # word of the rest is Danish or Norwegian ("Motta soknad": "motta" is listed)
    listed = _swedish_words().intersection(distinct) if guess == "sv" and not doubted else set()
    if len(listed) >= _KNOWN_ENOUGH * len(distinct):
        if len(listed) == len(distinct) or umlauts or not restore \
                or not _unswedish([w for w in distinct if w not in listed], known):
            return guess
        doubted = True
    guessed = share(guess)
    if guessed >= _KNOWN_ENOUGH and not doubted:
        if guess == "en" or umlauts or not restore or not _unswedish(distinct, known):
            return guess
        doubted = True

    def share_as_written(lang: str) -> float:
        if lang not in NEIGHBOURS or not restore:
            return share(lang)
        return sum(_known_restored(known, w, lang) for w in distinct) / len(distinct)
    rival = "en" if guess == "sv" else "sv"
    known_rival = share(rival)
    own, best = (guess, guessed) if guessed >= known_rival else (rival, known_rival)
    # how many times what Swedish or English knows a rival must know: twice, or once where the letters say
    # Danish or Norwegian; a rival that cannot reach it (it knows at most every word) is not loaded
    rivals = [(lang, 1 if doubted and lang in NEIGHBOURS else 2)
              for lang in _likely_first(letters | set(distinct))
              if not (lang in NEIGHBOURS and umlauts)]
    rivals = [(lang, times) for lang, times in rivals if times * best < 1]
    # one dictionary at a time, the first that knows enough ends it: each costs 2-20 MB and up to two thirds
    # of a second to load (German the most), so a German model loads German alone
    return OTHER if any((k := share_as_written(lang)) >= _KNOWN_ENOUGH and k > times * best
                        for lang, times in rivals) else own


def _neighbourly(distinct: list[str]) -> bool:
    """Whether a model's words have a small word only Danish and Norwegian write, or their spellings of
    "-tion" ("dokumentasjon") and "ck" ("sjekk", "ikke"), which Swedish never writes."""
    return any(w in _NEIGHBOUR_WORDS or "sjon" in w or "kk" in w for w in distinct)


def _unswedish(distinct: list[str], known: Callable[[str, str], bool]) -> bool:
    """Whether a word the Swedish dictionary does not know is Danish or Norwegian (as written, or with the æ,
    ø or å an ASCII field left out: "soknad" is "søknad") and not English: "Behandle soknad", "Giv afslag"."""
    return any(not known(w, "sv") and not known(w, "en") and not _swedish_compound(known, w)
               and any(_known_restored(known, w, lang) for lang in NEIGHBOURS) for w in distinct)


def _swedish_compound(known: Callable[[str, str], bool], word: str) -> bool:
    """Whether ``word`` is two words the Swedish dictionary knows, the last of three letters or more: it knows
    few compounds ("omprov" is "om" and "prov", not the Danish "omprøv")."""
    return any(known(word[:i], "sv") and known(word[i:], "sv") for i in range(2, len(word) - 2))


def _known_restored(known: Callable[[str, str], bool], word: str, lang: str) -> bool:
    """Whether ``lang``'s dictionary knows ``word`` as written or with one æ, ø or å put back (written "ae",
    "oe", "aa", or as the plain "a" or "o")."""
    return known(word, lang) or any(known(w, lang) for w in _restored(word))


@lru_cache(maxsize=4096)
def _restored(word: str) -> tuple[str, ...]:
    """``word`` with one of its letters or pairs written back as æ, ø or å: "ansogning" -> "ansøgning"."""
    found = [word[:i] + letter + word[i + len(plain):]
             for plain, letters in (("ae", "æ"), ("oe", "ø"), ("aa", "å"), ("o", "ø"), ("a", "æå"))
             for i in range(len(word)) if word.startswith(plain, i) for letter in letters]
    return tuple(dict.fromkeys(found))


def _likely_first(seen: frozenset[str]) -> list[str]:
    """:data:`OTHER_LANGUAGES`, first those that ``seen`` (a model's letters and words) has a hint of
    (:data:`_HINTS`): the order saves loading dictionaries, the answer does not depend on it (it says only
    whether any of them knows enough)."""
    return sorted(OTHER_LANGUAGES, key=lambda lang: not seen & _HINTS.get(lang, frozenset()))


def shows_swedish(labels: Iterable[str]) -> bool:
    """Whether the labels show themselves Swedish, ties not counted: what a diff's words follow (a German
    model's "Rechnung prüfen" is read with Swedish rules by the matcher, whose ties are Swedish, but its diff
    is said in English, not Swedish).

    >>> shows_swedish(["Diarieför ansökan"]), shows_swedish(["Rechnung prüfen", "Zahlen buchen"])
    (True, False)
    >>> shows_swedish(["Bewerbung prüfen", "Rückmeldung versenden", "Bewerber informiert"])
    False
    """
    sv, en, words = _scores(labels)
    if sv == en == 0 and words:
        known_sv, known_en = _by_dictionary(words, tie_swedish=False)
        return known_sv > known_en and _confirmed("sv", words) == "sv"
    # Signavio's German HR model has ä and ö enough to outweigh its English stop words: the dictionaries say
    return sv > en and _confirmed("sv", words) == "sv"


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
    known = _dictionaries()
    if known is None:
        endings_en = sum(w.endswith(("tion", "ment", "ing", "ed", "ness", "ity", "ance")) for w in words)
        endings_sv = sum(w.endswith(("ning", "ering", "era", "ande", "else", "het", "skap")) for w in words)
        return endings_sv, endings_en
    # English first (its dictionary loads in a fifth of the time of the Swedish one): when
    # no word is English, Swedish wins the tie, and the Swedish dictionary is not loaded
    known_en = sum(known(w, "en") for w in words)
    if known_en == 0 and tie_swedish:
        return 1, 0
    return sum(known(w, "sv") for w in words), known_en


@lru_cache(maxsize=1)
def _swedish_words() -> frozenset[str]:
    """Words simplemma's Swedish dictionary knows, packaged (processes/swedishwords.yaml: the library's and
    the synonym groups' words, bench/make_swedish_words.py): as many of a model's words as are among them the
    dictionary knows at least, so a model they make half of is Swedish without loading it (0.4 s CPU and 12
    MB, bench/RESULTS-language.md)."""
    import yaml

    text = (Path(__file__).with_name("swedishwords.yaml")).read_text(encoding="utf-8")
    return frozenset(yaml.safe_load(text)["words"])


#: the first simplemma with the memory-frugal dictionaries (``StreamDictionaryFactory``, its HISTORY.rst at
#: 2.0.0), and the one whose Swedish dictionary processes/swedishwords.yaml was read from: setup.cfg's lower
#: bound
SIMPLEMMA_AT_LEAST = "2.0"


@lru_cache(maxsize=1)
def stream_dictionaries() -> Any | None:
    """simplemma's memory-frugal dictionaries (simplemma 2: each language's file read into one block of
    bytes and searched there, the same words known): a few MB a language where its default builds a dict of
    13-107 MB (the eight a model of code names asked for: 560 MB, bench/RESULTS-language.md). One for the
    process, shared by the detector and the lemmas (:func:`processes.diff.language.lemma`); its cache holds every language the
    detector asks, so none is read twice in a long-running server. None without simplemma; an older simplemma
    is refused in one line."""
    try:
        import simplemma
    except ImportError:
        return None
    try:
        from simplemma.strategies.dictionaries import StreamDictionaryFactory
    except ImportError:
        from processes.extras import install_hint

        found = getattr(simplemma, "__version__", "before 2.0")
        raise PermitflowError(f"simplemma {found} is installed; permitflow needs simplemma "
                              f"{SIMPLEMMA_AT_LEAST} or later for its dictionaries ({install_hint('lemmas')})") \
            from None
    return StreamDictionaryFactory(cache_max_size=len(LANGUAGES) + len(OTHER_LANGUAGES))


def _dictionaries() -> Callable[[str, str], bool] | None:
    """Whether simplemma's dictionary of a language knows a word (as ``simplemma.is_known``, over
    :func:`stream_dictionaries`), None without simplemma."""
    try:
        import simplemma  # noqa: F401 - asked each time: the tests take it away
    except ImportError:
        return None
    factory = stream_dictionaries()
    if factory is None:
        return None
    from simplemma.strategies import DictionaryLookupStrategy

    lookup = DictionaryLookupStrategy(factory)
    # NFC as simplemma.is_known normalises (the dictionaries' keys are NFC)
    return lambda word, lang: lookup.get_lemma(unicodedata.normalize("NFC", word), lang) is not None
