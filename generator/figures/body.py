"""One fixed human skeleton, posed by joint angles, and its pictogram drawing.

World coordinates: x to the right, y UP, the floor is y = 0, one unit is 1 % of body
height (a 175 cm person: 1 unit = 1.75 cm). Every figure is a side view of a person
who, standing, faces +x; the viewer therefore sees the person's LEFT side, and the
"near" limbs are the left ones. The near leg is always the working (injured) leg.

Angles are degrees. Absolute directions are counter-clockwise from +x. Joint angles
are anatomical: flexion is positive (hip and shoulder swing the limb forward, knee
bends the shin back, elbow bends the forearm forward, ankle lifts the toes).
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .draw import (
    Circle,
    Core,
    Path,
    Shape,
    Style,
    band_box,
    box_of,
    dot,
    fill_pen,
    outline_pen,
)

Point = tuple[float, float]

# Segment lengths (H = 100), rounded from Drillis & Contini's body-height proportions.
PELVIS = 12.0  # hip joint to waist
LUMBAR = 9.0  # waist to mid-back; the spine bends at both ends of this segment
THORAX = 9.0  # mid-back to shoulder joint
NECK = 12.0  # shoulder joint to head centre
HEAD_R = 6.5
UPPER_ARM = 18.0
FOREARM = 16.0  # elbow to the centre of the (gripping) hand
THIGH = 24.5
SHIN = 24.5  # knee to ankle joint
FOOT = 14.0  # heel to toe tip, along the sole
HEEL_BACK = 3.5  # ankle joint is this far in front of the heel ...
ANKLE_UP = 4.0  # ... and this far above the sole

# Body radii: thick, so the figure reads as a body, not a stick figure. The trunk's are
# where its surface is (the poses rest it on the floor and on props by them); the legs
# taper from R_THIGH to R_SHIN; arms are drawn as even round lines (see S_LIMB) and
# R_HAND is how high a hand's centre sits over what it rests on.
R_PELVIS = 7.6
R_WAIST = 6.6
R_BACK = 7.0
R_CHEST = 7.4
R_HAND = 2.6
R_THIGH = (6.0, 4.2)
R_SHIN = (4.2, 2.5)
# The buttock and the back of the chest sit behind the joint line that the skeleton uses.
PELVIS_BACK = 1.6
CHEST_BACK = 1.0

# Hip height when lying on the back / front with the pelvis resting on the floor.
SUPINE_HIP_Y = R_PELVIS + PELVIS_BACK
PRONE_HIP_Y = R_PELVIS - PELVIS_BACK

SEGMENTS: dict[str, tuple[str, str]] = {
    "pelvis": ("hip", "waist"),
    "lumbar": ("waist", "back"),
    "thorax": ("back", "shoulder"),
    "neck": ("shoulder", "head"),
    "near_upper_arm": ("shoulder", "near_elbow"),
    "near_forearm": ("near_elbow", "near_hand"),
    "far_upper_arm": ("shoulder", "far_elbow"),
    "far_forearm": ("far_elbow", "far_hand"),
    "near_thigh": ("hip", "near_knee"),
    "near_shin": ("near_knee", "near_ankle"),
    "near_heel": ("near_ankle", "near_heel"),
    "near_foot": ("near_heel", "near_toe"),
    "far_thigh": ("hip", "far_knee"),
    "far_shin": ("far_knee", "far_ankle"),
    "far_heel": ("far_ankle", "far_heel"),
    "far_foot": ("far_heel", "far_toe"),
}
"""Every rigid segment as (from joint, to joint); its length never changes."""

SEGMENT_LENGTHS: dict[str, float] = {
    "pelvis": PELVIS,
    "lumbar": LUMBAR,
    "thorax": THORAX,
    "neck": NECK,
    "near_upper_arm": UPPER_ARM,
    "near_forearm": FOREARM,
    "far_upper_arm": UPPER_ARM,
    "far_forearm": FOREARM,
    "near_thigh": THIGH,
    "near_shin": SHIN,
    "near_heel": math.hypot(HEEL_BACK, ANKLE_UP),
    "near_foot": FOOT,
    "far_thigh": THIGH,
    "far_shin": SHIN,
    "far_heel": math.hypot(HEEL_BACK, ANKLE_UP),
    "far_foot": FOOT,
}


def unit(deg: float) -> Point:
    """Unit vector pointing in the absolute direction ``deg``."""
    rad = math.radians(deg)
    return (math.cos(rad), math.sin(rad))


def along(p: Point, deg: float, length: float) -> Point:
    """The point ``length`` away from ``p`` in direction ``deg``."""
    u = unit(deg)
    return (p[0] + u[0] * length, p[1] + u[1] * length)


def offset(p: Point, *moves: tuple[Point, float]) -> Point:
    """``p`` moved by each (unit vector, distance) in turn."""
    x, y = p
    for (ux, uy), d in moves:
        x += ux * d
        y += uy * d
    return (x, y)


def heading(a: Point, b: Point) -> float:
    """Absolute direction from ``a`` to ``b``."""
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def _wrap(deg: float) -> float:
    """Angle folded into (-180, 180]."""
    deg = math.fmod(deg, 360.0)
    if deg <= -180.0:
        deg += 360.0
    elif deg > 180.0:
        deg -= 360.0
    return deg


@dataclass(frozen=True)
class Limb:
    """A limb posed by joint angles: hip/shoulder flexion, knee/elbow flexion, and
    (legs only) ankle dorsiflexion, all relative to the parent segment."""

    base: float
    mid: float = 0.0
    ankle: float = 0.0


@dataclass(frozen=True)
class Reach:
    """A limb whose end lands on a point: the ankle joint (legs) or the hand centre (arms).

    The two joint angles follow by two-link inverse kinematics, bending the way a knee
    or elbow bends. ``sole`` (legs only) is the absolute direction of the sole, heel to
    toe: 0 flat on the floor, toes forward.
    """

    target: Point
    sole: float = 0.0


@dataclass(frozen=True)
class Pose:
    """One key position: where the hips are, how the trunk is held, and each limb.

    ``pelvis`` is the absolute direction hip -> waist (90 standing, 180 lying on the
    back with the head to the left, 0 lying face down with the head to the right).
    ``spine`` is the total forward bend of the back (shared equally by the waist and
    the mid-back, so a bent back is rounded), ``neck`` bends the head on the chest.
    ``straight_back`` draws the back's outline as one straight line from the buttock
    to the shoulders, as the deadlift and the Nordic lowering teach: the usual outline,
    the buttock standing out and the low back curving in, bends where the two meet, and
    at 5 cm that reads as a rounded back or a bend at the hips (drawing only; the
    skeleton is the same). ``kneecap`` draws the working leg's kneecap larger where it
    is straight, so the knee shows along it (drawing only).
    """

    hip: Point
    pelvis: float
    spine: float = 0.0
    neck: float = 0.0
    straight_back: bool = False
    kneecap: bool = False
    near_arm: Limb | Reach = Limb(0.0)
    far_arm: Limb | Reach = Limb(0.0)
    near_leg: Limb | Reach = Limb(0.0)
    far_leg: Limb | Reach = Limb(0.0)


@dataclass(frozen=True)
class Skeleton:
    """A solved pose: joint positions and the absolute direction of every segment.

    ``flexion`` holds the resulting anatomical joint angles (e.g. ``near_knee``), so
    poses given by :class:`Reach` can be checked the same way as angle-given ones.
    """

    joints: Mapping[str, Point]
    dirs: Mapping[str, float]
    flexion: Mapping[str, float]
    pose: Pose | None = None  # the pose it was solved from (the moving figures use it)


def _two_link(base: Point, target: Point, l1: float, l2: float, bend: int) -> tuple[float, float]:
    """Directions of both links so the chain from ``base`` ends at ``target``.

    ``bend`` +1 bends the second link counter-clockwise of the first (an elbow in our
    facing), -1 clockwise (a knee). Raises ValueError when the target is out of reach,
    so a bad pose table fails loudly instead of drawing a stretched limb.
    """
    dx, dy = target[0] - base[0], target[1] - base[1]
    d = math.hypot(dx, dy)
    if not abs(l1 - l2) < d <= l1 + l2 + 1e-9:
        raise ValueError(f"target {target} out of reach from {base} ({d:.2f} > {l1 + l2})")
    d = min(d, l1 + l2)
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    alpha = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    first = math.degrees(math.atan2(dy, dx)) - bend * alpha
    mid = along(base, first, l1)
    return first, heading(mid, target)


def solve(pose: Pose) -> Skeleton:
    """Forward kinematics (with inverse kinematics for :class:`Reach` limbs)."""
    j: dict[str, Point] = {}
    dirs: dict[str, float] = {}
    flex: dict[str, float] = {}

    j["hip"] = pose.hip
    dirs["pelvis"] = pose.pelvis
    j["waist"] = along(pose.hip, pose.pelvis, PELVIS)
    dirs["lumbar"] = pose.pelvis - pose.spine / 2
    j["back"] = along(j["waist"], dirs["lumbar"], LUMBAR)
    dirs["chest"] = pose.pelvis - pose.spine
    j["shoulder"] = along(j["back"], dirs["chest"], THORAX)
    dirs["neck"] = dirs["chest"] - pose.neck
    j["head"] = along(j["shoulder"], dirs["neck"], NECK)
    flex["spine"], flex["neck"] = pose.spine, pose.neck

    for side, arm in (("near", pose.near_arm), ("far", pose.far_arm)):
        rest = dirs["chest"] - 180.0  # arm hanging along the trunk
        if isinstance(arm, Limb):
            upper = rest + arm.base
            fore = upper + arm.mid
        else:
            upper, fore = _two_link(j["shoulder"], arm.target, UPPER_ARM, FOREARM, +1)
        j[f"{side}_elbow"] = along(j["shoulder"], upper, UPPER_ARM)
        j[f"{side}_hand"] = along(j[f"{side}_elbow"], fore, FOREARM)
        dirs[f"{side}_upper_arm"], dirs[f"{side}_forearm"] = upper, fore
        flex[f"{side}_shoulder"] = _wrap(upper - rest)
        flex[f"{side}_elbow"] = _wrap(fore - upper)

    for side, leg in (("near", pose.near_leg), ("far", pose.far_leg)):
        rest = pose.pelvis - 180.0  # leg straight down from a standing pelvis
        if isinstance(leg, Limb):
            thigh = rest + leg.base
            shin = thigh - leg.mid
            sole = shin + 90.0 + leg.ankle
        else:
            thigh, shin = _two_link(j["hip"], leg.target, THIGH, SHIN, -1)
            sole = leg.sole
        knee = along(j["hip"], thigh, THIGH)
        ankle = along(knee, shin, SHIN)
        f = unit(sole)
        n = (-f[1], f[0])  # from the sole up towards the ankle
        heel = offset(ankle, (f, -HEEL_BACK), (n, -ANKLE_UP))
        j[f"{side}_knee"], j[f"{side}_ankle"] = knee, ankle
        j[f"{side}_heel"], j[f"{side}_toe"] = heel, along(heel, sole, FOOT)
        dirs[f"{side}_thigh"], dirs[f"{side}_shin"], dirs[f"{side}_sole"] = thigh, shin, sole
        flex[f"{side}_hip"] = _wrap(thigh - rest)
        flex[f"{side}_knee"] = _wrap(thigh - shin)
        flex[f"{side}_ankle"] = _wrap(sole - shin - 90.0)

    return Skeleton(joints=j, dirs=dirs, flexion=flex, pose=pose)


def stance(heel: Point, sole: float, knee: float, knee_ahead: float) -> tuple[Point, Point]:
    """Hip and ankle of a leg standing on ``heel`` with the given sole direction.

    ``knee`` is knee flexion and ``knee_ahead`` how far (degrees) the shin leans so the
    knee is in front of the ankle. Standing poses are built from the foot up so the feet
    are exactly on the floor or on a prop.
    """
    ankle = ankle_for_heel(heel, sole)
    shin = -90.0 - knee_ahead  # direction knee -> ankle
    knee_pt = along(ankle, shin + 180.0, SHIN)
    hip = along(knee_pt, shin + knee + 180.0, THIGH)
    return hip, ankle


def trunk_to(hip: Point, shoulder: Point) -> tuple[float, float]:
    """(pelvis direction, spine bend) that put the shoulder joint at ``shoulder``.

    Solved by bisection on the bend, since the back bends at two joints at once. Raises
    ValueError when the shoulder is farther than the straight trunk reaches.
    """
    d = math.dist(hip, shoulder)
    if d > PELVIS + LUMBAR + THORAX + 1e-9:
        raise ValueError(f"shoulder {shoulder} out of reach of the trunk from {hip}")

    def reach(bend: float) -> Point:
        waist = along((0.0, 0.0), 0.0, PELVIS)
        back = along(waist, -bend / 2, LUMBAR)
        return along(back, -bend, THORAX)

    lo, hi = 0.0, 179.0  # chord length shrinks as the bend grows
    for _ in range(60):
        mid = (lo + hi) / 2
        if math.hypot(*reach(mid)) > d:
            lo = mid
        else:
            hi = mid
    bend = (lo + hi) / 2
    # Rotate the bent trunk so its chord points from hip to shoulder.
    return heading(hip, shoulder) - heading((0.0, 0.0), reach(bend)), bend


def ankle_for_heel(heel: Point, sole: float) -> Point:
    """Ankle joint position for a foot whose heel (sole point) is at ``heel``."""
    f = unit(sole)
    n = (-f[1], f[0])
    return offset(heel, (f, HEEL_BACK), (n, ANKLE_UP))


def frame(deg: float) -> tuple[Point, Point]:
    """(along, side) unit vectors of a segment pointing in direction ``deg``.

    ``side`` is ``along`` turned clockwise: the FRONT of the body for the trunk and head
    (which point away from the hips), the BACK of a limb that points down from its root.
    """
    t = unit(deg)
    return t, (t[1], -t[0])


# Styles: the body white with a dark outline; the working leg dark-filled with the
# heaviest outline, so it stands out in black and white; the far (other) arm and leg a
# solid mid grey with a thinner outline, so they read as limbs, never as a pale ghost.
FAR = Style(fill="#a6a6a6", stroke="#1a1a1a", width=1.6)
FAR_EXTRA = 0.6  # far limbs' pen is this much wider than the near limbs' fill pen
BODY = Style(fill="#ffffff", stroke="#1a1a1a", width=2.6)
WORK = Style(fill="#404040", stroke="#000000", width=3.0)

# Drawing layers (props slot in between, see props.py).
LAYER_FAR = 20
LAYER_TRUNK = 40
LAYER_NEAR_LEG = 60
LAYER_NEAR_ARM = 80

# Pen radii (see draw.py): every limb is a small core polygon drawn with a round pen of
# radius S_LIMB, so the core is the limb shrunk by S_LIMB all round; the trunk and the
# head are lines drawn with the wider S_TRUNK pen.
S_LIMB = 2.0
S_TRUNK = 6.8
# The near arm shares its outline pen with the working leg (one element fewer to draw);
# its fill pen is this much wider so its visible outline keeps the BODY weight.
ARM_FILL_EXTRA = (WORK.width - BODY.width) / 2


DIAG = math.sqrt(0.5)

# A straight leg's knee shows: the kneecap stands out a little in front (blind reviews:
# on the straight-leg bridge's one straight shape "no knee is shown, so you can't tell
# the roller is under the knee"). Only in front: with the back of the knee dipped in as
# well (1.0) and a bigger kneecap (2.0), the straight leg read as "kinked at the knee",
# against "keep the working leg straight". It fades out as the knee bends (by
# KNEE_MARK_FADE degrees the bent knee's own corner shows it), so a moving figure
# changes smoothly. World units, beyond the thigh's knee-end radius; larger on the
# working leg of a pose that asks for it (Pose.kneecap: the straight-leg bridge, whose
# roller lies under the knee: blind reviews, at 1.5, "the straight leg has no visible
# knee"). Not on every straight leg: at the heel slides' end it made the leg read as
# "still bent".
KNEECAP = 1.5
KNEECAP_MARKED = 2.5
KNEE_MARK_FADE = 40.0


def _sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def _dot(a: Point, b: Point) -> float:
    return a[0] * b[0] + a[1] * b[1]


def _norm(v: Point) -> Point:
    d = math.hypot(*v) or 1.0
    return (v[0] / d, v[1] / d)


def _leg_core(sk: Skeleton, side: str, s: float = S_LIMB) -> Core:
    """The leg (thigh, shin and foot) as one core polygon for a pen of radius ``s``.

    Thigh and shin taper from R_THIGH to R_SHIN; the foot is flat on its sole line
    from the heel to the toe tip, and the polygon's rounded hip end stands for the top
    of the thigh.
    """
    j = sk.joints
    hip, knee, ankle = j["hip"], j[f"{side}_knee"], j[f"{side}_ankle"]
    heel, toe = j[f"{side}_heel"], j[f"{side}_toe"]
    f = unit(sk.dirs[f"{side}_sole"])
    up = (-f[1], f[0])
    ut, us = unit(sk.dirs[f"{side}_thigh"]), unit(sk.dirs[f"{side}_shin"])
    # Front normals (towards the knee cap and the toes) of thigh and shin.
    sign = 1.0 if _dot((-us[1], us[0]), _sub(toe, ankle)) >= 0 else -1.0
    nt, ns = (-ut[1] * sign, ut[0] * sign), (-us[1] * sign, us[0] * sign)
    r_hip, r_knee, r_ankle = R_THIGH[0] - s, R_THIGH[1] - s, R_SHIN[1] - s
    m = _norm((nt[0] + ns[0], nt[1] + ns[1]))
    cos_half = max(_dot(m, nt), 0.5)
    # The bent knee's outer side (the front, unless the knee is over-straight) is round;
    # the inner side is the corner where the two tapering outlines meet.
    if sk.flexion[f"{side}_knee"] >= 0:
        front, back = 1.0, -1.0 / cos_half
    else:
        front, back = 1.0 / cos_half, -1.0
    fade = max(0.0, 1.0 - abs(sk.flexion[f"{side}_knee"]) / KNEE_MARK_FADE)
    marked = side == "near" and sk.pose is not None and sk.pose.kneecap
    front += (KNEECAP_MARKED if marked else KNEECAP) * fade / r_knee
    return Core(
        (
            # The round top of the thigh, seen over the pelvis.
            offset(hip, (nt, -r_hip)),
            offset(hip, (nt, -r_hip * DIAG), (ut, -r_hip * DIAG)),
            offset(hip, (ut, -r_hip)),
            offset(hip, (nt, r_hip * DIAG), (ut, -r_hip * DIAG)),
            offset(hip, (nt, r_hip)),
            offset(knee, (m, r_knee * front)),
            offset(ankle, (ns, r_ankle)),
            offset(toe, (f, -s), (up, s)),  # the toe tip touches the sole line
            offset(heel, (f, s), (up, s)),  # and so does the back of the heel
            offset(knee, (m, r_knee * back)),
        )
    )


def leg_outline(sk: Skeleton, side: str) -> tuple[Point, ...]:
    """The drawn outline of a leg (thigh, knee, shin and foot), inside its pen: the
    polygon a magnified view of part of the leg is cut from."""
    return _leg_core(sk, side, s=0.0).points


def _arm_core(sk: Skeleton, side: str) -> Core:
    """The arm as a core for a round pen: the line shoulder, elbow, hand."""
    j = sk.joints
    return Core((j["shoulder"], j[f"{side}_elbow"], j[f"{side}_hand"]), closed=False)


def _trunk_cores(sk: Skeleton) -> tuple[Core, Core]:
    """Trunk (a line through the pelvis, waist, back and chest centres) and head (a dot),
    for the S_TRUNK pen. The back of the pelvis and chest stay where the poses expect
    them (resting on the floor, touching a dowel)."""
    j = sk.joints
    tp, ap = frame(sk.dirs["pelvis"])
    _, al = frame(sk.dirs["lumbar"])
    tc, ac = frame(sk.dirs["chest"])
    # How far the back's surface lies behind the joint line at the pelvis, waist, mid-back
    # and chest.
    if sk.pose is not None and sk.pose.straight_back:
        behind = (CHEST_BACK + R_CHEST,) * 4
    else:
        behind = (
            PELVIS_BACK + R_PELVIS,
            CHEST_BACK + R_WAIST,
            CHEST_BACK + R_BACK,
            CHEST_BACK + R_CHEST,
        )
    trunk = (
        offset(j["hip"], (tp, 1.0), (ap, S_TRUNK - behind[0])),
        offset(j["waist"], (ap, S_TRUNK - behind[1])),
        offset(j["back"], (al, S_TRUNK - behind[2])),
        offset(j["shoulder"], (tc, -1.5), (ac, S_TRUNK - behind[3])),
    )
    return Core(trunk, closed=False), Core((j["head"],), closed=False)


def _eye(sk: Skeleton) -> Point:
    th, ah = frame(sk.dirs["neck"])
    return offset(sk.joints["head"], (ah, HEAD_R * 0.45), (th, 1.0))


NOSE = 2.6  # how far the nose stands out of the drawn head


def face(sk: Skeleton) -> float:
    """Absolute direction the face looks (the front of the head, a little down)."""
    return sk.dirs["neck"] - 100.0


def _nose(sk: Skeleton) -> Path:
    """The nose: a small white wedge on the face side of the head, outlined on its two
    outer sides only, so its fill covers the head's outline where they join."""
    head, look = sk.joints["head"], face(sk)
    r = S_TRUNK - 0.4
    base = (along(head, look - 28.0, r), along(head, look + 28.0, r))
    tip = along(head, look - 12.0, S_TRUNK + NOSE)
    return Path((("M", (base[0],)), ("L", (tip, base[1]))), BODY.fill, BODY.stroke, 1.6)


