"""Tutors see their own learners, and what waits for them; the cost does not grow."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lms.models import Enrolment, LessonProgress, QuizAttempt, Submission
from lms.selectors.tutoring import DashboardFilter, tutor_dashboard, tutored_enrolments
from tests.course_fixtures import build_course, sixty_learners_one_waiting
from tests.factories import ProfileFactory, UserFactory


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
def test_a_tutor_sees_only_their_groups(world, secretariat):
    from lms.models import CohortGroup

    other_tutor = UserFactory(roles=["tutor"])
    other_group = CohortGroup.objects.create(cohort=world.cohort, name="B", tutor=other_tutor)
    stranger = ProfileFactory().user
    Enrolment.objects.create(cohort=world.cohort, user=stranger, group=other_group)
    mine = set(
        tutored_enrolments(user=world.tutor, cohort=world.cohort).values_list("user", flat=True)
    )
    assert mine == {world.learner.pk}
    everyone = tutored_enrolments(user=secretariat, cohort=world.cohort)
    assert everyone.count() == 2


@pytest.mark.django_db
def test_tutor_dashboard_page_shows_only_own_learners(client, world):
    from lms.models import CohortGroup

    other_group = CohortGroup.objects.create(
        cohort=world.cohort, name="B", tutor=UserFactory(roles=["tutor"])
    )
    stranger = ProfileFactory(user__full_name="Persona Ajena").user
    Enrolment.objects.create(cohort=world.cohort, user=stranger, group=other_group)
    client.force_login(world.tutor)
    response = client.get(url("lms:tutoring_cohort", cohort_id=world.cohort.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lucía Méndez" in html and "Persona Ajena" not in html


@pytest.mark.django_db
def test_other_tutors_and_learners_cannot_open_a_cohorts_dashboard(client, world):
    other = build_course(slug="otro")
    for person in (other.tutor, world.learner):
        client.force_login(person)
        assert client.get(url("lms:tutoring_cohort", cohort_id=world.cohort.pk)).status_code == 404


@pytest.mark.django_db
def test_inactive_filter(world):
    fresh = ProfileFactory().user
    Enrolment.objects.create(
        cohort=world.cohort, user=fresh, group=world.group, last_activity_at=timezone.now()
    )
    Enrolment.objects.filter(user=world.learner).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=9)
    )
    dashboard = tutor_dashboard(
        user=world.tutor, cohort=world.cohort, filters=DashboardFilter(inactive_days=7)
    )
    assert [row.enrolment.user for row in dashboard.rows] == [world.learner]


def _populate(world, count):
    users = [ProfileFactory().user for _ in range(count)]
    enrolments = Enrolment.objects.bulk_create(
        [Enrolment(cohort=world.cohort, user=user, group=world.group) for user in users]
    )
    block_id = world.block_id(world.lesson_b, "quiz")
    LessonProgress.objects.bulk_create(
        [
            LessonProgress(enrolment=e, lesson=world.lesson_a, completed_at=timezone.now())
            for e in enrolments
        ]
    )
    QuizAttempt.objects.bulk_create(
        [
            QuizAttempt(
                enrolment=e,
                lesson=world.lesson_b,
                block_id=block_id,
                number=1,
                answers={},
                correct=1,
                questions=2,
                score=50,
                token=uuid.uuid4(),
            )
            for e in enrolments
        ]
    )
    Submission.objects.bulk_create(
        [
            Submission(
                enrolment=e,
                lesson=world.lesson_c,
                block_id="x",
                text="t",
                text_html="<p>t</p>",
                token=uuid.uuid4(),
            )
            for e in enrolments
        ]
    )


@pytest.mark.django_db
def test_tutor_dashboard_cost_does_not_grow_with_learners(client, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.tutor)
    page = url("lms:tutoring_cohort", cohort_id=world.cohort.pk)
    _populate(world, 24)
    client.get(page)
    with CaptureQueriesContext(connection) as small:
        assert client.get(page).status_code == 200
    _populate(world, 475)
    with CaptureQueriesContext(connection) as large:
        response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('name="enrolment"') == 50  # one page
    assert "Page 1 of 10" in html or "Página 1 de 10" in html
    assert len(large.captured_queries) == len(small.captured_queries)
    # The course's activities come from the cache: 11, whatever the number of learners.
    assert len(small.captured_queries) <= 11


@pytest.mark.django_db
def test_tutor_dashboard_filters_and_puts_who_needs_the_tutor_first(client, world):
    from lms.models import CohortGroup

    users, waiting = sixty_learners_one_waiting(world)
    other_group = CohortGroup.objects.create(
        cohort=world.cohort, name="Ajeno", tutor=UserFactory(roles=["tutor"])
    )
    client.force_login(world.tutor)
    page = url("lms:tutoring_cohort", cohort_id=world.cohort.pk)
    dashboard = tutor_dashboard(user=world.tutor, cohort=world.cohort)
    assert dashboard.rows[0].enrolment == waiting  # needs the tutor: first, on page 1
    assert dashboard.counts["all"] == 61 and dashboard.counts["waiting"] == 1
    assert dashboard.page.paginator.num_pages == 2
    second = tutor_dashboard(user=world.tutor, cohort=world.cohort, page_number=2)
    assert len(second.rows) == 11
    found = tutor_dashboard(
        user=world.tutor, cohort=world.cohort, filters=DashboardFilter(search="aprendiz 07")
    )
    assert [row.enrolment.user for row in found.rows] == [users[7]]
    only_waiting = tutor_dashboard(
        user=world.tutor, cohort=world.cohort, filters=DashboardFilter(status="waiting")
    )
    assert [row.enrolment for row in only_waiting.rows] == [waiting]
    asked = tutor_dashboard(
        user=world.tutor,
        cohort=world.cohort,
        filters=DashboardFilter(status="asked"),
        asked_user_ids={users[3].pk},
    )
    assert [row.enrolment.user for row in asked.rows] == [users[3]]
    # The groups offered are the tutor's own; another tutor's group is refused.
    html = client.get(page, {"status": "waiting"}).content.decode()
    assert html.count('name="enrolment"') == 1
    assert "Ajeno" not in html
    html = client.get(page, {"group": other_group.pk}).content.decode()
    assert html.count('name="enrolment"') == 50  # the filter is not applied
    html = client.get(page, {"page": 2}).content.decode()
    assert html.count('name="enrolment"') == 11


@pytest.mark.django_db
def test_learners_who_have_not_done_the_closed_modules_are_behind(world):

    # Module 1 closes in week 1, module 2 in week 3: put the cohort in week 3.
    world.cohort.starts_on -= datetime.timedelta(weeks=2)
    world.cohort.save()
    enrolment = Enrolment.objects.get(user=world.learner)
    dashboard = tutor_dashboard(user=world.tutor, cohort=world.cohort)
    assert dashboard.rows[0].behind and dashboard.counts["behind"] == 1
    for lesson in (world.lesson_a, world.lesson_b):
        LessonProgress.objects.create(
            enrolment=enrolment, lesson=lesson, completed_at=timezone.now()
        )
    dashboard = tutor_dashboard(user=world.tutor, cohort=world.cohort)
    assert not dashboard.rows[0].behind and dashboard.counts["behind"] == 0


@pytest.mark.django_db
def test_reminders_from_the_dashboard(client, world, django_capture_on_commit_callbacks):
    from django.core import mail

    client.force_login(world.tutor)
    enrolment = Enrolment.objects.get(user=world.learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("lms:tutoring_remind", cohort_id=world.cohort.pk),
            {"enrolment": [enrolment.pk], "back": "?inactive=7"},
        )
    assert response.status_code == 302
    assert response["Location"].endswith("?inactive=7")
    assert mail.outbox[-1].to == [world.learner.email]


@pytest.mark.django_db
def test_feedback_form(client, world):
    from lms.services.learning import submission_create

    world.cohort.starts_on = timezone.localdate() - datetime.timedelta(days=8)
    world.cohort.save()
    submission, _ = submission_create(
        user=world.learner,
        lesson=world.lesson_c,
        block_id=world.block_id(world.lesson_c, "assignment"),
        text="Mi trabajo",
        token=uuid.uuid4(),
    )
    client.force_login(world.tutor)
    page = url("lms:submission_review", submission_id=submission.pk)
    assert "Mi trabajo" in client.get(page).content.decode()
    response = client.post(page, {"feedback": "", "grade": "80"})
    assert response.status_code == 200  # the form again, with its error
    response = client.post(page, {"feedback": "Buen trabajo.", "grade": "80"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.grade == 80 and submission.status == "reviewed"
    # The learner opening the review page is sent to their lesson instead.
    client.force_login(world.learner)
    assert client.get(page)["Location"] == world.lesson_c.url
    # Someone else gets nothing.
    client.force_login(ProfileFactory().user)
    assert client.get(page).status_code == 404


@pytest.mark.django_db
def test_submission_files_are_served_only_to_those_allowed(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lms.services.learning import submission_create

    world.cohort.starts_on = timezone.localdate() - datetime.timedelta(days=8)
    world.cohort.save()
    submission, _ = submission_create(
        user=world.learner,
        lesson=world.lesson_c,
        block_id=world.block_id(world.lesson_c, "assignment"),
        text="",
        upload=SimpleUploadedFile("informe.pdf", b"%PDF-1.4 informe"),
        token=uuid.uuid4(),
    )
    download = url("lms:submission_file", submission_id=submission.pk)
    for person, status in [(world.learner, 200), (world.tutor, 200), (ProfileFactory().user, 404)]:
        client.force_login(person)
        response = client.get(download)
        assert response.status_code == status
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
            assert "attachment" in response["Content-Disposition"]
    client.logout()
    assert client.get(download).status_code == 302


@pytest.mark.django_db
def test_tutor_dashboard_says_today_for_a_learner_active_today(client, world):
    Enrolment.objects.filter(user=world.learner).update(last_activity_at=timezone.now())
    client.force_login(world.tutor)
    with translation.override("en"):
        page = reverse("lms:tutoring_cohort", kwargs={"cohort_id": world.cohort.pk})
    html = client.get(page).content.decode()
    assert "today" in html and "0 days ago" not in html
