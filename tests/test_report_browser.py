"""The report opens in headless Chromium (Debian's /usr/bin/chromium) with no console errors.

Keeps a screenshot as a test artifact: tests/artifacts/report.png (gitignored).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from chromium import CHROMIUM, launch, watch
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_the_report_renders_in_chromium_without_console_errors(tmp_path: Path) -> None:
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    common = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 16w\n"
    (tmp_path / "a.yaml").write_text("name: today\nquestion: How long does it take today?\n" + common, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "name: officer-decides\nquestion: What if the officer decided?\n" + common
        + "set:\n  simulation.decision.delegation: officer\nbaseline: today\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output

    messages: list[str] = []
    failed_requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            watch(page, messages)
            page.on("requestfailed", lambda r: failed_requests.append(r.url))
            page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else failed_requests.append(r.url))
            page.goto((out / "report.html").as_uri(), wait_until="load")
            assert page.title().endswith("permitflow report")
            assert page.locator("#s-today .question").inner_text() == "How long does it take today?"
            cell = page.locator("#s-officer-decides table.figures:not(.all) tbody tr").filter(has_text="submission_to_decision_mean_days")
            assert cell.locator("td.sig").count() == 2  # the difference and its interval are marked
            images = page.locator("img.plot")
            assert images.count() == 3
            widths = images.evaluate_all("els => els.map(e => e.complete && e.naturalWidth)")
            assert all(w and w > 100 for w in widths)
            svg = page.locator("#diagram-mini svg")
            assert svg.count() == 1 and svg.bounding_box()["width"] > 200
            assert page.locator("#diagram-mini table.waits tbody tr").first.inner_text().startswith("1\tBeslut")
            max_width = "el => getComputedStyle(el).maxWidth"
            assert svg.evaluate(max_width) == "100%"  # fitted to the page
            page.locator("#diagram-mini label.zoom").click()  # CSS-only toggle to the drawing's own size
            assert svg.evaluate(max_width) == "none"
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        finally:
            browser.close()
    assert messages == []
    assert failed_requests == []
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
