"""How and by which channel a step is done: words that say the manner, not the work.

Two municipalities do the same work their own way — one has an e-service, the other paper
forms — and their clerks name the step with it: "Sökanden gör kunskapsprovet digitalt" /
"Kunskapsprov på papper i kommunhuset", "Beslutet skickas digitalt till sökanden" / "Posta
beslut", "Kommunicering via Mina sidor" / "Skicka kommuniceringsbrev". The channel is an
attribute of the step, not the step: read as a term, each such word is one more term the
other label lacks, and a rare one, so it weighs as much as the work itself.

A label's channel and manner words and phrases are read as one *channel term* ``~name``
(``CHANNELS``: a fixed list per language, written from general knowledge of how offices
say channel and manner, before any run). In the label similarity (labelsim.py) a channel
term weighs ``CHANNEL_WEIGHT`` times what a word would — little, not nothing: "Ansökan kommer
med posten" and "Ansökan kommer med mejl" are still told apart only by their channels. Two
channel terms are equal when they name the same channel, else unrelated.

Forms are listed as written (after text.normalise: "e-post" is "e post"), not by root, so
that a channel word never takes a word of another meaning with the same root ("personligen"
is not "person"). Phrases are read before single words, and after the synonym list's own
phrases and before its words: a word the synonym list knows keeps its group ("posta",
"maila", "mejla" are the sending verbs; "papper" alone is the application's documents),
while "på papper" and "i pappersform" are the channel. Inside a solid compound a part that
is a listed single form is the channel too ("mejladress" is ~email + adress), as the free
word is; a hyphenated "e-" is a single letter that the label's terms already drop
("e-remisser" is "remisser", "e-arkivera" is "arkivera"), so no channel is read from it.

>>> read_channels("sökanden gör kunskapsprovet på papper", "sv")
'sökanden gör kunskapsprovet ~paper'
>>> channel_word("digitalt", "sv"), channel_word("digitalisera", "sv")
('~digital', None)
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["CHANNELS", "PREFIX", "channel_word", "read_channels", "is_channel_word", "channels_of"]

#: a channel term begins with this (a synonym group's term with "=")
PREFIX = "~"

#: channel name -> the forms (normalised words or phrases) that say it, per language
CHANNELS: dict[str, dict[str, tuple[str, ...]]] = {
    "sv": {
        "digital": (
            "digital", "digitalt", "digitala", "elektronisk", "elektroniskt", "elektroniska",
            "online", "via webben", "på webben", "på nätet", "via nätet", "via internet",
            "e tjänst", "e tjänsten", "e tjänstens", "etjänst", "etjänsten", "via e tjänst",
            "mina sidor", "via mina sidor", "på mina sidor", "i mina sidor",
            "i systemet", "via systemet", "i ärendesystemet", "i verksamhetssystemet",
        ),
        "paper": ("på papper", "i pappersform", "pappersform", "på pappersblankett", "pappersformat"),
        "post": ("per post", "med post", "med posten", "via post", "via posten", "i posten", "brevledes",
                 "med vanlig post"),
        "email": ("e post", "epost", "e posten", "mejl", "mejlet", "mejlen", "mail", "mailet", "mailen",
                  "email", "e mail", "via e post", "per e post", "med e post", "per mejl", "med mejl",
                  "via mejl", "per mail", "via mail"),
        "phone": ("telefon", "telefonen", "per telefon", "via telefon", "telefonledes", "telefonisk",
                  "telefoniskt"),
        "automatic": ("automatisk", "automatiskt", "automatiska", "automatiserat", "automatiserad"),
        "manual": ("manuell", "manuellt", "manuella", "för hand"),
        "in person": ("personligen", "fysiskt"),
        "in writing": ("skriftlig", "skriftligt", "skriftliga", "skriftligen"),
        "orally": ("muntlig", "muntligt", "muntliga", "muntligen"),
        "fax": ("fax", "faxet", "per fax", "via fax"),
        "sms": ("sms", "via sms", "per sms"),
        "remote": ("på distans", "via länk", "videolänk", "via videolänk", "videomöte", "via teams"),
    },
    "en": {
        "digital": (
            "digital", "digitally", "electronic", "electronically", "online", "on line",
            "via the portal", "through the portal", "on the portal", "online portal", "portal",
            "via the website", "on the website", "through the website", "website",
            "e service", "eservice", "in the system", "through the system", "via the system",
        ),
        "paper": ("on paper", "paper form", "paper based", "in paper", "hard copy", "hardcopy",
                  "in hard copy", "paper copy"),
        "post": ("by post", "via post", "in the post", "through the post", "by mail", "via mail",
                 "mail", "mails", "mailed", "mailing", "by letter"),
        "email": ("email", "emails", "emailed", "emailing", "e mail", "e mailed", "by email", "via email",
                  "by e mail"),
        "phone": ("phone", "phoned", "phoning", "telephone", "telephoned", "by phone", "by telephone",
                  "over the phone", "via phone"),
        "automatic": ("automatic", "automatically", "automated", "auto"),
        "manual": ("manual", "manually", "by hand"),
        "in person": ("in person", "physically", "face to face"),
        "in writing": ("in writing",),
        "orally": ("orally", "verbally", "oral", "verbal"),
        "fax": ("fax", "faxed", "by fax"),
        "sms": ("sms", "text message", "by text"),
        "remote": ("remotely", "remote", "virtual", "virtually", "by video", "video", "video link",
                   "videoconference", "teleconference"),
    },
}


@lru_cache(maxsize=4)
def _index(lang: str) -> tuple[dict[str, str], dict[str, tuple[tuple[tuple[str, ...], str], ...]]]:
    """Single forms -> term; first word -> (phrase words, term), longest phrase first."""
    words: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, forms in CHANNELS.get(lang, {}).items():
        term = PREFIX + name.replace(" ", "_")
        for form in forms:
            parts = tuple(form.split())
            if len(parts) == 1:
                words[form] = term
            else:
                phrases.setdefault(parts[0], []).append((parts, term))
    ordered = {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p[0]))) for k, v in phrases.items()}
    return words, ordered


def channel_word(word: str, lang: str) -> str | None:
    """The channel term of one normalised word, or None."""
    return _index(lang)[0].get(word)


def read_channels(text: str, lang: str) -> str:
    """``text`` (normalised) with every channel phrase replaced by its channel term
    (longest phrase first); single words are left to :func:`channel_word`."""
    phrases = _index(lang)[1]
    if not phrases:
        return text
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for parts, term in phrases.get(words[i], ()):
            if tuple(words[i : i + len(parts)]) == parts:
                out.append(term)
                i += len(parts)
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


@lru_cache(maxsize=8)
def _all_words(lang: str) -> frozenset[str]:
    return frozenset(w for forms in CHANNELS.get(lang, {}).values() for form in forms for w in form.split())


def is_channel_word(word: str, lang: str) -> bool:
    """Whether the case-folded ``word`` is a channel form or a word of one ("mina" of "Mina sidor")."""
    return word in _all_words(lang)


def channels_of(terms: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The channel names among a label's terms, sorted.

    >>> channels_of(("=kunskapsprov", "~paper"))
    ('paper',)
    """
    return tuple(sorted({t[len(PREFIX):].replace("_", " ") for t in terms if t.startswith(PREFIX)}))
