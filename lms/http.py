from django.conf import settings
from django.http import FileResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag

# A private file is never kept by a shared cache, and the browser asks again
# before reusing its copy (a 304 when nothing changed), so someone who lost
# access stops seeing it.
PRIVATE_FILE_CACHE = "private, no-cache"
# A file opened in the browser runs nothing and loads nothing but itself.
PRIVATE_FILE_CSP = "default-src 'none'; img-src 'self'; sandbox"


def set_language_cookie(response, language: str) -> None:
    """Remember the interface language in the browser, for URLs without a prefix."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )


def private_file_response(request, field_file, *, filename: str, content_type: str, inline: bool):
    """Serve an uploaded file to a person the view has already let read it.

    The stored name is the ETag: files are never rewritten in place (a new
    upload gets a new name), so the browser's copy is valid while it matches.
    """
    etag = quote_etag(field_file.name)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = FileResponse(
            field_file.open("rb"),
            as_attachment=not inline,
            filename=filename,
            content_type=content_type,
        )
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PRIVATE_FILE_CSP
    response["Cache-Control"] = PRIVATE_FILE_CACHE
    return response


# The service worker asks for the copies it keeps offline with this header
# (templates/lms/app/sw.js): nobody is reading them now, so such a request records
# no visit and marks nothing read.
OFFLINE_COPY_HEADER = "X-Rial-Offline-Copy"


def is_offline_copy(request) -> bool:
    return request.headers.get(OFFLINE_COPY_HEADER) == "1"
