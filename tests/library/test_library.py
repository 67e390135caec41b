"""The documentation centre and the repositories: filters, search, suggestions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from courses.models import Theme
from library import selectors, services
from library.models import Instrument, Publication, Repository
from library.search import publication_index
from lms.models import Notification
from lms.services.people import role_grant
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login, totp_enable

pytestmark = pytest.mark.django_db


@pytest.fixture
def telework(db):
    repository = Repository.objects.create(
        slug="teletrabajo",
        name_es="Leyes de teletrabajo",
        name_en="Telework laws",
        name_pt="Leis de teletrabalho",
        name_fr="Lois sur le télétravail",
    )
    for country, kind, title in [
        ("AR", "law", "Ley 27.555 de teletrabajo"),
        ("AR", "regulation", "Decreto reglamentario"),
        ("CL", "law", "Ley 21.220"),
    ]:
        Instrument.objects.create(
            repository=repository,
            country=country,
            kind=kind,
            title=title,
            date=datetime.date(2020, 8, 1),
            summary="Regula el <b>teletrabajo</b>.",
        )
    return repository


def _publication(title, kind="study", language="es", themes=(), **extra):
    item = Publication.objects.create(title=title, kind=kind, language=language, **extra)
    item.themes.set(Theme.objects.filter(code__in=themes))
    publication_index(publication=item)  # what the admin's snippet hooks do
    return item


def test_instruments_filter_by_country_and_type(telework, client):
    def titles(**filters):
        return [i.title for i in selectors.instruments(repository=telework, **filters)]

    assert len(titles()) == 3
    assert titles(country="AR", kind="law") == ["Ley 27.555 de teletrabajo"]
    assert titles(country="CL") == ["Ley 21.220"]
    assert selectors.countries_in(repository=telework) == ["AR", "CL"]
    with translation.override("es"):
        url = reverse("library:repository", kwargs={"slug": "teletrabajo"})
    page = client.get(url + "?country=AR&kind=regulation").content.decode()
    assert "Decreto reglamentario" in page and "Ley 21.220" not in page
    assert "&lt;b&gt;teletrabajo" in page  # what people typed goes through lms.markup


def test_documents_search_by_words_type_theme_and_language(db):
    _publication("Guía de inspección", kind="publication", themes=["labour-inspection"])
    _publication("Telework study", language="en", themes=["working-conditions"])
    _publication("Sugerido", status=Publication.Status.SUGGESTED)

    def titles(**filters):
        return [p.title for p in selectors.publications(**filters)]

    assert sorted(titles()) == ["Guía de inspección", "Telework study"]
    assert titles(q="INSPECCION") == ["Guía de inspección"]
    assert titles(kind="study") == ["Telework study"]
    assert titles(language="en") == ["Telework study"]
    assert titles(theme=Theme.objects.get(code="labour-inspection")) == ["Guía de inspección"]


def test_members_suggest_and_only_the_secretariat_publishes(
    db, secretariat, client, django_capture_on_commit_callbacks
):
    member = ProfileFactory(user__full_name="Ana Miembro").user
    data = {
        "title": "Guía",
        "kind": "publication",
        "summary": "Útil",
        "language": "es",
        "url": "https://www.example.org/guia",
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = services.publication_suggest(user=member, **data)
    assert services.publication_suggest(user=member, **data).pk == first.pk  # sent twice
    assert first.status == Publication.Status.SUGGESTED
    assert Notification.objects.filter(user=secretariat, kind="document_suggested").exists()
    with pytest.raises(ValidationError) as error:
        services.publication_suggest(user=member, **{**data, "url": "", "title": ""})
    assert {"url", "title"} <= set(error.value.message_dict)
    assert list(selectors.publications()) == []
    with pytest.raises(PermissionDenied):
        services.publication_decide(actor=member, publication=first, publish=True)
    services.publication_decide(actor=secretariat, publication=first, publish=True)
    assert [p.title for p in selectors.publications()] == ["Guía"]
    with pytest.raises(ValidationError):
        services.publication_decide(actor=secretariat, publication=first, publish=False)
    assert Notification.objects.filter(user=member, kind="document_published").exists()
    client.force_login(member)
    with translation.override("es"):
        assert client.get(reverse("library:document_suggestions")).status_code == 403


def test_the_suggestion_form(db, client):
    member = ProfileFactory().user
    client.force_login(member)
    with translation.override("es"):
        url = reverse("library:document_suggest")
    response = client.post(url, {"title": "", "kind": "study", "language": "es", "url": "x"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        url,
        {"title": "Estudio", "kind": "study", "language": "es", "url": "https://example.org/e"},
    )
    assert response.status_code == 302
    assert Publication.objects.get().status == Publication.Status.SUGGESTED


def test_the_documents_page_costs_the_same_for_many(db, client, django_assert_max_num_queries):
    with translation.override("es"):
        url = reverse("library:documents")
    _publication("Uno", themes=["working-conditions", "pensions"])
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200
    for n in range(15):
        _publication(f"Documento {n}", themes=["working-conditions", "pensions"])
    with django_assert_max_num_queries(13):
        assert "Documento 14" in client.get(url).content.decode()


def test_the_secretariat_edits_the_documentation_centre_in_the_admin(db, secretariat, client):
    person = ProfileFactory(user__full_name="Nueva Secretaría").user
    role_grant(actor=secretariat, user=person, role="secretariat")
    totp_enable(person)  # required for the secretariat (lms/mfa.py)
    mfa_force_login(client, person)
    _publication("En el admin")
    response = client.get("/admin/snippets/library/publication/")
    assert response.status_code == 200 and "En el admin" in response.content.decode()
    assert client.get("/admin/snippets/library/instrument/add/").status_code == 200


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_admin_menu_names_each_item_once(rf, language):
    """Wagtail's "Documents" (uploaded files) and the documentation centre are told apart."""
    from wagtail.admin.menu import admin_menu

    from tests.factories import UserFactory

    request = rf.get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    with translation.override(language):
        items = admin_menu.menu_items_for_request(request)
        labels = [str(item.label) for item in items]
        assert len(labels) == len(set(labels)), labels
        library = next(item for item in items if item.name == "library")
        assert str(library.label) == translation.gettext("Documentation centre")
        inside = [str(item.label) for item in library.menu.menu_items_for_request(request)]
    assert len(inside) == len(set(inside)) and set(inside).isdisjoint(labels), inside
    if language == "en":
        assert "Documents" in labels
        assert inside == ["Publications", "Repositories", "Legal instruments"]
