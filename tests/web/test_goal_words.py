"""The goal-seek answer's words for today's setting when it was not run further (dominated):
the setting ("upplägget", neuter) is what was not run further, so Swedish says "kört" and "det"."""

from __future__ import annotations

from typing import Any

from web.goalseek import goal_answer


def _row(officers: int, fte: float, level: str, cost: float, share: float, days: float) -> dict:
    return {"officers": officers, "fte": fte, "level": level, "cost": cost,
            "target_figure": {"mean": share}, "complete_to_decision_mean_days": {"mean": days}}


def test_a_dominated_setting_today_reads_as_the_setting_not_run_further():
    # the share of full time in words, as permitflow optimise and the assumptions table say it (found by QA,
    # words23: "0,5 av heltid"; words24: the page said "50 % av heltid", the command line "0,5 av heltid")
    result = {"processes": ["astorp"], "target": {"share": 0.9}, "ties": [], "holds_at_bad_end": True, "safe": None,
              "chosen": _row(1, 0.3, "officer", 600000, 0.97, 40),
              "today": {**_row(2, 0.5, "committee", 900000, 0.95, 50), "status": "dominated"}}
    answer = goal_answer(result, {"astorp": "Åstorp"})
    assert answer["sentence"]["sv"].endswith(
        "Dagens upplägg, 2 handläggare på halvtid, beslut av nämnden (900\u00a0000 kr per år, 95\u00a0% inom 4 "
        "månader, i snitt 50 dagar), når också målet i snitt (inte kört vidare: det kostar minst lika mycket som ett "
        "alternativ som säkert når det).")
    assert answer["sentence"]["en"].endswith(
        "Today's setting, 2 case officers at half time, decisions by the committee (900,000 kronor a year, "
        "95% within 4 months, 50 days on average), reaches the target too on average (not run further: it costs at "
        "least as much as a combination that surely reaches it).")


def test_a_dominated_setting_today_run_on_for_the_table_says_so():
    # the search dropped today's setting after 3 runs, the table's days are over 12 (run on to compare like with
    # like): it said "not run further"
    result = {"processes": ["astorp"], "target": {"share": 0.9}, "ties": [], "holds_at_bad_end": True, "safe": None,
              "chosen": _row(1, 0.3, "officer", 600000, 0.97, 40),
              "today": {**_row(2, 0.5, "committee", 900000, 0.95, 50), "status": "dominated", "replications": 3,
                        "days_replications": 12}}
    said = goal_answer(result, {"astorp": "Åstorp"})["sentence"]
    assert said["en"].endswith(
        "reaches the target too on average (the search went no further with it, as it costs at least as much as a "
        "combination that surely reaches it; its days are over 12 replications, run on only to compare its time with the "
        "others').")
    assert said["sv"].endswith(
        "når också målet i snitt (sökningen gick inte vidare med det, då det kostar minst lika mycket som ett "
        "alternativ som säkert når det; dagarna är över 12 upprepningar, som det kördes vidare till bara för att jämföra "
        "tiden med de andras).")
    assert "not run further" not in said["en"] and "inte kört vidare" not in said["sv"]


