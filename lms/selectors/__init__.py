"""Reads about people and learning, returning only what the acting user may see.

People selectors are re-exported here; the others live in their modules:
``lms.selectors.learning`` (content access, requirements, a lesson's state),
``lms.selectors.dashboards`` (the learner's dashboard, open calls),
``lms.selectors.tutoring`` (tutors' cohorts, learners and reviews),
``lms.selectors.certificates``, ``lms.selectors.jobs`` and ``lms.selectors.reports``.
"""

from lms.selectors.people import (
    focal_points_of,
    person_country,
    person_language,
    person_time_zone,
    profile_for_user,
    secretariat_people,
    user_with_roles,
)

__all__ = [
    "focal_points_of",
    "person_country",
    "person_language",
    "person_time_zone",
    "profile_for_user",
    "secretariat_people",
    "user_with_roles",
]
