"""The written parts of a BPMN element that are not its structure: its documentation, its expressions
(conditions, timer values, cardinalities) and what the model keeps without interpreting it (:class:`Opaque`:
vendor extensions, unknown attributes and children, re-emitted verbatim on export).

Its own module because every other part of the model (flow nodes, flows, lanes and processes, the
diagram) holds these values: they are the model's lowest layer. :mod:`processes.model` re-exports every
name here and is their home (``__module__``).
"""

from __future__ import annotations

from typing import Any

from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap

__all__ = ["EMPTY", "NO_OPAQUE", "Opaque", "Documentation", "Expression"]

#: the default of every optional map of the model (names per language, a process's nodes, ...)
EMPTY: FrozenMap[Any, Any] = FrozenMap()

@frozen_dataclass
class Opaque:
    """Content kept but not interpreted, re-emitted verbatim on export.

    ``attributes``: foreign or unknown attributes as (Clark-notation name, value).
    ``extension_elements``: each child of ``extensionElements`` serialized as XML.
    ``children``: unknown child elements (serialized XML), in document order.
    """

    attributes: tuple[tuple[str, str], ...] = ()
    extension_elements: tuple[str, ...] = ()
    children: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.attributes or self.extension_elements or self.children)


NO_OPAQUE = Opaque()


@frozen_dataclass
class Documentation:
    """A ``documentation`` element: its text and text format."""

    text: str
    text_format: str = ""
    id: str = ""


@frozen_dataclass
class Expression:
    """A formal or informal expression (condition, timer value, cardinality)."""

    text: str
    language: str = ""
    xsi_type: str = ""  # "tFormalExpression" when written as such
    id: str = ""
    opaque: Opaque = NO_OPAQUE
