"""A step that names its addressees by a group word or a list of bodies stands for the other
model's per-body steps of the same work (addressees.py; bench/RESULTS-matching.md "Branch many94",
p60's shapes)."""

from __future__ import annotations

from diffbuilders import candidates, model, only, remiss_and_answer_per_body

from processes.diff import diff_models
from processes.diff.addressees import group_words, narrowed_apart
from processes.diff.matchtypes import Match


def _per_body() -> object:
    """An integrator's view: one remiss and one answer per body, each worded its own way, then the
    decision to the applicant and a parallel block of notices."""
    nodes = [
        ("S", "start", "Ansökan inskickad i e-tjänsten"), ("R", "serviceTask", "Ärende skapat och diariefört"),
        ("G1", "and", ""), ("G2", "and", ""),
        ("RP", "sendTask", "Remiss exporterad till Polisens system"),
        ("YP", "message", "Yttrande från Polisen importerat"),
        ("RK", "sendTask", "Förfrågan till Kronofogden skickad"),
        ("YK", "message", "Svar från Kronofogden registrerat"),
        ("RR", "sendTask", "Remiss skickad till räddningstjänsten"),
        ("YR", "message", "Yttrande från räddningstjänsten registrerat"),
        ("KS", "serviceTask", "Kontroll av skulder hos Skatteverket"),
        ("D", "userTask", "Arbetsutskottet fattar beslut"),
        ("U", "sendTask", "Beslutet skickat till sökanden via Mina sidor"),
        ("G3", "and", ""), ("G4", "and", ""),
        ("UL", "sendTask", "Beslutet skickat till Länsstyrelsen"),
        ("UP", "sendTask", "Beslutet exporterat till Polisen"),
        ("T", "serviceTask", "Tillståndet registrerat i tillsynsregistret"),
        ("Z", "serviceTask", "Ärende arkiverat i e-arkiv"), ("E", "end", "Status: avslutat"),
    ]  # fmt: skip
    flows = [("G1", "RP"), ("RP", "YP"), ("YP", "G2"), ("G1", "RK"), ("RK", "YK"), ("YK", "G2")]
    flows += [
        ("G1", "RR"),
        ("RR", "YR"),
        ("YR", "G2"),
        ("G1", "KS"),
        ("KS", "G2"),
        ("G2", "D"),
        ("D", "U"),
        ("U", "G3"),
    ]
    flows += [("G3", "UL"), ("UL", "G4"), ("G3", "UP"), ("UP", "G4"), ("G4", "T"), ("T", "Z"), ("Z", "E")]
    return model(nodes, flows, chain="S R G1")


def _coarse(
    remiss: str = "Maila remisser till polisen och de andra", dispatch: str = "Skicka ut beslutet till alla"
) -> object:
    """A lone officer's to-do list: one step for all the remisses, all the answers, all the letters."""
    nodes = [
        ("S", "start", "Ansökan kommer in via mejl"), ("K", "userTask", "Lägga in ansökan i diariet"),
        ("M", "sendTask", remiss), ("A", "message", "Alla svar är inne"),
        ("N", "userTask", "Nämnden tar beslut på sitt möte"), ("U", "sendTask", dispatch), ("E", "end", "Klart"),
    ]  # fmt: skip
    return model(nodes, chain="S K M A N U E")


def _grouped(d: object) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return sorted((m.a, m.b) for m in d.matches if len(m.a) + len(m.b) > 2)


def test_group_words_and_phrases() -> None:
    assert group_words("Maila remisser till polisen och de andra") == ("de andra",)
    assert group_words("Alla svar är inne") == ("alla",)
    assert group_words("Samtliga remissyttranden inkomna") == ("samtliga",)
    assert group_words("Vi frågar polisen, Skatteverket m.fl.") == ("m fl",)
    assert group_words("Remiss till polisen") == ()


def test_the_steps_that_name_everyone_take_the_per_body_steps() -> None:
    d = diff_models(_per_body(), _coarse())
    assert _grouped(d) == [
        (("RP", "RK", "RR"), ("M",)),  # "de andra": a remiss to each, whatever the verb
        (("YP", "YK", "YR"), ("A",)),  # "alla svar": each body's answer
    ]
    # a branch beside the remisses that names a body, its work not one the lexicon relates to
    # "maila remisser", is asked about with the step that names everyone, not claimed "only"
    assert ("M",) in [c.ids for c in candidates(d, "a", "KS")]
    assert "a:KS" not in only(d)


