from django.core.management.base import BaseCommand

from forum.services.experts import office_hour_reminders_send


class Command(BaseCommand):
    help = (
        "Email subscribers of office hours that start within a day. Safe to run as often "
        "as you like (e.g. every 15 minutes): each subscriber is reminded once."
    )

    def handle(self, *args, **options):
        sent = office_hour_reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) sent."))
