"""The network's open forum (``KindRules.open_forum``): every signed-up person opens
topics and replies in it, moderated as any forum; names carry the actor type the
secretariat verified (lms_tags person_name), and topics filter by it."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from forum import access, selectors, services
from forum.access import access_space, room_access
from forum.events import user_payload
from forum.models import Post, Room, Space, SpaceMembership, Topic
from lms.choices import ActorType
from lms.models import Profile
from tests.factories import CategoryFactory, ProfileFactory, SpaceFactory
from tests.forum.forum_fixtures import ask
from tests.forum.test_forum_views import url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood")]

BADGE = 'class="voice voice--'


def voice(user, actor_type, verified=True):
    Profile.objects.filter(user=user).update(
        actor_type=actor_type, actor_type_verified_at=timezone.now() if verified else None
    )


@pytest.fixture
def hemisphere(workshop):
    """The network's space, open for reading, with a listed moderator (the expert)."""
    space = SpaceFactory(kind=Space.Kind.NETWORK, name="RIAL", slug="rial", readable_by_all=True)
    debate = CategoryFactory(space=space, name="Diálogo social")
    room = Room.objects.create(space=space, name="Sala", slug="rial-sala", is_public=True)
    SpaceMembership.objects.create(space=space, user=workshop["expert"], role="moderator")
    return {**workshop, "net": space, "debate": debate, "room": room}


def open_topic(world, who="outsider", title="Diálogo social tripartito", body="¿Cómo empezamos?"):
    return services.topic_create(
        user=world[who],
        space=world["net"],
        category=world["debate"],
        title=title,
        body=body,
        token=uuid.uuid4(),
    ).topic


def answer(world, topic, who, body="Desde mi ministerio, así."):
    return services.post_reply(user=world[who], topic=topic, body=body, token=uuid.uuid4()).post


def test_only_the_network_s_kind_is_an_open_forum():
    assert Space.kinds(open_forum=True) == [Space.Kind.NETWORK]


def test_every_signed_up_person_opens_topics_and_replies(hemisphere, secretariat):
    _space, found = access_space(user=hemisphere["outsider"], slug="rial")
    assert found.role == access.READER and found.can_post and not found.can_moderate
    assert not found.can_see_members  # readers see the conversation, not the roster
    topic = open_topic(hemisphere)
    reply = answer(hemisphere, topic, "neighbour")
    _space, neighbour = access_space(user=hemisphere["neighbour"], slug="rial")
    assert neighbour.can_reply(topic) and neighbour.can_edit(reply)
    first = topic.posts.get(number=1)
    assert not neighbour.can_edit(first) and not neighbour.can_delete(first, topic)
    assert neighbour.can_flag(first) and not neighbour.can_flag(reply)
    with pytest.raises(PermissionDenied):  # announcements stay the moderators'
        services.topic_create(
            user=hemisphere["outsider"],
            space=hemisphere["net"],
            category=hemisphere["debate"],
            title="Aviso",
            body="Para todas y todos",
            is_announcement=True,
        )
    for moderator in (hemisphere["expert"], secretariat):
        assert access.space_access(user=moderator, space=hemisphere["net"]).can_moderate


def test_the_open_forum_is_moderated_as_any_forum(hemisphere):
    topic = open_topic(hemisphere)
    reply = answer(hemisphere, topic, "neighbour", body="Publicidad")
    services.flag_create(user=hemisphere["alice"], post=reply, reason="spam")
    assert list(selectors.moderation_queue(space=hemisphere["net"])) == [reply]
    with pytest.raises(PermissionDenied):
        services.flags_resolve(actor=hemisphere["outsider"], post=reply, hide=True)
    services.flags_resolve(actor=hemisphere["expert"], post=reply, hide=True)
    assert Post.objects.get(pk=reply.pk).deleted_at is not None
    # A moderator puts a reader who posts on hold: they read, they do not post.
    services.member_hold(
        actor=hemisphere["expert"], space=hemisphere["net"], user=hemisphere["neighbour"], days=3
    )
    _space, held = access_space(user=hemisphere["neighbour"], slug="rial")
    assert held.can_read and not held.can_post and not held.can_reply(topic)
    with pytest.raises(PermissionDenied):
        answer(hemisphere, topic, "neighbour")
    # A moderator of another space is a reader here, held like anyone who posts.
    services.member_hold(
        actor=hemisphere["expert"], space=hemisphere["net"], user=hemisphere["mod"], days=1
    )
    with pytest.raises(ValidationError):  # moderators are not held
        services.member_hold(
            actor=hemisphere["expert"], space=hemisphere["net"], user=hemisphere["expert"], days=1
        )


