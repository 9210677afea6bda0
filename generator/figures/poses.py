"""The key positions of every exercise: a pose of the shared skeleton plus its props.

Each builder is pose data plus a little arithmetic that places the body on its props
(feet on the stool, thigh on the roller, hands on the band), so nothing floats or sinks
when a number is tuned. All figures are built in the canonical view: facing +x, the
left side towards the viewer, the left (near) leg working. Builders run only when a
figure is first asked for.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from .body import (
    FOOT,
    FOREARM,
    HEAD_R,
    PELVIS_BACK,
    PRONE_HIP_Y,
    R_CHEST,
    R_HAND,
    R_PELVIS,
    R_THIGH,
    SHIN,
    SUPINE_HIP_Y,
    THIGH,
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
    CUSHION_H,
    HALF_ROLL_R,
    ROLLER_R,
    arc_arrow,
    arrow,
    ball,
    band,
    box,
    cushion,
    dowel,
    half_roll,
    kettlebell,
    roller,
    slider,
    sofa,
)


@dataclass(frozen=True)
class Scene:
    """A solved pose with the props and arrows drawn around it."""

    skeleton: Skeleton
    props: tuple[Shape, ...]


# Lying on the back: the pelvis tipped a little so chest and pelvis both rest on the
# floor, and the head tilted back just enough to rest on it too.
SUPINE = 181.5
SUPINE_NECK = -7.0
ARM_ON_FLOOR = Limb(-15.5, 10.0)  # arm resting beside a trunk lying on its back
LEG_ON_FLOOR = Limb(-6.0, 3.0, -20.0)  # straight leg resting on its heel, foot relaxed
LEG_REACH = THIGH + SHIN - 0.05  # just short of a locked knee, so IK always has a solution
SHOULDER_Y = 8.0  # shoulder joint height when the upper back rests on the floor
TRUNK = 30.0  # hip joint to shoulder joint with a straight back


def _mid(a: Point, b: Point, t: float = 0.5) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _toward(base: Point, target: Point, limit: float) -> Point:
    """``target``, or the point ``limit`` from ``base`` on the way to it if farther."""
    if math.dist(base, target) <= limit:
        return target
    return along(base, heading(base, target), limit)


def _slope(y0: float, y1: float, length: float) -> float:
    """Direction of a segment of ``length`` running from height y0 to height y1."""
    return math.degrees(math.asin((y1 - y0) / length))


# --- aslr-band -------------------------------------------------------------------------


def _aslr(other_up: bool) -> Scene:
    hip = (0.0, SUPINE_HIP_Y)
    pose = Pose(
        hip=hip,
        pelvis=SUPINE,
        neck=SUPINE_NECK,
        near_leg=Limb(70.0, 0.0, 5.0),
        # The free leg rises to match; drawn a few degrees lower so both legs show.
        far_leg=Limb(62.0, 0.0, 0.0) if other_up else LEG_ON_FLOOR,
    )
    # Hands together, arms almost straight, reaching up along the band.
    grip = along(solve(pose).joints["shoulder"], 52.0, 32.0)
    sk = solve(replace(pose, near_arm=Reach(grip), far_arm=Reach((grip[0] + 1.5, grip[1] - 1.0))))
    j = sk.joints
    ball = _mid(j["near_heel"], j["near_toe"], 0.72)
    props = [band([j["near_hand"], ball, j["near_heel"]])]
    if other_up:
        props.append(arc_arrow(hip, 40.0, 20.0, 52.0))
    return Scene(sk, tuple(props))


# --- toe-touch -------------------------------------------------------------------------

BALL_R = 4.2  # the soft ball squeezed between the knees


def _toe_touch(toes_up: bool) -> Scene:
    r = HALF_ROLL_R
    if toes_up:
        # Heel on the floor; a sole line from the heel at angle ``sole`` is tangent to
        # the half roll's top, under the ball of the foot.
        sole, heel = 30.0, (0.0, 0.0)
        roll_x = r / math.sin(math.radians(sole))
    else:
        # Toes on the floor; the sole is tangent to the roll just in front of the heel.
        sole = -27.0
        heel = (0.0, FOOT * math.sin(math.radians(-sole)))
        roll_x = FOOT * math.cos(math.radians(sole)) - r / math.sin(math.radians(-sole))
    # Knees a little bent, hips sitting back behind the heels as in a real forward
    # bend; the rest of the reach comes from a rounded back.
    hip, ankle = stance(heel, sole, knee=10.0, knee_ahead=-9.0 if toes_up else -6.0)
    toe = along(heel, sole, FOOT)
    # Straight arms hang from shoulders right above the hands, just past the toes; the
    # head is carried in front of them, where it stays visible.
    hand = (toe[0] + 3.5, toe[1] + R_HAND)
    shoulder = (hand[0], hand[1] + UPPER_ARM + FOREARM - 0.3)
    pelvis, spine = trunk_to(hip, shoulder)
    pose = Pose(
        hip=hip,
        pelvis=pelvis,
        spine=spine,
        neck=pelvis - spine + 30.0,  # eyes on the knees, face clear of the arms
        near_leg=Reach(ankle, sole),
        far_leg=Reach(_toward(hip, (ankle[0] - 1.5, ankle[1] + 0.6), LEG_REACH), sole),
        near_arm=Reach(hand),
        far_arm=Reach((hand[0] - 1.8, hand[1] + 0.4)),
    )
    sk = solve(pose)
    _, a = frame(sk.dirs["near_thigh"])
    props = [
        half_roll(roll_x, r=r),
        # Between the knees, its front showing in the gap between the near knee and the
        # arm (the clockwise side of a thigh pointing down is its back, hence -7.5).
        ball(offset(sk.joints["near_knee"], (a, -7.5)), BALL_R, layer=50),
        arc_arrow(hip, 38.0, 60.0, 14.0),
    ]
    return Scene(sk, tuple(props))


# --- foam-roll -------------------------------------------------------------------------


def _foam_roll() -> Scene:
    roll = (13.0, ROLLER_R)
    thigh = -2.0  # working leg long and nearly level
    # Hip height that lays the back of the thigh (its drawn radius where it crosses the
    # roller) exactly on top of the roller.
    share = roll[0] / THIGH
    r_thigh = R_THIGH[0] + (R_THIGH[1] - R_THIGH[0]) * share
    hip = (0.0, 2 * ROLLER_R + r_thigh + roll[0] * math.tan(math.radians(-thigh)))
    pelvis = 135.0  # leaning back onto the hands, bottom off the floor
    pose = Pose(
        hip=hip,
        pelvis=pelvis,
        spine=-4.0,
        neck=10.0,
        near_leg=Limb(thigh - (pelvis - 180.0), 0.0, -20.0),
        far_leg=Reach(ankle_for_heel((25.0, 0.0), 0.0), 0.0),
        near_arm=Reach((-27.0, R_HAND)),
        far_arm=Reach((-25.5, R_HAND)),
    )
    sk = solve(pose)
    j = sk.joints
    # The rolling arrow runs along the middle of the (dark) working thigh.
    start = along(j["hip"], thigh, 3.0)
    end = along(j["hip"], thigh, THIGH + 1.0)
    props = [roller(roll), arrow(start, end, both=True, colour="#ffffff")]
    return Scene(sk, tuple(props))


# --- supine-iso ------------------------------------------------------------------------


def _supine_iso() -> Scene:
    heel = (33.0, 0.0)
    pose = Pose(
        hip=(0.0, SUPINE_HIP_Y),
        pelvis=SUPINE,
        neck=SUPINE_NECK,
        near_arm=ARM_ON_FLOOR,
        far_arm=ARM_ON_FLOOR,
        near_leg=Reach(ankle_for_heel(heel, 0.0), 0.0),
        far_leg=Reach(ankle_for_heel((heel[0] - 3.0, 0.0), 0.0), 0.0),
    )
    sk = solve(pose)
    h = sk.joints["near_heel"]
    # Heel digs down and pulls back towards the bottom (drawn in the hollow under the
    # knee, clear of the legs).
    props = [arrow((h[0] - 7.0, 9.5), (h[0] - 19.0, 2.5))]
    return Scene(sk, tuple(props))


# --- prone-iso -------------------------------------------------------------------------


def _prone(hold: bool) -> Scene:
    pose = Pose(
        hip=(0.0, PRONE_HIP_Y),
        pelvis=1.0,
        neck=-16.0,  # chin lifted a little off the floor
        near_arm=Limb(3.0, 3.0),  # arms resting on the floor along the sides
        far_arm=Limb(3.0, 3.0),
        near_leg=Limb(2.5, 90.0, -25.0),
        far_leg=Limb(1.0, 0.0, -70.0) if hold else Limb(2.5, 88.0, -25.0),
    )
    sk = solve(pose)
    j = sk.joints
    near = j["near_ankle"]
    if hold:
        # The band stretches from the held heel down to the lowered ankle.
        far = j["far_ankle"]
        across = heading(near, far) + 90.0
        loop = [
            along(near, across, 2.2),
            along(far, across, 1.8),
            along(far, across + 180.0, 1.8),
            along(near, across + 180.0, 2.2),
        ]
        props = [band(loop), arc_arrow(j["far_knee"], 30.0, 114.0, 160.0)]
    else:
        # Both heels together: the loop is seen end-on, crossing the ankles.
        across = sk.dirs["near_shin"] + 90.0
        ends = (along(near, across, 4.5), along(near, across + 180.0, 4.5))
        loop = [
            along(ends[0], across + 90.0, 1.0),
            along(ends[1], across + 90.0, 1.0),
            along(ends[1], across - 90.0, 1.0),
            along(ends[0], across - 90.0, 1.0),
        ]
        props = [band(loop)]
    return Scene(sk, tuple(props))


# --- bridges ---------------------------------------------------------------------------


def _bridge_pelvis(hip: Point) -> float:
    """Pelvis direction that lays the trunk from ``hip`` down onto the upper back."""
    return 180.0 - _slope(hip[1], SHOULDER_Y, TRUNK)


def _bridge_neck(pelvis: float) -> float:
    """Neck flexion that rests the head on the floor behind a sloping trunk."""
    return pelvis - (180.0 - _slope(SHOULDER_Y, HEAD_R + 0.2, 12.0))


def _arms_along_floor(pelvis: float) -> Limb:
    """Arms lying on the floor beside a bridged trunk, palms down."""
    return Limb(-12.0 - (pelvis - 180.0), 7.0)


def _bridge_pose(hip: Point, near_leg: Limb | Reach, far_leg: Limb | Reach) -> Pose:
    pelvis = _bridge_pelvis(hip)
    return Pose(
        hip=hip,
        pelvis=pelvis,
        neck=_bridge_neck(pelvis),
        near_arm=_arms_along_floor(pelvis),
        far_arm=_arms_along_floor(pelvis),
        near_leg=near_leg,
        far_leg=far_leg,
    )


STOOL_H = 21.0  # a 35-40 cm stool or low box
SLIDER_H = 3.6  # slider thickness, exaggerated from ~1 cm so it shows


def _ecc_sl_bridge(lower: bool) -> Scene:
    stool_x0, stool_h = 38.0, STOOL_H
    heel = (stool_x0 + 3.0, stool_h)
    sole = 72.0  # heels on the stool, toes up
    hip = (0.0, 15.0 if lower else 25.0)
    pelvis = _bridge_pelvis(hip)
    far_leg: Limb | Reach = (
        Limb(75.0 - (pelvis - 180.0), 70.0, 0.0)  # free foot lifted, thigh near vertical
        if lower
        else Reach(ankle_for_heel((heel[0] - 2.5, stool_h), sole), sole)
    )
    sk = solve(_bridge_pose(hip, Reach(ankle_for_heel(heel, sole), sole), far_leg))
    props = [box(stool_x0, stool_x0 + 18.0, stool_h)]
    if lower:
        props.append(arrow((hip[0] - 4.0, hip[1] + 20.0), (hip[0] - 4.0, hip[1] + 9.5)))
    return Scene(sk, tuple(props))


def _straight_leg_bridge(at_knee: bool) -> Scene:
    # The roll sits under the back of the knee or the ankle of the straight working leg.
    hip = (0.0, 17.0)
    pelvis = _bridge_pelvis(hip)
    if at_knee:
        reach, rest_y = THIGH, 2 * ROLLER_R + 4.2
    else:
        reach, rest_y = THIGH + SHIN, 2 * ROLLER_R + 2.5
    leg = _slope(hip[1], rest_y, reach)
    support = along(hip, leg, reach)
    pose = _bridge_pose(
        hip,
        near_leg=Limb(leg - (pelvis - 180.0), 0.0, -15.0),
        far_leg=Limb(128.0, 118.0, -10.0),  # knee hugged towards the chest
    )
    sk = solve(pose)
    # Both hands hold the far shin just below the knee.
    j = sk.joints
    grip = along(j["far_knee"], sk.dirs["far_shin"], 5.0)
    sk = solve(replace(pose, near_arm=Reach(grip), far_arm=Reach((grip[0] + 1.5, grip[1]))))
    props = [
        roller((support[0], ROLLER_R)),
        arrow((hip[0] + 10.0, hip[1] + 7.0), (hip[0] + 10.0, hip[1] + 18.0)),
    ]
    return Scene(sk, tuple(props))


def _sliders(straight: bool) -> Scene:
    sole = 58.0  # heels on the sliders, toes up
    top = SLIDER_H
    hip, heel_x = ((0.0, 12.5), 49.5) if straight else ((0.0, 24.0), 37.0)
    sk = solve(
        _bridge_pose(
            hip,
            Reach(ankle_for_heel((heel_x, top), sole), sole),
            Reach(ankle_for_heel((heel_x - 2.5, top), sole), sole),
        )
    )
    props = [slider(heel_x + 0.5, top), slider(heel_x - 2.0, top, layer=9)]
    if straight:
        props.append(arrow((heel_x + 10.0, 4.0), (heel_x + 22.0, 4.0)))
    return Scene(sk, tuple(props))


# --- hip-hinge and reverse-deadlift -----------------------------------------------------


def _standing(hinge: bool, pelvis: float, knee: float = 32.0) -> Pose:
    """Legs and trunk standing tall or hinged (knees soft, over the ankles); no arms."""
    knee, ahead = (knee, 8.0) if hinge else (8.0, 4.0)
    hip, ankle = stance((0.0, 0.0), 0.0, knee=knee, knee_ahead=ahead)
    return Pose(
        hip=hip,
        pelvis=pelvis,
        neck=-2.0 if hinge else -4.0,  # head in line with the back
        near_leg=Reach(ankle, 0.0),
        # The far foot half a step back, so both legs show.
        far_leg=Reach(_toward(hip, (ankle[0] - 2.5, ankle[1]), LEG_REACH), 0.0),
    )


def _dowel_line(sk: Skeleton) -> tuple[Point, Point, list[Point]]:
    """Ends of the pole and its contacts: tailbone, between the shoulder blades, head."""
    j = sk.joints
    tp, ap = frame(sk.dirs["pelvis"])
    tc, ac = frame(sk.dirs["chest"])
    _, ah = frame(sk.dirs["neck"])
    pole_r = 1.2
    tail = offset(j["hip"], (tp, 1.0), (ap, -PELVIS_BACK - R_PELVIS - pole_r))
    back = offset(j["shoulder"], (tc, -5.0), (ac, -1.0 - R_CHEST - pole_r))
    d = heading(tail, back)
    head_back = offset(j["head"], (ah, -HEAD_R - pole_r))
    # Project the back of the head onto the pole so the top dot sits on the pole.
    u = frame(d)[0]
    s = (head_back[0] - tail[0]) * u[0] + (head_back[1] - tail[1]) * u[1]
    return along(tail, d, -6.0), along(tail, d, s + 12.0), [tail, back, along(tail, d, s)]


def _hip_hinge(hinge: bool) -> Scene:
    pose = _standing(hinge, 36.0 if hinge else 90.0)
    p0, p1, dots = _dowel_line(solve(pose))
    d = heading(p0, p1)
    # Near hand holds the pole at the low back, just below the tailbone contact; the far
    # hand holds it behind the neck (its elbow shows beside the head, drawn light so the
    # head stays clear).
    low_grip = along(dots[0], d, -3.0)
    top_grip = along(dots[0], d, math.dist(dots[0], dots[2]) - 9.0)
    sk = solve(replace(pose, near_arm=Reach(low_grip), far_arm=Reach(top_grip)))
    props = [dowel(p0, p1, dots, layer=85)]  # on top: the pole and its dots are the point
    if hinge:
        # Hips back: under the buttock, clear of the pole's end and the hand on it.
        hip = sk.joints["hip"]
        props.append(arrow((hip[0] - 9.0, hip[1] - 6.0), (hip[0] - 25.0, hip[1] - 6.0)))
    return Scene(sk, tuple(props))


def _deadlift(bottom: bool) -> Scene:
    pose = _standing(bottom, 30.0 if bottom else 90.0, knee=36.0)
    sh = solve(pose).joints["shoulder"]
    # Arms hang straight down (slightly forward at the top, round the thighs).
    grip = (sh[0] + 1.0, sh[1] - 33.0) if bottom else (sh[0] + 9.0, sh[1] - 32.6)
    sk = solve(replace(pose, near_arm=Reach(grip), far_arm=Reach((grip[0] - 1.0, grip[1] + 0.3))))
    g = sk.joints["near_hand"]
    props = [kettlebell(g, layer=70)]
    if bottom:
        props.append(arrow((g[0] + 11.0, g[1] + 6.0), (g[0] + 11.0, g[1] - 12.0)))
    return Scene(sk, tuple(props))


# --- nordic ----------------------------------------------------------------------------

NORDIC_TILT = 45.0  # how far the straight body leans forward of vertical when lowering
KNEE_Y = CUSHION_H + R_THIGH[1]  # the knee's drawn radius rests on the cushion
ANKLE_Y = 2.0  # the front of the ankle (the foot pointed back) rests on the floor
FOOT_DOWN = 6.0  # the pointed foot slopes down to the toes, its top on the floor


def _nordic(lower: bool) -> Scene:
    knee = (0.0, KNEE_Y)
    # The shin runs back from the knee on the cushion down to the ankle on the floor.
    ankle = along(knee, 180.0 - _slope(KNEE_Y, ANKLE_Y, SHIN), SHIN)
    sole = 180.0 + FOOT_DOWN  # heel to toe, pointing back: sole up, top of the foot down
    tilt = NORDIC_TILT if lower else 0.0
    # Knee to head in one straight line: the hips stay straight as the body tips forward.
    up = 90.0 - tilt
    hip = along(knee, up, THIGH)
    leg = Reach(ankle, sole)
    pose = Pose(hip=hip, pelvis=up, near_leg=leg, far_leg=leg)
    sh = solve(pose).joints["shoulder"]
    if lower:
        # Hands up in front of the chest, elbows bent, ready to catch the fall.
        near_arm, far_arm = Limb(50.0, 85.0), Limb(56.0, 80.0)
    else:
        # Arms folded across the chest.
        hand = along(sh, up - 125.0, 9.0)
        near_arm, far_arm = Reach(hand), Reach(along(hand, up, 1.5))
    sk = solve(replace(pose, near_arm=near_arm, far_arm=far_arm))
    heel = sk.joints["near_heel"]
    props = [
        # The pad runs forward from the back of the knee: behind that the shin slopes
        # down to the floor, clear of it.
        cushion(knee[0] + 7.0, 20.0),
        # The sofa's raised front edge lies on the heels, holding the ankles down.
        sofa((heel[0] + 1.0, heel[1])),
    ]
    if lower:
        props.append(arc_arrow(knee, 50.0, 88.0, 62.0))
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
    ("nordic", "kneel"): lambda: _nordic(lower=False),
    ("nordic", "lower"): lambda: _nordic(lower=True),
}
"""(exercise id, position) -> the function that builds that figure's scene."""
