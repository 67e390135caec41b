"""Demo forums: the follow-up of the Bogotá social dialogue workshop, and more.

Written for the demo (demo/data/forums.toml); idempotent (a space that already has
topics is left alone).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from demo.files import read_toml
from forum.models import Category, Post, Space, Subscription, Topic, TopicRead
from lms.markup import render_markdown
from lms.models import User

FORUMS = read_toml("forums.toml")
FLAGS = ("is_announcement", "is_pinned", "is_question")


def ensure_forums() -> int:
    """Categories for every space, and the demo threads. Returns topics created."""
    created = 0
    with transaction.atomic():
        # Only spaces whose pages are a forum: an expert's office hours or a question
        # made later in the load has none, and a second load gave each one (the
        # whole-demo test in tests/demo/loaded/test_loader.py caught it).
        for space in Space.objects.forums():
            specs = FORUMS["categories"].get(space.slug) or FORUMS["default_categories"]
            for position, spec in enumerate(specs):
                translations = spec.get("name_translations", {})
                category, made = Category.objects.get_or_create(
                    space=space,
                    slug=spec["slug"],
                    defaults={
                        "name": spec["name"],
                        "name_translations": translations,
                        "description": spec["description"],
                        "position": position,
                    },
                )
                if not made and not category.name_translations and translations:
                    # Loaded before its name had translations: gets them (once).
                    Category.objects.filter(pk=category.pk).update(name_translations=translations)
        for spec in FORUMS["threads"]:
            space = Space.objects.filter(slug=spec["space"]).first()
            if space is None or Topic.objects.filter(space=space, title=spec["title"]).exists():
                continue
            write_thread(space, spec)
            created += 1
    return created


def write_thread(space: Space, spec: dict) -> None:
    """A topic and its posts as the data files write them (demo/voices.py too)."""
    now = timezone.now()
    posts = spec["posts"]
    category = Category.objects.get(space=space, slug=spec["category"])
    people = {post["author"]: User.objects.get(email=post["author"]) for post in posts}
    topic = Topic.objects.create(
        space=space,
        category=category,
        title=spec["title"],
        author=people[posts[0]["author"]],
        created_at=now - datetime.timedelta(days=posts[0]["days_ago"]),
        last_posted_at=now - datetime.timedelta(days=posts[-1]["days_ago"]),
        last_post_author=people[posts[-1]["author"]],
        post_count=len(posts),
        **{flag: spec[flag] for flag in FLAGS if flag in spec},
    )
    saved = []
    for number, post in enumerate(posts, start=1):
        saved.append(
            Post.objects.create(
                topic=topic,
                number=number,
                author=people[post["author"]],
                body=post["body"],
                body_html=render_markdown(post["body"]),
                created_at=now - datetime.timedelta(days=post["days_ago"]),
            )
        )
    for person in people.values():
        Subscription.objects.get_or_create(
            user=person, topic=topic, defaults={"level": Subscription.Level.WATCHING}
        )
        TopicRead.objects.update_or_create(
            topic=topic, user=person, defaults={"last_read_number": len(posts)}
        )
    if "accepted" in spec:
        topic.accepted_post = saved[spec["accepted"] - 1]
        topic.answered_at = topic.accepted_post.created_at + datetime.timedelta(hours=3)
        topic.save(update_fields=["accepted_post", "answered_at"])
