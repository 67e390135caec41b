"""Calls for enrolment, applications, decisions and bulk enrolment by CSV."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lms.choices import Role
from lms.models import (
    Application,
    Enrolment,
    EnrolmentCall,
    ImportJob,
    Notification,
    Profile,
    User,
)
from lms.services import cohorts, enrolment_import
from lms.services import enrolment as services
from tests.factories import ProfileFactory, UserFactory


def make_call(world, secretariat, **overrides):
    now = timezone.now()
    data = {
        "actor": secretariat,
        "course": world.course,
        "title": "Convocatoria de prueba",
        "description": "",
        "opens_at": now - datetime.timedelta(days=1),
        "closes_at": now + datetime.timedelta(days=10),
        "seats": 2,
        "starts_on": timezone.localdate() + datetime.timedelta(days=14),
        "time_zone": "America/Lima",
    }
    data.update(overrides)
    return cohorts.call_create(**data)


MOTIVATION = "Trabajo en la inspección y quiero aplicar el convenio en mi unidad."


@pytest.mark.django_db
def test_a_call_creates_its_cohort(world, secretariat):
    call = make_call(world, secretariat)
    assert call.cohort.course == world.course
    # The day asked for, in the site's zone (opens_at.date() is the UTC date,
    # a day ahead in the evening in the Americas).
    assert call.cohort.starts_on == timezone.localdate() + datetime.timedelta(days=14)
    assert call.is_open()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"seats": 0},
        {"closes_at": timezone.now() - datetime.timedelta(days=5)},
        {"starts_on": timezone.localdate()},
        {"eligibility": EnrolmentCall.Eligibility.LISTED},
        {"countries": ["ES"]},
    ],
)
def test_bad_calls_are_refused_and_nothing_is_saved(world, secretariat, overrides):
    with pytest.raises(ValidationError):
        make_call(world, secretariat, **overrides)
    assert not EnrolmentCall.objects.exists()


@pytest.mark.django_db
def test_only_the_secretariat_opens_calls(world):
    with pytest.raises(PermissionDenied):
        make_call(world, world.tutor)


@pytest.mark.django_db
def test_officials_apply_once_with_a_motivation(world, secretariat, other_user):
    call = make_call(world, secretariat)
    application = services.application_create(user=other_user, call=call, motivation=MOTIVATION)
    assert application.status == Application.Status.PENDING
    with pytest.raises(ValidationError):
        services.application_create(user=other_user, call=call, motivation=MOTIVATION)
    with pytest.raises(ValidationError):
        services.application_create(user=UserFactory(), call=call, motivation="Quiero.")
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_closed_calls_take_no_application(world, secretariat, other_user):
    call = make_call(world, secretariat)
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.opens_at = call.closes_at - datetime.timedelta(days=3)
    call.save()
    with pytest.raises(ValidationError):
        services.application_create(user=other_user, call=call, motivation=MOTIVATION)


@pytest.mark.django_db
def test_listed_calls_admit_listed_countries_and_institutions(world, secretariat):
    call = make_call(
        world,
        secretariat,
        eligibility=EnrolmentCall.Eligibility.LISTED,
        countries=["CL", "PE"],
        institutions="Ministerio del Trabajo de Colombia",
    )
    chilean = ProfileFactory(country="CL").user
    colombian = ProfileFactory(
        country="CO", institution="  ministerio DEL trabajo de colombia "
    ).user
    mexican = ProfileFactory(country="MX", institution="Secretaría del Trabajo").user
    services.application_create(user=chilean, call=call, motivation=MOTIVATION)
    services.application_create(user=colombian, call=call, motivation=MOTIVATION)
    with pytest.raises(PermissionDenied):
        services.application_create(user=mexican, call=call, motivation=MOTIVATION)


@pytest.mark.django_db
def test_accepting_enrols_in_the_cohort_and_tells_the_applicant(
    world, secretariat, django_capture_on_commit_callbacks
):
    call = make_call(world, secretariat)
    applicants = [ProfileFactory(preferred_language="en").user for _ in range(2)]
    ids = [
        services.application_create(user=person, call=call, motivation=MOTIVATION).pk
        for person in applicants
    ]
    with django_capture_on_commit_callbacks(execute=True):
        result = services.applications_decide(
            actor=secretariat, call=call, application_ids=ids, accept=True
        )
    assert result.accepted == 2
    assert Enrolment.objects.filter(cohort=call.cohort).count() == 2
    assert {m.to[0] for m in mail.outbox} == {person.email for person in applicants}
    assert all("You are enrolled" in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_accepted_learners_join_the_emptiest_group(world, secretariat):
    from lms.models import CohortGroup

    call = make_call(world, secretariat, seats=10)
    small = CohortGroup.objects.create(cohort=call.cohort, name="B")
    big = CohortGroup.objects.create(cohort=call.cohort, name="A")
    Enrolment.objects.create(cohort=call.cohort, user=UserFactory(), group=big)
    person = ProfileFactory().user
    application = services.application_create(user=person, call=call, motivation=MOTIVATION)
    services.applications_decide(
        actor=secretariat, call=call, application_ids=[application.pk], accept=True
    )
    assert Enrolment.objects.get(user=person).group == small


@pytest.mark.django_db
def test_no_more_people_than_seats(world, secretariat):
    call = make_call(world, secretariat, seats=1)
    ids = [
        services.application_create(user=ProfileFactory().user, call=call, motivation=MOTIVATION).pk
        for _ in range(2)
    ]
    with pytest.raises(ValidationError) as error:
        services.applications_decide(actor=secretariat, call=call, application_ids=ids, accept=True)
    assert "1" in str(error.value)
    assert not Enrolment.objects.filter(cohort=call.cohort).exists()
    assert not Application.objects.exclude(status=Application.Status.PENDING).exists()


@pytest.mark.django_db
def test_rejecting_in_bulk_and_deciding_twice(
    world, secretariat, django_capture_on_commit_callbacks
):
    call = make_call(world, secretariat)
    ids = [
        services.application_create(user=ProfileFactory().user, call=call, motivation=MOTIVATION).pk
        for _ in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        result = services.applications_decide(
            actor=secretariat, call=call, application_ids=ids, accept=False
        )
    assert result.rejected == 3
    with django_capture_on_commit_callbacks(execute=True):
        again = services.applications_decide(
            actor=secretariat, call=call, application_ids=ids, accept=True
        )
    assert again.unchanged == 3 and again.accepted == 0
    assert Notification.objects.filter(kind="application").count() == 3
    assert len(mail.outbox) == 3
    # The task run again (a retry) tells nobody twice.
    assert services.applications_notify(application_ids=ids) == 0
    assert Notification.objects.filter(kind="application").count() == 3


@pytest.mark.django_db
def test_only_the_secretariat_decides(world, secretariat):
    call = make_call(world, secretariat)
    application = services.application_create(
        user=ProfileFactory().user, call=call, motivation=MOTIVATION
    )
    with pytest.raises(PermissionDenied):
        services.applications_decide(
            actor=world.tutor, call=call, application_ids=[application.pk], accept=True
        )


@pytest.mark.django_db
def test_applicants_withdraw_their_own_pending_application(world, secretariat, other_user):
    call = make_call(world, secretariat)
    application = services.application_create(user=other_user, call=call, motivation=MOTIVATION)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(user=world.learner, application=application)
    services.application_withdraw(user=other_user, application=application)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    services.application_create(user=other_user, call=call, motivation=MOTIVATION)  # again


# --- CSV ----------------------------------------------------------------------------------------

GOOD_CSV = """email,name,country,institution,group
Nueva.Persona@Example.org,Nueva Persona,CL,Ministerio del Trabajo y Previsión Social,A
{existing},Ya Existe,Perú,Ministerio de Trabajo del Perú,
tercera@example.org,Tercera Persona,Brésil,Ministério do Trabalho e Emprego,a
"""


@pytest.mark.django_db
def test_csv_enrols_everyone_and_invites_new_accounts(
    world, secretariat, django_capture_on_commit_callbacks
):
    existing = ProfileFactory(user__email="existe@example.org").user
    with django_capture_on_commit_callbacks(execute=True):
        result = enrolment_import.enrolments_import_csv(
            actor=secretariat,
            cohort=world.cohort,
            text=GOOD_CSV.format(existing=existing.email),
        )
    assert result.ok, result.errors
    job = ImportJob.objects.get(pk=result.job.pk)
    assert job.status == ImportJob.Status.DONE
    assert (job.created_accounts, job.added, job.already) == (2, 3, 0)
    assert (job.invitations_sent, job.notices_sent, job.error_count) == (2, 1, 0)
    assert (job.done, job.total, job.rows) == (3, 3, [])
    new = User.objects.get(email="nueva.persona@example.org")
    assert new.full_name == "Nueva Persona"
    assert not new.has_usable_password()
    profile = Profile.objects.get(user=new)
    assert (profile.country, profile.preferred_language) == ("CL", "es")
    assert Profile.objects.get(user__email="tercera@example.org").country == "BR"
    assert Enrolment.objects.get(user=new).group == world.group
    assert new.has_role(Role.PARTICIPANT)
    invitations = [m for m in mail.outbox if m.to == ["nueva.persona@example.org"]]
    assert len(invitations) == 1
    assert "/es/accounts/password/reset/key/" in invitations[0].body
    assert Notification.objects.filter(user=existing, kind="enrolled").exists()
    assert [m.to for m in mail.outbox if m.to == [existing.email]] == [[existing.email]]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_csv_with_a_bad_line_saves_nothing_and_reports_each_problem(world, secretariat):
    text = (
        "email,name,country,institution,group\n"
        "bien@example.org,Bien,CL,,A\n"
        "no-es-un-correo,Mal,CL,,A\n"
        "otra@example.org,,Narnia,,Z\n"
        "bien@example.org,Repetida,CL,,\n"
    )
    result = enrolment_import.enrolments_import_csv(
        actor=secretariat, cohort=world.cohort, text=text
    )
    assert not result.ok
    lines = sorted({line for line, _message in result.errors})
    assert lines == [3, 4, 5]
    messages = " ".join(message for _line, message in result.errors)
    assert "Narnia" in messages and "Z" in messages
    assert not User.objects.filter(email="bien@example.org").exists()
    assert Enrolment.objects.filter(cohort=world.cohort).count() == 1  # the fixture's learner


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["", "nombre,correo\nx,y\n", "email,name,country,institution,group\n"]
)
def test_csv_without_learners_or_header_is_explained(world, secretariat, text):
    result = enrolment_import.enrolments_import_csv(
        actor=secretariat, cohort=world.cohort, text=text
    )
    assert not result.ok and result.errors


@pytest.mark.django_db
def test_csv_twice_enrols_once(world, secretariat, django_capture_on_commit_callbacks):
    text = "email,name,country,institution,group\nuna@example.org,Una,CL,,A\n"
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_import.enrolments_import_csv(actor=secretariat, cohort=world.cohort, text=text)
    with django_capture_on_commit_callbacks(execute=True):
        result = enrolment_import.enrolments_import_csv(
            actor=secretariat, cohort=world.cohort, text=text
        )
    job = ImportJob.objects.get(pk=result.job.pk)
    assert (job.added, job.already, job.invitations_sent) == (0, 1, 0)
    assert len(mail.outbox) == 1  # the first import's invitation only


@pytest.mark.django_db
def test_semicolon_csv_from_spreadsheets_is_read(world, secretariat):
    text = "\ufeffemail;name;country;institution;group\r\nuna@example.org;Una;Chile;;A\r\n"
    result = enrolment_import.enrolments_import_csv(
        actor=secretariat, cohort=world.cohort, text=text
    )
    assert result.ok, result.errors


@pytest.mark.django_db
def test_invited_people_choose_a_password_and_their_address_is_confirmed(
    client, world, secretariat, django_capture_on_commit_callbacks
):
    import re

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_import.enrolments_import_csv(
            actor=secretariat,
            cohort=world.cohort,
            text="email,name,country,institution,group\ninvitada@example.org,Invitada,CL,,A\n",
        )
    link = re.search(r"http://testserver(/\S+)", mail.outbox[-1].body).group(1)
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(
        form_url, {"password1": "una-clave-nueva-2026", "password2": "una-clave-nueva-2026"}
    )
    assert EmailAddress.objects.get(email="invitada@example.org").verified
    response = client.post(
        "/es/accounts/login/",
        {"login": "invitada@example.org", "password": "una-clave-nueva-2026"},
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_groups_need_a_tutor_with_the_tutor_role(world, secretariat):
    with pytest.raises(ValidationError):
        cohorts.group_create(
            actor=secretariat, cohort=world.cohort, name="B", tutor=UserFactory(roles=[])
        )
    with pytest.raises(ValidationError):
        cohorts.group_create(actor=secretariat, cohort=world.cohort, name="a", tutor=None)
    group = cohorts.group_create(
        actor=secretariat, cohort=world.cohort, name="B", tutor=world.tutor
    )
    assert group.tutor == world.tutor


@pytest.mark.django_db
def test_csv_with_an_unreadable_field_is_reported(world, secretariat):
    text = 'email,name,country,institution,group\nx@example.org,"' + "a" * 200_000 + '",CL,,A\n'
    result = enrolment_import.enrolments_import_csv(
        actor=secretariat, cohort=world.cohort, text=text
    )
    assert not result.ok


@pytest.mark.django_db
def test_people_already_in_the_cohort_take_no_new_seat(
    world, secretariat, django_capture_on_commit_callbacks
):
    call = make_call(world, secretariat, seats=1)
    enrolled = ProfileFactory().user
    application = services.application_create(user=enrolled, call=call, motivation=MOTIVATION)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_import.enrolments_import_csv(
            actor=secretariat,
            cohort=call.cohort,
            text=f"email,name,country,institution,group\n{enrolled.email},X,CL,,\n",
        )
    # The only seat is taken, by the person already enrolled.
    assert Enrolment.objects.filter(cohort=call.cohort, user=enrolled).exists()
    result = services.applications_decide(
        actor=secretariat, call=call, application_ids=[application.pk], accept=True
    )
    assert result.accepted == 1
