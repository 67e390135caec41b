"""The learner's pages: applying, the dashboard, sending activities from the lesson."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from lms.models import Application, EnrolmentCall, Notification, QuizAttempt, Submission
from tests.course_fixtures import all_right
from tests.factories import ProfileFactory


def url(name, language="es", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def open_call(world, **extra):
    now = timezone.now()
    call = EnrolmentCall.objects.create(
        course=world.course,
        title="Convocatoria abierta",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=7),
        seats=10,
        **extra,
    )
    from lms.models import Cohort

    Cohort.objects.create(
        course=world.course,
        call=call,
        name="Próxima",
        starts_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    return call


@pytest.mark.django_db
def test_the_course_page_offers_open_calls(client, world):
    call = open_call(world)
    html = client.get(world.course.url).content.decode()
    assert "Convocatoria abierta" in html
    assert url("lms:call_apply", call_id=call.pk) in html


@pytest.mark.django_db
def test_applying_through_the_page(client, world):
    call = open_call(world)
    person = ProfileFactory().user
    client.force_login(person)
    page = url("lms:call_apply", call_id=call.pk)
    assert client.get(page).status_code == 200
    response = client.post(page, {"motivation": "corto"})
    assert response.status_code == 200
    assert not Application.objects.exists()
    response = client.post(
        page, {"motivation": "Coordino la unidad de género y quiero formar al equipo."}
    )
    assert response["Location"] == url("lms:dashboard")
    assert Application.objects.get().user == person
    dashboard = client.get(response["Location"]).content.decode()
    assert "Convocatoria abierta" in dashboard


@pytest.mark.django_db
def test_ineligible_people_are_told_why(client, world):
    call = open_call(world, eligibility="listed", eligible_countries=["PE"])
    client.force_login(ProfileFactory(country="CL").user)
    html = client.get(url("lms:call_apply", call_id=call.pk)).content.decode()
    assert 'name="motivation"' not in html


@pytest.mark.django_db
def test_dashboard_shows_progress_calendar_and_requirements(client, world):
    client.force_login(world.learner)
    client.get(world.lesson_a.url)
    html = client.get(url("lms:dashboard")).content.decode()
    assert "Curso de prueba" in html
    assert world.lesson_a.url in html  # continue where you left off
    assert "Sesión en vivo" in html  # calendar
    assert "Evaluación final" in html and "Tarea" in html  # requirements


@pytest.mark.django_db
def test_dashboard_query_count_is_bounded(client, world, django_assert_max_num_queries):
    client.force_login(world.learner)
    client.get(url("lms:dashboard"))
    with django_assert_max_num_queries(30):
        assert client.get(url("lms:dashboard")).status_code == 200


@pytest.mark.django_db
def test_quiz_through_the_lesson_page(client, world):
    client.force_login(world.learner)
    page = client.get(world.lesson_b.url).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    block_id = world.block_id(world.lesson_b, "quiz")
    answers = all_right(world.lesson_b, block_id)
    data = {"token": token, **{f"q{i}": [str(c) for c in chosen] for i, chosen in answers.items()}}
    target = url("lms:quiz_submit", lesson_id=world.lesson_b.pk, block_id=block_id)
    response = client.post(target, data)
    assert response["Location"] == f"{world.lesson_b.url}#activity-{block_id}"
    client.post(target, data)  # the same form again: counts once
    assert QuizAttempt.objects.count() == 1
    assert "100" in client.get(world.lesson_b.url).content.decode()


@pytest.mark.django_db
def test_a_form_without_a_valid_token_is_refused(client, world):
    client.force_login(world.learner)
    block_id = world.block_id(world.lesson_b, "quiz")
    client.post(
        url("lms:quiz_submit", lesson_id=world.lesson_b.pk, block_id=block_id),
        {"token": "not-a-uuid", "q0": "0"},
    )
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_an_assignment_error_keeps_what_was_written(client, world):
    world.cohort.starts_on = timezone.localdate() - datetime.timedelta(days=8)
    world.cohort.save()
    client.force_login(world.learner)
    block_id = world.block_id(world.lesson_c, "assignment")
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "Un análisis largo que no quiero perder."
    response = client.post(
        url("lms:assignment_submit", lesson_id=world.lesson_c.pk, block_id=block_id),
        {
            "token": "00000000-0000-0000-0000-000000000001",
            "text": text,
            "file": SimpleUploadedFile("malware.exe", b"MZ"),
        },
    )
    assert response.status_code == 302
    assert not Submission.objects.exists()
    page = client.get(world.lesson_c.url).content.decode()
    assert text in page  # back in the text box
    assert text not in client.get(world.lesson_c.url).content.decode()  # shown once


@pytest.mark.django_db
def test_unknown_activity_is_not_found(client, world):
    client.force_login(world.learner)
    response = client.post(
        url("lms:quiz_submit", lesson_id=world.lesson_b.pk, block_id="nope"), {"token": "x"}
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_mark_a_lesson_done_and_go_on(client, world):
    client.force_login(world.learner)
    response = client.post(
        url("lms:lesson_done", lesson_id=world.lesson_a.pk), {"done": "1", "next": "next"}
    )
    assert response["Location"] == world.lesson_b.url
    from lms.models import LessonProgress

    assert LessonProgress.objects.get(lesson=world.lesson_a).completed_at


@pytest.mark.django_db
def test_notifications_page_marks_read(client, world):
    Notification.objects.create(user=world.learner, kind="x", title="Hola")
    client.force_login(world.learner)
    assert "Hola" in client.get(url("lms:notifications")).content.decode()
    client.post(url("lms:notifications"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_sign_in(client, world):
    for name, kwargs in [("lms:dashboard", {}), ("lms:notifications", {}), ("lms:tutoring", {})]:
        response = client.get(url(name, **kwargs))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_an_incomplete_quiz_keeps_the_answers_chosen(client, world):
    client.force_login(world.learner)
    page = client.get(world.lesson_b.url).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    block_id = world.block_id(world.lesson_b, "quiz")
    client.post(
        url("lms:quiz_submit", lesson_id=world.lesson_b.pk, block_id=block_id),
        {"token": token, "q0": "1"},
    )
    assert not QuizAttempt.objects.exists()
    html = client.get(world.lesson_b.url).content.decode()
    assert f'id="q-{block_id}-0-1" name="q0" value="1" checked' in html


# --- Assignment errors stand in the assignment's box ---------------------------------------------


def _assignment(client, world):
    """Open module 2 for the learner; the assignment's block id and the page's form token."""
    world.cohort.starts_on = timezone.localdate() - datetime.timedelta(days=8)
    world.cohort.save()
    client.force_login(world.learner)
    block_id = world.block_id(world.lesson_c, "assignment")
    page = client.get(world.lesson_c.url).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    return block_id, token


def _box(html, block_id):
    """The assignment's section of the lesson page."""
    start = html.index(f'id="activity-{block_id}"')
    return html[start : html.index("</section>", start)]


