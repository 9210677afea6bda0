"""The key positions of every exercise: a pose of the shared skeleton plus its props.

Each builder below is pure data plus a little arithmetic that places the body on its
props (feet on the stool, thigh on the roller, hands on the band) so nothing floats or
sinks. All figures are built in the canonical view: facing +x, left side towards the
viewer, left leg working. Builders run only when a figure is first asked for.
"""

from collections.abc import Callable
from math import cos, radians, sin
from dataclasses import dataclass

from .body import (
    FOOT,
    FOREARM,
    HEAD_R,
    PRONE_HIP_Y,
    R_CHEST,
    R_HAND,
    R_PELVIS,
    SUPINE_HIP_Y,
    UPPER_ARM,
    Limb,
    Point,
    Pose,
    Reach,
    Skeleton,
    along,
    ankle_for_heel,
    frame,
    heading,
    offset,
    solve,
    stance,
    trunk_to,
)
from .draw import Shape
from .props import (
    HALF_ROLL_R,
    ROLLER_R,
    arc_arrow,
    arrow,
    band,
    block,
    box,
    dowel,
    half_roll,
    kettlebell,
    roller,
    slider,
)


@dataclass(frozen=True)
class Scene:
    """A solved pose with the props and arrows drawn around it."""

    skeleton: Skeleton
    props: tuple[Shape, ...]


# Lying on the back: the pelvis tipped a little so chest and pelvis both rest on the
# floor; the head tilted back just enough to rest on it too.
SUPINE = 181.5
SUPINE_NECK = -7.0
# Arms resting on the floor beside a trunk lying on its back.
ARM_ON_FLOOR = Limb(-15.5, 10.0)
# A straight leg resting on the floor, heel down, foot relaxed.
LEG_ON_FLOOR = Limb(-8.0, 3.0, -25.0)


def _mid(a: Point, b: Point, t: float = 0.5) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _toward(base: Point, target: Point, limit: float) -> Point:
    """``target``, or the point ``limit`` from ``base`` on the way to it if farther."""
    d = ((target[0] - base[0]) ** 2 + (target[1] - base[1]) ** 2) ** 0.5
    return target if d <= limit else along(base, heading(base, target), limit)


# --- aslr-band -------------------------------------------------------------------------


def _aslr(other_up: bool) -> Scene:
    hip = (0.0, SUPINE_HIP_Y)
    grip = (-13.0, 31.0)
    pose = Pose(
        hip=hip,
        pelvis=SUPINE,
        neck=SUPINE_NECK,
        near_arm=Reach(grip),
        far_arm=Reach((grip[0] + 1.5, grip[1] - 1.0)),
        near_leg=Limb(70.0, 0.0, 5.0),
        far_leg=Limb(62.0, 0.0, 0.0) if other_up else LEG_ON_FLOOR,
    )
    sk = solve(pose)
    j = sk.joints
    ball = _mid(j["near_heel"], j["near_toe"], 0.72)
    props = [band([j["near_hand"], ball, j["near_heel"]])]
    if other_up:
        props.append(arc_arrow(hip, 38.0, 22.0, 54.0))
    return Scene(sk, tuple(props))


# --- toe-touch -------------------------------------------------------------------------


def _toe_touch(toes_up: bool) -> Scene:
    if toes_up:
        # Heel on the floor, the sole resting on the half roll's top under the ball of
        # the foot: a line from the heel at angle ``sole`` is tangent to the roll.
        sole, heel = 25.0, (0.0, 0.0)
        roll_x = HALF_ROLL_R / sin(radians(sole))
    else:
        # Toes on the floor, the sole tangent to the roll just in front of the heel.
        sole = -21.0
        heel = (0.0, FOOT * sin(radians(-sole)))
        roll_x = FOOT * cos(radians(sole)) - HALF_ROLL_R / sin(radians(-sole))
    # Knees a little bent and the hips sitting back behind the heels, as in a real
    # forward bend; the rest of the reach comes from a rounded back.
    hip, ankle = stance(heel, sole, knee=20.0, knee_ahead=-8.0 if toes_up else -3.0)
    toe = along(heel, sole, FOOT)
    hand = (toe[0] - 2.0, toe[1] + 2 * R_HAND + 1.0)
    shoulder = (hand[0] - 1.0, hand[1] + UPPER_ARM + FOREARM - 0.6)
    pelvis, spine = trunk_to(hip, shoulder)
    pose = Pose(
        hip=hip,
        pelvis=pelvis,
        spine=spine,
        neck=28.0,
        near_leg=Reach(ankle, sole),
        far_leg=Reach((ankle[0] - 1.5, ankle[1] + (0.6 if toes_up else -0.5)), sole),
        near_arm=Reach(hand),
        far_arm=Reach((hand[0] - 1.8, hand[1] + 0.4)),
    )
    sk = solve(pose)
    knee = sk.joints["near_knee"]
    t, a = frame(sk.dirs["near_thigh"])
    props = [
        half_roll(roll_x),
        block(offset(knee, (t, -2.5), (a, 0.8)), sk.dirs["near_thigh"], layer=50),
        arc_arrow(hip, 40.0, 55.0, 8.0),
    ]
    return Scene(sk, tuple(props))


