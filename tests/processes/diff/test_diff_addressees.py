"""A step that names its addressees by a group word or a list of bodies stands for the other
model's per-body steps of the same work (addressees.py; bench/RESULTS-matching.md "Branch many94",
p60's shapes)."""

from __future__ import annotations

from diffbuilders import candidates, model, only

from processes.diff import diff_models
from processes.diff.addressees import group_words


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
