"""Debian's headless Chromium for the browser tests (playwright, launched by path: playwright
cannot download its own browsers here)."""

from __future__ import annotations

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
