"""Lexical resources from the system, read when present: MyThes thesauri (Debian packages).

``mythes-sv`` and ``mythes-en-us`` install ``/usr/share/mythes/th_sv_SE_v2.{dat,idx}`` and
``th_en_US_v2.{dat,idx}``; ``system_thesaurus`` reads the entries of the words a diff
needs (processes.diff.thesaurus parses them). Nothing is downloaded; a missing package
means no thesaurus for that language, and matching works on spelling, roots and the
synonym list alone. ``PERMITFLOW_MYTHES`` names another folder (or ``none``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from processes.diff.thesaurus import NO_THESAURUS, Thesaurus, head_words, parse_mythes

__all__ = ["MYTHES_DIR", "THESAURUS_FILES", "system_thesaurus", "available_thesauri"]

MYTHES_DIR = Path("/usr/share/mythes")
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
