"""Reads about people and learning, returning only what the acting user may see.

People selectors are re-exported here; the others live in ``lms.selectors.learning``
and ``lms.selectors.reports``.
"""

from lms.selectors.people import profile_for_user, user_with_roles

__all__ = ["profile_for_user", "user_with_roles"]
