"""Who hears about what: subscriptions, notifications of posts and answers, one-click
unsubscribe links and the digest preference.

The notifications are a task's work (``forum.tasks``), written once per person
and post whatever the number of runs.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from forum.access import space_access, space_readers
from forum.models import Category, DigestPreference, Post, Space, Subscription, Topic
from forum.services.topics import post_url
from lms.models import User
from lms.services.notifications import notifications_fan_out

# Notification titles, translated in each recipient's language when sent.
MENTIONED = gettext_noop("%(name)s mentioned you in “%(topic)s”")
NEW_TOPIC = gettext_noop("New topic in %(space)s: “%(topic)s”")
REPLIED = gettext_noop("%(name)s replied in “%(topic)s”")
YOUR_ANSWER_ACCEPTED = gettext_noop("Your reply was accepted as the answer to “%(topic)s”")
ANSWER_ACCEPTED = gettext_noop("“%(topic)s” has an accepted answer")

UNSUBSCRIBE_SALT = "rial.forum.unsubscribe"


def subscription_set(*, user: User, target, level: str) -> Subscription:
    """Watch, follow normally or mute a space, a category or a topic."""
    if level not in Subscription.Level.values:
        raise ValidationError(_("Unknown level."))
    space = target if isinstance(target, Space) else target.space
    space_access(user=user, space=space).require_read()
    key = {
        Space: "space",
        Category: "category",
        Topic: "topic",
    }[type(target)]
    subscription, _created = Subscription.objects.update_or_create(
        user=user, **{key: target}, defaults={"level": level}
    )
    return subscription


# --- notifications -------------------------------------------------------------------------


def _tell(*, people, kind: str, title: str, params: dict, post: Post, key: str) -> int:
    """An in-app notification and an email to each person, in their language, with a
    one-click unsubscribe from the topic (a task's work: see ``notifications_fan_out``).

    ``title`` is an untranslated message (marked with gettext_noop), translated
    for each recipient.
    """
    target = f"topic:{post.topic_id}"
    return notifications_fan_out(
        people=people,
        kind=kind,
        key=key,
        write=lambda person: {
            "title": _(title) % params,
            "body": Truncator(post.body).chars(240),
            "url": post_url(post),
            "unsubscribe_url": unsubscribe_url(person, target),
        },
        email=True,
    )


def _levels(topic: Topic) -> dict[int, str]:
    """Each subscriber's level for the topic: the closest of topic, category, space."""
    subs = Subscription.objects.filter(
        Q(topic=topic) | Q(category_id=topic.category_id) | Q(space_id=topic.space_id)
    ).values_list("user_id", "topic_id", "category_id", "level")
    closest: dict[int, tuple[int, str]] = {}
    for user_id, topic_id, category_id, level in subs:
        rank = 0 if topic_id else 1 if category_id else 2
        if user_id not in closest or rank < closest[user_id][0]:
            closest[user_id] = (rank, level)
    return {user_id: level for user_id, (_rank, level) in closest.items()}


def _readers_among(topic: Topic, ids) -> dict[int, User]:
    """The people among ``ids`` who may read the topic's space, in one query."""
    return {
        person.pk: person for person in space_readers(space=topic.space).filter(pk__in=list(ids))
    }


def post_notify(
    *, post_id: int, mentioned_ids: list[int], is_new_topic: bool, tell_watchers: bool = True
) -> int:
    """Tell mentioned people and watchers about a post (a task's work, not the request's).

    After an edit only the newly mentioned are told (``tell_watchers=False``).
    Each person is told once per post; a second run tells nobody again.
    """
    post = Post.objects.select_related("topic", "topic__space", "author").get(pk=post_id)
    topic = post.topic
    levels = _levels(topic)
    mentioned = [i for i in mentioned_ids if levels.get(i) != Subscription.Level.MUTED]
    watching = [
        i for i, level in levels.items() if tell_watchers and level == Subscription.Level.WATCHING
    ]
    readers = _readers_among(topic, set(mentioned) | set(watching))
    mentioned = [i for i in dict.fromkeys(mentioned) if i != post.author_id and i in readers]
    watching = [i for i in watching if i != post.author_id and i in readers and i not in mentioned]
    params = {
        "name": post.author.get_full_name(),
        "space": topic.space.display_name,
        "topic": topic.title,
    }
    told = _tell(
        people=[readers[i] for i in mentioned],
        kind="forum_mention",
        title=MENTIONED,
        params=params,
        post=post,
        key=f"post:{post.pk}:mention",
    )
    told += _tell(
        people=[readers[i] for i in watching],
        kind="forum_reply",
        title=NEW_TOPIC if is_new_topic else REPLIED,
        params=params,
        post=post,
        key=f"post:{post.pk}:reply",
    )
    return told


def answer_notify(*, post_id: int) -> int:
    """Tell the topic's watchers, its asker and the reply's author that the reply is
    the accepted answer (a task's work); a second run tells nobody again."""
    post = Post.objects.select_related("topic", "topic__space", "author").get(pk=post_id)
    topic = post.topic
    if topic.accepted_post_id != post.pk:
        return 0  # taken back meanwhile
    levels = _levels(topic)
    people = {i for i, level in levels.items() if level == Subscription.Level.WATCHING}
    people |= {i for i in (post.author_id, topic.author_id) if levels.get(i) != "muted"}
    readers = _readers_among(topic, people)
    author = [readers[i] for i in readers if i == post.author_id]
    others = [person for i, person in readers.items() if i != post.author_id]
    told = 0
    for group, title in ((author, YOUR_ANSWER_ACCEPTED), (others, ANSWER_ACCEPTED)):
        told += _tell(
            people=group,
            kind="forum_answer",
            title=title,
            params={"topic": topic.title},
            post=post,
            key=f"answer:{post.pk}",
        )
    return told


# --- unsubscribe links and digests -------------------------------------------------------


def unsubscribe_url(user: User, target: str) -> str:
    """A link that stops emails about ``target`` ("topic:12", "digest") with no sign-in."""
    from lms.services.notifications import absolute_url

    token = signing.dumps({"u": user.pk, "t": target}, salt=UNSUBSCRIBE_SALT, compress=True)
    return absolute_url(reverse("forum:unsubscribe", kwargs={"token": token}))


def _unsubscribe_data(token: str) -> tuple[User, str]:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ValidationError(_("This unsubscribe link is not valid.")) from error
    user = User.objects.filter(pk=data.get("u")).first()
    target = str(data.get("t", ""))
    if user is None or not (target == "digest" or target.startswith("topic:")):
        raise ValidationError(_("This unsubscribe link is not valid."))
    return user, target


def unsubscribe_target(*, token: str) -> str:
    """What an unsubscribe link would stop ("digest" or "topic:<id>"), changing nothing."""
    return _unsubscribe_data(token)[1]


def unsubscribe(*, token: str) -> tuple[User, str]:
    """Apply an unsubscribe link: mute the topic, or stop the digest. Idempotent."""
    user, target = _unsubscribe_data(token)
    if target == "digest":
        DigestPreference.objects.update_or_create(
            user=user, defaults={"frequency": DigestPreference.Frequency.NEVER}
        )
    elif target.startswith("topic:"):
        topic = Topic.objects.filter(pk=target.split(":", 1)[1]).first()
        if topic is not None:
            Subscription.objects.update_or_create(
                user=user, topic=topic, defaults={"level": Subscription.Level.MUTED}
            )
    else:
        raise ValidationError(_("This unsubscribe link is not valid."))
    return user, target


def digest_preference_set(*, user: User, frequency: str) -> DigestPreference:
    if frequency not in DigestPreference.Frequency.values:
        raise ValidationError(_("Choose never, daily or weekly."))
    preference, _created = DigestPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return preference
