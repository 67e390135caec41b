"""What the installable app keeps readable offline (lms.selectors.offline, /app/offline-pages/):
which pages, for whom, at what cost; and that fetching those copies changes nothing."""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from forum.models import Room, RoomRead, SpaceMembership
from forum.services import chat_message_send
from forum.views.chat import OFFLINE_MESSAGES
from lms.http import OFFLINE_COPY_HEADER
from lms.models import LessonProgress, ModuleRelease
from lms.selectors.offline import person_key
from lms.services.learning import lesson_complete
from tests.course_fixtures import build_course
from tests.factories import ProfileFactory, SpaceFactory

pytestmark = pytest.mark.django_db

COPY = {"headers": {OFFLINE_COPY_HEADER: "1"}}


def pages_of(client, language="es"):
    with translation.override(language):
        url = reverse("lms:offline_pages")
    response = client.get(url)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    data = response.json()
    return data["person"], [(page["kind"], page["url"]) for page in data["pages"]]


def test_the_learner_keeps_her_dashboard_and_the_lessons_of_her_current_module(client, world):
    client.force_login(world.learner)
    person, pages = pages_of(client)
    assert person == person_key(world.learner)
    assert pages == [
        ("dashboard", "/es/me/learning/"),
        ("module", world.module1.url),
        ("lesson", world.lesson_a.url),
        ("lesson", world.lesson_b.url),
    ]
    # Module 2 opens next week: nothing of it, not even once module 1 is done.
    for lesson in (world.lesson_a, world.lesson_b):
        lesson_complete(user=world.learner, lesson=lesson)
    assert world.lesson_c.url not in [url for _kind, url in pages_of(client)[1]]
    # Opened early by the secretariat: module 2 is where she is now.
    ModuleRelease.objects.create(cohort=world.cohort, module=world.module2)
    assert pages_of(client)[1] == [
        ("dashboard", "/es/me/learning/"),
        ("module", world.module2.url),
        ("lesson", world.lesson_c.url),
    ]
    # The list speaks the address's language (the dashboard; a course is in one language).
    assert pages_of(client, "en")[1][0] == ("dashboard", "/en/me/learning/")


def test_nobody_signed_in_gets_nothing_and_others_get_only_their_own(client, world):
    assert pages_of(client) == ("", [])
    stranger = ProfileFactory().user
    client.force_login(stranger)
    person, pages = pages_of(client)
    assert person == person_key(stranger) != person_key(world.learner)
    assert pages == [("dashboard", "/es/me/learning/")]


def test_the_rooms_the_person_uses_are_kept_and_no_others(client, world):
    person = world.learner
    space = SpaceFactory(kind="community", name="Red", slug="red")
    used, _unused, foreign = (
        Room.objects.create(space=space, name=name, slug=name)
        for name in ("usada", "sin-abrir", "ajena")
    )
    other_space = SpaceFactory(kind="community", name="Otra", slug="otra")
    foreign.space = other_space
    foreign.save()
    public = Room.objects.create(space=other_space, name="Abierta", slug="abierta", is_public=True)
    SpaceMembership.objects.create(space=space, user=person)
    RoomRead.objects.create(room=foreign, user=person)  # read once, no access any more
    chat_message_send(user=person, room=used, client_id=uuid.uuid4(), body="hola")
    client.force_login(person)
    rooms = [url for kind, url in pages_of(client)[1] if kind == "room"]
    # The rooms of her spaces, the latest conversation first; a public room once opened.
    assert rooms == [reverse("forum:room", args=[slug]) for slug in ("usada", "sin-abrir")]
    RoomRead.objects.create(room=public, user=person)
    rooms = [url for kind, url in pages_of(client)[1] if kind == "room"]
    assert reverse("forum:room", args=["abierta"]) in rooms
    assert reverse("forum:room", args=["ajena"]) not in rooms


def test_the_list_costs_the_same_for_one_course_or_three(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.learner)
    pages_of(client)  # the course outline and the site's root paths are cached after this
    # Session, person, roles; enrolments, lessons done, modules opened early; rooms.
    with django_assert_max_num_queries(7):
        pages_of(client)
    for slug in ("curso-dos", "curso-tres"):
        build_course(slug=slug, learner=world.learner)
    pages_of(client)
    with django_assert_max_num_queries(7):
        _person, pages = pages_of(client)
    assert sum(1 for kind, _url in pages if kind == "module") == 3


def test_every_page_of_a_signed_in_person_names_them_and_no_other_page_does(client, world):
    assert "X-Rial-Person" not in client.get("/es/")
    client.force_login(world.learner)
    assert client.get("/es/me/learning/")["X-Rial-Person"] == person_key(world.learner)
    page = client.get("/es/me/learning/").text
    assert 'data-offline-list="/es/app/offline-pages/"' in page
    worker = client.get("/sw.js").text
    assert '"logoutPaths": ["/es/accounts/logout/", "/en/accounts/logout/"' in worker


def test_fetching_the_copy_of_a_lesson_records_no_visit(client, world):
    client.force_login(world.learner)
    assert client.get(world.lesson_a.url, **COPY).status_code == 200
    assert not LessonProgress.objects.filter(lesson=world.lesson_a).exists()
    client.get(world.lesson_a.url)
    assert LessonProgress.objects.filter(lesson=world.lesson_a).exists()


def test_the_copy_of_a_room_holds_its_last_hundred_messages_and_marks_nothing_read(
    client, settings
):
    settings.RIAL_CHAT_RATE_LIMIT = (1000, 60)
    space = SpaceFactory(kind="community", name="Red", slug="red")
    room = Room.objects.create(space=space, name="General", slug="general")
    alice, bruno = ProfileFactory().user, ProfileFactory().user
    for person in (alice, bruno):
        SpaceMembership.objects.create(space=space, user=person)
    for n in range(OFFLINE_MESSAGES + 5):
        chat_message_send(user=alice, room=room, client_id=uuid.uuid4(), body=f"mensaje {n}")
    client.force_login(bruno)
    copy = client.get(reverse("forum:room", args=["general"]), **COPY).text
    assert copy.count('class="chat__message') == OFFLINE_MESSAGES
    assert "mensaje 5<" in copy and "mensaje 4<" not in copy
    assert not RoomRead.objects.filter(user=bruno, room=room).exists()
    page = client.get(reverse("forum:room", args=["general"])).text
    assert page.count('class="chat__message') < OFFLINE_MESSAGES
    assert RoomRead.objects.get(user=bruno, room=room).last_read_seq == OFFLINE_MESSAGES + 5
