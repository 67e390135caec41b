"""The browser tests' live server answers requests that arrive together.

On SQLite it shares the test's one in-memory connection between its request
threads; a page and its service worker asking at the same moment once broke it
(a 500 from ``sqlite3.InterfaceError``) and a browser test waited for nothing.
"""

from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import E2E

pytestmark = E2E


@pytest.mark.usefixtures("site_content")
def test_requests_at_the_same_moment_all_succeed(live_server):
    paths = ["/es/offline/", "/en/offline/", "/pt/offline/", "/fr/offline/", "/es/"] * 6

    server = urlsplit(live_server.url)

    def status(path):
        connection = HTTPConnection(server.hostname, server.port, timeout=60)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        statuses = list(pool.map(status, paths))
    assert statuses == [200] * len(paths)
