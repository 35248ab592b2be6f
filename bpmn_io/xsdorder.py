"""The order of child elements the BPMN 2.0 XSD prescribes, for every element.

Generated from ../shared/interop/xsd by tests/bpmn_io/xsd_sequences.py (the test
test_writer_order.py checks that this table still equals what the schema says).
Each entry lists, in sequence order, groups of child names that share a rank (the
members of a substitution group such as ``bpmn:flowElement``). The writer sorts the
children of every element it writes by this rank, so kept vendor content lands where
the schema allows it.
"""

from __future__ import annotations

from functools import cache

from .namespaces import PREFIXES

__all__ = ["CHILD_ORDER", "rank_table"]

CHILD_ORDER: dict[str, tuple[str, ...]] = {
    'bpmn:activity': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics'),
    'bpmn:adHocSubProcess': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics', 'bpmn:laneSet', 'bpmn:flowElement bpmn:adHocSubProcess bpmn:boundaryEvent bpmn:businessRuleTask bpmn:callActivity bpmn:callChoreography bpmn:choreographyTask bpmn:complexGateway bpmn:dataObject bpmn:dataObjectReference bpmn:dataStoreReference bpmn:endEvent bpmn:event bpmn:eventBasedGateway bpmn:exclusiveGateway bpmn:implicitThrowEvent bpmn:inclusiveGateway bpmn:intermediateCatchEvent bpmn:intermediateThrowEvent bpmn:manualTask bpmn:parallelGateway bpmn:receiveTask bpmn:scriptTask bpmn:sendTask bpmn:sequenceFlow bpmn:serviceTask bpmn:startEvent bpmn:subChoreography bpmn:subProcess bpmn:task bpmn:transaction bpmn:userTask', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation', 'bpmn:completionCondition'),
    'bpmn:artifact': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:assignment': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:from', 'bpmn:to'),
    'bpmn:association': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:auditing': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:baseElement': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:baseElementWithMixedContent': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:boundaryEvent': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property', 'bpmn:dataOutput', 'bpmn:dataOutputAssociation', 'bpmn:outputSet', 'bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition', 'bpmn:eventDefinitionRef'),
    'bpmn:businessRuleTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics'),
    'bpmn:callActivity': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics'),
    'bpmn:callChoreography': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:participantRef', 'bpmn:correlationKey', 'bpmn:participantAssociation'),
    'bpmn:callConversation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participantRef', 'bpmn:messageFlowRef', 'bpmn:correlationKey', 'bpmn:participantAssociation'),
    'bpmn:callableElement': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:supportedInterfaceRef', 'bpmn:ioSpecification', 'bpmn:ioBinding'),
    'bpmn:cancelEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:catchEvent': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property', 'bpmn:dataOutput', 'bpmn:dataOutputAssociation', 'bpmn:outputSet', 'bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition', 'bpmn:eventDefinitionRef'),
    'bpmn:category': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:categoryValue'),
    'bpmn:categoryValue': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:choreography': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participant', 'bpmn:messageFlow', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation', 'bpmn:conversationNode bpmn:callConversation bpmn:conversation bpmn:subConversation', 'bpmn:conversationAssociation', 'bpmn:participantAssociation', 'bpmn:messageFlowAssociation', 'bpmn:correlationKey', 'bpmn:choreographyRef', 'bpmn:conversationLink', 'bpmn:flowElement bpmn:adHocSubProcess bpmn:boundaryEvent bpmn:businessRuleTask bpmn:callActivity bpmn:callChoreography bpmn:choreographyTask bpmn:complexGateway bpmn:dataObject bpmn:dataObjectReference bpmn:dataStoreReference bpmn:endEvent bpmn:event bpmn:eventBasedGateway bpmn:exclusiveGateway bpmn:implicitThrowEvent bpmn:inclusiveGateway bpmn:intermediateCatchEvent bpmn:intermediateThrowEvent bpmn:manualTask bpmn:parallelGateway bpmn:receiveTask bpmn:scriptTask bpmn:sendTask bpmn:sequenceFlow bpmn:serviceTask bpmn:startEvent bpmn:subChoreography bpmn:subProcess bpmn:task bpmn:transaction bpmn:userTask'),
    'bpmn:choreographyActivity': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:participantRef', 'bpmn:correlationKey'),
    'bpmn:choreographyTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:participantRef', 'bpmn:correlationKey', 'bpmn:messageFlowRef'),
    'bpmn:collaboration': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participant', 'bpmn:messageFlow', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation', 'bpmn:conversationNode bpmn:callConversation bpmn:conversation bpmn:subConversation', 'bpmn:conversationAssociation', 'bpmn:participantAssociation', 'bpmn:messageFlowAssociation', 'bpmn:correlationKey', 'bpmn:choreographyRef', 'bpmn:conversationLink'),
    'bpmn:compensateEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:complexBehaviorDefinition': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:condition', 'bpmn:event'),
    'bpmn:complexGateway': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:activationCondition'),
    'bpmn:conditionalEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:condition'),
    'bpmn:conversation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participantRef', 'bpmn:messageFlowRef', 'bpmn:correlationKey'),
    'bpmn:conversationAssociation': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:conversationLink': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:conversationNode': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participantRef', 'bpmn:messageFlowRef', 'bpmn:correlationKey'),
    'bpmn:correlationKey': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:correlationPropertyRef'),
    'bpmn:correlationProperty': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:correlationPropertyRetrievalExpression'),
    'bpmn:correlationPropertyBinding': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:dataPath'),
    'bpmn:correlationPropertyRetrievalExpression': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:messagePath'),
    'bpmn:correlationSubscription': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:correlationPropertyBinding'),
    'bpmn:dataAssociation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:sourceRef', 'bpmn:targetRef', 'bpmn:transformation', 'bpmn:assignment'),
    'bpmn:dataInput': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:dataState'),
    'bpmn:dataInputAssociation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:sourceRef', 'bpmn:targetRef', 'bpmn:transformation', 'bpmn:assignment'),
    'bpmn:dataObject': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:dataState'),
    'bpmn:dataObjectReference': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:dataState'),
    'bpmn:dataOutput': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:dataState'),
    'bpmn:dataOutputAssociation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:sourceRef', 'bpmn:targetRef', 'bpmn:transformation', 'bpmn:assignment'),
    'bpmn:dataState': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:dataStore': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:dataState'),
    'bpmn:dataStoreReference': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:dataState'),
    'bpmn:definitions': ('bpmn:import', 'bpmn:extension', 'bpmn:rootElement bpmn:category bpmn:collaboration bpmn:choreography bpmn:globalChoreographyTask bpmn:globalConversation bpmn:correlationProperty bpmn:dataStore bpmn:endPoint bpmn:error bpmn:escalation bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition bpmn:globalBusinessRuleTask bpmn:globalManualTask bpmn:globalScriptTask bpmn:globalTask bpmn:globalUserTask bpmn:interface bpmn:itemDefinition bpmn:message bpmn:partnerEntity bpmn:partnerRole bpmn:process bpmn:resource bpmn:signal', 'bpmndi:BPMNDiagram', 'bpmn:relationship'),
    'bpmn:endEvent': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property', 'bpmn:dataInput', 'bpmn:dataInputAssociation', 'bpmn:inputSet', 'bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition', 'bpmn:eventDefinitionRef'),
    'bpmn:endPoint': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:error': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:errorEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:escalation': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:escalationEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:event': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property'),
    'bpmn:eventBasedGateway': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing'),
    'bpmn:eventDefinition': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:exclusiveGateway': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing'),
    'bpmn:expression': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:extension': ('bpmn:documentation',),
    'bpmn:flowElement': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef'),
    'bpmn:flowNode': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing'),
    'bpmn:formalExpression': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:gateway': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing'),
    'bpmn:globalBusinessRuleTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:supportedInterfaceRef', 'bpmn:ioSpecification', 'bpmn:ioBinding', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner'),
    'bpmn:globalChoreographyTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participant', 'bpmn:messageFlow', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation', 'bpmn:conversationNode bpmn:callConversation bpmn:conversation bpmn:subConversation', 'bpmn:conversationAssociation', 'bpmn:participantAssociation', 'bpmn:messageFlowAssociation', 'bpmn:correlationKey', 'bpmn:choreographyRef', 'bpmn:conversationLink', 'bpmn:flowElement bpmn:adHocSubProcess bpmn:boundaryEvent bpmn:businessRuleTask bpmn:callActivity bpmn:callChoreography bpmn:choreographyTask bpmn:complexGateway bpmn:dataObject bpmn:dataObjectReference bpmn:dataStoreReference bpmn:endEvent bpmn:event bpmn:eventBasedGateway bpmn:exclusiveGateway bpmn:implicitThrowEvent bpmn:inclusiveGateway bpmn:intermediateCatchEvent bpmn:intermediateThrowEvent bpmn:manualTask bpmn:parallelGateway bpmn:receiveTask bpmn:scriptTask bpmn:sendTask bpmn:sequenceFlow bpmn:serviceTask bpmn:startEvent bpmn:subChoreography bpmn:subProcess bpmn:task bpmn:transaction bpmn:userTask'),
    'bpmn:globalConversation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participant', 'bpmn:messageFlow', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation', 'bpmn:conversationNode bpmn:callConversation bpmn:conversation bpmn:subConversation', 'bpmn:conversationAssociation', 'bpmn:participantAssociation', 'bpmn:messageFlowAssociation', 'bpmn:correlationKey', 'bpmn:choreographyRef', 'bpmn:conversationLink'),
    'bpmn:globalManualTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:supportedInterfaceRef', 'bpmn:ioSpecification', 'bpmn:ioBinding', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner'),
    'bpmn:globalScriptTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:supportedInterfaceRef', 'bpmn:ioSpecification', 'bpmn:ioBinding', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:script'),
    'bpmn:globalTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:supportedInterfaceRef', 'bpmn:ioSpecification', 'bpmn:ioBinding', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner'),
    'bpmn:globalUserTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:supportedInterfaceRef', 'bpmn:ioSpecification', 'bpmn:ioBinding', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:rendering'),
    'bpmn:group': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:humanPerformer': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:resourceRef', 'bpmn:resourceParameterBinding', 'bpmn:resourceAssignmentExpression'),
    'bpmn:implicitThrowEvent': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property', 'bpmn:dataInput', 'bpmn:dataInputAssociation', 'bpmn:inputSet', 'bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition', 'bpmn:eventDefinitionRef'),
    'bpmn:inclusiveGateway': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing'),
    'bpmn:inputSet': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:dataInputRefs', 'bpmn:optionalInputRefs', 'bpmn:whileExecutingInputRefs', 'bpmn:outputSetRefs'),
    'bpmn:interface': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:operation'),
    'bpmn:intermediateCatchEvent': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property', 'bpmn:dataOutput', 'bpmn:dataOutputAssociation', 'bpmn:outputSet', 'bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition', 'bpmn:eventDefinitionRef'),
    'bpmn:intermediateThrowEvent': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property', 'bpmn:dataInput', 'bpmn:dataInputAssociation', 'bpmn:inputSet', 'bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition', 'bpmn:eventDefinitionRef'),
    'bpmn:ioBinding': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:ioSpecification': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:dataInput', 'bpmn:dataOutput', 'bpmn:inputSet', 'bpmn:outputSet'),
    'bpmn:itemDefinition': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:lane': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:partitionElement', 'bpmn:flowNodeRef', 'bpmn:childLaneSet'),
    'bpmn:laneSet': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:lane'),
    'bpmn:linkEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:source', 'bpmn:target'),
    'bpmn:loopCharacteristics': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:manualTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics'),
    'bpmn:message': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:messageEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:operationRef'),
    'bpmn:messageFlow': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:messageFlowAssociation': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:monitoring': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:multiInstanceLoopCharacteristics': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:loopCardinality', 'bpmn:loopDataInputRef', 'bpmn:loopDataOutputRef', 'bpmn:inputDataItem', 'bpmn:outputDataItem', 'bpmn:complexBehaviorDefinition', 'bpmn:completionCondition'),
    'bpmn:operation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:inMessageRef', 'bpmn:outMessageRef', 'bpmn:errorRef'),
    'bpmn:outputSet': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:dataOutputRefs', 'bpmn:optionalOutputRefs', 'bpmn:whileExecutingOutputRefs', 'bpmn:inputSetRefs'),
    'bpmn:parallelGateway': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing'),
    'bpmn:participant': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:interfaceRef', 'bpmn:endPointRef', 'bpmn:participantMultiplicity'),
    'bpmn:participantAssociation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:innerParticipantRef', 'bpmn:outerParticipantRef'),
    'bpmn:participantMultiplicity': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:partnerEntity': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participantRef'),
    'bpmn:partnerRole': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participantRef'),
    'bpmn:performer': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:resourceRef', 'bpmn:resourceParameterBinding', 'bpmn:resourceAssignmentExpression'),
    'bpmn:potentialOwner': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:resourceRef', 'bpmn:resourceParameterBinding', 'bpmn:resourceAssignmentExpression'),
    'bpmn:process': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:supportedInterfaceRef', 'bpmn:ioSpecification', 'bpmn:ioBinding', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:property', 'bpmn:laneSet', 'bpmn:flowElement bpmn:adHocSubProcess bpmn:boundaryEvent bpmn:businessRuleTask bpmn:callActivity bpmn:callChoreography bpmn:choreographyTask bpmn:complexGateway bpmn:dataObject bpmn:dataObjectReference bpmn:dataStoreReference bpmn:endEvent bpmn:event bpmn:eventBasedGateway bpmn:exclusiveGateway bpmn:implicitThrowEvent bpmn:inclusiveGateway bpmn:intermediateCatchEvent bpmn:intermediateThrowEvent bpmn:manualTask bpmn:parallelGateway bpmn:receiveTask bpmn:scriptTask bpmn:sendTask bpmn:sequenceFlow bpmn:serviceTask bpmn:startEvent bpmn:subChoreography bpmn:subProcess bpmn:task bpmn:transaction bpmn:userTask', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:correlationSubscription', 'bpmn:supports'),
    'bpmn:property': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:dataState'),
    'bpmn:receiveTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics'),
    'bpmn:relationship': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:source', 'bpmn:target'),
    'bpmn:rendering': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:resource': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:resourceParameter'),
    'bpmn:resourceAssignmentExpression': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:expression bpmn:formalExpression'),
    'bpmn:resourceParameter': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:resourceParameterBinding': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:expression bpmn:formalExpression'),
    'bpmn:resourceRole': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:resourceRef', 'bpmn:resourceParameterBinding', 'bpmn:resourceAssignmentExpression'),
    'bpmn:rootElement': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:scriptTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics', 'bpmn:script'),
    'bpmn:sendTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics'),
    'bpmn:sequenceFlow': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:conditionExpression'),
    'bpmn:serviceTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics'),
    'bpmn:signal': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:signalEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:standardLoopCharacteristics': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:loopCondition'),
    'bpmn:startEvent': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property', 'bpmn:dataOutput', 'bpmn:dataOutputAssociation', 'bpmn:outputSet', 'bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition', 'bpmn:eventDefinitionRef'),
    'bpmn:subChoreography': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:participantRef', 'bpmn:correlationKey', 'bpmn:flowElement bpmn:adHocSubProcess bpmn:boundaryEvent bpmn:businessRuleTask bpmn:callActivity bpmn:callChoreography bpmn:choreographyTask bpmn:complexGateway bpmn:dataObject bpmn:dataObjectReference bpmn:dataStoreReference bpmn:endEvent bpmn:event bpmn:eventBasedGateway bpmn:exclusiveGateway bpmn:implicitThrowEvent bpmn:inclusiveGateway bpmn:intermediateCatchEvent bpmn:intermediateThrowEvent bpmn:manualTask bpmn:parallelGateway bpmn:receiveTask bpmn:scriptTask bpmn:sendTask bpmn:sequenceFlow bpmn:serviceTask bpmn:startEvent bpmn:subChoreography bpmn:subProcess bpmn:task bpmn:transaction bpmn:userTask', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation'),
    'bpmn:subConversation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:participantRef', 'bpmn:messageFlowRef', 'bpmn:correlationKey', 'bpmn:conversationNode bpmn:callConversation bpmn:conversation bpmn:subConversation'),
    'bpmn:subProcess': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics', 'bpmn:laneSet', 'bpmn:flowElement bpmn:adHocSubProcess bpmn:boundaryEvent bpmn:businessRuleTask bpmn:callActivity bpmn:callChoreography bpmn:choreographyTask bpmn:complexGateway bpmn:dataObject bpmn:dataObjectReference bpmn:dataStoreReference bpmn:endEvent bpmn:event bpmn:eventBasedGateway bpmn:exclusiveGateway bpmn:implicitThrowEvent bpmn:inclusiveGateway bpmn:intermediateCatchEvent bpmn:intermediateThrowEvent bpmn:manualTask bpmn:parallelGateway bpmn:receiveTask bpmn:scriptTask bpmn:sendTask bpmn:sequenceFlow bpmn:serviceTask bpmn:startEvent bpmn:subChoreography bpmn:subProcess bpmn:task bpmn:transaction bpmn:userTask', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation'),
    'bpmn:task': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics'),
    'bpmn:terminateEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements'),
    'bpmn:textAnnotation': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:text'),
    'bpmn:throwEvent': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:property', 'bpmn:dataInput', 'bpmn:dataInputAssociation', 'bpmn:inputSet', 'bpmn:eventDefinition bpmn:cancelEventDefinition bpmn:compensateEventDefinition bpmn:conditionalEventDefinition bpmn:errorEventDefinition bpmn:escalationEventDefinition bpmn:linkEventDefinition bpmn:messageEventDefinition bpmn:signalEventDefinition bpmn:terminateEventDefinition bpmn:timerEventDefinition', 'bpmn:eventDefinitionRef'),
    'bpmn:timerEventDefinition': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:timeDate', 'bpmn:timeDuration', 'bpmn:timeCycle'),
    'bpmn:transaction': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics', 'bpmn:laneSet', 'bpmn:flowElement bpmn:adHocSubProcess bpmn:boundaryEvent bpmn:businessRuleTask bpmn:callActivity bpmn:callChoreography bpmn:choreographyTask bpmn:complexGateway bpmn:dataObject bpmn:dataObjectReference bpmn:dataStoreReference bpmn:endEvent bpmn:event bpmn:eventBasedGateway bpmn:exclusiveGateway bpmn:implicitThrowEvent bpmn:inclusiveGateway bpmn:intermediateCatchEvent bpmn:intermediateThrowEvent bpmn:manualTask bpmn:parallelGateway bpmn:receiveTask bpmn:scriptTask bpmn:sendTask bpmn:sequenceFlow bpmn:serviceTask bpmn:startEvent bpmn:subChoreography bpmn:subProcess bpmn:task bpmn:transaction bpmn:userTask', 'bpmn:artifact bpmn:association bpmn:group bpmn:textAnnotation'),
    'bpmn:userTask': ('bpmn:documentation', 'bpmn:extensionElements', 'bpmn:auditing', 'bpmn:monitoring', 'bpmn:categoryValueRef', 'bpmn:incoming', 'bpmn:outgoing', 'bpmn:ioSpecification', 'bpmn:property', 'bpmn:dataInputAssociation', 'bpmn:dataOutputAssociation', 'bpmn:resourceRole bpmn:performer bpmn:humanPerformer bpmn:potentialOwner', 'bpmn:loopCharacteristics bpmn:multiInstanceLoopCharacteristics bpmn:standardLoopCharacteristics', 'bpmn:rendering'),
    'bpmndi:BPMNDiagram': ('bpmndi:BPMNPlane', 'bpmndi:BPMNLabelStyle'),
    'bpmndi:BPMNEdge': ('di:extension', 'di:waypoint', 'bpmndi:BPMNLabel'),
    'bpmndi:BPMNLabel': ('di:extension', 'dc:Bounds'),
    'bpmndi:BPMNLabelStyle': ('dc:Font',),
    'bpmndi:BPMNPlane': ('di:extension', 'di:DiagramElement bpmndi:BPMNShape bpmndi:BPMNEdge'),
    'bpmndi:BPMNShape': ('di:extension', 'dc:Bounds', 'bpmndi:BPMNLabel'),
    'di:DiagramElement': ('di:extension',),
    'di:Edge': ('di:extension', 'di:waypoint'),
    'di:Label': ('di:extension', 'dc:Bounds'),
    'di:LabeledEdge': ('di:extension', 'di:waypoint'),
    'di:LabeledShape': ('di:extension', 'dc:Bounds'),
    'di:Node': ('di:extension',),
    'di:Plane': ('di:extension', 'di:DiagramElement bpmndi:BPMNShape bpmndi:BPMNEdge'),
    'di:Shape': ('di:extension', 'dc:Bounds'),
}


def _clark(name: str) -> str:
    prefix, local_name = name.split(":")
    return f"{{{PREFIXES[prefix]}}}{local_name}"


@cache
def rank_table() -> dict[str, dict[str, int]]:
    """{parent Clark name: {child Clark name: rank}} built from :data:`CHILD_ORDER`, once per process
    (the reader, the writer and the reader's name list each ask: the same table, not to be changed)."""
    table: dict[str, dict[str, int]] = {}
    for parent, groups in CHILD_ORDER.items():
        ranks: dict[str, int] = {}
        for rank, group in enumerate(groups):
            for child in group.split():
                ranks[_clark(child)] = rank
        table[_clark(parent)] = ranks
    return table
