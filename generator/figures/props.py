"""Equipment and movement arrows, drawn in world coordinates (y up, floor y = 0).

Sizes are in body-height units (1 unit = 1.75 cm for a 175 cm person). Each function
takes the drawing layer so a pose can tuck a prop behind or in front of the limbs:
10 behind everything, 30 between far limbs and trunk, 50 between trunk and working leg,
70 between working leg and near arm, 85-90 on top (see body.LAYER_*).

Like the body, props are drawn with few elements and no arcs (see draw.py): circles,
rounded rectangles, short polygons and round pens. Black arrows and bands are ink: they
join the floor and the eye in the figure's one ink element, on top of everything.
"""

import math
from collections.abc import Sequence

from .body import Point, along, heading
from .draw import (
    INK,
    INK_W,
    Circle,
    Commands,
    Core,
    Path,
    Pen,
    Rect,
    Shape,
    Style,
    arc_cubic,
    arc_quad,
    box_of,
    polygon_shape,
)

PROP = Style(fill="#ffffff", stroke="#222222", width=1.3)
PROP_GREY = Style(fill="#cfcfcf", stroke="#222222", width=1.3)
PROP_MID = Style(fill="#a8a8a8", stroke="#111111", width=1.2)
PROP_DARK = Style(fill="#6a6a6a", stroke="#111111", width=1.3)
ARROW_W = INK_W

# A 15 cm roller is 4.3 units across in radius; drawn a little larger to read at 4 cm.
# The half roll is drawn taller still, so the raised end of a foot on it shows at 4 cm.
ROLLER_R = 5.0
HALF_ROLL_R = 6.5


def roller(centre: Point, layer: int = 10, r: float = ROLLER_R) -> Shape:
    """Foam roller seen end-on: a circle with its hollow core, so it reads as a tube."""
    elements = (
        Circle(centre, r, PROP.fill, PROP.stroke, PROP.width),
        Circle(centre, r * 0.38, "#cfcfcf", PROP.stroke, 0.9),
    )
    return Shape(layer, elements, box_of([centre], r + PROP.width / 2))


def half_roll(cx: float, layer: int = 10, r: float = HALF_ROLL_R) -> Shape:
    """Half foam roll, flat side down on the floor."""
    a = arc_cubic((cx, 0.0), r, 0.0, 90.0)
    b = arc_cubic((cx, 0.0), r, 90.0, 180.0)
    s = PROP_GREY
    path = Path((("M", a[:1]), ("C", a[1:] + b[1:]), ("Z", ())), s.fill, s.stroke, s.width)
    return Shape(layer, (path,), box_of([(cx - r, 0), (cx + r, r)], s.width / 2))


def box(x0: float, x1: float, height: float, layer: int = 10) -> Shape:
    """Stool or low box standing on the floor; a top board makes it read as a stool."""
    top = 2.2
    under = height - top
    outline = [
        (x0, 0),
        (x0 + 1.5, under),
        (x0 - 1, under),
        (x0 - 1, height),
        (x1 + 1, height),
        (x1 + 1, under),
        (x1 - 1.5, under),
        (x1, 0),
    ]
    return polygon_shape(outline, PROP_GREY, layer)


def slider(cx: float, h: float, layer: int = 10) -> Shape:
    """A furniture slider of thickness ``h``: a flat disc on the floor, seen edge-on."""
    w = 16.0
    # Light, so the disc stands apart from the dark working foot resting on it.
    rect = Rect(cx - w / 2, 0.0, cx + w / 2, h, h / 2, PROP_GREY)
    return Shape(layer, (rect,), box_of([(cx - w / 2, 0), (cx + w / 2, h)], PROP_GREY.width / 2))


CUSHION_H = 4.0  # a folded pad or cushion, about 7 cm thick


def cushion(cx: float, width: float, layer: int = 10, h: float = CUSHION_H) -> Shape:
    """A soft pad of thickness ``h`` lying on the floor (e.g. under the knees), seen
    edge-on: a rounded slab."""
    x0, x1 = cx - width / 2, cx + width / 2
    s = PROP_GREY
    rect = Rect(x0, 0.0, x1, h, h / 2, s)
    return Shape(layer, (rect,), box_of([(x0, 0), (x1, h)], s.width / 2))


SOFA_DEPTH = 36.0
SOFA_SEAT = 21.0  # seat (and arm) height
SOFA_BACK = 33.0  # top of the backrest


def sofa(front: Point, layer: int = 70, depth: float = SOFA_DEPTH) -> Shape:
    """Sofa (or other heavy furniture) seen from the side, its front towards +x.

    ``front`` is the lower front edge, raised off the floor: feet slid under the sofa
    there are held down by it. The sofa stands on a plinth at its back, so nothing
    stands in front of the feet.
    """
    fx, fy = front
    bx = fx - depth
    outline = [
        (fx, fy),
        (fx + 1.0, SOFA_SEAT - 2.0),  # the padded front of the seat bulges a little
        (fx - 1.0, SOFA_SEAT),
        (bx + 9.0, SOFA_SEAT),
        (bx + 7.0, SOFA_BACK),
        (bx, SOFA_BACK),
        (bx, 0.0),
        (bx + 9.0, 0.0),
        (bx + 9.0, fy),
    ]
    return polygon_shape(outline, PROP_GREY, layer)


