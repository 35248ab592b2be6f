"""The file's own lines of the simulation-parameter blocks a BPMN file embeds (BPSim, QBP).

The model keeps such a block as XML text (:func:`bpmn_io.fragments.fragment`), and the importers
(:mod:`bpmn_io.simformats`) read that text again: its lines are the text's, not the file's, and
canonical XML puts a start tag written over several lines on one, so no offset turns the one into the
other. What does carry over is the order of the elements: the text holds the same elements in the same
document order (comments and processing instructions dropped). So for each kept text that holds a
block, :func:`block_lines` records the file line of each of its elements in that order, and
:class:`bpmn_io.simformats.common.Where` gives them back to the elements re-read from the text.
"""

from __future__ import annotations

from lxml import etree

from .fragments import fragment
from .namespaces import BPMN, q
from .readcommon import EXT, Source

__all__ = ["block_lines", "BLOCK_TAGS"]

#: the root elements of the simulation-parameter blocks the importers read
BLOCK_TAGS = ("{http://www.bpsim.org/schemas/1.0}BPSimData", "{http://www.bpsim.org/schemas/2.0}BPSimData",
              "{http://www.qbp-simulator.com/Schema201212}processSimulationInfo")
_DEFINITIONS = q(BPMN, "definitions")
_PROCESS = q(BPMN, "process")


def _kept_root(el: etree._Element) -> etree._Element | None:
    """The ancestor of ``el`` (or ``el``) the reader keeps as one text: a child of ``definitions``
    (a relationship, or a block written straight under it), or a child of the ``extensionElements`` of
    ``definitions`` or of a process; None where the block sits anywhere else (no importer looks there)."""
    node: etree._Element | None = el
    while node is not None:
        parent = node.getparent()
        if parent is None:
            return None
        if parent.tag == _DEFINITIONS and node.tag not in (EXT, _PROCESS):
            return node
        grand = parent.getparent() if parent.tag == EXT else None
        if grand is not None and grand.tag in (_DEFINITIONS, _PROCESS):
            return node
        node = parent
    return None


def block_lines(root: etree._Element, src: Source) -> dict[str, tuple[int, ...]]:
    """Kept text -> the file line of each of its elements in document order, for each text holding a
    simulation-parameter block (0 where lxml knows no line)."""
    out: dict[str, tuple[int, ...]] = {}
    for tag in BLOCK_TAGS:
        for block in root.iter(tag):
            kept = _kept_root(block)
            if kept is None:
                continue
            text = fragment(kept)
            if text not in out:  # two blocks of the same text: the first one's lines
                out[text] = tuple(src.line(e) or 0 for e in kept.iter() if isinstance(e.tag, str))
    return out
