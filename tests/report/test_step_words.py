"""An unnamed step is named in words, never by its id (found by QA: the report's rows read "days waiting at:
Timer Paminnelse" and "Timer_Paminnelse — väntetid", and the page's waits table "Timer_Paminnelse")."""

from __future__ import annotations

from bpmn_io.reader import parse_bpmn
from report.assumptions import assumption_tables
from report.html import step_names
from report.stepwords import unnamed_words
from report.words import figure_words
from scenarios.bases import library_base

TIMER = "Timer_Paminnelse"  # Åstorp's reminder: an unnamed timer on "Invänta komplettering", P14D in the BPMN


def _astorp() -> tuple[str, dict]:
    base = library_base("astorp", source="test", line=None)
    return base.bpmn, dict(base.profile)


def test_an_unnamed_timer_is_named_by_its_wait_and_its_step_in_each_language() -> None:
    bpmn, profile = _astorp()
    names = step_names({"astorp": bpmn}, {"astorp": profile})
    assert names["en"]["astorp"][TIMER] == "timer after 2 weeks in “Wait for the supplement”"  # the profile's delay
    assert names["sv"]["astorp"][TIMER] == "bevakning efter 2 veckor i ”Invänta komplettering”"
    # a named step by its name in each language (found by QA, stepnames24: Swedish on the English page)
    assert [names[lang]["astorp"]["Task_Paminn_Sokanden"] for lang in ("en", "sv")] == ["Send a reminder",
                                                                                      "Skicka påminnelse"]
    assert figure_words(f"astorp/wait_days.{TIMER}", "en", names["en"]["astorp"]) == \
        "days waiting at: timer after 2 weeks in “Wait for the supplement”"
    assert figure_words(f"astorp/elapsed_days.{TIMER}", "sv", names["sv"]["astorp"]) == \
        "dagar i: bevakning efter 2 veckor i ”Invänta komplettering”"
    defs = parse_bpmn(bpmn.encode("utf-8"), source="astorp.bpmn")
    assert unnamed_words(defs, {}, "en") == {TIMER: "timer after 14 days in “Wait for the supplement”"}  # the BPMN's


def test_the_assumptions_table_names_an_unnamed_timer_in_words() -> None:
    bpmn, profile = _astorp()
    (table,) = assumption_tables({"astorp": profile}, step_names({"astorp": bpmn}, {"astorp": profile}), None)
    (row,) = [r for r in table["rows"] if r["path"] == f"simulation.elements.{TIMER}.delay"]
    assert row["words"] == {"en": "timer after 2 weeks in “Wait for the supplement” — waiting time",
                            "sv": "bevakning efter 2 veckor i ”Invänta komplettering” — väntetid"}
    assert not [r for r in table["rows"] if "Timer" in r["words"]["en"] + r["words"]["sv"]]


def test_the_pages_waits_table_names_an_unnamed_timer_in_the_pages_language() -> None:
    from web.answer import diagram

    bpmn, profile = _astorp()
    wait = {"mean": 3.5, "ci": [3.0, 4.0]}
    drawn = diagram(bpmn, "astorp", {f"astorp/wait_days.{TIMER}": wait}, {f"astorp/wait_days.{TIMER}": wait},
                    profile["simulation"]["elements"])
    assert [w["step"] for w in drawn["waits"]] == [{"sv": "bevakning efter 2 veckor i ”Invänta komplettering”",
                                                   "en": "timer after 2 weeks in “Wait for the supplement”"}]
