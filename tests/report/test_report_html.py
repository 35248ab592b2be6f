"""report.html / report.results: a self-contained report and a results folder written from a batch."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from report.html import render_report, strip_xml_prolog, waiting_badges
from report.results import read_cases, read_processes, read_summary, write_results
from scenarios.batch import assemble
from scenarios.execute import plan
from scenarios.loader import read_any
from simulator.runner import Failure, run_replications

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("report")
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, work / name)
    common = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 16w\n"
    (work / "a.yaml").write_text("name: today\nquestion: How long does it take today?\n" + common, encoding="utf-8")
    (work / "b.yaml").write_text(
        "name: staff\nquestion: What if the officers worked more on permits?\n" + common
        + "sweep:\n  simulation.pools.officer.fte: [0.25, 1.0]\nbaseline: today\n",
        encoding="utf-8",
    )
    study = read_any([work / "a.yaml", work / "b.yaml"])
    planned = plan(study)
    outcomes = run_replications([j for _, j in planned])
    outcomes[-1] = Failure("SimulationError", "a broken replication")
    write_results(work / "out", assemble(study, [u for u, _ in planned], outcomes))
    return work / "out"


def test_the_results_folder_reads_back(folder: Path) -> None:
    doc = read_summary(folder)
    assert [s["name"] for s in doc["scenarios"]] == ["today", "staff"]
    assert [p["label"] for p in doc["scenarios"][1]["points"]] == [
        "simulation.pools.officer.fte=0.25", "simulation.pools.officer.fte=1.0",
    ]
    assert doc["failures"] == [{"scenario": "staff", "point": 1,
                                "message": "simulation.pools.officer.fte=1.0: a broken replication"}]
    assert {r["scenario"] for r in read_cases(folder)} == {"today", "staff"}
    assert list(read_processes(folder)) == ["mini"]
    header = (folder / "summary.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("scenario,point,figure,mean,ci_low,ci_high,n,baseline,diff_mean")


def test_the_report_is_one_self_contained_file(folder: Path) -> None:
    html = render_report(read_summary(folder), read_cases(folder), read_processes(folder))
    assert html.startswith("<!DOCTYPE html>")
    assert "How long does it take today?" in html and "What if the officers worked more on permits?" in html
    # nothing is loaded from elsewhere: no external src/href, no <link>, no <script src>
    assert not re.search(r"""(src|href)\s*=\s*["'](https?:)?//""", html)
    assert "<link" not in html and re.findall(r"<script[^>]*>", html) == ["<script>"]  # one, inline: the language
    assert "@import" not in html and "url(http" not in html
    images = re.findall(r'<img [^>]*src="data:image/png;base64,[A-Za-z0-9+/=]+"', html)
    assert len(images) == 8  # the deadline, times, utilisation and the sweep, each in English and Swedish
    assert html.count("<svg") >= 1 and "<?xml" not in html
    assert "a broken replication" in html
    assert "Change against today" in html and "Ändring mot today" in html


def test_waiting_badges_and_prolog_stripping() -> None:
    figures = {
        "mini/wait_days.Task_Beslut": {"mean": 12.34},
        "mini/wait_days.Task_Granska": {"mean": 0.01},  # too small to show
        "mini/utilisation.officer": {"mean": 0.5},
        "other/wait_days.Task_Beslut": {"mean": 3.0},
    }
    assert waiting_badges(figures, "mini") == {"Task_Beslut": "12.3 days"}
    assert strip_xml_prolog('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg/>') == "<svg/>"


def test_a_sweep_plot_handles_categories_and_several_swept_parameters() -> None:
    from report.plots import sweep_plot

    def point(level: str, count: int, mean: float) -> dict:
        return {
            "values": {"simulation.decision.delegation": level, "simulation.pools.officer.count": count},
            "figures": {"m/submission_to_decision_mean_days": {"mean": mean, "ci": [mean - 1, mean + 1]}},
        }

    scenario = {
        "members": ["m"],
        "sweep": [
            {"path": "simulation.decision.delegation", "values": ["committee", "officer"]},
            {"path": "simulation.pools.officer.count", "values": [1, 2]},
        ],
        "points": [point("committee", 1, 80.0), point("committee", 2, 78.0), point("officer", 1, 40.0), point("officer", 2, 39.0)],
    }
    image = sweep_plot(scenario)
    assert image is not None and image.startswith("data:image/png;base64,")
    assert sweep_plot({**scenario, "sweep": []}) is None