def _tag(html, name, element_id):
    """The opening tag of the element ``name`` with this id."""
    match = re.search(rf'<{name}\b[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert match, f"no <{name} id={element_id}>"
    return match.group(0)


def _spanish(message):
    with translation.override("es"):
        return escape(gettext(message))


@pytest.mark.django_db
def test_an_empty_assignment_is_refused_inside_its_box(client, world):
    block_id, token = _assignment(client, world)
    response = client.post(
        url("lms:assignment_submit", lesson_id=world.lesson_c.pk, block_id=block_id),
        {"token": token, "text": "   "},
    )
    # Back to the error summary of this assignment (the browser focuses it).
    assert response["Location"] == f"{world.lesson_c.url}#activity-{block_id}-errors"
    assert not Submission.objects.exists()
    html = client.get(world.lesson_c.url).content.decode()
    box = _box(html, block_id)
    error = _spanish("Write your answer or attach a file.")
    assert html.count(error) == 1 and error in box  # in the box, not at the top of the page
    summary = _tag(box, "div", f"activity-{block_id}-errors")
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    form_errors = _tag(box, "ul", f"activity-{block_id}-form-errors")
    assert error in box.split(form_errors)[1].split("</ul>")[0]
    # The error concerns the form as a whole: the form and both fields point at it.
    form = re.search(r"<form\b[^>]*>", box).group(0)
    assert f'aria-describedby="activity-{block_id}-form-errors"' in form
    for name, field_id in (("textarea", f"text-{block_id}"), ("input", f"file-{block_id}")):
        tag = _tag(box, name, field_id)
        assert 'aria-invalid="true"' in tag
        assert f'aria-describedby="{field_id}_helptext activity-{block_id}-form-errors"' in tag
    # Shown once: the next visit has a clean form.
    again = client.get(world.lesson_c.url).content.decode()
    assert error not in again and "aria-invalid" not in _box(again, block_id)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "programa.exe",
            b"MZ\x90\x00",
            "Send a PDF, Word, Excel, PowerPoint, OpenDocument or text file.",
        ),
        ("informe.pdf", b"MZ\x90\x00 not a PDF", "The file's content does not match its type."),
    ],
)
def test_a_refused_file_is_shown_next_to_the_file_input_and_the_text_stays(
    client, world, name, content, message
):
    block_id, token = _assignment(client, world)
    text = "Mi análisis del marco <normativo> & sus límites."
    client.post(
        url("lms:assignment_submit", lesson_id=world.lesson_c.pk, block_id=block_id),
        {"token": token, "text": text, "file": SimpleUploadedFile(name, content)},
    )
    assert not Submission.objects.exists()
    html = client.get(world.lesson_c.url).content.decode()
    box = _box(html, block_id)
    error = _spanish(message)
    file_input = _tag(box, "input", f"file-{block_id}")
    assert 'aria-invalid="true"' in file_input
    assert f'aria-describedby="file-{block_id}_helptext file-{block_id}_error"' in file_input
    errors = _tag(box, "ul", f"file-{block_id}_error")
    assert error in box.split(errors)[1].split("</ul>")[0]  # the error next to the input
    assert f'<a href="#file-{block_id}">{error}</a>' in box  # and in the summary
    # What was typed is back in the text box, which is not in error.
    textarea = _tag(box, "textarea", f"text-{block_id}")
    assert "aria-invalid" not in textarea
    assert box.split(textarea)[1].startswith("\n" + escape(text) + "</textarea>")
    assert html.count(error) == 2  # the summary and the field, both in the box


