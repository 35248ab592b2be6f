"""The one error a reader refuses its input with, for tests that compare its message or its place.

``refused(read_scenario, path)`` calls the reader and returns the InputError it raises (the test
fails with pytest's "DID NOT RAISE" when it reads the input instead), so that a test says in one
line what is read and, in the next, what is said: ``assert str(refused(read_log, path)) == ...``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from processes.errors import InputError

__all__ = ["refused"]


def refused(read: Callable[..., Any], *args: Any, **kwargs: Any) -> InputError:
    """The InputError ``read(*args, **kwargs)`` raises."""
    with pytest.raises(InputError) as err:
        read(*args, **kwargs)
    return err.value
