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

from .body import WORK, Point, along, heading
from .draw import (
    INK,
    INK_W,
    Box,
    Circle,
    Commands,
    Core,
    Ellipse,
    Path,
    Pen,
    Rect,
    Shape,
    Style,
    arc_cubic,
    arc_quad,
    box_of,
    ellipse_arc,
    polygon_shape,
)

PROP = Style(fill="#ffffff", stroke="#222222", width=1.3)
PROP_GREY = Style(fill="#ececec", stroke="#222222", width=1.3)
PROP_MID = Style(fill="#d6d6d6", stroke="#111111", width=1.2)
PROP_DARK = Style(fill="#6a6a6a", stroke="#111111", width=1.3)
ARROW_W = INK_W

# A 15 cm roller is 4.3 units across in radius; drawn a little larger to read at 4 cm.
ROLLER_R = 6.0


LOG_END = 0.62  # a lying roller's near end: an ellipse this much narrower than tall
LOG_DEPTH = (160.0, 1.5)  # its length: receding (direction, length in radii)


def roller(
    centre: Point,
    layer: int = 10,
    r: float = ROLLER_R,
    angle: float = LOG_DEPTH[0],
    depth: float = LOG_DEPTH[1],
    also: Commands = (),
) -> Shape:
    """A foam roller lying across under the body: its near end an upright ellipse (the
    round end seen a little from the side) standing on the floor, ``r`` high to its
    centre, so the body rests on its top, and its length receding behind it in direction
    ``angle``, ``depth`` radii long, to a rounded far end. (A circle with a hub read as a
    wheel.) ``also`` is drawn in the length's element, in its white paint (a magnified
    view's box and roller: fewer elements)."""
    back = along(centre, angle, r * depth)
    elements = (
        Path(roller_length(centre, r, angle, depth) + also, PROP.fill, PROP.stroke, PROP.width),
        Ellipse(centre, r * LOG_END, r, PROP_GREY),
    )
    return Shape(layer, elements, box_of([centre, back], r + PROP.width))


def roller_length(centre: Point, r: float, angle: float, depth: float) -> Commands:
    """Path commands of a lying roller's length, behind its near end (see roller)."""
    rx = r * LOG_END
    back = along(centre, angle, r * depth)
    # The far end's outer half, the one away from the near end, in one curve: it strays
    # from the half ellipse by under 2 % of the radius, unseen behind the body and the
    # near end.
    turn = -180.0 if math.cos(math.radians(angle)) >= 0 else 180.0  # from the top, outwards
    far_end = ellipse_arc(back, rx, r, 90.0, 90.0 + turn)
    return (
        ("M", ((centre[0], centre[1] + r),)),
        ("L", ((back[0], back[1] + r),)),
        ("C", far_end[1:]),
        ("L", ((centre[0], centre[1] - r),)),
        ("Z", ()),
    )


def rounded_box(x0: float, y0: float, x1: float, y1: float, rx: float) -> Commands:
    """Path commands of a rectangle with rounded corners (a magnified view's box drawn
    inside another element's path)."""
    corners = (
        ((x1 - rx, y0 + rx), -90.0),
        ((x1 - rx, y1 - rx), 0.0),
        ((x0 + rx, y1 - rx), 90.0),
        ((x0 + rx, y0 + rx), 180.0),
    )
    arcs = [arc_quad(c, rx, a, a + 90.0) for c, a in corners]
    commands: list[tuple[str, tuple[Point, ...]]] = [("M", (arcs[-1][2],))]
    for arc in arcs:
        commands += [("L", (arc[0],)), ("Q", arc[1:])]
    return (*commands, ("Z", ()))


# The half roll, seen end on: a pale dome, its outline bold, so it shows under the dark
# foot and against the white floor at 5 cm (blind review: white, "the roll under the
# heels is a faint grey sliver"), paler than the grey other leg. Only its end: its length
# drawn receding beside the feet read as the grey foot up on it (blind reviews).
HALF_ROLL_END = Style(fill="#e2e2e2", stroke="#111111", width=1.5)