def test_a_small_difference_keeps_its_digits_and_no_minus_zero(folder: Path) -> None:
    doc = read_summary(folder)
    staff = doc["scenarios"][1]["points"][0]
    name = "mini/within_deadline_share"
    staff["figures"][name] = {"mean": 0.9958, "ci": [0.99, 1.0], "replications": [0.99, 1.0, 0.9974]}
    staff["comparison"]["differences"][name] = {
        "mean": -0.0042, "ci": [-0.0061, -0.0023], "significant": True, "replications": [-0.004, -0.005, -0.0036],
    }
    html = render_report(doc, [], {})
    staff_html = html[html.index('id="s-staff"'):]
    row = re.search(r"<tr[^>]*within_deadline_share[^>]*>(?:(?!</tr>).)*(?:(?!</tr>).)*</tr>", staff_html, re.S).group(0)
    # a change in a share in percentage points, none of them said as zero (not "-0.00 *" next to "-0.01 – -0.00")
    assert "-0.4 percentage points" in row and "-0.6</span>" in row and "-0.2 percentage points" in row
    assert not re.search(r">\s*-0\.00\s*<", html)


def test_the_shared_pool_note_follows_the_baseline_sentence_with_a_space(folder: Path) -> None:
    doc = read_summary(folder)
    doc["scenarios"][1]["shared_pools"] = [{"pool": "officer", "members": ["mini"], "provider": None}]
    html = render_report(doc, [], {})
    assert re.search(r"today</span></a>\.\s+<span class=\"en\" lang=\"en\">A process's utilisation of a shared pool", html)


def test_every_caption_and_sweep_heading_is_in_words_in_both_languages(folder: Path) -> None:
    """Found by QA: the sweep plot's caption and each sweep point's heading showed the setting's path
    (``simulation.pools.officer.fte``), and two captions had no Swedish."""
    html = render_report(read_summary(folder), read_cases(folder), read_processes(folder))
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert captions
    for caption in captions:
        if not caption.startswith("<b>"):  # a diagram's caption is the municipality's name
            assert 'class="en"' in caption and 'class="sv"' in caption, caption
    headings = re.findall(r"<h4>(.*?)</h4>", html, re.S)
    assert headings and not [h for h in headings + captions if "simulation." in h]
    visible = re.sub(r"<[^>]*>", " ", html)
    assert "against the case officers: share of full time" in visible
    assert "mot handläggarna: andel av heltid" in visible
    assert "the case officers: share of full time = 25%" in visible



def test_a_titles_capital_letters_stay(folder: Path) -> None:
    """Found by QA: jinja's capitalize wrote the bundled "the Ängelholm area, each on its own" as "The ängelholm
    area, each on its own"."""
    doc = read_summary(folder)
    doc["scenarios"][0]["name"] = "angelholm-area-alone"  # a bundled title with a name inside it
    doc["scenarios"][1]["baseline"] = "angelholm-area-alone"
    html = render_report(doc, [], {})
    assert "ängelholm area" not in html
    assert '<h3><span class="en" lang="en">The Ängelholm area, each on its own</span><span class="sv" lang="sv">Ängelholmsområdet' in html
    assert '<h3><span class="en" lang="en">Staff</span><span class="sv" lang="sv">Staff</span></h3>' in html


