"""Setup for (c) of the chat benchmark: a room, its members and their sessions.

Run in a subprocess with the benchmark's settings and database (after
``migrate``): ``python -m bench.rial_chat_setup COUNT``. Creates a community
space with one room and COUNT members (no passwords: nobody logs in through a
form), a logged-in database session for each, exactly what Django's login
stores, and prints ``{"slug": ..., "sessions": [...]}`` as JSON.
"""

import json
import sys

import django


def main(count: int) -> None:
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from forum.models import Room, Space, SpaceMembership
    from lms.models import Profile, User

    backend = "django.contrib.auth.backends.ModelBackend"
    with transaction.atomic():
        space = Space.objects.create(kind="community", name="Bench", slug="bench")
        room = Room.objects.create(space=space, name="Bench", slug="bench-room")
        unusable = make_password(None)  # nobody logs in with a password
        users = [
            User(email=f"bench{i}@example.org", full_name=f"Bench Person {i}", password=unusable)
            for i in range(count)
        ]
        User.objects.bulk_create(users)
        users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
        Profile.objects.bulk_create([Profile(user=user) for user in users])
        SpaceMembership.objects.bulk_create(
            [SpaceMembership(space=space, user=user) for user in users]
        )
        sessions = []
        for user in users:
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = backend
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            sessions.append(session.session_key)
    print(json.dumps({"slug": room.slug, "sessions": sessions}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