def test_the_flood_limit_holds_in_the_open_forum(hemisphere, settings):
    settings.RIAL_FORUM_FLOOD_SECONDS = 30
    topic = open_topic(hemisphere)
    with pytest.raises(ValidationError):
        answer(hemisphere, topic, "outsider")


def test_other_spaces_open_for_reading_stay_read_only(hemisphere):
    hemisphere["space"].readable_by_all = True  # the workshop
    hemisphere["space"].save()
    _space, reader = access_space(user=hemisphere["outsider"], slug="bogota")
    assert reader.role == access.READER and not reader.can_post
    with pytest.raises(PermissionDenied):
        reader.require_post()
    assert not reader.can_hold(hemisphere["outsider"], access.READER)


def test_the_open_forum_s_room_keeps_the_space_s_roles(hemisphere):
    """The forum is open; its public room is read by everyone, written by its members."""
    found = room_access(user=hemisphere["outsider"], slug="rial-sala")
    assert found.can_read and not found.can_write
    assert room_access(user=hemisphere["expert"], slug="rial-sala").can_moderate


def test_an_official_posts_from_the_space_page(client, hemisphere):
    client.force_login(hemisphere["outsider"])
    html = client.get(url("space", slug="rial")).content.decode()
    assert url("topic_new", slug="rial") in html
    response = client.post(
        url("topic_new", slug="rial"),
        {
            "title": "Negociación colectiva",
            "body": "Comparto la experiencia de mi ministerio.",
            "category": hemisphere["debate"].pk,
            "token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Topic.objects.filter(space=hemisphere["net"], title="Negociación colectiva").exists()


def test_topics_filter_by_the_verified_voice_that_started_them(client, hemisphere):
    voice(hemisphere["outsider"], ActorType.WORKERS)
    voice(hemisphere["neighbour"], ActorType.EMPLOYERS, verified=False)
    voice(hemisphere["bruno"], ActorType.MINISTRY)
    open_topic(hemisphere, "outsider", title="Tema sindical")
    open_topic(hemisphere, "neighbour", title="Tema empresarial")
    open_topic(hemisphere, "bruno", title="Tema ministerial")
    client.force_login(hemisphere["alice"])
    base = url("space", slug="rial")
    html = client.get(base + "?voice=workers").content.decode()
    assert "Tema sindical" in html and "Tema ministerial" not in html
    assert "Tema empresarial" not in client.get(base + "?voice=employers").content.decode()
    every = client.get(base + "?voice=nonsense").content.decode()  # unknown: every voice
    assert all(
        title in every for title in ("Tema sindical", "Tema empresarial", "Tema ministerial")
    )
    # The filter's links keep the other filters, and the pages keep the filter.
    assert "voice=workers" in html and "?voice=ministry" in html
    assert list(
        selectors.space_topics(space=hemisphere["net"], user=hemisphere["alice"], voice="ministry")
    ) == [Topic.objects.get(title="Tema ministerial")]


def test_badges_only_for_verified_voices_on_topic_and_space_pages(client, hemisphere):
    voice(hemisphere["outsider"], ActorType.INTERNATIONAL)
    voice(hemisphere["neighbour"], ActorType.ACADEMIA, verified=False)
    topic = open_topic(hemisphere)
    answer(hemisphere, topic, "neighbour")
    client.force_login(hemisphere["alice"])
    with translation.override("en"):
        page = client.get(reverse("forum:topic", kwargs={"topic_id": topic.pk})).content.decode()
    assert page.count(BADGE) == 1
    assert 'class="voice voice--international"' in page
    assert "(International organisation)</span>" in page
    assert "voice--academia" not in page
    space_page = client.get(url("space", slug="rial")).content.decode()
    # The starter's badge; the last post's author (the academic) is not verified.
    assert space_page.count(BADGE) == 1 and "voice--international" in space_page


def test_many_verified_voices_cost_no_query_more(client, hemisphere):
    """The badge comes with the author (their profile selected along): a topic whose
    posts come from 20 verified voices costs what one from a single voice costs."""
    kinds = list(ActorType.values)
    single = open_topic(hemisphere, title="Una voz")
    many = open_topic(hemisphere, title="Muchas voces")
    now = timezone.now()
    people = []
    for n in range(20):
        person = ProfileFactory(user__full_name=f"Voz {n}").user
        voice(person, kinds[n % len(kinds)])
        people.append(person)
    voice(hemisphere["outsider"], ActorType.MINISTRY)
    for topic, authors in ((single, [hemisphere["outsider"]] * 20), (many, people)):
        Post.objects.bulk_create(
            Post(
                topic=topic, number=n, author=author, body="x", body_html="<p>x</p>", created_at=now
            )
            for n, author in enumerate(authors, start=2)
        )
        Topic.objects.filter(pk=topic.pk).update(post_count=21, last_post_author=authors[-1])
    client.force_login(hemisphere["alice"])
    client.get(url("topic", topic_id=single.pk))  # warm caches
    client.get(url("topic", topic_id=many.pk))
    with CaptureQueriesContext(connection) as one:
        client.get(url("topic", topic_id=single.pk))
    with CaptureQueriesContext(connection) as twenty:
        page = client.get(url("topic", topic_id=many.pk)).content.decode()
    assert len(twenty) == len(one), [q["sql"] for q in twenty.captured_queries]
    assert page.count(BADGE) == 20
    client.get(url("space", slug="rial"))
    with CaptureQueriesContext(connection) as topics:
        client.get(url("space", slug="rial") + "?voice=ministry")
    with CaptureQueriesContext(connection) as unfiltered:
        client.get(url("space", slug="rial"))
    assert len(topics) == len(unfiltered)


def test_chat_shows_the_badge_in_the_page_and_in_live_frames(client, hemisphere):
    room = hemisphere["room"]
    voice(hemisphere["expert"], ActorType.ACADEMIA)
    fresh = type(hemisphere["expert"]).objects.get(pk=hemisphere["expert"].pk)
    sent = services.chat_message_send(user=fresh, room=room, client_id=uuid.uuid4(), body="Hola")
    assert sent.payload["author"]["voice"] == "academia"
    assert user_payload(hemisphere["alice"])["voice"] == ""
    client.force_login(hemisphere["alice"])
    page = client.get(url("room", slug="rial-sala")).content.decode()
    assert 'class="voice voice--academia"' in page
    assert '"voices": {"ministry": {"short":' in page  # the script's words for live frames


def test_a_moderator_holds_an_author_from_the_queue_of_the_open_forum(client, hemisphere):
    """Who posts in the open forum is on no members page: the queue offers the hold."""
    topic = open_topic(hemisphere)
    services.flag_create(user=hemisphere["alice"], post=topic.posts.get(), reason="spam")
    own = answer(hemisphere, topic, "expert", body="Moderando")
    services.flag_create(user=hemisphere["alice"], post=own, reason="other")
    client.force_login(hemisphere["expert"])
    page = client.get(url("moderation", slug="rial")).content.decode()
    hold = f'name="user" value="{hemisphere["outsider"].pk}"'
    assert hold in page and f'name="user" value="{hemisphere["expert"].pk}"' not in page
    response = client.post(
        url("member_action", slug="rial"),
        {
            "user": hemisphere["outsider"].pk,
            "action": "hold",
            "days": 2,
            "next": url("moderation", slug="rial"),
        },
    )
    assert response["Location"] == url("moderation", slug="rial")
    _space, held = access_space(user=hemisphere["outsider"], slug="rial")
    assert held.held_until is not None and not held.can_post
    # In a space that is no open forum, holds stay on the members page.
    ask_topic = ask(hemisphere)  # in the workshop, by Alicia
    services.flag_create(user=hemisphere["bruno"], post=ask_topic.posts.get(), reason="spam")
    client.force_login(hemisphere["mod"])
    page = client.get(url("moderation", slug="bogota")).content.decode()
    assert 'value="hold"' not in page
