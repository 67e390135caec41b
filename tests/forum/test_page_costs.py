"""What makes the topic, room and experts pages cheap changes nothing people see:
forms kept rendered write Django's HTML with each visit's token and text, the
person's facts from a query compiled once are theirs, and a hold or a mute still
shows until when."""

import uuid

import pytest
from django import forms as django_forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from forum import forms, selectors, services
from forum.access import access_topic, find_room
from forum.models import Subscription
from tests.forum.forum_fixtures import ask, reply
from tests.forum.test_forum_views import url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood")]

QUOTE = "> <b>Ana</b> & \"Bruno\" escribió:\n> <script>alert('x')</script>\n\n"


def as_django_writes(form) -> str:
    return str(django_forms.Form.render(form))


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("body", ["", QUOTE])
def test_the_kept_reply_form_is_the_html_django_writes(language, body):
    with translation.override(language):
        for _ in range(2):  # made, then kept
            form = forms.ReplyForm(initial={"body": body} if body else {})
            assert str(form) == as_django_writes(form)
    assert "<script>" not in str(forms.ReplyForm(initial={"body": QUOTE}))


def test_each_reply_form_carries_its_own_token():
    first, second = forms.ReplyForm(), forms.ReplyForm()
    tokens = {str(first["token"].value()), str(second["token"].value())}
    assert len(tokens) == 2
    for form in (first, second):
        assert f'name="token" value="{form["token"].value()}"' in str(form)


def test_a_reply_form_with_errors_renders_as_usual():
    form = forms.ReplyForm({"body": "", "token": str(uuid.uuid4())})
    assert not form.is_valid()
    html = str(form)
    assert html == as_django_writes(form)
    assert 'aria-invalid="true"' in html and "field--error" in html


@pytest.mark.parametrize("prefix", [None, "category-7"])
def test_the_kept_subscription_form_marks_the_person_s_level(prefix):
    for level in [choice for choice, _label in Subscription.Level.choices]:
        form = forms.SubscriptionForm(initial={"level": level}, prefix=prefix)
        html = str(form)
        assert html == as_django_writes(form)
        assert f'value="{level}" required id="id_{prefix + "-" if prefix else ""}level_' in html
        assert html.count("checked") == 1


def test_a_topic_page_shows_its_own_token_and_quote(client, workshop):
    topic = ask(workshop)
    client.force_login(workshop["alice"])
    tokens = set()
    for _ in range(2):
        html = client.get(url("topic", topic_id=topic.pk)).content.decode()
        tokens.add(html.split('name="token" value="')[1].split('"')[0])
    assert len(tokens) == 2
    first = topic.posts.get(number=1)
    html = client.get(url("topic", topic_id=topic.pk) + f"?quote={first.pk}").content.decode()
    assert "Moderadora" not in html.split('id="id_body">')[1].split("</textarea>")[0]
    assert "formalizar" in html.split('id="id_body">')[1].split("</textarea>")[0]


def test_the_person_s_facts_are_their_own(workshop):
    topic = ask(workshop)  # Alicia's: she follows it
    Subscription.objects.create(user=workshop["bruno"], topic=topic, level="muted")
    services.topic_mark_read(user=workshop["alice"], topic=topic, number=1)
    seen, access = access_topic(user=workshop["alice"], topic_id=topic.pk)
    assert (seen.read_up_to, access.role) == (1, "member")
    assert seen.subscription_levels == {"topic": "watching"}
    seen, access = access_topic(user=workshop["bruno"], topic_id=topic.pk)
    assert (seen.read_up_to, seen.subscription_levels) == (None, {"topic": "muted"})
    seen, access = access_topic(user=workshop["mod"], topic_id=topic.pk)
    assert access.can_moderate
    with pytest.raises(Exception) as refused:
        access_topic(user=workshop["neighbour"], topic_id=topic.pk)
    assert refused.typename == "Http404"


