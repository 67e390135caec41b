"""Certificates: the holder's own, and the public check by code."""

from lms.models import Certificate, User


def certificate_for(*, user: User, code: str) -> Certificate | None:
    """The certificate its holder or the secretariat may download."""
    if not user.is_authenticated:
        return None
    certificate = Certificate.objects.select_related("enrolment__cohort").filter(code=code).first()
    if certificate is None:
        return None
    if certificate.enrolment.user_id == user.pk or user.is_secretariat:
        return certificate
    return None


def certificate_public(*, code: str) -> Certificate | None:
    """Anyone may check a certificate by its code (codes are long and random)."""
    return (
        Certificate.objects.select_related("enrolment__cohort")
        .filter(code=code.strip().upper())
        .first()
    )