def test_each_decision_level_has_one_name_on_the_command_line_the_page_and_the_report():
    """Found by QA: ``permitflow optimise`` said "beslut av chefen" and the page "beslut av enhetschefen"
    ("the unit manager") for the same level; the domain text, the report and the glossary say "chef",
    "the manager". The words are written once (report/labels.yaml's levels) and each place reads them there."""
    from processes.params import DELEGATION_LEVELS
    from report.goalseek import goalseek_csv, goalseek_text
    from report.sheet import goalseek_sheet
    from report.words import labels, word
    from scenarios.compare import Estimate
    from scenarios.levers import Candidate, Levers
    from scenarios.optimise import Evaluated, OptimiseResult, Target
    from web.levers import choices_words

    assert labels()["levels"]["manager"] == {"en": "the manager", "sv": "chefen"}
    share, days = Estimate(0.99, 0.97, 1.0, (0.99,) * 10), Estimate(44.0, 38.3, 49.8, (44.0,) * 10)
    for level in DELEGATION_LEVELS:
        said = labels()["levels"][level]
        chosen = Evaluated(Candidate(1, 0.25, level), 565428.0, 0.0, 10, share, days, "chosen", True)
        result = OptimiseResult(Target(share=0.95), ("helsingborg",), "officer", 2025,
                                Levers((1,), (0.25,), (level,)), (chosen,), chosen, True, 10, None)
        # the command line's Swedish answer, the page's answer in both languages, its lists, its spreadsheet
        assert f"handläggare på kvartstid, beslut av {said['sv']}, " in goalseek_text(result).splitlines()[2], level
        page = goal_answer(result.to_json(), {"helsingborg": "Helsingborg"})["sentence"]
        assert f"beslut av {said['sv']}: " in page["sv"] and f"decisions by {said['en']}: " in page["en"], level
        for lang in ("sv", "en"):
            assert choices_words((level,), lang) == said[lang]
            rows = goalseek_sheet(goalseek_csv(result), lang).decode("utf-8-sig").splitlines()
            assert said[lang] in rows[1].split(";" if lang == "sv" else ","), (level, lang)
            if level != "officer":  # the report's "officer" is the pool (handläggarna), the level one of them
                assert word(level, lang) == said[lang]


def test_the_goal_answer_names_the_deadline_of_the_profiles():
    # found by the QA profile journey: a profile with a 2-month deadline was answered "within 4 months"
    result = {"processes": ["own"], "target": {"share": 0.9}, "ties": [], "holds_at_bad_end": True, "safe": None,
              "chosen": _row(1, 0.3, "officer", 600000, 0.97, 40),
              "today": {**_row(2, 0.5, "committee", 900000, 0.95, 50), "status": "dominated"}}
    said = goal_answer(result, {"own": "Kommunen"}, (2 * 730.5, 2 * 730.5))["sentence"]
    assert said["en"].startswith("Kommunen: the cheapest way to 90% within 2 months is ")
    assert "95% within 2 months, 50 days on average" in said["en"]
    assert said["sv"].startswith("Kommunen: billigast att nå 90\u00a0% inom 2 månader är ")
    assert "4 months" not in said["en"] and "4 månader" not in said["sv"]
    # the library's clock: the words as they were
    assert goal_answer(result, {"own": "Kommunen"}, (2922.0, 2922.0))["sentence"] == \
        goal_answer(result, {"own": "Kommunen"})["sentence"]


def test_the_page_and_the_command_line_say_a_share_of_full_time_alike():
    # found by QA (words24): `permitflow optimise` said "1 officer at 0.25 FTE" and "0,25 av heltid", the page's goal
    # seek "25 % of full time": both now say it as the assumptions table does, the JSON and CSV keep the number
    from report.goalseek import goalseek_csv, goalseek_text
    from scenarios.compare import Estimate
    from scenarios.levers import Candidate, Levers
    from scenarios.optimise import Evaluated, OptimiseResult, Target

    share, days = Estimate(0.99, 0.97, 1.0, (0.99,) * 10), Estimate(44.0, 38.3, 49.8, (44.0,) * 10)
    chosen = Evaluated(Candidate(1, 0.25, "officer"), 565428.0, 0.0, 10, share, days, "chosen", True)
    other = Evaluated(Candidate(2, 0.3, "officer"), 1357027.0, 0.0, 10, share, days, "feasible", True)
    result = OptimiseResult(Target(share=0.95), ("helsingborg",), "officer", 2025,
                            Levers((1, 2), (0.25, 0.3), ("officer",)), (chosen, other), chosen, True, 20, None)
    text = goalseek_text(result)
    lines = text.splitlines()
    assert lines[1].startswith("Cheapest that meets the target: 1 officer at quarter time, decided by the "
                               "case officer, ")
    assert lines[2].startswith("Billigast som når målet: 1 handläggare på kvartstid, beslut av handläggaren, ")
    assert "FTE" not in text and "0.25" not in text and "0,25" not in text
    assert "* 2 × 30% of full time, case officer  " in text
    page = goal_answer(result.to_json(), {"helsingborg": "Helsingborg"})["sentence"]
    assert "is 1 case officer at quarter time, decisions by the case officer: " in page["en"]
    assert "är 1 handläggare på kvartstid, beslut av handläggaren: " in page["sv"]
    # for other programs, the number
    assert result.to_json()["chosen"]["fte"] == 0.25
    assert [row.split(",")[1] for row in goalseek_csv(result).splitlines()] == ["fte", "0.25", "0.3"]


