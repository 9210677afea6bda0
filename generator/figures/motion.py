"""Moving figures: an exercise's key positions joined by the poses in between.

A motion is a loop of keys, each a scene from :mod:`.poses` with how long the body takes
to move there and how long it stays. The poses in between are interpolated in pose
space (hip position, trunk and joint angles, and the points hands and feet reach for),
then solved by the same skeleton, so every frame keeps every segment's length and the
props the body holds are drawn from each frame's skeleton. The frames become one SVG
whose groups a browser shows in turn with SMIL ``<animate>`` (no script, no inline
style: the page's Content Security Policy allows neither).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache

from .body import Limb, Pose, Reach, Skeleton, body_shapes, solve
from .draw import Shape
from .poses import (
    ATTACHED,
    BUILDERS,
    GRIPPING,
    Scene,
    _ecc_sl_bridge,
    _straight_leg_bridge,
)

FPS = 8  # frames a second while moving: smooth enough, and a page stays under 150 KB


@dataclass(frozen=True)
class Key:
    """One key of a motion: the scene (a position of the exercise's pose table, or a
    function for a pose only the motion passes through), seconds to move here from the
    key before it, seconds to stay, and whether the move is the slow, counted one of the
    exercise (its dose's tempo names the same number of seconds)."""

    scene: str | Callable[[], Scene]
    move_s: float
    hold_s: float = 0.5
    slow: bool = False


def key_scene(exercise_id: str, key: Key) -> Scene:
    """The scene of one key of the exercise's motion."""
    return key.scene() if callable(key.scene) else BUILDERS[(exercise_id, key.scene)]()


MOTIONS: dict[str, tuple[Key, ...]] = {
    "aslr-band": (
        Key("band-leg-up", 2.0, 1.0),
        Key("raise-other", 2.0, 1.0),
    ),
    "toe-touch": (
        Key("toes-raised", 2.0, 1.0),
        Key("reach-down", 3.0, 1.0),
    ),
    "prone-iso": (
        Key("start", 1.5, 1.0),
        Key("hold", 2.0, 5.0),
    ),
    "ecc-sl-bridge": (
        Key("bridge", 1.5, 0.5),
        Key(lambda: _ecc_sl_bridge(lower=False, leg_up=True), 1.0, 0.5),
        Key("lower", 3.0, 0.5, slow=True),
    ),
    "straight-leg-bridge": (
        Key(lambda: _straight_leg_bridge(at_knee=True, up=False), 1.5, 0.5),
        Key("knee", 1.5, 1.0),
    ),
    "ecc-sliders": (
        Key("bridge", 2.0, 0.5),
        Key("straight", 3.0, 0.5, slow=True),
    ),
    "hip-hinge": (
        Key("stand", 2.0, 0.5),
        Key("hinge", 2.0, 1.0),
    ),
    "reverse-deadlift": (
        Key("top", 2.0, 0.5),
        Key("bottom", 5.0, 0.5, slow=True),
    ),
    "nordic": (
        Key("kneel", 2.0, 0.5),
        Key("lower", 4.0, 0.5, slow=True),
    ),
}
"""Exercise id -> its loop of keys. Exercises not here (the foam roll, the heel dig
hold) are shown still: their figure already is the whole exercise."""


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _lerp_angle(a: float, b: float, t: float) -> float:
    return a + (math.remainder(b - a, 360.0)) * t


def _point(a, b, t):
    return (_lerp(a[0], b[0], t), _lerp(a[1], b[1], t))


def _as_limb(sk: Skeleton, name: str) -> Limb:
    """The limb ``name`` (e.g. "near_leg") of a solved skeleton as joint angles."""
    side, kind = name.split("_")
    f = sk.flexion
    if kind == "leg":
        return Limb(f[f"{side}_hip"], f[f"{side}_knee"], f[f"{side}_ankle"])
    return Limb(f[f"{side}_shoulder"], f[f"{side}_elbow"])


LIMBS = ("near_arm", "far_arm", "near_leg", "far_leg")


def between(a: Skeleton, b: Skeleton, t: float, *, angles: bool = False) -> Skeleton:
    """The skeleton a fraction ``t`` of the way from ``a`` to ``b``.

    Limbs reaching for points in both keys reach for the point in between, so a foot on
    a stool stays on it; other limbs (or all, with ``angles``) turn joint by joint. A
    target out of reach falls back to joint angles.
    """
    pa, pb = a.pose, b.pose
    assert pa is not None
    assert pb is not None
    limbs = {}
    for name in LIMBS:
        la, lb = getattr(pa, name), getattr(pb, name)
        if not angles and isinstance(la, Reach) and isinstance(lb, Reach):
            sole = _lerp_angle(la.sole, lb.sole, t)
            limbs[name] = Reach(_point(la.target, lb.target, t), sole)
        else:
            la = la if isinstance(la, Limb) and not angles else _as_limb(a, name)
            lb = lb if isinstance(lb, Limb) and not angles else _as_limb(b, name)
            limbs[name] = Limb(*(_lerp_angle(getattr(la, f.name), getattr(lb, f.name), t)
                                 for f in fields(Limb)))  # fmt: skip
    pose = Pose(
        hip=_point(pa.hip, pb.hip, t),
        pelvis=_lerp_angle(pa.pelvis, pb.pelvis, t),
        spine=_lerp(pa.spine, pb.spine, t),
        neck=_lerp(pa.neck, pb.neck, t),
        straight_back=pa.straight_back and pb.straight_back,
        kneecap=pa.kneecap and pb.kneecap,
        **limbs,
    )
    try:
        return solve(pose)
    except ValueError:
        if angles:
            raise
        return between(a, b, t, angles=True)


@dataclass(frozen=True)
class Frame:
    """One frame of a moving figure: its body and props, and how long it shows."""

    skeleton: Skeleton
    shapes: tuple[Shape, ...]
    seconds: float


@lru_cache(maxsize=16)
def frames(exercise_id: str) -> tuple[Frame, ...]:
    """Every frame of the exercise's loop, in order (KeyError if it has no motion)."""
    keys = MOTIONS[exercise_id]
    scenes = [key_scene(exercise_id, key) for key in keys]
    attached = ATTACHED.get(exercise_id, lambda sk: [])
    out: list[Frame] = []
    for i, (key, scene) in enumerate(zip(keys, scenes, strict=True)):
        nxt = (i + 1) % len(keys)
        steps = max(2, round(keys[nxt].move_s * FPS))
        for k in range(steps):
            target = scenes[nxt].skeleton
            sk = scene.skeleton if k == 0 else between(scene.skeleton, target, k / steps)
            shapes = (*body_shapes(sk, exercise_id in GRIPPING), *scene.fixed, *attached(sk))
            seconds = (key.hold_s if k == 0 else 0.0) + 1.0 / FPS
            out.append(Frame(sk, tuple(sorted(shapes, key=lambda s: s.layer)), seconds))
    return tuple(out)


def cycle_seconds(exercise_id: str) -> float:
    return sum(f.seconds for f in frames(exercise_id))


def slow_seconds(exercise_id: str) -> float | None:
    """Seconds of the exercise's slow, counted move, if it has one."""
    return next((k.move_s for k in MOTIONS.get(exercise_id, ()) if k.slow), None)
