"""Demo newsletter: a few subscribers and the first issue, sent (to the dummy
email backend load_demo uses) and in the archive."""

from django.db import transaction

from lms.models import User
from newsletter import services
from newsletter.models import Issue, Item

SUBSCRIBERS = (
    "learner@example.org",
    "learner2@example.org",
    "expert@example.org",
    "focal@example.org",
    "expert2@example.org",
)


@transaction.atomic
def ensure_newsletter() -> int:
    if Issue.objects.exists():
        return 0
    secretariat = User.objects.filter(is_superuser=True).order_by("pk").first()
    for user in User.objects.filter(email__in=SUBSCRIBERS):
        services.newsletter_subscribe(user=user, subscribed=True)
    issue = services.newsletter_compose(actor=secretariat)
    issue.intro_es = "Bienvenidas y bienvenidos al primer boletín de RIAL Campus."
    issue.intro_en = "Welcome to the first RIAL Campus newsletter."
    issue.intro_pt = "Boas-vindas ao primeiro boletim do RIAL Campus."
    issue.intro_fr = "Bienvenue dans la première lettre d'information de RIAL Campus."
    issue.status = Issue.Status.SENDING
    issue.save()
    # Keep it readable: a handful of items per section.
    for section, _label in Item.Section.choices:
        extra = issue.items.filter(section=section).order_by("position")[5:]
        Item.objects.filter(pk__in=[item.pk for item in extra]).update(include=False)
    services.deliver_issue(issue.pk)
    return 1
