"""What ``permitflow validate`` found in a BPMN file, kept between runs, so that checking an unchanged
file again needs neither the XML reader nor the model.

What :func:`processes.validate.check` finds in the model ``load_model(name, strict=...)`` reads
from a regular BPMN file (by its extension) depends only on the name as given (messages and the
parsed model's source carry it), the file's bytes, ``strict``, permitflow's code and lxml's.
Its problems are kept under the hash of those (:func:`processes.cachestore.code_digest` for the
code, lxml's ``__init__.py``, which states its version, for lxml) in the user's cache folder
(kind ``check``), as :mod:`bpmn_io.yamlstore` keeps parsed YAML: a header
``{"format", "key", "sha256"}`` and the problems as JSON ``[[code, severity, element, message, line], ...]`` (line: a number or null).
A file that could not be read as a model keeps nothing (its error is raised again each time); a
file that changed while it was read keeps nothing either; a damaged entry misses. Standard input,
authoring YAML, library names and files over the reader's size limit are not kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from processes.cachestore import cache_folder, code_digest, read_checked, write_checked
from processes.problems import Problem

__all__ = ["FORMAT", "MAX_ENTRIES", "Place", "place", "recall", "keep"]

FORMAT = "permitflow-check/2"
MAX_ENTRIES = 400
#: the reader's size limit (bpmn_io.xmlsafe.MAX_BYTES, which imports lxml): a larger file is not kept
_MAX_BYTES = 20 * 1024 * 1024

#: (entry file, key, the file's (inode, size, mtime) when its bytes were read)
Place = tuple[Path, str, tuple[int, int, int]]


def _lxml_code() -> bytes:
    from importlib.util import find_spec

    spec = find_spec("lxml")
    if spec is None or spec.origin is None:
        raise OSError("lxml not found")
    return Path(spec.origin).read_bytes()


def _stamp(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_ino, info.st_size, info.st_mtime_ns


def place(name: str, *, strict: bool) -> Place | None:
    """Where the problems of BPMN file ``name`` are kept, or ``None`` when they are not (module doc)."""
    from bpmn_io.loading import model_format
    from bpmn_io.userfile import is_stream_path

    folder = cache_folder("check")
    if folder is None or is_stream_path(name) or model_format(name) != "bpmn":
        return None
    try:
        info = os.stat(name)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
            return None
        with open(name, "rb") as fh:
            data = fh.read()
        digest = hashlib.sha256(f"{FORMAT}\x00{code_digest()}\x00{strict}\x00".encode())
        digest.update(hashlib.sha256(_lxml_code()).digest())
        digest.update(name.encode("utf-8", "surrogateescape") + b"\x00")
        digest.update(data)
    except (OSError, ValueError):
        return None
    key = digest.hexdigest()
    return folder / f"{key[:40]}.json", key, _stamp(info)


def recall(where: Place) -> list[Problem] | None:
    """The problems an earlier run kept at ``where``, or ``None``."""
    body = read_checked(where[0], FORMAT, where[1])
    if body is None:
        return None
    try:
        rows = json.loads(body)
        if type(rows) is not list or not all(type(r) is list and len(r) == 5 and all(type(v) is str for v in r[:4])
                                             and (r[4] is None or type(r[4]) is int) for r in rows):
            return None
        return [Problem(*row) for row in rows]
    except (ValueError, TypeError, RecursionError):
        return None


def keep(where: Place, name: str, problems: list[Problem]) -> None:
    """Keep ``problems``, found in file ``name``, when the file is still what was hashed (quietly not otherwise)."""
    try:
        if _stamp(os.stat(name)) != where[2]:
            return
    except OSError:
        return
    body = json.dumps([[p.code, p.severity, p.element, p.message, p.line] for p in problems], ensure_ascii=False)
    write_checked(where[0], FORMAT, where[1], body, MAX_ENTRIES)
