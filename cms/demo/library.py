"""Demo documentation centre: the telework repository (instruments written for
the demo from cms/demo/portfolio_data.py) and a few publications, one of them a
workshop's results document to download, and one suggestion waiting."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from cms.demo.communities import outcome_pdf
from cms.demo.portfolio_data import TELEWORK_INSTRUMENTS
from courses.models import Theme
from library.models import Instrument, Publication, Repository
from lms.models import User

REPOSITORIES = [
    {
        "slug": "teletrabajo",
        "name_es": "Leyes y regulaciones de teletrabajo",
        "name_en": "Telework laws and regulations",
        "name_pt": "Leis e regulamentos de teletrabalho",
        "name_fr": "Lois et règlements sur le télétravail",
        "sort_order": 1,
    },
    {
        "slug": "trabajo-domestico",
        "name_es": "Trabajo doméstico remunerado",
        "name_en": "Paid domestic work",
        "name_pt": "Trabalho doméstico remunerado",
        "name_fr": "Travail domestique rémunéré",
        "sort_order": 2,
    },
]

PUBLICATIONS = [
    # title, kind, language, date, themes, summary, with a file
    (
        "Resultados del Taller hemisférico sobre diálogo social (Bogotá, 2022)",
        "results",
        "es",
        "2022-10-20",
        ["social-dialogue", "collective-bargaining"],
        "Conclusiones y compromisos de los ministerios para fortalecer las mesas tripartitas.",
        True,
    ),
    (
        "Resultados del Taller hemisférico sobre educación y trabajo (Buenos Aires, 2023)",
        "results",
        "es",
        "2023-09-14",
        ["skills-training", "youth-employment"],
        "Cómo articular la formación profesional con los servicios públicos de empleo.",
        True,
    ),
    (
        "La inspección del trabajo frente a la violencia y el acoso: guía práctica",
        "publication",
        "es",
        "2024-05-02",
        ["labour-inspection", "violence-harassment"],
        "Procedimientos para recibir, investigar y sancionar denuncias bajo el Convenio 190.",
        False,
    ),
    (
        "Telework in the Caribbean: a comparative study",
        "study",
        "en",
        "2023-03-10",
        ["telework", "working-conditions"],
        "How ten Caribbean labour ministries regulate and inspect telework.",
        False,
    ),
    (
        "Curso virtual: servicios públicos de empleo con enfoque de género",
        "training",
        "es",
        "2025-02-01",
        ["employment-services", "gender-equality"],
        "Oferta de formación de 6 semanas para funcionarias y funcionarios de los ministerios.",
        False,
    ),
    (
        "Gravação: diálogo virtual sobre economia do cuidado",
        "recording",
        "pt",
        "2026-04-26",
        ["gender-equality", "domestic-work"],
        "Gravação completa do diálogo virtual da rede de pontos focais de gênero.",
        False,
    ),
]


@transaction.atomic
def ensure_library() -> int:
    if Repository.objects.exists():
        return 0
    repositories = {spec["slug"]: Repository.objects.create(**spec) for spec in REPOSITORIES}
    Instrument.objects.bulk_create(
        Instrument(
            repository=repositories["teletrabajo"],
            country=item["country"],
            title=item["title"],
            kind=item["kind"],
            date=datetime.date.fromisoformat(item["date"]),
            summary=item["summary"],
            url=item["url"],
        )
        for item in TELEWORK_INSTRUMENTS
    )
    Document = get_document_model()
    for title, kind, language, date, themes, summary, with_file in PUBLICATIONS:
        when = datetime.date.fromisoformat(date)
        document = None
        if with_file:
            content = outcome_pdf(
                title, datetime.datetime.combine(when, datetime.time(12)), [summary]
            )
            document = Document(title=title)
            document.file.save(f"resultados-{when:%Y}.pdf", ContentFile(content), save=False)
            document.save()
        publication = Publication.objects.create(
            title=title,
            kind=kind,
            language=language,
            date=when,
            summary=summary,
            url="" if with_file else "https://www.example.org/rial/" + kind,
            document=document,
        )
        publication.themes.set(Theme.objects.filter(code__in=themes))
    member = User.objects.filter(email="learner@example.org").first()
    Publication.objects.create(
        title="Guía de teletrabajo seguro del Ministerio de Trabajo de Costa Rica",
        kind="publication",
        language="es",
        url="https://www.example.org/guia-teletrabajo",
        summary="Una guía breve que usamos en las inspecciones; puede servir a otros.",
        status=Publication.Status.SUGGESTED,
        suggested_by=member,
    )
    return len(PUBLICATIONS)
