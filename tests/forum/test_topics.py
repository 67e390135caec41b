"""Topics and posts: who may open and reply, what each write leaves behind, answers,
attachments and the sanitiser."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from forum import services
from forum.models import Post, PostRevision, Subscription, Topic
from lms.models import Notification
from tests.forum.forum_fixtures import ask, reply

# Messages are matched in English here; other tests check the translations.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood", "english")]


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


def test_authors_cannot_delete_a_first_post_with_replies(workshop):
    topic = ask(workshop)
    reply(workshop, topic, "bruno")
    with pytest.raises(ValidationError):
        services.post_delete(actor=workshop["alice"], post=topic.posts.get(number=1))
    services.post_delete(actor=workshop["mod"], post=topic.posts.get(number=1))
