"""Exercise illustrations: one posed human figure plus props, as self-contained SVG.

Every figure is a side view drawn from pose data (see :mod:`.body` and :mod:`.poses`).
The canonical drawing is the LEFT side: the person faces right (standing) and the
viewer sees their left side, so the near, dark-filled leg is the left leg. For an
injured right leg the whole drawing is mirrored with one transform, so left and right
figures are exact mirror images and the injured leg is always the near, dark one.

The SVG has no ids, no external references, no text and no fonts: it can be inlined
many times on one page and drawn by WeasyPrint as well as by browsers.
"""

import html
import re
from functools import lru_cache

from .body import Point, body_shapes, outline
from .draw import Box, Frame, Shape, ink_path, num, union
from .poses import BUILDERS, FORCES, GRIPPING, MARKS, Scene

__all__ = [
    "FORCES",
    "MARKS",
    "OWN_FRAMES",
    "POSITIONS",
    "SCALED_AS",
    "body_outline",
    "figure_svg",
    "helper_joints",
    "moving_svg",
    "pose_flexion",
    "pose_joints",
    "view_box",
]

POSITIONS: dict[str, tuple[str, ...]] = {}
"""Exercise id -> the names of its key positions, in the order they are shown: from the
pose table (``poses.BUILDERS``), which the catalogue's figures must match."""
for _exercise_id, _position in BUILDERS:
    POSITIONS[_exercise_id] = (*POSITIONS.get(_exercise_id, ()), _position)

SIDES = ("left", "right")
CANONICAL_SIDE = "left"
ASPECT = 4 / 3  # every figure has the same shape, so handout slots line up
MIN_WIDTH = 124.0  # figure units; keeps the body at a similar scale across exercises
# Exercises drawn closer than that: the toe touch's folded body was only about 1.5 cm
# tall at 5 cm, and read as a crowded knot (blind review), so its figures are fitted to
# the fold and the roll.
# So is the heel dig: lying, the body is long and low, and at the full width its effort
# arrows at the heel were small (blind review).
CLOSE_UP = frozenset({"toe-touch", "supine-iso"})
# Exercises whose figures are each fitted to their own position, not drawn at one scale:
# the toe touch shows standing tall on the roll, then folded down to the toes.
OWN_FRAMES = frozenset({"toe-touch"})
# Figures so framed whose frame is at least this share of another position's width: the
# fold, with its smaller close-up, drawn at about the standing set-ups' scale, a little
# closer, not half as large again (blind review: "drawn larger than the set-ups").
SCALED_AS: dict[tuple[str, str], tuple[str, float]] = {
    ("toe-touch", "reach-down"): ("toes-raised", 0.85),
}
MARGIN = 3.0

# XML 1.0 forbids most control characters; alt text comes from a catalogue a person
# edits, so drop them rather than emit a document that does not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# Inherited by every element. Round joins and caps are what make the pens draw rounded
# limbs (see draw.py); a default stroke width of 0 lets fill-only elements skip stroke
# handling; a plain-number font size spares WeasyPrint parsing "1em" for each element.
_ROOT_PAINT = 'stroke-linecap="round" stroke-linejoin="round" stroke-width="0" font-size="16"'


def _check(exercise_id: str, position: str) -> None:
    if position not in POSITIONS[exercise_id]:  # KeyError for an unknown exercise
        raise KeyError(f"{exercise_id!r} has no position {position!r}")


@lru_cache(maxsize=64)
def _scene(exercise_id: str, position: str) -> Scene:
    _check(exercise_id, position)
    return BUILDERS[(exercise_id, position)]()


def pose_joints(exercise_id: str, position: str) -> dict[str, Point]:
    """Joint positions of one key position, canonical (left) view.

    World coordinates: y up, floor at y = 0, units of 1 % body height. Names are
    ``hip``, ``waist``, ``back``, ``shoulder``, ``head`` and ``near_``/``far_`` + ``elbow``,
    ``hand``, ``knee``, ``ankle``, ``heel``, ``toe``; ``near_`` is the working leg.
    Raises KeyError for an unknown exercise or position.
    """
    return dict(_scene(exercise_id, position).skeleton.joints)


def helper_joints(exercise_id: str, position: str) -> dict[str, Point]:
    """Joint positions of the second person in a figure (the Nordic partner), or {}."""
    helper = _scene(exercise_id, position).helper
    return dict(helper.joints) if helper else {}


def pose_flexion(exercise_id: str, position: str) -> dict[str, float]:
    """Anatomical joint angles (degrees, flexion positive) of one key position."""
    return dict(_scene(exercise_id, position).skeleton.flexion)


def body_outline(exercise_id: str, position: str) -> list[tuple[Point, float]]:
    """Circles (centre, radius) bounding the drawn body, canonical view, world units."""
    return outline(_scene(exercise_id, position).skeleton)


