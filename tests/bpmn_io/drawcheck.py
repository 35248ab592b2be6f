"""A geometry checker for drawings: where a reader cannot follow a flow or read a name.

:func:`plane_problems` looks at one diagram's DI and lists

* ``shared``: two flows (sequence or message flows, associations) that share neither their
  source nor their target running along the same line for more than a few pixels, so a
  reader cannot tell where each goes;
* ``trunk``: two flows from one source, or into one target, that run together before they
  part (a split's or merge's trunk, as BPMN editors draw them: counted, not a fault);
* ``ambiguous``: a flow's label beside a stretch it shares with another flow (a split's
  trunk), so the reader cannot tell which branch the name belongs to;
* ``label``: a flow segment through a label that is not its own;
* ``shape``: a flow segment through a flow node it does not connect (nor contains one of its ends);
* ``cover``: a label over a flow node other than its own;

:func:`icon_problems` looks at a rendered SVG and lists activities whose name is drawn over
their task-type icon. Each problem is one line, so a test can show them.
"""

from __future__ import annotations

import itertools
import math
import re
from html import unescape

from bpmn_io.textsize import text_width
from processes.model import Bounds, Definitions, Event, Point, Process

__all__ = ["plane_problems", "icon_problems", "count"]

NEAR = 2.0  # two runs closer than this look like one line
SHARED_MIN = 4.0  # ... when they run together for more than this
INSET = 1.0  # a segment may touch a shape's or label's border


def _seg_box_hit(b: Bounds, p: Point, q: Point, inset: float = INSET) -> bool:
    """Whether segment p-q passes through the inside of ``b`` shrunk by ``inset`` (any direction)."""
    x0, y0, x1, y1 = b.x + inset, b.y + inset, b.x + b.width - inset, b.y + b.height - inset
    if x1 <= x0 or y1 <= y0:
        return False
    # Liang-Barsky clipping
    dx, dy = q.x - p.x, q.y - p.y
    t0, t1 = 0.0, 1.0
    for pp, qq in ((-dx, p.x - x0), (dx, x1 - p.x), (-dy, p.y - y0), (dy, y1 - p.y)):
        if pp == 0:
            if qq <= 0:
                return False
            continue
        r = qq / pp
        if pp < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 >= t1:
            return False
    return t1 - t0 > 1e-9


def _boxes_meet(a: Bounds, b: Bounds, inset: float = INSET) -> bool:
    return (a.x + inset < b.x + b.width - inset and b.x + inset < a.x + a.width - inset
            and a.y + inset < b.y + b.height - inset and b.y + inset < a.y + a.height - inset)


def _run(p: Point, q: Point) -> tuple[str, float, float, float] | None:
    if abs(p.x - q.x) < 0.5:
        return ("v", (p.x + q.x) / 2, min(p.y, q.y), max(p.y, q.y))
    if abs(p.y - q.y) < 0.5:
        return ("h", (p.y + q.y) / 2, min(p.x, q.x), max(p.x, q.x))
    return None


def _distance(x: float, y: float, p: Point, q: Point) -> float:
    """From (x, y) to the segment p-q."""
    dx, dy = q.x - p.x, q.y - p.y
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - p.x) * dx + (y - p.y) * dy) / length))
    return math.hypot(p.x + t * dx - x, p.y + t * dy - y)


def _owners(defs: Definitions) -> dict[str, Process]:
    return {n.id: p for p in defs.processes for n in p.nodes.values()}


def _ancestors(owner: dict[str, Process], node_id: str) -> set[str]:
    found: set[str] = set()
    process = owner.get(node_id)
    node = process.nodes.get(node_id) if process else None
    while process is not None and node is not None and node.parent and node.parent != process.id:
        found.add(node.parent)
        node = process.nodes.get(node.parent)
    return found


