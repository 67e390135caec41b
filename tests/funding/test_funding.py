"""The funding directory: suggest, review and publish; who sees what; filters; following
themes; new calls and deadlines told to followers in their language, once; the
newsletter's section; the site's search; what it suggests for a need."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Theme
from funding import selectors, services
from funding.models import Funder, FundingCall, Status, ThemeFollow
from funding.suggestions import need_suggestions
from lms.choices import Role
from lms.models import Notification
from newsletter import services as newsletter_services
from newsletter.models import Item
from search.providers import preview, providers
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"funding:{name}", kwargs=kwargs)


def themes(*codes):
    return list(Theme.objects.filter(code__in=codes))


def person(name="Ana Miembro", language="es", country="CL", roles=(Role.PARTICIPANT,)):
    return ProfileFactory(
        user__full_name=name,
        user__roles=list(roles),
        preferred_language=language,
        country=country,
    ).user


@pytest.fixture
def focal(db):
    return person("Punto Focal", country="HT", language="fr", roles=[Role.FOCAL_POINT])


@pytest.fixture
def funder(db):
    item = Funder.objects.create(
        name="Banco de Ejemplo", slug="banco", kind=Funder.Kind.BANK, description="**Banco**"
    )
    item.themes.set(themes("employment-services"))
    return item


def published_call(funder, title="Convocatoria", codes=("labour-inspection",), **extra):
    """A call published as the review page publishes it (indexed, followers told)."""
    values = {"deadline": TODAY() + datetime.timedelta(days=30), "language": "es", **extra}
    call = FundingCall.objects.create(funder=funder, title=title, status=Status.SUGGESTED, **values)
    call.themes.set(themes(*codes))
    secretariat = person("Secretaría", roles=[Role.SECRETARIAT])
    return services.call_decide(actor=secretariat, call=call, publish=True)


def suggest_call(user, funder, **extra):
    data = {
        "funder": funder,
        "title": "Inspección del trabajo en la región",
        "summary": "Apoyo técnico",
        "themes": themes("labour-inspection"),
        "countries": ["HT", "JM"],
        "amount_min": Decimal(1000),
        "amount_max": Decimal(5000),
        "currency": "usd",
        "deadline": TODAY() + datetime.timedelta(days=20),
        "how_to_apply": "1. Escriba\n2. Envíe <script>x</script>",
        "url": "https://example.org/call",
        "language": "es",
    }
    return services.call_suggest(user=user, **{**data, **extra})


# --- suggest, review, publish ------------------------------------------------------------


def test_focal_points_suggest_and_only_the_secretariat_publishes(
    funder, focal, secretariat, django_capture_on_commit_callbacks
):
    member = person()
    with pytest.raises(PermissionDenied):
        suggest_call(member, funder)
    with django_capture_on_commit_callbacks(execute=True):
        call = suggest_call(focal, funder)
    assert call.status == Status.SUGGESTED and call.countries == " HT JM "
    assert call.currency == "USD" and "<script>" not in call.how_to_apply_html
    told = Notification.objects.get(user=secretariat, kind="funding_suggested")
    assert told.url == "/en/funding/review/"  # in the secretariat's language
    # Nobody but its author and the secretariat sees a suggestion.
    assert list(selectors.open_calls()) == []
    assert selectors.call_for(user=member, pk=call.pk) is None
    assert selectors.call_for(user=SimpleNamespace(is_authenticated=False), pk=call.pk) is None
    assert selectors.call_for(user=focal, pk=call.pk) == call
    with pytest.raises(PermissionDenied):
        services.call_decide(actor=focal, call=call, publish=True)
    services.call_decide(actor=secretariat, call=call, publish=True)
    call.refresh_from_db()
    assert call.status == Status.PUBLISHED and call.published_at is not None
    assert [c.title for c in selectors.open_calls()] == [call.title]
    with pytest.raises(ValidationError):
        services.call_decide(actor=secretariat, call=call, publish=False)
    published = Notification.objects.get(user=focal, kind="funding_published")
    assert published.url == f"/fr/funding/calls/{call.pk}/"


def test_a_suggestion_is_checked_and_a_call_needs_a_published_funder(focal, secretariat):
    with pytest.raises(ValidationError) as error:
        services.funder_suggest(user=focal, name=" ", kind="nope", description="x" * 20_000)
    assert {"name", "kind", "description"} <= set(error.value.message_dict)
    new = services.funder_suggest(user=focal, name="Fundación Nueva", kind="foundation")
    with pytest.raises(ValidationError) as error:
        suggest_call(
            focal,
            new,
            amount_min=Decimal(9),
            amount_max=Decimal(1),
            deadline=TODAY() - datetime.timedelta(days=1),
        )
    assert {"funder", "amount_max", "deadline"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError):  # in the directory already
        services.funder_suggest(user=focal, name="fundación nueva", kind="foundation")
    services.funder_decide(actor=secretariat, funder=new, publish=True)
    assert suggest_call(focal, Funder.objects.get(pk=new.pk)).funder == new


def test_the_pages_follow_the_permissions(client, funder, focal, secretariat):
    call = suggest_call(focal, funder)
    member = person()
    client.force_login(member)
    assert client.get(url("suggest_call")).status_code == 403
    assert client.get(url("review")).status_code == 403
    decide = url("decide", what="call", pk=call.pk)
    assert client.post(decide, {"decision": "publish"}).status_code == 403
    assert client.get(url("call", pk=call.pk)).status_code == 404  # not theirs to see
    client.force_login(focal)
    assert client.get(url("call", pk=call.pk)).status_code == 200
    response = client.post(url("suggest_funder"), {"name": "", "kind": "bank", "website": "x"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        url("suggest_funder"),
        {"name": "GIZ", "kind": "agency", "website": "https://giz.example", "themes": []},
    )
    assert response.status_code == 302 and Funder.objects.get(name="GIZ").status == "suggested"
    mfa_force_login(client, secretariat)
    page = client.get(url("review")).content.decode()
    assert "GIZ" in page and call.title in page
    assert client.post(decide, {"decision": "publish"}).status_code == 302
    client.logout()
    page = client.get(url("call", pk=call.pk)).content.decode()
    assert call.title in page and "Haiti" in page and "1,000 to 5,000 USD" in page
    assert "<ol>" in page  # how to apply, through lms.markup
    assert client.get(url("funder", slug="giz")).status_code == 404
    assert client.get(url("funder", slug="banco")).status_code == 200


def test_the_secretariat_edits_the_directory_in_the_admin(client, secretariat, funder):
    mfa_force_login(client, secretariat)
    response = client.get("/admin/snippets/funding/funder/")
    assert response.status_code == 200 and "Banco de Ejemplo" in response.content.decode()
    assert client.get("/admin/snippets/funding/fundingcall/add/").status_code == 200


# --- filters and pages ---------------------------------------------------------------------


def test_open_calls_filter_by_theme_country_kind_and_deadline(funder):
    foundation = Funder.objects.create(name="Fundación", slug="f", kind="foundation")
    published_call(funder, "Inspección HT", countries=" HT ")
    published_call(
        foundation,
        "Empleo todos",
        codes=("youth-employment",),
        deadline=TODAY() + datetime.timedelta(days=5),
    )
    published_call(funder, "Sin plazo", codes=("social-dialogue",), deadline=None)
    closed = published_call(funder, "Cerrada")
    FundingCall.objects.filter(pk=closed.pk).update(deadline=TODAY() - datetime.timedelta(days=1))
    hidden = Funder.objects.create(name="Oculto", slug="o", kind="bank", status="suggested")
    FundingCall.objects.create(funder=hidden, title="De un financiador oculto")

    def titles(**filters):
        return [c.title for c in selectors.open_calls(**filters)]

    assert titles() == ["Empleo todos", "Inspección HT", "Sin plazo"]  # soonest first
    assert titles(theme=themes("labour-inspection")[0]) == ["Inspección HT"]
    assert titles(country="HT") == ["Empleo todos", "Inspección HT", "Sin plazo"]
    assert titles(country="CL") == ["Empleo todos", "Sin plazo"]
    assert titles(kind="foundation") == ["Empleo todos"]
    assert titles(within_days=7) == ["Empleo todos"]
    assert [f.name for f in selectors.funders(kind="bank")] == ["Banco de Ejemplo"]


def test_the_funding_page_filters_and_costs_the_same_for_many(
    client, funder, django_assert_max_num_queries
):
    published_call(funder, "Primera", countries=" HT ")
    client.get(url("index"))
    with django_assert_max_num_queries(12):
        assert client.get(url("index")).status_code == 200
    for n in range(15):
        published_call(funder, f"Convocatoria {n}", codes=("labour-inspection", "skills-training"))
        Funder.objects.create(name=f"Financiador {n}", slug=f"f{n}", kind="agency")
    with django_assert_max_num_queries(12):
        page = client.get(url("index")).content.decode()
    assert "Convocatoria 14" in page and "Financiador 14" in page
    page = client.get(url("index"), {"country": "CL"}).content.decode()
    assert "Primera" not in page and "Convocatoria 3" in page
    with django_assert_max_num_queries(12):
        assert client.get(url("funder", slug="banco")).status_code == 200


def test_a_person_follows_themes_on_the_funding_page(client):
    member = person()
    assert "Sign in to follow themes" in client.get(url("index")).content.decode()
    client.force_login(member)
    chosen = themes("labour-inspection", "youth-employment")
    response = client.post(url("follow"), {"themes": [t.pk for t in chosen]})
    assert response.status_code == 302
    assert selectors.followed_theme_ids(user=member) == {t.pk for t in chosen}
    page = client.get(url("index")).content.decode()
    assert "You follow 2 themes" in page
    client.post(url("follow"), {"themes": [chosen[0].pk]})
    assert set(ThemeFollow.objects.values_list("theme_id", flat=True)) == {chosen[0].pk}
    client.logout()
    assert client.post(url("follow"), {"themes": []}).status_code == 302  # to sign in
    assert ThemeFollow.objects.count() == 1


# --- telling followers -------------------------------------------------------------------


def test_a_published_call_is_told_to_the_followers_of_its_themes_in_their_language(
    funder, focal, secretariat, django_capture_on_commit_callbacks
):
    inspection = themes("labour-inspection")
    spanish, english = person("Hispana", "es"), person("English", "en")
    other = person("Otro tema", "pt")
    for who in (spanish, english, focal):
        services.follows_set(user=who, themes=inspection)
    services.follows_set(user=other, themes=themes("youth-employment"))
    call = suggest_call(focal, funder)
    assert not Notification.objects.filter(kind="funding_call").exists()  # not yet
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.call_decide(actor=secretariat, call=call, publish=True)
    told = {n.user_id: n for n in Notification.objects.filter(kind="funding_call")}
    assert set(told) == {spanish.pk, english.pk, focal.pk}
    # Each in their language (the link's prefix; the titles once translated).
    assert told[spanish.pk].url == f"/es/funding/calls/{call.pk}/"
    assert told[english.pk].title.startswith("New funding call (Banco de Ejemplo)")
    assert told[english.pk].url == f"/en/funding/calls/{call.pk}/"
    assert told[focal.pk].url == f"/fr/funding/calls/{call.pk}/"
    emails = {m.to[0]: m for m in mail.outbox}
    assert set(emails) == {spanish.email, english.email, focal.email}
    assert f"/es/funding/calls/{call.pk}/" in emails[spanish.email].body
    # The worker running the task again tells nobody twice.
    assert services.call_published_notify(call_id=call.pk) == 0
    assert Notification.objects.filter(kind="funding_call").count() == 3


def test_deadline_reminders_go_a_week_and_a_day_before_once(funder):
    follower = person("Sigue", "en")
    services.follows_set(user=follower, themes=themes("labour-inspection"))
    today = TODAY()
    week = published_call(funder, "In a week", deadline=today + datetime.timedelta(days=7))
    day = published_call(funder, "Tomorrow", deadline=today + datetime.timedelta(days=1))
    published_call(funder, "In three days", deadline=today + datetime.timedelta(days=3))
    published_call(
        funder, "Other theme", codes=("youth-employment",), deadline=today + datetime.timedelta(1)
    )
    assert services.deadlines_remind(today=today) == 2
    assert services.deadlines_remind(today=today) == 0  # a second run: nobody twice
    reminders = Notification.objects.filter(user=follower, kind="funding_deadline")
    assert sorted(n.url for n in reminders) == sorted(
        [f"/en/funding/calls/{week.pk}/", f"/en/funding/calls/{day.pk}/"]
    )
    # Six days later the call of "a week" is due tomorrow: its second reminder.
    assert services.deadlines_remind(today=today + datetime.timedelta(days=6)) == 1


def test_new_calls_go_in_the_newsletter(funder, secretariat):
    new = published_call(funder, "Convocatoria nueva")
    closed = published_call(funder, "Cerrada ya")
    FundingCall.objects.filter(pk=closed.pk).update(deadline=TODAY() - datetime.timedelta(days=1))
    issue = newsletter_services.newsletter_compose(actor=secretariat)
    items = issue.items.filter(section=Item.Section.FUNDING)
    assert [item.title_es for item in items] == ["Convocatoria nueva (Banco de Ejemplo)"]
    assert items[0].url.endswith(f"/funding/calls/{new.pk}/")


# --- search and needs ----------------------------------------------------------------------


def test_the_site_search_finds_a_call_with_or_without_accents(client, funder):
    call = published_call(funder, "Formación técnica para inspectores")
    FundingCall.objects.create(funder=funder, title="Formación sugerida", status="suggested")
    provider = next(p for p in providers() if p.kind == "funding-call")
    for word in ("formacion", "FORMACIÓN", "inspectores"):
        found = preview(provider, None, word, limit=5)
        assert [r.title for r in found.results] == [call.title], word
    assert [c.title for c in selectors.open_calls(q="tecnica")] == [call.title]
    page = client.get(reverse("search:search"), {"q": "formacion"}).content.decode()
    assert call.title in page and "Formación sugerida" not in page
    services.call_decide  # noqa: B018 (declined calls leave the index: below)
    declined = FundingCall.objects.get(title="Formación sugerida")
    secretariat = person("Secretaría 2", roles=[Role.SECRETARIAT])
    services.call_decide(actor=secretariat, call=declined, publish=False)
    assert [r.title for r in preview(provider, None, "formacion", limit=5).results] == [call.title]


def test_need_suggestions_are_the_open_calls_of_the_theme_for_the_country(funder):
    inspection = themes("labour-inspection")[0]
    for_haiti = published_call(funder, "Para Haití", countries=" HT ")
    published_call(funder, "Para Chile", countries=" CL ")
    for_all = published_call(funder, "Para todos", deadline=None)
    published_call(funder, "Otro tema", codes=("youth-employment",))
    closed = published_call(funder, "Cerrada")
    FundingCall.objects.filter(pk=closed.pk).update(deadline=TODAY() - datetime.timedelta(days=1))
    need = SimpleNamespace(theme_id=inspection.pk, country="HT")
    with translation.override("en"):
        found = need_suggestions(need, None)
    assert [s.title for s in found] == ["Para Haití", "Para todos"]
    first = found[0]
    assert first.kind == "funding-call" and first.kind_label == "Funding call"
    assert first.url == f"/en/funding/calls/{for_haiti.pk}/"
    assert first.detail.startswith("Banco de Ejemplo · deadline ")
    assert first.action_url is None and first.action_label is None
    assert found[1].detail == "Banco de Ejemplo · applications at any time"
    assert for_all.pk
    assert need_suggestions(SimpleNamespace(theme_id=None, country="HT"), None) == []


def test_the_migration_gives_an_existing_secretariat_group_the_directory_permissions():
    import importlib

    from django.contrib.auth.models import Group

    from lms.services.people import SECRETARIAT_GROUP

    group = Group.objects.create(name=SECRETARIAT_GROUP)
    migration = importlib.import_module("funding.migrations.0002_secretariat_permissions")
    migration.ensure_secretariat_group(None, None)
    codenames = set(
        group.permissions.filter(content_type__app_label="funding").values_list(
            "codename", flat=True
        )
    )
    assert {"change_fundingcall", "add_funder", "view_funder"} <= codenames


def test_a_need_page_suggests_the_open_calls_of_its_theme_for_its_ministry(client, funder):
    from needs.models import Need

    inspection = themes("labour-inspection")[0]
    call = published_call(funder, "Para Haití", countries=" HT ")
    published_call(funder, "Para Chile", countries=" CL ")
    need = Need.objects.create(
        country="HT",
        theme=inspection,
        title="Inspección en zonas rurales",
        description="Necesitamos apoyo.",
        help_kinds="training",
    )
    client.force_login(person())
    with translation.override("en"):
        html = client.get(reverse("needs:need", kwargs={"pk": need.pk}))
    text = html.content.decode()
    assert html.status_code == 200
    assert "Funding call" in text and f"/en/funding/calls/{call.pk}/" in text
    assert "Para Chile" not in text
