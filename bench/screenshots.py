"""The README's screenshots (docs/images/*.png), made again from today's code (not a benchmark: a generator).

    .venv/bin/python bench/screenshots.py                    # runs the bundled study, serves the what-if
                                                             # page, writes all five pictures
    .venv/bin/python bench/screenshots.py --results DIR      # the report of DIR (a `permitflow run` output)
    .venv/bin/python bench/screenshots.py --only web-what-if --out /tmp/shots

The report's pictures come from ``permitflow run`` of the bundled study (scenarios/familjen-helsingborg-
study.yaml, seed 2025) into a temporary folder, or from ``--results``; the what-if page's from ``permitflow serve``
on a free port of 127.0.0.1, with fixed levers and seed. Each is taken by Debian's headless Chromium
(tests/chromium.py, as the browser tests do) at a fixed window size and crop, then stored as a palette PNG
(``--colours``). Which language each picture shows is fixed here: the report in English (the README is English),
the what-if page in Swedish (its managers use it in Swedish). The script stops with an error when the page
logs an error or the element a picture needs is missing.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT / "tests"))  # tests/chromium.py: Debian's Chromium, as the browser tests start it

#: the window (width, height) of the report's pictures and of the what-if page's
REPORT_WINDOW = (1000, 1150)
WEB_WINDOW = (1200, 1000)
#: the badge close-up: its size and where the decision step's top-left corner sits in it
BADGES_CLIP = (934, 560)
BADGES_TASK_AT = (618, 418)
BADGES_TASK = "Task_Beslut"
PICTURES = ("report-answers", "report-processing-times", "report-diagram", "report-badges", "web-what-if")
#: the what-if page's levers for its picture: decisions by the case officer, 3 replications, a fixed seed
WEB_LEVERS = {"grant_level": "officer", "refusal_level": "officer"}
WEB_REPLICATIONS = 3


def _permitflow() -> list[str]:
    """The permitflow command beside this Python (the installed entry point), else cli.main through it."""
    script = Path(sys.executable).with_name("permitflow")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]


def run_study(out: Path, workers: int) -> Path:
    """``permitflow run`` of the bundled study into ``out``; the results folder."""
    done = subprocess.run([*_permitflow(), "run", "-o", str(out), "--workers", str(workers)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"permitflow run failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}")
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(workers: int, log: Path) -> Iterator[str]:
    """``permitflow serve`` on a free port of 127.0.0.1 until the block ends; its address."""
    port = _free_port()
    address = f"http://127.0.0.1:{port}/"
    with log.open("w", encoding="utf-8") as sink:
        server = subprocess.Popen([*_permitflow(), "serve", "--port", str(port), "--workers", str(workers)],
                                  cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                if server.poll() is not None:
                    raise SystemExit(f"permitflow serve ended ({server.returncode}): "
                                     f"{log.read_text(encoding='utf-8').strip()[-800:]}")
                try:
                    with urllib.request.urlopen(address, timeout=5) as reply:
                        if reply.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"permitflow serve did not answer at {address} within 120 s")
                time.sleep(0.2)
            yield address
        finally:
            server.terminate()  # SIGTERM: it stops its runs and workers within seconds
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def optimise(png: Path, colours: int) -> None:
    """``png`` as a palette image of at most ``colours`` colours, no dithering (text stays sharp)."""
    with Image.open(png) as image:
        rgb = image.convert("RGB")
    palette = rgb.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(png, optimize=True)


def _checked(messages: list[str], picture: str) -> None:
    if messages:
        raise SystemExit(f"{picture}: the page logged {messages}")


@contextmanager
def _browser_page(width: int, height: int, messages: list[str], locale: str = "en-US") -> Iterator[Any]:
    from chromium import launch, watch
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, locale=locale)
            watch(page, messages)
            yield page
        finally:
            browser.close()


def report_pictures(report: Path, out: Path, wanted: set[str]) -> list[Path]:
    """The report's pictures (English): its first screen (the answers), the processing-time plot, Helsingborg's
    waits and diagram fitted to the width, and the diagram at readable size around the decision step's badge."""
    made: list[Path] = []
    messages: list[str] = []
    with _browser_page(*REPORT_WINDOW, messages) as page:
        page.goto(report.as_uri(), wait_until="load")
        page.locator("#pick-en").click()

        def shot(name: str, take: Callable[[Path], None]) -> None:
            if name in wanted:
                path = out / f"{name}.png"
                take(path)
                _checked(messages, name)
                made.append(path)

        shot("report-answers", lambda path: page.screenshot(path=str(path)))
        times = page.locator("img#plot-times")
        times.wait_for(state="visible")
        shot("report-processing-times", lambda path: times.screenshot(path=str(path)))

        figure = page.locator("#diagram-helsingborg")
        figure.locator('label[for="fit-helsingborg"]').click()
        shot("report-diagram", lambda path: figure.screenshot(path=str(path)))

        figure.locator('label[for="actual-helsingborg"]').click()

        def badges(path: Path) -> None:
            frame = figure.locator("div.svg")
            task = frame.locator(f"g[data-element-id='{BADGES_TASK}']")
            if task.count() != 1:
                raise SystemExit(f"report-badges: Helsingborg's diagram has no {BADGES_TASK}")
            task.scroll_into_view_if_needed()
            box, inner = frame.bounding_box(), task.bounding_box()
            # the step at its place in the close-up: the frame scrolls sideways, the page up or down
            frame.evaluate("(e, dx) => { e.scrollLeft += dx; }", inner["x"] - box["x"] - BADGES_TASK_AT[0])
            page.evaluate("dy => window.scrollBy(0, dy)", inner["y"] - BADGES_TASK_AT[1] - 40)
            box, inner = frame.bounding_box(), task.bounding_box()
            clip = {"x": box["x"], "y": inner["y"] - BADGES_TASK_AT[1], "width": BADGES_CLIP[0], "height": BADGES_CLIP[1]}
            if clip["y"] < box["y"] or clip["y"] + clip["height"] > box["y"] + box["height"] \
                    or clip["width"] > box["width"]:
                raise SystemExit(f"report-badges: the close-up {clip} does not fit in the diagram's frame {box}")
            page.screenshot(path=str(path), clip=clip)

        shot("report-badges", badges)
    return made