def test_a_search_with_no_price_on_the_work_says_so_not_zero_kronor():
    # found by QA (qadev2): a model imported with `convert --to profile` has no cost_per_hour, every combination
    # cost 0, and the answer read "the cheapest way ... 0 kronor a year"
    result = {"processes": ["hr"], "target": {"share": 0.9}, "ties": [_row(2, 0.3, "officer", 0.0, 0.95, 30)],
              "holds_at_bad_end": True, "safe": None, "chosen": _row(1, 0.3, "officer", 0.0, 0.97, 40),
              "today": {**_row(2, 0.5, "officer", 0.0, 0.96, 35), "status": "dominated"},
              "candidates": [_row(1, 0.3, "officer", 0.0, 0.97, 40), _row(2, 0.3, "officer", 0.0, 0.95, 30)]}
    answer = goal_answer(result, {"hr": "HR"})
    assert answer["unpriced"] is True
    assert answer["sentence"]["en"].startswith(
        "HR: one way to 90% within 4 months is 1 case officer at 30% of full time, decisions by the case officer: "
        "no price on the work, 40 days on average (sure with 95% confidence when both combinations tried are "
        "taken together). Reaching it too: ")
    assert answer["sentence"]["sv"].startswith("HR: ett sätt att nå 90\u00a0% inom 4 månader är ")
    assert "inget pris på arbetet" in answer["sentence"]["sv"]
    for said in answer["sentence"].values():
        assert "0 kr" not in said and "cheapest" not in said and "billigast" not in said and "cheap" not in said
    # one priced combination: a cost, as before
    result["candidates"][1] = _row(2, 0.3, "officer", 5000.0, 0.95, 30)
    priced = goal_answer(result, {"hr": "HR"})
    assert priced["unpriced"] is False and "the cheapest way" in priced["sentence"]["en"]


def _search(cost: float, *, tie: bool) -> Any:
    """A goal seek's result of one process "hr": 1 at half time chosen at ``cost`` kr a year; ``tie``: 2 at half
    time as cheap and meeting the target too, else today's 2 at half time not among the candidates."""
    from scenarios.compare import Estimate
    from scenarios.levers import Candidate, Levers
    from scenarios.optimise import Evaluated, OptimiseResult, Target

    share, days = Estimate(0.99, 0.97, 1.0, (0.99,) * 10), Estimate(44.0, 38.3, 49.8, (44.0,) * 10)
    chosen = Evaluated(Candidate(1, 0.5, None), cost, 0.0, 10, share, days, "chosen", True)
    other = Evaluated(Candidate(2, 0.5, None), cost, 0.0, 10, share, days, "feasible", True)
    if tie:
        return OptimiseResult(Target(share=0.95), ("hr",), "officer", 2025, Levers((1, 2), (0.5,), ()),
                              (chosen, other), chosen, True, 20, None, ties=(other,))
    return OptimiseResult(Target(share=0.95), ("hr",), "officer", 2025, Levers((1, 2), (0.5,), ()),
                          (chosen,), chosen, True, 20, None, today=Candidate(2, 0.5, None))


