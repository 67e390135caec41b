"""Writes about people and learning. Each function: keyword-only arguments, one
transaction, permission checked first, side effects (emails, broadcasts) only
after commit.

The people services are re-exported here for short imports
(``from lms import services; services.profile_update(...)``); the others live
in their modules: ``lms.services.cohorts`` (calls, cohorts, groups),
``lms.services.enrolment`` (applications, enrolling), ``lms.services.enrolment_import``
(enrolling from a CSV file), ``lms.services.learning``, ``lms.services.certificates``,
``lms.services.jobs``, ``lms.services.notifications``.
"""

from lms.services.people import (
    SECRETARIAT_GROUP,
    profile_actor_type_verify,
    profile_ensure,
    profile_set_language,
    profile_update,
    role_grant,
    role_revoke,
    roles_set,
    secretariat_group_ensure,
    user_register,
)

__all__ = [
    "SECRETARIAT_GROUP",
    "profile_actor_type_verify",
    "profile_ensure",
    "profile_set_language",
    "profile_update",
    "role_grant",
    "role_revoke",
    "roles_set",
    "secretariat_group_ensure",
    "user_register",
]
