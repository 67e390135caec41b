"""The open, self-paced track: offered beside the tutored cohorts, anyone signed in
enrols at once, every module is open, only auto-graded activities count."""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from lms.models import Certificate, Cohort, Enrolment
from lms.selectors.learning import completion_requirements, content_access, course_enrolment
from lms.selectors.schedule import cohort_schedule
from lms.services.certificates import certificate_pdf
from lms.services.enrolment import open_track_create
from lms.services.learning import quiz_attempt_submit
from tests.course_fixtures import all_right, with_relative_session
from tests.factories import ProfileFactory
from tests.lms.test_certificates import pdf_text
from tests.mfa import mfa_force_login


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
def test_the_secretariat_offers_a_course_as_an_open_track_once(client, world, secretariat):
    offer = url("lms:open_track_offer", course_id=world.course.pk)
    client.force_login(world.learner)
    assert client.post(offer).status_code == 403
    mfa_force_login(client, secretariat)
    assert client.post(offer).status_code == 302
    assert client.post(offer).status_code == 302
    [track] = Cohort.objects.filter(course=world.course, kind=Cohort.Kind.OPEN)
    assert track.is_open and not track.groups.exists()


@pytest.mark.django_db
def test_anyone_signed_in_starts_the_open_track_and_every_module_is_open(
    client, world, secretariat
):
    open_track_create(actor=secretariat, course=world.course)
    # A visitor is asked to sign in (the page is shared: no form, no token).
    page = client.get(world.course.url).content.decode()  # a Spanish course
    assert "Inicie sesión para empezar el recorrido abierto" in page
    assert "csrfmiddlewaretoken" not in page

    official = ProfileFactory(user__full_name="Ana Oficial").user
    client.force_login(official)
    page = client.get(world.course.url).content.decode()
    start = url("lms:open_track_enrol", course_id=world.course.pk)
    assert f'action="{start.replace("/en/", "/es/")}"' in page or f'action="{start}"' in page
    response = client.post(start)
    assert response.status_code == 302
    assert response["Location"] == world.lesson_a.url
    enrolment = Enrolment.objects.get(user=official)
    assert enrolment.cohort.is_open
    # Module 2 opens in week 2 for the tutored cohort; the open track has it now.
    assert not content_access(user=world.learner, page=world.lesson_c).allowed
    assert content_access(user=official, page=world.lesson_c).allowed
    # A second click finds the same enrolment.
    client.post(start)
    assert Enrolment.objects.filter(user=official).count() == 1


@pytest.mark.django_db
def test_only_auto_graded_activities_count_and_nothing_is_dated(world, secretariat):
    with_relative_session(world)
    track = open_track_create(actor=secretariat, course=world.course)
    official = ProfileFactory().user
    enrolment = Enrolment.objects.create(cohort=track, user=official)
    tutored = {
        r.activity.kind for r in completion_requirements(enrolment=world.learner.enrolments.get())
    }
    assert tutored == {"quiz", "assignment", "survey"}
    assert {r.activity.kind for r in completion_requirements(enrolment=enrolment)} == {"quiz"}
    assert cohort_schedule(cohort=track) == []


@pytest.mark.django_db
def test_a_learner_in_a_tutored_cohort_and_the_open_track_follows_the_tutored_one(
    world, secretariat
):
    track = open_track_create(actor=secretariat, course=world.course)
    Enrolment.objects.create(cohort=track, user=world.learner)
    assert course_enrolment(user=world.learner, course=world.course).cohort == world.cohort


@pytest.mark.django_db
def test_starting_a_track_that_is_not_offered_says_so(client, world):
    client.force_login(world.learner)
    response = client.post(url("lms:open_track_enrol", course_id=world.course.pk), follow=True)
    assert not Cohort.objects.filter(kind=Cohort.Kind.OPEN).exists()
    assert response.status_code == 200
    assert "This course is not offered as an open track." in response.content.decode()


@pytest.mark.django_db
def test_the_open_track_ends_in_a_certificate_of_participation(client, world, secretariat):
    open_track_create(actor=secretariat, course=world.course)
    official = ProfileFactory(user__full_name="Ana Oficial").user
    client.force_login(official)
    client.post(url("lms:open_track_enrol", course_id=world.course.pk))
    # The final quiz is in module 1; the assignment and the survey (required in the
    # tutored cohort) are not asked of the open track.
    block_id = world.block_id(world.lesson_b, "quiz")
    quiz_attempt_submit(
        user=official,
        lesson=world.lesson_b,
        block_id=block_id,
        answers=all_right(world.lesson_b, block_id),
        token=uuid.uuid4(),
    )
    certificate = Certificate.objects.get(enrolment__user=official)
    text = pdf_text(certificate_pdf(certificate))
    assert "Certificado de participación" in text and "Certificate of participation" in text
    assert "aprobación" not in text and "completion" not in text
    with translation.override("en"):
        page = client.get(reverse("lms:certificate_verify", kwargs={"code": certificate.code}))
    assert "Certificate of participation" in page.content.decode()
