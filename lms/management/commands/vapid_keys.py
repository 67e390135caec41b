"""Make the VAPID key pair that Web Push needs (lms.services.push).

    manage.py vapid_keys                 # prints the two settings, for the environment
    manage.py vapid_keys --env-file .env # adds them to the file, unless it has a pair

The private key is a secret: keep it with SECRET_KEY. Changing the pair makes
every installed app's subscription useless (their people turn push on again).
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from lms.services.push import vapid_keys_generate

NAMES = ("WEB_PUSH_VAPID_PUBLIC_KEY", "WEB_PUSH_VAPID_PRIVATE_KEY")


class Command(BaseCommand):
    help = "Make a VAPID key pair for Web Push: print it, or add it to an env file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--env-file",
            type=Path,
            help="Add the pair to this file (created if missing) unless it holds one already.",
        )

    def handle(self, *args, env_file: Path | None = None, **options):
        if env_file is not None and env_file.exists():
            held = {
                line.split("=", 1)[0].strip()
                for line in env_file.read_text().splitlines()
                if "=" in line and not line.lstrip().startswith("#")
            }
            if set(NAMES) <= held:
                self.stdout.write(f"{env_file} already holds a VAPID key pair.")
                return
        public, private = vapid_keys_generate()
        lines = f"{NAMES[0]}={public}\n{NAMES[1]}={private}\n"
        if env_file is None:
            self.stdout.write(lines, ending="")
            return
        with env_file.open("a") as handle:
            handle.write(lines)
        env_file.chmod(0o600)
        self.stdout.write(f"Added a VAPID key pair to {env_file}.")