def half_roll(cx: float, r: float, layer: int = 10, also: Commands = ()) -> Shape:
    """Half foam roll, flat side down on the floor, lying across under the feet, seen
    end on: a dome (a half disc) of radius ``r`` centred at ``cx`` on the floor. ``also``
    is drawn in the same element, in its paint (another dome elsewhere, such as a
    magnified view's: one element fewer)."""
    q = [ellipse_arc((cx, 0.0), r, r, 0.0, 90.0), ellipse_arc((cx, 0.0), r, r, 90.0, 180.0)]
    commands: Commands = (("M", q[0][:1]), *(("C", arc[1:]) for arc in q), ("Z", ()), *also)
    dome = Path(commands, HALF_ROLL_END.fill, HALF_ROLL_END.stroke, HALF_ROLL_END.width)
    pad = HALF_ROLL_END.width / 2
    return Shape(layer, (dome,), (cx - r - pad, 0.0, cx + r + pad, r + pad))


INSET = Style(fill="#ffffff", stroke="#111111", width=1.0)  # a thin dark frame, white
INSET_RX = 3.0  # the inset box's rounded corners


# The ring's dashes: a solid ring round the straight-leg bridge's knee read as "a second
# roller", "a knee brace" (blind rounds 71 and 72); dashed, it marks a place, not a thing.
CALLOUT_DASH = 2.0


def callout(centre: Point, rx: float, ry: float, frame: Box, layer: int = 97) -> Shape:
    """A thin dashed ellipse round the part of the figure a magnified view shows, and a
    line from it to the nearest bottom corner of that view's box ``frame`` (x0, y0, x1,
    y1), above it: one element."""
    x0, y0, x1, _ = frame
    cx, cy = centre

    def squash(p: Point) -> Point:  # the circle of radius rx to the ellipse
        return (p[0], cy + (p[1] - cy) * ry / rx)

    # Three arcs: a cubic strays from a 120 degree arc by 0.15 % of its radius, unseen.
    arcs = [[squash(p) for p in arc_cubic(centre, rx, a, a + 120.0)] for a in (0.0, 120.0, 240.0)]
    corner = min(((x0, y0), (x1, y0)), key=lambda p: math.dist(p, centre))
    t = math.atan2((corner[1] - cy) / ry, (corner[0] - cx) / rx)  # where it meets the rim
    commands: Commands = (
        ("M", (arcs[0][0],)),
        *(("C", tuple(arc[1:])) for arc in arcs),
        ("M", ((cx + rx * math.cos(t), cy + ry * math.sin(t)),)),
        ("L", (corner,)),
    )
    box = (cx - rx, cy - ry, cx + rx, cy + ry)
    return Shape(
        layer, (Path(commands, "none", INSET.stroke, INSET.width, dash=CALLOUT_DASH),), box
    )


def foot_inset(
    frame: Box,
    foot: Sequence[Point],
    pen: float,
    dome: Point,
    dome_r: float,
    layer: int = 96,
    frame_layer: int = 5,
) -> tuple[Shape, Commands, Shape]:
    """A magnified view in a rounded white box ``frame`` (x0, y0, x1, y1): a foot on a
    half roll. ``foot`` is the outline of the foot and the shin (cut by the box), filled in the
    working leg's dark with a thin black pen ``pen`` wide; the roll is its dome, centred
    at ``dome`` on the magnified floor, cut off where the box's sides meet it; the floor
    a line of ink across the box. Everything stays inside the box: a figure has no
    clipping (a clip path needs an id).

    Returns the box (drawn at ``frame_layer``, under everything: it must lie clear of
    the body), the dome's path commands, to be drawn in the half roll's dome element
    (see half_roll's ``also``), and the foot, drawn at ``layer``: so the inset costs
    two elements, and the toe touch stays within the drawing budget."""
    x0, y0, x1, y1 = frame
    cx, fy = dome
    frame_el = Rect(x0, y0, x1, y1, INSET_RX, INSET)
    # The dome from its right end (or where the box's side cuts it) over the top to its
    # left end (or the box's other side), and back along the floor.
    right = math.degrees(math.acos(min(1.0, (x1 - cx) / dome_r)))
    left = math.degrees(math.acos(max(-1.0, (x0 - cx) / dome_r)))
    steps = max(1, math.ceil((left - right) / 90.0))
    arcs = [
        arc_cubic(
            dome,
            dome_r,
            right + (left - right) * k / steps,
            right + (left - right) * (k + 1) / steps,
        )
        for k in range(steps)
    ]
    start, end = arcs[0][0], arcs[-1][3]
    commands: Commands = (
        ("M", ((start[0], fy),)),
        *((("L", (start,)),) if start[1] > 0.05 + fy else ()),
        *(("C", arc[1:]) for arc in arcs),
        *((("L", ((end[0], fy),)),) if end[1] > 0.05 + fy else ()),
        ("Z", ()),
    )
    foot_el = Pen((Core(tuple(foot)),), pen, WORK.stroke, WORK.fill)
    floor: Commands = (("M", ((x0 + INSET_RX / 2, fy),)), ("L", ((x1 - INSET_RX / 2, fy),)))
    box = box_of([(x0, y0), (x1, y1)], INSET.width / 2)
    return (
        Shape(frame_layer, (frame_el,), box, ink=floor),
        commands,
        Shape(layer, (foot_el,), box_of(foot, pen)),
    )