def test_a_swept_scenarios_answers_name_the_sweep_point_they_are_of(folder: Path) -> None:
    """Found by QA: "with Helsingborg's officer time varied, ... 7 days later" did not say at which of the five
    shares of full time (the answers are of a swept scenario's first sweep point)."""
    html = render_report(read_summary(folder), [], {})
    start = html.index('id="h-staff"')
    visible = re.sub(r"<[^>]*>", " ", html[start:html.index("</div>", start)])
    assert ("These answers are for the first of the 2 values tried: the case officers: share of full time = 25%"
            in visible)
    assert "Svaren gäller det första av de 2 värden som prövats: handläggarna: andel av heltid = 25\u00a0%" in visible
    assert "values tried" not in html[html.index('id="h-today"'):start]  # a scenario with no sweep says nothing of it


def test_the_deadline_charts_legend_covers_no_rows_share_past_the_deadline() -> None:
    """Found by QA: the legend ("4 månader", lower right inside the axes) covered the last row's "0,0 % efter 4
    månader"; and a share of late cases that rounds to 0,0 % beside a red point now says how small it is."""
    from report.plots import deadline_figure, pyplot

    rows = [[30.0 + i for i in range(50)] for _ in range(11)]
    rows.append([40.0 + i % 60 for i in range(2500)] + [150.0])  # the last row: one late case of 2,501
    fig = deadline_figure([f"Kommun {k} · nuläget" for k in range(12)], rows, "sv")
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        legend = ax.get_legend().get_window_extent(renderer)
        shares = [t for t in ax.texts if "efter 4 månader" in t.get_text()]
        assert [t.get_text() for t in shares] == ["0\u00a0% efter 4 månader"] * 11 + ["<\u00a00,1\u00a0% efter 4 månader"]
        for text in shares:
            assert not legend.overlaps(text.get_window_extent(renderer)), text.get_text()
    finally:
        pyplot().close(fig)


def test_the_deadline_chart_names_a_swept_scenarios_point_as_the_other_charts_do() -> None:
    """Found by QA: the deadline chart's row read "Helsingborg · Helsingborgs handläggartid varierad" while the
    processing-time and utilisation charts beside it named the sweep point ("(handläggarna: andel av heltid = 20\u00a0%)")."""
    from report.plots import deadline_job, processing_time_job

    def case(point: str) -> dict[str, str]:
        return {"scenario": "helsingborg-officer-time-sweep", "point": point, "process": "helsingborg",
                "warmup": "0", "complete_to_decision_days": "60.5", "submission_to_decision_days": "70.5"}

    cases = [case("simulation.pools.officer.fte=0.2"), case("simulation.pools.officer.fte=1.0")]
    towns = {"helsingborg": "Helsingborg"}
    for lang, said in (("sv", "Helsingborg · Helsingborgs handläggartid varierad (handläggarna: andel av heltid = 20\u00a0%)"),
                       ("en", "Helsingborg · Helsingborg's officer time varied (the case officers: share of full time "
                              "= 20%)")):
        deadline = deadline_job(cases, ["helsingborg-officer-time-sweep"], towns, lang)
        times = processing_time_job(cases, ["helsingborg-officer-time-sweep"], towns, lang)
        assert deadline is not None and times is not None
        assert deadline[1][0] == times[1][0] == [said]


def test_a_figure_one_replication_measured_says_so_instead_of_dashes(folder: Path) -> None:
    """Found by QA: a step reached in one replication of 30 (the extension) showed "0,02 – – –" and a change
    "– – –": its interval is not missing by chance, one replication cannot give one."""
    doc = read_summary(folder)
    staff = doc["scenarios"][1]["points"][0]
    name = "mini/within_deadline_share"
    staff["figures"][name] = {"mean": 0.5, "ci": [None, None], "replications": [0.5, None, None]}
    staff["comparison"]["differences"][name] = {"mean": 0.1, "ci": [None, None], "significant": False,
                                                "replications": [0.1, None, None]}
    other = "mini/extended_share"
    staff["figures"][other] = {"mean": None, "ci": [None, None], "replications": [None, None, None]}
    staff["comparison"]["differences"][other] = {"mean": None, "ci": [None, None], "significant": False,
                                                 "replications": [None, None, None]}
    html = render_report(doc, [], {})
    staff_html = html[html.index('id="s-staff"'):]
    for table in re.findall(r"<table class=\"figures(?: all)?\">.*?</table>", staff_html, re.S)[:2]:
        row = re.search(r'<tr data-figure="within_deadline_share">(.*?)</tr>', table, re.S).group(1)
        visible = re.sub(r"<[^>]*>", "|", row)
        assert visible.count("too few replications for an interval: only one measured it") == 2, visible
        assert visible.count("för få upprepningar för ett intervall: bara en mätte det") == 2, visible
        nothing = re.search(r'<tr data-figure="extended_share">(.*?)</tr>', table, re.S).group(1)
        assert "too few" not in nothing  # nothing measured: a dash, as the mean
    assert "– – –" not in re.sub(r"<[^>]*>", "", staff_html)


