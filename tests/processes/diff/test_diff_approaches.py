"""The applicant approaching the office is not the application coming in: lone start events of
that kind are not forced together, they are asked about, and the start where the application comes
in is paired with the step where it comes in when nothing competes (approaches.py;
bench/RESULTS-matching.md "Branch many21", "Branch many26")."""

from __future__ import annotations

import pytest
from diffbuilders import model

from processes.diff import diff_models
from processes.diff.approaches import ARRIVAL, applicant_approaches, application_arrives, application_step
from processes.diff.decisions import Decision, MatchDecisions
from processes.diff.view import build_view


def _office(start: str = "Ansökan inkommen") -> object:
    """The office's procedure: it starts when the application arrives."""
    nodes = [
        ("S", "start", start),
        ("R", "userTask", "Registrera ansökan"),
        ("U", "userTask", "Utred ärendet"),
        ("D", "userTask", "Besluta om serveringstillstånd"),
        ("E", "end", "Beslut skickat"),
    ]
    return model(nodes, chain="S R U D E")


def _guide(start: str, submit: str = "Du skickar in ansökan i e-tjänsten") -> object:
    """A guide for the applicant: start [-> the applicant sends the application] -> the rest."""
    nodes = [("S2", "start", start)]
    chain = "S2"
    if submit:
        nodes.append(("T1", "userTask", submit))
        chain += " T1"
    nodes += [
        ("T2", "userTask", "Handläggaren utreder ärendet"),
        ("T3", "userTask", "Nämnden beslutar om serveringstillstånd"),
        ("E2", "end", "Du får beslutet"),
    ]
    return model(nodes, chain=chain + " T2 T3 E2")


def _chain_guide(start: str, steps: list[str]) -> object:
    """A guide: start -> ``steps`` -> the case investigated and decided."""
    nodes = [("S2", "start", start)] + [(f"T{k}", "userTask", n) for k, n in enumerate(steps, 1)]
    nodes += [
        ("T8", "userTask", "Handläggaren utreder ärendet"),
        ("T9", "userTask", "Nämnden beslutar om serveringstillstånd"),
        ("E2", "end", "Du får beslutet"),
    ]
    chain = " ".join(["S2", *(f"T{k}" for k in range(1, len(steps) + 1)), "T8", "T9", "E2"])
    return model(nodes, chain=chain)


def _pairs(d: object) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    return {(m.a, m.b) for m in d.matches}


def _asked(d: object, side: str, step: str) -> list[tuple[str, ...]]:
    return [c.ids for u in d.uncertain if u.side == side and u.step == step for c in u.candidates]


def _only(d: object) -> set[str]:
    return {(x.a or x.b)[0] for x in d.differences if x.kind in ("only_in_a", "only_in_b")}


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        ("Du vill servera alkohol i din restaurang", "sv"),
        ("Sökanden hör av sig", "sv"),
        ("Du har bestämt dig för att öppna en uteservering", "sv"),
        ("Sökanden kontaktar kommunen", "sv"),
        ("You decide to serve beer, wine or liquor", "en"),
        ("The applicant gets in touch with the licensing office", "en"),
        ("You plan to open a bar", "en"),
    ],
)
def test_the_applicant_wanting_deciding_or_getting_in_touch_is_an_approach(label: str, lang: str) -> None:
    assert applicant_approaches(label, lang)
    assert not application_arrives(label, lang)


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        ("Du skickar in ansökan och betalar avgiften i e-tjänsten", "sv"),
        ("Sökanden startar e-tjänsten", "sv"),
        ("Sökanden loggar in med BankID", "sv"),
        ("Handläggaren kontaktar sökanden", "sv"),
        ("Ansökan inkommen", "sv"),
        ("You submit the application", "en"),
        ("Application received", "en"),
        ("Du vill servera alkohol", "en"),
    ],
)
def test_sending_the_application_another_subject_or_another_language_is_no_approach(
    label: str, lang: str
) -> None:
    assert not applicant_approaches(label, lang)


