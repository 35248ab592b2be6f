"""The BPMN XSDs the tests validate against (tests/bpmnschema.py, from spiffworkflow) are the
OMG files of ../shared/interop/xsd: the same elements, attributes and texts in the same
order. Only whitespace, line ends and a byte-order mark differ between the two copies."""

from __future__ import annotations

from pathlib import Path

import pytest
from bpmnschema import xsd_folder
from lxml import etree
from shared import INTEROP

FILES = ("BPMN20.xsd", "Semantic.xsd", "BPMNDI.xsd", "DI.xsd", "DC.xsd")


def _content(path: Path) -> list[tuple[str, str, tuple[tuple[str, str], ...], str]]:
    root = etree.parse(str(path)).getroot()
    return [(el.getroottree().getpath(el), el.tag, tuple(sorted(el.attrib.items())), (el.text or "").strip())
            for el in root.iter() if isinstance(el.tag, str)]


@pytest.mark.interop
@pytest.mark.parametrize("name", FILES)
def test_the_packaged_schema_is_the_corpus_schema(name: str) -> None:
    packaged = _content(xsd_folder() / name)
    assert packaged == _content(INTEROP / "xsd" / name)
    assert len(packaged) > 10


def test_the_packaged_schema_is_bpmn_2_0() -> None:
    # without the corpus: OMG formal/2011-01-03's Semantic.xsd has 133 global elements and 133 types
    root = etree.parse(str(xsd_folder() / "Semantic.xsd")).getroot()
    assert root.get("targetNamespace") == "http://www.omg.org/spec/BPMN/20100524/MODEL"
    xs = "{http://www.w3.org/2001/XMLSchema}"
    assert (len(root.findall(f"{xs}element")), len(root.findall(f"{xs}complexType"))) == (133, 133)
