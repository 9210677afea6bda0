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
from collections.abc import Mapping
from dataclasses import dataclass

from .draw import Shape, Style, capsules_shape, circle_shape

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

# Drawing radii: thick capsules so the figure reads as a body, not a stick figure.
R_PELVIS = 7.6
R_WAIST = 6.6
R_BACK = 7.0
R_CHEST = 7.4
R_NECK = 3.2
R_UPPER_ARM = (3.5, 2.8)
R_FOREARM = (2.8, 2.2)
R_HAND = 2.6
R_THIGH = (6.0, 4.2)
R_SHIN = (4.2, 2.5)
R_HEEL = 2.5
R_TOE = 1.3
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
    """

    hip: Point
    pelvis: float
    spine: float = 0.0
    neck: float = 0.0
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

    return Skeleton(joints=j, dirs=dirs, flexion=flex)


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


# Styles: far limbs light grey, the body white with a dark outline, and the working leg
# dark-filled with the heaviest outline so it stands out in black and white.
FAR = Style(fill="#e4e4e4", stroke="#8c8c8c", width=2.2)
BODY = Style(fill="#ffffff", stroke="#1a1a1a", width=2.6)
WORK = Style(fill="#555555", stroke="#000000", width=3.0)

# Drawing layers (props slot in between, see props.py).
LAYER_FAR_ARM = 20
LAYER_FAR_LEG = 22
LAYER_TRUNK = 40
LAYER_NEAR_LEG = 60
LAYER_NEAR_ARM = 80


def _arm(sk: Skeleton, side: str) -> list[tuple[Point, float, Point, float]]:
    j = sk.joints
    return [
        (j["shoulder"], R_UPPER_ARM[0], j[f"{side}_elbow"], R_UPPER_ARM[1]),
        (j[f"{side}_elbow"], R_FOREARM[0], j[f"{side}_hand"], R_FOREARM[1]),
        (j[f"{side}_hand"], R_HAND, j[f"{side}_hand"], R_HAND),
    ]


def _leg(sk: Skeleton, side: str) -> list[tuple[Point, float, Point, float]]:
    j = sk.joints
    f, n = frame(sk.dirs[f"{side}_sole"])
    n = (-n[0], -n[1])  # frame() gives clockwise; the sole normal points up the foot
    heel_c = offset(j[f"{side}_heel"], (f, R_HEEL), (n, R_HEEL))  # touches the sole line
    toe_c = offset(j[f"{side}_toe"], (f, -R_TOE), (n, R_TOE))
    return [
        (j["hip"], R_THIGH[0], j[f"{side}_knee"], R_THIGH[1]),
        (j[f"{side}_knee"], R_SHIN[0], j[f"{side}_ankle"], R_SHIN[1]),
        (heel_c, R_HEEL, toe_c, R_TOE),
        (heel_c, R_HEEL, j[f"{side}_ankle"], R_SHIN[1]),
    ]


def _trunk(sk: Skeleton) -> list[tuple[Point, float, Point, float]]:
    j = sk.joints
    tp, ap = frame(sk.dirs["pelvis"])
    _, al = frame(sk.dirs["lumbar"])
    tc, ac = frame(sk.dirs["chest"])
    th, ah = frame(sk.dirs["neck"])
    pelvis_c = offset(j["hip"], (tp, 1.0), (ap, -PELVIS_BACK))
    waist_c = offset(j["waist"], (ap, -CHEST_BACK))
    back_c = offset(j["back"], (al, -CHEST_BACK))
    chest_c = offset(j["shoulder"], (tc, -1.5), (ac, -CHEST_BACK))
    nose = offset(j["head"], (ah, HEAD_R - 0.5), (th, -0.6))
    return [
        (pelvis_c, R_PELVIS, waist_c, R_WAIST),
        (waist_c, R_WAIST, back_c, R_BACK),
        (back_c, R_BACK, chest_c, R_CHEST),
        (j["shoulder"], R_NECK, j["head"], R_NECK),
        (j["head"], HEAD_R, j["head"], HEAD_R),
        (nose, 1.6, nose, 1.6),
    ]


def outline(sk: Skeleton) -> list[tuple[Point, float]]:
    """Every end circle of the drawn capsules, as (centre, radius).

    A capsule lies inside the hull of its end circles, so these bound the drawn body:
    tests use them to check that no body part sinks into the floor.
    """
    parts = [*_arm(sk, "far"), *_leg(sk, "far"), *_trunk(sk), *_leg(sk, "near"), *_arm(sk, "near")]
    return [c for p1, r1, p2, r2 in parts for c in ((p1, r1), (p2, r2))]


def body_shapes(sk: Skeleton) -> list[Shape]:
    """The figure as layered shapes: far limbs, trunk and head, working leg, near arm."""
    shapes = [
        capsules_shape(_arm(sk, "far"), FAR, LAYER_FAR_ARM),
        capsules_shape(_leg(sk, "far"), FAR, LAYER_FAR_LEG),
        capsules_shape(_trunk(sk), BODY, LAYER_TRUNK),
        capsules_shape(_leg(sk, "near"), WORK, LAYER_NEAR_LEG),
        capsules_shape(_arm(sk, "near"), BODY, LAYER_NEAR_ARM),
    ]
    # A tiny eye gives the face a direction, so lying face up and face down read apart.
    th, ah = frame(sk.dirs["neck"])
    eye = offset(sk.joints["head"], (ah, HEAD_R * 0.45), (th, 1.0))
    shapes.append(circle_shape(eye, 0.9, Style(fill="#1a1a1a", stroke="none", width=0), 41))
    return shapes
