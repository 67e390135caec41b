"""Applying to a call, deciding on applications, and enrolling people in a cohort.

Calls, cohorts and groups are in ``lms.services.cohorts``; enrolling a list of
people from a CSV file in ``lms.services.enrolment_import``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.choices import Role
from lms.models import (
    Application,
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    Profile,
    RoleGrant,
    User,
)
from lms.selectors.learning import open_track
from lms.services.cohorts import require_cohort_manager
from lms.services.notifications import notifications_fan_out

# --- Enrolling ----------------------------------------------------------------------------------


def _emptiest(groups: list[CohortGroup]) -> CohortGroup | None:
    """The group with the fewest learners (``learners`` annotated and kept up to date)."""
    return min(groups, key=lambda group: (group.learners, group.name), default=None)


def enrolments_add(
    *, cohort: Cohort, people: list[tuple[User, CohortGroup | None]]
) -> dict[int, tuple[Enrolment, bool]]:
    """Enrol these people, in bulk: each user id gives its enrolment and whether it
    is new (a withdrawn learner comes back). People without a group join the
    emptiest one. Everyone enrolled is a participant.

    No permission check and no transaction of its own: for the services that did
    both (``applications_decide``, the CSV import's worker)."""
    groups = list(
        CohortGroup.objects.filter(cohort=cohort).annotate(
            learners=Count("enrolments", filter=~Q(enrolments__status=Enrolment.Status.WITHDRAWN))
        )
    )
    by_id = {group.pk: group for group in groups}
    existing = {
        enrolment.user_id: enrolment
        for enrolment in Enrolment.objects.filter(
            cohort=cohort, user__in=[user.pk for user, _group in people]
        )
    }
    new, back, outcome = [], [], {}
    for user, group in people:
        group = by_id.get(group.pk) if group is not None else None
        enrolment = existing.get(user.pk)
        if enrolment is None:
            enrolment = Enrolment(cohort=cohort, user=user, group=group or _emptiest(groups))
            new.append(enrolment)
            existing[user.pk] = enrolment
        elif enrolment.status == Enrolment.Status.WITHDRAWN:
            enrolment.status = Enrolment.Status.ACTIVE
            if group is not None:
                enrolment.group = group
            back.append(enrolment)
        else:
            outcome[user.pk] = (enrolment, False)
            continue
        if enrolment.group_id in by_id:
            by_id[enrolment.group_id].learners += 1
        outcome[user.pk] = (enrolment, True)
    # Someone enrolled by another hand meanwhile keeps that enrolment.
    Enrolment.objects.bulk_create(new, ignore_conflicts=True)
    Enrolment.objects.bulk_update(back, ["status", "group"])
    ids = [user.pk for user, _group in people]
    granted = set(
        RoleGrant.objects.filter(user__in=ids, role=Role.PARTICIPANT).values_list(
            "user_id", flat=True
        )
    )
    RoleGrant.objects.bulk_create(
        [
            RoleGrant(user_id=pk, role=Role.PARTICIPANT)
            for pk in dict.fromkeys(ids)
            if pk not in granted
        ],
        ignore_conflicts=True,
    )
    return outcome


def enrolled_text(cohort: Cohort) -> dict:
    """The "you are enrolled" notification, in the active language."""
    return {
        "title": _("You are enrolled in “%(course)s”") % {"course": cohort.course.title},
        "body": _("The course starts on %(date)s. Week 1 opens that day.")
        % {"date": formats.date_format(cohort.starts_on, "DATE_FORMAT")},
        "url": reverse("lms:dashboard"),
    }


# --- Applications ---------------------------------------------------------------------------


@transaction.atomic
def application_create(*, user: User, call: EnrolmentCall, motivation: str) -> Application:
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to apply."))
    if not call.is_open():
        raise ValidationError(_("This call is not open for applications."))
    profile = Profile.objects.filter(user=user).first()
    if not call.admits(profile):
        raise PermissionDenied(
            _(
                "This call is open to the countries and institutions it lists. Check that "
                "your profile shows your country and institution."
            )
        )
    motivation = (motivation or "").strip()
    if len(motivation) < 20:
        raise ValidationError({"motivation": _("Tell us in a few sentences why you apply.")})
    if len(motivation) > 2000:
        raise ValidationError({"motivation": _("At most 2,000 characters.")})
    cohort = getattr(call, "cohort", None)
    if (
        cohort
        and Enrolment.objects.filter(
            cohort=cohort,
            user=user,
            status__in=[Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED],
        ).exists()
    ):
        raise ValidationError(_("You are already enrolled in this cohort."))
    existing = Application.objects.select_for_update().filter(call=call, user=user).first()
    if existing is not None:
        if existing.status != Application.Status.WITHDRAWN:
            raise ValidationError(_("You have already applied to this call."))
        existing.motivation = motivation
        existing.status = Application.Status.PENDING
        existing.save(update_fields=["motivation", "status"])
        return existing
    try:
        with transaction.atomic():
            return Application.objects.create(call=call, user=user, motivation=motivation)
    except IntegrityError as error:
        # The same form arrived twice at the same moment.
        raise ValidationError(_("You have already applied to this call.")) from error


@transaction.atomic
def application_withdraw(*, user: User, application: Application) -> Application:
    if application.user_id != user.pk:
        raise PermissionDenied(_("This is not your application."))
    if application.status != Application.Status.PENDING:
        raise ValidationError(_("Only applications waiting for a decision can be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


@dataclass
class Decision:
    accepted: int = 0
    rejected: int = 0
    unchanged: int = 0


@transaction.atomic
def applications_decide(
    *, actor: User, call: EnrolmentCall, application_ids: list[int], accept: bool
) -> Decision:
    """Accept (enrolling in the call's cohort) or reject applications, one or many."""
    require_cohort_manager(actor)
    EnrolmentCall.objects.select_for_update().filter(pk=call.pk).first()
    applications = list(
        Application.objects.filter(call=call, pk__in=application_ids).select_related("user")
    )
    if not applications:
        raise ValidationError(_("Choose at least one application."))
    pending = [a for a in applications if a.status == Application.Status.PENDING]
    result = Decision(unchanged=len(applications) - len(pending))
    cohort = getattr(call, "cohort", None)
    if accept:
        if cohort is None:
            raise ValidationError(_("This call has no cohort to enrol people in."))
        taken = (
            Enrolment.objects.filter(cohort=cohort)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .count()
        )
        left = call.seats - taken
        enrolled = set(
            Enrolment.objects.filter(cohort=cohort)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .values_list("user_id", flat=True)
        )
        # People already in the cohort (enrolled by CSV, say) take no new seat.
        needed = sum(1 for application in pending if application.user_id not in enrolled)
        if needed > left:
            raise ValidationError(
                ngettext(
                    "Only %(left)s seat is left and you chose %(chosen)s people.",
                    "Only %(left)s seats are left and you chose %(chosen)s people.",
                    max(left, 0),
                )
                % {"left": max(left, 0), "chosen": needed}
            )
    status = Application.Status.ACCEPTED if accept else Application.Status.REJECTED
    decided = [application.pk for application in pending]
    Application.objects.filter(pk__in=decided).update(
        status=status, decided_by=actor, decided_at=timezone.now()
    )
    if accept:
        enrolments_add(cohort=cohort, people=[(application.user, None) for application in pending])
        result.accepted = len(pending)
    else:
        result.rejected = len(pending)
    if decided:
        # Everyone is told (and emailed) by the worker, not in this request.
        from lms.tasks import applications_notify

        transaction.on_commit(lambda: applications_notify.enqueue(decided))
    return result


def applications_notify(*, application_ids: list[int]) -> int:
    """Tell each person the decision on their application (a task's work): accepted
    ones that they are enrolled, the others that there was no seat. A second run
    tells nobody twice."""
    applications = Application.objects.filter(
        pk__in=application_ids,
        status__in=[Application.Status.ACCEPTED, Application.Status.REJECTED],
    ).select_related("user", "call__cohort__course")
    by_decision: dict[tuple, list[Application]] = {}
    for application in applications:
        by_decision.setdefault((application.call, application.status), []).append(application)
    told = 0
    for (call, status), decided in by_decision.items():
        if status == Application.Status.ACCEPTED:
            cohort = call.cohort

            def write(_person, cohort=cohort):
                return enrolled_text(cohort)

            kind = "enrolled"
        else:

            def write(_person, call=call):
                return {
                    "title": _("Your application to “%(call)s”") % {"call": call.title},
                    "body": _(
                        "Thank you for applying. This time we could not offer you a seat; "
                        "we will let you know about the next calls."
                    ),
                    "url": reverse("lms:dashboard"),
                }

            kind = "application"
        told += notifications_fan_out(
            people=[application.user for application in decided],
            kind=kind,
            key=f"application:{call.pk}:{status}",
            write=write,
            email=True,
        )
    return told


# --- The open, self-paced track --------------------------------------------------------------


@transaction.atomic
def open_track_create(*, actor: User, course) -> Cohort:
    """Offer the course as an open, self-paced track beside its tutored cohorts (the
    secretariat; once per course and language: a second call returns the first)."""
    require_cohort_manager(actor)
    existing = open_track(course=course)
    if existing is not None:
        return existing
    cohort = Cohort(
        course=course,
        kind=Cohort.Kind.OPEN,
        name=_("%(course)s · open track") % {"course": course.title},
        starts_on=timezone.localdate(),
    )
    cohort.full_clean()
    try:
        with transaction.atomic():
            cohort.save()
    except IntegrityError:  # offered by another hand meanwhile
        return open_track(course=course)
    return cohort


@transaction.atomic
def open_track_enrol(*, user: User, course) -> Enrolment:
    """Anyone signed in enrols in the course's open track, at once (a second click
    finds the same enrolment; someone who left comes back)."""
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Sign in to take the course."))
    cohort = open_track(course=course)
    if cohort is None:
        raise ValidationError(_("This course is not offered as an open track."))
    enrolments_add(cohort=cohort, people=[(user, None)])
    return Enrolment.objects.select_related("cohort").get(cohort=cohort, user=user)
