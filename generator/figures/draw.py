"""SVG primitives for the figures: world geometry in, compact SVG elements out.

World coordinates have y up (floor at y = 0). Shapes keep their geometry in world
coordinates and are written out only once the figure's frame is known: SVG x is
``x - left`` and SVG y is ``top - y``, so the viewBox starts at 0,0 and every
coordinate written is positive (WeasyPrint does extra work for each minus sign).
Every shape carries its bounding box so the viewBox can be fitted to the drawing.

Drawing cost matters more than file size here: WeasyPrint draws every element of every
figure in Python each time a handout is rendered, at a fixed cost per element plus a
cost per coordinate pair it parses (arcs are by far the dearest: each one is converted
to Béziers with matrix arithmetic). So the figures use few elements, few points, no
arc commands, and get their roundness for free from round stroke joins and caps (set
once on the root element): a body part is a small "core" polygon drawn with a wide
round pen, which paints exactly the core grown by the pen's radius, a rounded, tapering
limb. Drawn twice, a wider dark pen under a narrower fill-coloured one, it is an
outlined silhouette.
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
class Frame:
    """Where the figure's viewBox starts, in world coordinates: its left edge and top."""

    left: float
    top: float

    def pt(self, p: Point) -> str:
        """A world point as SVG "x,y"."""
        return f"{num(p[0] - self.left)},{num(self.top - p[1])}"

    def pts(self, points: Iterable[Point]) -> str:
        """World points as an SVG point list "x,y x,y ..."."""
        return " ".join(self.pt(p) for p in points)


class Element:
    """One SVG element, written out in a frame."""

    def svg(self, frame: Frame) -> str:
        raise NotImplementedError


Commands = tuple[tuple[str, tuple[Point, ...]], ...]
"""Path commands: (letter, world points), letters M, L, Q, C or Z (no arcs)."""


@dataclass(frozen=True)
class Shape:
    """SVG elements with their drawing layer (low = further back) and bounding box.

    ``ink`` is black line work (arrows, the eye) drawn with the INK pen on top of
    everything, in one element shared by the whole figure.
    """

    layer: int
    elements: tuple[Element, ...]
    box: Box
    ink: Commands = ()

    def svg(self, frame: Frame) -> str:
        return "".join(e.svg(frame) for e in self.elements)


INK = "#000000"
INK_W = 1.7  # the ink pen: arrows, the floor line and the eye


def num(v: float) -> str:
    """A coordinate with one decimal, no trailing zeros: keeps the SVG small."""
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def _paint(fill: str, stroke: str, width: float) -> str:
    if stroke == "none" or width <= 0:
        return f'fill="{fill}"'  # the root's stroke-width of 0 means no stroke
    return f'fill="{fill}" stroke="{stroke}" stroke-width="{num(width)}"'


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


@dataclass(frozen=True)
class Core:
    """A core line for a round pen: a closed polygon, or an open polyline."""

    points: tuple[Point, ...]
    closed: bool = True


@dataclass(frozen=True)
class Pen(Element):
    """Cores drawn with a round pen of ``width`` in ``stroke``, filled with ``fill``.

    One core is a polygon or polyline element (the cheapest form), several a path. A
    filled open core becomes a there-and-back loop, which fills nothing.
    """

    cores: tuple[Core, ...]
    width: float
    stroke: str
    fill: str = "none"

    def svg(self, frame: Frame) -> str:
        paint = _paint(self.fill, self.stroke, self.width)
        lines = [_written(c, frame, self.fill != "none") for c in self.cores]
        if len(lines) == 1:
            points, closed = lines[0]
            tag = "polygon" if closed else "polyline"
            return f'<{tag} points="{" ".join(points)}" {paint}/>'
        d = "".join(
            f"M{points[0]}" + (f"L{' '.join(points[1:])}" if len(points) > 1 else "") + "Z" * closed
            for points, closed in lines
        )
        return f'<path d="{d}" {paint}/>'


SLACK = 0.3  # how far (world units) a dropped core point may lie off the simplified line


