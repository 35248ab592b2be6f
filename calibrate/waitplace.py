"""Where a discovered model puts a wait the log shows the enabling of: right after the step that enabled it.

A referral answer (remissvar) is enabled when the referral is sent and comes weeks later, whenever the other body
answers; meanwhile the case goes on: the completeness check, its supplement requests, the knowledge test. Ordered
by completion, as the inductive miner reads a log, the answer comes after whichever of those steps it outlasted:
after a supplement request in one case, before the next completeness check in another. The miner, which knows only
what directly follows what, then puts the answers inside the supplement loop (on Helsingborg's simulated log: after
the completeness check, beside the test), their fitted waits run from the loop's last step before them, not from
their sending (51-150 hours against the 2-4 weeks the log was simulated with), and the model loses that a case
waits for its answers only before the investigation.

A log with start times shows more: each such row begins at the very instant another row of its case ends, the
step that enabled it. The rule (:func:`enabled_waits`, constants :data:`ENABLED_SHARE`, :data:`WAITED_SHARE`,
stated, not fitted to a log): an activity no row names anyone for (an outside body, the applicant, a date),
every row with a logged start and some taking time, :data:`ENABLED_SHARE` or more of whose rows begin at the
instant one and the same other activity of their case completes, is a wait enabled by that activity (one that
follows fewer than that share of its enabler's rows, as a retest only after a failed test, may not come;
an enabler's row in a case in progress at the export, with no row of the wait after it, counts in neither:
its wait may yet come, and a log exported mid-run would otherwise make every answer still awaited one that
may not; but where the case went on since to a step that waits for the wait, it did not follow). The miner
runs without such waits; :func:`place_waits` then puts each in the process tree after its
enabler, in parallel with what follows it up to the first step that waits for it (a step whose rows,
:data:`WAITED_SHARE` or more of them, begin only after the wait has ended), as the log shows the case going on
meanwhile; an enabler the miner made optional (a choice of it or nothing) takes its choice along, beside what
follows it. A completion-only log
shows no enabling: it is mined as before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from bpmn_io.caselog import LogTable, names_someone
from calibrate.endings import ended_cases
from processes.numbers import number, share

__all__ = ["EnabledWait", "enabled_waits", "place_waits", "ENABLED_SHARE", "WAITED_SHARE"]

#: at least this share of a wait's rows begin at the instant its enabler completes in their case
ENABLED_SHARE = 0.9
#: a step waits for the wait when at least this share of its next rows after the wait's begin start after its end
WAITED_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class EnabledWait:
    """A wait the log shows the enabling of: its activity, the activity whose completion enables it, how many of
    its rows begin at that instant, and the activities that wait for it (:data:`WAITED_SHARE`)."""

    activity: str
    enabler: str
    rows: int
    enabled: int
    waited_for_by: tuple[str, ...]
    #: whether it follows its enabler nearly always (:data:`ENABLED_SHARE` of the enabler's rows, but those
    #: whose wait may yet come: in a case in progress, unanswered), else it may not
    always: bool = True

    def note(self) -> str:
        """What the discovery did with it, in English and Swedish."""
        en, sv = share(self.enabled / self.rows, "en"), share(self.enabled / self.rows, "sv")
        rows_en, rows_sv = number(self.rows, "en"), number(self.rows, "sv")
        enabled_en, enabled_sv = number(self.enabled, "en"), number(self.enabled, "sv")
        return (f"{self.activity!r} placed after {self.enabler!r}, which enables it: {enabled_en} of its "
                f"{rows_en} rows ({en}) begin at the instant {self.enabler!r} of their case ends, and the "
                f"case goes on meanwhile (på svenska: {self.activity!r} placeras efter {self.enabler!r}, "
                f"som sätter igång den: {enabled_sv} av {rows_sv} rader ({sv}) börjar i samma ögonblick som "
                f"{self.enabler!r} i ärendet slutar, och ärendet fortsätter under tiden)")


def enabled_waits(table: LogTable) -> tuple[EnabledWait, ...]:
    """The waits of ``table`` by the rule of the module doc, in the order of the log's activities."""
    if not table.n_events:
        return ()
    named = names_someone(table.resources)[table.resource]
    begins = np.where(np.isnan(table.start), table.end, table.start)
    ended = ended_cases(table)
    out = []
    for code, name in enumerate(table.activities):
        rows = np.flatnonzero(table.activity == code)
        if not rows.size or named[rows].any() or np.isnan(table.start[rows]).any():
            continue
        if not (table.end[rows] > table.start[rows]).any():  # an instant is a timer's firing (calibrate.logtimers)
            continue
        by: Counter[int] = Counter()
        for i in rows:
            ends_then = (table.case == table.case[i]) & (table.end == table.start[i]) & (table.activity != code)
            by.update(set(table.activity[ends_then].tolist()))
        if not by:
            continue
        enabler, enabled = by.most_common(1)[0]
        if enabled < ENABLED_SHARE * rows.size:
            continue
        waiting = tuple(table.activities[c] for c in range(len(table.activities))
                        if c != code and _waits_for(table, begins, rows, c))
        waited = np.isin(table.activity, [table.activities.index(a) for a in waiting])
        always = enabled >= ENABLED_SHARE * _decided(table, ended, code, enabler, begins, waited)
        out.append(EnabledWait(name, table.activities[enabler], int(rows.size), int(enabled), waiting, always))
    return tuple(out)


