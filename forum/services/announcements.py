"""Announcements: a moderator's topic emailed to every member of the space, once each."""

from django.core.mail import send_mail
from django.template.loader import render_to_string

from forum.access import space_people
from forum.models import AnnouncementDelivery, Post, Topic
from forum.services.topics import post_url
from lms.models import User
from lms.services.delivery import RowLedger, deliver_once
from lms.services.notifications import absolute_url, in_language_of


def announcement_send(*, topic_id: int) -> int:
    """Email an announcement to every member of its space, whatever their subscriptions.

    Each delivery is recorded before the email goes out and marked after
    (``lms.services.delivery``), so a second run (after a crash, or by mistake)
    sends nobody a second copy.
    """
    topic = Topic.objects.select_related("space", "author").filter(pk=topic_id).first()
    if topic is None or not topic.is_announcement or topic.deleted_at is not None:
        return 0
    first = Post.objects.get(topic=topic, number=1)

    def send(person: User) -> None:
        with in_language_of(person):
            body = render_to_string(
                "forum/email/announcement.txt",
                {
                    "user": person,
                    "topic": topic,
                    "post": first,
                    "link": absolute_url(post_url(first)),
                },
            )
        send_mail(f"[{topic.space.display_name}] {topic.title}", body, None, [person.email])

    already = AnnouncementDelivery.objects.filter(topic=topic).values("user")
    return deliver_once(
        space_people(space=topic.space).filter(is_active=True).exclude(pk__in=already),
        ledger=RowLedger(AnnouncementDelivery, row=lambda person: {"topic": topic, "user": person}),
        send=send,
    ).sent