HAND_R = 2.6  # a fist: a little wider than the forearm, outlined, so a grip shows


def hands(sk: Skeleton) -> list[Point]:
    """Centres of both hands (what tests check against the props they hold)."""
    return [sk.joints["near_hand"], sk.joints["far_hand"]]


def _discs(cores: Sequence[Core], r: float) -> list[tuple[Point, float]]:
    return [(p, r) for c in cores for p in c.points]


def _far_pen() -> float:
    """Radius of the far limbs' fill pen. Without an outline it is a little wider than
    the near limbs' fill pen, so they still look like limbs of the same body."""
    return S_LIMB + (FAR_EXTRA if FAR.stroke == "none" else 0.0)


def _far_cores(sk: Skeleton) -> list[Core]:
    return [_leg_core(sk, "far", _far_pen()), _arm_core(sk, "far")]


def _shown_far_cores(sk: Skeleton) -> list[Core]:
    """The far limbs that show: a far limb posed exactly where the near one is (feet
    together, hands together) lies wholly behind it, its pens no wider, and is not
    drawn."""
    j = sk.joints
    shown = []
    limbs = (("knee", "ankle", "heel", "toe"), ("elbow", "hand"))
    for core, parts in zip(_far_cores(sk), limbs, strict=True):
        if any(math.dist(j[f"far_{p}"], j[f"near_{p}"]) > 1e-6 for p in parts):
            shown.append(core)
    return shown


