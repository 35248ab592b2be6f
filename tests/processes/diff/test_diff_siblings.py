"""The uncertain tier's question about one more of a group (siblings.py, tiers.py): a step left over
of the same kind and type as every step of a one-to-many's many side, whose label is at least the
uncertain bar alike with the one step, is asked about it ("may be one more of the N steps matched
to Y"), whatever the rival margin; not reported as only in its model.

The positive tests fail without the rule (checked by disabling it)."""

from __future__ import annotations

from pathlib import Path

from diffbuilders import candidates, model, only

from bpmn_io.loading import load_model
from processes.diff import diff_models, parse_decisions

P21 = Path(__file__).resolve().parents[3] / "bench" / "matching" / "sv" / "p21"


def _id(path: Path, name: str) -> str:
    (found,) = [n.id for p in load_model(path).processes for n in p.nodes.values() if n.name == name]
    return found


def test_a_third_answer_event_is_asked_about_the_event_of_all_answers() -> None:
    # bench pair p21: B's "Samtliga remissvar har kommit in" is grouped with two of A's answer
    # events; A's third, "Svar från Skatteverket och Kronofogden" (labels 0.33 alike), scores 0.52
    # against the group's 0.78: under the rival share, reported as only in A without the rule
    d = diff_models(load_model(P21 / "a.yaml"), load_model(P21 / "b.yaml"))
    third = _id(P21 / "a.yaml", "Svar från Skatteverket och Kronofogden")
    all_in = _id(P21 / "b.yaml", "Samtliga remissvar har kommit in")
    (group,) = [m for m in d.matches if all_in in m.b]
    assert len(group.a) == 2 and third not in group.a
    (c,) = [c for c in candidates(d, "a", third) if c.ids == (all_in,)]
    assert c.reasons[-1] == "may be one more of the 2 steps matched to Samtliga remissvar har kommit in"
    assert "already matched to another step" in c.reasons
    assert f"a:{third}" not in only(d)


def _remisser(third: tuple[str, str]):
    a = model(
        [
            ("S", "start", ""),
            ("A0", "userTask", "Granska ansökan"),
            ("A1", "sendTask", "Remiss till polisen"),
            ("A2", "sendTask", "Remiss till Skatteverket"),
            ("A3", third[0], third[1]),
            ("A4", "userTask", "Besluta om tillstånd"),
            ("E", "end", ""),
        ],
        chain="S A0 A1 A2 A3 A4 E",
    )
    b = model(
        [
            ("S", "start", ""),
            ("B0", "userTask", "Granska ansökan"),
            ("B1", "sendTask", "Skicka remisser"),
            ("B2", "userTask", "Besluta om tillstånd"),
            ("E", "end", ""),
        ],
        chain="S B0 B1 B2 E",
    )
    confirmed = parse_decisions("confirm:\n  - {a: [A1, A2], b: [B1]}\n")
    return diff_models(a, b, decisions=confirmed)


def test_a_third_remiss_step_is_asked_about_the_one_remiss_step() -> None:
    d = _remisser(("sendTask", "Remiss till Kronofogden"))
    assert any(m.a == ("A1", "A2") and m.b == ("B1",) for m in d.matches)
    (c,) = candidates(d, "a", "A3")
    assert c.ids == ("B1",)
    assert c.reasons[-1] == "may be one more of the 2 steps matched to Skicka remisser"
    assert only(d) == []


def test_a_step_of_another_type_or_sharing_nothing_stays_only() -> None:
    # the same label drawn as a user task: not one more of two send tasks; a send task whose label
    # shares nothing with "Skicka remisser": nothing says it is one more
    for third in (("userTask", "Remiss till Kronofogden"), ("sendTask", "Kontakta Kronofogden")):
        d = _remisser(third)
        assert candidates(d, "a", "A3") == [], third
        assert only(d) == ["a:A3"], third
