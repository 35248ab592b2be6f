"""The report's utilisation chart as a manager reads it (found by QA, qawalk, on a model of one's own): its
per cent ticks each said differently, and each staff group by its profile's name, not by its code name."""

from __future__ import annotations

from typing import Any

import pytest

from report import plots
from report.plotjobs import plot_jobs
from report.plotlabels import number_axis


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], list[str]]]:
    """The x tick labels and the y tick labels of each chart drawn, in order (not rendered to PNG)."""
    charts: list[tuple[list[str], list[str]]] = []

    def kept(fig: Any) -> str:
        fig.canvas.draw()
        ax = fig.axes[0]
        charts.append(([t.get_text() for t in ax.get_xticklabels()], [t.get_text() for t in ax.get_yticklabels()]))
        plots.pyplot().close(fig)
        return ""

    monkeypatch.setattr(plots, "png", kept)
    return charts


def _doc(figures: dict[str, tuple[float, float, float]]) -> dict[str, Any]:
    return {"scenarios": [{"name": "s", "members": ["m"], "sweep": [], "points": [{"label": "", "values": {},
            "figures": {k: {"mean": mean, "ci": [low, high]} for k, (mean, low, high) in figures.items()}}]}]}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_ticks_half_a_per_cent_apart_say_the_half(lang: str) -> None:
    fig, ax = plots.pyplot().subplots()
    ax.set_xticks([0.0, 0.005, 0.01, 0.015, 0.02])
    number_axis(ax.xaxis, lang, percent=True)
    fig.canvas.draw()
    said = [t.get_text() for t in ax.get_xticklabels()]
    plots.pyplot().close(fig)
    assert said == (["0,0\u00a0%", "0,5\u00a0%", "1,0\u00a0%", "1,5\u00a0%", "2,0\u00a0%"] if lang == "sv"
                    else ["0.0%", "0.5%", "1.0%", "1.5%", "2.0%"])


@pytest.mark.parametrize(("low", "high"), [(0.008, 0.016), (0.001, 0.004), (0.01, 0.05), (0.2, 0.9)])
def test_the_charts_ticks_each_differ(drawn: list[tuple[list[str], list[str]]], low: float, high: float) -> None:
    job = plots.utilisation_job(_doc({"m/utilisation.officer": ((low + high) / 2, low, high)}), {"m": "L"}, "en")
    assert job is not None
    plots.draw_plot(job)
    ticks = [t for t in drawn[0][0] if t]
    assert len(ticks) >= 3 and len(set(ticks)) == len(ticks), ticks


def test_whole_per_cent_where_they_differ(drawn: list[tuple[list[str], list[str]]]) -> None:
    job = plots.utilisation_job(_doc({"m/utilisation.officer": (0.5, 0.4, 0.6)}), {"m": "Landskrona"}, "en")
    assert job is not None
    plots.draw_plot(job)
    ticks = [t for t in drawn[0][0] if t]
    assert "50%" in ticks and all("." not in t for t in ticks), ticks


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_each_staff_group_by_its_profiles_name(drawn: list[tuple[list[str], list[str]]], lang: str) -> None:
    doc = _doc({"m/utilisation.officer": (0.04, 0.02, 0.05), "m/utilisation.enhetschef": (0.015, 0.01, 0.02),
                "m/utilisation.registry": (0.1, 0.05, 0.15)})
    profile = {"municipality": "Landskrona", "simulation": {"pools": {
        "officer": {"name": "Handläggare"}, "enhetschef": {"name": {"en": "Head of unit", "sv": "Enhetschef"}},
        "registry": {}}}}
    jobs = plot_jobs(doc, [], {"m": profile}, sweeps=False)
    job = jobs[f"utilisation.{lang}"]
    assert job is not None
    plots.draw_plot(job)
    registry = "registraturen" if lang == "sv" else "the registry"
    assert drawn[0][1] == [f"Landskrona · s · {n}" for n in
                           ("Handläggare", "Enhetschef" if lang == "sv" else "Head of unit", registry)]
