"""The sweep's chart marks the values tried (found by QA, 2026-12-07): officers swept over 1, 2 and 3 had
ticks at "1,25", "1,5" and "1,75" between them, counts of people no one can have."""

from __future__ import annotations

from typing import Any

import pytest

from report import plots


@pytest.fixture
def ticks(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The x tick labels of each chart drawn, in order (the chart is not rendered to PNG)."""
    drawn: list[list[str]] = []

    def kept(fig: Any) -> str:
        fig.canvas.draw()
        drawn.append([t.get_text() for t in fig.axes[0].get_xticklabels()])
        plots.pyplot().close(fig)
        return ""

    monkeypatch.setattr(plots, "png", kept)
    return drawn


def _points(values: list[float]) -> dict[str, list[tuple[float, float, float, float]]]:
    return {"Helsingborg": [(float(v), 60.0 - v, 1.0, 1.0) for v in values]}  # as sweep_job gives them


def test_a_tick_at_each_value_tried(ticks: list[list[str]]) -> None:
    plots.draw_sweep(_points([1, 2, 3]), True, ["1", "2", "3"], "handläggarna: antal", "dagar", "sv")
    plots.draw_sweep(_points([0.2, 0.5, 1.0]), True, ["20 %", "50 %", "100 %"], "andel", "dagar", "sv", True)
    assert ticks == [["1", "2", "3"], ["20\u00a0%", "50\u00a0%", "100\u00a0%"]]
