"""SVG primitives for the figures: world points in, compact SVG fragments out.

World coordinates have y up (floor at y = 0); SVG has y down, so every point is
written as (x, -y). Every shape carries its bounding box so the document's viewBox can
be fitted to the drawing.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # min x, min y, max x, max y (world)


@dataclass(frozen=True)
class Style:
    """Fill, outline colour and outline width of a drawn body part or prop."""

    fill: str
    stroke: str
    width: float


@dataclass(frozen=True)
class Shape:
    """One SVG fragment with its drawing layer (low = further back) and bounding box."""

    layer: int
    svg: str
    box: Box


def num(v: float) -> str:
    """A coordinate with one decimal, no trailing zeros: keeps the SVG small."""
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def pt(p: Point) -> str:
    """A world point as SVG "x,y" (y flipped)."""
    return f"{num(p[0])},{num(-p[1])}"


def box_of(points: Iterable[Point], pad: float = 0.0) -> Box:
    """Bounding box of points, grown by ``pad`` on every side."""
    xs, ys = zip(*points, strict=True)
    return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding every box given."""
    bs = list(boxes)
    return (
        min(b[0] for b in bs),
        min(b[1] for b in bs),
        max(b[2] for b in bs),
        max(b[3] for b in bs),
    )


def _circle_d(c: Point, r: float) -> str:
    x, y = c[0], -c[1]
    # Two half arcs, both with sweep 0 so circles wind the same way as capsules below and
    # a single nonzero-filled path merges them into one silhouette.
    return (
        f"M{num(x + r)},{num(y)}A{num(r)},{num(r)} 0 0 0 {num(x - r)},{num(y)}"
        f"A{num(r)},{num(r)} 0 0 0 {num(x + r)},{num(y)}Z"
    )


def capsule_d(p1: Point, r1: float, p2: Point, r2: float) -> str:
    """Path data of a tapered capsule: two end circles joined by their outer tangents."""
    x1, y1, x2, y2 = p1[0], -p1[1], p2[0], -p2[1]
    d = math.hypot(x2 - x1, y2 - y1)
    if d <= abs(r1 - r2) + 1e-6:
        return _circle_d(p1, r1) if r1 >= r2 else _circle_d(p2, r2)
    ux, uy = (x2 - x1) / d, (y2 - y1) / d
    k = (r1 - r2) / d
    s = math.sqrt(1.0 - k * k)
    ax, ay = k * ux - s * uy, k * uy + s * ux  # tangent normal on one side
    bx, by = k * ux + s * uy, k * uy - s * ux  # and on the other
    big2 = 1 if k < 0 else 0  # the end arc round the larger circle spans over 180 degrees
    big1 = 1 - big2
    return (
        f"M{num(x1 + r1 * ax)},{num(y1 + r1 * ay)}"
        f"L{num(x2 + r2 * ax)},{num(y2 + r2 * ay)}"
        f"A{num(r2)},{num(r2)} 0 {big2} 0 {num(x2 + r2 * bx)},{num(y2 + r2 * by)}"
        f"L{num(x1 + r1 * bx)},{num(y1 + r1 * by)}"
        f"A{num(r1)},{num(r1)} 0 {big1} 0 {num(x1 + r1 * ax)},{num(y1 + r1 * ay)}Z"
    )


def capsules_shape(
    parts: Sequence[tuple[Point, float, Point, float]], style: Style, layer: int
) -> Shape:
    """Several capsules drawn as ONE outlined silhouette.

    The outline pass strokes every capsule, then a fill-only pass paints over the inner
    half of the strokes, so joints merge without seams. Two elements per body part keeps
    the SVG small and cheap to render.
    """
    d = "".join(
        capsule_d(p1, r1, p2, r2) if p1 != p2 else _circle_d(p1, r1) for p1, r1, p2, r2 in parts
    )
    w = style.width
    svg = (
        f'<path d="{d}" fill="{style.fill}" stroke="{style.stroke}" '
        f'stroke-width="{num(w)}" stroke-linejoin="round"/>'
        f'<path d="{d}" fill="{style.fill}"/>'
    )
    pad = w / 2
    box = union(box_of([p1, p2], max(r1, r2) + pad) for p1, r1, p2, r2 in parts)
    return Shape(layer, svg, box)


def circle_shape(c: Point, r: float, style: Style, layer: int) -> Shape:
    """A filled, outlined circle."""
    stroke = (
        f' stroke="{style.stroke}" stroke-width="{num(style.width)}"'
        if style.stroke != "none"
        else ""
    )
    svg = f'<circle cx="{num(c[0])}" cy="{num(-c[1])}" r="{num(r)}" fill="{style.fill}"{stroke}/>'
    return Shape(layer, svg, box_of([c], r + style.width / 2))


def path_shape(d: str, points: Iterable[Point], style: Style, layer: int, extra: str = "") -> Shape:
    """Any path; ``points`` bound it (world coordinates) for the viewBox."""
    svg = (
        f'<path d="{d}" fill="{style.fill}" stroke="{style.stroke}" '
        f'stroke-width="{num(style.width)}"{extra}/>'
    )
    return Shape(layer, svg, box_of(points, style.width / 2))


def polyline_d(points: Sequence[Point], closed: bool = False) -> str:
    """Path data through ``points``."""
    d = "M" + "L".join(pt(p) for p in points)
    return d + "Z" if closed else d
