"""Demo portfolio: the programmes written for the demo (cms/demo/portfolio_data.py),
published by the secretariat with their translations, a few in review, and the
interest some ministries showed."""

import datetime

from django.db import transaction
from django.utils import timezone

from cms.demo.portfolio_data import PROGRAMMES
from courses.models import Theme
from lms.models import User
from portfolio.models import (
    Programme,
    ProgrammeEvent,
    ProgrammeInterest,
    ProgrammeTarget,
    ProgrammeTranslation,
)

TEXT = (
    "name",
    "language",
    "country",
    "institution",
    "contact_name",
    "contact_email",
    "website",
    "category",
    "needs",
    "description",
    "objectives",
    "coverage",
    "target_population",
    "institutions",
    "funding",
    "in_kind",
    "other_support",
    "achievements",
    "lessons",
    "improvements",
    "evaluations",
    "share_workshops",
    "share_bilateral",
    "duration_months",
)
IN_REVIEW = 3  # the last few wait for the secretariat
INTEREST = {  # programme index -> countries that would like to learn from it
    0: ["CR", "HN", "PY"],
    1: ["GT"],
    4: ["DO", "PE", "JM"],
    7: ["CL"],
    10: ["SV", "BO"],
    15: ["UY"],
}


def _programme(spec: dict, themes: dict, secretariat: User, published_at) -> Programme:
    submitted = published_at is not None
    programme = Programme.objects.create(
        **{name: spec[name] for name in TEXT},
        start_date=datetime.date.fromisoformat(spec["start"]) if spec.get("start") else None,
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
    programme.reindex()
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
        in_review = index >= len(PROGRAMMES) - IN_REVIEW
        published_at = None if in_review else now - datetime.timedelta(days=5 * index + 1)
        created.append(_programme(spec, themes, secretariat, published_at))
    for index, countries in INTEREST.items():
        programme = created[index]
        for country in countries:
            if country != programme.country:
                ProgrammeInterest.objects.create(
                    programme=programme, country=country, user=secretariat
                )
    return len(created)
