"""Small models without DI, built from the model dataclasses, for layout and drawing tests."""

from __future__ import annotations

from dataclasses import replace

from processes.model import (
    Collaboration,
    Definitions,
    Event,
    EventDefinition,
    FrozenMap,
    Gateway,
    Lane,
    LaneSet,
    MessageFlow,
    MultiInstance,
    Participant,
    Process,
    SequenceFlow,
    SubProcess,
    Task,
)


def _flows(pairs: list[tuple[str, ...]], parent_of: dict[str, str]) -> FrozenMap:
    flows = {}
    for i, pair in enumerate(pairs):
        source, target, *name = pair
        fid = f"F{i}_{source}_{target}"
        flows[fid] = SequenceFlow(fid, source, target, name=name[0] if name else "", parent=parent_of[source])
    return FrozenMap(flows)


def permit_process(process_id: str = "P") -> Process:
    """A permit process: two lanes, a loop, a boundary timer and a subprocess with a parallel split."""
    timer = EventDefinition(kind="timer", timer_kind="timeDuration")
    nodes = [
        Event(id="Start", name="Ansökan inkommer", position="start", definitions=(EventDefinition(kind="message"),)),
        Task(id="Register", name="Registrera ansökan", task_type="userTask"),
        Gateway(id="Complete", name="Komplett?", default="F2_Complete_Investigate"),
        Task(id="AskMore", name="Begär komplettering", task_type="sendTask"),
        Task(id="Investigate", name="Utred ansökan", task_type="userTask"),
        Event(id="Late", name="4 månader", position="boundary", attached_to="Investigate", cancel_activity=False,
              definitions=(timer,)),
        Task(id="Remind", name="Påminn handläggare", task_type="serviceTask"),
        SubProcess(id="Referrals", name="Remisser"),
        Event(id="RefStart", parent="Referrals", position="start"),
        Gateway(id="RefSplit", parent="Referrals", gateway_kind="parallel"),
        Task(id="Police", parent="Referrals", name="Yttrande från polisen"),
        Task(id="Tax", parent="Referrals", name="Yttrande från Skatteverket", loop=MultiInstance()),
        Gateway(id="RefJoin", parent="Referrals", gateway_kind="parallel"),
        Event(id="RefEnd", parent="Referrals", position="end"),
        Task(id="Decide", name="Beslut i nämnden", task_type="businessRuleTask"),
        Event(id="End", name="Beslut meddelat", position="end", definitions=(EventDefinition(kind="message"),)),
    ]
    nodes = [n if n.parent else replace(n, parent=process_id) for n in nodes]
    parent_of = {n.id: n.parent for n in nodes}
    flows = _flows(
        [
            ("Start", "Register"), ("Register", "Complete"), ("Complete", "Investigate", "ja"),
            ("Complete", "AskMore", "nej"), ("AskMore", "Register"), ("Investigate", "Referrals"),
            ("Late", "Remind"), ("RefStart", "RefSplit"), ("RefSplit", "Police"), ("RefSplit", "Tax"),
            ("Police", "RefJoin"), ("Tax", "RefJoin"), ("RefJoin", "RefEnd"), ("Referrals", "Decide"),
            ("Decide", "End"),
        ],
        parent_of,
    )
    lanes = (
        Lane("Officer", "Handläggare", ("Start", "Register", "Complete", "AskMore", "Investigate", "Late", "Remind",
                                         "Referrals")),
        Lane("Committee", "Nämnd", ("Decide", "End")),
    )
    return Process(
        id=process_id, name="Serveringstillstånd", nodes=FrozenMap({n.id: n for n in nodes}), flows=flows,
        lane_sets=(LaneSet("LaneSet_1", lanes=lanes, parent=process_id),),
    )


def permit_model() -> Definitions:
    """The permit process alone (no pool: layout adds one for the lanes)."""
    return Definitions(id="D", processes=(permit_process(),))


def collaboration_model() -> Definitions:
    """The permit process in a pool, an applicant pool with a process and a black-box police pool."""
    applicant_nodes = [
        Event(id="A_Start", position="start", parent="Applicant"),
        Task(id="A_Apply", name="Skicka ansökan", task_type="sendTask", parent="Applicant"),
        Event(id="A_Wait", name="Beslut", position="intermediate_catch", parent="Applicant",
              definitions=(EventDefinition(kind="message"),)),
        Event(id="A_End", position="end", parent="Applicant"),
    ]
    applicant = Process(
        id="Applicant",
        nodes=FrozenMap({n.id: n for n in applicant_nodes}),
        flows=_flows([("A_Start", "A_Apply"), ("A_Apply", "A_Wait"), ("A_Wait", "A_End")],
                     {n.id: n.parent for n in applicant_nodes}),
    )
    collaboration = Collaboration(
        id="Collab",
        participants=(
            Participant("Pool_Applicant", "Sökande", "Applicant"),
            Participant("Pool_Municipality", "Kommunen", "P"),
            Participant("Pool_Police", "Polisen"),
        ),
        message_flows=FrozenMap({
            "M1": MessageFlow("M1", "A_Apply", "Start", name="ansökan"),
            "M2": MessageFlow("M2", "End", "A_Wait"),
            "M3": MessageFlow("M3", "Police", "Pool_Police"),
        }),
    )
    return Definitions(id="D2", processes=(applicant, permit_process()), collaborations=(collaboration,))
