"""Which one-byte code page a CSV log's lines that are not UTF-8 were written in: Windows-1252 or DOS code page 850.

Excel's "CSV (semicolon)" on a Swedish Windows saves Windows-1252 (``ä`` is byte 0xE4); its "CSV (MS-DOS)", and
older case systems, save the DOS code page 850 (``ä`` is 0x84; code page 437 has the same Swedish letters). The
bytes decide. A run of bytes above 0x7F between two ASCII letters (``H\\x84ndelse``), or one such byte opening a
word before a lower-case ASCII letter (``\\x99berg``), is evidence for a code page when it reads there as letters
and in the other not: as code page 850 Swedish or Nordic letters (å ä ö é ü ø, lower-case inside a word unless
the letters around are capitals; Å Ä Ö É Ü Ø opening a word) where Windows-1252 reads punctuation (``„ ” † ™``) or
a byte it leaves undefined; as Windows-1252 letters where code page 850 reads signs (``÷`` for ö, ``─`` for Ä,
``┼`` for Å). Code page 850 is taken only when every such word points to it; when the words point both ways, or
none does, the lines are read as Windows-1252 as before, and the note says which was taken and why.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

__all__ = ["Evidence", "decode_windows"]

_WORD = re.compile(rb"[A-Za-z\x80-\xff]+")
_INSIDE = re.compile(rb"(?<=[A-Za-z])[\x80-\xff]+(?=[A-Za-z])")
_OPENING = re.compile(rb"^[\x80-\xff](?=[a-z])")
_NORDIC = frozenset("åäöéüø")  # not æ or Æ: Windows-1252's ‘ and ’ in a word ("don’t", "’nej’") read so
_NORDIC_CAPITALS = frozenset("ÅÄÖÉÜØ")
_MAX_WORD = 40  # bytes of a word quoted in the note


def _as_latin1(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error("permitflow-latin1", _as_latin1)


def decode_windows(data: bytes) -> str:
    """``data`` as Windows-1252; the five bytes it leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) each as Latin-1
    (control characters). Windows-1252 is Latin-1 (ISO-8859-1) with signs where Latin-1 has the control
    characters 0x80-0x9F, which no text holds: a Latin-1 export, every Swedish letter in it, reads the same.
    Byte by byte: a whole line as Latin-1 for one undefined byte turned its ’ (0x92) and – (0x96) into control
    characters too.

    >>> decode_windows(b"Beslut \\x96 \\x92ja\\x92 \\x81")
    'Beslut – ’ja’ \\x81'
    """
    return data.decode("cp1252", errors="permitflow-latin1")


def _bytes_where(test: Callable[[str, str], bool]) -> re.Pattern[bytes]:
    """A pattern matching one byte above 0x7F for which ``test(as code page 850, as Windows-1252)`` holds."""
    chosen = bytes(b for b in range(0x80, 0x100) if test(bytes([b]).decode("cp850"), decode_windows(bytes([b]))))
    return re.compile(b"[" + b"".join(b"\\x%02x" % b for b in chosen) + b"]")


#: the bytes a word pointing to each code page must hold (at least one): a line without any is not weighed
#: once the code page is chosen (a long Windows-1252 log is read at nearly the speed it was)
_MAY_POINT = {"cp850": _bytes_where(lambda dos, windows: dos.lower() in _NORDIC and not windows.isalpha()),
              "cp1252": _bytes_where(lambda dos, windows: windows.isalpha() and not dos.isalpha())}


class _Side:
    """The words that read as letters in one code page only: how many, and the first (line, as it, as the other)."""

    def __init__(self) -> None:
        self.words = 0
        self.first: tuple[int, str, str] | None = None

    def add(self, line: int, word: str, other: str) -> None:
        self.words += 1
        if self.first is None:
            self.first = (line, word, other)

    def example(self) -> str:
        assert self.first is not None
        line, word, other = self.first
        return f"{word!r} on line {line}"


class Evidence:
    """The words of the lines that are not UTF-8, weighed for code page 850 against Windows-1252.

    ``weigh`` the lines read before the choice (``late=False``), then ``choose``; lines weighed after it
    (``late=True``) only say, in the note, that they point the other way.
    """

    def __init__(self) -> None:
        self.dos, self.windows = _Side(), _Side()  # before the choice
        self.late_dos, self.late_windows = _Side(), _Side()  # after it
        self.chosen: str | None = None  # "cp850" or "cp1252"

    def weigh(self, data: bytes, line: int, late: bool = False) -> None:
        """Weigh one line's bytes (not UTF-8) for the two code pages."""
        if late and not _MAY_POINT["cp850" if self.chosen == "cp1252" else "cp1252"].search(data):
            return
        dos, windows = (self.late_dos, self.late_windows) if late else (self.dos, self.windows)
        for match in _WORD.finditer(data):
            word = match.group()
            if word.isascii():
                continue
            vote = _vote(word)
            if vote == "cp850":
                dos.add(line, _quoted(word, "cp850"), _quoted(word, "cp1252"))
            elif vote == "cp1252":
                windows.add(line, _quoted(word, "cp1252"), _quoted(word, "cp850"))

    def choose(self) -> str:
        """Code page 850 when every word weighed points to it, else Windows-1252 (as before, when the bytes
        point both ways or nowhere)."""
        self.chosen = "cp850" if self.dos.words and not self.windows.words else "cp1252"
        return self.chosen

    def note(self, lines: int, first: int) -> str:
        """The note on the ``lines`` lines not UTF-8 (the first: line ``first``): which code page, and why."""
        dos, windows = self.dos, self.windows
        if self.chosen == "cp850":
            assert dos.first is not None
            text = (f"{lines} line(s) not UTF-8, read as the DOS code page 850 (the first: line {first}), as Excel's "
                    f"\"CSV (MS-DOS)\" and older case systems save: {_words(dos.words, 'have')} Swedish letters "
                    f"so ({dos.example()}; as Windows-1252 {dos.first[2]!r}), none reads better as Windows-1252")
            later = self.late_windows
            other = "Windows-1252"
        else:
            head = f"{lines} line(s) not UTF-8, read as Windows-1252 (the first: line {first})"
            if windows.words and not dos.words:
                assert windows.first is not None
                text = (f"{head}: {_words(windows.words, 'have')} letters so ({windows.example()}; as the DOS code "
                        f"page 850 {windows.first[2]!r}), none reads better as code page 850")
            elif windows.words:
                text = (f"{head}, the default: the bytes point both ways ({_words(windows.words, 'read')} as "
                        f"letters only in Windows-1252, such as {windows.example()}; {dos.words} only in the DOS "
                        f"code page 850, such as {dos.example()})")
            else:
                text = (f"{head}, the default: no word's bytes tell it from the DOS code page 850 (Excel's "
                        "\"CSV (MS-DOS)\")")
            later = self.late_dos
            other = "code page 850"
        if later.first is not None:
            text += f"; further down, {_words(later.words, 'read')} better as {other} (the first: {later.example()})"
        return text + "; if names look wrong, save the log as UTF-8"


