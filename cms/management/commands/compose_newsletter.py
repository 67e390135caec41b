import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.newsletter import services
from cms.newsletter.models import Issue
from lms.models import User


class Command(BaseCommand):
    help = (
        "Run it daily from cron: finishes a send that stopped, and every two weeks composes "
        "the next newsletter as a draft for the secretariat to edit and send (nothing while "
        "a draft exists or if the last issue went out less than 14 days ago)."
    )

    def handle(self, *args, **options):
        for stuck in Issue.objects.filter(status=Issue.Status.SENDING):
            sent = services.deliver_issue(stuck.pk)  # a send that stopped: finish it
            self.stdout.write(f"Issue no. {stuck.number}: {sent} more sent.")
        last = Issue.objects.filter(status=Issue.Status.SENT).order_by("-number").first()
        if Issue.objects.filter(status=Issue.Status.DRAFT).exists():
            self.stdout.write("A draft is waiting for the secretariat.")
            return
        if last and last.sent_at and timezone.now() - last.sent_at < datetime.timedelta(days=14):
            self.stdout.write("The last issue is less than two weeks old.")
            return
        actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if actor is None:
            self.stderr.write("No administrator account to compose as.")
            return
        issue = services.newsletter_compose(actor=actor)
        self.stdout.write(self.style.SUCCESS(f"Draft issue no. {issue.number} composed."))
