"""The result of comparing two models: plain frozen data, no behaviour beyond lookups."""

from __future__ import annotations

from dataclasses import dataclass, field

from processes.diff.diffwords import Wording
from processes.diff.matchtypes import Match, Uncertain
from processes.diff.view import Step, display_name
from processes.model import FrozenMap

__all__ = ["KINDS", "Difference", "Similarity", "ModelSummary", "ModelDiff"]

#: every kind of difference, in the order they are listed
KINDS = (
    "only_in_a",  # a step A has and B lacks
    "only_in_b",  # a step B has and A lacks
    "split",  # one step of A is several consecutive steps of B
    "merged",  # several consecutive steps of A are one step of B
    "attribute",  # a matched step differs in type, performer, timer, loop marker or profile parameter
    "order",  # A: x before y; B: x after y
    "concurrency",  # parallel in one model, in sequence in the other
    "exclusiveness",  # alternatives (never both) in one model, both happen in the other
    "optionality",  # optional (can be skipped) in one model, mandatory in the other
    "loop",  # can repeat (on a loop) in one model, not in the other
    "fact",  # a profile fact differs (fee, e-service, stated time, deciding body, ...)
)


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference between model A and model B.

    ``a`` / ``b``: the element ids concerned in each model (the first is the step the
    difference is about; for control flow the others are the steps it is compared with).
    ``attribute``: which attribute or fact (``performer``, ``timer``, ``type``,
    ``loop_marker``, ``profile.<path>``, a fact name); for control flow the relation
    kind. ``a_value`` / ``b_value``: the values (relations: before, after, parallel,
    exclusive, optional, mandatory, repeatable, once). ``message``: plain words.
    ``a_basis`` / ``b_basis``: for a fact or a profile parameter, what each side's
    value rests on: ``sourced`` (a public page), ``assumed`` (an assumption),
    ``sourced and assumed`` (a sourced value read through an assumption), or ``""``
    (nothing said, or not a fact or parameter). ``subject``: for control flow, how many of
    the leading ids in ``a`` are the steps the difference is about (the rest are those they
    are compared with); 0 when not said (the first is). ``wording``: the message's key and values in the
    diff's table of words (diffwords.py), from which an output says it in Swedish; not part of the value
    (a difference read back from JSON has none, and says its English message).
    """

    kind: str
    a: tuple[str, ...] = ()
    b: tuple[str, ...] = ()
    attribute: str = ""
    a_value: str = ""
    b_value: str = ""
    message: str = ""
    a_basis: str = ""
    b_basis: str = ""
    subject: int = 0
    wording: Wording = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"difference kind {self.kind!r} (expected one of {', '.join(KINDS)})")

    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...], str, str, str]:
        """Everything but the message: what tests compare."""
        return (self.kind, self.a, self.b, self.attribute, self.a_value, self.b_value)


@dataclass(frozen=True, slots=True)
class Similarity:
    """The three similarity scores of Dijkman et al. (2011), each in [0, 1]
    (formulas in similarity.py), with the counts they were computed from."""

    node_matching: float
    structural: float
    behavioural: float
    nodes_a: int
    nodes_b: int
    skipped_nodes: int
    edges_a: int
    edges_b: int
    skipped_edges: int


@dataclass(frozen=True, slots=True)
class ModelSummary:
    """A compared model: the name it was given and its steps."""

    name: str
    steps: FrozenMap[str, Step]


@dataclass(frozen=True, slots=True)
class ModelDiff:
    """Model A against model B."""

    a: ModelSummary
    b: ModelSummary
    matches: tuple[Match, ...]
    differences: tuple[Difference, ...]
    similarity: Similarity
    notes: tuple[str, ...] = ()
    uncertain: tuple[Uncertain, ...] = ()  # unmatched steps with candidates (matching.py)
    #: the pairs (A ids, B ids) a match-decisions file rejected for these two models: a file saved
    #: from this run (--save-matches, the diff page) keeps them, or the matcher would pair them again
    rejected: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    def label_a(self, ids: tuple[str, ...], lang: str = "en") -> str:
        return " + ".join(display_name(self.a.steps[i], lang) for i in ids if i in self.a.steps)

    def label_b(self, ids: tuple[str, ...], lang: str = "en") -> str:
        return " + ".join(display_name(self.b.steps[i], lang) for i in ids if i in self.b.steps)
