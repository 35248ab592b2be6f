"""A Swedish refusal of an uploaded profile says the profile rule in Swedish (found by QA, words24).

The page's Swedish refusal quoted most profile-rule messages in English, marked "(på engelska)": "p.yaml, rad 137:
simulation.pools.officer.fte: (på engelska) pool 'officer': fte 2.0 must be in (0, 1]". Each rule now has its
English and Swedish in one table keyed by the rule (processes/rulewords.py), the file, line and key path kept.
One profile of the library, broken one way per message family, read as the page reads an upload.
"""

from __future__ import annotations

import re
import string

import pytest

from bpmn_io.library import library_paths
from processes.rulewords import RULES
from web.whatif import PageError, read_upload

BPMN, PROFILE = (p.read_bytes() for p in library_paths("helsingborg"))


def refusal(old: str, new: str) -> tuple[str, str]:
    """The page's refusal (English, Swedish) of Helsingborg's profile with ``old`` (once in it) written ``new``."""
    text = PROFILE.decode("utf-8")
    assert text.count(old) == 1, old
    with pytest.raises(PageError) as caught:
        read_upload("Test", BPMN, "m.bpmn", text.replace(old, new).encode("utf-8"), "p.yaml")
    return str(caught.value), caught.value.sv


def line_of(text: str) -> int:
    return PROFILE.decode("utf-8").split("\n").index(next(li for li in PROFILE.decode("utf-8").split("\n")
                                                          if text in li)) + 1


FAMILIES = [
    # numbers and their bounds
    ("count: 2\n      fte: 0.5", "count: 0\n      fte: 0.5", "simulation.pools.officer.count",
     "0 is not a whole number >= 1", "0 är inte ett heltal som är minst 1"),
    ("per_year: 25", "per_year: many", "simulation.arrivals.per_year",
     "'many' is not a number >= 0", "'many' är inte ett tal som är minst 0"),
    # durations
    ("duration: {dist: lognormal, mean: 30m, sd: 15m}", "duration: 3x", "simulation.elements.Task_Registrera_Ansokan.duration",
     "work duration '3x' is not a number with a unit (expected e.g. '30m', '4h'; units m, h)",
     "arbetstiden '3x' är inte ett tal med enhet (förväntade t.ex. '30m', '4h'; enheter m, h)"),
    # distributions
    ("duration: {dist: lognormal, mean: 30m, sd: 15m}", "duration: {dist: lognorml, mean: 30m, sd: 15m}",
     "simulation.elements.Task_Registrera_Ansokan.duration.dist",
     "unknown distribution 'lognorml' (expected one of fixed, exponential, uniform, triangular, normal, lognormal, "
     "gamma, empirical)",
     "okänd fördelning 'lognorml' (förväntade en av fixed, exponential, uniform, triangular, normal, lognormal, "
     "gamma, empirical)"),
    # pools and calendars
    ("count: 2\n      fte: 0.5", "count: 2\n      fte: 2", "simulation.pools.officer.fte",
     "pool 'officer': fte 2.0 must be in (0, 1]", "poolen 'officer': fte 2.0 måste vara i (0, 1]"),
    ("holidays: SE", "holidays: XX", "simulation.calendars.office.holidays",
     "unknown holiday country 'XX' (expected a code such as SE, or none)",
     "okänt land för helgdagar 'XX' (förväntade en landskod som SE, eller ingen)"),
    # gateways
    ("probabilities: {Flow_Avgift_Ja: 0.9, Flow_Avgift_Nej: 0.1}",
     "probabilities: {Flow_Avgift_Ja: 0.5, Flow_Avgift_Nej: 0.1}", "simulation.elements.Gw_Avgift_Betald.probabilities",
     # the gateway by its name in the page's language, not its id (found by QA)
     "gateway “Application fee paid?”: probabilities must each be in [0, 1] and sum to 1 (within 1e-9), got "
     "sum 0.6",
     "gatewayen ”Ansökningsavgift betald?”: sannolikheterna måste var och en ligga i [0, 1] och summera till "
     "1 (inom 1e-9), "
     "summan är 0.6"),
    # decisions and meetings
    ("    delegation: committee", "    delegation: king", "simulation.decision.delegation",
     "unknown delegation level 'king' (expected one of officer, manager, chair, working_committee, committee)",
     "okänd delegationsnivå 'king' (förväntade en av officer, manager, chair, working_committee, committee)"),
    ('rrule: "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3"', 'rrule: "FREQ=SOMETIMES"',
     "simulation.decision.bodies.committee.meetings.rrule",
     "invalid RRULE 'FREQ=SOMETIMES': invalid 'FREQ': SOMETIMES (expected e.g. 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3')",
     "ogiltig RRULE 'FREQ=SOMETIMES' (förväntade t.ex. 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3') (teknisk uppgift: "
     "”invalid 'FREQ': SOMETIMES”)"),
    # the legal clock
    ("deadline: 4mo", "deadline: soon", "simulation.clock.deadline",
     "duration 'soon' is not a number with a unit (expected e.g. '30m', '4h'; units m, h, d, w, mo, y)",
     "tidslängden 'soon' är inte ett tal med enhet (förväntade t.ex. '30m', '4h'; enheter m, h, d, w, mo, y)"),
    # the whole simulation
    ("  warmup: 8w", "  warmup: 5y", "simulation.warmup",
     "warmup of 5 years must be shorter than the horizon of 1 year: give a horizon longer than "
     "5 years, or a shorter warmup",
     "uppvärmningen på 5 år måste vara kortare än simuleringslängden på 1 år: ange en "
     "simuleringslängd längre än 5 år, eller en kortare uppvärmning"),
    ("  start: 2025-01-01", "  start: jan", "simulation.start",
     "'jan' is not a date (expected YYYY-MM-DD)", "'jan' är inte ett datum (förväntade ÅÅÅÅ-MM-DD)"),
]


