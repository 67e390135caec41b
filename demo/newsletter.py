"""Demo newsletter: a few subscribers and the first issue, sent (to the dummy
email backend load_demo uses) and in the archive. Texts in demo/data/newsletter.toml."""

from django.db import transaction

from demo.files import read_toml
from lms.models import User
from newsletter import services
from newsletter.models import Issue, Item

NEWSLETTER = read_toml("newsletter.toml")


@transaction.atomic
def ensure_newsletter() -> int:
    if Issue.objects.exists():
        return 0
    secretariat = User.objects.filter(is_superuser=True).order_by("pk").first()
    for user in User.objects.filter(email__in=NEWSLETTER["subscribers"]):
        services.newsletter_subscribe(user=user, subscribed=True)
    issue = services.newsletter_compose(actor=secretariat)
    for code, intro in NEWSLETTER["intro"].items():
        setattr(issue, f"intro_{code}", intro)
    issue.status = Issue.Status.SENDING
    issue.save()
    # Keep it readable: a handful of items per section.
    for section, _label in Item.Section.choices:
        extra = issue.items.filter(section=section).order_by("position")[
            NEWSLETTER["items_per_section"] :
        ]
        Item.objects.filter(pk__in=[item.pk for item in extra]).update(include=False)
    services.deliver_issue(issue.pk)
    return 1
