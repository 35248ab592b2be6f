"""Granting or refusing the permit is a decision step (granting.py, read by deciding.is_decision).

bench/RESULTS-matching.md, "Branch many67": the rule as written before its first run.
"""

from __future__ import annotations

from diffbuilders import candidates, decision_alternatives, decision_model, model, only

from processes.diff import diff_models
from processes.diff.deciding import is_decision
from processes.diff.granting import grants_or_refuses


def test_what_a_grant_or_refusal_of_the_permit_is() -> None:
    swedish = ("Bevilja serveringstillstånd (delegat – arbetsutskottet)", "Avslå ansökan om serveringstillstånd",
               "Arbetsutskottet beviljar tillstånd", "Ansökan om serveringstillstånd beviljas", "Stadigvarande serveringstillstånd beviljas",
               "Meddela serveringstillstånd", "Ge tillstånd")
    assert [grants_or_refuses(x, "sv") for x in swedish] == [True] * len(swedish)
    not_swedish = ("Meddela beslut om tillstånd", "Bevilja anstånd", "Utfärda tillståndsbevis", "Godkänna ansökan",
                   "Förslag: avslå ansökan", "Skicka avslag till sökanden", "Meddela sökanden att ansökan beviljas",
                   "Bevilja att ansökan kompletteras senare")
    assert [grants_or_refuses(x, "sv") for x in not_swedish] == [False] * len(not_swedish)
    english = ("Grant the premises licence", "Committee refuses application", "Licence granted",
               "Application is approved", "Deny the permit")
    assert [grants_or_refuses(x, "en") for x in english] == [True] * len(english)
    not_english = ("Send granted licence", "Recommend granting the licence", "Notify applicant that licence is granted",
                   "Approve the invoice", "Reject application", "Decision by the committee")
    assert [grants_or_refuses(x, "en") for x in not_english] == [False] * len(not_english)


def test_a_grant_is_a_decision_step_in_both_languages() -> None:
    assert is_decision("Bevilja serveringstillstånd", "sv") and is_decision("Grant the premises licence", "en")
    # after a deciding body's name, read as deciding.is_decision reads "… arbetsutskott beslutar"
    assert is_decision("Socialnämndens arbetsutskott avslår ansökan", "sv")
    assert not is_decision("Decision by the committee", "en")  # English decisions by noun are still not read


def test_the_grant_and_the_refusal_against_one_decision_step() -> None:
    # sv-r19 p70's shape: the working committee grants on delegation, the committee refuses; the
    # other model's one "Socialutskottet beslutar" is both (main paired it with the grant alone,
    # by context, and left the refusal uncertain)
    d = diff_models(decision_model("Socialutskottet beslutar"),
                    decision_alternatives("Bevilja serveringstillstånd (delegat – arbetsutskottet)",
                                          "Beslut i ärendet (socialnämnden – avslag delegeras inte)"))
    assert [(m.a, sorted(m.b)) for m in d.matches if "T2" in m.a] == [(("T2",), ["D0", "D1"])]
    assert candidates(d, "b", "D0") == [] and "b:D0" not in only(d)


def _english(*labels: str):
    """An English licensing process whose decision is drawn as one step per label (D0, D1, …) on
    the branches of one exclusive gateway."""
    nodes = [("S", "start", "Application received"), ("U1", "userTask", "Assess the application"), ("X1", "xor", "")]
    ids = [f"D{i}" for i in range(len(labels))]
    nodes += [(x, "userTask", lab) for x, lab in zip(ids, labels, strict=True)]
    nodes += [("X2", "xor", ""), ("U3", "sendTask", "Send the decision letter"), ("E", "end", "Done")]
    flows = [("S", "U1"), ("U1", "X1"), *(("X1", x) for x in ids), *((x, "X2") for x in ids), ("X2", "U3"), ("U3", "E")]
    return model(nodes, flows)


def test_english_grant_and_refusal_against_one_grant_or_refusal_step() -> None:
    # main (no English decision step) paired the one step with the grant alone, the refusal uncertain
    d = diff_models(_english("Grant or refuse the licence"), _english("Grant the premises licence", "Refuse the application"))
    assert [(m.a, sorted(m.b)) for m in d.matches if "D0" in m.a] == [(("D0",), ["D0", "D1"])]


def test_weak_case_a_decision_the_english_reading_does_not_name_stays_uncertain() -> None:
    # the other model's "hearing and decision" is no decision step (English decisions are read only
    # by granting or refusing): no one-to-many is made, both outcomes stay uncertain, not "only in b"
    d = diff_models(_english("Sub-committee hearing and decision"),
                    _english("Grant the premises licence", "Refuse the application"))
    assert not [m for m in d.matches if "D0" in m.a or "D0" in m.b or "D1" in m.b]
    assert [c.ids for c in candidates(d, "b", "D1")] == [("D0",)] and only(d) == []
