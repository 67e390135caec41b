"""Forum rules, service by service: who may do what, and what each write leaves behind."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forum import services
from forum.models import (
    AnnouncementDelivery,
    DigestDelivery,
    DigestPreference,
    Flag,
    Mention,
    Post,
    PostRevision,
    SpaceMembership,
    Subscription,
    Topic,
)
from lms.models import ImportJob, Notification, User
from tests.factories import ProfileFactory
from tests.forum.forum_fixtures import ask

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood")]


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here; other tests check the translations."""
    from django.utils import translation

    with translation.override("en"):
        yield


def reply(workshop, topic, user, body="Respuesta", token=None, files=()):
    return services.post_reply(
        user=workshop[user], topic=topic, body=body, token=token or uuid.uuid4(), files=files
    )


def test_a_topic_starts_with_its_first_post_and_its_author_watches_it(workshop):
    topic = ask(workshop, body="Hola **mundo**")
    post = topic.posts.get()
    assert (post.number, topic.post_count, topic.reply_count) == (1, 1, 0)
    assert "<strong>mundo</strong>" in post.body_html
    assert Subscription.objects.get(user=workshop["alice"], topic=topic).level == "watching"


@pytest.mark.parametrize("who", ["outsider", "neighbour"])
def test_people_outside_the_space_cannot_post(workshop, who):
    with pytest.raises(PermissionDenied):
        ask(workshop, user=workshop[who])
    topic = ask(workshop)
    with pytest.raises(PermissionDenied):
        reply(workshop, topic, who)
    assert Post.objects.count() == 1


def test_readers_of_an_open_space_read_but_do_not_post(workshop):
    workshop["space"].readable_by_all = True
    workshop["space"].save()
    with pytest.raises(PermissionDenied, match="only its members write"):
        ask(workshop, user=workshop["outsider"])


def test_a_category_of_another_space_is_refused(workshop):
    with pytest.raises(ValidationError):
        services.topic_create(
            user=workshop["alice"],
            space=workshop["space"],
            category=workshop["other"].categories.get(),
            title="x",
            body="y",
        )


def test_the_same_form_twice_creates_one_topic_and_one_reply(workshop):
    token = uuid.uuid4()
    first = services.topic_create(
        user=workshop["alice"],
        space=workshop["space"],
        category=workshop["questions"],
        title="Una",
        body="texto",
        token=token,
    )
    again = services.topic_create(
        user=workshop["alice"],
        space=workshop["space"],
        category=workshop["questions"],
        title="Una",
        body="texto",
        token=token,
    )
    assert first.created and not again.created and first.topic.pk == again.topic.pk
    reply_token = uuid.uuid4()
    one = reply(workshop, first.topic, "bruno", token=reply_token)
    two = reply(workshop, first.topic, "bruno", token=reply_token)
    assert one.post.pk == two.post.pk and not two.created
    assert Topic.objects.get().post_count == 2