def _words(n: int, verb: str = "") -> str:
    """``1 word has`` / ``2 words have`` (``verb``: the plural's, ``have`` or ``read``)."""
    singular = {"have": " has", "read": " reads", "": ""}[verb]
    return f"1 word{singular}" if n == 1 else f"{n} words{' ' + verb if verb else ''}"


def _quoted(word: bytes, encoding: str) -> str:
    cut = word[:_MAX_WORD]
    text = cut.decode("cp850") if encoding == "cp850" else decode_windows(cut)
    return text + ("..." if len(word) > _MAX_WORD else "")


def _vote(word: bytes) -> str | None:
    """``"cp850"`` or ``"cp1252"`` when the word's bytes above 0x7F read as letters in that code page only (all
    its runs agreeing), else None."""
    votes = set()
    for match in _INSIDE.finditer(word):
        run = match.group()
        dos, windows = run.decode("cp850"), decode_windows(run)
        capitals = chr(word[match.start() - 1]).isupper() and chr(word[match.end()]).isupper()
        if (all(c in _NORDIC for c in dos.lower()) and (dos.isupper() if capitals else dos.islower())
                and not windows.isalpha()):
            votes.add("cp850")
        elif windows.isalpha() and not dos.isalpha():
            votes.add("cp1252")
    opening = _OPENING.match(word)
    if opening:
        dos, windows = opening.group().decode("cp850"), decode_windows(opening.group())
        if dos in _NORDIC_CAPITALS and not windows.isalpha():
            votes.add("cp850")
        elif windows.isupper() and not dos.isalpha():
            votes.add("cp1252")
    return votes.pop() if len(votes) == 1 else None
