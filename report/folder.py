"""A results folder is permitflow's alone: claimed, locked, and cleaned only of its own files.

``permitflow run -o DIR`` may be pointed at any folder, also by mistake at one
holding the user's own models (``-o .``). So:

- a folder is *ours* when it holds the marker file ``.permitflow-results``
  (:data:`MARKER`), written on first use; a folder that is not empty and has no
  marker is refused (:func:`claim`), unless it is a results folder of an earlier
  permitflow version (only results files, a ``summary.json`` with a ``code_version``),
  which is adopted;
- the marker is also the *manifest*: the files the last run wrote (JSON). A run
  removes only files its manifest lists and this run did not write again
  (:func:`replace_outputs`) — never anything else in the folder, and only names of
  the results layout (:func:`is_layout_name`), so a doctored manifest cannot reach
  a file outside it;
- ``.permitflow-lock`` (:data:`LOCK`) is locked (``flock``) for the whole run: a
  second run into the same folder is refused with one line, or waits (``wait=True``);
  the operating system releases the lock when a run dies, however it dies;
- a run that fails before its first result (:func:`claim`'s block raises having added nothing
  to the folder) removes what its claim made: the marker, the lock file (while holding it: a
  run waiting for it locks the new one) and the folder with the parents it made;
- the temporary files a killed run left (``.<name>.<8 characters>.tmp``,
  :data:`bpmn_io.atomic.TEMP_PATTERN`) are removed when the next run claims the folder;
- nothing is written through a symbolic link inside the folder (``processes/``,
  ``.cache/`` or a cache subfolder that links elsewhere is refused);
- the manifest is written last: once a run's files are all in place it lists them with the
  SHA-256 of each (``sha256``); from before the first of them is renamed until then it says
  ``"writing": true``. So a reader that reads the marker, then the files, then the marker again
  and finds the same bytes without ``writing`` has read one run's files (:func:`one_runs_files`),
  never the mix a run in the middle of its renames leaves for a few milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from bpmn_io.atomic import TEMP_PATTERN, write_all_atomic, write_atomic
from processes.errors import InputError, OutputError
from scenarios.names import name_problem

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: runs are not locked
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "MARKER", "LOCK", "RESULT_FILES", "is_layout_name", "read_manifest", "claim", "locked", "replace_outputs",
    "clean_temporary_files", "only_listed", "write_last", "one_runs_files", "not_as_written",
]

MARKER = ".permitflow-results"
LOCK = ".permitflow-lock"
#: the files of a results folder besides processes/<name>.bpmn, profiles/<name>.yaml and .cache/
RESULT_FILES = ("summary.json", "summary.csv", "cases.csv", "eventlog.csv", "eventlog.xes", "uncertainty.json",
                "report.html")
#: the subfolders a run writes, each with the one kind of file it holds
_SUBFOLDERS = {"processes": ".bpmn", "profiles": ".yaml"}
_FORMAT = "permitflow-results/1"
_TEMP = re.compile(TEMP_PATTERN)
_OURS = {*RESULT_FILES, *_SUBFOLDERS, ".cache", MARKER, LOCK}


def is_layout_name(name: str) -> bool:
    """Whether ``name`` (relative, ``/``-separated) is a file a run writes: one of
    :data:`RESULT_FILES`, ``processes/<a name>.bpmn`` or ``profiles/<a name>.yaml``.

    >>> [is_layout_name(n) for n in ("summary.json", "processes/lund.bpmn", "profiles/lund.yaml", "../x",
    ...                              "processes/../../x.bpmn", "profiles/lund.bpmn")]
    [True, True, True, False, False, False]
    """
    if name in RESULT_FILES:
        return True
    head, _, rest = name.partition("/")
    ext = _SUBFOLDERS.get(head)
    return ext is not None and rest.endswith(ext) and name_problem(rest[: -len(ext)]) is None


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((Path(folder) / MARKER).read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def read_manifest(folder: Path) -> list[str]:
    """The files the last run into ``folder`` wrote (none when the marker is missing or damaged)."""
    files = _manifest(folder).get("files")
    if not isinstance(files, list):
        return []
    return sorted({f for f in files if isinstance(f, str) and is_layout_name(f)})


def _hashes(doc: Mapping[str, Any], files: list[str]) -> dict[str, str]:
    """The SHA-256 the manifest ``doc`` gives for each of ``files`` (those it gives)."""
    given = doc.get("sha256")
    if not isinstance(given, dict):
        return {}
    return {name: given[name] for name in files if isinstance(given.get(name), str)}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_manifest(folder: Path, files: list[str], *, sha256: Mapping[str, str] | None = None,
                    writing: bool = False) -> None:
    """The manifest: ``files``; ``sha256``: of each file (all of them, or ``writing``: while they are replaced)."""
    doc: dict[str, Any] = {
        "permitflow": "results folder: permitflow removes only the files listed here, and only when a "
                      "later run does not write them again", "format": _FORMAT, "files": sorted(files)}
    if writing:
        doc["writing"] = True
    if sha256:
        doc["sha256"] = {name: sha256[name] for name in sorted(sha256)}
    write_atomic(folder / MARKER, (json.dumps(doc, indent=1) + "\n").encode("utf-8"))


def _earlier_results(folder: Path, entries: list[str]) -> list[str] | None:
    """The files of a results folder of an earlier permitflow version (no marker), or ``None``."""
    if not set(entries) <= _OURS or "summary.json" not in entries:
        return None
    try:
        summary = json.loads((folder / "summary.json").read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(summary, dict) or "code_version" not in summary:
        return None
    files = [name for name in RESULT_FILES if name in entries]
    for kind in _SUBFOLDERS:
        sub = folder / kind
        if sub.is_dir() and not sub.is_symlink():
            files += [f"{kind}/{p.name}" for p in sorted(sub.iterdir()) if is_layout_name(f"{kind}/{p.name}")]
    return files


def _entries(folder: Path) -> list[str]:
    return sorted(e.name for e in os.scandir(folder) if not _TEMP.fullmatch(e.name))


def _check_ours(folder: Path) -> list[str] | None:
    """Refuse a folder that is not ours; the files to adopt from an earlier version's results folder."""
    if not folder.exists():
        return None
    if not folder.is_dir():
        raise InputError("not a folder (a results folder is a folder)", file=str(folder))
    try:
        entries = _entries(folder)
    except OSError as err:
        raise OutputError(f"cannot read the folder: {err.strerror or err}", file=str(folder)) from None
    if MARKER in entries or not set(entries) - {LOCK}:
        return None
    adopted = _earlier_results(folder, entries)
    if adopted is None:
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise InputError(
            f"the folder is not empty ({shown}) and not a permitflow results folder (no {MARKER}): "
            "refused, so that no file of yours is overwritten or removed; give a new or empty folder",
            file=str(folder),
        )
    return adopted


