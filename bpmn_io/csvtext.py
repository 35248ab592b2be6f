"""The bytes of a CSV case log as lines of text: UTF-8, UTF-16 with its BOM, Windows-1252 or DOS code
page 850.

A log exported from a Swedish case system mixes encodings line by line; :class:`DecodedLines` decodes each
line on its own and weighs the words of those that are not UTF-8 (:mod:`bpmn_io.csvcodepage`) to choose a
code page, and :func:`open_text` opens a plain or gzip file as such lines. Its own module because it is
about bytes and encodings only: :mod:`bpmn_io.csvrows` reads fields from its lines.
"""

from __future__ import annotations

import io
import zlib
from collections import deque
from pathlib import Path
from typing import TextIO

from bpmn_io.caselog import open_bytes
from bpmn_io.csvcodepage import Evidence, decode_windows
from processes.errors import InputError

__all__ = ["DecodedLines", "open_text", "damaged"]


class DecodedLines:
    """The lines of a CSV file as text: UTF-8 where a line is UTF-8, else Windows-1252 or DOS code page 850.

    The bytes are split into lines as latin-1 (one character a byte, so ``\\n`` and
    ``\\r`` split as in the file whatever its encoding) and each line is decoded on
    its own. At the first line that is not UTF-8 the lines after it are read ahead (up to
    ``_AHEAD`` characters) and their words weighed (:mod:`bpmn_io.csvcodepage`): code page 850
    (Excel's "CSV (MS-DOS)") when they all point to it, else Windows-1252 (Excel's "CSV
    (semicolon)"); ``fallback`` counts such lines for the note, which says which and why.
    """

    def __init__(self, raw: TextIO) -> None:
        self._raw = raw
        self.fallback = 0  # lines not UTF-8
        self.first_fallback = 0  # the first such line (1-based), 0: none
        self._line = 0
        self._ahead: deque[str] = deque()  # lines read ahead to choose the code page, not yet given
        self._error: BaseException | None = None  # met reading ahead: raised when the lines before it are given
        self._weighed = 0  # the lines up to this one were weighed before the choice
        self.evidence = Evidence()

    def _decode(self, text: str) -> str:
        self._line += 1
        if text.isascii():
            return text
        data = text.encode("latin-1")
        if self._line == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        self.fallback += 1
        self.first_fallback = self.first_fallback or self._line
        if self.evidence.chosen is None:
            self._choose(data)
        elif self._line > self._weighed:
            self.evidence.weigh(data, self._line, late=True)
        return data.decode("cp850") if self.evidence.chosen == "cp850" else decode_windows(data)

    def _choose(self, data: bytes) -> None:
        """Weigh this line and those read ahead of it, and choose the code page."""
        self.evidence.weigh(data, self._line)
        size, line = 0, self._line
        while size < _AHEAD:
            try:
                text = self._raw.readline()
            except (EOFError, OSError, zlib.error) as err:  # a damaged .gz: said after the lines before it
                self._error = err
                break
            if not text:
                break
            self._ahead.append(text)
            size += len(text)
            line += 1
            if text.isascii():
                continue
            ahead = text.encode("latin-1")
            try:
                ahead.decode("utf-8")
            except UnicodeDecodeError:
                self.evidence.weigh(ahead, line)
        self._weighed = line
        self.evidence.choose()

    def _next_line(self) -> str:
        if self._ahead:
            return self._ahead.popleft()
        if self._error is not None:
            err, self._error = self._error, None
            raise err
        return self._raw.readline()

    def readline(self) -> str:
        text = self._next_line()
        return self._decode(text) if text else text

    def __iter__(self) -> DecodedLines:
        return self

    def __next__(self) -> str:
        text = self._next_line()
        if not text:
            raise StopIteration
        return self._decode(text)

    def close(self) -> None:
        self._ahead.clear()
        self._raw.close()

    def note(self) -> str | None:
        """The note for the user when some lines were not UTF-8: the code page read, and why."""
        if not self.fallback:
            return None
        return self.evidence.note(self.fallback, self.first_fallback)


#: characters of the lines after the first that is not UTF-8 read ahead to choose its code page
_AHEAD = 1 << 18


def open_text(path: str | Path) -> TextIO | DecodedLines:
    raw = open_bytes(path)
    try:  # a .gz's first block is decompressed here already: damaged or cut short, it fails here
        head = raw.peek(2)[:2]  # type: ignore[attr-defined]
    except (EOFError, OSError, zlib.error) as err:
        raw.close()
        raise damaged(err, str(path)) from None
    if head in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its BOM
        return io.TextIOWrapper(raw, encoding="utf-16", newline="")  # type: ignore[arg-type]
    return DecodedLines(io.TextIOWrapper(raw, encoding="latin-1", newline=""))  # type: ignore[arg-type]


def damaged(err: Exception, source: str) -> InputError:
    return InputError(f"the compressed data is damaged or ends early (truncated .gz?): {err}", file=source)
