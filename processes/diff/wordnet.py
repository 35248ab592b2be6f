"""Word meaning beyond spelling for English: Princeton WordNet 3.0, read as packaged data.

Debian's ``wordnet-base`` installs the WordNet database files (``index.{noun,verb,adj,adv}``,
``data.*``, ``*.exc``) under ``/usr/share/wordnet``; ``bpmn_io.lexical`` reads them (I/O),
this module parses the bytes. Nothing is downloaded.

Two words are **related** when one of their frequent senses (the first ``SENSES`` of each
word form, in WordNet's frequency order, for every part of speech) is

* the same synset (synonyms: "assess" / "evaluate", "enroll" / "enrol"),
* reached by a derivational link from the other's sense ("enrollment" -> "enroll",
  "assessment" -> "assess"), or
* the other's direct hypernym ("matriculate" is a way to "enroll").

Senses past the first few are left out: WordNet lists rare meanings of common words
("check" has 26), and every rare meaning would join unrelated steps. Word forms are
reduced to WordNet's base forms first (its exception lists and detachment rules, the
``morphy`` of the WordNet library).

The result is a :class:`processes.diff.thesaurus.Thesaurus` by root, like the MyThes
thesauri, so the label similarity treats both alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations

from processes.diff.language import is_stopword, word_root
from processes.diff.thesaurus import Thesaurus

__all__ = ["WordNet", "IndexFile", "parse_index", "parse_exceptions", "wordnet_thesaurus", "SENSES", "POS_FILES"]

#: how many senses of a word form count (WordNet orders them by frequency)
SENSES = 1
#: whether a sense's direct hypernym counts as related
HYPERNYMS = True
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
_RULES = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}


def parse_index(data: bytes) -> dict[str, tuple[int, ...]]:
    """``index.<pos>`` as lemma -> synset offsets in sense order (license lines skipped)."""
    out: dict[str, tuple[int, ...]] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        if not line or line.startswith(" "):
            continue
        parts = line.split()
        try:
            n_synsets, n_pointers = int(parts[2]), int(parts[3])
        except (IndexError, ValueError):
            continue
        offsets = parts[4 + n_pointers + 2 :]
        if len(offsets) == n_synsets and all(o.isdigit() for o in offsets):
            out[parts[0]] = tuple(int(o) for o in offsets)
    return out


class IndexFile(Mapping[str, tuple[int, ...]]):
    """``index.<pos>`` looked up in place: its lines are sorted by lemma, so a lemma is
    found by binary search over the bytes (no parse of the whole file, which costs most
    of a second for the four files)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._start = 0
        while self._data.startswith(b"  ", self._start):  # the license lines
            self._start = self._data.index(b"\n", self._start) + 1
        self._memo: dict[str, tuple[int, ...] | None] = {}

    def _line_at(self, pos: int) -> tuple[int, bytes]:
        """(start of the first line starting at or after ``pos``, that line)."""
        if pos > self._start:
            nl = self._data.find(b"\n", pos - 1)
            pos = len(self._data) if nl < 0 else nl + 1
        end = self._data.find(b"\n", pos)
        return pos, self._data[pos : end if end >= 0 else len(self._data)]

    def _find(self, word: str) -> tuple[int, ...] | None:
        key = word.encode("utf-8")
        lo, hi = self._start, len(self._data)
        while lo < hi:
            mid = (lo + hi) // 2
            start, line = self._line_at(mid)
            if start >= hi or not line:
                hi = mid
                continue
            lemma = line.split(b" ", 1)[0]
            if lemma == key:
                return next(iter(parse_index(line).values()), None)
            if lemma < key:
                lo = start + len(line) + 1
            else:
                hi = mid
        start, line = self._line_at(lo)
        if line.split(b" ", 1)[0] == key:
            return next(iter(parse_index(line).values()), None)
        return None

    def __getitem__(self, word: str) -> tuple[int, ...]:
        if word not in self._memo:
            self._memo[word] = self._find(word)
        found = self._memo[word]
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (self._memo[word] if word in self._memo else self.get(word)) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(parse_index(self._data))

    def __len__(self) -> int:
        return len(parse_index(self._data))