def _decided(table: LogTable, ended: np.ndarray, code: int, enabler: int, begins: np.ndarray,
             waited: np.ndarray) -> int:
    """How many rows of ``enabler`` the log shows whether wait ``code`` followed: each but those in a case in
    progress at the export (not ended, :func:`calibrate.endings.ended_cases`) with no row of the wait from the
    enabler's end on and no row begun since of a step that waits for it (``waited``: the rows of
    :attr:`EnabledWait.waited_for_by`). Such a sending's answer may still come; counted as one it did not
    follow, every sending awaiting its answer at an export mid-run made the answer read as one that may not
    come (on Helsingborg's log cut at day 120, 30-32 of 36 sendings). A case ended without the answer is one
    it did not follow, and so is a case that went on without it to a step that waits for it: in a log that
    shows no activity ending cases (Helsingborg's cut at day 100, 4 decisions in) every case is in progress,
    and a retest, which follows a failed test only, read as one that follows every test."""
    waits = np.flatnonzero(table.activity == code)
    later = np.flatnonzero(waited)
    decided = 0
    for j in np.flatnonzero(table.activity == enabler):
        c = table.case[j]
        theirs = table.start[waits[table.case[waits] == c]]
        went_on = begins[later[table.case[later] == c]] >= table.end[j]
        decided += int(bool(ended[c]) or bool((theirs >= table.end[j]).any()) or bool(went_on.any()))
    return decided


def _waits_for(table: LogTable, begins: np.ndarray, rows: np.ndarray, code: int) -> bool:
    """Whether activity ``code`` waits for the wait's ``rows``: its first row after each wait row's begin, in the
    case, begins at or after that row's end, for :data:`WAITED_SHARE` or more of the wait rows it has one after."""
    theirs = np.flatnonzero(table.activity == code)
    seen = after = 0
    for i in rows:
        later = theirs[(table.case[theirs] == table.case[i]) & (begins[theirs] >= table.start[i])]
        if later.size:
            seen += 1
            after += int(begins[later].min() >= table.end[i])
    return seen > 0 and after >= WAITED_SHARE * seen


def place_waits(tree: Any, waits: tuple[EnabledWait, ...]) -> Any:
    """``tree`` (pm4py's process tree, mined without the waits) with each wait put after its enabler, in
    parallel with what follows up to the first step that waits for it (see the module doc); changed in place,
    the root returned (a new one when the wait ends with the whole tree)."""
    from pm4py.objects.process_tree.obj import Operator, ProcessTree

    for wait in waits:
        leaf = next((n for n in _nodes(tree) if n.label == wait.enabler and not n.children), None)
        if leaf is None:  # its enabler is not in the model: the wait is left out too
            continue
        new = ProcessTree(label=wait.activity)
        if not wait.always:  # a retest after a failed test only: a choice after its enabler, not a wait every time
            new = _node(Operator.XOR, [new, ProcessTree()])
        node, wrapped = leaf, False
        while True:  # up to the sequence whose later parts, from one on, wait for it, each of their steps (or to
            # a loop's, a choice's end)
            parent = node.parent
            if parent is not None and parent.operator is Operator.SEQUENCE:
                k = parent.children.index(node)
                m = _waiting_from(parent, k, wait)
                if m is not None:
                    break
            if parent is None or parent.operator not in (Operator.SEQUENCE, Operator.PARALLEL):
                parent, k, m, wrapped = _wrap(node), 0, 1, True  # it ends by the end of this part, which may
                break  # recur or not happen
            node = parent
        _insert(parent, k, m, leaf, new)
        if wrapped and _optional(parent.parent, parent):  # ends by the end of a part that may not happen
            _beside_optional(parent.parent, wait)
        while tree.parent is not None:  # a part wrapped at the top is the new root
            tree = tree.parent
    return _flatten(tree)


