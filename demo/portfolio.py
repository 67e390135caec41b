"""Demo portfolio: the programmes written for the demo (demo/data/portfolio/, one file
per programme, in the order of their numbers), published by the secretariat with
their translations, a few in review, and the interest some ministries showed.

The ministries named are those of the region, but the programmes, people, figures
and e-mail addresses are plausible fiction and reproduce no real document.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from courses.models import Theme
from demo.files import numbered, read_toml
from lms.models import User
from portfolio.models import (
    Programme,
    ProgrammeEvent,
    ProgrammeInterest,
    ProgrammeTarget,
    ProgrammeTranslation,
)
from portfolio.search import programme_index

# Each file: the programme's fields in its own language, its themes and target groups,
# ``translation`` (name, needs, description, objectives in another language) if any,
# ``interest`` (countries that would like to learn from it) and ``in_review`` (waits
# for the secretariat). Files sort by the number that starts their names.
PROGRAMMES = [read_toml(path) for path in numbered("portfolio")]


def _fields(spec: dict) -> dict:
    """What a ministry's form writes (``Programme.EDITABLE_FIELDS``, themes apart),
    as the file gives it, and the country the programme belongs to."""
    fields = {
        name: spec[name] for name in Programme.EDITABLE_FIELDS if name in spec and name != "themes"
    }
    return {
        **fields,
        "country": spec.get("country", ""),
        "organisation": spec.get("organisation", ""),
        "start_date": spec.get("start"),
        "end_date": spec.get("end"),
    }


def _programme(spec: dict, themes: dict, secretariat: User, published_at) -> Programme:
    submitted = published_at is not None
    programme = Programme.objects.create(
        **_fields(spec),
        consent_publish=True,
        status=Programme.Status.PUBLISHED if submitted else Programme.Status.SUBMITTED,
        created_by=None,
        created_at=(published_at or timezone.now()) - datetime.timedelta(days=10),
        updated_at=published_at or timezone.now(),
        published_at=published_at,
    )
    programme.themes.set([themes[code] for code in spec["themes"]])
    ProgrammeTarget.objects.bulk_create(
        ProgrammeTarget(programme=programme, code=code) for code in spec["targets"]
    )
    ProgrammeEvent.objects.create(
        programme=programme, action="submitted", actor=None, at=programme.created_at
    )
    if submitted:
        ProgrammeEvent.objects.create(
            programme=programme, action="approved", actor=secretariat, at=published_at
        )
    translation = spec.get("translation")
    if translation:
        ProgrammeTranslation.objects.create(
            programme=programme,
            language=translation["language"],
            name=translation["name"],
            needs=translation["needs"],
            description=translation["description"],
            objectives=translation["objectives"],
            translated_by=secretariat,
        )
        ProgrammeEvent.objects.create(
            programme=programme,
            action="translated",
            actor=secretariat,
            comment=translation["language"],
        )
    programme_index(programme=programme)
    return programme


@transaction.atomic
def ensure_portfolio() -> int:
    if Programme.objects.exists():
        return 0
    secretariat = User.objects.filter(is_superuser=True).order_by("pk").first()
    themes = {theme.code: theme for theme in Theme.objects.all()}
    now = timezone.now()
    created = []
    for index, spec in enumerate(PROGRAMMES):
        in_review = spec.get("in_review", False)
        published_at = None if in_review else now - datetime.timedelta(days=5 * index + 1)
        created.append(_programme(spec, themes, secretariat, published_at))
    for spec, programme in zip(PROGRAMMES, created, strict=True):
        for country in spec.get("interest", []):
            if country != programme.country:
                ProgrammeInterest.objects.create(
                    programme=programme, country=country, user=secretariat
                )
    return len(created)