def box(x0: float, x1: float, height: float, layer: int = 10) -> Shape:
    """A stool standing on the floor: a top board on two legs with a gap between them,
    so it reads as a stool and not a bucket."""
    top = 2.6
    under = height - top
    leg = 2.6
    outline = [
        (x0, 0),
        (x0 + leg, 0),
        (x0 + leg + 0.8, under - 3.0),
        (x1 - leg - 0.8, under - 3.0),
        (x1 - leg, 0),
        (x1, 0),
        (x1 + 0.4, under),
        (x1 + 1.2, under),
        (x1 + 1.2, height),
        (x0 - 1.2, height),
        (x0 - 1.2, under),
        (x0 - 0.4, under),
    ]
    return polygon_shape(outline, PROP_GREY, layer)


# A round exercise slider, drawn larger than life (about 18 cm) so it reads at 5 cm: a
# flat disc seen from a little above, wide and thin. (Two small stacked ellipses, one
# per heel, read as a pile of coins.)
SLIDER_RX, SLIDER_RY, SLIDER_T = 10.0, 2.8, 2.2
SLIDER_TOP = SLIDER_T + SLIDER_RY  # the top face's centre: the rim's bottom on the floor


def slider(cx: float, layer: int = 10) -> Shape:
    """A round slider lying on the floor under a heel: its top face an ellipse centred
    where the heel rests (``SLIDER_TOP`` above the floor), its rim ``SLIDER_T`` thick
    showing below, darker, down to the floor."""
    top, under = (cx, SLIDER_TOP), (cx, SLIDER_TOP - SLIDER_T)
    elements = (
        Ellipse(under, SLIDER_RX, SLIDER_RY, PROP_MID),
        Ellipse(top, SLIDER_RX, SLIDER_RY, PROP_GREY),
    )
    box = box_of([top, under], SLIDER_RX + PROP.width / 2)
    return Shape(layer, elements, box)


CUSHION_H = 4.0  # a folded pad or cushion, about 7 cm thick


def cushion(cx: float, width: float, layer: int = 10, h: float = CUSHION_H) -> Shape:
    """A soft pad of thickness ``h`` lying on the floor (e.g. under the knees), seen
    edge-on: a rounded slab."""
    x0, x1 = cx - width / 2, cx + width / 2
    s = PROP_GREY
    rect = Rect(x0, 0.0, x1, h, h / 2, s)
    return Shape(layer, (rect,), box_of([(x0, 0), (x1, h)], s.width / 2))


# A light grey with a bold rim: behind the knee, a paler ball with a thin rim was faint
# (blind review: "the ball barely shows").
BALL = Style(fill="#dadada", stroke="#111111", width=1.8)


def ball(centre: Point, r: float, layer: int = 50) -> Shape:
    """Soft ball, e.g. squeezed between the knees: a plain light disc with a bold dark
    rim, paler than any limb, so it stands apart from the legs it is squeezed between. No
    seams (blind review: seams drawn over the leg in front of the ball read as the
    straps of a knee brace); drawn behind a limb, it shows as a ball round it."""
    s = BALL
    circle = Circle(centre, r, s.fill, s.stroke, s.width)
    return Shape(layer, (circle,), box_of([centre], r + s.width / 2))


TICK = (2.6, 1.9)  # a contact tick: half its length along the pole, and its width
TICK_ENDS = (-TICK[0], TICK[0])
POLE = Style(fill="#e0e0e0", stroke="#111111", width=1.2)
POLE_R = 1.5  # the pole's drawn radius (a broom handle, drawn thick so it prints)


