"""The demo's portfolio and the rest of the portal it shows: workshops, the current call,
the telework repository, translations searched."""

from django.urls import reverse
from django.utils import translation

from portfolio.models import Programme, ProgrammeInterest


def test_the_demo_portfolio(demo, client):
    published = Programme.objects.filter(status="published")
    assert published.count() >= 30
    assert published.values("country").distinct().count() >= 15
    assert set(published.values_list("category", flat=True)) == {
        "osh",
        "skills",
        "labour_admin",
        "gender",
        "msme",
    }
    assert Programme.objects.filter(status="submitted").exists()  # some wait for review
    # A technical-cooperation project of an international organisation, in the Table too.
    project = published.get(organisation="ilo")
    assert project.record_type == "project" and project.country == ""
    assert project.financed is True and project.end_date and project.information_source
    assert ProgrammeInterest.objects.exists()
    # The rest of the portal's demo: workshops, the current call, the telework repository.
    from cooperation.models import Call
    from events.models import Event
    from library.models import Instrument, Publication

    assert {
        "taller-dialogo-social-bogota-2022",
        "taller-educacion-trabajo-buenos-aires-2023",
    } <= set(Event.objects.values_list("slug", flat=True))
    assert Event.objects.get(slug="taller-dialogo-social-bogota-2022").follow_up_space
    assert Call.objects.order_by("-year").first().is_open()
    assert Instrument.objects.filter(repository__slug="teletrabajo").count() >= 10
    assert Publication.objects.filter(kind="results").exclude(document=None).count() == 2
    translated = published.filter(translations__language="en").first()
    with translation.override("en"):
        page = client.get(reverse("portfolio:index") + "?language=en").content.decode()
    assert translated.translations.get(language="en").name in page
