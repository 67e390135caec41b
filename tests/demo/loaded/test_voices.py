"""The demo's open hemispheric forum: voices of several actor types, verified by the
secretariat, in one discussion that any signed-up person may join."""

from demo.voices import ensure_voices
from forum.access import space_access
from forum.models import Post, Space, Topic
from lms.models import Profile, User


def test_the_open_forum_has_verified_voices_and_loads_once(demo, client):
    space = Space.objects.get(slug="rial")
    assert space.kind == Space.Kind.NETWORK and space.rules.open_forum
    topic = Topic.objects.get(space=space, title__startswith="Hacia un consenso hemisférico")
    voices = set(
        Post.objects.filter(topic=topic)
        .filter(author__profile__actor_type_verified_at__isnull=False)
        .values_list("author__profile__actor_type", flat=True)
    )
    assert {"ministry", "workers", "employers", "international", "academia"} <= voices
    verifier = Profile.objects.filter(actor_type_verified_at__isnull=False).values_list(
        "actor_type_verified_by__email", flat=True
    )
    assert set(verifier) == {"secretariat@example.org"}
    # Loading again adds nothing.
    counts = (Topic.objects.count(), Post.objects.count(), User.objects.count())
    assert ensure_voices() == 0
    assert (Topic.objects.count(), Post.objects.count(), User.objects.count()) == counts
    # An official of a ministry who belongs to no space posts in it.
    official = User.objects.get(email="learner2@example.org")
    assert space_access(user=official, space=space).can_post
    client.force_login(official)
    page = client.get(f"/en/forums/t/{topic.pk}/").content.decode()
    for badge in ("voice--workers", "voice--employers", "voice--international", "voice--academia"):
        assert badge in page
