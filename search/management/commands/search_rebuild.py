from django.core.management.base import BaseCommand

from search.providers import rebuild


class Command(BaseCommand):
    help = "Index every searchable object again (programmes, posts, messages, documents...)."

    def handle(self, *args, **options):
        for kind, total in rebuild().items():
            self.stdout.write(f"{kind}: {total}")
