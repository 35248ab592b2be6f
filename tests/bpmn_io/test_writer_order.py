"""The writer's child-order and reference tables are exactly what the BPMN 2.0 XSD prescribes."""

from __future__ import annotations

from bpmnschema import xsd_folder
from xsd_sequences import child_orders, reference_names

from bpmn_io.namespaces import BPMN, q
from bpmn_io.xsdorder import rank_table
from bpmn_io.xsdrefs import REFERENCE_ATTRIBUTES, REFERENCE_ELEMENTS


def test_table_equals_the_schema() -> None:
    assert rank_table() == child_orders(xsd_folder())


def test_reference_tables_equal_the_schema() -> None:
    assert (set(REFERENCE_ATTRIBUTES), set(REFERENCE_ELEMENTS)) == reference_names(xsd_folder())


def test_activity_children_in_schema_order() -> None:
    ranks = rank_table()[q(BPMN, "userTask")]
    names = ["documentation", "extensionElements", "incoming", "ioSpecification", "property",
             "dataInputAssociation", "dataOutputAssociation", "potentialOwner", "multiInstanceLoopCharacteristics"]
    assert sorted(names, key=lambda n: ranks[q(BPMN, n)]) == names
    process = rank_table()[q(BPMN, "process")]
    # every flow element shares one rank: the schema allows them in any order
    assert process[q(BPMN, "task")] == process[q(BPMN, "sequenceFlow")] == process[q(BPMN, "boundaryEvent")]
    assert process[q(BPMN, "laneSet")] < process[q(BPMN, "task")] < process[q(BPMN, "textAnnotation")]


def test_the_rank_table_is_built_once_per_process() -> None:
    assert rank_table() is rank_table()  # the reader, the writer and the reader's tag list share it
