"""What every test folder shares: the one skip for tests that read ../shared (see tests/shared.py)."""

from __future__ import annotations

import pytest
import shared


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # raised here, not in a fixture, so that the skips of one reason are one line of the summary
    if item.get_closest_marker("interop") is not None and not shared.has_interop():
        pytest.skip(shared.INTEROP_ABSENT)
    for mark in item.iter_markers("shared"):
        if not (shared.SHARED / mark.args[0]).exists():
            pytest.skip(shared.absent(mark.args[0]))
