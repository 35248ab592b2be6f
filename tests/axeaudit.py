"""axe-core's audit of a page open in Debian's Chromium (playwright), for the accessibility tests: every rule tagged
WCAG 2.0/2.1 A or AA, with the best-practice rules on landmarks, headings and focus order that WCAG's 1.3.1 and 2.4
rest on (``EXTRA``). axe's ``axe.min.js`` (tests/js, ``make node-deps``) is put into the page by the test: nothing is
fetched, past the page's own script policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import launch

__all__ = ["AXE", "needs_axe", "one_browser", "violations", "audited", "report"]

AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA: what the Swedish law (EN 301 549) asks of a municipality's digital service
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: axe's best-practice rules for what the brief names beside them: landmarks, heading order, focus order
EXTRA = ["region", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
         "landmark-no-duplicate-main", "landmark-no-duplicate-contentinfo", "landmark-main-is-top-level",
         "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level", "heading-order",
         "page-has-heading-one", "empty-heading", "empty-table-header", "tabindex", "scope-attr-valid"]

#: the tests skip with one line without axe-core's file (as the bpmn-moddle tests do without node_modules)
needs_axe = pytest.mark.skipif(not AXE.is_file(), reason="needs axe-core in tests/js/node_modules (make node-deps)")


def one_browser() -> Iterator[Any]:
    """One headless Chromium for a module (made a fixture there): each test opens its own pages in it."""
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        chromium = launch(p)
        try:
            yield chromium
        finally:
            chromium.close()


def violations(page: Any) -> list[str]:
    """axe's violations on ``page`` as it is now, one line each: rule, impact, the element's selector, what is
    wrong (axe's summary)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("""async ([tags, extra]) => {
        const rules = axe.getRules(tags).map((r) => r.ruleId).concat(extra);
        const result = await axe.run(document, {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]});
        return result.violations.flatMap((v) => v.nodes.map((n) =>
            `${v.id} (${v.impact}) ${n.target.join(" ")}: ${n.failureSummary.replace(/\\s+/g, " ")}`));
    }""", [TAGS, EXTRA])
    return list(found)


def audited(page: Any, where: str) -> list[str]:
    """``where: violation`` for each of ``page``'s violations."""
    return [f"{where}: {line}" for line in violations(page)]


def report(found: list[str]) -> str:
    """The assertion's message: how many violations, then each on its line."""
    return f"{len(found)} accessibility violation(s):\n" + "\n".join(found)
