"""What a manager reads in the report is in words, in English and Swedish (found by QA in Chromium):
the plots' labels, the comparison of municipalities, the assumptions, the tooltips and each
scenario's line of settings. Code names stay in the data files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from report import plots
from report.html import plot_jobs, render_report
from report.results import read_cases, read_processes, read_profiles, read_summary, write_results
from scenarios.batch import assemble
from scenarios.execute import plan
from scenarios.loader import read_any
from simulator.runner import run_replications

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"
#: a code name: snake_case, a dotted parameter path, a process id
CODE_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b|\bsimulation\.|\bmini\b|\bfte\b")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("words")
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, work / name)
    common = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 16w\n"
    (work / "a.yaml").write_text("name: status-quo\n" + common, encoding="utf-8")
    (work / "b.yaml").write_text(
        "name: one-more-officer\n" + common + "sweep:\n  simulation.pools.officer.fte: [0.25, 1.0]\n"
        "set:\n  simulation.decision.delegation: working_committee\nbaseline: status-quo\n", encoding="utf-8")
    study = read_any([work / "a.yaml", work / "b.yaml"])
    planned = plan(study)
    write_results(work / "out", assemble(study, [u for u, _ in planned], run_replications([j for _, j in planned])))
    return work / "out"


@pytest.fixture
def drawn_texts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Every text a plot shows (tick labels, axis labels, legend), read from the figure as it is saved."""
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    seen: list[str] = []
    save = Figure.savefig

    def saving(fig: Any, *args: Any, **kwargs: Any) -> Any:
        fig.canvas.draw()
        seen.extend(t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip())
        return save(fig, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", saving)

    def texts(job: plots.PlotJob) -> list[str]:
        seen.clear()
        plots.draw_plot(job)
        return list(seen)

    yield texts


def _visible(html: str) -> str:
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def test_every_plot_is_drawn_in_words_in_each_language(folder: Path, drawn_texts: Any) -> None:
    """Found by QA: the processing-time, utilisation and sweep plots read ``status-quo · astorp ·
    officer`` and ``simulation.pools.officer.fte``, in English only."""
    jobs = plot_jobs(read_summary(folder), read_cases(folder), read_profiles(folder))
    expected = {
        "times": {"en": ["Ministad · the status quo", "days from application to decision", "4 months"],
                  "sv": ["Ministad · nuläget", "dagar från ansökan till beslut", "4 månader"]},
        "utilisation": {"en": ["Ministad · one more case officer (the case officers: share of full time = 25%) · "
                               "the case officers", "share of working time in use (95% interval)", "0%"],
                        "sv": ["Ministad · en handläggare till (handläggarna: andel av heltid = 25\u00a0%) · handläggarna",
                               "andel av arbetstiden som används (95\u00a0% intervall)", "0\u00a0%"]},
        "sweep": {"en": ["Ministad", "the case officers: share of full time",
                         "days from application to decision (mean)", "25%"],  # a share of full time in per cent, at a value tried
                  "sv": ["Ministad", "handläggarna: andel av heltid", "dagar från ansökan till beslut (medel)",
                         "25\u00a0%"]},
    }
    for plot, languages in expected.items():
        for lang, words in languages.items():
            key = ("sweep", 1, lang) if plot == "sweep" else f"{plot}.{lang}"
            job = jobs[key]
            assert job is not None, key
            texts = drawn_texts(job)
            for said in words:
                assert said in texts, (key, said, texts)
            assert not [t for t in texts if CODE_NAME.search(t)], (key, texts)
            if lang == "sv":
                assert not [t for t in texts if re.search(r"\d\.\d", t)], texts  # Swedish writes 0,4


def test_the_report_shows_each_plot_in_the_chosen_language(folder: Path) -> None:
    html = render_report(read_summary(folder), read_cases(folder), read_processes(folder),
                         profiles=read_profiles(folder), diff_section=lambda names: "")
    images = re.findall(r'<img class="plot (en|sv)"[^>]*alt="([^"]*)"', html)
    assert [lang for lang, _alt in images] == ["en", "sv"] * 4  # the sweep, the deadline, the times, utilisation
    assert not re.findall(r'<img class="plot"', html)


@pytest.fixture(scope="module")
def report(folder: Path) -> str:
    profiles = read_profiles(folder)
    elements = profiles["mini"]["simulation"]["elements"]
    elements["Gw_Komplett"] = {"conditions": {"Flow_Komplett_Nej": "tre_underkanda_prov == true or hinder == 'kvarstar'",
                                              "Flow_Komplett_Ja": "hinder != 'kvarstar' and seats >= 50"}}
    elements["Task_Granska"]["set"] = {"tre_underkanda_prov": True}
    return render_report(read_summary(folder), read_cases(folder), read_processes(folder), profiles=profiles,
                         diff_section=lambda names: "")


def _say_in_each_language(english: str, swedish: str, pairs: list[tuple[str, str]]) -> None:
    """Each pair's English words are in ``english`` and its Swedish words in ``swedish``."""
    for in_english, in_swedish in pairs:
        assert in_english in english
        assert in_swedish in swedish


def _said(html: str, lang: str) -> str:
    """The visible text of the page in ``lang`` (the other language's spans left out)."""
    other = "sv" if lang == "en" else "en"
    # a piece may hold a model's name in its own language (<span lang="sv">Granska</span>: report.namemarks)
    return _visible(re.sub(rf'<span class="{other}"[^>]*>(?:[^<]|<span lang="[a-z]+">[^<]*</span>)*</span>', " ", html))


def test_a_branch_condition_is_a_sentence_in_each_language(report: str) -> None:
    """Found by QA: the assumptions table quoted ``tre_underkanda_prov == true``."""
    english, swedish = _said(report, "en"), _said(report, "sv")
    _say_in_each_language(english, swedish, [
        ("when three knowledge tests failed or a ground against the applicant: remains",
         "när tre underkända kunskapsprov eller hinder mot sökanden: kvarstår"),
        ("when a ground against the applicant: other than remains and seats at least 50",
         "när hinder mot sökanden: annat än kvarstår och seats minst 50"),
        ("marks the case three knowledge tests failed",
         "markerar ärendet tre underkända kunskapsprov"),
    ])
    for text in (english, swedish):
        assert "==" not in text and "!=" not in text and "tre_underkanda_prov" not in text and "True" not in text


def test_the_tooltips_and_the_glossary_are_in_each_language_without_code_names(report: str) -> None:
    """Found by QA: the cost tooltips named ``cost_per_hour`` and ``cost_per_case``, in English only."""
    tips = {lang: re.findall(rf'<span class="{lang}" title="([^"]*)"', report) for lang in ("en", "sv")}
    assert tips["en"] and len(tips["en"]) == len(tips["sv"])
    assert any(t.startswith("Hours of work per case") for t in tips["en"])
    assert any(t.startswith("Arbetstimmar per ärende") for t in tips["sv"])
    assert any(t.startswith("Andel av arbetstiden för handläggarna") for t in tips["sv"])
    for tip in tips["en"] + tips["sv"]:
        assert not CODE_NAME.search(tip), tip
    glossary = report[report.index('<details class="glossary">'):]
    glossary = glossary[:glossary.index("</details>")]
    assert "Arbetets kostnad per ärende delad med ansökningsavgiften" in _said(glossary, "sv")
    assert not CODE_NAME.search(_visible(glossary))


def test_each_scenario_says_its_settings_in_words_in_each_language(report: str) -> None:
    """Found by QA: "delegation = working_committee" and "horizon 3y, warmup 8w", in English only."""
    english, swedish = _said(report, "en"), _said(report, "sv")
    assert "Municipalities: Ministad. Random seed" in english and "Kommuner: Ministad. Slumpfrö" in swedish
    assert "replications, simulated period 16 weeks." in english
    assert "upprepningar, simulerad period 16 veckor." in swedish
    assert "Ministad: who decides: the working committee" in english
    assert "Ministad: vem som beslutar: arbetsutskottet" in swedish
    assert "Compared with the status quo" in english and "Jämförs med nuläget" in swedish
    for text in (english, swedish):
        assert "working_committee" not in text and "horizon" not in text and "delegation =" not in text


def test_the_comparison_of_municipalities_names_them_and_its_headers_in_each_language() -> None:
    """Found by QA: the comparison of Helsingborg, Landskrona and Åstorp had English headers only and
    lowercase ids (``helsingborg``, ``staff fte``, ``node matching``)."""
    from report.embed import library_comparison_section

    section = re.sub(r"<svg.*?</svg>", " ", library_comparison_section(["helsingborg", "landskrona", "astorp"]),
                     flags=re.S)
    english, swedish = _said(section, "en"), _said(section, "sv")
    assert "Comparison of Helsingborg, Landskrona, Åstorp" in english
    assert "Jämförelse av Helsingborg, Landskrona, Åstorp" in swedish
    headers = re.findall(r"<table>\s*<tr><th[^>]*>(.*?)</tr>", section, re.S)
    assert len(headers) == 4  # three measures of likeness and the facts
    assert all("Helsingborg</th><th>Landskrona</th><th>Åstorp" in h for h in headers), headers
    assert "the same steps (1 = all steps alike by name)" in english and "samma steg" in swedish
    assert "staff (share of full time)" in english and "personal (andel av heltid)" in swedish
    # English groups an amount's thousands too (found by QA: "11700 kr" beside "18,246.56" in the tables)
    assert "application fee 11,700 kronor (year: 2017)" in english and "ansökningsavgift 11 700 kr (år: 2017)" in swedish
    assert "supervision fee 3,600 kronor a year (year: 2017)" in english
    # found by the klarspråk review: Swedish groups an amount's thousands, with spaces that do not break
    assert "11\u00a0700\u00a0kr (år: 2017)" in section and "3\u00a0600\u00a0kr/år" in section
    assert "okänt" in swedish and "unknown" not in swedish
    # found by the words review: a fact's range read "(weeks: [7, 10]; ...)", and the tables' regions were
    # named "node matching" and "facts" to a screen reader whatever the language
    # and "clock", a field's name, reads as what it is (found by QA)
    assert "(weeks: 7–10; counted from: unknown)" in english and "(veckor: 7–10; räknas från: okänt)" in swedish
    assert "clock:" not in english
    assert "[7, 10]" not in english + swedish
    assert re.findall(r'role="region" tabindex="0" aria-label=', section) == []
    assert section.count('aria-labelledby="metric-') == 3 and 'aria-labelledby="facts-heading"' in section
    assert "In Helsingborg and Landskrona" in english
    for text in (english, swedish):
        assert not re.findall(r"\b(helsingborg|landskrona|astorp)\b", text)
        assert "node matching" not in text and "staff fte" not in text and "[Polisen" not in text


def test_the_row_of_shared_staff_is_in_words_in_each_language(folder: Path) -> None:
    """Found by QA: a scenario with shared staff showed a row "shared officer" (the pool's code name)."""
    doc = read_summary(folder)
    scenario = doc["scenarios"][1]
    scenario["shared_pools"] = [{"pool": "officer", "members": ["mini"], "provider": None}]
    figures = scenario["points"][0]["figures"]
    figures["shared officer/utilisation.officer"] = dict(figures["mini/utilisation.officer"])
    html = render_report(doc, [], {}, diff_section=lambda names: "")
    english, swedish = _said(html, "en"), _said(html, "sv")
    assert "shared staff: the case officers utilisation of the case officers" in english
    assert "gemensam personal: handläggarna beläggning för handläggarna" in swedish
    assert "the row “shared staff: …” is the whole group's utilisation" in english
    assert "raden ”gemensam personal: …” är hela gruppens beläggning" in swedish
    for text in (english, swedish):
        assert "shared officer" not in text and "&lt;pool&gt;" not in text


def test_the_assumptions_say_each_value_in_words_in_each_language(folder: Path) -> None:
    """Found by QA: the assumptions table showed ``FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3``, ``lognormal mean 1.5h,
    sd 45m``, ``fte: 0.5`` and ``weights: 0.8, 0.15, 0.05``, the same in both languages."""
    profiles = read_profiles(folder)
    sim = profiles["mini"]["simulation"]
    sim["elements"]["Task_Registrera"]["duration"] = {"dist": "lognormal", "mean": "1.5h", "sd": "45m"}
    sim["elements"]["Event_Komplettering"]["delay"] = {"dist": "triangular", "low": "1d", "mode": "3d", "high": "2w"}
    sim["calendars"]["office"]["closures"] = [{"from": "07-01", "to": "07-31", "capacity": 0.5}]
    sim["attributes"] = {"hinder": {"values": ["inga", "undanrojs", "kvarstar"], "weights": [0.8, 0.15, 0.05]}}
    html = render_report(read_summary(folder), read_cases(folder), read_processes(folder), profiles=profiles,
                         diff_section=lambda names: "")
    table = html[html.index('id="assumptions"'):]
    english, swedish = _said(table, "en"), _said(table, "sv")
    _say_in_each_language(english, swedish, [
        ("the committee every month on the third Tuesday, not in July, cases due 1 week before the meeting",
         "nämnden varje månad tredje tisdagen, inte i juli, ärenden senast 1 vecka före mötet"),
        ("the working committee every second week on Wednesday",
         "arbetsutskottet varannan vecka på onsdag"),
        ("about 1.5 hours on average, give or take 45 minutes",
         "omkring 1,5 timmar i snitt, plus minus 45 minuter"),
        ("usually about 3 days, from 1 day to 2 weeks",
         "oftast omkring 3 dagar, från 1 dag till 2 veckor"),
        ("on average 3 hours, often shorter, sometimes much longer",
         "i snitt 3 timmar, ofta kortare, ibland mycket längre"),
        ("1 person at half time, office hours, 800 kronor an hour",
         "1 person på halvtid, kontorstid, 800 kr i timmen"),
        ("none 80%, removed 15%, remains 5%",
         "inga 80 %, undanröjs 15 %, kvarstår 5 %"),
        ("Monday–Friday 08:00–16:00; Swedish public holidays off; 1 July to 31 July at 50% of normal time",
         "Måndag–fredag 08:00–16:00; lediga svenska helgdagar; 1 juli till 31 juli med 50 % av normal tid"),
        ("decision within 4 months, can be extended by 4 months",
         "beslut inom 4 månader, kan förlängas med 4 månader"),
    ])
    assert "1 day to 3 days, any length between as likely" in english
    for text in (english, swedish):
        for code in ("FREQ=", "rrule", "lognormal", "triangular", "uniform", "exponential", "fte", "weights",
                     "cost per hour", "Lane_", "per year:", "holidays: SE", "deadline:"):
            assert not re.search(rf"\b{re.escape(code)}", text), code


def test_the_assumptions_list_how_a_cases_delays_move_together_with_its_source(folder: Path) -> None:
    """Found by QA: a profile's ``simulation.case_delays`` (written by ``calibrate`` from a case log) was
    simulated but missing from the assumptions table, which lists every other simulation parameter."""
    profiles = read_profiles(folder)
    profiles["mini"]["simulation"]["case_delays"] = {
        "correlation": 0.13, "source": "log cases.csv (839 cases, 2 delays each)", "note": "95% interval 0.08-0.19"}
    html = render_report(read_summary(folder), read_cases(folder), read_processes(folder), profiles=profiles,
                         diff_section=lambda names: "")
    table = html[html.index('id="assumptions"'):]
    (row,) = re.findall(r'<tr data-path="simulation\.case_delays">.*?</tr>', table, re.S)
    english, swedish = _said(row, "en"), _said(row, "sv")
    assert "delays within a case" in english and "väntetider inom ett ärende" in swedish
    assert "a case that waits long at one party tends to wait long at the others too (correlation 0.13" in english
    assert "ett ärende som väntar länge hos en part väntar ofta länge hos de andra också (korrelation 0,13" in swedish
    assert "source" in english and "källa" in swedish
    assert "log cases.csv (839 cases, 2 delays each)" in english and "log cases.csv (839 cases, 2 delays each)" in swedish
    for text in (english, swedish):
        assert "case_delays" not in text and "simulation." not in text


def test_where_the_municipalities_differ_is_said_in_each_language() -> None:
    """Found by QA: the comparison's variation points were the diff engine's English sentences in
    both languages ("In Helsingborg and Landskrona, ... runs in parallel with ...")."""
    from html import unescape

    from report.embed import library_comparison_section

    section = re.sub(r"<svg.*?</svg>", " ", library_comparison_section(["helsingborg", "landskrona", "astorp"]),
                     flags=re.S)
    english, swedish = unescape(_said(section, "en")), unescape(_said(section, "sv"))
    # each step in the page's language (found by QA, stepnames24: the English page listed them in Swedish)
    assert 'In Helsingborg and Landskrona, “Application complete” runs in parallel with “Invite to the knowledge ' \
           'test”, “Test date”,' in english
    assert 'och ”Dokumentera tre underkända prov (grund för avslag)”; i Åstorp kommer det efter dem.' in swedish
    assert 'I Helsingborg och Landskrona sker ”Ansökan komplett” parallellt med ”Kalla till kunskapsprov”' in swedish
    assert "runs in parallel" not in swedish and "comes after" not in swedish


def test_each_kind_of_variation_reads_as_a_sentence_in_each_language() -> None:
    """Built from the variation's data (steps, the steps they are compared with, each process's value)."""
    from processes.diff.nway import Variation
    from processes.model import FrozenMap
    from report.variationwords import variation_words

    towns = {"a": "Aby", "b": "Bby", "c": "Cby"}
    presence = Variation("presence", "S", FrozenMap({"a": "present", "b": "absent", "c": "absent"}), "", ("S",))
    who = Variation("performer", "S", FrozenMap({"a": "Nämnden", "b": "Nämnden", "c": ""}), "", ("S", "T"), (),
                    "performer")
    optional = Variation("control_flow", "S", FrozenMap({"a": "optional", "b": "mandatory"}), "", ("S", "T"), (),
                         "optionality")
    delegation = Variation("attribute", "S", FrozenMap({"a": "committee", "c": "working_committee"}), "", ("S",), (),
                           "profile.delegation")
    said = {lang: [variation_words(v, towns, lang) for v in (presence, who, optional, delegation)]
            for lang in ("en", "sv")}
    assert said["en"] == [
        '“S” is a step in Aby; not in Bby and Cby.',
        'Who does “S” and “T”: Nämnden in Aby and Bby; not said in Cby.',
        '“S” and “T” are optional (can be skipped) in Aby; they are mandatory in Bby.',
        '“S”: the committee decides in Aby; the working committee decides in Cby.',
    ]
    assert said["sv"] == [
        '”S” är ett steg i Aby; inte i Bby och Cby.',
        'Vem som gör ”S” och ”T”: Nämnden i Aby och Bby; inte angivet i Cby.',
        '”S” och ”T” är frivilliga (kan hoppas över) i Aby; de är obligatoriska i Bby.',
        '”S”: nämnden beslutar i Aby; arbetsutskottet beslutar i Cby.',
    ]
    # a level per outcome, and a model that sets none: in words, not "delegation grant" (found by QA, qaleft)
    grant = Variation("attribute", "S", FrozenMap({"a": "", "b": "officer"}), "", ("S",), (), "profile.delegation.grant")
    refusal = Variation("attribute", "S", FrozenMap({"a": "", "b": "committee"}), "", ("S",), (),
                        "profile.delegation.refusal")
    assert [variation_words(v, towns, "en") for v in (grant, refusal)] == [
        '“S”: who grants permits is not set in Aby; the case officers grant permits in Bby.',
        '“S”: who refuses applications is not set in Aby; the committee refuses applications in Bby.']
    assert [variation_words(v, towns, "sv") for v in (grant, refusal)] == [
        '”S”: vem som beviljar tillstånd är inte angivet i Aby; handläggarna beviljar tillstånd i Bby.',
        '”S”: vem som avslår ansökningar är inte angivet i Aby; nämnden avslår ansökningar i Bby.']


def test_a_step_the_pairwise_diff_asks_about_is_said_to_be_perhaps_there_not_missing() -> None:
    """A presence variation's "uncertain" models (compare's data since schema version 4) are not called
    missing in the report's comparison: the label asked about is named, marked as not sure."""
    from processes.diff.nway import Variation
    from processes.model import FrozenMap
    from report.variationwords import variation_words

    towns = {"a": "Aby", "b": "Bby", "c": "Cby", "d": "Dby"}
    v = Variation("presence", "S", FrozenMap({"a": "present", "b": "absent", "c": "uncertain", "d": "uncertain"}),
                  "", ("S",), maybe=FrozenMap({"c": "Ess", "d": "Ess"}))
    assert variation_words(v, towns, "en") == '“S” is a step in Aby; not in Bby; in Cby and Dby perhaps drawn as “Ess” (not sure).'
    assert variation_words(v, towns, "sv") == '”S” är ett steg i Aby; inte i Bby; i Cby och Dby kanske ritat som ”Ess” (osäkert).'
    only_unsure = Variation("presence", "S", FrozenMap({"a": "present", "c": "uncertain"}), "", ("S",),
                            maybe=FrozenMap({"c": "Ess"}))
    assert variation_words(only_unsure, towns, "en") == '“S” is a step in Aby; in Cby perhaps drawn as “Ess” (not sure).'


def test_a_timer_that_differs_reads_as_a_length_and_bevakning_in_swedish() -> None:
    """The comparison showed a timer's BPMN expression ("timeDuration=P14D") and called it "timer" in Swedish,
    while the step names say "bevakning" (found by the words review, 2026-12-06)."""
    from processes.diff.nway import Variation
    from processes.model import FrozenMap
    from report.variationwords import variation_words

    towns = {"a": "Aby", "b": "Bby", "c": "Cby"}
    v = Variation("attribute", "S", FrozenMap({"a": "timeDuration=P14D", "b": "timeDuration=P3W",
                                               "c": "timeCycle=R3/PT1H"}), "", ("S",), (), "timer")
    assert variation_words(v, towns, "sv") == '”S”, bevakning: 14 dagar i Aby; 3 veckor i Bby; timeCycle=R3/PT1H i Cby.'
    assert variation_words(v, towns, "en") == '“S”, timer: 14 days in Aby; 3 weeks in Bby; timeCycle=R3/PT1H in Cby.'


def test_the_report_says_who_can_check_the_assumptions_ranges_in_words() -> None:
    """The note under the answers told a manager to "kör med --uncertainty"; it now says who can add the check
    (the command in full for them), in both languages (found by the words review, 2026-12-06)."""
    from pathlib import Path

    template = (Path(__file__).resolve().parents[2] / "report" / "templates" / "report.html.j2").read_text(
        encoding="utf-8")
    assert "den som kör studien kan lägga till den prövningen: <code>permitflow run --uncertainty</code>" in template
    assert "whoever runs the study can add that check: <code>permitflow run --uncertainty</code>" in template
    assert "kör med <code>--uncertainty</code>" not in template


def test_the_words_review_found_no_code_words_in_counts_seeds_and_ranges(report: str) -> None:
    """Found by the words review of the bundled study's report: "10 scenario(er)", "Frö 2025" (a seed is
    "slumpfrö") and "samplas inte: se texten" where the section's own introduction says "varieras"."""
    english, swedish = _said(report, "en"), _said(report, "sv")
    assert "scenario(s)" not in english and "scenario(er)" not in swedish
    assert re.search(r"\b\d+ scenarios\. Figures are means", english)
    assert re.search(r"\b\d+ scenarier\. Talen är medelvärden", swedish)
    assert "samplas" not in swedish and "Frö " not in swedish
    assert "varieras inte: se texten bredvid" in swedish and "not sampled: see the text beside it" in english
    # the key figures' last column counted the replications under the header "n"
    assert "<th>n</th>" not in report
    assert '<th><span class="en" lang="en">Replications</span><span class="sv" lang="sv">Upprepningar</span></th>' in report


def test_the_bundled_scenarios_read_as_what_the_answers_compare_with() -> None:
    """Found by the words review: the answers said "with Ängelholm handles its neighbours' cases, a complete
    application is decided ..." ("med Ängelholm handlägger grannarnas ärenden avgörs ..."), "than with
    Ängelholm area each alone" and "med e-tjänst för ..."."""
    from report.words import scenario_words

    said = {lang: {name: scenario_words(name, lang) for name in ("angelholm-arrangement", "angelholm-area-alone",
                                                                   "e-service")} for lang in ("en", "sv")}
    assert said["en"] == {"angelholm-arrangement": "Ängelholm handling its neighbours' cases",
                          "angelholm-area-alone": "the Ängelholm area, each on its own",
                          "e-service": "an e-service for complete applications"}
    assert said["sv"] == {"angelholm-arrangement": "Ängelholms handläggning av grannarnas ärenden",
                          "angelholm-area-alone": "Ängelholmsområdet var för sig",
                          "e-service": "en e-tjänst för kompletta ansökningar"}


def test_shared_staff_reads_as_a_sentence_in_each_language() -> None:
    """Found by the words review: "shared staff: the case officers (Ängelholm's serve Klippan, Örkelljunga)"."""
    from report.html import scenario_line

    towns = {"angelholm": "Ängelholm", "klippan": "Klippan", "orkelljunga": "Örkelljunga"}
    served = {"members": list(towns), "seed": 1, "replications": 2, "settings": {},
              "shared_pools": [{"pool": "officer", "members": list(towns), "provider": "angelholm"}]}
    joint = {**served, "shared_pools": [{"pool": "officer", "members": list(towns), "provider": None}]}
    assert "shared staff: the case officers (Ängelholm's, serving Klippan and Örkelljunga too)." in \
        scenario_line(served, towns, "en")
    assert "gemensam personal: handläggarna (Ängelholm betjänar även Klippan och Örkelljunga)." in \
        scenario_line(served, towns, "sv")
    assert "(a joint unit of Ängelholm, Klippan and Örkelljunga)" in scenario_line(joint, towns, "en")
    assert "(en gemensam enhet för Ängelholm, Klippan och Örkelljunga)" in scenario_line(joint, towns, "sv")


def test_every_shipped_scenarios_question_is_written_in_each_language() -> None:
    """Found by QA (words23): the examples' uncertainty scenarios asked their question in English on the Swedish
    report ("How long do Helsingborg, Landskrona and Åstorp take today, ..." under "nuläget")."""
    import yaml

    root = Path(__file__).resolve().parents[2]
    files = sorted((root / "examples").rglob("*.yaml")) + sorted((root / "scenarios").glob("*.yaml"))
    asked = {}
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "question" in data:
            asked[path.relative_to(root).as_posix()] = data["question"]
    assert "examples/uncertainty/status-quo.yaml" in asked and len(asked) >= 10
    for name, question in asked.items():
        assert isinstance(question, dict) and set(question) == {"en", "sv"}, name
        assert question["en"] != question["sv"], name


def test_a_profile_named_per_language_is_named_so_in_the_report_and_its_plots(folder: Path, drawn_texts: Any) -> None:
    """Found by QA (words23): the English report named the library's national reference "Nationell referens
    (Alkohollagen 8 kap., ...)" everywhere; a profile gives its name per language (``names:``), and each language's
    page, table and plot shows its own."""
    import copy

    profiles = copy.deepcopy(read_profiles(folder))
    profiles["mini"]["names"] = {"en": "Small Town", "sv": "Ministad"}
    doc, cases = read_summary(folder), read_cases(folder)
    html = render_report(doc, cases, read_processes(folder), profiles=profiles, diff_section=lambda names: "")
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)  # the diagrams show the model's own labels, as drawn
    english, swedish = _said(html, "en"), _said(html, "sv")
    assert "Ministad" not in english, re.findall(r".{60}Ministad.{60}", english)[:5]
    assert "Small Town" not in swedish, re.findall(r".{60}Small Town.{60}", swedish)[:5]
    for said, name in ((english, "Small Town"), (swedish, "Ministad")):
        assert f"{name}: a complete application" in said or f"{name}: en komplett ansökan" in said  # the headline
        assert f"{name} (" in said  # the assumptions table's heading
        assert said.count(name) > 20  # the scenarios, tables, diagrams and settings
    jobs = plot_jobs(doc, cases, profiles)
    assert "Small Town · the status quo" in drawn_texts(jobs["times.en"])
    assert "Ministad · nuläget" in drawn_texts(jobs["times.sv"])


