"""Which ids BPMN tools can store, and a valid id for one they cannot.

An ``id`` is an XML id: an NCName (XML 1.0 fifth edition; no colon, no leading
digit). Tools write ids that are not (``myProcess{0}`` in Activiti's tests, ``241``
and UUIDs with a leading digit in jBPM's and pm4py's files): lxml reads them, the
BPMN XSD refuses them. bpmn-moddle (bpmn.io, Camunda Modeler) is stricter still:
it accepts ASCII letters, digits, ``_``, ``-`` and ``.`` only, so a valid XML id
such as ``Granska_ansökan`` does not import there. :func:`is_portable_id` is what
both accept; :func:`portable_id` makes one the same way every time (the exporter
uses it; the validator names the ids an export will change).

>>> is_portable_id("Task_1"), is_portable_id("myProcess{0}"), is_portable_id("241")
(True, False, False)
>>> portable_id("myProcess{0}"), portable_id("241"), portable_id("Granska ansökan")
('myProcess_0_', '_241', 'Granska_ansokan')
>>> is_xml_id("Granska_ansökan"), is_portable_id("Granska_ansökan")
(True, False)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container

__all__ = ["is_xml_id", "is_portable_id", "portable_id", "id_fault"]

_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PORTABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_NOT_PORTABLE = re.compile(r"[^A-Za-z0-9_.\-]")


@functools.cache
def _ncname() -> re.Pattern[str]:
    # compiling the Unicode ranges costs ~10 ms: done when an id is not plain ASCII, not at start-up
    return re.compile(f"[{_START}][{_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*")


def is_xml_id(text: str) -> bool:
    """Whether ``text`` is an NCName, what the XSD's ``xsd:ID`` allows.

    >>> is_xml_id("Task_1"), is_xml_id("Åtgärd"), is_xml_id("241"), is_xml_id("a b")
    (True, True, False, False)
    """
    # a portable id (ASCII letters, digits, '_', '-', '.', not starting with a digit, '-' or '.') is an NCName
    return _PORTABLE.fullmatch(text) is not None or _ncname().fullmatch(text) is not None


def is_portable_id(text: str) -> bool:
    """Whether ``text`` is an id the XSD and bpmn-moddle both accept (an ASCII NCName)."""
    return _PORTABLE.fullmatch(text) is not None


def portable_id(text: str, taken: Container[str] = ()) -> str:
    """``text`` made a portable id: accents dropped (``ö`` -> ``o``), any other
    character an id cannot hold replaced by ``_``, a ``_`` put before a leading
    digit, ``-`` or ``.``; then ``_2``, ``_3`` ... added while the result is in ``taken``."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    base = _NOT_PORTABLE.sub("_", plain)
    if not base or not (base[0].isascii() and (base[0].isalpha() or base[0] == "_")):
        base = "_" + base
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def id_fault(text: str) -> str:
    """Why ``text`` is not a portable id, as a phrase (``''`` when it is one)."""
    if is_portable_id(text):
        return ""
    if not is_xml_id(text):
        return ("is not a valid XML id (an id starts with a letter or '_' and holds only letters, digits, "
                "'_', '-' and '.')")
    return "holds characters bpmn.io refuses in an id (it takes ASCII letters, digits, '_', '-' and '.')"