def test_the_command_line_says_no_price_on_the_work_by_the_pages_rule_not_zero_kronor():
    # found by QA (qawords): `permitflow optimise` said "Cheapest that meets the target: ..., 0 kronor a year"
    # where every combination cost 0, which the page's goal seek says as "one way ...: no price on the work"
    from report.goalseek import goalseek_text

    result = _search(0.0, tie=True)
    lines = goalseek_text(result, {"hr": "HR"}).splitlines()
    assert lines[1] == ("One that meets the target: 1 officer at half time, no price on the work; share "
                        "within the deadline 99% [97%, 100%] (95% CI, 10 replications); the target holds at "
                        "the interval's bad end, and with 95% confidence when both candidates tried are "
                        "taken together.")
    assert lines[2] == ("Ett alternativ som når målet: 1 handläggare på halvtid, inget pris på arbetet; "
                        "andel inom tidsfristen 99\u00a0% [97\u00a0%; 100\u00a0%] (95\u00a0% KI, 10 "
                        "upprepningar); målet håller i intervallets sämre ände, och med 95\u00a0% säkerhet "
                        "när båda prövade alternativen tas tillsammans.")
    assert lines[3].startswith("Meeting the target too: 2 officers at half time, 44 days on average (the one "
                               "above")
    assert lines[4].startswith("Når också målet: 2 handläggare på halvtid, 44 dagar i medeltal (alternativet "
                               "ovan")
    assert "kronor/year –: the profiles put no price on the work." in lines
    rows = [line for line in lines if "× half time" in line]
    assert len(rows) == 2 and all(line.split("time", 1)[1].split()[:2] == ["–", "10"] for line in rows)
    text = "\n".join(lines)
    assert "Cheapest" not in text and "Billigast" not in text and "cheap" not in text
    assert " 0 kronor" not in text
    # the page's answer to the same search, by the same rule
    assert goal_answer(result.to_json(), {"hr": "HR"})["unpriced"] is True


def test_a_named_pool_is_said_by_its_name_in_the_combinations_not_the_case_officers():
    # found by QA (qawords): the goal seek on an imported model (`convert --to profile` names the pool
    # `officer` after its lane, "HR Department") said "1 case officer at 30% of full time"
    from web.goalseek import staff_names

    hr = {"simulation": {"pools": {"officer": {"name": "HR Department"}}}}
    staff = staff_names([hr], "officer")
    assert staff == {"en": "HR Department", "sv": "HR Department"}
    assert staff_names([hr, {}], "officer") is None  # a library model beside it: the case officers' words
    result = {"processes": ["hr"], "target": {"share": 0.9}, "ties": [_row(2, 0.3, None, 0.0, 0.95, 30)],
              "holds_at_bad_end": True, "safe": None, "chosen": _row(1, 0.3, None, 0.0, 0.97, 40),
              "today": {**_row(1, 1.0, None, 0.0, 0.99, 20), "status": "not a candidate"},
              "candidates": [_row(1, 0.3, None, 0.0, 0.97, 40), _row(2, 0.3, None, 0.0, 0.95, 30)]}
    said = goal_answer(result, {"hr": "HR"}, staff=staff)["sentence"]
    assert said["en"] == ("HR: one way to 90% within 4 months is 1 person in HR Department at 30% of full "
                          "time: no price on the work, 40 days on average (sure with 95% confidence when both "
                          "combinations tried are taken together). Reaching it too: 2 people in HR "
                          "Department at 30% of full time, 30 days on average (the one above is the fastest "
                          "of them). Today's setting, 1 person in HR Department at full time, is not among "
                          "the combinations tried.")
    assert said["sv"] == ("HR: ett sätt att nå 90\u00a0% inom 4 månader är 1 person i HR Department på "
                          "30\u00a0% av heltid: inget pris på arbetet, i snitt 40 dagar (når målet med 95\u00a0% "
                          "säkerhet när båda prövade alternativen tas tillsammans). Når också målet: 2 "
                          "personer i HR Department på 30\u00a0% av heltid, i snitt 30 dagar (alternativet "
                          "ovan är det snabbaste av dem). Dagens upplägg, 1 person i HR Department på "
                          "heltid, är inte bland de prövade alternativen.")
    # the library's words where the pool has no name
    assert "1 case officer at 30% of full time" in goal_answer(result, {"hr": "HR"})["sentence"]["en"]