def test_read_from_the_other_side_the_same_correspondences() -> None:
    d = diff_models(_coarse(), _per_body())
    assert sorted((m.b, m.a) for m in d.matches if len(m.a) + len(m.b) > 2) == [
        (("RP", "RK", "RR"), ("M",)),
        (("YP", "YK", "YR"), ("A",)),
    ]
    assert ("M",) in [c.ids for c in candidates(d, "b", "KS")]


def test_a_list_takes_only_the_bodies_it_names() -> None:
    d = diff_models(_per_body(), _coarse(remiss="Remisser till polisen och räddningstjänsten"))
    remiss = [m for m in d.matches if "M" in m.b]
    assert [m.a for m in remiss] == [("RP", "RR")]  # not the Kronofogden request


def test_no_group_word_and_one_body_is_no_coarse_step() -> None:
    d = diff_models(_per_body(), _coarse(remiss="Remiss till polisen"))
    assert all(len(m.a) == 1 for m in d.matches if "M" in m.b)


def test_other_work_to_the_same_bodies_is_not_taken() -> None:
    # "Kopior till polisen och Länsstyrelsen" is the decision sent, not the remisses to those bodies
    d = diff_models(_per_body(), _coarse(remiss="Kopior till polisen och Länsstyrelsen"))
    assert not any(set(m.a) & {"RP", "RK", "RR"} for m in d.matches if "M" in m.b)


_FOUR_BODIES = (
    ("P", "polisen", "Polisens"),
    ("K", "Skatteverket", "Skatteverkets"),
    ("M", "miljöförvaltningen", "Miljöförvaltningens"),
    ("R", "räddningstjänsten", "Räddningstjänstens"),
)


def _remiss_and_answer_per_body() -> object:
    """start -> Registrera ansökan -> parallel: one remiss and its answer per body (four) -> Fatta beslut -> end."""
    return remiss_and_answer_per_body(_FOUR_BODIES)


def _remiss_to_two() -> object:
    """One remiss step to two of the four bodies, then one step for all their answers."""
    nodes = [
        ("S", "start", ""), ("T0", "userTask", "Registrera ansökan"),
        ("T1", "sendTask", "Skicka remisser till polisen och Skatteverket"),
        ("V", "timer", "Alla remissvar har kommit in"), ("T9", "userTask", "Fatta beslut"), ("E", "end", ""),
    ]  # fmt: skip
    return model(nodes, chain="S T0 T1 V T9 E")


def test_the_answers_the_answers_pass_removed_stay_out() -> None:
    # answers.py narrows "Alla remissvar" to the answers of the bodies its remiss went to; "alla" must
    # not take the other two back (p45's shape, bench/RESULTS-matching.md "Branch many94b")
    for d, side in ((diff_models(_remiss_and_answer_per_body(), _remiss_to_two()), "a"),
                    (diff_models(_remiss_to_two(), _remiss_and_answer_per_body()), "b")):  # fmt: skip
        held = {s: m for m in d.matches for s in (m.a if side == "a" else m.b)}
        answers = held["YttP"]
        assert held["YttK"] is answers
        assert set(answers.a if side == "a" else answers.b) == {"YttK", "YttP"}
        assert "YttM" not in held and "YttR" not in held
        # as on main: each stays a question with the step for all the answers, not "only"
        for answer in ("YttM", "YttR"):
            assert ("V",) in [c.ids for c in candidates(d, side, answer)]
            assert f"{side}:{answer}" not in only(d)


def test_narrowed_apart_records_only_a_narrowing() -> None:
    group = Match(("x",), ("p", "k", "m", "r"), 0.5, 0.5, "grouped")
    narrowed = Match(("x",), ("p", "k"), 0.5, 0.5, "grouped")
    other = Match(("y",), ("q",), 0.5, 0.5)
    assert narrowed_apart([group, other], [narrowed, other]) == {("x", "m"), ("x", "r")}
    # a step exchanged for another is no narrowing; an untouched list records nothing
    assert narrowed_apart([other], [Match(("y",), ("z",), 0.5, 0.5)]) == frozenset()
    assert narrowed_apart([group, other], [group, other]) == frozenset()