def _no_links(folder: Path) -> None:
    """Refuse symbolic links where a run writes: ``processes/``, ``profiles/``, ``.cache/`` and its subfolders."""
    suspects = [*(folder / kind for kind in _SUBFOLDERS), folder / ".cache"]
    cache = folder / ".cache"
    if cache.is_dir() and not cache.is_symlink():
        suspects += sorted(cache.iterdir())
    for path in suspects:
        if path.is_symlink():
            raise OutputError("a symbolic link inside the results folder: refused, a run writes only inside "
                              "its folder", file=str(path))


def clean_temporary_files(folder: Path) -> int:
    """Remove the temporary files a killed run left in ``folder`` (and ``processes/``, ``.cache/``, ``.cache/*/``);
    how many. Call it only while holding the folder's lock."""
    places = [folder, folder / "processes"]
    cache = folder / ".cache"
    if cache.is_dir() and not cache.is_symlink():
        places += [cache, *(p for p in sorted(cache.iterdir()) if p.is_dir() and not p.is_symlink())]
    removed = 0
    for place in places:
        if not place.is_dir() or place.is_symlink():
            continue
        for entry in os.scandir(place):
            if _TEMP.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    return removed


class _FolderGone(OutputError):
    """The folder was removed while this run waited for its lock (the run holding it failed
    before its first result and removed what it had created)."""


def _lock_fd(folder: Path, *, wait: bool, waiting: Callable[[str], None] | None) -> int:
    """An open descriptor of ``folder``'s lock file, locked by this process."""
    path = Path(folder) / LOCK
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            gone = _FolderGone if isinstance(err, FileNotFoundError) and not Path(folder).exists() else OutputError
            raise gone(f"cannot write here: {err.strerror or err}", file=str(folder)) from None
        if fcntl is None:
            return fd
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                if not wait:
                    raise OutputError(
                        f"another permitflow run (process {holder}) is writing this folder: refused; "
                        "let it finish, give another folder, or give --wait to wait for it", file=str(folder),
                    ) from None
                if waiting is not None:
                    waiting(holder)
                fcntl.flock(fd, fcntl.LOCK_EX)
            mine = os.fstat(fd)
            try:
                now = os.stat(path)
            except FileNotFoundError:
                now = None
        except BaseException:
            os.close(fd)
            raise
        if now is not None and (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino):
            return fd
        # the holder removed the lock file (its run failed before its first result): this lock
        # guards nothing any more; lock the file that is there now, or the folder made again
        os.close(fd)
        waiting = None


