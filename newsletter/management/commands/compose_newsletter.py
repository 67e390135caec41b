from django.core.management.base import BaseCommand

from newsletter import services


class Command(BaseCommand):
    help = (
        "The scheduler (manage.py run_scheduler) runs this every day at 06:00; run it by "
        "hand to do the same now. It finishes a send that stopped, and every two weeks "
        "composes the next newsletter as a draft for the secretariat to edit and send "
        "(nothing while a draft exists or if the last issue went out less than 14 days ago)."
    )

    def handle(self, *args, **options):
        for line in services.newsletter_compose_due():
            self.stdout.write(line)
