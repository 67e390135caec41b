"""PreparedValues: a query compiled once answers with each call's own values."""

import datetime
import uuid

import pytest
from django.db import models
from django.db.models import Exists, OuterRef, Value
from django.utils import timezone

from courses.prepared import PreparedModels, PreparedValues
from lms.models import Profile, User
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

JOINED = PreparedValues(
    lambda user, since, email: User.objects.filter(pk=user).values(
        "full_name",
        recent=Exists(User.objects.filter(pk=OuterRef("pk"), date_joined__gt=since)),
        same_email=Exists(User.objects.filter(pk=OuterRef("pk"), email=email)),
        one=Value(1),
    ),
    user=int,
    since=datetime.datetime,
    email=str,
)


def test_each_call_answers_with_its_own_values(django_assert_num_queries):
    now = timezone.now()
    old = UserFactory(full_name="Ana Antigua", date_joined=now - datetime.timedelta(days=10))
    new = UserFactory(full_name="Nora Nueva", date_joined=now)
    week_ago = now - datetime.timedelta(days=7)
    with django_assert_num_queries(3):
        first = JOINED.row(user=old.pk, since=week_ago, email=old.email)
        second = JOINED.row(user=new.pk, since=week_ago, email=old.email)
        third = JOINED.row(user=old.pk, since=now - datetime.timedelta(days=30), email="x@y.z")
    assert (first["full_name"], bool(first["recent"]), bool(first["same_email"])) == (
        "Ana Antigua",
        False,
        True,
    )
    assert (second["full_name"], bool(second["recent"]), bool(second["same_email"])) == (
        "Nora Nueva",
        True,
        False,
    )
    assert (bool(third["recent"]), bool(third["same_email"]), third["one"]) == (True, False, 1)
    assert JOINED.row(user=new.pk + old.pk + 1000, since=now, email="") is None


def test_a_parameter_the_query_does_not_use_is_a_mistake():
    unused = PreparedValues(
        lambda user, room: User.objects.filter(pk=user).values("pk"), user=int, room=int
    )
    with pytest.raises(ValueError, match="room"):
        unused.row(user=1, room=2)


PROFILES = PreparedModels(
    lambda since, language: (
        Profile.objects.filter(user__date_joined__gte=since, preferred_language=language)
        .select_related("user")
        .annotate(
            joined=models.F("user__date_joined"),
            superuser=Exists(User.objects.filter(pk=OuterRef("user"), is_superuser=True)),
        )
        .order_by("user__full_name")
    ),
    since=datetime.datetime,
    language=str,
)


def test_prepared_models_are_the_objects_the_orm_builds(django_assert_num_queries):
    now = timezone.now()
    ana = ProfileFactory(user__full_name="Ana", user__date_joined=now, preferred_language="pt")
    ProfileFactory(user__full_name="Bea", user__date_joined=now, preferred_language="es")
    ProfileFactory(
        user__full_name="Cora",
        user__date_joined=now - datetime.timedelta(days=9),
        preferred_language="pt",
    )
    since = now - datetime.timedelta(days=1)
    with django_assert_num_queries(2):
        found = PROFILES.all(since=since, language="pt")
        assert [p.user.full_name for p in found] == ["Ana"]  # select_related: no query
        assert PROFILES.first(since=since, language="fr") is None
    [profile] = found
    orm = PROFILES.build(since=since, language="pt").get()
    assert profile == orm == ana
    # Django's conversions: aware datetimes, booleans (not SQLite's strings and 0/1).
    assert profile.joined == orm.joined == ana.user.date_joined
    assert profile.superuser is False and orm.superuser is False
    assert profile.user.date_joined == ana.user.date_joined
    assert {f.attname: getattr(profile, f.attname) for f in Profile._meta.concrete_fields} == {
        f.attname: getattr(orm, f.attname) for f in Profile._meta.concrete_fields
    }
    assert not profile._state.adding and profile._state.db == "default"


def test_a_uuid_parameter(django_assert_num_queries):
    """A UUID goes to the database as the ORM sends it (text on SQLite)."""
    from forum.models import Message, Room
    from tests.factories import SpaceFactory

    room = Room.objects.create(space=SpaceFactory(), name="Sala", slug="sala")
    person = UserFactory()
    mine = uuid.uuid4()
    Message.objects.create(room=room, seq=1, author=person, client_id=mine, body="x")
    sent = PreparedValues(
        lambda room, client_id: Room.objects.filter(pk=room).values(
            sent=Exists(Message.objects.filter(room_id=OuterRef("pk"), client_id=client_id))
        ),
        room=int,
        client_id=uuid.UUID,
    )
    with django_assert_num_queries(2):
        assert bool(sent.row(room=room.pk, client_id=mine)["sent"]) is True
        assert bool(sent.row(room=room.pk, client_id=uuid.uuid4())["sent"]) is False