# --- foam-roll -------------------------------------------------------------------------


def _foam_roll() -> Scene:
    roll = (13.0, ROLLER_R)
    hip = (0.0, 14.1)
    pelvis = 135.0
    thigh = -2.0
    pose = Pose(
        hip=hip,
        pelvis=pelvis,
        spine=-4.0,
        neck=8.0,
        near_leg=Limb(thigh - (pelvis - 180.0), 0.0, -20.0),
        far_leg=Reach(ankle_for_heel((20.0, 0.0), 0.0), 0.0),
        near_arm=Reach((-27.0, R_HAND)),
        far_arm=Reach((-25.5, R_HAND)),
    )
    sk = solve(pose)
    j = sk.joints
    t, a = frame(thigh)
    start = offset(j["hip"], (t, 4.0), (a, -10.5))
    end = offset(j["near_knee"], (t, 4.0), (a, -8.5))
    props = [roller(roll), arrow(start, end, both=True)]
    return Scene(sk, tuple(props))


# --- supine-iso ------------------------------------------------------------------------


def _supine_iso() -> Scene:
    near_heel = (33.0, 0.0)
    pose = Pose(
        hip=(0.0, SUPINE_HIP_Y),
        pelvis=SUPINE,
        neck=SUPINE_NECK,
        near_arm=ARM_ON_FLOOR,
        far_arm=ARM_ON_FLOOR,
        near_leg=Reach(ankle_for_heel(near_heel, 0.0), 0.0),
        far_leg=Reach(ankle_for_heel((near_heel[0] - 3.0, 0.0), 0.0), 0.0),
    )
    sk = solve(pose)
    h = sk.joints["near_heel"]
    props = [arrow((h[0] - 1.0, 7.0), (h[0] - 10.0, 1.6))]
    return Scene(sk, tuple(props))


# --- prone-iso -------------------------------------------------------------------------


def _band_ring(centre: Point, across: float) -> list[Point]:
    """A band loop seen from the side, crossing a limb at ``centre``."""
    return [
        along(centre, across, 4.2),
        along(along(centre, across, 4.2), across + 90.0, 1.6),
        along(along(centre, across + 180.0, 4.2), across + 90.0, 1.6),
        along(centre, across + 180.0, 4.2),
    ]


def _prone(hold: bool) -> Scene:
    bent = Limb(2.5, 90.0, -25.0)
    pose = Pose(
        hip=(0.0, PRONE_HIP_Y),
        pelvis=1.0,
        neck=-16.0,
        near_arm=Limb(8.0, 4.0),
        far_arm=Limb(8.0, 4.0),
        near_leg=bent,
        far_leg=Limb(3.5, 4.0, -40.0) if hold else Limb(2.5, 88.0, -25.0),
    )
    sk = solve(pose)
    j = sk.joints
    if hold:
        near = j["near_ankle"]
        far = j["far_ankle"]
        across = heading(near, far) + 90.0
        props = [
            band([
                along(near, across, 3.0),
                along(far, across, 2.5),
                along(far, across + 180.0, 2.5),
                along(near, across + 180.0, 3.0),
            ]),
            arc_arrow(j["far_knee"], 22.0, 112.0, 160.0),
        ]
    else:
        props = [band(_band_ring(j["near_ankle"], sk.dirs["near_shin"] + 90.0))]
    return Scene(sk, tuple(props))


# --- bridges ---------------------------------------------------------------------------

SHOULDER_Y = 8.0  # shoulder joint height when the upper back rests on the floor


def _bridge_pelvis(hip: Point) -> float:
    """Pelvis direction that lays the trunk from ``hip`` down onto the floor."""
    from math import asin, degrees

    return 180.0 - degrees(asin((SHOULDER_Y - hip[1]) / 30.0))


def _bridge_neck(pelvis: float) -> float:
    """Neck flexion that rests the head on the floor behind a sloping trunk."""
    from math import asin, degrees

    head_dir = 180.0 - degrees(asin((HEAD_R + 0.2 - SHOULDER_Y) / 12.0))
    return pelvis - head_dir


def _arms_along_floor(pelvis: float) -> Limb:
    """Arms lying on the floor beside a bridged trunk, palms down."""
    return Limb(-12.0 - (pelvis - 180.0), 7.0)


