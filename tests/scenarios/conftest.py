"""Small scenario files over the mini fixture process (tests/scenarios/fixtures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder holding mini.bpmn and mini.yaml, where tests write scenario files."""
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path