def test_a_held_member_reads_the_topic_and_sees_until_when(client, workshop):
    topic = ask(workshop)
    hold = services.member_hold(
        actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"], days=3
    )
    _topic, access = access_topic(user=workshop["bruno"], topic_id=topic.pk)
    assert access.held_until == hold.until and not access.can_post
    client.force_login(workshop["bruno"])
    with translation.override("es"):
        when = formats.date_format(timezone.localtime(hold.until), "DATETIME_FORMAT")
    html = client.get(url("topic", topic_id=topic.pk)).content.decode()
    assert 'id="reply-form"' not in html and when in html
    services.member_release(actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"])
    assert 'id="reply-form"' in client.get(url("topic", topic_id=topic.pk)).content.decode()


def test_a_muted_person_sees_until_when_in_the_room(client, community):
    from forum.services.chat import room_mute

    mute = room_mute(
        actor=community["mod"], room=community["room"], user=community["bruno"], minutes=30
    )
    room = find_room(user=community["bruno"], slug="red-general")
    assert room.person_muted_until == mute.until and room.person_held_until is None
    assert find_room(user=community["alice"], slug="red-general").person_muted_until is None
    client.force_login(community["bruno"])
    with translation.override("es"):
        when = formats.date_format(timezone.localtime(mute.until), "DATETIME_FORMAT")
    assert when in client.get(url("room", slug="red-general")).content.decode()
    client.force_login(community["alice"])
    assert when not in client.get(url("room", slug="red-general")).content.decode()


# A post's and a chat message's author, time, text and files are rendered once per
# process under everything they show (forum_tags.post_memo_key, message_memo_key).


def _in_zone(client, zone):
    from lms.middleware import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = zone
    session.save()


def _kept(kind) -> int:
    """How many fragments of posts or messages ("post", "message") this process keeps."""
    from cms.templatetags.site_tags import _fragments

    def holds(value, depth=0):
        if not isinstance(value, tuple):
            return False
        return value[:1] == (kind,) or (depth < 2 and any(holds(v, depth + 1) for v in value))

    return sum(1 for key in _fragments if holds(key))


def _post_html(html, number):
    return html.split(f'id="post-{number}"')[1].split("</li>")[0]


def test_a_kept_post_follows_every_change_and_each_reader_s_time_and_rights(client, workshop):
    from django.contrib.auth import get_user_model

    from tests.forum.forum_fixtures import reply

    topic = ask(workshop)
    answer = reply(workshop, topic, "bruno", body="Con **actas** firmadas").post
    page = url("topic", topic_id=topic.pk)
    when = answer.created_at
    client.force_login(workshop["alice"])
    _in_zone(client, "America/Bogota")
    mine = _post_html(client.get(page).content.decode(), 2)
    assert "<strong>actas</strong>" in mine and "Bruno Reis" in mine
    assert timezone.localtime(when, timezone.get_fixed_timezone(-300)).strftime("%H:%M") in mine
    assert "Marcar como respuesta aceptada" in mine  # she asked: she may accept
    assert "Editar" not in mine  # not hers
    client.force_login(workshop["bruno"])
    _in_zone(client, "Asia/Tokyo")
    theirs = _post_html(client.get(page).content.decode(), 2)
    assert timezone.localtime(when, timezone.get_fixed_timezone(540)).strftime("%H:%M") in theirs
    assert "Editar" in theirs and "Marcar como respuesta aceptada" not in theirs
    assert _kept("post") >= 4  # two posts, two time zones: kept, not rendered each time

    services.post_edit(actor=workshop["bruno"], post=answer, body="Con actas y *fotos*")
    get_user_model().objects.filter(pk=workshop["bruno"].pk).update(full_name="Bruno R. Reis")
    services.answer_accept(actor=workshop["alice"], post=answer)
    client.force_login(workshop["alice"])
    _in_zone(client, "America/Bogota")
    now = _post_html(client.get(page).content.decode(), 2)
    assert "<em>fotos</em>" in now and "actas</strong>" not in now
    assert "Bruno R. Reis" in now and "editado" in now and "Respuesta aceptada" in now


def test_a_kept_message_follows_edits_pins_and_deletions_and_each_reader_s_rights(
    client, community
):
    from forum.services.chat import chat_message_send
    from forum.services.chat_changes import chat_message_delete, chat_message_edit

    room = community["room"]
    sent = chat_message_send(
        user=community["bruno"], room=room, client_id=uuid.uuid4(), body="Hola **red**"
    )
    seq = sent.message.seq
    page = url("room", slug=room.slug)

    def message(who):
        client.force_login(community[who])
        html = client.get(page).content.decode()
        return html.split(f'id="m-{seq}"')[1].split("</li>")[0]

    assert "<strong>red</strong>" in message("alice") and 'class="link-button chat__edit"' not in (
        message("alice")
    )
    assert 'class="link-button chat__edit"' in message("bruno")
    assert _kept("message") >= 2  # as the author and as another reader see it
    chat_message_edit(actor=community["bruno"], room=room, seq=seq, body="Hola *todos*")
    from forum.services.chat_changes import chat_message_pin

    chat_message_pin(actor=community["mod"], room=room, seq=seq, on=True)
    shown = message("alice")
    assert "<em>todos</em>" in shown and "<strong>red</strong>" not in shown
    assert "chat__pinned" in shown and "chat__edited" in shown
    chat_message_delete(actor=community["bruno"], room=room, seq=seq)
    shown = message("alice")
    assert "todos" not in shown and "chat__pinned" not in shown


def test_a_kept_fragment_is_never_keyed_by_a_row():
    """A model instance is equal to another of the same id whatever its fields say: the
    content is rendered as usual instead of kept under it."""
    from django.template import Context, Template

    from forum.models import Space

    fragment = Template("{% load site_tags %}{% memo space %}{{ space.name }}{% endmemo %}")
    space = Space(pk=99, name="Antes")
    assert fragment.render(Context({"space": space})) == "Antes"
    space.name = "Después"
    assert fragment.render(Context({"space": space})) == "Después"


def test_a_full_store_of_kept_fragments_forgets_its_oldest_quarter(monkeypatch):
    """When the store is full the fragments kept longest ago make room, not all of them:
    the layout's, asked for on every page, are not all made again at once."""
    from django.template import Context, Template

    from cms.templatetags import site_tags

    monkeypatch.setattr(site_tags, "FRAGMENTS_KEPT", 8)
    site_tags._fragments.clear()
    fragment = Template("{% load site_tags %}{% memo n %}<p>{{ n }}</p>{% endmemo %}")
    for n in range(8):
        assert fragment.render(Context({"n": n})) == f"<p>{n}</p>"
    assert len(site_tags._fragments) == 8
    assert fragment.render(Context({"n": 8})) == "<p>8</p>"  # full: the two oldest go
    kept = {key[-1] for key in site_tags._fragments}
    assert kept == {2, 3, 4, 5, 6, 7, 8}


def test_a_kept_post_never_gives_its_reader_s_token_to_what_someone_wrote(client, workshop):
    """A post is kept with a placeholder where each reader's CSRF token goes: one drawn
    anew for each rendering, so nothing a person typed can stand in for it."""
    import re

    from tests.forum.forum_fixtures import reply

    topic = ask(workshop)
    bait = "https://evil.example/?t=rialcsrfholeb0c6e1d94f&u=csrf0123456789abcdef0123456789abcdef"
    reply(workshop, topic, "bruno", body=f"[mira]({bait})")
    client.force_login(workshop["alice"])
    for _ in range(2):  # rendered, then kept
        html = client.get(url("topic", topic_id=topic.pk)).content.decode()
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert tokens  # her forms carry her token...
        post = _post_html(html, 2)
        assert bait.replace("&", "&amp;") in post  # ...and the link stays as written
        assert not any(token in post.split("post__actions")[0] for token in tokens)


def test_each_page_of_a_topic_shows_the_files_of_its_own_posts(client, workshop):
    """A page's files come in one query compiled once, by the range of the page's post
    ids: files of the topic's other pages, and of another topic whose posts were
    written in between, stay out."""
    topic, other = ask(workshop), ask(workshop, title="Otra")

    def pdf(name):
        return [SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode(), "application/pdf")]

    for number in range(2, selectors.POSTS_PER_PAGE + 3):
        files = pdf(f"p{number}.pdf") if number in (3, selectors.POSTS_PER_PAGE + 2) else ()
        reply(workshop, topic, "bruno", body=f"Respuesta {number}", files=files)
        if number == 4:  # between two of the first page's posts
            reply(workshop, other, "bruno", body="Aparte", files=pdf("otro.pdf"))
    first, second = (selectors.topic_page_posts(topic=topic, number=page) for page in (1, 2))
    with CaptureQueriesContext(connection) as queries:
        shown = {
            post.number: [item.name for item in post.attachments.all()]
            for post in [*first, *second]
        }
        assert all(item.post is post for post in first for item in post.attachments.all())
    assert len(queries) == 0
    assert {number: names for number, names in shown.items() if names} == {
        3: ["p3.pdf"],
        selectors.POSTS_PER_PAGE + 2: [f"p{selectors.POSTS_PER_PAGE + 2}.pdf"],
    }
    client.force_login(workshop["alice"])
    pages = [
        client.get(url("topic", topic_id=topic.pk) + f"?page={page}").content.decode()
        for page in (1, 2)
    ]
    assert "p3.pdf" in pages[0] and "p3.pdf" not in pages[1]
    assert f"p{selectors.POSTS_PER_PAGE + 2}.pdf" in pages[1]
    assert "otro.pdf" not in pages[0] + pages[1]
