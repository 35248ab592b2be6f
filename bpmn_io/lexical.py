"""Lexical resources from the system, read when present: MyThes thesauri (Debian packages).

``mythes-sv`` and ``mythes-en-us`` install ``/usr/share/mythes/th_sv_SE_v2.{dat,idx}`` and
``th_en_US_v2.{dat,idx}``; ``system_thesaurus`` reads the entries of the words a diff
needs (processes.diff.thesaurus parses them). Nothing is downloaded; a missing package
means no thesaurus for that language, and matching works on spelling, roots and the
synonym list alone. ``PERMITFLOW_MYTHES`` names another folder (or ``none``).

English words are related through Princeton WordNet instead when Debian's ``wordnet-base``
is installed (``/usr/share/wordnet``; ``PERMITFLOW_WORDNET`` names another folder or
``none``): its senses, derivations and hypernyms (processes.diff.wordnet) relate fewer
unrelated words than the MyThes lists built from it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from processes.diff.thesaurus import NO_THESAURUS, Thesaurus, head_words, parse_mythes
from processes.diff.wordnet import POS_FILES, IndexFile, WordNet, parse_exceptions, wordnet_thesaurus

__all__ = ["MYTHES_DIR", "WORDNET_DIR", "THESAURUS_FILES", "system_thesaurus", "available_thesauri", "system_wordnet"]

MYTHES_DIR = Path("/usr/share/mythes")
WORDNET_DIR = Path("/usr/share/wordnet")
THESAURUS_FILES = {"sv": "th_sv_SE_v2", "en": "th_en_US_v2"}


def _folder() -> Path | None:
    chosen = os.environ.get("PERMITFLOW_MYTHES", "")
    if chosen.casefold() == "none":
        return None
    return Path(chosen) if chosen else MYTHES_DIR


def available_thesauri() -> dict[str, Path]:
    """Language -> the ``.dat`` file of each thesaurus installed."""
    folder = _folder()
    if folder is None:
        return {}
    out = {}
    for lang, stem in THESAURUS_FILES.items():
        dat, idx = folder / f"{stem}.dat", folder / f"{stem}.idx"
        if dat.is_file() and idx.is_file():
            out[lang] = dat
    return out


def system_thesaurus(labels: Mapping[str, Iterable[str]], *, lemmatise: bool = False) -> Thesaurus:
    """The synonyms of the words of ``labels`` (language -> labels) from the installed
    thesauri; an empty thesaurus when none is installed or a file cannot be read."""
    found = available_thesauri()
    result = NO_THESAURUS
    for lang, texts in labels.items():
        wn = system_wordnet() if lang == "en" else None
        if wn is not None:
            label_words = {w for t in texts for w in re.findall(r"[^\W\d_]+", t.casefold())}
            result = result.merged(wordnet_thesaurus(wn, label_words, lemmatise=lemmatise, source=str(_wordnet_folder())))
            continue
        dat = found.get(lang)
        if dat is None:
            continue
        try:
            data, index = dat.read_bytes(), dat.with_suffix(".idx").read_bytes()
        except OSError:
            continue
        words = head_words(texts, lang, lemmatise)
        result = result.merged(parse_mythes(data, index, words, lang=lang, lemmatise=lemmatise, source=str(dat)))
    return result


def _wordnet_folder() -> Path | None:
    chosen = os.environ.get("PERMITFLOW_WORDNET", "")
    if chosen.casefold() == "none":
        return None
    return Path(chosen) if chosen else WORDNET_DIR


def system_wordnet() -> WordNet | None:
    """The installed WordNet database (module doc), or None when absent or unreadable."""
    folder = _wordnet_folder()
    return None if folder is None else _read_wordnet(str(folder))


@lru_cache(maxsize=2)
def _read_wordnet(folder: str) -> WordNet | None:
    root = Path(folder)
    index, data, exceptions = {}, {}, {}
    try:
        for pos, name in POS_FILES.items():
            if not (root / f"index.{name}").is_file():
                continue
            index[pos] = IndexFile((root / f"index.{name}").read_bytes())
            data[pos] = (root / f"data.{name}").read_bytes()
            exc = root / f"{name}.exc"
            exceptions[pos] = parse_exceptions(exc.read_bytes()) if exc.is_file() else {}
    except OSError:
        return None
    return WordNet(index, data, exceptions) if index else None
