"""Questions to experts: routing, the private room, answers, closing, publishing."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses.models import Theme
from forum import access, selectors, services
from forum.models import ExpertProfile, ExpertQuestion, Space, Topic
from forum.selectors import experts as expert_selectors
from lms.models import Notification
from tests.forum import expert_fixtures
from tests.forum.expert_fixtures import ask_question, say

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
network = expert_fixtures.network  # the fixture, shared by the expert tests


def test_a_question_to_one_expert_opens_a_private_room_and_notifies_them(
    network, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(network, expert=network["patricia"])
    assert question.status == ExpertQuestion.Status.WAITING
    assert question.space.kind == Space.Kind.QUESTION
    members = dict(question.space.memberships.values_list("user__full_name", "role"))
    assert members == {"Ana Official": "member", "Patrícia Alves": "moderator"}
    notification = Notification.objects.get(user=network["patricia"], kind="expert_question")
    assert "¿Cómo aplicar el Convenio 190?" in notification.title
    assert [m.to for m in mailoutbox] == [[network["patricia"].email]]
    # Private: nobody else reads it, and it is not a forum.
    assert access.room_role(user=network["other"], room=question.room) is None
    assert access.room_role(user=network["marie"], room=question.room) is None
    assert expert_selectors.question_for(user=network["other"], question_id=question.pk) is None
    spaces = selectors.readable_spaces(user=network["official"])
    assert question.space not in list(spaces)


def test_a_question_to_a_theme_goes_to_every_expert_of_it(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ask_question(network, theme=Theme.objects.get(code="fundamental-rights"))
    moderators = set(
        question.space.memberships.filter(role="moderator").values_list("user_id", flat=True)
    )
    assert moderators == {network["patricia"].pk, network["marie"].pk}
    assert Notification.objects.filter(kind="expert_question").count() == 2
    # The task run again (a retry) tells nobody twice.
    assert services.question_notify_experts(question_id=question.pk) == 0
    assert Notification.objects.filter(kind="expert_question").count() == 2
    received = expert_selectors.questions_received(user=network["marie"])
    assert list(received) == [question]


def test_question_routing_refuses_what_cannot_be_answered(network):
    with pytest.raises(ValidationError) as error:
        ask_question(network, theme=Theme.objects.get(code="pensions"))
    assert "expert" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ask_question(network)  # neither an expert nor a theme
    assert "expert" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ask_question(network, expert=network["patricia"], body="x" * 4001)
    assert "body" in error.value.message_dict
    ExpertProfile.objects.filter(user=network["patricia"]).update(accepts_questions=False)
    with pytest.raises(ValidationError):
        ask_question(network, expert=network["patricia"])
    assert not ExpertQuestion.objects.exists()
    assert not Space.objects.filter(kind=Space.Kind.QUESTION).exists()


def test_the_same_question_sent_twice_is_one_question(network):
    token = uuid.uuid4()
    first = ask_question(network, expert=network["patricia"], token=token)
    second = ask_question(network, expert=network["patricia"], token=token)
    assert first.pk == second.pk
    assert ExpertQuestion.objects.count() == 1


def test_the_experts_first_message_answers_and_tells_the_asker(network):
    question = ask_question(network, theme=Theme.objects.get(code="fundamental-rights"))
    say(network["official"], question.room, "Un detalle más")
    question.refresh_from_db()
    assert question.status == ExpertQuestion.Status.WAITING
    say(network["marie"], question.room, "Le respondo")
    say(network["patricia"], question.room, "Agrego algo")
    question.refresh_from_db()
    assert question.status == ExpertQuestion.Status.ANSWERED
    assert question.answered_by == network["marie"]
    assert question.first_answer_at is not None
    assert Notification.objects.filter(user=network["official"], kind="expert_answer").count() == 1


def test_only_the_asker_marks_an_experts_answer_helpful(network):
    question = ask_question(network, expert=network["patricia"])
    own = say(network["official"], question.room, "Mío").message
    answer = say(network["patricia"], question.room, "Suya").message
    with pytest.raises(PermissionDenied):
        services.question_mark_helpful(user=network["patricia"], question=question, seq=answer.seq)
    with pytest.raises(ValidationError):
        services.question_mark_helpful(user=network["official"], question=question, seq=own.seq)
    with pytest.raises(ValidationError):
        services.question_mark_helpful(user=network["official"], question=question, seq="x")
    services.question_mark_helpful(user=network["official"], question=question, seq=answer.seq)
    question.refresh_from_db()
    assert question.helpful_message == answer


def test_a_closed_question_is_read_only_until_reopened(network):
    question = ask_question(network, expert=network["patricia"])
    services.question_close(user=network["patricia"], question=question)
    with pytest.raises(services.ChatError) as error:
        say(network["official"], question.room)
    assert error.value.code == "forbidden"
    with pytest.raises(PermissionDenied):
        services.question_close(user=network["other"], question=question)
    services.question_reopen(user=network["official"], question=question)
    assert question.status == ExpertQuestion.Status.WAITING
    assert say(network["official"], question.room).created


def test_publishing_needs_the_askers_consent_and_a_helpful_answer(network):
    question = ask_question(network, expert=network["patricia"])
    answer = say(network["patricia"], question.room, "La **respuesta**").message
    with pytest.raises(ValidationError):
        services.question_publish(user=network["official"], question=question)
    services.question_mark_helpful(user=network["official"], question=question, seq=answer.seq)
    with pytest.raises(PermissionDenied):
        services.question_publish(user=network["patricia"], question=question)
    topic = services.question_publish(user=network["official"], question=question)
    assert topic.space.slug == "rial" and topic.space.readable_by_all
    posts = list(topic.posts.order_by("number").values_list("author__full_name", "body_html"))
    assert posts == [
        ("Ana Official", "<p>Contexto del ministerio.</p>"),
        ("Patrícia Alves", "<p>La <strong>respuesta</strong></p>"),
    ]
    assert topic.accepted_post.number == 2 and topic.is_question
    # Publishing twice publishes once.
    assert services.question_publish(user=network["official"], question=question) == topic
    assert Topic.objects.count() == 1


def test_question_pages_are_private_and_mark_helpful_works(network, client):
    question = ask_question(network, expert=network["patricia"])
    answer = say(network["patricia"], question.room, "Respuesta útil").message
    url = reverse("forum:question", args=[question.pk])
    client.force_login(network["other"])
    assert client.get(url).status_code == 404
    client.force_login(network["official"])
    page = client.get(url).content.decode()
    assert "Respuesta útil" in page
    assert reverse("forum:question_helpful", args=[question.pk]) in page
    response = client.post(
        reverse("forum:question_helpful", args=[question.pk]), {"seq": answer.seq}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.helpful_message_id == answer.pk
    # The room's own address leads to the question's page.
    assert client.get(reverse("forum:room", args=[question.room.slug])).url == url


def test_asking_through_the_form(network, client):
    client.force_login(network["official"])
    url = reverse("forum:ask")
    response = client.post(url, {"title": "", "body": "", "token": str(uuid.uuid4())})
    assert response.status_code == 200
    assert response.context["form"].errors
    theme = Theme.objects.get(code="working-conditions")
    response = client.post(
        url,
        {
            "theme": theme.pk,
            "title": "¿Teletrabajo?",
            "body": "Detalle",
            "token": str(uuid.uuid4()),
        },
    )
    question = ExpertQuestion.objects.get()
    assert response.url == reverse("forum:question", args=[question.pk])
    assert question.theme == theme and question.expert is None


def test_question_and_office_hours_spaces_are_not_forums(network, client):
    question = ask_question(network, expert=network["patricia"])
    office = ExpertProfile.objects.get(user=network["patricia"]).office_space
    client.force_login(network["official"])
    for space in (question.space, office):
        assert client.get(reverse("forum:space", args=[space.slug])).status_code == 404
    listed = [space.pk for space in selectors.readable_spaces(user=network["official"])]
    assert question.space.pk not in listed and office.pk not in listed
    rooms = [room.pk for room in selectors.readable_rooms(user=network["official"])]
    assert question.room.pk in rooms  # the asker's conversation is in their chat list
    assert [room.pk for room in selectors.readable_rooms(user=network["secretariat"])].count(
        question.room.pk
    ) == 0


def test_the_secretariat_reads_a_question_but_does_not_answer_it(network):
    question = ask_question(network, expert=network["patricia"])
    assert access.room_role(user=network["secretariat"], room=question.room) == "reader"
    with pytest.raises(services.ChatError) as error:
        say(network["secretariat"], question.room, "Respondo yo")
    assert error.value.code == "forbidden"
    assert expert_selectors.question_for(user=network["secretariat"], question_id=question.pk) == (
        question,
        "secretariat",
    )
    question.refresh_from_db()
    assert question.status == ExpertQuestion.Status.WAITING


@pytest.mark.django_db(transaction=True)
async def test_a_question_room_over_the_websocket(network):
    """Outsiders are refused at the handshake; the expert's answer reaches the asker
    live and makes the question answered; the secretariat may only read."""
    from channels.db import database_sync_to_async

    from tests.forum.conftest import open_socket, receive_until

    question = await database_sync_to_async(ask_question)(network, expert=network["patricia"])
    slug = question.room.slug
    _outsider, connected = await open_socket(network["other"], slug)
    assert not connected
    _other_expert, connected = await open_socket(network["marie"], slug)
    assert not connected
    asker, connected = await open_socket(network["official"], slug)
    assert connected
    expert, _ = await open_socket(network["patricia"], slug)
    secretariat, connected = await open_socket(network["secretariat"], slug)
    assert connected
    for socket in (asker, expert, secretariat):
        await receive_until(socket, "hello")
    await expert.send_json_to(
        {"type": "message", "client_id": str(uuid.uuid4()), "body": "Mi **respuesta**"}
    )
    received, _ = await receive_until(asker, "message")
    assert received["body_html"] == "<p>Mi <strong>respuesta</strong></p>"
    await secretariat.send_json_to(
        {"type": "message", "client_id": str(uuid.uuid4()), "body": "Yo también"}
    )
    refused, _ = await receive_until(secretariat, "error")
    assert refused["code"] == "forbidden"
    question = await database_sync_to_async(ExpertQuestion.objects.get)(pk=question.pk)
    assert question.status == ExpertQuestion.Status.ANSWERED
    for socket in (asker, expert, secretariat):
        await socket.disconnect()