def _ecc_sl_bridge(lower: bool) -> Scene:
    stool_x0, stool_h = 38.0, 21.0
    heel = (stool_x0 + 3.0, stool_h)
    hip = (0.0, 16.0 if lower else 25.0)
    pelvis = _bridge_pelvis(hip)
    sole = 72.0
    pose = Pose(
        hip=hip,
        pelvis=pelvis,
        neck=_bridge_neck(pelvis),
        near_arm=_arms_along_floor(pelvis),
        far_arm=_arms_along_floor(pelvis),
        near_leg=Reach(ankle_for_heel(heel, sole), sole),
        far_leg=(
            Limb(75.0 - (pelvis - 180.0), 70.0, 0.0)  # free leg lifted, thigh near vertical
            if lower
            else Reach(ankle_for_heel((heel[0] - 2.5, stool_h), sole), sole)
        ),
    )
    sk = solve(pose)
    props = [box(stool_x0, stool_x0 + 18.0, stool_h)]
    if lower:
        props.append(arrow((hip[0] - 4.0, hip[1] + 19.0), (hip[0] - 4.0, hip[1] + 9.0)))
    return Scene(sk, tuple(props))


def _straight_leg_bridge(at_knee: bool) -> Scene:
    # The roll sits under the back of the knee or the ankle of the straight working leg.
    hip = (0.0, 15.5)
    pelvis = _bridge_pelvis(hip)
    if at_knee:
        knee_y = 2 * ROLLER_R + 4.2
        thigh = _slope(hip[1], knee_y, 24.5)
        support = along(hip, thigh, 24.5)
    else:
        ankle_y = 2 * ROLLER_R + 2.5
        thigh = _slope(hip[1], ankle_y, 49.0)
        support = along(hip, thigh, 49.0)
    far = Limb(128.0, 118.0, -10.0)  # knee hugged towards the chest
    pose = Pose(
        hip=hip,
        pelvis=pelvis,
        neck=_bridge_neck(pelvis),
        near_leg=Limb(thigh - (pelvis - 180.0), 0.0, -15.0),
        far_leg=far,
        near_arm=Limb(0.0),
        far_arm=Limb(0.0),
    )
    sk = solve(pose)
    # Both hands hold the far shin just below the knee.
    j = sk.joints
    grip = along(j["far_knee"], sk.dirs["far_shin"], 5.0)
    pose = Pose(
        hip=pose.hip,
        pelvis=pose.pelvis,
        neck=pose.neck,
        near_leg=pose.near_leg,
        far_leg=pose.far_leg,
        near_arm=Reach(grip),
        far_arm=Reach(offset(grip, ((1.0, 0.0), 1.5))),
    )
    sk = solve(pose)
    props = [
        roller((support[0], ROLLER_R), layer=10),
        arrow((hip[0] + 6.0, hip[1] - 6.0), (hip[0] + 6.0, hip[1] + 5.0)),
    ]
    return Scene(sk, tuple(props))


def _slope(y0: float, y1: float, length: float) -> float:
    """Direction of a segment of ``length`` that runs from height y0 to height y1."""
    from math import asin, degrees

    return degrees(asin((y1 - y0) / length))


def _sliders(straight: bool) -> Scene:
    sole = 68.0
    if straight:
        hip = (0.0, 12.5)
        heel_x = 49.0
    else:
        hip = (0.0, 24.0)
        heel_x = 37.0
    pelvis = _bridge_pelvis(hip)
    top = 1.6  # slider thickness
    pose = Pose(
        hip=hip,
        pelvis=pelvis,
        neck=_bridge_neck(pelvis),
        near_arm=_arms_along_floor(pelvis),
        far_arm=_arms_along_floor(pelvis),
        near_leg=Reach(ankle_for_heel((heel_x, top), sole), sole),
        far_leg=Reach(ankle_for_heel((heel_x - 2.5, top), sole), sole),
    )
    sk = solve(pose)
    props = [slider(heel_x + 1.5), slider(heel_x - 1.0, layer=9)]
    if straight:
        props.append(arrow((heel_x + 9.0, 4.0), (heel_x + 21.0, 4.0)))
    return Scene(sk, tuple(props))


# --- hip-hinge and reverse-deadlift -----------------------------------------------------

STAND_KNEE = 0.0


def _standing(hinge: bool, trunk: float) -> tuple[Pose, float]:
    """Legs and trunk for standing tall or hinged; returns the pose without arms."""
    knee, ahead = (32.0, 8.0) if hinge else (8.0, 4.0)
    hip, ankle = stance((0.0, 0.0), 0.0, knee=knee, knee_ahead=ahead)
    # The far foot half a step behind, so both legs show.
    far_target = (ankle[0] - 2.5, ankle[1])
    pose = Pose(
        hip=hip,
        pelvis=trunk,
        neck=-4.0 if not hinge else -2.0,
        near_leg=Reach(ankle, 0.0),
        far_leg=Reach(far_target, 0.0),
    )
    return pose, -90.0 - ahead + knee


