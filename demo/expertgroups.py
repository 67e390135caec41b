"""Demo questions to ad-hoc expert groups, put by the gender network at its last meeting:
one answered (both experts accepted, wrote, signed; the secretariat published the
opinion to the documentation centre), one whose expert has not answered yet. Texts in
demo/data/expertgroups.toml. Made through the services, as the pages make them;
idempotent: a question that exists is left as it is. Runs after the bodies and experts."""

import datetime

from django.db import transaction
from django.utils import timezone

from bodies.models import Body, Meeting
from courses.models import Theme
from demo.files import read_toml
from expertgroups import services
from expertgroups.models import Consultation
from lms.models import User

DATA = read_toml("expertgroups.toml")["consultations"]


@transaction.atomic
def ensure_expertgroups() -> int:
    """Create the questions that are missing; returns how many were created."""
    secretariat = User.objects.filter(email="secretariat@example.org").first()
    created = 0
    for spec in DATA:
        body = Body.objects.filter(slug=spec["body"]).first()
        if secretariat is None or body is None:
            continue
        if Consultation.objects.filter(question=spec["question"]).exists():
            continue
        people = {
            user.email: user
            for user in User.objects.filter(email__in=spec["accept"] + spec["invite"])
        }
        consultation = services.consultation_convene(
            actor=secretariat,
            asked_by=body,
            meeting=Meeting.objects.filter(body=body, title=spec["meeting"]).first(),
            question=spec["question"],
            terms=spec["terms"],
            deadline=timezone.localdate() + datetime.timedelta(days=spec["deadline_days"]),
            experts=[people[email] for email in spec["accept"] + spec["invite"] if email in people],
            themes=Theme.objects.filter(code__in=spec["themes"]),
            language=spec["language"],
        )
        accepted = [people[email] for email in spec["accept"] if email in people]
        for expert in accepted:
            services.invitation_answer(actor=expert, consultation=consultation, accept=True)
        if spec["opinion"].strip() and accepted:
            services.opinion_save(
                actor=accepted[0], consultation=consultation, text=spec["opinion"]
            )
        if spec["delivered"] and accepted:
            services.opinion_send(actor=accepted[0], consultation=consultation)
            consultation.refresh_from_db()
            for expert in accepted:
                services.opinion_sign(
                    actor=expert, consultation=consultation, text=consultation.signed_text
                )
            services.opinion_deliver(actor=secretariat, consultation=consultation)
        created += 1
    return created