def parse_exceptions(data: bytes) -> dict[str, tuple[str, ...]]:
    """``<pos>.exc`` as inflected form -> base forms ("went" -> "go")."""
    out: dict[str, tuple[str, ...]] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0]] = tuple(parts[1:])
    return out


@dataclass(frozen=True)
class WordNet:
    """The parsed indexes and exception lists and the raw data files, per part of speech."""

    index: Mapping[str, Mapping[str, tuple[int, ...]]]
    data: Mapping[str, bytes]
    exceptions: Mapping[str, Mapping[str, tuple[str, ...]]]

    def base_forms(self, word: str, pos: str) -> tuple[str, ...]:
        """The forms of ``word`` that ``pos``'s index lists (morphy)."""
        table = self.index.get(pos, {})
        found = [word] if word in table else []
        found += [b for b in self.exceptions.get(pos, {}).get(word, ()) if b in table]
        for suffix, ending in _RULES[pos]:
            if word.endswith(suffix) and len(word) > len(suffix):
                base = word[: -len(suffix)] + ending
                if base in table:
                    found.append(base)
        return tuple(dict.fromkeys(found))

    def _synset(self, pos: str, offset: int) -> tuple[str, list[tuple[str, str, int, int]]]:
        """(``pos``, pointers (symbol, target pos, target offset, source word number))."""
        data = self.data[pos]
        end = data.find(b"\n", offset)
        fields = data[offset : end if end >= 0 else len(data)].decode("utf-8", "replace").split(" | ")[0].split()
        n_words = int(fields[3], 16)
        at = 4 + 2 * n_words
        n_ptr = int(fields[at])
        pointers = []
        for k in range(n_ptr):
            symbol, target, tpos, src_tgt = fields[at + 1 + 4 * k : at + 5 + 4 * k]
            pointers.append((symbol, "a" if tpos == "s" else tpos, int(target), int(src_tgt[:2], 16)))
        words = [fields[4 + 2 * i].casefold() for i in range(n_words)]
        return " ".join(words), pointers

    def senses(self, word: str) -> tuple[frozenset[tuple[str, int]], frozenset[tuple[str, int]]]:
        """(the word's own concepts: its first senses and their derivational targets,
        their direct hypernyms)."""
        own: set[tuple[str, int]] = set()
        broader: set[tuple[str, int]] = set()
        for pos in POS_FILES:
            if pos not in self.data:
                continue
            for base in self.base_forms(word, pos):
                for offset in self.index[pos][base][:SENSES]:
                    own.add((pos, offset))
                    words, pointers = self._synset(pos, offset)
                    number = words.split().index(base) + 1 if base in words.split() else 0
                    for symbol, tpos, target, source in pointers:
                        if symbol == "+" and source in (0, number):
                            own.add((tpos, target))
                        elif symbol in ("@", "@i"):
                            broader.add((tpos, target))
        return frozenset(own), frozenset(broader)


def wordnet_thesaurus(wn: WordNet, words: Iterable[str], *, lemmatise: bool = False, source: str = "") -> Thesaurus:
    """An English thesaurus (by root) relating every two of ``words`` that WordNet
    relates (module doc)."""
    usable = sorted({w.casefold() for w in words if w.isalpha() and len(w) > 2 and not is_stopword(w.casefold(), "en")})
    concepts = {w: wn.senses(w) for w in usable}
    table: dict[str, set[str]] = {}
    for u, v in combinations(usable, 2):
        (own_u, up_u), (own_v, up_v) = concepts[u], concepts[v]
        if own_u & own_v or (HYPERNYMS and (own_u & up_v or up_u & own_v)):
            ru, rv = word_root(u, "en", lemmatise), word_root(v, "en", lemmatise)
            if ru != rv:
                table.setdefault(ru, set()).add(rv)
                table.setdefault(rv, set()).add(ru)
    return Thesaurus({"en": {k: frozenset(v) for k, v in table.items()}}, (source,) if source else ())
