"""Equipment and movement arrows, drawn in world coordinates (y up, floor y = 0).

Sizes are in body-height units (1 unit = 1.75 cm for a 175 cm person). Each function
takes the drawing layer so a pose can tuck a prop behind or in front of the limbs:
10 behind everything, 30 between far limbs and trunk, 50 between trunk and working leg,
70 between working leg and near arm, 85-90 on top, 95 arrows (see body.LAYER_*).
"""

import math
from collections.abc import Sequence

from .body import Point, along, heading, unit
from .draw import Shape, Style, box_of, capsule_d, num, path_shape, polyline_d, pt

PROP = Style(fill="#ffffff", stroke="#222222", width=1.3)
PROP_GREY = Style(fill="#cfcfcf", stroke="#222222", width=1.3)
PROP_MID = Style(fill="#a8a8a8", stroke="#111111", width=1.2)
PROP_DARK = Style(fill="#6a6a6a", stroke="#111111", width=1.3)
BAND = Style(fill="none", stroke="#111111", width=1.2)
ARROW_W = 1.7

# A 15 cm roller is 4.3 units across in radius; drawn a little larger to read at 4 cm.
ROLLER_R = 5.0
HALF_ROLL_R = 5.2


def roller(centre: Point, layer: int = 10, r: float = ROLLER_R) -> Shape:
    """Foam roller seen end-on: a circle with its hollow core, so it reads as a tube."""
    cx, cy = centre
    svg = (
        f'<circle cx="{num(cx)}" cy="{num(-cy)}" r="{num(r)}" fill="{PROP.fill}" '
        f'stroke="{PROP.stroke}" stroke-width="{num(PROP.width)}"/>'
        f'<circle cx="{num(cx)}" cy="{num(-cy)}" r="{num(r * 0.38)}" fill="#cfcfcf" '
        f'stroke="{PROP.stroke}" stroke-width="0.9"/>'
    )
    return Shape(layer, svg, box_of([centre], r + PROP.width / 2))


def half_roll(cx: float, layer: int = 10, r: float = HALF_ROLL_R) -> Shape:
    """Half foam roll, flat side down on the floor."""
    d = f"M{num(cx - r)},0A{num(r)},{num(r)} 0 0 1 {num(cx + r)},0Z"
    return path_shape(d, [(cx - r, 0), (cx + r, r)], PROP_MID, layer)


def box(x0: float, x1: float, height: float, layer: int = 10) -> Shape:
    """Stool or low box standing on the floor; a top board makes it read as a stool."""
    top = 2.2
    d = polyline_d(
        [(x0, 0), (x0 + 1.5, height - top), (x1 - 1.5, height - top), (x1, 0)]
    ) + polyline_d(
        [(x0 - 1, height - top), (x1 + 1, height - top), (x1 + 1, height), (x0 - 1, height)],
        closed=True,
    )
    return path_shape(
        d, [(x0 - 1, 0), (x1 + 1, height)], PROP_GREY, layer, ' stroke-linejoin="round"'
    )


def slider(cx: float, h: float = 2.4, layer: int = 10) -> Shape:
    """A furniture slider of thickness ``h``: a flat disc on the floor."""
    w = 12.0
    d = capsule_d((cx - w / 2 + h / 2, h / 2), h / 2, (cx + w / 2 - h / 2, h / 2), h / 2)
    # Mid grey, so the disc stands apart from the dark working foot resting on it.
    return path_shape(d, [(cx - w / 2, 0), (cx + w / 2, h)], PROP_MID, layer)


def block(centre: Point, axis: float, layer: int = 50) -> Shape:
    """Yoga block squeezed between the knees, its long side along ``axis``."""
    u, v = unit(axis), unit(axis + 90.0)
    hl, hw = 6.5, 5.4
    corners = [
        (centre[0] + sx * hl * u[0] + sy * hw * v[0], centre[1] + sx * hl * u[1] + sy * hw * v[1])
        for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]
    return path_shape(
        polyline_d(corners, closed=True), corners, PROP_MID, layer, ' stroke-linejoin="round"'
    )