def test_a_sweep_of_one_value_says_its_value_without_a_first_of_one(folder: Path) -> None:
    # found by QA (qareview4): a sweep of one value (`sweep: {path: [0.25]}`, accepted) read "the first of the 1
    # values tried" / "det första av de 1 värden som prövats"
    doc = read_summary(folder)
    doc["scenarios"][1]["points"] = doc["scenarios"][1]["points"][:1]  # the staff sweep as if of 0.25 alone
    html = render_report(doc, [], {})
    start = html.index('id="h-staff"')
    visible = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", html[start:html.index("</div>", start)]))
    assert "These answers are for the one value tried: the case officers: share of full time = 25%" in visible
    assert "Svaren gäller det enda värde som prövats: handläggarna: andel av heltid = 25 %" in visible  # \s: nbsp
    assert "of the 1" not in visible and "av de 1" not in visible


def test_a_wait_whose_interval_starts_near_zero_does_not_read_as_zero(folder: Path) -> None:
    """Found by QA (2026-12-06): a wait's interval from 0.043 to 1.66 days read "0,0 – 1,7" in the list of longest
    waits, an interval that seems to reach zero; its end gets the fewest decimals that show it, "0,04 – 1,7"."""
    doc = read_summary(folder)
    figures = doc["scenarios"][0]["points"][0]["figures"]
    name = next(n for n in sorted(figures) if n.startswith("mini/wait_days."))
    figures[name] = {**figures[name], "mean": 40.0, "ci": [0.043, 79.96]}  # the longest wait, first in the list
    html = render_report(doc, [], read_processes(folder))
    row = re.search(rf'<td data-element="{re.escape(name.rpartition(".")[2])}"[^>]*>.*?</tr>', html, re.S)
    assert row is not None
    assert '<span class="en" lang="en">0.04</span><span class="sv" lang="sv">0,04</span> – ' in row.group(0), row.group(0)


def test_the_deadline_charts_share_past_the_deadline_is_the_one_the_answers_say() -> None:
    """Found by QA: Ängelholm's answer and table said "99,9 % inom 4 månader" while the deadline chart beside them
    said "0,2 % efter 4 månader": the chart counted all its cases pooled (1 late of 592), the figures are the mean
    over replications of each one's share (0,1 %). The chart now writes the figures' share."""
    from report.html import plot_jobs
    from report.plots import deadline_figure, pyplot

    # two replications: one late case of 2 in the first, none of 8 in the second; pooled 10 %, the mean 25 %
    days = [[130.0, 30.0], [30.0] * 8]
    cases = [{"scenario": "today", "point": "", "process": "a", "replication": str(r), "warmup": "0",
              "complete_to_decision_days": str(d), "submission_to_decision_days": str(d)}
             for r, run in enumerate(days) for d in run]
    doc = {"scenarios": [{"name": "today", "members": ["a"], "sweep": [], "points": [{"label": "", "values": {},
           "figures": {"a/within_deadline_share": {"mean": 0.75, "ci": [0.0, 1.0]}}}]}]}
    drawer, args = plot_jobs(doc, cases, None, sweeps=False)["deadline.sv"]
    fig = deadline_figure(*args)
    try:
        said = [t.get_text() for t in fig.axes[0].texts if "efter 4 månader" in t.get_text()]
        assert said == ["25\u00a0% efter 4 månader"]  # not the pooled "10 %"
    finally:
        pyplot().close(fig)