@contextmanager
def locked(folder: Path, *, wait: bool = False, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold ``folder``'s lock: refuse (:class:`OutputError`) when another run holds it, or wait
    for it (``wait``; ``waiting(holder)`` is called first, with the holder's process id)."""
    fd = _lock_fd(Path(folder), wait=wait, waiting=waiting)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        # emptied while still held: a finished run's process id left in the file named a process that
        # is gone and made two runs of the same inputs leave folders that differ in this one file
        try:
            os.ftruncate(fd, 0)
        except OSError:  # a full or read-only disk: the lock is still released below
            pass
        # closing releases the lock; the file stays (removed only by :func:`claim`, while holding it,
        # for a run that failed before its first result: a run waiting for it then locks again)
        os.close(fd)


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist, the deepest first."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            break
        missing.append(path)
    return missing


def _undo_claim(folder: Path, before: set[str], made: list[str], created: list[Path]) -> None:
    """After a run failed: remove what :func:`claim` created (``made``: the marker, the lock file;
    ``created``: the folder and its parents) when the run added nothing else to ``folder`` (it
    failed before its first result); never anything that was there before."""
    try:
        added = set(os.listdir(folder)) - before
    except OSError:
        return
    if not added <= set(made):
        return  # the run got as far as a result (the cache): the folder stays a results folder
    try:
        for name in made:
            (folder / name).unlink(missing_ok=True)
        for path in created:
            path.rmdir()  # empty, or it stays
    except OSError:
        pass


@contextmanager
def _claimed_lock(folder: Path, *, wait: bool,
                  waiting: Callable[[str], None] | None) -> Iterator[tuple[list[Path], bool]]:
    """``folder`` made when missing and locked; yields the folders this made (deepest first) and
    whether the lock file was new."""
    with ExitStack() as held:
        while True:
            created = _missing_folders(folder)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise OutputError(f"cannot create the folder: {err.strerror or err}", file=str(folder)) from None
            new_lock = not (folder / LOCK).exists()
            try:
                held.enter_context(locked(folder, wait=wait, waiting=waiting))
            except _FolderGone:  # the run it waited for failed and removed it: made again
                waiting = None
                continue
            break
        yield created, new_lock


@contextmanager
def claim(folder: Path, *, wait: bool = False, waiting: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Make ``folder`` this run's results folder for the length of the block.

    Refuses a non-empty folder that is not a results folder (:class:`InputError`) and a
    folder another run holds (:class:`OutputError`, unless ``wait``); creates the folder
    and its marker; removes the temporary files of a killed run. When the block fails before
    it adds anything to the folder (before a run's first result), what this created is removed
    again: the marker, the lock file, the folder and its parents (never one that existed).
    """
    folder = Path(folder)
    adopted = _check_ours(folder)
    with _claimed_lock(folder, wait=wait, waiting=waiting) as (created, new_lock):
        made = [LOCK] if new_lock else []
        before = set(os.listdir(folder)) - set(made)
        try:
            adopted = _check_ours(folder) if adopted is None else adopted  # another run may have been first
            _no_links(folder)
            if not (folder / MARKER).exists():
                made.append(MARKER)
                _write_manifest(folder, adopted or [])
            clean_temporary_files(folder)
            yield folder
        except BaseException:
            _undo_claim(folder, before, made, created)
            raise


def _inside(folder: Path, name: str) -> Path:
    """``folder/name``, refused when a symbolic link would take it out of ``folder``."""
    target = folder / name
    if target.parent.resolve() != folder.resolve().joinpath(*name.split("/")[:-1]):
        raise OutputError("a symbolic link inside the results folder: refused, a run writes only inside "
                          "its folder", file=str(target.parent))
    return target


def replace_outputs(folder: Path, files: Mapping[str, bytes], *, kept: tuple[str, ...] = ("report.html",)) -> None:
    """Write ``files`` (layout names -> bytes) into ``folder`` and remove what the last run
    wrote and this one does not (``kept``: written next, by the caller).

    The manifest first lists the old and the new files (``writing``), so a run killed half-way leaves
    nothing it wrote unlisted; then every file's data is written to a temporary name and only then
    are they renamed into place (an interrupt before leaves the last run's files); then the old
    files not written again are removed and the manifest lists exactly this run's files with their
    SHA-256, still ``writing`` while a file of ``kept`` is to come (:func:`write_last`).
    """
    folder = Path(folder)
    bad = [name for name in files if not is_layout_name(name)]
    if bad:
        raise OutputError(f"not a results file name: {bad[0]!r}", file=str(folder))
    adopted = _check_ours(folder)  # also when called without claim(): never into a folder of the user's
    old = read_manifest(folder) if adopted is None else adopted
    new = sorted({*files, *kept})
    _write_manifest(folder, sorted({*old, *new}), writing=True)
    # every file's data first, the renames last: a Ctrl-C while the data is written leaves the last run's files
    write_all_atomic([(_inside(folder, name), files[name]) for name in sorted(files)])
    for stale in sorted(set(old) - set(new)):
        path = _inside(folder, stale)
        if path.is_symlink() or path.is_file():
            path.unlink()
    _write_manifest(folder, new, sha256={name: _sha256(data) for name, data in files.items()},
                    writing=not set(kept) <= set(files))


def write_last(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (layout names -> bytes: the report, after :func:`replace_outputs`, or again
    with ``permitflow report``) into ``folder``, the manifest ``writing`` meanwhile and then sealed
    with every listed file's SHA-256 (read from the files where the manifest does not give it). A
    folder without the marker (an earlier version's) gets the files alone."""
    folder = Path(folder)
    if not (folder / MARKER).is_file():
        for name in sorted(files):
            write_atomic(_inside(folder, name), files[name])
        return
    doc = _manifest(folder)
    listed = sorted({*read_manifest(folder), *files})
    hashes = {name: h for name, h in _hashes(doc, listed).items() if name not in files}
    _write_manifest(folder, listed, sha256=hashes, writing=True)
    for name in sorted(files):
        write_atomic(_inside(folder, name), files[name])
    hashes.update({name: _sha256(data) for name, data in files.items()})
    for name in listed:
        path = _inside(folder, name)
        if name not in hashes and path.is_file() and not path.is_symlink():
            hashes[name] = _sha256(path.read_bytes())
    _write_manifest(folder, listed, sha256=hashes)


def not_as_written(folder: Path, names: Iterable[str]) -> dict[str, str]:
    """Each of ``names`` (layout names) that is not the file the last run into ``folder`` wrote, by the
    manifest's SHA-256: ``"missing"`` or ``"changed"`` (a name the manifest gives no hash for is not judged).
    ``permitflow report`` draws from the files as they are and says so (found by QA, qabatch: a report
    drawn without its cases.csv, or from half of it, said nothing)."""
    folder = Path(folder)
    given = _hashes(_manifest(folder), list(names))
    found: dict[str, str] = {}
    for name, digest in given.items():
        path = _inside(folder, name)
        if not path.is_file() or path.is_symlink():
            found[name] = "missing"
        elif _sha256(path.read_bytes()) != digest:
            found[name] = "changed"
    return found


def one_runs_files(folder: Path, *, tries: int = 20, pause: float = 0.05) -> dict[str, bytes]:
    """The files the manifest of results folder ``folder`` lists, read while no run replaced them: the
    manifest read before and after the files, the same bytes and not ``writing``, and each file its
    SHA-256 (else read again, up to ``tries`` times, ``pause`` seconds apart: :class:`OutputError`).
    What a program that reads a folder a run may be writing can rely on (the module text)."""
    folder = Path(folder)
    for attempt in range(tries):
        if attempt:
            time.sleep(pause)
        before = _marker_bytes(folder)
        doc = _manifest(folder)
        if before is None or doc.get("writing") or not isinstance(doc.get("sha256"), dict):
            continue
        names = read_manifest(folder)
        try:
            files = {name: _inside(folder, name).read_bytes() for name in names}
        except FileNotFoundError:
            continue
        hashes = _hashes(doc, names)
        if _marker_bytes(folder) == before and all(_sha256(files[n]) == hashes.get(n) for n in names):
            return files
    raise OutputError(f"a run kept replacing the files (tried {tries} times): read again when it is done",
                      file=str(folder))


def _marker_bytes(folder: Path) -> bytes | None:
    try:
        return (folder / MARKER).read_bytes()
    except OSError:
        return None


def only_listed(folder: Path, subfolder: str) -> bool:
    """Whether every ``*.bpmn`` of ``folder/processes`` (``subfolder`` "processes"), or every
    ``*.yaml`` of ``folder/profiles``, is a plain file the manifest lists: then, once
    :func:`replace_outputs` has written a run's files, that subfolder holds those of the run's
    files that are in it and nothing else of its kind (the others it lists are removed)."""
    base = Path(folder) / subfolder
    if not base.exists():
        return True
    if base.is_symlink() or not base.is_dir():
        return False
    listed = set(read_manifest(Path(folder)))
    return all(f"{subfolder}/{p.name}" in listed and p.is_file() and not p.is_symlink()
               for p in base.glob(f"*{_SUBFOLDERS[subfolder]}"))
