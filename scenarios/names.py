"""Names that become file and folder names: a name is a name, never a path.

A study's name is the default results folder (``results/<study>/``), a process's
name (a base's ``name:``, or its model file's stem) is ``processes/<name>.bpmn``
in it, and a scenario's name leads every case id (``<scenario>||r0|<process>|17``).
:func:`check_name` refuses — it does not rewrite — a name that could leave the
folder or mean something else there, so what the user wrote is what is used:

>>> check_name("status-quo", what="name", file="s.yaml", line=1)
'status-quo'
>>> check_name("../../tmp/x", what="study", file="s.yaml", line=1)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
processes.errors.InputError: s.yaml:1: study: '../../tmp/x' is not a name: ...
"""

from __future__ import annotations

import re

from processes.errors import InputError

__all__ = ["NAME_RULE", "MAX_NAME", "check_name", "name_problem"]

MAX_NAME = 100
#: the rule as the messages and docs/batch.md ("Safety of outputs") state it
NAME_RULE = (
    "a name may not contain / \\ : * ? \" < > | or control characters, be . or .., start with a dot "
    f"or a space, end with a space or be longer than {MAX_NAME} characters"
)
_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


def name_problem(name: object) -> str | None:
    """Why ``name`` cannot be a file or folder name, or ``None`` when it can."""
    if not isinstance(name, str) or not name:
        return "it is empty or not text"
    if _FORBIDDEN.search(name):
        return "it would be a path, not a name"
    if name.startswith((".", " ")) or name.endswith(" "):
        return "it would be hidden or ambiguous as a file name"
    if len(name) > MAX_NAME:
        return f"it is {len(name)} characters long"
    return None


def check_name(name: object, *, what: str, file: str | None, line: int | None = None) -> str:
    """``name`` when it is safe as a file or folder name; else :class:`InputError` naming ``what``."""
    problem = name_problem(name)
    if problem is not None:
        shown = repr(name) if len(repr(name)) <= 120 else repr(name)[:117] + "..."
        raise InputError(f"{what}: {shown} is not a name: {problem} (refused, not rewritten; {NAME_RULE})",
                         file=file, line=line)
    return str(name)
