"""Demo voices of the open hemispheric forum (demo/data/voices.toml): people of a
workers' and an employers' organisation, the ILO and academia beside the ministries,
each with the actor type the secretariat verified, and a discussion among them in
the network's space. Idempotent: a declared type is left as it is, a topic that
exists is not written again."""

from django.db import transaction
from django.utils import timezone

from demo.accounts import ensure_person, person_from
from demo.files import read_toml
from demo.forums import write_thread
from forum.models import Space, Topic
from lms.models import Profile, User
from lms.selectors.people import secretariat_people

VOICES = read_toml("voices.toml")


@transaction.atomic
def ensure_voices() -> int:
    """The people, their verified actor types and the thread. Returns topics created."""
    for record in VOICES["people"]:
        ensure_person(person_from(record))
    secretariat = secretariat_people().order_by("pk").first()
    for voice in VOICES["voices"]:
        # Declared and verified as one would on the pages; what a tester changed stays.
        Profile.objects.filter(user__email=voice["email"], actor_type="").update(
            actor_type=voice["actor_type"],
            actor_type_verified_at=timezone.now(),
            actor_type_verified_by=secretariat,
        )
    created = 0
    for spec in VOICES["threads"]:
        space = Space.objects.filter(slug=spec["space"]).first()
        authors = {post["author"] for post in spec["posts"]}
        if (
            space is None
            or Topic.objects.filter(space=space, title=spec["title"]).exists()
            or User.objects.filter(email__in=authors).count() < len(authors)
        ):
            continue
        write_thread(space, spec)
        created += 1
    return created