def ball(centre: Point, r: float, layer: int = 50) -> Shape:
    """Soft ball, e.g. squeezed between the knees."""
    s = PROP_MID
    circle = Circle(centre, r, s.fill, s.stroke, s.width)
    return Shape(layer, (circle,), box_of([centre], r + s.width / 2))


DOT_R = 2.4  # contact dots on the dowel


def dowel(p0: Point, p1: Point, dots: Sequence[Point], layer: int = 50) -> Shape:
    """Pole from ``p0`` to ``p1`` with big black dots where it touches the body."""
    elements = (
        Pen((Core((p0, p1), closed=False),), 2.6, "#8c8c8c"),
        Pen(tuple(Core((p,)) for p in dots), 2 * DOT_R, INK),
    )
    return Shape(layer, elements, box_of([p0, p1, *dots], DOT_R))


KETTLEBELL_DROP = 10.5  # grip to the centre of the bell


def kettlebell(grip: Point, layer: int = 70) -> Shape:
    """Kettlebell hanging from a hand at ``grip``: handle loop over a heavy ball."""
    gx, gy = grip
    bell = (gx, gy - KETTLEBELL_DROP)
    handle = (gx, gy - 4.2)
    elements = (
        Circle(handle, 3.6, "none", "#111111", 1.9),
        Circle(bell, 5.6, PROP_DARK.fill, PROP_DARK.stroke, PROP_DARK.width),
    )
    return Shape(layer, elements, box_of([bell, handle, grip], 6.5))


def band(points: Sequence[Point], layer: int = 90) -> Shape:
    """An elastic band: a closed loop through ``points`` (hands, round a foot, ...),
    drawn in ink (see draw.INK) as a there-and-back line so the ink's fill leaves it
    a line."""
    loop = (*points, points[0])
    commands: Commands = (("M", loop[:1]), ("L", loop[1:] + loop[-2:0:-1]), ("Z", ()))
    return Shape(layer, (), box_of(points, INK_W / 2), ink=commands)


HEAD = 5.0  # arrowhead length, tip to base, as drawn (pen included)


def _head(tip: Point, deg: float) -> Commands:
    """Path commands of an arrowhead (tip at ``tip``, pointing in direction ``deg``),
    shrunk by half the pen so that, drawn with the round ARROW_W pen, it is HEAD long."""
    s = ARROW_W / 2
    inner = along(tip, deg + 180.0, s)
    back = along(inner, deg + 180.0, HEAD - 2 * s)
    half = HEAD * 0.55 - s
    left, right = along(back, deg + 90.0, half), along(back, deg - 90.0, half)
    return (("M", (inner,)), ("L", (left, right)), ("Z", ()))


def _arrow(commands: Commands, box: tuple[float, float, float, float], colour: str, layer: int):
    """A black arrow is ink (drawn in the figure's one ink element); another colour gets
    an element of its own. Shaft and head in one: the pen draws the shaft, the fill
    fills the head."""
    if colour == INK:
        return Shape(layer, (), box, ink=commands)
    return Shape(layer, (Path(commands, colour, colour, ARROW_W),), box)


def arrow(
    start: Point, end: Point, both: bool = False, layer: int = 95, colour: str = INK
) -> Shape:
    """Straight movement arrow (double-headed with ``both``). ``colour`` "#ffffff" gives
    a white arrow, to draw on the dark working leg."""
    deg = heading(start, end)
    a = along(start, deg, HEAD - 1) if both else start
    b = along(end, deg + 180.0, HEAD - 1)
    commands: Commands = (("M", (a,)), ("L", (b,)), *_head(end, deg))
    if both:
        commands += _head(start, deg + 180.0)
    return _arrow(commands, box_of([start, end], 3.5), colour, layer)


def arc_arrow(centre: Point, r: float, a0: float, a1: float, layer: int = 95) -> Shape:
    """Curved black arrow along a circle round ``centre`` from angle ``a0`` to ``a1``
    (at most 60 degrees of arc)."""
    sign = 1.0 if a1 > a0 else -1.0
    # Stop the shaft short of the tip so the round cap does not poke out of the head.
    end_shaft = a1 - sign * math.degrees((HEAD - 1.0) / r)
    p0, c, p1 = arc_quad(centre, r, a0, end_shaft)
    # Out along the arc and back along it: a loop of no area, so the fill that fills the
    # head leaves the curved shaft a plain line.
    shaft: Commands = (("M", (p0,)), ("Q", (c, p1, c, p0)), ("Z", ()))
    tip = along(centre, a1, r)
    tangent = a1 + sign * 90.0 - sign * math.degrees(HEAD / (2 * r))
    steps = [along(centre, a0 + (a1 - a0) * i / 8, r) for i in range(9)]
    return _arrow(shaft + _head(tip, tangent), box_of(steps, 3.5), INK, layer)
