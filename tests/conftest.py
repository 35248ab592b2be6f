"""What every test folder shares: the one skip for tests that read ../shared/interop."""

from __future__ import annotations

import pytest
import shared


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # raised here, not in a fixture, so that every such skip is one line of the summary
    if item.get_closest_marker("interop") is not None and not shared.has_interop():
        pytest.skip(shared.INTEROP_ABSENT)
