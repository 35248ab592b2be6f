"""How a message meant for a person names a step of a model: its name, then its id in brackets.

A person knows a step by the name drawn on it, so the name comes first; the id after it is what
finds the step in a modelling tool and in a profile (``elements.Activity_0bevis9``). Every
command's warnings and notes name a step, gateway, event, flow or lane this one way; an error
line about bad input keeps its ``file:line: element id:`` prefix as well.

>>> step_said("Activity_0bevis9", "Granska\\n ansökan")
'Granska ansökan (Activity_0bevis9)'
>>> step_said("Gateway_1", None), step_said("officer", "officer")
('Gateway_1', 'officer')
"""

from __future__ import annotations

__all__ = ["step_said"]


def step_said(element_id: str, name: object) -> str:
    """``name (element_id)``, the name's white space made single; the id alone without a name (or when
    the name is the id)."""
    said = " ".join(str(name or "").split())
    return f"{said} ({element_id})" if said and said != element_id else element_id
