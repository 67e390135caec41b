"""Evaluations of events and cooperation activities: who answers (once, while open),
what is kept apart (who from what), who reads the results, the daily invitations, and
what the performance report shows of them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from evaluations import selectors, services
from evaluations.models import Completion, Evaluation, Response
from lms.choices import Role
from lms.models import Notification
from reports import selectors as reports
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login
from tests.workplan.builders import make_action, make_event, make_plan, make_proposal

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"evaluations:{name}", kwargs=kwargs)


def people(n, country="CL"):
    return [ProfileFactory(country=country).user for _n in range(n)]


def answer(user, subject, satisfaction=5, usefulness=4, **texts):
    return services.evaluation_answer(
        user=user, subject=subject, satisfaction=satisfaction, usefulness=usefulness, **texts
    )


def test_a_participant_evaluates_an_event_once_and_nobody_else_can(client, other_user):
    participant = people(1)[0]
    event = make_event("lima", days=-3, registrations=[participant])
    address = url("event", slug=event.slug)
    client.force_login(other_user)
    assert client.get(address).status_code == 404  # as for an event that does not exist
    client.force_login(participant)
    assert client.get(address).status_code == 200
    assert Evaluation.objects.count() == 0  # showing the form writes nothing
    data = {"satisfaction": "5", "usefulness": "3", "will_apply": "La guía", "improve": ""}
    response = client.post(address, data)
    assert response.status_code == 302
    assert Completion.objects.filter(user=participant).count() == 1
    (saved,) = Response.objects.all()
    assert (saved.satisfaction, saved.usefulness, saved.will_apply) == (5, 3, "La guía")
    # Who answered is never stored with the answer.
    assert not any(f.name in {"user", "created_at"} for f in Response._meta.get_fields())
    # Twice: refused, nothing counted twice.
    page = client.post(address, data)
    assert page.status_code == 200 and "already evaluated" in page.content.decode()
    with pytest.raises(ValidationError):
        answer(participant, event)
    assert Response.objects.count() == 1
    with pytest.raises(PermissionDenied):
        answer(other_user, event)


def test_bad_answers_are_refused_whole():
    participant = people(1)[0]
    event = make_event("quito", days=-3, registrations=[participant])
    with pytest.raises(ValidationError) as refused:
        answer(participant, event, satisfaction=9, will_apply="x" * 2001)
    assert set(refused.value.message_dict) == {"satisfaction", "will_apply"}
    assert Response.objects.count() == 0 and Completion.objects.count() == 0


def test_an_evaluation_opens_the_day_it_ends_and_closes_thirty_days_later():
    participant = people(1)[0]
    running = make_event("en-curso", days=-1, registrations=[participant])  # ends tomorrow
    with translation.override("en"), pytest.raises(ValidationError, match="when it has ended"):
        answer(participant, running)
    future = make_event("futuro", days=5, registrations=[participant])
    with translation.override("en"), pytest.raises(ValidationError, match="when it has ended"):
        answer(participant, future)
    old = make_event("antiguo", days=-40, registrations=[participant])
    with translation.override("en"), pytest.raises(ValidationError, match="closed"):
        answer(participant, old)
    assert Response.objects.count() == 0


def test_the_parties_of_a_selected_activity_evaluate_it(client):
    focal = UserFactory(roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=focal, country="HT")  # a beneficiary of make_proposal's activity
    outsider = UserFactory(roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=outsider, country="BR")
    proposal = make_proposal("Inspección móvil")
    answer(focal, proposal)
    with pytest.raises(PermissionDenied):
        answer(outsider, proposal)
    client.force_login(focal)
    with translation.override("en"):
        address = reverse("cooperation:proposal", kwargs={"pk": proposal.pk})
    assert "You evaluated it: thank you." in client.get(address).content.decode()


def test_results_are_the_secretariats_and_texts_show_from_three_answers(
    client, secretariat, other_user
):
    participants = people(3)
    event = make_event("bogota", days=-3, registrations=participants)
    answer(participants[0], event, satisfaction=5, will_apply="Aplicar <b>la guía</b>")
    answer(participants[1], event, satisfaction=3)
    evaluation = Evaluation.objects.get(event=event)
    found = selectors.results(evaluation=evaluation)
    # Two answers: a mean or a count per value would be their own answers.
    assert found.respondents == 2 and found.texts_hidden and found.will_apply == []
    assert found.satisfaction is None and found.satisfaction_mean is None
    assert selectors.summaries(event_ids=[event.pk]) == {}  # nor in the report
    answer(participants[2], event, satisfaction=4, improve="Más tiempo")
    found = selectors.results(evaluation=evaluation)
    assert found.satisfaction == [0, 0, 1, 1, 1] and not found.texts_hidden
    assert found.satisfaction_mean == 4.0
    assert str(found.will_apply[0]) == "Aplicar &lt;b&gt;la guía&lt;/b&gt;"  # typed, escaped
    client.force_login(other_user)
    assert client.get(url("results", pk=evaluation.pk)).status_code == 403
    assert client.get(url("index")).status_code == 403
    mfa_force_login(client, secretariat)
    page = client.get(url("results", pk=evaluation.pk)).content.decode()
    assert "Más tiempo" in page and "&lt;b&gt;la guía" in page
    assert "Taller bogota" in client.get(url("index")).content.decode()
    assert f'href="{url("index")}"' in page  # the secretariat's account menu leads there


def test_the_daily_job_invites_each_participant_once(django_capture_on_commit_callbacks):
    participants = people(2)
    participants[1].profile.preferred_language = "fr"
    participants[1].profile.save()
    event = make_event("lima", days=-3, registrations=participants)
    make_event("viejo", days=-45, registrations=participants)  # past the window
    make_event("pronto", days=3, registrations=participants)  # not ended
    focal = UserFactory(roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=focal, country="CL")
    make_proposal("Registro")  # ended 20 days ago, Chile -> Haiti
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_send() == 3
    notes = Notification.objects.filter(kind=services.KIND_INVITATION)
    assert sorted(note.user_id for note in notes) == sorted(
        [participants[0].pk, participants[1].pk, focal.pk]
    )
    assert {note.url.split("/", 2)[2] for note in notes} >= {"evaluations/event/lima/"}
    french = notes.get(user=participants[1])
    assert french.url.startswith("/fr/") and french.title.startswith("Comment s'est passé")
    evaluation = Evaluation.objects.get(event=event)
    assert evaluation.invited == 2 and evaluation.invited_at is not None
    assert services.invitations_send() == 0  # never twice


def test_the_event_page_invites_a_participant_to_evaluate(client):
    participant = people(1)[0]
    event = make_event("cali", days=-3, registrations=[participant])
    client.force_login(participant)
    with translation.override("en"):
        page = client.get(reverse("events:event", kwargs={"slug": event.slug})).content.decode()
    assert url("event", slug=event.slug) in page
    answer(participant, event)
    with translation.override("en"):
        page = client.get(reverse("events:event", kwargs={"slug": event.slug})).content.decode()
    assert "You evaluated it" in page and url("event", slug=event.slug) not in page


def test_the_performance_report_shows_counts_and_means_only(secretariat):
    participants = people(3)
    plan = make_plan(approved=True)
    event = make_event("lima", days=-3, registrations=participants)
    make_action(plan.lines.first()).events.add(event)
    for value, person in zip((5, 4, 3), participants, strict=True):
        answer(person, event, satisfaction=value, usefulness=2, will_apply="secreto")
    report = reports.report_for(user=secretariat, plan=plan)
    (row,) = report.evaluations
    assert (row.respondents, row.satisfaction, row.usefulness) == (3, 4.0, 2.0)
    assert report.evaluated.respondents == 3 and report.evaluated.satisfaction == 4.0


def test_the_window_is_from_the_end_for_thirty_days():
    event = make_event("x", days=-3)
    opens, closes = selectors.window(event)
    assert opens == timezone.localdate(event.ends_at)
    assert closes - opens == datetime.timedelta(days=selectors.EVALUATION_DAYS)
