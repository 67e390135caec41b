from django.core.management.base import BaseCommand

from forum.services.office_hours import office_hour_reminders_send


class Command(BaseCommand):
    help = (
        "Email subscribers of office hours that start within a day. The scheduler "
        "(manage.py run_scheduler) runs this every 15 minutes; run it by hand to send what "
        "is due now. Safe to run as often as you like: each subscriber is reminded once."
    )

    def handle(self, *args, **options):
        sent = office_hour_reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) sent."))