def _off_line(p: Point, a: Point, b: Point) -> float:
    """Distance of ``p`` from the segment a-b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    d2 = dx * dx + dy * dy
    t = 0.0 if d2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / d2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplified(points: Sequence[Point], closed: bool) -> list[Point]:
    """``points`` without those that lie within SLACK of the line between their
    neighbours: they change the drawing by less than a tenth of a millimetre at print
    size but cost as much to draw as any other point."""
    pts = list(points)
    changed = True
    while changed and len(pts) > 2:
        changed = False
        n = len(pts)
        for i in range(n) if closed else range(1, n - 1):
            if _off_line(pts[i], pts[i - 1], pts[(i + 1) % n]) < SLACK:
                del pts[i]
                changed = True
                break
    return pts


def _written(core: Core, frame: Frame, filled: bool) -> tuple[list[str], bool]:
    """A core's points as written (repeats and points on the way between their
    neighbours dropped: they cost time and draw nothing)."""
    out: list[str] = []
    for p in simplified(core.points, core.closed and len(core.points) > 3):
        s = frame.pt(p)
        if not out or s != out[-1]:
            out.append(s)
    closed = core.closed and len(out) > 2
    if closed and out[0] == out[-1]:
        out.pop()
    if len(out) == 1:
        # A dot: a line 0.15 units long (zero-length lines are not drawn by all).
        p = core.points[0]
        out.append(frame.pt((p[0] + 0.15, p[1])))
    if filled and not closed and len(out) > 2:
        out, closed = out + out[-2:0:-1], True
    return out, closed


@dataclass(frozen=True)
class Circle(Element):
    """A circle element (drawn by WeasyPrint without parsing any path data)."""

    centre: Point
    r: float
    fill: str
    stroke: str = "none"
    width: float = 0.0

    def svg(self, frame: Frame) -> str:
        x, y = frame.pt(self.centre).split(",")
        paint = _paint(self.fill, self.stroke, self.width)
        return f'<circle cx="{x}" cy="{y}" r="{num(self.r)}" {paint}/>'


@dataclass(frozen=True)
class Ellipse(Element):
    """An axis-aligned ellipse element (drawn without parsing path data)."""

    centre: Point
    rx: float
    ry: float
    style: Style

    def svg(self, frame: Frame) -> str:
        x, y = frame.pt(self.centre).split(",")
        s = self.style
        return (
            f'<ellipse cx="{x}" cy="{y}" rx="{num(self.rx)}" ry="{num(self.ry)}" '
            f"{_paint(s.fill, s.stroke, s.width)}/>"
        )


def ellipse_arc(
    centre: Point, rx: float, ry: float, a0: float, a1: float
) -> tuple[Point, Point, Point, Point]:
    """One cubic Bézier close to the arc of an axis-aligned ellipse between the
    parameter angles ``a0`` and ``a1`` (degrees, at most 90 apart, or 180 where an
    error of 2 % of the radius does not show): the circle's arc, stretched, since
    stretching maps a Bézier to a Bézier."""
    return tuple(  # type: ignore[return-value]
        (centre[0] + rx * x, centre[1] + ry * y) for x, y in arc_cubic((0.0, 0.0), 1.0, a0, a1)
    )


@dataclass(frozen=True)
class Rect(Element):
    """An axis-aligned rectangle from world corner (x0, y0) to (x1, y1), corners
    rounded with radius ``rx`` (drawn without parsing path data)."""

    x0: float
    y0: float
    x1: float
    y1: float
    rx: float
    style: Style

    def svg(self, frame: Frame) -> str:
        x, y = frame.pt((self.x0, self.y1)).split(",")
        s = self.style
        return (
            f'<rect x="{x}" y="{y}" width="{num(self.x1 - self.x0)}" '
            f'height="{num(self.y1 - self.y0)}" rx="{num(self.rx)}" '
            f"{_paint(s.fill, s.stroke, s.width)}/>"
        )


@dataclass(frozen=True)
class Path(Element):
    """A path of commands (letter, world points): M, L, Q, C or Z (no arcs)."""

    commands: Commands
    fill: str
    stroke: str
    width: float
    dash: float = 0.0  # dashes and gaps this long (world units), or a solid line

    def svg(self, frame: Frame) -> str:
        d = "".join(letter + frame.pts(points) for letter, points in self.commands)
        dash = f' stroke-dasharray="{num(self.dash)}"' if self.dash else ""
        return f'<path d="{d}" {_paint(self.fill, self.stroke, self.width)}{dash}/>'


def clipped(points: Sequence[Point], box: Box) -> list[Point]:
    """The closed polygon ``points`` cut to the rectangle ``box`` (x0, y0, x1, y1):
    Sutherland-Hodgman, one side of the box at a time."""
    x0, y0, x1, y1 = box
    sides = (
        (lambda p: p[0] >= x0, 0, x0),
        (lambda p: p[0] <= x1, 0, x1),
        (lambda p: p[1] >= y0, 1, y0),
        (lambda p: p[1] <= y1, 1, y1),
    )
    out = list(points)
    for inside, axis, edge in sides:
        ring, out = out, []
        for i, b in enumerate(ring):
            a = ring[i - 1]
            if inside(a) != inside(b):
                t = (edge - a[axis]) / (b[axis] - a[axis])
                out.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
            if inside(b):
                out.append(b)
    return out


def band_box(cores: Iterable[Core], radius: float) -> Box:
    """Bounding box of cores drawn with a round pen of ``radius``."""
    return box_of([p for c in cores for p in c.points], radius)


def outline_pen(cores: Sequence[Core], radius: float, style: Style) -> Pen:
    """The dark under-pen of an outlined silhouette: ``style.width`` wider than the fill
    pen of ``radius``, so ``style.width / 2`` of it shows round the silhouette."""
    return Pen(tuple(cores), 2 * radius + style.width, style.stroke)


def fill_pen(cores: Sequence[Core], radius: float, style: Style, solid: bool = True) -> Pen:
    """The fill-coloured pen of an outlined silhouette, painting over the inner part of
    the outline pen so joints merge without seams. ``solid`` False leaves the cores'
    inside unfilled, for cores no thicker than the pen (it is then cheaper to draw)."""
    return Pen(tuple(cores), 2 * radius, style.fill, style.fill if solid else "none")


def polygon_shape(points: Sequence[Point], style: Style, layer: int) -> Shape:
    """A closed polygon in ``style`` (its corners rounded by the pen)."""
    pen = Pen((Core(tuple(points)),), style.width, style.stroke, style.fill)
    return Shape(layer, (pen,), box_of(points, style.width / 2))


def arc_quad(centre: Point, r: float, a0: float, a1: float) -> tuple[Point, Point, Point]:
    """One quadratic Bézier (start, control, end) close to the circular arc from angle
    ``a0`` to ``a1`` (degrees, counter-clockwise; within 0.3 % of the radius up to 45
    degrees apart)."""
    t0, t1 = math.radians(a0), math.radians(a1)
    mid = (t0 + t1) / 2
    reach = r / math.cos((t1 - t0) / 2)  # where the end tangents meet
    return (
        (centre[0] + r * math.cos(t0), centre[1] + r * math.sin(t0)),
        (centre[0] + reach * math.cos(mid), centre[1] + reach * math.sin(mid)),
        (centre[0] + r * math.cos(t1), centre[1] + r * math.sin(t1)),
    )


def arc_cubic(centre: Point, r: float, a0: float, a1: float) -> tuple[Point, Point, Point, Point]:
    """One cubic Bézier (start, control, control, end) close to the circular arc from
    angle ``a0`` to ``a1`` (degrees, counter-clockwise, at most 120 apart: it strays
    from the arc by 0.03 % of the radius at 90, 0.15 % at 120)."""
    t0, t1 = math.radians(a0), math.radians(a1)
    k = 4 / 3 * math.tan((t1 - t0) / 4) * r
    c0 = (centre[0] + r * math.cos(t0), centre[1] + r * math.sin(t0))
    c3 = (centre[0] + r * math.cos(t1), centre[1] + r * math.sin(t1))
    c1 = (c0[0] - k * math.sin(t0), c0[1] + k * math.cos(t0))
    c2 = (c3[0] + k * math.sin(t1), c3[1] - k * math.cos(t1))
    return c0, c1, c2, c3


def dot(p: Point) -> Commands:
    """Ink commands for a round dot of the ink pen's width: a line 0.15 units long
    (zero-length lines are not drawn by every renderer)."""
    return (("M", (p,)), ("L", ((p[0] + 0.15, p[1]),)))


def ink_path(commands: Commands) -> Path:
    """The figure's ink element: the pen draws lines and dots, the fill fills closed
    shapes (arrowheads); open lines and there-and-back curves enclose nothing."""
    return Path(commands, INK, INK, INK_W)