def outline(sk: Skeleton) -> list[tuple[Point, float]]:
    """Circles (centre, radius) whose union's convex hull bounds the drawn body.

    Every part is a core drawn with a round pen, so it lies inside the hull of pen-sized
    circles round the core's points: tests use these to check that no body part sinks
    into the floor and that the viewBox holds the body. Outlines are not included.
    """
    return [
        *_discs(_far_cores(sk), _far_pen()),
        *_discs(_trunk_cores(sk), S_TRUNK),
        *_discs([_leg_core(sk, "near")], S_LIMB),
        *_discs([_arm_core(sk, "near")], S_LIMB + ARM_FILL_EXTRA),
    ]


def _far_shape(far: Sequence[Core]) -> Shape:
    """The far limbs: one flat light-grey pen (one element to draw) when FAR has no
    outline colour, else outlined like the rest of the body (two)."""
    r = _far_pen()
    if FAR.stroke == "none":
        return Shape(LAYER_FAR, (fill_pen(far, r, FAR),), band_box(far, r))
    return Shape(
        LAYER_FAR,
        (outline_pen(far, r, FAR), fill_pen(far, r, FAR)),
        band_box(far, r + FAR.width / 2),
    )


HELPER = Style(fill="#fbfbfb", stroke="#1a1a1a", width=1.8)
"""A second person (the Nordic exercise's partner): white, thinly outlined, no dark or
grey limbs, so they never read as the patient's legs."""


