"""Demo documentation centre: the telework repository (instruments written for
the demo) and a few publications, one of them a workshop's results document to
download, and one suggestion waiting. Texts in demo/data/library/."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from courses.models import Theme
from demo.communities import outcome_pdf
from demo.files import read_toml
from library.models import Instrument, Publication, Repository
from lms.models import User

REPOSITORIES = read_toml("library/repositories.toml")["repositories"]
TELEWORK = read_toml("library/telework.toml")["instruments"]
PUBLICATIONS = read_toml("library/publications.toml")


@transaction.atomic
def ensure_library() -> int:
    if Repository.objects.exists():
        # Loaded before documents' titles had translations: they get them (once).
        for spec in PUBLICATIONS["publications"]:
            if spec.get("title_translations"):
                Publication.objects.filter(title=spec["title"], title_translations={}).update(
                    title_translations=spec["title_translations"]
                )
        return 0
    repositories = {spec["slug"]: Repository.objects.create(**spec) for spec in REPOSITORIES}
    Instrument.objects.bulk_create(
        Instrument(
            repository=repositories["teletrabajo"],
            country=item["country"],
            title=item["title"],
            kind=item["kind"],
            date=item["date"],
            summary=item["summary"],
            url=item["url"],
        )
        for item in TELEWORK
    )
    Document = get_document_model()
    for spec in PUBLICATIONS["publications"]:
        title, kind, when, summary = spec["title"], spec["kind"], spec["date"], spec["summary"]
        document = None
        if spec["with_file"]:
            content = outcome_pdf(
                title, datetime.datetime.combine(when, datetime.time(12)), [summary]
            )
            document = Document(title=title)
            document.file.save(f"resultados-{when:%Y}.pdf", ContentFile(content), save=False)
            document.save()
        publication = Publication.objects.create(
            title=title,
            title_translations=spec.get("title_translations", {}),
            kind=kind,
            language=spec["language"],
            date=when,
            summary=summary,
            url="" if spec["with_file"] else "https://www.example.org/rial/" + kind,
            document=document,
        )
        publication.themes.set(Theme.objects.filter(code__in=spec["themes"]))
    suggestion = PUBLICATIONS["suggestion"]
    Publication.objects.create(
        **{k: v for k, v in suggestion.items() if k != "suggested_by"},
        status=Publication.Status.SUGGESTED,
        suggested_by=User.objects.filter(email=suggestion["suggested_by"]).first(),
    )
    return len(PUBLICATIONS["publications"])