@pytest.mark.django_db
def test_after_a_refused_assignment_the_work_is_sent_once(client, world):
    block_id, token = _assignment(client, world)
    target = url("lms:assignment_submit", lesson_id=world.lesson_c.pk, block_id=block_id)
    client.post(target, {"token": token, "text": ""})
    html = client.get(world.lesson_c.url).content.decode()
    token = html.split('name="token" value="')[1].split('"')[0]
    data = {"token": token, "text": "Ahora sí, mi análisis."}
    assert client.post(target, data)["Location"] == f"{world.lesson_c.url}#activity-{block_id}"
    client.post(target, data)  # the same form again: counts once
    assert Submission.objects.count() == 1
    assert "aria-invalid" not in _box(client.get(world.lesson_c.url).content.decode(), block_id)


@pytest.mark.django_db
def test_a_text_only_assignment_puts_its_errors_on_the_text_box(client, world):
    """The form keeps the service's field: the text box for text, the form for a file."""
    import json

    from django.core.exceptions import ValidationError

    from lms.forms import AssignmentForm

    with translation.override("en"):
        refused = AssignmentForm.refused(
            text="",
            error=ValidationError(
                {"text": "Write your answer in the text box.", "file": "Text only."}
            ),
            block_id="b1",
            accepts="text",
        )
        # Through the session (JSON) and back, as the redirect does.
        form = AssignmentForm.from_kept(
            json.loads(json.dumps(refused.kept())), block_id="b1", accepts="text"
        )
        html = str(form["text"])
    assert list(form.fields) == ["text"]
    assert form.errors["text"] == ["Write your answer in the text box."]
    assert form.non_field_errors() == ["Text only."]  # no file input to put it on
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="text-b1_helptext text-b1_error"' in html


@pytest.mark.django_db
def test_dashboard_says_just_now_for_a_fresh_notification(client, world):
    Notification.objects.create(user=world.learner, kind="x", title="Nueva respuesta")
    client.force_login(world.learner)
    html = client.get(url("lms:dashboard", language="en")).content.decode()
    assert "Nueva respuesta" in html
    assert "just now" in html and "0 minutes" not in html


@pytest.mark.django_db
def test_the_dashboard_shows_the_application_instead_of_offering_the_call(client, world):
    call = open_call(world)
    person = ProfileFactory().user
    Application.objects.create(call=call, user=person, motivation="Quiero aprender.")
    client.force_login(person)
    html = client.get(url("lms:dashboard", language="en")).content.decode()
    assert url("lms:call_apply", language="en", call_id=call.pk) not in html
    assert "Your application:" in html and "Waiting for a decision" in html


@pytest.mark.django_db
def test_a_withdrawn_application_lets_the_dashboard_offer_the_call_again(client, world):
    call = open_call(world)
    person = ProfileFactory().user
    Application.objects.create(
        call=call, user=person, motivation="Quiero aprender.", status=Application.Status.WITHDRAWN
    )
    client.force_login(person)
    html = client.get(url("lms:dashboard", language="en")).content.decode()
    assert url("lms:call_apply", language="en", call_id=call.pk) in html


def continue_link(client, lesson=None):
    html = client.get(url("lms:dashboard", language="en")).content.decode()
    return html.split("Continue: ")[0].rsplit('href="', 1)[1].split('"')[0] if lesson else html


@pytest.mark.django_db
def test_continue_skips_lessons_done_even_the_last_one_visited(client, world):
    from lms.services.learning import lesson_complete

    client.force_login(world.learner)
    client.get(world.lesson_b.url)  # last visited: lesson b
    lesson_complete(user=world.learner, lesson=world.lesson_b)
    assert continue_link(client, world.lesson_a) == world.lesson_a.url
    lesson_complete(user=world.learner, lesson=world.lesson_a)
    client.get(world.lesson_a.url)  # back to a lesson done
    html = continue_link(client)
    assert "Continue: " not in html  # module 2 is not open yet
    assert "the next module opens on" in html


@pytest.mark.django_db
def test_continue_goes_to_the_next_open_module_then_says_the_course_is_complete(
    client, world, secretariat
):
    from lms.services.learning import lesson_complete, module_open_early

    module_open_early(actor=secretariat, cohort=world.cohort, module=world.module2)
    client.force_login(world.learner)
    for lesson in (world.lesson_a, world.lesson_b):
        lesson_complete(user=world.learner, lesson=lesson)
    client.get(world.lesson_a.url)
    assert continue_link(client, world.lesson_c) == world.lesson_c.url
    lesson_complete(user=world.learner, lesson=world.lesson_c)
    html = continue_link(client)
    assert "Continue: " not in html
    assert "You have completed every lesson of this course." in html