def test_replies_are_numbered_and_counted(workshop):
    topic = ask(workshop)
    for user in ["bruno", "alice", "expert"]:
        reply(workshop, topic, user)
    topic.refresh_from_db()
    assert list(topic.posts.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert topic.post_count == 4 and topic.last_post_author == workshop["expert"]


def test_flood_control_asks_to_wait_and_saves_nothing(workshop, settings):
    settings.RIAL_FORUM_FLOOD_SECONDS = 30
    topic = ask(workshop)
    with pytest.raises(ValidationError, match="30 seconds"):
        reply(workshop, topic, "alice")
    assert topic.posts.count() == 1
    reply(workshop, topic, "bruno")  # others are not slowed down


def test_held_members_read_but_cannot_post_until_released(workshop):
    topic = ask(workshop)
    services.member_hold(
        actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"], days=3
    )
    with pytest.raises(PermissionDenied, match="on hold"):
        reply(workshop, topic, "bruno")
    services.member_release(actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"])
    reply(workshop, topic, "bruno")
    with pytest.raises(PermissionDenied):
        services.member_hold(
            actor=workshop["alice"], space=workshop["space"], user=workshop["bruno"], days=3
        )


def test_locked_topics_take_replies_only_from_moderators(workshop):
    topic = ask(workshop)
    with pytest.raises(PermissionDenied):
        services.topic_moderate(actor=workshop["alice"], topic=topic, action="lock")
    services.topic_moderate(actor=workshop["mod"], topic=topic, action="lock")
    with pytest.raises(PermissionDenied, match="locked"):
        reply(workshop, topic, "bruno")
    reply(workshop, topic, "mod")


def test_moderators_pin_and_move_within_the_space_only(workshop):
    topic = ask(workshop)
    services.topic_moderate(actor=workshop["mod"], topic=topic, action="pin")
    services.topic_moderate(
        actor=workshop["mod"], topic=topic, action="move", category=workshop["stories"]
    )
    topic.refresh_from_db()
    assert topic.is_pinned and topic.category == workshop["stories"]
    with pytest.raises(ValidationError):
        services.topic_moderate(
            actor=workshop["mod"],
            topic=topic,
            action="move",
            category=workshop["other"].categories.get(),
        )


def test_edits_keep_the_history_and_only_author_or_moderator_edit(workshop):
    topic = ask(workshop, body="primera versión")
    post = topic.posts.get()
    with pytest.raises(PermissionDenied):
        services.post_edit(actor=workshop["bruno"], post=post, body="hackeado")
    services.post_edit(actor=workshop["alice"], post=post, body="segunda versión")
    services.post_edit(actor=workshop["mod"], post=post, body="tercera versión")
    post.refresh_from_db()
    assert post.body == "tercera versión" and post.edited_at is not None
    assert list(PostRevision.objects.values_list("body", flat=True)) == [
        "segunda versión",
        "primera versión",
    ]


def test_deleting_is_soft_and_moderators_restore(workshop):
    topic = ask(workshop)
    answer = reply(workshop, topic, "bruno").post
    with pytest.raises(PermissionDenied):
        services.post_delete(actor=workshop["alice"], post=answer)
    services.post_delete(actor=workshop["bruno"], post=answer)
    answer.refresh_from_db()
    assert answer.deleted_at is not None and Post.objects.filter(pk=answer.pk).exists()
    with pytest.raises(PermissionDenied):
        services.post_restore(actor=workshop["bruno"], post=answer)
    services.post_restore(actor=workshop["mod"], post=answer)
    answer.refresh_from_db()
    assert answer.deleted_at is None
    services.post_delete(actor=workshop["mod"], post=topic.posts.get(number=1))
    topic.refresh_from_db()
    assert topic.deleted_at is not None  # the first post takes the topic with it


def test_the_asker_a_moderator_or_an_expert_accepts_an_answer(
    workshop, django_capture_on_commit_callbacks
):
    topic = ask(workshop)
    answer = reply(workshop, topic, "expert", body="Con una resolución ministerial.").post
    with pytest.raises(PermissionDenied):
        services.answer_accept(actor=workshop["bruno"], post=answer)
    with pytest.raises(ValidationError):
        services.answer_accept(actor=workshop["alice"], post=topic.posts.get(number=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(actor=workshop["alice"], post=answer)
    topic.refresh_from_db()
    assert topic.accepted_post == answer and topic.answered_at is not None
    told = Notification.objects.filter(kind="forum_answer").values_list("user__email", flat=True)
    assert workshop["expert"].email in told
    services.answer_unaccept(actor=workshop["expert"], topic=topic)  # experts may, too
    topic.refresh_from_db()
    assert topic.accepted_post is None
    not_a_question = ask(workshop, title="Charla", is_question=False)
    other = reply(workshop, not_a_question, "bruno").post
    with pytest.raises(ValidationError):
        services.answer_accept(actor=workshop["alice"], post=other)


def test_mentions_notify_members_once_in_their_language(
    workshop, django_capture_on_commit_callbacks
):
    topic = ask(workshop)
    body = "Hola @bruno-reis y @persona-ajena, ¿qué opinan? (y otra vez @bruno-reis)"
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(workshop, topic, "expert", body=body).post
    assert list(Mention.objects.filter(post=post).values_list("user__email", flat=True)) == [
        workshop["bruno"].email
    ]  # the outsider is not a member: not mentioned, not told
    note = Notification.objects.get(user=workshop["bruno"], kind="forum_mention")
    assert "mencionou" in note.title  # in Bruno's language, Portuguese
    sent = [m for m in mail.outbox if workshop["bruno"].email in m.to]
    assert len(sent) == 1 and "/forums/unsubscribe/" in sent[0].body
    assert "/forums/unsubscribe/" in sent[0].extra_headers["List-Unsubscribe"]
    assert "/unsubscribe/" not in note.body and "Hola" in note.body  # the post, in the campus
    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(actor=workshop["expert"], post=post, body=body + " editado")
    assert Notification.objects.filter(user=workshop["bruno"], kind="forum_mention").count() == 1


def test_watchers_hear_of_replies_muted_people_do_not(workshop, django_capture_on_commit_callbacks):
    topic = ask(workshop)
    services.subscription_set(user=workshop["bruno"], target=workshop["space"], level="watching")
    services.subscription_set(user=workshop["mod"], target=topic, level="watching")
    services.subscription_set(user=workshop["mod"], target=topic, level="muted")
    with django_capture_on_commit_callbacks(execute=True):
        reply(workshop, topic, "expert")
    told = set(
        Notification.objects.filter(kind="forum_reply").values_list("user__email", flat=True)
    )
    assert told == {workshop["alice"].email, workshop["bruno"].email}
    with pytest.raises(PermissionDenied):
        services.subscription_set(user=workshop["outsider"], target=topic, level="watching")


def test_unsubscribe_links_need_no_login_and_cannot_be_forged(workshop):
    topic = ask(workshop)
    url = services.unsubscribe_url(workshop["alice"], f"topic:{topic.pk}")
    token = url.rstrip("/").rsplit("/", 1)[1]
    services.unsubscribe(token=token)
    services.unsubscribe(token=token)  # twice is fine
    assert Subscription.objects.get(user=workshop["alice"], topic=topic).level == "muted"
    with pytest.raises(ValidationError):
        services.unsubscribe(token=token[:-2] + "xx")
    digest = services.unsubscribe_url(workshop["bruno"], "digest").rstrip("/").rsplit("/", 1)[1]
    services.unsubscribe(token=digest)
    assert DigestPreference.objects.get(user=workshop["bruno"]).frequency == "never"


def test_flags_reach_the_queue_and_moderators_hide_or_keep(
    workshop, django_capture_on_commit_callbacks
):
    topic = ask(workshop)
    spam = reply(workshop, topic, "bruno", body="Compren relojes").post
    with pytest.raises(ValidationError):
        services.flag_create(user=workshop["bruno"], post=spam, reason="spam")
    with pytest.raises(PermissionDenied):
        services.flag_create(user=workshop["outsider"], post=spam, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        services.flag_create(user=workshop["alice"], post=spam, reason="spam", note="publicidad")
    services.flag_create(user=workshop["alice"], post=spam, reason="spam")  # once per person
    assert Flag.objects.count() == 1
    assert Notification.objects.filter(user=workshop["mod"], kind="forum_flag").exists()
    with pytest.raises(PermissionDenied):
        services.flags_resolve(actor=workshop["alice"], post=spam, hide=True)
    assert services.flags_resolve(actor=workshop["mod"], post=spam, hide=True) == 1
    spam.refresh_from_db()
    assert spam.deleted_at is not None and spam.deleted_by == workshop["mod"]


def test_attachments_are_checked_by_type_content_and_size(workshop, settings):
    topic = ask(workshop)
    pdf = SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta", content_type="application/pdf")
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    post = reply(workshop, topic, "bruno", files=[pdf, png]).post
    assert [(a.name, a.is_image) for a in post.attachments.all()] == [
        ("acta.pdf", False),
        ("foto.png", True),
    ]
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError, match="does not match"):
        reply(workshop, topic, "alice", files=[fake])
    script = SimpleUploadedFile("x.html", b"<script>", content_type="text/html")
    with pytest.raises(ValidationError):
        reply(workshop, topic, "alice", files=[script])
    settings.RIAL_ATTACHMENT_MAX_BYTES = 10
    big = SimpleUploadedFile("grande.pdf", b"%PDF" + b"0" * 20, content_type="application/pdf")
    with pytest.raises(ValidationError, match="too large"):
        reply(workshop, topic, "alice", files=[big])
    assert topic.posts.count() == 2  # nothing saved from the refused ones


def test_announcements_reach_every_member_once(workshop, django_capture_on_commit_callbacks):
    services.subscription_set(user=workshop["bruno"], target=workshop["space"], level="muted")
    with pytest.raises(PermissionDenied):
        ask(workshop, title="Aviso", is_announcement=True)
    with django_capture_on_commit_callbacks(execute=True):
        topic = ask(workshop, user=workshop["mod"], title="Aviso", is_announcement=True)
    members = {workshop[k].email for k in ["alice", "bruno", "expert", "mod"]}
    announced = [m for m in mail.outbox if m.subject.endswith("Aviso")]
    assert {m.to[0] for m in announced} == members  # muted or not
    assert services.announcement_send(topic_id=topic.pk) == 0  # a second run sends nothing
    assert AnnouncementDelivery.objects.filter(sent_at__isnull=False).count() == 4


def test_members_import_adds_invites_and_refuses_bad_lists_whole(
    workshop, django_capture_on_commit_callbacks
):
    existing = workshop["outsider"]
    with pytest.raises(PermissionDenied):
        services.space_members_import(actor=workshop["alice"], space=workshop["space"], text="")
    SpaceMembership.objects.filter(user=workshop["mod"]).update(role="coordinator")
    result = services.space_members_import(
        actor=workshop["mod"], space=workshop["space"], text="nueva@example.org,Nueva\nno-es-correo"
    )
    assert result.errors and result.job is None
    assert not User.objects.filter(email="nueva@example.org").exists()
    text = (
        f"email,name\n{existing.email}\nNUEVA@example.org, Nueva Persona\n{workshop['alice'].email}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.space_members_import(
            actor=workshop["mod"], space=workshop["space"], text=text
        )
    job = ImportJob.objects.get(pk=result.job.pk)
    assert job.status == ImportJob.Status.DONE
    # Added: the person who had an account and the new one; Alicia was a member.
    assert (job.created_accounts, job.added, job.already) == (1, 2, 1)
    assert (job.invitations_sent, job.error_count, job.done, job.total) == (1, 0, 3, 3)
    members = set(workshop["space"].memberships.values_list("user__email", flat=True))
    assert {existing.email, "nueva@example.org", workshop["alice"].email} <= members
    invited = User.objects.get(email="nueva@example.org")
    assert invited.full_name == "Nueva Persona" and not invited.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nueva@example.org"]]


def test_digests_go_once_per_period_with_what_the_person_may_read(workshop):
    now = timezone.now()
    ask(workshop, title="Nueva pregunta")
    Topic.objects.create(
        space=workshop["other"],
        category=workshop["other"].categories.get(),
        title="Secreto de la otra red",
        author=workshop["neighbour"],
        post_count=1,
    )
    assert services.send_digests(now=now + datetime.timedelta(minutes=1)) >= 1
    to_bruno = [m for m in mail.outbox if m.to == [workshop["bruno"].email]]
    assert len(to_bruno) == 1
    assert "Nueva pregunta" in to_bruno[0].body and "Secreto" not in to_bruno[0].body
    assert "/forums/unsubscribe/" in to_bruno[0].body
    count = len(mail.outbox)
    assert services.send_digests(now=now + datetime.timedelta(minutes=2)) == 0
    assert len(mail.outbox) == count
    assert DigestDelivery.objects.filter(user=workshop["bruno"]).count() == 1
    assert not [m for m in mail.outbox if m.to == [workshop["alice"].email] and "Nueva" in m.body]


def test_sanitising_corpus_never_lets_script_through(workshop):
    corpus = [
        "<script>alert(1)</script>",
        "[clic](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "<iframe src='https://evil.example'></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="https://ok.example" onclick="steal()">ok</a>',
        "<svg><script>alert(1)</script></svg>",
        "<style>body{display:none}</style>",
        '<div style="background:url(javascript:alert(1))">x</div>',
        "![x](https://evil.example/track.png)",
    ]
    topic = ask(workshop)
    for number, body in enumerate(corpus):
        post = reply(workshop, topic, "bruno", body=body, token=uuid.UUID(int=number + 1)).post
        problems = _dangerous(str(post.body_html))
        assert not problems, (body, post.body_html, problems)


def _dangerous(html: str) -> list[str]:
    """Tags and attributes that could run code or load from elsewhere."""
    from html.parser import HTMLParser

    found = []

    class Check(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in {"script", "iframe", "style", "svg", "object", "embed", "img", "form"}:
                found.append(tag)
            for name, value in attrs:
                value = (value or "").strip().lower()
                if name.startswith("on") or (name == "style" and "url(" in value):
                    found.append(name)
                if name in {"href", "src"} and not value.startswith(
                    ("http://", "https://", "mailto:", "/", "#")
                ):
                    found.append(f"{name}={value}")

    Check().feed(html)
    return found


def test_holds_apply_to_members_only_and_create_no_membership(workshop):
    from forum.models import SpaceHold

    with pytest.raises(ValidationError):
        services.member_hold(
            actor=workshop["mod"], space=workshop["space"], user=workshop["outsider"], days=1
        )
    assert not SpaceMembership.objects.filter(user=workshop["outsider"]).exists()
    services.member_hold(
        actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"], days=2
    )
    assert SpaceHold.objects.get(user=workshop["bruno"]).until > timezone.now()


def test_held_members_cannot_chat_either(workshop):
    from forum.models import Room

    room = Room.objects.create(space=workshop["space"], name="Sala", slug="sala-bogota")
    services.member_hold(
        actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"], days=2
    )
    with pytest.raises(services.ChatError) as refused:
        services.chat_message_send(
            user=workshop["bruno"], room=room, client_id=uuid.uuid4(), body="hola"
        )
    assert refused.value.code == "forbidden"


def test_muting_a_category_wins_over_watching_the_space(
    workshop, django_capture_on_commit_callbacks
):
    topic = ask(workshop)
    services.subscription_set(user=workshop["bruno"], target=workshop["space"], level="watching")
    services.subscription_set(user=workshop["bruno"], target=workshop["questions"], level="muted")
    with django_capture_on_commit_callbacks(execute=True):
        reply(workshop, topic, "expert")
    assert not Notification.objects.filter(user=workshop["bruno"]).exists()


def test_flags_reach_a_cohorts_tutors(world, django_capture_on_commit_callbacks, settings):
    settings.RIAL_FORUM_FLOOD_SECONDS = 0
    space = services.space_ensure_for_cohort(cohort=world.cohort)
    category = services.category_default(space=space)
    other = ProfileFactory().user
    from lms.models import Enrolment

    Enrolment.objects.create(cohort=world.cohort, user=other)
    topic = services.topic_create(
        user=world.learner, space=space, category=category, title="t", body="b"
    ).topic
    with django_capture_on_commit_callbacks(execute=True):
        services.flag_create(user=other, post=topic.posts.get(), reason="spam")
    assert Notification.objects.filter(user=world.tutor, kind="forum_flag").exists()


def test_authors_cannot_delete_a_first_post_with_replies(workshop):
    topic = ask(workshop)
    reply(workshop, topic, "bruno")
    with pytest.raises(ValidationError):
        services.post_delete(actor=workshop["alice"], post=topic.posts.get(number=1))
    services.post_delete(actor=workshop["mod"], post=topic.posts.get(number=1))