def dowel(p0: Point, p1: Point, dots: Sequence[Point], layer: int = 50) -> Shape:
    """Pole from ``p0`` to ``p1`` with black contact dots ringed in white."""
    d = capsule_d(p0, 1.1, p1, 1.1)
    svg = f'<path d="{d}" fill="#bdbdbd" stroke="#111111" stroke-width="1"/>' + "".join(
        f'<circle cx="{num(x)}" cy="{num(-y)}" r="1.9" fill="#000000" '
        f'stroke="#ffffff" stroke-width="0.8"/>'
        for x, y in dots
    )
    return Shape(layer, svg, box_of([p0, p1], 2.0))


KETTLEBELL_DROP = 10.5  # grip to the centre of the bell


def kettlebell(grip: Point, layer: int = 70) -> Shape:
    """Kettlebell hanging from a hand at ``grip``: handle loop over a heavy ball."""
    gx, gy = grip
    bell = (gx, gy - KETTLEBELL_DROP)
    handle = (gx, gy - 4.2)
    svg = (
        f'<circle cx="{num(handle[0])}" cy="{num(-handle[1])}" r="3.6" fill="none" '
        f'stroke="#111111" stroke-width="1.9"/>'
        f'<path d="{capsule_d((bell[0], bell[1] - 3.8), 3.6, bell, 5.6)}" '
        f'fill="{PROP_DARK.fill}" stroke="{PROP_DARK.stroke}" stroke-width="1.3"/>'
    )
    return Shape(layer, svg, box_of([bell, handle, grip], 6.5))


def band(points: Sequence[Point], layer: int = 90) -> Shape:
    """An elastic band: a closed loop through ``points`` (hands, round a foot, ...)."""
    d = polyline_d(points, closed=True)
    return path_shape(d, points, BAND, layer, ' stroke-linejoin="round"')


def _head(tip: Point, deg: float, size: float = 5.0) -> str:
    """Filled arrowhead polygon with its tip at ``tip`` pointing in direction ``deg``."""
    back = along(tip, deg + 180.0, size)
    left, right = along(back, deg + 90.0, size * 0.55), along(back, deg - 90.0, size * 0.55)
    return f'<path d="{polyline_d([tip, left, right], closed=True)}" fill="#000000"/>'


def _stroke(d: str) -> str:
    # A white halo under the black shaft keeps the arrow legible where it crosses a limb.
    return (
        f'<path d="{d}" fill="none" stroke="#ffffff" stroke-width="{num(ARROW_W + 2)}" '
        f'stroke-linecap="round"/>'
        f'<path d="{d}" fill="none" stroke="#000000" stroke-width="{num(ARROW_W)}" '
        f'stroke-linecap="round"/>'
    )


def arrow(start: Point, end: Point, both: bool = False, layer: int = 95) -> Shape:
    """Straight movement arrow (double-headed with ``both``)."""
    deg = heading(start, end)
    size = 5.0
    a = along(start, deg, size - 1) if both else start
    b = along(end, deg + 180.0, size - 1)
    svg = _stroke(f"M{pt(a)}L{pt(b)}") + _head(end, deg, size)
    if both:
        svg += _head(start, deg + 180.0, size)
    return Shape(layer, svg, box_of([start, end], 3.5))


def arc_arrow(centre: Point, r: float, a0: float, a1: float, layer: int = 95) -> Shape:
    """Curved arrow along a circle round ``centre`` from angle ``a0`` to ``a1``."""
    sign = 1.0 if a1 > a0 else -1.0
    size = 5.0
    # Stop the shaft short of the tip so the round cap does not poke out of the head.
    trim = math.degrees((size - 1.0) / r)
    end_shaft = a1 - sign * trim
    p0, p1, tip = along(centre, a0, r), along(centre, end_shaft, r), along(centre, a1, r)
    large = 1 if abs(end_shaft - a0) > 180 else 0
    # SVG's sweep flag 1 turns clockwise as seen; our counter-clockwise arcs use 0.
    sweep = 0 if sign > 0 else 1
    d = f"M{pt(p0)}A{num(r)},{num(r)} 0 {large} {sweep} {pt(p1)}"
    tangent = a1 + sign * 90.0 - sign * math.degrees(size / (2 * r))
    svg = _stroke(d) + _head(tip, tangent, size)
    steps = [along(centre, a0 + (a1 - a0) * i / 8, r) for i in range(9)]
    return Shape(layer, svg, box_of(steps, 3.5))