def test_the_assumptions_simulated_period_is_the_one_the_scenarios_ran(folder: Path) -> None:
    """Found by QA: the bundled study's assumptions said "simulated period 1 year" (the profile's) beside answers
    of 3 simulated years (every scenario sets its own). The row says the scenarios' run, and the profile's after
    its text. Here the profile says 26 weeks with 2 weeks' warm-up, the scenarios 16 weeks."""
    from html import unescape

    from bpmn_io.yamlsrc import load_yaml

    profile = load_yaml((FIXTURES / "mini.yaml").read_bytes(), source="mini.yaml").data
    html = render_report(read_summary(folder), [], {}, profiles={"mini": profile})
    start = html.index('<tr data-path="simulation.run">')
    row = unescape(re.sub(r"<[^>]*>", " ", html[start:html.index("</tr>", start)]))
    value, _, why = row.partition("simulated period 16 weeks")
    assert value and "simulated period 26 weeks" in why
    assert "the scenarios of these answers set the run themselves; the profile's own: start 2025-01-01" in why
    assert "simulerad period 16 veckor" in row and "profilens egen: start 2025-01-01, simulerad period 26 veckor" in row


def test_the_assumptions_say_what_the_domain_briefs_codes_are_where_a_text_has_one(folder: Path) -> None:
    """Found by QA: the library's profiles' texts say "A4", "S2", "L8" and "brief §8", which a manager had no way to
    read; a note above the tables says what they are, in each language, only when a text holds such a code."""
    from bpmn_io.yamlsrc import load_yaml

    profile = load_yaml((FIXTURES / "mini.yaml").read_bytes(), source="mini.yaml").data
    plain = render_report(read_summary(folder), [], {}, profiles={"mini": profile})
    assert 'id="brief-codes"' not in plain
    coded = {**profile, "simulation": {**profile["simulation"], "assumption": "A1 (brief §8): one year is assumed"}}
    html = render_report(read_summary(folder), [], {}, profiles={"mini": coded})
    note = html[html.index('id="brief-codes"'):]
    note = note[:note.index("</p>")]
    assert "A its open assumptions (its § 8, “brief §8”), S the steps of the process, L the legal points." in note
    assert "A dess öppna antaganden (dess § 8, ”underlaget § 8”), S processens steg, L de rättsliga punkterna." in note


def _nearest_lang(element) -> str | None:
    """The language an element's text is read in: its own ``lang``, else its nearest ancestor's."""
    said = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
    return said[0] if said else None


def test_every_text_in_one_language_says_which_language_it_is(folder: Path) -> None:
    """Found by QA: the page was lang="en" throughout and its Swedish view about 130 class="sv" pieces without a
    lang of their own, so a screen reader read the Swedish with English sounds (and the browser hyphenated it as
    English). A text in one language is an element of class "sv" or "en" (the language switch's convention)."""
    from lxml import html as lxml_html

    text = render_report(read_summary(folder), read_cases(folder), read_processes(folder))
    page = lxml_html.fromstring(text)
    assert page.get("lang") == "en"  # the switch's default, as the page opens
    for lang in ("sv", "en"):
        pieces = page.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {lang} ')]")
        assert len(pieces) > 100  # headings, sentences, table cells, the charts (img), the diagram's badges
        assert [e for e in pieces if _nearest_lang(e) != lang] == []
    assert {e.tag for e in page.xpath("//*[@class='plot sv']")} == {"img"}
    # the mini model names its steps in Swedish only: its diagram, and a step's name in the waits table, say so
    assert [svg.get("lang") for svg in page.xpath("//figure[@id='diagram-mini']//svg")] == ["sv"]
    named = page.xpath("//table[@class='waits']//td[@data-element]")
    assert named and all(_nearest_lang(td) == "sv" for td in named if td.text_content() != td.get("data-element"))
    # the same report, the same bytes
    assert render_report(read_summary(folder), read_cases(folder), read_processes(folder)) == text