def dowel(p0: Point, p1: Point, contacts: Sequence[Point], side: float, layer: int = 50) -> Shape:
    """A thick pole from ``p0`` to ``p1``, light with a dark outline, with a short dark
    tick along its edge on the body's side (``side`` +1: to the left of p0 -> p1) where
    it touches the body, so each reads as contact (round black dots on the pole read as
    markings on it)."""
    core = (Core((p0, p1), closed=False),)
    d = heading(p0, p1)
    edge = POLE_R + POLE.width / 2
    ends = [along(along(c, d + side * 90.0, edge), d, t) for c in contacts for t in TICK_ENDS]
    ticks = tuple(Core(tuple(ends[i : i + 2]), closed=False) for i in range(0, len(ends), 2))
    elements = (
        Pen(core, 2 * POLE_R + 2 * POLE.width, POLE.stroke),
        Pen(core, 2 * POLE_R, POLE.fill),
        Pen(ticks, TICK[1], INK),
    )
    return Shape(layer, elements, box_of([p0, p1, *contacts], TICK[0] + POLE_R + TICK[1]))


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


BAND = Style(fill="#f2f2f2", stroke="#111111", width=1.0)
BAND_R = 0.55  # half the band's drawn width: a thin strip, not a board


def band(points: Sequence[Point], layer: int = 90, closed: bool = True) -> Shape:
    """An elastic band through ``points`` (hands, round a foot, round both heels): a
    grey strip with a dark edge, a closed loop unless ``closed`` is False."""
    core = (Core(tuple(points), closed=closed),)
    elements = (
        Pen(core, 2 * BAND_R + 2 * BAND.width, BAND.stroke),
        Pen(core, 2 * BAND_R, BAND.fill),
    )
    return Shape(layer, elements, box_of(points, BAND_R + BAND.width))


FLAT_BAND_R = 1.0  # half a flat band's drawn width: a strip, not a line (1.2 read as a box)
FLAT_BAND_EDGE = 0.7  # its dark edge, thinner than a band's: a light, thin strip


def flat_band(points: Sequence[Point], layer: int = 90) -> Shape:
    """A flat elastic band through ``points``: one light strip with a dark edge, open at
    its ends."""
    core = (Core(tuple(points), closed=False),)
    elements = (
        Pen(core, 2 * FLAT_BAND_R + 2 * FLAT_BAND_EDGE, BAND.stroke),
        Pen(core, 2 * FLAT_BAND_R, BAND.fill),
    )
    return Shape(layer, elements, box_of(points, FLAT_BAND_R + FLAT_BAND_EDGE))


WATCH_R = 3.6  # the stopwatch marks: a hold, or a slow tempo on an arrow


def stopwatch(centre: Point, layer: int = 95) -> Shape:
    """A stopwatch: white face, black rim, a button on top and one hand. Alone it marks
    a hold; at the tail of an arrow it marks a slow, timed movement (see slow_arrow)."""
    x, y = centre
    face = Circle(centre, WATCH_R, "#ffffff", INK, INK_W * 0.8)
    ink: Commands = (
        ("M", ((x, y + WATCH_R + 0.4),)),
        ("L", ((x, y + WATCH_R + 1.6),)),
        ("M", ((x - 1.3, y + WATCH_R + 1.8),)),
        ("L", ((x + 1.3, y + WATCH_R + 1.8),)),
        ("M", (centre,)),
        ("L", ((x, y + WATCH_R * 0.65), centre, (x + WATCH_R * 0.55, y - WATCH_R * 0.3))),
    )
    return Shape(layer, (face,), box_of([centre], WATCH_R + 2.2), ink=ink)


PAUSE_R = 5.0  # the hold mark: a pause sign, as on a player's button


def pause_mark(centre: Point, layer: int = 95) -> Shape:
    """A hold: a black disc with two white bars, the pause button people know from any
    player. Bold, so it reads at 5 cm (thin bars in a white ring read as "II" or "11").
    It stands alone (a hold has no movement to show); a slow move has a stopwatch."""
    x, y = centre
    disc = Circle(centre, PAUSE_R, INK, "none")
    h, w, gap = PAUSE_R * 0.5, PAUSE_R * 0.16, PAUSE_R * 0.3  # half height, half width
    bars = Path(
        tuple(
            c
            for dx in (-gap, gap)
            for c in (
                ("M", ((x + dx - w, y - h),)),
                ("L", ((x + dx + w, y - h), (x + dx + w, y + h), (x + dx - w, y + h))),
                ("Z", ()),
            )
        ),
        "#ffffff",
        "none",
        0.0,
    )
    return Shape(layer, (disc, bars), box_of([centre], PAUSE_R + 1.0))