def _dowel_line(sk: Skeleton) -> tuple[Point, Point, list[Point]]:
    """The pole touching tailbone, upper back and back of the head."""
    j = sk.joints
    tp, ap = frame(sk.dirs["pelvis"])
    tc, ac = frame(sk.dirs["chest"])
    th, ah = frame(sk.dirs["neck"])
    tail = offset(j["hip"], (tp, 1.0), (ap, -1.6 - R_PELVIS - 1.0))
    back = offset(j["shoulder"], (tc, -5.0), (ac, -1.0 - R_CHEST - 1.0))
    d = heading(tail, back)
    head_back = offset(j["head"], (ah, -HEAD_R - 1.0))
    # Project the back of the head onto the pole so the top dot sits on the pole.
    u = frame(d)[0]
    s = (head_back[0] - tail[0]) * u[0] + (head_back[1] - tail[1]) * u[1]
    head_pt = along(tail, d, s)
    return along(tail, d, -6.0), along(tail, d, s + 12.0), [tail, back, head_pt]


def _with_arms(pose: Pose, near: Limb | Reach, far: Limb | Reach) -> Pose:
    return Pose(
        hip=pose.hip,
        pelvis=pose.pelvis,
        spine=pose.spine,
        neck=pose.neck,
        near_arm=near,
        far_arm=far,
        near_leg=pose.near_leg,
        far_leg=pose.far_leg,
    )


def _hip_hinge(hinge: bool) -> Scene:
    pose, thigh = _standing(hinge, 36.0 if hinge else 90.0)
    sk = solve(pose)
    p0, p1, dots = _dowel_line(sk)
    d = heading(p0, p1)
    j = sk.joints
    # Top hand grips the pole behind the neck, bottom hand behind the low back.
    top_grip = along(dots[0], d, (_dist(dots[0], dots[2]) - 9.0))
    low_grip = along(dots[0], d, 11.0)
    pose = _with_arms(pose, Reach(top_grip), Reach(low_grip))
    sk = solve(pose)
    props = [dowel(p0, p1, dots, layer=50)]
    if hinge:
        props.append(arc_arrow(sk.joints["near_knee"], 36.0, 98.0, 136.0))
    del j
    return Scene(sk, tuple(props))


def _dist(a: Point, b: Point) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5


def _deadlift(bottom: bool) -> Scene:
    pose, _ = _standing(bottom, 32.0 if bottom else 90.0)
    sk = solve(pose)
    sh = sk.joints["shoulder"]
    if bottom:
        grip = (sh[0] + 1.0, sh[1] - 33.0)
    else:
        grip = (sh[0] + 9.5, sh[1] - 32.0)
    pose = _with_arms(pose, Reach(grip), Reach((grip[0] - 1.0, grip[1] + 0.3)))
    sk = solve(pose)
    props = [kettlebell(sk.joints["near_hand"], layer=70)]
    if bottom:
        g = sk.joints["near_hand"]
        props.append(arrow((g[0] + 11.0, g[1] + 6.0), (g[0] + 11.0, g[1] - 12.0)))
    return Scene(sk, tuple(props))


BUILDERS: dict[tuple[str, str], Callable[[], Scene]] = {
    ("aslr-band", "band-leg-up"): lambda: _aslr(other_up=False),
    ("aslr-band", "raise-other"): lambda: _aslr(other_up=True),
    ("toe-touch", "toes-raised"): lambda: _toe_touch(toes_up=True),
    ("toe-touch", "heels-raised"): lambda: _toe_touch(toes_up=False),
    ("foam-roll", "roll"): _foam_roll,
    ("supine-iso", "hold"): _supine_iso,
    ("prone-iso", "start"): lambda: _prone(hold=False),
    ("prone-iso", "hold"): lambda: _prone(hold=True),
    ("ecc-sl-bridge", "bridge"): lambda: _ecc_sl_bridge(lower=False),
    ("ecc-sl-bridge", "lower"): lambda: _ecc_sl_bridge(lower=True),
    ("straight-leg-bridge", "knee"): lambda: _straight_leg_bridge(at_knee=True),
    ("straight-leg-bridge", "ankle"): lambda: _straight_leg_bridge(at_knee=False),
    ("ecc-sliders", "bridge"): lambda: _sliders(straight=False),
    ("ecc-sliders", "straight"): lambda: _sliders(straight=True),
    ("hip-hinge", "stand"): lambda: _hip_hinge(hinge=False),
    ("hip-hinge", "hinge"): lambda: _hip_hinge(hinge=True),
    ("reverse-deadlift", "top"): lambda: _deadlift(bottom=False),
    ("reverse-deadlift", "bottom"): lambda: _deadlift(bottom=True),
}
"""(exercise id, position) -> the function that builds that figure's scene."""