@pytest.mark.parametrize("old,new,path,en,sv", FAMILIES, ids=[f[2].rsplit(".", 1)[-1] + "-" + f[1][-8:].strip()
                                                               for f in FAMILIES])
def test_a_profile_rule_is_said_in_swedish_with_its_file_line_and_key(old, new, path, en, sv):
    said_en, said_sv = refusal(old, new)
    key = path.rsplit(".", 1)[-1]
    line = line_of(next(text for text in old.split("\n") if key in text))
    assert said_en == f"The profile could not be read. Details: p.yaml, line {line}: {path}: {en}"
    assert said_sv == f"Profilen kunde inte läsas. Detaljer: p.yaml, rad {line}: {path}: {sv}"


def test_a_condition_on_a_gateway_is_said_in_swedish():
    _, sv = refusal("probabilities: {Flow_Avgift_Ja: 0.9, Flow_Avgift_Nej: 0.1}",
                    "conditions: {Flow_Avgift_Ja: \"kind === 1\", Flow_Avgift_Nej: \"true\"}")
    assert "villkoret 'kind === 1': kan inte läsa '= 1' (förväntade `attribut OP värde` förenade med and/or" in sv
    assert "(på engelska)" not in sv


def test_every_rule_has_both_languages_naming_the_same_values():
    for rule, (en, sv) in RULES.items():
        names = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (en, sv)]
        assert names[0] == names[1], rule
        assert en != sv, rule


def test_no_profile_check_words_a_message_outside_the_table():
    # every refusal of the profile's readers goes through the table: none builds an English sentence of its own
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for name in ("bpmn_io/profile_schema.py", "bpmn_io/profile_decision.py", "bpmn_io/profile_values.py",
                 "bpmn_io/profile_calendar.py", "bpmn_io/profile_facts.py", "processes/params.py", "processes/staffing.py", "processes/delegation.py",
                 "processes/legalclock.py", "processes/distributions.py", "processes/durations.py",
                 "processes/conditions.py"):
        text = (root / name).read_text(encoding="utf-8")
        assert not re.search(r"raise (fail|InputError)\(", text), name