def _waiting_from(seq: Any, k: int, wait: EnabledWait) -> int | None:
    """The first part of ``seq`` after its ``k``-th from which on every part's steps wait for ``wait``."""
    return next((j for j in range(k + 1, len(seq.children))
                 if all(_leaves(c) <= set(wait.waited_for_by) for c in seq.children[j:])), None)


def _optional(choice: Any, part: Any) -> bool:
    """Whether ``choice`` is a choice of ``part`` or nothing (its other branches silent) inside a sequence."""
    from pm4py.objects.process_tree.obj import Operator

    return (choice is not None and choice.operator is Operator.XOR and choice.parent is not None
            and choice.parent.operator is Operator.SEQUENCE
            and all(c is part or (not c.children and c.label is None) for c in choice.children))


def _beside_optional(choice: Any, wait: EnabledWait) -> None:
    """The optional part ``choice`` (its wait placed inside it, ending with it) in parallel with what follows
    it in its sequence up to the first part that waits for the wait (to the sequence's end if none does), not
    before it.

    Wrapped in the choice, the wait held up the next step though the log shows that step not waiting for it:
    on Helsingborg's log cut at day 90 the miner made the last two referral sendings optional (one case of 24
    had none yet), and each answer was placed before the next step (the next sending, the call to the test),
    which began at the instant the answer did: overtaken at once (:func:`calibrate.observe.released`), the
    answers fitted 0 hours."""
    from pm4py.objects.process_tree.obj import Operator

    seq = choice.parent
    k = seq.children.index(choice)
    m = _waiting_from(seq, k, wait) or len(seq.children)
    if m > k + 1:
        block = _node(Operator.PARALLEL, [choice, _chain(seq.children[k + 1:m])])
        _set_children(seq, [*seq.children[:k], block, *seq.children[m:]])


def _flatten(node: Any) -> Any:
    """A sequence in a sequence, a parallel in a parallel, as one (the same behaviour, fewer gateways); a
    sequence or parallel of one part as that part; a part of nothing (an operator without children) left out
    of a sequence or parallel, and silent (tau) in a choice or loop. The node that stands in ``node``'s place
    is returned. :func:`place_waits` runs it on every tree the miner gives, whether waits are placed in it or
    not.

    One part is what :func:`_wrap` leaves when the enabler is lifted out of the part it wrapped (a retest
    after a test beside the reminder, in a choice: Helsingborg's log cut at day 100), and pm4py's
    conversion to BPMN joins a one-part sequence to nothing: its part's last gateway had no way on,
    a dead end, and the parallel joins after it waited for ever in the simulation. A part of nothing is what
    :func:`_insert` leaves beside a wait whose enabler ends its sequence (Helsingborg's log at noise 0.5);
    the conversion joins an empty parallel or choice in a sequence to nothing and fails on an empty sequence
    there."""
    from pm4py.objects.process_tree.obj import Operator, ProcessTree

    for child in list(node.children):
        _flatten(child)
    if node.operator in (Operator.SEQUENCE, Operator.PARALLEL):
        parts = [g for c in node.children for g in (c.children if c.operator is node.operator else [c])
                 if g.operator is None or g.children]
        _set_children(node, parts)
        if len(parts) == 1:
            _replace(node, parts[0])
            return parts[0]
    else:
        for child in list(node.children):
            if child.operator is not None and not child.children:
                _replace(child, ProcessTree())
    return node


