"""What connects the elements of a diagram and what is drawn beside them: sequence flows, message
flows, associations, and the artifacts (text annotations, groups).

Its own module because processes and collaborations (:mod:`processes.bpmnprocess`) both hold these,
by id; :mod:`processes.model` re-exports every name here and is their home (``__module__``).
"""

from __future__ import annotations

from processes.elementtext import EMPTY, NO_OPAQUE, Documentation, Expression, Opaque
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap

__all__ = ["SequenceFlow", "MessageFlow", "Association", "TextAnnotation", "Group", "Artifact"]

# --------------------------------------------------------------------------- flows and artifacts


@frozen_dataclass
class SequenceFlow:
    """A ``sequenceFlow`` from ``source`` to ``target`` (element ids), with its condition."""

    id: str
    source: str
    target: str
    name: str = ""
    parent: str = ""
    condition: Expression | None = None
    is_immediate: bool | None = None
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE
    names: FrozenMap[str, str] = EMPTY  # a branch's label per language


@frozen_dataclass
class MessageFlow:
    """A ``messageFlow`` between two participants or their elements."""

    id: str
    source: str
    target: str
    name: str = ""
    message_ref: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE
    names: FrozenMap[str, str] = EMPTY


@frozen_dataclass
class Association:
    """An ``association`` between an artifact and another element."""

    id: str
    source: str
    target: str
    direction: str = ""  # None | One | Both ("" = not written)
    parent: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE


@frozen_dataclass
class TextAnnotation:
    """A ``textAnnotation``."""

    id: str
    text: str = ""
    text_format: str = ""
    parent: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE


@frozen_dataclass
class Group:
    """A ``group``: a category value drawn around elements."""

    id: str
    category_value_ref: str = ""
    parent: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE


Artifact = Association | TextAnnotation | Group
