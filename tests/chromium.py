"""Debian's headless Chromium for the browser tests (playwright, launched by path: playwright
cannot download its own browsers here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from Debian's package."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def watch(page: Any, messages: list[str]) -> None:
    """Collect the page's console errors and warnings and its uncaught errors into ``messages``."""
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))


@contextmanager
def opened(path: Path | None, messages: list[str], **page_options: Any) -> Iterator[Any]:
    """A page of a new headless Chromium (``page_options`` as ``new_page`` takes them) with the file at ``path``
    loaded (None: none, the caller goes where it will), its console errors and warnings and its uncaught
    errors collected into ``messages``; the browser is closed after."""
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(**page_options)
            watch(page, messages)
            if path is not None:
                page.goto(path.as_uri(), wait_until="load")
            yield page
        finally:
            browser.close()