def _insert(seq: Any, k: int, m: int, leaf: Any, wait: Any) -> None:
    """Put ``wait`` after ``leaf`` (inside ``seq.children[k]``) and in parallel with ``seq.children[k+1:m]``."""
    from pm4py.objects.process_tree.obj import Operator

    part = seq.children[k]
    between = seq.children[k + 1:m]
    if _ends_with(part, leaf):  # the enabler ends its part: the wait begins where the part ends
        if not between:
            _set_children(seq, [*seq.children[:k + 1], wait, *seq.children[k + 1:]])
        else:
            block = _node(Operator.PARALLEL, [wait, _chain(between)])
            _set_children(seq, [*seq.children[:k + 1], block, *seq.children[m:]])
        return
    above = leaf.parent
    if _liftable(part, leaf):
        # the enabler can begin where the part begins (a branch of parallel parts, first in its sequences): it and
        # its wait become a branch of their own, from there to the step that waits, beside the rest of the part
        # and what follows it (what came after it in its sequences no longer waits for it)
        _set_children(above, [c for c in above.children if c is not leaf])
        if len(above.children) == 1:
            _replace(above, above.children[0])
        rest = seq.children[k]  # the part without the enabler (it may have been replaced above)
        block = _node(Operator.PARALLEL, [_node(Operator.SEQUENCE, [leaf, wait]), _chain([rest, *between])])
        _set_children(seq, [*seq.children[:k], block, *seq.children[m:]])
        return
    if above.operator is Operator.SEQUENCE:  # in parallel with what follows it there (joined at that end)
        at = above.children.index(leaf)
        later = above.children[at + 1:]
        _set_children(above, [*above.children[:at + 1], _node(Operator.PARALLEL, [wait, _chain(later)])])
        return
    # elsewhere: the wait on the enabler's own path
    pair = _node(Operator.SEQUENCE, [])
    _replace(leaf, pair)
    _set_children(pair, [leaf, wait])


def _nodes(tree: Any) -> list[Any]:
    out, todo = [], [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(reversed(node.children))
    return out


def _leaves(node: Any) -> set[str]:
    return {n.label for n in _nodes(node) if not n.children and n.label is not None}


def _ends_with(part: Any, leaf: Any) -> bool:
    """Whether ``leaf`` is ``part`` or the last thing of sequences down from it."""
    from pm4py.objects.process_tree.obj import Operator

    while part is not leaf:
        if part.operator is not Operator.SEQUENCE or not part.children:
            return False
        part = part.children[-1]
    return True


def _liftable(part: Any, leaf: Any) -> bool:
    """Whether ``leaf`` can begin where ``part`` begins: it is a branch of a parallel node, and each node above
    up to ``part`` is a parallel one, or a sequence it is in the first part of (what follows there still waits
    for the parallel's other branches)."""
    from pm4py.objects.process_tree.obj import Operator

    if leaf.parent is None or leaf.parent.operator is not Operator.PARALLEL:
        return False
    node = leaf
    while node is not part:
        above = node.parent
        if above is None or not (above.operator is Operator.PARALLEL
                                 or above.operator is Operator.SEQUENCE and above.children[0] is node):
            return False
        node = above
    return True


def _node(operator: Any, children: list[Any]) -> Any:
    from pm4py.objects.process_tree.obj import ProcessTree

    node = ProcessTree(operator=operator)
    _set_children(node, children)
    return node


def _chain(parts: list[Any]) -> Any:
    from pm4py.objects.process_tree.obj import Operator

    return parts[0] if len(parts) == 1 else _node(Operator.SEQUENCE, parts)


def _set_children(node: Any, children: list[Any]) -> None:
    node.children.clear()
    for child in children:
        child.parent = node
        node.children.append(child)


def _replace(old: Any, new: Any) -> None:
    parent = old.parent
    if parent is not None:
        parent.children[parent.children.index(old)] = new
    new.parent = parent


def _wrap(node: Any) -> Any:
    """``node`` inside a sequence of its own (in its place), for a wait that must end when ``node`` ends."""
    from pm4py.objects.process_tree.obj import Operator, ProcessTree

    seq = ProcessTree(operator=Operator.SEQUENCE)
    _replace(node, seq)
    _set_children(seq, [node])
    return seq
