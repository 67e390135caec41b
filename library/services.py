"""Writes about the documentation centre: members suggest, the secretariat publishes."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from library.models import Publication
from library.search import publication_index
from lms.choices import InterfaceLanguage
from lms.models import User
from lms.services.review import (
    suggestion_decide,
    suggestion_tell_author,
    suggestion_tell_secretariat,
)

SUGGESTED = gettext_noop("Document suggested for the documentation centre: %(title)s")
PUBLISHED = gettext_noop("The document you suggested is published: %(title)s")


@transaction.atomic
def publication_suggest(
    *, user: User, title: str, kind: str, summary: str, url: str, language: str
) -> Publication:
    """A member suggests a document (a link); the secretariat decides."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to suggest a document."))
    errors = {}
    if not title.strip():
        errors["title"] = _("Fill in this field.")
    if kind not in dict(Publication.Kind.suggestible()):
        errors["kind"] = _("Choose one of the listed types.")
    if language not in InterfaceLanguage.values:
        errors["language"] = _("Choose one of the listed languages.")
    if not url.strip():
        errors["url"] = _("Give the link where the document can be read.")
    if errors:
        raise ValidationError(errors)
    same = Publication.objects.filter(url=url.strip(), status=Publication.Status.SUGGESTED).first()
    if same is not None:
        return same  # suggested already (perhaps the same form sent twice)
    publication = Publication.objects.create(
        title=title.strip(),
        kind=kind,
        summary=summary.strip(),
        url=url.strip(),
        language=language,
        status=Publication.Status.SUGGESTED,
        suggested_by=user,
    )
    from library.tasks import publication_suggested_notify

    transaction.on_commit(lambda: publication_suggested_notify.enqueue(publication.pk))
    return publication


def publication_suggested_notify(*, publication_id: int) -> int:
    """Tell the secretariat about a suggested document (a task's work; once each)."""
    publication = Publication.objects.filter(pk=publication_id).first()
    if publication is None:
        return 0
    return suggestion_tell_secretariat(
        kind="document_suggested",
        key=f"publication:{publication.pk}",
        title=SUGGESTED,
        values={"title": publication.title},
        url=lambda: reverse("library:document_suggestions"),
    )


@transaction.atomic
def publication_decide(*, actor: User, publication: Publication, publish: bool) -> Publication:
    publication = suggestion_decide(
        actor=actor,
        item=publication,
        publish=publish,
        refusal=_("Only the Technical Secretariat publishes documents."),
    )
    publication_index(publication=publication)
    suggestion_tell_author(
        item=publication,
        kind="document_published",
        title=PUBLISHED,
        values={"title": publication.title},
        url=lambda: reverse("library:documents") + "?" + urlencode({"q": publication.title[:60]}),
    )
    return publication


@transaction.atomic
def publication_publish(
    *,
    actor: User,
    title: str,
    kind: str,
    summary: str,
    url: str,
    language: str,
    themes=(),
    date=None,
) -> Publication:
    """The secretariat publishes a document the platform itself produced (an ad-hoc
    group's opinion): published at once, indexed for search."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat publishes documents."))
    if kind not in Publication.Kind.values or language not in InterfaceLanguage.values:
        raise ValidationError(_("Choose one of the listed types."))
    publication = Publication.objects.create(
        title=title.strip()[:300],
        kind=kind,
        summary=summary.strip(),
        url=url[:500],
        language=language,
        date=date,
        status=Publication.Status.PUBLISHED,
    )
    publication.themes.set(themes)
    publication_index(publication=publication)
    return publication
