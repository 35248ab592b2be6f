"""Where the BPMN 2.0 XSD puts references: attributes and elements typed xsd:QName or xsd:IDREF.

Read from ../shared/interop/xsd by tests/bpmn_io/xsd_sequences.py (test_writer_order.py
checks that these sets still equal what the schema says). The export's id repair
(:mod:`bpmn_io.writeids`) rewrites exactly these places when it renames an id.
The ``type`` attribute is left out: the schema types it QName only where it names an
XSD type (resource parameters, correlation properties), never an element id.
"""

from __future__ import annotations

__all__ = ["REFERENCE_ATTRIBUTES", "REFERENCE_ELEMENTS"]

REFERENCE_ATTRIBUTES = frozenset((
    "activityRef", "attachedToRef", "bpmnElement", "calledChoreographyRef", "calledCollaborationRef",
    "calledElement", "categoryValueRef", "choreographyActivityShape", "correlationKeyRef",
    "correlationPropertyRef", "dataObjectRef", "dataStoreRef", "default", "definition",
    "definitionalCollaborationRef", "errorRef", "escalationRef", "evaluatesToTypeRef", "implementationRef",
    "initiatingParticipantRef", "innerConversationNodeRef", "innerMessageFlowRef", "inputDataRef", "itemRef",
    "itemSubjectRef", "labelStyle", "messageRef", "noneBehaviorEventRef", "oneBehaviorEventRef",
    "operationRef", "outerConversationNodeRef", "outerMessageFlowRef", "outputDataRef", "parameterRef",
    "partitionElementRef", "processRef", "signalRef", "sourceElement", "sourceRef", "structureRef",
    "targetElement", "targetRef",
))
"""Attribute names the XSD types xsd:QName or xsd:IDREF (on some BPMN or DI element)."""

REFERENCE_ELEMENTS = frozenset((
    "categoryValueRef", "choreographyRef", "correlationPropertyRef", "dataInputRefs", "dataOutputRefs",
    "endPointRef", "errorRef", "eventDefinitionRef", "flowNodeRef", "inMessageRef", "incoming",
    "innerParticipantRef", "inputSetRefs", "interfaceRef", "loopDataInputRef", "loopDataOutputRef",
    "messageFlowRef", "operationRef", "optionalInputRefs", "optionalOutputRefs", "outMessageRef",
    "outerParticipantRef", "outgoing", "outputSetRefs", "participantRef", "resourceRef", "source", "sourceRef",
    "supportedInterfaceRef", "supports", "target", "targetRef", "whileExecutingInputRefs",
    "whileExecutingOutputRefs",
))
"""Local names of the elements whose text the XSD types xsd:QName or xsd:IDREF."""