def _texts(element: Any) -> Iterator[tuple[Any, str]]:
    """(the element a text is read in, the text) of each text inside ``element``: its own, its children's and
    what follows each child (lxml's ``tail``, read in ``element``)."""
    yield element, element.text or ""
    for child in element:
        yield from _texts(child)
        yield element, child.tail or ""


def test_a_models_names_in_a_sentence_of_the_other_language_say_their_language(report: str) -> None:
    """Found by QA: "days waiting at: Beslut", "Granska — work time" on the English page read the Swedish-only
    model's step names with English sounds. Every name of the mini model (Swedish only: its steps, branches and
    lanes) in an English sentence is in a lang="sv" of its own; in a Swedish one it is not marked again."""
    from lxml import html as lxml_html

    names = ["Komplettering inkommen", "Ansökan komplett", "Registrera", "Granska", "Beslut", "Registrator",
             "Handläggare"]
    page = lxml_html.fromstring(report)
    found: dict[str, list[str | None]] = {"en": [], "sv": []}
    for lang in ("en", "sv"):
        for piece in page.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {lang} ')]"):
            if piece.xpath("ancestor::svg"):
                continue  # the diagram: its own lang (test_report_html)
            for holder, text in _texts(piece):
                for name in names:
                    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                        said = holder.xpath("ancestor-or-self::*[@lang][1]/@lang")
                        found[lang].append(said[0] if said else None)
    # the figures tables name every step, the assumptions most of them
    assert len(found["en"]) > 20 and set(found["en"]) == {"sv"}, found["en"]
    assert len(found["sv"]) > 20 and set(found["sv"]) == {"sv"}
    assert '<span class="en" lang="en">days waiting at: <span lang="sv">Beslut</span></span>' in report
    assert '<span class="sv" lang="sv">dagar i väntan vid: Beslut</span>' in report
    assert re.search(r'<span class="en" lang="en"><span lang="sv">Granska</span> — [a-z ]+</span>', report)


