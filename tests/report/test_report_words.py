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
        "utilisation": {"en": ["Ministad · one more case officer (the case officers: share of full time = 0.25) · "
                               "the case officers", "share of working time in use (95 % interval)", "0 %"],
                        "sv": ["Ministad · en handläggare till (handläggarna: andel av heltid = 0,25) · handläggarna",
                               "andel av arbetstiden som används (95 % intervall)", "0 %"]},
        "sweep": {"en": ["Ministad", "the case officers: share of full time",
                         "days from application to decision (mean)", "0.4"],
                  "sv": ["Ministad", "handläggarna: andel av heltid", "dagar från ansökan till beslut (medel)", "0,4"]},
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
