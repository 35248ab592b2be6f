"""The user's cache folder: plain data kept between runs to save start-up time, never trusted blindly.

Everything kept here is data a reader parses and checks (JSON), never code; an entry
that is missing, unreadable or fails its checks is computed again and rewritten, and a
folder that cannot be written is simply not used (it costs speed, never a result).

The folder: ``$PERMITFLOW_CACHE/<kind>`` if that variable is set (``none`` turns every
store off), else ``$XDG_CACHE_HOME/permitflow/<kind>`` (default ``~/.cache``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_folder", "code_digest", "prune_oldest", "write_quietly", "read_checked", "write_checked",
           "recall_entry", "keep_entry", "UNREADABLE", "source_files"]

_T = TypeVar("_T")
#: what reading a damaged or foreign entry may raise: a miss, never an error
UNREADABLE: tuple[type[BaseException], ...] = (OSError, ValueError, TypeError, UnicodeError, RecursionError)


def cache_folder(kind: str) -> Path | None:
    """Where entries of ``kind`` (``holidays``, ``yaml``, ``model``, ``check``, ``checked``) are kept, or
    ``None`` when the stores are off."""
    chosen = os.environ.get("PERMITFLOW_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "none") else Path(chosen) / kind
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "permitflow" / kind


_CODE_DIGEST: list[str] = []


def code_digest() -> str:
    """A hash of the Python source of ``processes``, ``simulator``, ``bpmn_io`` and ``scenarios`` (each
    file's path relative to the checkout and its bytes, in path order; read once per process): an entry
    kept under it misses after any change to that code (:func:`scenarios.execute.code_version`)."""
    if not _CODE_DIGEST:
        root = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
        digest = hashlib.sha256()
        for package in ("processes", "simulator", "bpmn_io", "scenarios"):
            for parts in source_files(root, package):
                digest.update("/".join(parts).encode())
                with open(os.path.join(root, *parts), "rb") as fh:
                    digest.update(fh.read())
        _CODE_DIGEST.append(digest.hexdigest()[:16])
    return _CODE_DIGEST[0]


def source_files(root: str, package: str) -> list[tuple[str, ...]]:
    """The ``.py`` files under ``root/package`` as path parts relative to ``root``, outside
    ``__pycache__``, in the order of ``sorted(Path(root, package).rglob("*.py"))`` (pathlib
    sorts by parts), found with ``os.scandir`` (pathlib's rglob cost ~2/3 of the 13 ms CPU the
    hash took per process)."""
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, ...]] = [(package,)]
    while pending:
        folder = pending.pop()
        with os.scandir(os.path.join(root, *folder)) as entries:
            for entry in entries:
                if entry.is_dir():  # rglob descends into linked folders too (Python 3.11)
                    pending.append((*folder, entry.name))
                elif entry.name.endswith(".py") and "__pycache__" not in folder:
                    found.append((*folder, entry.name))
    return sorted(found)


def prune_oldest(folder: Path, most: int) -> None:
    """Keep at most ``most`` entries (``*.json``) in ``folder``: when it is full, the oldest quarter goes."""
    try:
        entries = [(e.stat().st_mtime, e) for e in folder.glob("*.json")]
        if len(entries) < most:
            return
        for _mtime, entry in sorted(entries)[: len(entries) - most * 3 // 4]:
            entry.unlink(missing_ok=True)
    except OSError:
        pass  # another run pruning at the same time, or a folder that cannot be changed


def write_quietly(path: Path, text: str) -> None:
    """Put ``text`` at ``path`` whole (a temporary file renamed into place), or not at all.

    Readers see the old entry or the whole new one; a read-only or full folder is ignored.
    """
    import tempfile  # only when an entry is written: not on the way of a run that finds its entries

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def read_checked(path: Path, fmt: str, key: str) -> str | None:
    """The body of the entry at ``path`` when its header names ``fmt`` and ``key`` and the body's
    sha256; ``None`` for a missing, damaged or hand-edited entry."""
    try:
        header, _, body = path.read_text(encoding="utf-8").partition("\n")
        if json.loads(header) != {"format": fmt, "key": key, "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest()}:
            return None
    except UNREADABLE:
        return None
    return body


def write_checked(path: Path, fmt: str, key: str, body: str, most: int) -> None:
    """Write ``body`` under a header that :func:`read_checked` checks, after pruning the folder
    to at most ``most`` entries (quietly not, when it cannot be written)."""
    header = json.dumps({"format": fmt, "key": key, "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest()})
    prune_oldest(path.parent, most)
    write_quietly(path, f"{header}\n{body}")


def recall_entry(place: tuple[Path, str] | None, fmt: str, decode: Callable[[str], _T],
                 unreadable: tuple[type[BaseException], ...] = UNREADABLE) -> _T | None:
    """What ``decode`` makes of the body of the entry at ``place`` (its file and key; ``None``: the
    store is off), or ``None`` for a missing or damaged entry or a body ``decode`` refuses with one of
    ``unreadable``."""
    if place is None:
        return None
    body = read_checked(place[0], fmt, place[1])
    if body is None:
        return None
    try:
        return decode(body)
    except unreadable:
        return None


def keep_entry(place: tuple[Path, str] | None, fmt: str, body: Callable[[], str | None], most: int) -> None:
    """Write what ``body()`` gives at ``place`` (:func:`write_checked`); nothing when the store is off
    (``place`` is ``None``, and ``body`` is not called) or ``body()`` gives ``None`` (not kept)."""
    if place is None:
        return
    text = body()
    if text is not None:
        write_checked(place[0], fmt, place[1], text, most)