def test_a_fitted_spread_is_said_about_to_two_significant_digits():
    # found by QA (qawords): a calibrated profile's wait read "about 6.085 days, give or take 2.814 days"
    from report.valuewords import distribution_words

    fitted = {"dist": "lognormal", "mean": "6.085d", "sd": "2.814d", "interval": ["5.9d", "6.3d"]}
    assert distribution_words(fitted, "en") == "about 6.1 days on average, give or take 2.8 days"
    assert distribution_words(fitted, "sv") == "omkring 6,1 dagar i snitt, plus minus 2,8 dagar"
    long = {"dist": "gamma", "mean": "14.37d", "sd": "0.996d"}
    assert distribution_words(long, "en") == "about 14 days on average, give or take 1 day"
    assert distribution_words(long, "sv") == "omkring 14 dagar i snitt, plus minus 1 dag"


def test_an_exponential_mean_is_said_on_average_to_the_digits_about_has():
    # found by QA (qawords3): a fitted exponential wait read "on average 6.085 days"; "about" had been rounded
    from report.valuewords import distribution_words

    fitted = {"dist": "exponential", "mean": "6.085d", "interval": ["5.9d", "6.3d"]}
    assert distribution_words(fitted, "en") == "on average 6.1 days, often shorter, sometimes much longer"
    assert distribution_words(fitted, "sv") == "i snitt 6,1 dagar, ofta kortare, ibland mycket längre"
    assert distribution_words({"dist": "exponential", "mean": "14.37d"}, "en").startswith("on average 14 days,")
    assert distribution_words({"dist": "exponential", "mean": "3h"}, "sv").startswith("i snitt 3 timmar,")