def web_picture(address: str, out: Path, seed: int) -> Path:
    """The what-if page in Swedish: Helsingborg, decisions by the case officer, its answer."""
    messages: list[str] = []
    path = out / "web-what-if.png"
    with _browser_page(*WEB_WINDOW, messages, locale="sv-SE") as page:
        page.goto(address + "?lang=sv", wait_until="load")
        page.wait_for_selector("body[data-ready='1']")
        page.locator("[data-lang='sv']").click()
        for lever, value in WEB_LEVERS.items():
            page.select_option(f"#lever-{lever}", value)
        page.fill("#lever-replications", str(WEB_REPLICATIONS))
        page.fill("#lever-seed", str(seed))
        page.click("#run")
        page.wait_for_selector("body[data-runs='1']", timeout=300_000)
        page.locator("#run").blur()
        page.mouse.move(0, 0)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(path))
        _checked(messages, "web-what-if")
    return path


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parse.add_argument("--results", type=Path, help="a `permitflow run` results folder (its report.html); "
                       "default: run the bundled study into a temporary folder")
    parse.add_argument("--out", type=Path, default=IMAGES, help="where the pictures go (default docs/images)")
    parse.add_argument("--only", nargs="+", choices=PICTURES, default=list(PICTURES), metavar="NAME",
                       help=f"only these pictures ({', '.join(PICTURES)})")
    parse.add_argument("--seed", type=int, default=2025, help="the what-if page's seed (default 2025, the study's)")
    parse.add_argument("--workers", type=int, default=2, help="worker processes for the run and the server")
    parse.add_argument("--colours", type=int, default=128, choices=range(2, 257), metavar="N",
                       help="palette size of the stored PNGs, 2-256 (default 128)")
    return parse


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.results is not None and not (args.results / "report.html").is_file():
        print(f"--results {args.results}: no report.html there", file=sys.stderr)
        return 2

    from chromium import CHROMIUM

    if not CHROMIUM.exists():
        print(f"needs Debian's chromium at {CHROMIUM}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.only)
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="permitflow-screenshots-") as scratch:
        work = Path(scratch)
        shots = work / "shots"
        shots.mkdir()
        if wanted - {"web-what-if"}:
            began = time.perf_counter()
            results = args.results or run_study(work / "study", args.workers)
            if args.results is None:
                print(f"ran the bundled study in {time.perf_counter() - began:.1f} s")
            made += report_pictures(results / "report.html", shots, wanted)
        if "web-what-if" in wanted:
            with serving(args.workers, work / "serve.log") as address:
                made.append(web_picture(address, shots, args.seed))
        for shot in made:
            raw = shot.stat().st_size
            optimise(shot, args.colours)
            target = args.out / shot.name
            shutil.copyfile(shot, target)
            with Image.open(target) as image:
                size = image.size
            print(f"{target}: {size[0]}×{size[1]}, {target.stat().st_size:,} bytes ({raw:,} as Chromium wrote it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
