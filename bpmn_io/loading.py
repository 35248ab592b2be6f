"""Load the MODEL argument of a command: a BPMN file or a YAML authoring file.

``load_model(arg)`` decides by extension (``.bpmn``, ``.bpmn2``, ``.xml`` are
BPMN; ``.yaml``, ``.yml`` the authoring form); a file with another extension
is sniffed (XML starts with ``<``). A name of the bundled library
(``helsingborg``, ``klippan`` ...) that is not a file loads that municipality's
process.bpmn (the handler's for a handled municipality, see ``bpmn_io.library``).
Errors are :class:`InputError` naming the file.

>>> model_format("permit.yaml"), model_format("x.BPMN"), model_format("notes.txt")
('yaml', 'bpmn', None)
"""

from __future__ import annotations

import os
from pathlib import Path

from processes.errors import InputError
from processes.model import Definitions

from .authoring import read_authoring
from .library import is_library_name, library_names, library_paths
from .reader import read_bpmn

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


def _sniff(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}", file=str(path)) from None
    return "bpmn" if head.startswith(b"<") else "yaml"


def load_model(arg: str | os.PathLike[str], *, strict: bool = True) -> Definitions:
    """The model in file ``arg`` (BPMN 2.0 XML or the YAML authoring form), or of library name ``arg``.

    ``strict=False`` reads a BPMN file whose sequence flows point at missing
    elements or cross processes (see :func:`bpmn_io.reader.parse_bpmn`).
    """
    path = Path(arg)
    if not path.exists() and is_library_name(str(arg)):
        return read_bpmn(library_paths(str(arg))[0])
    if not path.exists():
        raise InputError("no such file (expected a .bpmn or .yaml model, or a library name: "
                         f"{', '.join(library_names())})", file=str(arg))
    if path.is_dir():
        raise InputError("is a directory (expected a .bpmn or .yaml model file)", file=str(arg))
    kind = model_format(path) or _sniff(path)
    return read_bpmn(path, strict=strict) if kind == "bpmn" else read_authoring(path)