def helper_shapes(sk: Skeleton, layer: int) -> list[Shape]:
    """A second person drawn plainly: trunk and head in one pair of pens, the near arm
    and leg in another (the far ones are hidden behind in a side view), and an eye."""
    trunk = _trunk_cores(sk)
    limbs = [_arm_core(sk, "near"), _leg_core(sk, "near")]
    return [
        Shape(
            layer,
            (outline_pen(trunk, S_TRUNK, HELPER), fill_pen(trunk, S_TRUNK, HELPER, solid=False)),
            band_box(trunk, S_TRUNK + HELPER.width / 2),
            ink=dot(_eye(sk)),
        ),
        Shape(
            layer + 1,
            (outline_pen(limbs, S_LIMB, HELPER), fill_pen(limbs, S_LIMB, HELPER)),
            band_box(limbs, S_LIMB + HELPER.width / 2),
        ),
    ]


def body_shapes(sk: Skeleton, fist: bool = False) -> list[Shape]:
    """The figure as layered shapes: far limbs, trunk and head, working leg, near arm.

    Six elements: the far limbs' pen; an outline pen and a fill pen for the trunk and
    head; the working leg's outline pen (which outlines the near arm too) and fill pen;
    the near arm's fill pen. The eye is ink (see draw.INK).
    """
    trunk = _trunk_cores(sk)
    leg, arm = _leg_core(sk, "near"), _arm_core(sk, "near")
    s_arm = S_LIMB + ARM_FILL_EXTRA
    eye = _eye(sk)
    far = _shown_far_cores(sk)
    return [
        *([_far_shape(far)] if far else []),
        Shape(
            LAYER_TRUNK,
            (outline_pen(trunk, S_TRUNK, BODY), fill_pen(trunk, S_TRUNK, BODY, solid=False)),
            band_box(trunk, S_TRUNK + BODY.width / 2),
        ),
        # An eye and a nose give the face a direction, so lying face up and face down
        # read apart. The eye is ink, drawn on top of everything: no pose puts a near
        # limb over the face.
        Shape(
            LAYER_TRUNK + 1,
            (_nose(sk),),
            box_of([along(sk.joints["head"], face(sk), S_TRUNK + NOSE)], 1.0),
            ink=dot(eye),
        ),
        Shape(
            LAYER_NEAR_LEG,
            (outline_pen([leg, arm], S_LIMB, WORK), fill_pen([leg], S_LIMB, WORK)),
            band_box([leg, arm], S_LIMB + WORK.width / 2),
        ),
        Shape(LAYER_NEAR_ARM, (fill_pen([arm], s_arm, BODY, solid=False),), band_box([arm], s_arm)),
        *([_fist(sk)] if fist else []),
    ]


def _fist(sk: Skeleton) -> Shape:
    """A hand that holds something (a band, a pole, a shin, a kettlebell): a fist a
    little wider than the forearm. Hands that only rest stay the arm's round end, so
    they are not taken for a ball."""
    hand = sk.joints["near_hand"]
    return Shape(
        LAYER_NEAR_ARM + 1,
        (Circle(hand, HAND_R, BODY.fill, BODY.stroke, BODY.width * 0.7),),
        box_of([hand], HAND_R + 1.0),
    )
