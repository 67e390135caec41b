from django.core.management.base import BaseCommand

from forum.services.digests import send_digests


class Command(BaseCommand):
    help = (
        "Email the daily and weekly digests that are due. The scheduler (manage.py "
        "run_scheduler) runs this every day at 07:00 (TIME_ZONE); run it by hand to send "
        "what is due now. Safe to run as often as you like: nobody gets the same digest twice."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(self.style.SUCCESS(f"{sent} digest(s) sent."))
