"""The edges of a laid-out diagram: sequence flows and associations within a process, message flows
between pools, and the text annotations of a collaboration with their associations.

Each flow gets orthogonal waypoints (:mod:`bpmn_io.layout_route`) that keep clear of other nodes and of
the labels already placed, and a label box for its name (or its condition); a message flow runs between
the pools or the nodes it joins. Its own module because it routes between shapes that
:mod:`bpmn_io.layout` has placed on the :class:`~bpmn_io.layout_canvas.Canvas`, and places none itself
but the annotations above a collaboration.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from bpmn_io.layout_block import PAD, label_size
from bpmn_io.layout_canvas import POOL_GAP, Canvas, add_edge
from bpmn_io.layout_route import (
    CLEARANCE,
    Runs,
    route_flow,
    route_message,
    route_message_clear,
    route_straight,
)
from bpmn_io.svg_edges import flow_label_text
from processes.model import Association, Bounds, Collaboration, Event, Gateway, Point, Process, TextAnnotation

__all__ = ["process_edges", "message_edges", "collaboration_annotations", "association_route"]


def process_edges(canvas: Canvas, process: Process) -> None:
    b = canvas.bounds
    node_boxes = sorted((box for key, box in b.items() if key in process.nodes and not _is_boundary(process.nodes[key])),
                        key=lambda box: box.x)
    starts = [box.x for box in node_boxes]
    widest = max((box.width for box in node_boxes), default=0.0)
    runs = Runs()  # each flow keeps off the lines of those routed before it
    labelled = sorted(((s.label.bounds, s.element) for s in canvas.shapes if s.element in process.nodes
                       and s.label is not None and s.label.bounds is not None), key=lambda lb: (lb[0].x, lb[1]))
    label_starts = [box.x for box, _ in labelled]
    widest_label = max((box.width for box, _ in labelled), default=0.0)
    routed = []
    for flow in process.flows.values():
        if flow.source not in b or flow.target not in b:
            continue
        source, target = process.nodes.get(flow.source), process.nodes.get(flow.target)
        s, t = b[flow.source], b[flow.target]
        # every waypoint lies between the two shapes' outer sides: only shapes reaching into
        # that x range can be in the way (keeps large models from being quadratic)
        lo, hi = min(s.x, t.x), max(s.x + s.width, t.x + t.width)
        if t.x < s.x + s.width + 4:
            # a flow back may run just beside its ends (route_flow's detour)
            lo, hi = lo - CLEARANCE, hi + CLEARANCE
        window = node_boxes[bisect_left(starts, lo - widest):bisect_right(starts, hi)]
        obstacles = tuple(o for o in window if o.x + o.width > lo and o is not s and o is not t
                          and not _contains(o, s) and not _contains(o, t))
        points = route_flow(
            s, t,
            source_is_gateway=isinstance(source, Gateway),
            target_is_gateway=isinstance(target, Gateway),
            source_is_boundary=_is_boundary(source),
            obstacles=obstacles,
            runs=runs,
            ends=(flow.source, flow.target),
            labels=tuple(box for box, element in
                         labelled[bisect_left(label_starts, lo - widest_label - 40):bisect_right(label_starts, hi + 40)]
                         if element not in (flow.source, flow.target)),
            key=flow.id,
        )
        routed.append((flow, points))
    for flow, points in routed:  # labels once every route is known: beside a flow's own segments
        # an unnamed flow's condition is its label (the YAML form's next: {to, condition} has no
        # name): it gets a box sized for it, which settle_labels keeps off other labels and shapes
        text = flow_label_text(flow, conditions=True)
        own = [stretch for p, q in zip(points, points[1:], strict=False)
               for stretch in runs.own_stretches(p, q, flow.id)] if text.strip() else None
        add_edge(canvas, flow.id, points, flow.source, flow.target, text, own=own)
    for node in process.nodes.values():
        for assoc in node.data_associations:
            if not assoc.id or node.id not in b:
                continue
            ends = [(src, node.id) for src in assoc.sources if src in b] if assoc.direction == "input" else (
                [(node.id, assoc.target)] if assoc.target in b else [])
            for a, c in ends[:1]:
                add_edge(canvas, assoc.id, association_route(b[a], b[c], node_boxes, starts, widest), a, c)
    for art in process.artifacts.values():
        if isinstance(art, Association) and art.source in b and art.target in b:
            add_edge(canvas, art.id, route_straight(b[art.source], b[art.target]), art.source, art.target)


def association_route(s: Bounds, t: Bounds, node_boxes: list[Bounds], starts: list[float],
                      widest: float) -> tuple[Point, ...]:
    """A data association: the straight line between the two shapes' borders, or, when that
    runs through another shape, an orthogonal route around it (as a sequence flow's)."""
    straight = route_straight(s, t)
    lo, hi = min(s.x, t.x), max(s.x + s.width, t.x + t.width)
    window = node_boxes[bisect_left(starts, lo - widest):bisect_right(starts, hi)]
    obstacles = tuple(o for o in window if o.x + o.width > lo and o != s and o != t
                      and not _contains(o, s) and not _contains(o, t))
    if not any(_line_hits(o, straight[0], straight[1]) for o in obstacles):
        return straight
    around = route_flow(s, t, obstacles=obstacles)
    if any(_segment_hits(o, p, q) for o in obstacles for p, q in zip(around, around[1:], strict=False)):
        return straight  # no better
    return around


def _line_hits(b: Bounds, p: Point, q: Point) -> bool:
    """Whether the straight segment p-q (any direction) runs through the inside of ``b``."""
    dx, dy = q.x - p.x, q.y - p.y
    t0, t1 = 0.0, 1.0
    for step, room in ((-dx, p.x - b.x), (dx, b.x + b.width - p.x), (-dy, p.y - b.y), (dy, b.y + b.height - p.y)):
        if step == 0:
            if room <= 0:
                return False
            continue
        r = room / step
        if step < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 >= t1:
            return False
    return True


def _is_boundary(node: object) -> bool:
    return isinstance(node, Event) and node.position == "boundary"


def _contains(outer: Bounds, inner: Bounds) -> bool:
    return (outer.x <= inner.x and outer.y <= inner.y and inner.x + inner.width <= outer.x + outer.width
            and inner.y + inner.height <= outer.y + outer.height and outer != inner)


def message_edges(canvas: Canvas, collaboration: Collaboration) -> None:
    b = canvas.bounds
    pools = {p.id for p in collaboration.participants}
    drawn = [f for f in collaboration.message_flows.values() if f.source in b and f.target in b]
    ends: dict[str, list[str]] = {}
    for flow in drawn:
        for end in (flow.source, flow.target):
            if end not in pools:
                ends.setdefault(end, []).append(flow.id)

    def attach(end: str, flow_id: str) -> Bounds:
        """Several message flows at one shape attach side by side, not on top of each other."""
        box, users = b[end], ends.get(end, [])
        if len(users) < 2:
            return box
        x = round(box.x + box.width * (users.index(flow_id) + 1) / (len(users) + 1))
        return Bounds(x, box.y, 0, box.height)

    nodes = tuple(box for key, box in b.items() if canvas.pool_of.get(key, key) != key)
    # the external labels of events and gateways, and those of the message flows drawn so far:
    # a message flow keeps off them as off shapes (but may cross its own ends' labels, which
    # settle_labels moves off it)
    labels = [(s.element, s.label.bounds) for s in canvas.shapes if s.label is not None and s.label.bounds is not None]
    taken: list[tuple[float, float, float]] = []
    rows: list[tuple[float, float, float]] = []
    sequence = Runs()  # the lines of the sequence flows, which a message flow does not run along
    for edge in canvas.edges:
        sequence.add(edge.waypoints, (edge.element, edge.element))
    for flow in drawn:
        s, t = attach(flow.source, flow.id), attach(flow.target, flow.id)
        sp, tp = b.get(canvas.pool_of.get(flow.source, ""), s), b.get(canvas.pool_of.get(flow.target, ""), t)
        upper, lower = (sp, tp) if sp.y <= tp.y else (tp, sp)
        gap_y = (upper.y + upper.height + lower.y) / 2 if upper is not lower else (s.cy + t.cy) / 2
        pool_end = "source" if flow.source in pools else ("target" if flow.target in pools else "")
        ends_ = (b[flow.source], b[flow.target])
        obstacles = tuple(Bounds(o.x - 4, o.y - 4, o.width + 8, o.height + 8) for o in nodes
                          if o not in ends_ and not any(_contains(o, e) for e in ends_))
        obstacles += tuple(Bounds(box.x - 2, box.y - 2, box.width + 4, box.height + 4) for element, box in labels
                           if element not in (flow.source, flow.target))
        if pool_end and (flow.source in pools) != (flow.target in pools):
            points = route_message_clear(s, t, gap_y=gap_y, pool_end=pool_end, obstacles=obstacles, taken=taken,
                                         runs=sequence)
        elif not pool_end and sp is not tp and (sp.y + sp.height <= tp.y or tp.y + tp.height <= sp.y):
            points = _node_to_node(s, t, sp, tp, obstacles, taken, rows)
        else:
            points = route_message(s, t, gap_y=gap_y)
        # a message flow's label stays by its sender: the long vertical runs cross other lanes
        named = [f for f in ends.get(flow.source, ()) if collaboration.message_flows[f].name.strip()]
        add_edge(canvas, flow.id, points, flow.source, flow.target, flow.name,
                 label_at_start=True, stack=named.index(flow.id) if flow.id in named else 0)
        label = canvas.edges[-1].label
        if label is not None and label.bounds is not None:
            labels.append((flow.id, label.bounds))


def _node_to_node(s: Bounds, t: Bounds, sp: Bounds, tp: Bounds, obstacles: tuple[Bounds, ...],
                  taken: list[tuple[float, float, float]], rows: list[tuple[float, float, float]]) -> tuple:
    """A message flow between shapes in two pools: the straight line when it is free, else
    down (or up) a free column to the gap beside the target's pool, along that gap (the
    first free row in it), and down (or up) a free column into the target."""
    downwards = s.cy < t.cy
    sy, ty = (s.y + s.height, t.y) if downwards else (s.y, t.y + t.height)
    lo, hi = max(s.x, t.x), min(s.x + s.width, t.x + t.width)
    if hi - lo >= 10:
        x = s.cx if lo <= s.cx <= hi else (t.cx if lo <= t.cx <= hi else (lo + hi) / 2)
        straight = [Point(round(x), round(sy)), Point(round(x), round(ty))]
        if not any(_segment_hits(o, straight[0], straight[1]) for o in obstacles) and not any(
                abs(c - x) < 8 and min(sy, ty) < bottom and max(sy, ty) > top for c, top, bottom in taken):
            taken.append((x, min(sy, ty), max(sy, ty)))
            return tuple(straight)
    middle = tp.y - POOL_GAP / 2 if downwards else tp.y + tp.height + POOL_GAP / 2
    first = route_message_clear(s, Bounds(tp.x, middle, tp.width, 0), gap_y=middle, pool_end="target",
                                obstacles=obstacles, taken=taken)
    x1 = first[-1].x
    second_from = Bounds(tp.x, middle, tp.width, 0)
    second = route_message_clear(second_from, t, gap_y=middle, pool_end="source", obstacles=obstacles, taken=taken)
    x2 = second[0].x
    span = (min(x1, x2), max(x1, x2))
    y = middle
    for step in (0, 6, -6, 12, -12, 18, -18):
        if not any(abs(r - (middle + step)) < 5 and span[0] < right and span[1] > left for r, left, right in rows):
            y = middle + step
            break
    rows.append((y, *span))
    points = [*first[:-1], Point(x1, round(y)), Point(x2, round(y)), *second[1:]]
    return tuple(p for i, p in enumerate(points) if i == 0 or p != points[i - 1])


def _segment_hits(b: Bounds, p: Point, q: Point) -> bool:
    return (min(p.x, q.x) < b.x + b.width and max(p.x, q.x) > b.x
            and min(p.y, q.y) < b.y + b.height and max(p.y, q.y) > b.y)


def collaboration_annotations(canvas: Canvas, collaboration: Collaboration) -> None:
    """Annotations of the collaboration itself go in a row above the pools."""
    annotations = [a for a in collaboration.artifacts.values() if isinstance(a, TextAnnotation)]
    if not annotations:
        return
    top = min((box.y for box in canvas.bounds.values()), default=0.0)
    x = 0.0
    for note in annotations:
        anchors = [
            canvas.bounds[other] for a in collaboration.artifacts.values() if isinstance(a, Association)
            for other in (a.source, a.target) if note.id in (a.source, a.target) and other != note.id
            and other in canvas.bounds
        ]
        lw, lh = label_size(note.text or " ")
        height = max(30.0, lh + 8)
        x = max(x, anchors[0].x if anchors else x)
        canvas.shape(note.id, Bounds(x, top - PAD - height, 100, height))
        x += 100 + PAD
    for art in collaboration.artifacts.values():
        if isinstance(art, Association) and art.source in canvas.bounds and art.target in canvas.bounds:
            add_edge(canvas, art.id, route_straight(canvas.bounds[art.source], canvas.bounds[art.target]),
                     art.source, art.target)
