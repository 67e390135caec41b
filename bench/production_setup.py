"""Setup for the production benchmark: people, their sessions and the pages they visit.

Run in a subprocess with the benchmark's settings and database, after
``migrate`` and ``load_demo``: ``python -m bench.production_setup COUNT``.
Creates COUNT participants (no passwords: nobody logs in through a form) who
are members of the demo workshop's space and learners of the demo cohort, a
logged-in database session for each (what Django's login stores), and prints
as JSON the sessions and the addresses they browse: the home page, a lesson
they may open, the workshop's forum and its busiest topics, the workshop's
chat room page and the experts directory.
"""

import json
import sys

import django

SPACE = "taller-dialogo-social-bogota-2022"  # the demo's workshop follow-up
ROOM = "taller-bogota-2022"  # its chat room


def main(count: int) -> None:
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from courses.models import LessonPage
    from forum.models import Room, Space, SpaceMembership, Topic
    from lms.models import Enrolment, Profile, User
    from lms.selectors.learning import content_access

    space = Space.objects.get(slug=SPACE)
    room = Room.objects.get(slug=ROOM)
    learner = Enrolment.objects.select_related("cohort").get(user__email="learner@example.org")
    with transaction.atomic():
        unusable = make_password(None)
        User.objects.bulk_create(
            User(email=f"bench{i}@example.org", full_name=f"Persona Bench {i}", password=unusable)
            for i in range(count)
        )
        users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
        Profile.objects.bulk_create(Profile(user=user, country="CO") for user in users)
        SpaceMembership.objects.bulk_create(SpaceMembership(space=space, user=u) for u in users)
        Enrolment.objects.bulk_create(
            Enrolment(cohort=learner.cohort, user=user, group=learner.group, status=learner.status)
            for user in users
        )
        sessions = []
        for user in users:
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            sessions.append(session.session_key)

    lessons = LessonPage.objects.live().filter(locale__language_code=learner.cohort.language)
    lesson = next(page for page in lessons if content_access(user=users[0], page=page).allowed)
    topics = list(
        Topic.objects.filter(space=space, deleted_at__isnull=True, is_locked=False)
        .order_by("-post_count")
        .values_list("pk", flat=True)[:3]
    )
    pages = [
        "/es/",
        lesson.get_url(),
        f"/es/forums/{space.slug}/",
        *(f"/es/forums/t/{pk}/" for pk in topics),
        f"/es/chat/{room.slug}/",
        "/es/experts/",
    ]
    print(json.dumps({"sessions": sessions, "pages": pages, "topics": topics, "room": room.slug}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
