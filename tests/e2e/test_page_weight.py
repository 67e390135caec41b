"""A lesson is light (issue 19): its bytes on a first and a next visit, and how soon it
can be read on a slow connection, in Debian's chromium against the site as deployed.

Bytes are not timings, so the budgets hold on any machine. The site runs with
production settings (``tests.processes.deployed_demo_site``): what makes a next
visit light is the year-long cache of hashed static names, which the test
settings do not give. ``bench/page_weight.py`` prints the same figures for more
pages.
"""

import json

import pytest

from tests.page_weight import BUDGETS, KB, TARGETS_SCRIPT, slow_first_visit, weigh
from tests.processes import deployed_demo_site

pytestmark = pytest.mark.e2e

READABLE_MS = 5000  # on 400 kbit/s each way with 400 ms latency


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The deployed demo site's base URL, a learner's session and her lesson's address."""
    with deployed_demo_site(tmp_path_factory.mktemp("weight"), TARGETS_SCRIPT) as (url, out):
        found = json.loads(out.strip().splitlines()[-1])
        yield url, found["session"], found["pages"]["lesson"]


def test_a_lesson_weighs_under_300_kb_first_and_50_kb_next(browser, site):
    base_url, session, lesson = site
    first, repeat = weigh(browser, base_url, session, lesson)
    budget = BUDGETS["lesson"]
    assert first.total < budget["first"], (first.total / KB, first.fetched)
    assert repeat.total < budget["repeat"], (repeat.total / KB, repeat.fetched)
    again = repeat.fetched + repeat.by_service_worker
    everything = first.fetched + first.by_service_worker + again
    assert [url for url, _size in everything if not url.startswith("/")] == []
    # The static files of the next visit came from the cache, not the network.
    assert [url for url, size in again if url.startswith("/static/") and size] == []
    print(f"lesson: first visit {first.total / KB:.1f} KB, next {repeat.total / KB:.1f} KB")


def test_a_lesson_can_be_read_within_5_seconds_on_a_slow_connection(browser, site):
    base_url, session, lesson = site
    timings = slow_first_visit(browser, base_url, session, lesson)
    assert timings["dom_content_loaded_ms"] < READABLE_MS, timings
    assert timings["first_contentful_paint_ms"] < READABLE_MS, timings
    assert timings["readable_ms"] < READABLE_MS, timings
    print(f"lesson on 400 kbit/s, 400 ms: {timings}")