def plane_problems(defs: Definitions, diagram: int = 0) -> list[str]:
    """The ``shared``, ``trunk``, ``ambiguous``, ``label`` and ``shape`` problems of diagram
    number ``diagram`` of ``defs``, one line each, sorted."""
    plane = defs.diagrams[diagram].plane
    owner = _owners(defs)
    by_di = {s.id: s.element for s in plane.shapes}
    nodes = {s.element: s for s in plane.shapes
             if s.element in owner and not s.is_expanded and not s.is_horizontal}
    problems: list[str] = []
    segments: list[tuple[str, Point, Point]] = [
        (e.element, p, q) for e in plane.edges for p, q in zip(e.waypoints, e.waypoints[1:], strict=False)]
    ends: dict[str, set[str]] = {}
    pair: dict[str, tuple[str, str]] = {}
    for e in plane.edges:
        pair[e.element] = (by_di.get(e.source_element or "", ""), by_di.get(e.target_element or "", ""))
        both = set(pair[e.element]) - {""}
        allowed = set(both)
        for end in both:
            allowed |= _ancestors(owner, end)
            node = owner[end].nodes.get(end) if end in owner else None
            if isinstance(node, Event) and node.attached_to:
                allowed.add(node.attached_to)  # a boundary event's flow starts on its host's border
        ends[e.element] = allowed
    # shared runs: collinear axis-parallel segments of two different flows (bucketed by line)
    runs = [(element, run) for element, p, q in segments if (run := _run(p, q)) is not None]
    buckets: dict[tuple[str, int], list[tuple[str, tuple[str, float, float, float]]]] = {}
    for element, run in runs:
        buckets.setdefault((run[0], round(run[1] / 10)), []).append((element, run))
    seen: set[tuple[str, str, str, float]] = set()
    for kind, key in sorted(buckets):
        pool = [*buckets.get((kind, key), []), *buckets.get((kind, key + 1), [])]
        for (ea, ra), (eb, rb) in itertools.combinations(pool, 2):
            if ea == eb or abs(ra[1] - rb[1]) >= NEAR:
                continue
            overlap = min(ra[3], rb[3]) - max(ra[2], rb[2])
            if overlap > SHARED_MIN:
                a, b = sorted((ea, eb))
                mark = (a, b, kind, round(ra[1]))
                if mark not in seen:
                    seen.add(mark)
                    (sa, ta), (sb, tb) = pair[a], pair[b]
                    kind_ = "trunk" if (sa and sa == sb) or (ta and ta == tb) else "shared"
                    problems.append(f"{kind_}: {a} and {b} run together along "
                                    f"{'x' if kind == 'v' else 'y'}={ra[1]:g} for {overlap:g} px")
    # a label nearest to a stretch its flow shares with another
    for edge in plane.edges:
        if edge.label is None or edge.label.bounds is None or len(edge.waypoints) < 2:
            continue
        box = edge.label.bounds
        cx, cy = box.x + box.width / 2, box.y + box.height / 2
        nearest = min(zip(edge.waypoints, edge.waypoints[1:], strict=False), key=lambda pq: _distance(cx, cy, *pq))
        run = _run(*nearest)
        if run is None:
            continue
        # the stretch of the segment the label lies beside
        lo, hi = (box.y, box.y + box.height) if run[0] == "v" else (box.x, box.x + box.width)
        lo, hi = max(lo, run[2]), min(hi, run[3])
        for other, orun in runs:
            if (other != edge.element and orun[0] == run[0] and abs(orun[1] - run[1]) < NEAR
                    and min(orun[3], run[3], hi) - max(orun[2], run[2], lo) > SHARED_MIN):
                problems.append(f"ambiguous: the label of {edge.element} is beside a stretch it shares with {other}")
                break
    # segments through labels and shapes
    labels = [(s.element, s.label.bounds) for s in plane.shapes if s.label is not None and s.label.bounds]
    labels += [(e.element, e.label.bounds) for e in plane.edges if e.label is not None and e.label.bounds]
    # labels over shapes (other than their own)
    for other, box in labels:
        for element, shape in nodes.items():
            if element != other and _boxes_meet(box, shape.bounds):
                problems.append(f"cover: the label of {other} covers {element}")
    for element, p, q in segments:
        for other, box in labels:
            if _seg_box_hit(box, p, q):
                problems.append(f"label: {element} runs through the label of {other}" if other != element
                                else f"label: {element} runs through its own label")
        for other, shape in nodes.items():
            if other not in ends[element] and _seg_box_hit(shape.bounds, p, q):
                problems.append(f"shape: {element} runs through {other}")
    return sorted(set(problems))


_GROUP = re.compile(r'<g class="shape activity ([^"]*)" data-element-id="([^"]*)">(.*?)</g>', re.S)
_BODY = re.compile(r'<rect class="body" x="([-\d.]+)" y="([-\d.]+)" width="([-\d.]+)" height="([-\d.]+)"')
_TEXT = re.compile(r'<text class="label" font-size="([\d.]+)" text-anchor="middle">(.*?)</text>', re.S)
_SPAN = re.compile(r'<tspan x="([-\d.]+)" y="([-\d.]+)">(.*?)</tspan>', re.S)
ICON_RIGHT, ICON_BOTTOM = 26.0, 24.0  # a task-type icon's extent in its box's top-left corner (7 px in)
ICON_TYPES = ("userTask", "serviceTask", "sendTask", "receiveTask", "manualTask", "businessRuleTask", "scriptTask")


def icon_problems(svg: str) -> list[str]:
    """Activities whose name's lines reach into their task-type icon's corner, one line each."""
    problems = []
    for classes, element, body in _GROUP.findall(svg):
        if not any(t in classes.split() for t in ICON_TYPES):
            continue
        box = _BODY.search(body)
        text = _TEXT.search(body)
        if box is None or text is None:
            continue
        x, y = float(box.group(1)), float(box.group(2))
        size = float(text.group(1))
        for sx, sy, line in _SPAN.findall(text.group(2)):
            width = text_width(unescape(line), size)
            # the glyphs: capitals reach 0.72 of the size above the baseline, descenders 0.21 below
            left, right = float(sx) - width / 2, float(sx) + width / 2
            top, bottom = float(sy) - size * 0.72, float(sy) + size * 0.21
            if left < x + ICON_RIGHT and right > x + 6 and top < y + ICON_BOTTOM and bottom > y + 6:
                problems.append(f"icon: the name of {element} covers its icon ({unescape(line)!r})")
                break
    return problems


def count(problems: list[str]) -> dict[str, int]:
    """How many problems of each kind (``shared``, ``trunk``, ``ambiguous``, ``label``, ``shape``,
    ``cover``, ``icon``)."""
    found = {"shared": 0, "trunk": 0, "ambiguous": 0, "label": 0, "shape": 0, "cover": 0, "icon": 0}
    for line in problems:
        found[line.split(":", 1)[0]] += 1
    return found
