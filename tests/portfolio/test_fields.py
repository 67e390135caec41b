"""The programme's fields are declared once, on the model: the form asks for
Programme.EDITABLE_FIELDS, programme_save sets exactly those and refuses any other
name, and the page shows Programme.MARKDOWN_FIELDS through lms.markup."""

import datetime

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation

from courses.models import Theme
from lms.choices import Role
from portfolio import services
from portfolio.forms import ProgrammeForm
from portfolio.models import Programme, ProgrammeTranslation
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal_point():
    user = UserFactory(full_name="Rosa Quispe", roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=user, country="PE")
    return user


def _save(actor, data):
    return services.programme_save(actor=actor, data=data, themes=[], targets=[])


def test_the_declarations_name_fields_of_the_model():
    def names(model):
        return {field.name for field in model._meta.get_fields()}

    assert set(Programme.EDITABLE_FIELDS) <= names(Programme)
    assert set(Programme.MARKDOWN_FIELDS) <= set(Programme.EDITABLE_FIELDS)
    assert set(Programme.TRANSLATED_FIELDS) <= set(Programme.EDITABLE_FIELDS)
    assert set(Programme.TRANSLATED_FIELDS) <= names(ProgrammeTranslation)
    # Workflow fields are never typed in.
    assert not {"status", "country", "created_by", "published_at", "search_text"} & set(
        Programme.EDITABLE_FIELDS
    )


def test_a_field_name_that_is_not_on_the_model_is_refused(focal_point):
    with pytest.raises(ValueError, match="Programme has no field 'nickname'"):
        _save(focal_point, {"name": "Inspección móvil", "nickname": "x"})
    assert not Programme.objects.exists()


def test_a_model_field_outside_the_declaration_is_refused(focal_point):
    with pytest.raises(ValueError, match=r"Programme\.status is not set from data"):
        _save(focal_point, {"name": "Inspección móvil", "status": "published"})
    with pytest.raises(ValueError, match=r"Programme\.themes is not set from data"):
        _save(focal_point, {"name": "Inspección móvil", "themes": []})
    assert not Programme.objects.exists()


def test_a_declared_name_that_is_not_on_the_model_is_refused(focal_point, monkeypatch):
    monkeypatch.setattr(Programme, "EDITABLE_FIELDS", (*Programme.EDITABLE_FIELDS, "nickname"))
    with pytest.raises(ValueError, match="EDITABLE_FIELDS names 'nickname'"):
        _save(focal_point, {"name": "Inspección móvil"})
    assert not Programme.objects.exists()


def test_the_form_asks_for_the_declared_fields_in_their_order():
    fields = list(ProgrammeForm().fields)
    assert [name for name in fields if name != "targets"] == list(Programme.EDITABLE_FIELDS)
    assert fields.index("targets") == fields.index("target_population") - 1


def _value(field):
    """A valid value, as a form posts it, for each kind of field of the programme."""
    if field.many_to_many:
        return [Theme.objects.get(code="labour-inspection").pk]
    if field.choices:
        return field.choices[-1][0]
    if isinstance(field, models.BooleanField):
        return "true" if field.null else "on"  # yes / not said / no, or a checkbox
    if isinstance(field, models.DateField):
        return "2024-03-01"
    if isinstance(field, models.PositiveSmallIntegerField):
        return "18"
    if isinstance(field, models.EmailField):
        return "rosa@example.org"
    if isinstance(field, models.URLField):
        return "https://example.org/programa"
    return f"Texto de {field.name}"


def test_every_field_of_the_form_is_saved(focal_point, client):
    """What the form posts is what the programme keeps: no field is dropped."""
    client.force_login(focal_point)
    posted = {name: _value(Programme._meta.get_field(name)) for name in Programme.EDITABLE_FIELDS}
    response = client.post(
        reverse("portfolio:programme_new"), {**posted, "targets": ["rural"], "submit": "draft"}
    )
    assert response.status_code == 302
    programme = Programme.objects.get()
    for name, value in posted.items():
        kept = getattr(programme, name)
        if name == "themes":
            assert list(kept.values_list("pk", flat=True)) == value
        elif value in ("on", "true"):
            assert kept is True, name
        elif name in ("start_date", "end_date"):
            assert kept == datetime.date(2024, 3, 1)
        elif name == "duration_months":
            assert kept == 18
        else:
            assert kept == value, name
    assert list(programme.targets.values_list("code", flat=True)) == ["rural"]


def test_the_page_shows_each_markdown_field_as_html(focal_point, client):
    data = {name: f"**{name}**" for name in Programme.MARKDOWN_FIELDS}
    programme = _save(focal_point, {"name": "Inspección móvil", "language": "es", **data})
    client.force_login(focal_point)
    with translation.override("es"):
        response = client.get(reverse("portfolio:programme", kwargs={"pk": programme.pk}))
    html = response.context["html"]
    assert set(html) == set(Programme.MARKDOWN_FIELDS)
    for name in Programme.MARKDOWN_FIELDS:
        assert f"<strong>{name}</strong>" in html[name]
