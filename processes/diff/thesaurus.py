"""Word meaning beyond spelling: a thesaurus of synonyms, read from MyThes data.

MyThes is the thesaurus format of LibreOffice; Debian packages it per language
(``mythes-sv``: the Swedish synonym lists of Synonymer.se / Folkets synonymlexikon;
``mythes-en-us``: built from Princeton WordNet), installed as
``/usr/share/mythes/th_<lang>_v2.dat`` with an index ``.idx``. Reading the files is
I/O and lives in ``bpmn_io.lexical``; this module parses bytes already read.

Format of the ``.dat`` file: the first line names the encoding; then for every head word
``word|n`` followed by ``n`` meaning lines ``(pos)|synonym|synonym...``; a synonym
followed by "(generic term)" or "(similar term)" is a broader or only related word and
is left out, as are antonyms and phrases of several words. The ``.idx`` file has
``word|byte offset`` per head word after two header lines.

Only the head words asked for are parsed (a diff needs the few hundred words of its
labels, not the 150,000 of the English file).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from processes.diff.language import word_root

__all__ = ["Thesaurus", "parse_mythes", "NO_THESAURUS", "head_words"]

_LEFT_OUT = ("(generic term)", "(similar term)", "(antonym)", "(related term)")


@dataclass(frozen=True, slots=True)
class Thesaurus:
    """Synonyms by root: ``roots[lang][root of a head word]`` = roots of its synonyms."""

    roots: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def related(self, a: str, b: str, lang: str) -> bool:
        """Whether two roots of ``lang`` are synonyms (either way round)."""
        table = self.roots.get(lang)
        if not table:
            return False
        return b in table.get(a, ()) or a in table.get(b, ())

    def merged(self, other: Thesaurus) -> Thesaurus:
        roots = {lang: dict(t) for lang, t in self.roots.items()}
        for lang, table in other.roots.items():
            mine = roots.setdefault(lang, {})
            for k, v in table.items():
                mine[k] = mine.get(k, frozenset()) | v
        return Thesaurus(roots, self.sources + other.sources)


NO_THESAURUS = Thesaurus()


def parse_mythes(
    dat: bytes, idx: bytes, words: Iterable[str], *, lang: str, lemmatise: bool = False, source: str = ""
) -> Thesaurus:
    """A thesaurus of ``lang`` holding the synonyms of ``words`` (case-folded head words,
    e.g. the lemmas of the labels compared), from the bytes of a MyThes pair."""
    encoding = dat.split(b"\n", 1)[0].strip().decode("ascii", "replace") or "utf-8"
    wanted = {w.casefold() for w in words}
    offsets: dict[str, int] = {}
    for line in idx.decode(encoding, "replace").splitlines()[2:]:
        head, _, offset = line.rpartition("|")
        if head in wanted and offset.isdigit():
            offsets[head] = int(offset)
    table: dict[str, set[str]] = {}
    for head, start in sorted(offsets.items()):
        end = dat.find(b"\n", start)
        first = dat[start:end].decode(encoding, "replace")
        _, _, count = first.rpartition("|")
        pos = end + 1
        synonyms: set[str] = set()
        for _ in range(int(count) if count.isdigit() else 0):
            end = dat.find(b"\n", pos)
            end = len(dat) if end < 0 else end
            meaning = dat[pos:end].decode(encoding, "replace").split("|")[1:]
            pos = end + 1
            for entry in meaning:
                entry = entry.strip().casefold()
                if not entry or " " in entry or any(entry.endswith(tag) for tag in _LEFT_OUT):
                    continue
                synonyms.add(entry)
        root = word_root(head, lang, lemmatise)
        found = {word_root(s, lang, lemmatise) for s in synonyms} - {root}
        if found:
            table.setdefault(root, set()).update(found)
    return Thesaurus({lang: {k: frozenset(v) for k, v in table.items()}}, (source,) if source else ())


def head_words(labels: Iterable[str], lang: str, lemmatise: bool = False) -> frozenset[str]:
    """The words of ``labels`` to look up in a thesaurus: each word and its lemma."""
    import re

    from processes.diff.language import lemma

    out: set[str] = set()
    for label in labels:
        for word in re.findall(r"[^\W\d_]+", label.casefold()):
            out.add(word)
            if lemmatise:
                out.add(lemma(word, lang))
    return frozenset(out)