@lru_cache(maxsize=32)
def view_box(exercise_id: str, position: str | None = None) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the region of the world a figure of an exercise shows,
    with y flipped as in SVG (world y = -y).

    Shared by an exercise's positions, so they line up side by side at the same scale;
    except for the exercises in OWN_FRAMES, whose figures are each fitted to their own
    ``position`` (required for them). The SVG viewBox is this region moved to the
    origin, "0 0 width height".
    """
    if exercise_id in OWN_FRAMES:
        if position is None:
            raise ValueError(f"{exercise_id!r} frames each figure on its own: name its position")
        _check(exercise_id, position)
    boxes: list[Box] = []
    for shown in (position,) if exercise_id in OWN_FRAMES else POSITIONS[exercise_id]:
        scene = _scene(exercise_id, shown)
        boxes.extend(shape.box for shape in _shapes(scene, exercise_id))
    min_width = 0.0 if exercise_id in CLOSE_UP else MIN_WIDTH
    if (exercise_id, position) in SCALED_AS:
        other, share = SCALED_AS[(exercise_id, position)]
        min_width = max(min_width, share * view_box(exercise_id, other)[2])
    return _fit(boxes, min_width)


def _shapes(scene: Scene, exercise_id: str) -> list[Shape]:
    """Body parts and props of a scene, back to front."""
    body = body_shapes(scene.skeleton, fist=exercise_id in GRIPPING)
    return sorted([*body, *scene.props], key=lambda s: s.layer)


@lru_cache(maxsize=64)
def _drawing(exercise_id: str, position: str) -> tuple[str, str]:
    """(viewBox attribute, drawing markup) of a canonical figure; cached, title-free."""
    x, y, w, h = view_box(exercise_id, position)
    return f"0 0 {num(w)} {num(h)}", _markup(
        _shapes(_scene(exercise_id, position), exercise_id), x, y, w
    )


def _markup(shapes: list[Shape] | tuple[Shape, ...], x: float, y: float, w: float) -> str:
    """Shapes (back to front) and the floor, written in the view box at (x, y)."""
    frame = Frame(left=x, top=-y)
    # Floor, eye and black arrows are one ink element on top of everything: one element
    # costs WeasyPrint far more to draw than a few more points in another.
    floor = (("M", ((x, 0.0),)), ("L", ((x + w, 0.0),)))
    ink = ink_path(floor + tuple(c for shape in shapes for c in shape.ink))
    return "".join(shape.svg(frame) for shape in shapes) + ink.svg(frame)


def _fit(boxes: list[Box], min_width: float = MIN_WIDTH) -> tuple[float, float, float, float]:
    """(x, y, width, height) of a 4:3 view box round ``boxes``, at least ``min_width``
    wide, as view_box does."""
    x0, y0, x1, y1 = union(boxes)
    y0 = min(y0, 0.0)
    x0, y0, x1, y1 = x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN
    w2 = max(x1 - x0, (y1 - y0) * ASPECT, min_width)
    h2 = w2 / ASPECT
    cx = (x0 + x1) / 2
    return (round(cx - w2 / 2, 1), round(-(y0 + h2), 1), round(w2, 1), round(h2, 1))


def moving_svg(exercise_id: str, side: str, title: str) -> str:
    """SVG document text of the exercise's moving figure: one group per frame, each
    shown in turn by a SMIL ``<animate>`` of its visibility, looping forever; the first
    frame shows where animation does not run. Raises KeyError for an exercise without
    a motion (see motion.MOTIONS) and ValueError for a bad side."""
    if side not in SIDES:
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    box, body = _moving_drawing(exercise_id)
    text = _title_text(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}" role="img" '
        f'aria-label="{text}" {_ROOT_PAINT}><title>{text}</title>'
        f"{_mirrored(body, box, side)}</svg>"
    )


@lru_cache(maxsize=16)
def _moving_drawing(exercise_id: str) -> tuple[str, str]:
    from .motion import frames  # the moving pages only: the handout never needs it

    shown = frames(exercise_id)
    x, y, w, h = _fit([s.box for f in shown for s in f.shapes])
    total = sum(f.seconds for f in shown)
    groups, start = [], 0.0
    for i, f in enumerate(shown):
        a, b = start / total, (start + f.seconds) / total
        start += f.seconds
        if i == 0:
            values, times = "visible;hidden", f"0;{b:.4f}"
        elif i == len(shown) - 1:
            values, times = "hidden;visible", f"0;{a:.4f}"
        else:
            values, times = "hidden;visible;hidden", f"0;{a:.4f};{b:.4f}"
        groups.append(
            f'<g visibility="{"visible" if i == 0 else "hidden"}">'
            f'<animate attributeName="visibility" calcMode="discrete" values="{values}" '
            f'keyTimes="{times}" dur="{total:.3f}s" repeatCount="indefinite"/>'
            f"{_markup(f.shapes, x, y, w)}</g>"
        )
    return f"0 0 {num(w)} {num(h)}", "".join(groups)


def _title_text(title: str) -> str:
    text = html.escape(_NOT_XML.sub("", title), quote=True)
    # Character references keep CR, LF and TAB exactly: XML parsers would otherwise
    # normalise them (CR in text, all three in attribute values).
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")


def _mirrored(drawing: str, box: str, side: str) -> str:
    """The canonical (left) drawing, mirrored about the view box's centre for "right"."""
    if side == CANONICAL_SIDE:
        return f"<g>{drawing}</g>"
    return f'<g transform="matrix(-1 0 0 1 {box.split()[2]} 0)">{drawing}</g>'


def figure_svg(exercise_id: str, position: str, side: str, title: str) -> str:
    """SVG document text for one key position.

    ``side`` is the INJURED leg, "left" or "right"; the canonical drawing shows the
    left side and "right" mirrors it. ``title`` is the alt text, put XML-escaped in
    <title>. Raises KeyError for an unknown exercise/position and ValueError for a bad
    side.
    """
    if side not in SIDES:
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    box, drawing = _drawing(exercise_id, position)
    text = _title_text(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}" role="img" '
        f'aria-label="{text}" {_ROOT_PAINT}><title>{text}</title>'
        f"{_mirrored(drawing, box, side)}</svg>"
    )
