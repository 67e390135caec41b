"""An email backend for tests: keeps emails in ``mail.outbox`` like locmem, but
refuses any addressed to the ``refused.example`` domain, as an SMTP server
refusing a recipient does."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            refused = [to for to in message.recipients() if to.endswith("@refused.example")]
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No such user")))
        return super().send_messages(messages)


class DyingBackend(EmailBackend):
    """Stops the process (``SystemExit``, as a worker being killed) instead of
    sending the email number ``die_at``; sends like locmem otherwise."""

    die_at = None

    def send_messages(self, messages):
        from django.core import mail

        if self.die_at is not None and len(getattr(mail, "outbox", [])) + 1 >= self.die_at:
            raise SystemExit("killed")
        return super().send_messages(messages)
