"""``../shared`` beside the checkout: where it is, and whether it is there.

CI has ``shared/`` beside the checkout (the BPMN interop corpus, the domain brief, data
sets); a plain ``git clone`` has nothing beside it. A test that reads the corpus carries the
``interop`` mark, one that reads another part ``shared("data/logs/...")``, and takes its
paths from here; ``tests/conftest.py`` skips such tests when the part is absent, all with
the same reason under one line of the summary:

    SKIPPED [97] tests/conftest.py:NN: needs ../shared/interop (...; absent in a plain clone)

``PERMITFLOW_SHARED`` names another folder (a worktree not beside ``shared/``; a missing folder
shows what a plain clone runs).
The product never reads ``../shared``; the BPMN XSDs come from a package (tests/bpmnschema.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

__all__ = ["ROOT", "SHARED", "INTEROP", "INTEROP_ABSENT", "absent", "has_interop", "when_interop"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PERMITFLOW_SHARED") or ROOT.parent / "shared")
INTEROP = SHARED / "interop"
INTEROP_ABSENT = ("needs ../shared/interop (the MIWG and vendor BPMN corpus that CI has beside the "
                  "checkout; absent in a plain clone)")


def absent(part: str) -> str:
    """The skip reason of a test that reads ``../shared/<part>``."""
    return f"needs ../shared/{part} (absent in a plain clone)"


def has_interop() -> bool:
    """Whether the interop corpus is beside the checkout."""
    return INTEROP.is_dir()


def when_interop(values: list[Any]) -> list[Any]:
    """Parameters read from the corpus, or, without it, one placeholder for the skip.

    Use it for a list found in the corpus (a glob) on a test marked ``interop``: without
    the placeholder pytest would report "got empty parameter set" instead of the reason.
    """
    return values if has_interop() else [pytest.param(None, id="interop-absent")]