PARTNER = Style(fill="#ffffff", stroke="#1a1a1a", width=2.0)
PARTNER_R = 2.3  # forearm radius, as the patient's own
PARTNER_FIST = 2.7


def partner_hands(grips: Sequence[Point], reach: float = 24.0, layer: int = 72) -> Shape:
    """A partner's forearms coming down from behind (the left), each hand pressing on a
    grip point (the heels): outlined in white like a body, so they read as someone
    else's hands and not as the patient's grey far limbs."""
    arms = tuple(Core((along(g, 132.0, reach), g), closed=False) for g in grips)
    elements = (
        Pen(arms, 2 * PARTNER_R + PARTNER.width, PARTNER.stroke),
        Pen(arms, 2 * PARTNER_R, PARTNER.fill),
        *(Circle(g, PARTNER_FIST, PARTNER.fill, PARTNER.stroke, 1.6) for g in grips),
    )
    points = [p for arm in arms for p in arm.points]
    return Shape(layer, elements, box_of(points, PARTNER_FIST + PARTNER.width))


HEAD = 5.0  # arrowhead length, tip to base, as drawn (pen included)


def _head(tip: Point, deg: float, length: float = HEAD) -> Commands:
    """Path commands of an arrowhead (tip at ``tip``, pointing in direction ``deg``),
    shrunk by half the pen so that, drawn with the round ARROW_W pen, it is ``length``
    long."""
    s = ARROW_W / 2
    inner = along(tip, deg + 180.0, s)
    back = along(inner, deg + 180.0, length - 2 * s)
    half = length * 0.55 - s
    left, right = along(back, deg + 90.0, half), along(back, deg - 90.0, half)
    return (("M", (inner,)), ("L", (left, right)), ("Z", ()))


def _arrow(
    commands: Commands,
    box: tuple[float, float, float, float],
    colour: str,
    layer: int,
    width: float = ARROW_W,
):
    """A black arrow of the ink pen is ink (drawn in the figure's one ink element);
    another colour or width gets an element of its own. Shaft and head in one: the pen
    draws the shaft, the fill fills the head."""
    if colour == INK and width == ARROW_W:
        return Shape(layer, (), box, ink=commands)
    return Shape(layer, (Path(commands, colour, colour, width),), box)


def arrow(
    start: Point,
    end: Point,
    both: bool = False,
    layer: int = 95,
    colour: str = INK,
    width: float = ARROW_W,
) -> Shape:
    """Straight movement arrow (double-headed with ``both``). ``colour`` "#ffffff" gives
    a white arrow, to draw on the dark working leg."""
    deg = heading(start, end)
    a = along(start, deg, HEAD - 1) if both else start
    b = along(end, deg + 180.0, HEAD - 1)
    commands: Commands = (("M", (a,)), ("L", (b,)), *_head(end, deg))
    if both:
        commands += _head(start, deg + 180.0)
    return _arrow(commands, box_of([start, end], 3.5), colour, layer, width)


FORCE = Style(fill="#111111", stroke="#111111", width=0.5)  # an effort: solid black
FORCE_SHAFT = 1.6  # half the shaft's width
FORCE_HEAD = (3.8, 4.8)  # half the head's width, and its length


def force_arrow(tail: Point, deg: float, length: float, layer: int = 95) -> Shape:
    """A solid block arrow, ``length`` long, from ``tail`` in direction ``deg``: the push
    of a limb that does not move, drawn as a force. One filled polygon, no pen."""
    w, (hw, hl) = FORCE_SHAFT, FORCE_HEAD
    tip = along(tail, deg, length)
    back = along(tip, deg + 180.0, hl)

    def side(p: Point, sign: float, width: float) -> Point:
        return along(p, deg + sign * 90.0, width)

    outline = [
        tip,
        side(back, 1, hw),
        side(back, 1, w),
        side(tail, 1, w),
        side(tail, -1, w),
        side(back, -1, w),
        side(back, -1, hw),
    ]
    return polygon_shape(outline, FORCE, layer)


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
