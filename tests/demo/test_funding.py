"""The demo's funding directory: a dozen funders and calls, some closing in the next
weeks, one waiting for review, followers told; loading it twice adds nothing."""

import datetime

import pytest
from django.utils import timezone

from demo.accounts import ensure_people
from demo.funding import ensure_funding
from funding.models import Funder, FundingCall, Status, ThemeFollow
from lms.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_directory_is_complete_and_loads_once(client, django_capture_on_commit_callbacks):
    ensure_people()
    with django_capture_on_commit_callbacks(execute=True):  # the followers are told
        assert ensure_funding() == 12
    counts = (Funder.objects.count(), FundingCall.objects.count(), ThemeFollow.objects.count())
    assert ensure_funding() == 0
    assert (Funder.objects.count(), FundingCall.objects.count(), ThemeFollow.objects.count()) == (
        counts
    )
    assert counts[0] == 10 and counts[1] == 12
    soon = timezone.localdate() + datetime.timedelta(days=21)
    published = FundingCall.objects.filter(status=Status.PUBLISHED)
    assert published.filter(deadline__lte=soon).count() >= 3
    assert published.filter(deadline__isnull=True).exists()
    waiting = FundingCall.objects.get(status=Status.SUGGESTED)
    assert waiting.suggested_by.email == "focal@example.org"
    # Every call says its amounts are examples.
    words = ("ejemplos", "examples", "exemplos", "exemples")
    assert all(any(w in call.summary for w in words) for call in FundingCall.objects.all())
    focal = Notification.objects.filter(user__email="focal@example.org", kind="funding_call")
    assert focal.count() >= 2
    page = client.get("/en/funding/").content.decode()
    assert "Global Affairs Canada" in page and "Banco Mundial" in page
