"""The numbers the clinical rules decide by (PRODUCT.md section 4), in one place.

The rules in rules.py compare answers with them, and every sentence that states one is
filled in from here (``{refer_pain}`` in the data files, f-strings in rules.py), so
changing a number here changes every sentence that states it.
"""

REFER_PAIN = 7  # pain with everyday movement at or above this: see a professional first
STAGE_ONE_PAIN = 4  # pain from this up to REFER_PAIN - 1: stage 1
GRADE_THREE_STAGE_ONE_PAIN = 3  # a cleared grade 3 with pain from this: stage 1
STAGE_THREE_MAX_PAIN = 2  # loading that lengthens the muscle needs pain at or below this
EXERCISE_PAIN_MAX = 3  # pain allowed during an exercise

SENTENCE_VALUES = {
    "refer_pain": REFER_PAIN,
    "stage_one_pain": STAGE_ONE_PAIN,
    "grade_three_stage_one_pain": GRADE_THREE_STAGE_ONE_PAIN,
    "stage_three_max_pain": STAGE_THREE_MAX_PAIN,
    "exercise_pain_max": EXERCISE_PAIN_MAX,
}
"""The names the data files may use in braces, e.g. ``{exercise_pain_max}/10``."""
