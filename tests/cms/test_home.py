"""The home page of a signed-in person: greeted by name with what is next for them;
visitors keep the editors' page and its call to create an account."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cms.models import HomePage
from lms.choices import Role
from lms.models import (
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    LessonProgress,
    Notification,
    Profile,
    Submission,
)
from lms.selectors.schedule import cohort_schedule
from lms.templatetags.lms_tags import machine_time
from tests.config.test_page_cache import fetch
from tests.course_fixtures import build_course, with_relative_session
from tests.factories import ProfileFactory, UserFactory
from tests.lms.test_learner_views import open_call

pytestmark = pytest.mark.django_db

SIGN_UP = "Create an account"
# The page costs 8 (session, person, roles, routing, restrictions) and 2 for the hero's
# link to a page; the next steps 5: enrolments, lessons done, released modules, the
# course's lessons, the profile (the unread counts come from the header's cache).
MAX_QUERIES = 15


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def home(client, person) -> str:
    client.force_login(person)
    response = client.get("/en/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, name: str) -> str:
    """One card of the next steps (``<li class="next-step" id="next-NAME">``), up to
    the next card or the end of the greeting."""
    start = html.find(f'<li class="next-step" id="next-{name}">')
    assert start >= 0, f"no {name} card"
    rest = html[start + 1 :]
    end = min(
        index
        for index in (rest.find('<li class="next-step"'), rest.find("</section>"))
        if index >= 0
    )
    return rest[:end]


@pytest.fixture
def course(demo_pages):
    return build_course()


def test_a_visitor_keeps_the_page_and_its_call_to_create_an_account(client, demo_pages):
    html = client.get("/en/").content.decode()
    assert html.count(SIGN_UP) == 2  # the hero's button and the call to action
    assert "Learning and cooperation among the ministries of labour" in html
    assert "next-step" not in html and "Welcome," not in html


def test_a_learner_is_greeted_and_continues_the_first_lesson_not_done(client, course):
    html = home(client, course.learner)
    assert SIGN_UP not in html and "/accounts/signup/" not in html
    assert '<h1 id="hero-title">Welcome, Lucía</h1>' in html
    # The editors' other hero link stays.
    assert '<a class="button button--secondary" href="/en/about-rial/">About RIAL</a>' in html
    lesson = section(html, "lesson")
    assert "Curso de prueba · Cohorte curso-prueba" in lesson
    assert f'<a class="button" href="{course.lesson_a.url}">Continue: Lección A</a>' in lesson

    enrolment = Enrolment.objects.get(user=course.learner)
    LessonProgress.objects.create(
        enrolment=enrolment, lesson=course.lesson_a, completed_at=timezone.now()
    )
    lesson = section(home(client, course.learner), "lesson")
    assert f'<a class="button" href="{course.lesson_b.url}">Continue: Lección B</a>' in lesson


def test_module_not_released_yet_is_not_offered(client, course):
    # Module 1 done: module 2 opens in week 2, so nothing is left to continue yet.
    enrolment = Enrolment.objects.get(user=course.learner)
    for lesson in (course.lesson_a, course.lesson_b):
        LessonProgress.objects.create(
            enrolment=enrolment, lesson=lesson, completed_at=timezone.now()
        )
    lesson = section(home(client, course.learner), "lesson")
    assert "Continue:" not in lesson and course.lesson_c.url not in lesson
    assert "You have done every lesson open so far." in lesson


def test_the_next_session_is_the_learners_own_cohorts(client, course):
    block_id = with_relative_session(course)
    # A later cohort of the same course meets on other dates.
    later = Cohort.objects.create(
        course=course.course,
        name="Cohorte 2027",
        starts_on=timezone.localdate() + datetime.timedelta(days=35),
        time_zone="America/Bogota",
    )
    group = CohortGroup.objects.create(cohort=later, name="B", tutor=course.tutor)
    newcomer = ProfileFactory(user__full_name="Pedro Gómez").user
    Enrolment.objects.create(cohort=later, user=newcomer, group=group)

    def session_at(cohort):
        entry = next(e for e in cohort_schedule(cohort=cohort) if e.block_id == block_id)
        return machine_time(entry.starts_at)

    ours, theirs = session_at(course.cohort), session_at(later)
    assert ours != theirs

    coming = section(home(client, course.learner), "date")
    assert "Live session:" in coming and "Diálogo con la experta" in coming
    assert f'<time datetime="{ours}">' in coming and theirs not in coming

    coming = section(home(client, newcomer), "date")
    assert f'<time datetime="{theirs}">' in coming and ours not in coming


def test_a_past_session_is_not_next(client, course):
    # The cohort started three weeks ago: its week-2 session is over, the deadline
    # of week 2 too; nothing is left to come.
    course.cohort.starts_on = timezone.localdate() - datetime.timedelta(days=28)
    course.cohort.save()
    with_relative_session(course)
    coming = section(home(client, course.learner), "date")
    assert "No live session or deadline to come." in coming
    assert "<time" not in coming


def test_unread_notifications_chat_and_topics_are_counted(client, course):
    for n in range(3):
        Notification.objects.create(user=course.learner, kind="test", title=f"Aviso {n}")
    Notification.objects.create(
        user=course.learner, kind="test", title="Leído", read_at=timezone.now()
    )
    unread = section(home(client, course.learner), "unread")
    assert f'<a href="{url("lms:notifications")}">3 unread notifications</a>' in unread


def test_nothing_unread(client, course):
    assert "Nothing unread." in section(home(client, course.learner), "unread")


def test_a_person_without_a_cohort_is_offered_the_calls_and_the_catalogue(client, demo_pages):
    world = build_course(language="en", slug="test-course")
    call = open_call(world)
    closed = open_call(world)
    EnrolmentCall.objects.filter(pk=closed.pk).update(
        title="Closed call", closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    person = ProfileFactory(user__full_name="Ana María Torres").user
    html = home(client, person)
    assert '<h1 id="hero-title">Welcome, Ana</h1>' in html
    assert 'id="next-lesson"' not in html and 'id="next-date"' not in html
    course = section(html, "course")
    assert f'<a href="{url("lms:call_apply", call_id=call.pk)}">Convocatoria abierta</a>' in course
    assert "Closed call" not in course
    assert '<a href="/en/cursos-en/">Browse the course catalogue</a>' in course
    assert SIGN_UP not in html


def test_no_open_call(client, user, demo_pages):
    course = section(home(client, user), "course")
    assert "No call is open right now." in course


def test_a_tutor_sees_what_waits_for_their_feedback(client, course):
    def submit(enrolment, status=Submission.Status.SUBMITTED):
        lesson, token = course.lesson_c, uuid.uuid4()
        Submission.objects.create(
            enrolment=enrolment, lesson=lesson, block_id="x", status=status, token=token
        )

    submit(Enrolment.objects.get(user=course.learner))
    second = ProfileFactory().user
    submit(Enrolment.objects.create(cohort=course.cohort, user=second, group=course.group))
    # Another tutor's group and work already reviewed are not theirs to see.
    other_tutor = UserFactory(roles=[Role.PARTICIPANT, Role.TUTOR])
    other_group = CohortGroup.objects.create(cohort=course.cohort, name="B", tutor=other_tutor)
    submit(
        Enrolment.objects.create(
            cohort=course.cohort, user=ProfileFactory().user, group=other_group
        )
    )
    submit(Enrolment.objects.get(user=second), status=Submission.Status.REVIEWED)

    ProfileFactory(user=course.tutor)
    feedback = section(home(client, course.tutor), "feedback")
    cohort_url = url("lms:tutoring_cohort", cohort_id=course.cohort.pk)
    assert f'<a href="{cohort_url}">Cohorte curso-prueba: 2 submissions</a>' in feedback
    assert f'<a href="{url("lms:tutoring")}">Tutoring</a>' in feedback

    mine = section(home(client, other_tutor), "feedback")
    assert "Cohorte curso-prueba: 1 submission<" in mine


def test_a_tutor_with_nothing_waiting(client, course):
    ProfileFactory(user=course.tutor)
    feedback = section(home(client, course.tutor), "feedback")
    assert "Nothing waits for your feedback." in feedback


def test_a_learner_is_not_shown_the_tutors_card(client, course):
    assert 'id="next-feedback"' not in home(client, course.learner)


def test_an_incomplete_profile_is_pointed_out(client, demo_pages):
    person = ProfileFactory(country="", institution="").user
    profile_card = section(home(client, person), "profile")
    assert "Still missing: country, institution." in profile_card
    assert f'href="{url("lms:profile")}">Complete your profile</a>' in profile_card

    without = UserFactory(full_name="Sin Perfil")
    assert not Profile.objects.filter(user=without).exists()
    profile_card = section(home(client, without), "profile")
    assert "Still missing: country, institution, time zone." in profile_card


def test_a_complete_profile_is_not_nagged(client, user, demo_pages):
    assert 'id="next-profile"' not in home(client, user)


def test_the_personal_page_is_private_and_the_visitors_page_stays_shared(client, course):
    first = fetch("/en/")
    assert first.cache == "miss" and SIGN_UP in first.body
    client.force_login(course.learner)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    theirs = fetch("/en/", cookie=cookie)
    assert theirs.status == 200 and theirs.cache is None
    assert "private" in theirs.headers["cache-control"][0]
    assert "Welcome, Lucía" in theirs.body and SIGN_UP not in theirs.body
    after = fetch("/en/")
    assert after.cache == "hit" and after.body == first.body
    assert "Lucía" not in after.body and "Lección" not in after.body


def test_the_learners_home_costs_a_bounded_number_of_queries(
    client, course, django_assert_max_num_queries
):
    with_relative_session(course)
    Notification.objects.create(user=course.learner, kind="test", title="Aviso")
    client.force_login(course.learner)
    client.get("/en/")  # warm the per-process caches (layout, course outline)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/en/").status_code == 200
    # More enrolments cost nothing more: only the newest cohort is read.
    for n in range(3):
        other = build_course(slug=f"curso-{n}", learner=course.learner, tutor=course.tutor)
        assert other.cohort
    client.get("/en/")
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/en/").status_code == 200


def test_an_editors_preview_shows_the_visitors_page(rf, course):
    page = HomePage.objects.get(locale__language_code="en")
    request = rf.get("/en/")
    request.user = course.learner
    assert "next_steps" in page.get_context(request)
    request.is_preview = True
    context = page.get_context(request)
    assert "next_steps" not in context and "hero_links" not in context
