"""Load the MODEL argument of a command: a BPMN file or a YAML authoring file.

``load_model(arg)`` decides by extension (``.bpmn``, ``.bpmn2``, ``.xml`` are
BPMN; ``.yaml``, ``.yml`` the authoring form); a file with another extension
is sniffed (XML starts with ``<``); standard input and ``<(...)`` are read
once and sniffed from the bytes read; a named pipe or device is refused. A name of the bundled library
(``helsingborg``, ``klippan`` ...) that is not a file loads that municipality's
process.bpmn (the handler's for a handled municipality, see ``bpmn_io.library``).
Errors are :class:`InputError` naming the file.

>>> model_format("permit.yaml"), model_format("x.BPMN"), model_format("notes.txt")
('yaml', 'bpmn', None)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from processes.errors import InputError

from .userfile import check_regular, is_stream_path, read_user_file

if TYPE_CHECKING:
    from processes.model import Definitions

# the authoring reader and the library (profiles, dateutil) load when a YAML model or a library
# name asks for them: `validate model.bpmn` needs neither; the XML reader (lxml) loads in
# load_model for a BPMN model, not for a YAML one nor for model_format (a simulation takes its parsed model from the user cache)

__all__ = ["BPMN_SUFFIXES", "YAML_SUFFIXES", "model_format", "load_model"]

BPMN_SUFFIXES = (".bpmn", ".bpmn2", ".xml")
YAML_SUFFIXES = (".yaml", ".yml")


def model_format(path: str | os.PathLike[str]) -> str | None:
    """``'bpmn'`` or ``'yaml'`` from the file extension, or None when it says neither."""
    suffix = Path(path).suffix.lower()
    if suffix in BPMN_SUFFIXES:
        return "bpmn"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    return None


def _sniff(head: bytes) -> str:
    return "bpmn" if head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "yaml"


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(512)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}", file=str(path)) from None


def _load_stream(name: str, strict: bool) -> Definitions:
    """Standard input or ``<(...)``: read once, the format sniffed from the bytes read."""
    from .reader import parse_bpmn
    from .xmlsafe import MAX_BYTES

    data = read_user_file(name, what="model", max_bytes=MAX_BYTES)
    if _sniff(data) == "bpmn":
        return parse_bpmn(data, source=name, strict=strict)
    from .authoring import MAX_AUTHORING_BYTES, parse_authoring

    if len(data) > MAX_AUTHORING_BYTES:
        raise InputError(f"more than {MAX_AUTHORING_BYTES} bytes (the limit for an authoring file)", file=name)
    return parse_authoring(data, source=name)


def load_model(arg: str | os.PathLike[str], *, strict: bool = True) -> Definitions:
    """The model in file ``arg`` (BPMN 2.0 XML or the YAML authoring form), or of library name ``arg``.

    ``strict=False`` reads a BPMN file whose sequence flows point at missing
    elements or cross processes (see :func:`bpmn_io.reader.parse_bpmn`).
    """
    path = Path(arg)
    if is_stream_path(path):
        return _load_stream(str(arg), strict)
    if not path.exists():
        from .library import is_library_name, library_paths, no_such_model

        if is_library_name(str(arg)):
            from .reader import read_bpmn

            return read_bpmn(library_paths(str(arg))[0])
        raise no_such_model(str(arg))
    if path.is_dir():
        raise InputError("is a directory (expected a .bpmn or .yaml model file)", file=str(arg))
    check_regular(path, what="model file")
    kind = model_format(path) or _sniff(_head(path))
    if kind == "bpmn":
        from .reader import read_bpmn  # lxml and the XML reader: not for a YAML model

        return read_bpmn(path, strict=strict)
    from .authoring import read_authoring

    return read_authoring(path)