def test_the_command_line_says_a_named_pool_by_its_name_too():
    # found by QA (qawords): `permitflow optimise` on an imported model said "1 officer at half time" of its
    # HR Department, as the page did
    from report.goalseek import goalseek_text

    result = _search(1000.0, tie=False)
    staff = {"en": "HR Department", "sv": "HR-avdelningen"}
    lines = goalseek_text(result, {"hr": "HR"}, staff).splitlines()
    assert lines[1].startswith("Cheapest that meets the target: 1 person in HR Department at half time, "
                               "1,000 kronor")
    assert lines[2].startswith("Billigast som når målet: 1 person i HR-avdelningen på halvtid, 1\u00a0000 kr "
                               "per år")
    assert lines[3] == "Today's setting, 2 people in HR Department at half time, is not among the candidates."
    assert lines[4] == "Dagens upplägg, 2 personer i HR-avdelningen på halvtid, är inte bland alternativen."
    assert "Tried: 1 or 2 people in HR Department at half time (the pool 'officer', seed 2025)." in lines
    assert "officer at" not in "\n".join(lines) and "handläggare" not in "\n".join(lines)


def test_one_combination_not_sure_is_said_at_its_own_low_end_not_among_all_1():
    # found by QA (qareview): a goal seek of one combination that is not sure said "with 95% confidence when
    # all 1 combinations tried are taken together" and advised to try fewer combinations
    chosen = {**_row(1, 0.5, "officer", 600000, 0.92, 40), "target_figure": {"mean": 0.92, "low": 0.85}}
    result = {"processes": ["astorp"], "target": {"share": 0.9}, "ties": [], "holds_at_bad_end": False,
              "safe": None, "chosen": chosen, "candidates": [chosen],
              "today": {**_row(1, 0.5, "officer", 600000, 0.92, 40), "status": "chosen"}}
    said = goal_answer(result, {"astorp": "Åstorp"})["sentence"]
    assert ("None of the combinations tried is sure to reach it at the interval's low end; to be sure, "
            "simulate more years") in said["en"]
    assert ("Inget av de prövade alternativen når målet säkert i intervallets sämre ände; för att vara "
            "säker, simulera fler år") in said["sv"]
    for text in said.values():
        assert " 1 " not in text.replace("1 handläggare", "").replace("1 case officer", "")
        assert "fewer" not in text and "färre" not in text
    # two or more: the joint words and the advice to try fewer, as before
    two = {**result, "candidates": [chosen, chosen]}
    said = goal_answer(two, {"astorp": "Åstorp"})["sentence"]
    assert "with 95% confidence when both combinations tried are taken together; " in said["en"]
    assert "try fewer combinations" in said["en"] and "pröva färre alternativ" in said["sv"]


def test_one_combination_sure_is_said_sure_at_its_own_95_percent():
    # the page says a sure answer is sure; with one combination there is nothing to take together
    chosen = {**_row(1, 0.5, "officer", 600000, 0.97, 40), "target_figure": {"mean": 0.97, "low": 0.93}}
    result = {"processes": ["astorp"], "target": {"share": 0.9}, "ties": [], "holds_at_bad_end": True,
              "safe": None, "chosen": chosen, "candidates": [chosen],
              "today": {**chosen, "status": "chosen"}}
    said = goal_answer(result, {"astorp": "Åstorp"})["sentence"]
    assert "40 days on average (sure with 95% confidence). " in said["en"]
    assert "i snitt 40 dagar (når målet med 95\u00a0% säkerhet). " in said["sv"]
    assert all("together" not in text and "tillsammans" not in text for text in said.values())
