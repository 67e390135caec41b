"""Calls for enrolment, the cohorts they fill, and the groups and tutors of a cohort.

Applying and enrolling are in ``lms.services.enrolment``, enrolling a list of people
from a CSV file in ``lms.services.enrolment_import``.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.models import CoursePage
from lms.choices import Country, Role
from lms.models import Cohort, CohortGroup, Enrolment, EnrolmentCall, RoleGrant, User
from lms.services.schedule import cohort_schedule_create


def require_cohort_manager(actor: User) -> None:
    """Only the secretariat manages calls, cohorts, groups and who is enrolled."""
    if not (actor and actor.is_authenticated and actor.is_secretariat):
        raise PermissionDenied(_("Only the Technical Secretariat manages calls and cohorts."))


@transaction.atomic
def call_create(
    *,
    actor: User,
    course: CoursePage,
    title: str,
    description: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    seats: int,
    starts_on: datetime.date,
    time_zone: str,
    eligibility: str = EnrolmentCall.Eligibility.ANYONE,
    countries: list[str] | None = None,
    institutions: str = "",
    cohort_name: str = "",
) -> EnrolmentCall:
    """Open a call for one course in one language, with the cohort it fills."""
    require_cohort_manager(actor)
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The call must close after it opens.")})
    if starts_on < closes_at.date():
        raise ValidationError({"starts_on": _("The cohort should start after the call closes.")})
    if seats < 1:
        raise ValidationError({"seats": _("A call needs at least one seat.")})
    countries = sorted(set(countries or []))
    if set(countries) - set(Country.values):
        raise ValidationError({"countries": _("Choose countries from the list.")})
    if eligibility == EnrolmentCall.Eligibility.LISTED and not (countries or institutions.strip()):
        raise ValidationError(
            {"eligibility": _("List the countries or institutions that may apply.")}
        )
    call = EnrolmentCall(
        course=course,
        title=title.strip(),
        description=description.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        seats=seats,
        eligibility=eligibility,
        eligible_countries=countries,
        eligible_institutions=institutions.strip(),
        created_by=actor,
    )
    call.full_clean()
    call.save()
    cohort = Cohort(
        course=course,
        call=call,
        name=cohort_name.strip() or title.strip(),
        starts_on=starts_on,
        time_zone=time_zone,
    )
    cohort.full_clean()
    cohort.save()
    # The cohort's own dates for the course's live sessions and deadlines.
    cohort_schedule_create(cohort=cohort)
    # Other apps add what a cohort needs (the forum: its space and chat room).
    for hook in hooks.get_hooks("rial_cohort_created"):
        hook(cohort)
    return call


@transaction.atomic
def group_create(*, actor: User, cohort: Cohort, name: str, tutor: User | None) -> CohortGroup:
    require_cohort_manager(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the group a name.")})
    if CohortGroup.objects.filter(cohort=cohort, name__iexact=name).exists():
        raise ValidationError({"name": _("This cohort already has a group with that name.")})
    if tutor is not None and not RoleGrant.objects.filter(user=tutor, role=Role.TUTOR).exists():
        raise ValidationError({"tutor": _("Only people with the tutor role can tutor a group.")})
    return CohortGroup.objects.create(cohort=cohort, name=name, tutor=tutor)


@transaction.atomic
def group_set_tutor(*, actor: User, group: CohortGroup, tutor: User | None) -> CohortGroup:
    require_cohort_manager(actor)
    if tutor is not None and not RoleGrant.objects.filter(user=tutor, role=Role.TUTOR).exists():
        raise ValidationError({"tutor": _("Only people with the tutor role can tutor a group.")})
    group.tutor = tutor
    group.save(update_fields=["tutor"])
    return group


@transaction.atomic
def enrolment_move(*, actor: User, enrolment: Enrolment, group: CohortGroup | None) -> Enrolment:
    require_cohort_manager(actor)
    if group is not None and group.cohort_id != enrolment.cohort_id:
        raise ValidationError(_("That group belongs to another cohort."))
    enrolment.group = group
    enrolment.save(update_fields=["group"])
    return enrolment
