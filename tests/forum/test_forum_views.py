"""Forum pages: permission boundaries (also by guessing URLs), costs that do not grow,
forms that keep what people typed, files served only to members."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from forum import selectors, services
from forum.models import Post, Subscription, Topic
from tests.forum.forum_fixtures import ask

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood")]


def url(name, **kwargs):
    """Spanish pages, whatever language an earlier test left active."""
    with translation.override("es"):
        return reverse(f"forum:{name}", kwargs=kwargs)


def with_replies(workshop, count):
    """A topic with ``count`` replies, written fast (no services: this is setup)."""
    topic = ask(workshop)
    now = timezone.now()
    Post.objects.bulk_create(
        Post(
            topic=topic,
            number=n,
            author=workshop["bruno" if n % 2 else "expert"],
            body=f"respuesta {n}",
            body_html=f"<p>respuesta {n}</p>",
            created_at=now,
        )
        for n in range(2, count + 2)
    )
    Topic.objects.filter(pk=topic.pk).update(post_count=count + 1)
    topic.refresh_from_db()
    return topic


def test_anonymous_people_are_sent_to_sign_in(client, workshop):
    topic = ask(workshop)
    for path in [
        url("index"),
        url("space", slug="bogota"),
        url("topic", topic_id=topic.pk),
        url("search") + "?q=mesa",
    ]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path


@pytest.mark.parametrize("who", ["outsider", "neighbour"])
def test_people_outside_the_space_get_404_on_every_page(client, workshop, who):
    """What a person may not read answers as if it did not exist (``forum.access``)."""
    topic = ask(workshop)
    post = topic.posts.get()
    client.force_login(workshop[who])
    for path in [
        url("space", slug="bogota"),
        url("topic", topic_id=topic.pk),
        url("topic_unread", topic_id=topic.pk),
        url("topic_new", slug="bogota"),
        url("members", slug="bogota"),
        url("moderation", slug="bogota"),
        url("post_edit", post_id=post.pk),
        url("post_flag", post_id=post.pk),
        url("post_history", post_id=post.pk),
    ]:
        assert client.get(path).status_code == 404, path
    response = client.post(
        url("reply", topic_id=topic.pk), {"body": "intruso", "token": uuid.uuid4()}
    )
    assert response.status_code == 404
    assert client.post(url("post_accept", post_id=post.pk)).status_code == 404
    assert client.post(url("post_delete", post_id=post.pk)).status_code == 404
    assert Post.objects.count() == 1 and Post.objects.get().deleted_at is None
    assert client.get(url("search") + "?q=mesa&space=bogota").status_code == 404


def test_members_do_not_reach_moderation(client, workshop):
    topic = ask(workshop)
    client.force_login(workshop["bruno"])
    assert client.get(url("moderation", slug="bogota")).status_code == 403
    assert client.get(url("post_history", post_id=topic.posts.get().pk)).status_code == 403
    response = client.post(url("topic_moderate", topic_id=topic.pk), {"action": "pin"})
    assert response.status_code == 403
    assert not Topic.objects.get().is_pinned


def test_a_member_asks_from_the_page(client, workshop):
    client.force_login(workshop["alice"])
    page = client.get(url("topic_new", slug="bogota"))
    assert page.status_code == 200 and 'name="is_announcement"' not in page.content.decode()
    form = {
        "category": workshop["questions"].pk,
        "title": "¿Cómo convocamos a la mesa?",
        "body": "Necesito **ideas**",
        "is_question": "on",
        "token": str(uuid.uuid4()),
    }
    response = client.post(url("topic_new", slug="bogota"), form)
    topic = Topic.objects.get()
    assert response.status_code == 302 and response["Location"] == url("topic", topic_id=topic.pk)
    assert client.post(url("topic_new", slug="bogota"), form).status_code == 302
    assert Topic.objects.count() == 1  # the form sent twice
    html = client.get(url("topic", topic_id=topic.pk)).content.decode()
    assert "<strong>ideas</strong>" in html and "En espera de respuesta" in html


def test_a_refused_reply_keeps_the_text(client, workshop, settings):
    topic = ask(workshop)
    settings.RIAL_FORUM_FLOOD_SECONDS = 60
    client.force_login(workshop["alice"])
    response = client.post(
        url("reply", topic_id=topic.pk), {"body": "Mi texto largo y pensado", "token": uuid.uuid4()}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mi texto largo y pensado" in html and "60" in html
    too_long = client.post(
        url("reply", topic_id=topic.pk), {"body": "x" * 20001, "token": uuid.uuid4()}
    )
    assert too_long.status_code == 400
    assert Post.objects.count() == 1


def test_quote_prefills_the_reply(client, workshop):
    topic = ask(workshop, body="Texto original\nsegunda línea")
    client.force_login(workshop["bruno"])
    html = client.get(
        url("topic", topic_id=topic.pk) + f"?quote={topic.posts.get().pk}"
    ).content.decode()
    assert "&gt; Texto original\n&gt; segunda línea" in html
    assert "@alicia-gomez" in html


def test_accepting_from_the_page_puts_the_answer_first(client, workshop):
    topic = ask(workshop)
    answer = services.post_reply(
        user=workshop["expert"], topic=topic, body="La respuesta", token=uuid.uuid4()
    ).post
    client.force_login(workshop["alice"])
    assert client.post(url("post_accept", post_id=answer.pk)).status_code == 302
    html = client.get(url("topic", topic_id=topic.pk)).content.decode()
    assert html.index('id="accepted-title"') < html.index('id="post-1"')
    client.force_login(workshop["bruno"])
    html = client.get(url("space", slug="bogota") + "?status=answered").content.decode()
    assert topic.title.replace("?", "") in html.replace("?", "")
    html = client.get(url("space", slug="bogota") + "?status=waiting").content.decode()
    assert url("topic", topic_id=topic.pk) not in html


def test_unread_and_jump_to_first_unread(client, workshop):
    topic = with_replies(workshop, 45)
    services.topic_mark_read(user=workshop["alice"], topic=topic, number=30)
    client.force_login(workshop["alice"])
    response = client.get(url("topic_unread", topic_id=topic.pk))
    assert response["Location"] == url("topic", topic_id=topic.pk) + "?page=2#post-31"
    html = client.get(url("space", slug="bogota")).content.decode()
    assert "16 sin leer" in html
    client.get(url("topic", topic_id=topic.pk) + "?page=3")
    assert selectors.first_unread_number(topic=topic, user=workshop["alice"]) == 46


def test_topic_page_costs_the_same_with_10_or_2000_replies(
    client, workshop, django_assert_num_queries
):
    small = with_replies(workshop, 10)
    client.force_login(workshop["alice"])
    client.get(url("topic", topic_id=small.pk))  # warm caches (site, nav counts)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url("topic", topic_id=small.pk)).status_code == 200
    big = with_replies(workshop, 2000)
    client.get(url("topic", topic_id=big.pk) + "?page=50")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("topic", topic_id=big.pk) + "?page=50").status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    # session, user, role grants; the topic with the person's facts in one query
    # (forum.access._TOPIC_FOUND); the page's posts, their authors' roles and their files.
    assert len(few) <= 7


def test_space_page_costs_the_same_with_10_or_1000_topics(client, workshop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(count):
        now = timezone.now()
        Topic.objects.bulk_create(
            Topic(
                space=workshop["space"],
                category=workshop["questions"],
                title=f"Tema {n}",
                author=workshop["bruno"],
                last_post_author=workshop["expert"],
                post_count=3,
                is_question=bool(n % 2),
                created_at=now,
                last_posted_at=now,
            )
            for n in range(count)
        )

    make(10)
    client.force_login(workshop["alice"])
    client.get(url("space", slug="bogota"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("space", slug="bogota"))
    make(990)
    client.get(url("space", slug="bogota"))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("space", slug="bogota") + "?page=20").status_code == 200
    assert len(many) == len(few)
    assert len(few) <= 14


def test_attachments_are_served_only_to_people_who_may_read(client, workshop):
    topic = ask(workshop)
    pdf = SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta", content_type="application/pdf")
    post = services.post_reply(
        user=workshop["bruno"], topic=topic, body="El acta", token=uuid.uuid4(), files=[pdf]
    ).post
    attachment = post.attachments.get()
    path = url("attachment", attachment_id=attachment.pk)
    client.force_login(workshop["neighbour"])
    assert client.get(path).status_code == 404
    client.force_login(workshop["alice"])
    response = client.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 acta"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    services.post_delete(actor=workshop["bruno"], post=post)
    assert client.get(path).status_code == 404


def test_search_finds_only_what_the_person_may_read(client, workshop):
    ask(workshop, title="Reglamento de la mesa", body="quórum de dos tercios")
    services.topic_create(
        user=workshop["neighbour"],
        space=workshop["other"],
        category=workshop["other"].categories.get(),
        title="Reglamento secreto",
        body="quórum secreto",
        token=uuid.uuid4(),
    )
    client.force_login(workshop["bruno"])
    html = client.get(url("search") + "?q=quórum").content.decode()
    assert "Reglamento de la mesa" in html and "secreto" not in html
    client.force_login(workshop["neighbour"])
    html = client.get(url("search") + "?q=quórum").content.decode()
    assert "Reglamento secreto" in html and "de la mesa" not in html


def test_unsubscribe_page_works_without_signing_in(client, workshop):
    topic = ask(workshop)
    link = services.unsubscribe_url(workshop["alice"], f"topic:{topic.pk}")
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200  # a confirmation: opening the link changes nothing
    assert not Subscription.objects.filter(user=workshop["alice"], topic=topic, level="muted")
    assert client.post("/" + path).status_code == 200
    assert Subscription.objects.get(user=workshop["alice"], topic=topic).level == "muted"
    assert client.get(url("unsubscribe", token="nonsense")).status_code == 400


def test_coordinators_add_people_from_the_members_page(
    client, workshop, django_capture_on_commit_callbacks
):
    from django.core import mail

    from forum.models import SpaceMembership

    SpaceMembership.objects.filter(user=workshop["mod"]).update(role="coordinator")
    client.force_login(workshop["mod"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("members", slug="bogota"), {"people": "persona.nueva@example.org, Persona Nueva"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["persona.nueva@example.org"]]
    bad = client.post(url("members", slug="bogota"), {"people": "no es un correo"})
    assert bad.status_code == 400 and "no es un correo" in bad.content.decode()
    client.force_login(workshop["alice"])
    html = client.get(url("members", slug="bogota")).content.decode()
    assert 'name="people"' not in html and "@alicia-gomez" in html


def test_cohort_links_lead_to_the_cohort_space(client, world):
    from forum.services import space_ensure_for_cohort

    space = space_ensure_for_cohort(cohort=world.cohort)
    client.force_login(world.learner)
    response = client.get(url("cohort_space", cohort_id=world.cohort.pk))
    assert response["Location"] == url("space", slug=space.slug)
    assert client.get(response["Location"]).status_code == 200


def test_following_a_category_from_its_page(client, workshop):
    from forum.models import Subscription

    client.force_login(workshop["bruno"])
    html = client.get(url("space", slug="bogota") + "?category=preguntas").content.decode()
    prefix = f"category-{workshop['questions'].pk}"
    assert f'name="{prefix}-level"' in html
    client.post(
        url("subscribe"),
        {
            "kind": "category",
            "id": workshop["questions"].pk,
            "prefix": prefix,
            f"{prefix}-level": "watching",
        },
    )
    assert (
        Subscription.objects.get(user=workshop["bruno"], category=workshop["questions"]).level
        == "watching"
    )
    response = client.post(
        url("subscribe"), {"kind": "space", "id": workshop["other"].pk, "level": "watching"}
    )
    assert response.status_code == 404


def test_tutors_see_their_cohorts_waiting_questions(client, world, settings):
    from forum.services import space_ensure_for_cohort

    settings.RIAL_FORUM_FLOOD_SECONDS = 0
    space = space_ensure_for_cohort(cohort=world.cohort)
    category = services.category_default(space=space)
    asked = services.topic_create(
        user=world.learner,
        space=space,
        category=category,
        title="¿Cuándo abre el módulo 2?",
        body="Gracias",
        token=uuid.uuid4(),
        is_question=True,
    ).topic
    services.topic_create(
        user=world.learner,
        space=space,
        category=category,
        title="Solo una charla",
        body="Hola",
        token=uuid.uuid4(),
    )
    client.force_login(world.tutor)
    with translation.override("es"):
        page = reverse("lms:tutoring_cohort", kwargs={"cohort_id": world.cohort.pk})
    html = client.get(page).content.decode()
    assert "¿Cuándo abre el módulo 2?" in html and "Solo una charla" not in html
    answer = services.post_reply(user=world.tutor, topic=asked, body="El lunes", token=uuid.uuid4())
    services.answer_accept(actor=world.tutor, post=answer.post)
    assert "¿Cuándo abre el módulo 2?" not in client.get(page).content.decode()


def test_hidden_posts_stay_hidden_everywhere(client, workshop):
    topic = ask(workshop)
    answer = services.post_reply(
        user=workshop["bruno"], topic=topic, body="Texto que se ocultará", token=uuid.uuid4()
    ).post
    services.answer_accept(actor=workshop["alice"], post=answer)
    services.flag_create(user=workshop["alice"], post=answer, reason="offensive")
    services.flags_resolve(actor=workshop["mod"], post=answer, hide=True)
    topic.refresh_from_db()
    assert topic.accepted_post is None and topic.answered_at is None
    client.force_login(workshop["expert"])
    assert (
        "Texto que se ocultará" not in client.get(url("topic", topic_id=topic.pk)).content.decode()
    )
    for path in [url("post_flag", post_id=answer.pk), url("post_edit", post_id=answer.pk)]:
        assert client.get(path).status_code == 404, path
    client.force_login(workshop["mod"])  # moderators still see it, to restore it
    assert "Texto que se ocultará" in client.get(url("topic", topic_id=topic.pk)).content.decode()


def test_crafted_ids_are_404_not_500(client, workshop):
    topic = ask(workshop)
    client.force_login(workshop["mod"])
    assert client.post(url("moderation", slug="bogota"), {"post": "abc"}).status_code == 404
    assert client.post(url("member_action", slug="bogota"), {"user": "x"}).status_code == 404
    response = client.post(
        url("topic_moderate", topic_id=topic.pk), {"action": "move", "category": "1 OR 1=1"}
    )
    assert response.status_code == 404