def test_the_application_comes_in_when_a_start_names_it() -> None:
    assert application_arrives("Inflöde ansökan", "sv")
    assert application_arrives("Ansökningsblankett inkommen", "sv")
    assert application_arrives("Application packet received at the counter", "en")
    assert not application_arrives("Ärende skapas via e-tjänst", "sv")
    assert not application_arrives("Case opened", "en")


def test_an_applicant_deciding_is_not_the_application_coming_in() -> None:
    d = diff_models(_office(), _guide("Du vill servera alkohol i din restaurang"))
    assert not [m for m in d.matches if ("S",) == m.a and ("S2",) == m.b]
    assert {(("U",), ("T2",)), (("D",), ("T3",)), (("E",), ("E2",))} <= _pairs(d)
    # the decision to serve asks first about the office's start, saying why they were not paired
    [decide] = [u for u in d.uncertain if u.side == "b" and u.step == "S2"]
    assert decide.candidates[0].ids == ("S",)
    assert "applicant deciding or getting in touch" in decide.candidates[0].reasons[-1]
    assert not _only(d) & {"S", "S2"}


def test_the_application_coming_in_is_paired_with_the_step_where_the_guide_sends_it() -> None:
    d = diff_models(_office(), _guide("Du vill servera alkohol i din restaurang"))
    [(a, b, how)] = [(m.a, m.b, m.how) for m in d.matches if "S" in m.a]
    assert (a, b, how) == (("S",), ("T1",), ARRIVAL)
    assert not _asked(d, "a", "S") and not _asked(d, "b", "T1")
    [note] = [n for n in d.notes if n.startswith("“Ansökan inkommen” = “Du skickar in ansökan i e-tjänsten”")]
    assert "after “Du vill servera alkohol i din restaurang”" in note


def test_a_step_left_over_more_alike_the_start_leaves_it_asking() -> None:
    steps = ["Du betalar avgiften och ansöker i e-tjänsten", "Vi bedömer din inkomna ansökan"]
    d = diff_models(_office(), _chain_guide("Du vill servera alkohol i din restaurang", steps))
    assert not [m for m in d.matches if "S" in m.a]
    # it asks first about where the guide sends the application, then the guide's start
    assert _asked(d, "a", "S")[:2] == [("T1",), ("S2",)]
    assert ("T2",) in _asked(d, "a", "S")
    assert not _only(d) & {"S", "S2", "T1", "T2"}


def test_a_rejected_arrival_pair_is_not_made() -> None:
    office, guide = _office(), _guide("Du vill servera alkohol i din restaurang")
    d = diff_models(office, guide, decisions=MatchDecisions(reject=(Decision(("S",), ("T1",)),)))
    assert not [m for m in d.matches if "S" in m.a]
    assert ("T1",) in _asked(d, "a", "S")


def test_a_start_that_sends_the_application_stays_paired() -> None:
    d = diff_models(_office(), _guide("Du skickar in ansökan", submit="Du fyller i ansökan i e-tjänsten"))
    assert (("S",), ("S2",)) in _pairs(d)


def test_an_office_start_that_does_not_name_the_application_stays_paired() -> None:
    d = diff_models(_office("Ärende skapas"), _guide("Du vill servera alkohol"))
    assert (("S",), ("S2",)) in _pairs(d)


def test_getting_in_touch_with_no_application_after_it_is_only_asked_about() -> None:
    d = diff_models(_office(), _guide("Sökanden hör av sig", submit=""))
    assert not [m for m in d.matches if "S" in m.a or "S2" in m.b]
    assert _asked(d, "b", "S2") == [("S",)]
    assert _asked(d, "a", "S") == [("S2",)]
    assert not _only(d) & {"S", "S2"}


def test_the_step_where_the_application_comes_in_is_the_first_after_the_start_that_names_it() -> None:
    guide = build_view(_guide("Du vill servera alkohol i din restaurang"))
    assert application_step(guide, "S2", "sv") == "T1"
    assert application_step(build_view(_guide("Sökanden hör av sig", submit="")), "S2", "sv") is None
