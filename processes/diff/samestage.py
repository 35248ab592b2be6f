"""The one step of the same stage in the same place: a further reason to ask about a step left over.

Where the other model draws several unmatched steps in a step's place (more than the uncertain
tier's ``PLACE_MAX``), a step whose label shares no word with any of them is offered none by
place alone: "Ärende skapas automatiskt med kommunkod Tallbacka" beside five steps of the other
model, one of which is "Ansökan registreras och överlämnas till alkoholhandläggaren i Östby";
"Create case, set status Submitted" beside nine, one of which is "Application recorded in
licensing register" (bench/RESULTS-matching.md, "Branch many16", kind D). Both pairs name the same
stage of the case (stages.py: intake). A step left over that names a stage is asked about the
other model's unmatched step of its family in its place that names the same stage, when there is
exactly one such step (two or more of one stage there say the other model draws the stage at a
finer grain, and none of them is singled out).

Reason: "the one step of the same stage in the same place (<stage>)".
"""

from __future__ import annotations

from collections.abc import Iterable

from processes.diff.stages import stage_of
from processes.diff.text import Lexicon
from processes.diff.view import Step

__all__ = ["one_of_the_same_stage", "same_stage_reason"]


def one_of_the_same_stage(
    x: Step, place: Iterable[int], other_steps: list[Step], lex: Lexicon, lang: tuple[str, str]
) -> dict[int, str]:
    """The column of the one step among ``place`` (columns into ``other_steps``: the other model's
    unmatched steps of ``x``'s family in ``x``'s place) that names ``x``'s stage: {column: stage},
    or {} when ``x`` names no stage or the place has none or several of it."""
    stage = stage_of(lex, x.name, lang[0]) if x.name else None
    if stage is None:
        return {}
    found = [j for j in place if other_steps[j].name and stage_of(lex, other_steps[j].name, lang[1]) == stage]
    return {found[0]: stage} if len(found) == 1 else {}


def same_stage_reason(stage: str) -> str:
    return f"the one step of the same stage in the same place ({stage})"
