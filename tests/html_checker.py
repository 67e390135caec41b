"""The W3C Nu HTML Checker (vnu.jar) for the browser tests: every page they are served
is checked, and an error fails the test.

``make vnu`` installs the jar from tests/vnu/package-lock.json (npm package
``vnu-jar``, no install script: the checker runs on the machine's Java, Debian's
``default-jre-headless``). One checker runs per test run, as vnu's own HTTP
service on a free port of 127.0.0.1: started by the first test that needs it,
stopped when the run ends. A document is checked once per run (by the hash of
its bytes), however many tests are served it.

Where the pages come from (tests/e2e/conftest.py): the live server in this
process records what it serves (``record``); a Daphne process a browser test
starts records into a folder (``RecordPagesMiddleware``, switched on by
``RECORD_ENV`` in config/settings/test.py) that the test process reads
(``recorded_in``).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

from tests.processes import ROOT, free_port, stop

JAR = ROOT / "tests" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = os.environ.get("JAVA") or shutil.which("java") or "/usr/bin/java"

# How long the checker may take to start (about 8 s on a busy two-core machine).
STARTUP_SECONDS = 120

# Messages of third-party markup we cannot change, each with its reason: (substring of
# the message, substring of the extract). Keep it tiny; prefer fixing or overriding
# the template in templates/.
ALLOWED: list[tuple[str, str, str]] = []

# A Daphne process started with this variable set keeps every page it serves in
# that folder (RecordPagesMiddleware, config/settings/test.py).
RECORD_ENV = "TEST_RECORD_PAGES_DIR"

# Where the Wagtail admin answers: its markup is Wagtail's, not ours (the project
# mounts no Django admin: django.contrib.admin is installed for a dependency only).
THIRD_PARTY_PREFIXES = ("/admin/",)


@dataclass(frozen=True)
class Document:
    url: str
    body: bytes


def is_checked(method: str, path: str, status: int, content_type: str) -> bool:
    """Whether a response is a page of ours to check: a GET answered 200 with HTML,
    not under the Wagtail admin."""
    return (
        method == "GET"
        and status == 200
        and content_type.split(";")[0].strip().lower() == "text/html"
        and not path.startswith(THIRD_PARTY_PREFIXES)
    )


class HtmlChecker:
    """vnu's HTTP service, started at the first ``start()`` and waited for at the first
    ``errors()`` (so its start overlaps the first test's own work)."""

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.log: Path | None = None
        self._ready = False
        self._results: dict[str, list[dict]] = {}
        self._lock = threading.Lock()
        # What it cost, for the run's summary.
        self.started_at = 0.0
        self.startup_seconds = 0.0
        self.served = 0
        self.served_by_started_servers = 0
        self.checked = 0
        self.check_seconds = 0.0

    def start(self) -> None:
        if self.process is not None:
            return
        if not Path(JAVA).exists():
            raise RuntimeError(
                f"{JAVA} not found: the browser tests check every page with the Nu HTML "
                "Checker, which needs Java (apt-get install -y default-jre-headless)."
            )
        if not JAR.exists():
            raise RuntimeError(
                f"{JAR} not found: run `make vnu` (npm ci in tests/vnu) to install the "
                "Nu HTML Checker the browser tests check every page with."
            )
        self.port = free_port()
        handle, name = tempfile.mkstemp(prefix="rial-vnu-", suffix=".log")
        self.log = Path(name)
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            [
                JAVA,
                # Its schemas are deep: the default stack overflows with some JVM options.
                "-Xss16m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(JAR),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        os.close(handle)

    def _wait_until_up(self) -> None:
        if self._ready:
            return
        self.start()
        deadline = self.started_at + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the Nu HTML Checker exited with {self.process.returncode}:\n"
                    + self.log.read_text()[-3000:]
                )
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5):
                    self._ready = True
                    self.startup_seconds = time.monotonic() - self.started_at
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the Nu HTML Checker did not start in {STARTUP_SECONDS} s")

    def errors(self, body: bytes) -> list[dict]:
        """vnu's errors for a document (UTF-8 HTML), each a dict with its ``message``,
        ``lastLine`` and ``extract``; warnings and information are not errors."""
        # Each answer masks the CSRF token anew: the same page is the same document.
        body = _CSRF_TOKEN.sub(rb"\1-", body)
        key = hashlib.sha256(body).hexdigest()
        with self._lock:
            if key in self._results:
                return self._results[key]
            self._wait_until_up()
            began = time.monotonic()
            request = urllib.request.Request(
                f"http://127.0.0.1:{self.port}/?out=json",
                data=body,
                headers={"Content-Type": "text/html; charset=utf-8"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (http://127.0.0.1)
                messages = json.load(response)["messages"]
            self.check_seconds += time.monotonic() - began
            self.checked += 1
            found = [
                message
                for message in messages
                # "non-document-error": vnu could not check it at all.
                if message.get("type") in ("error", "non-document-error") and not _allowed(message)
            ]
            self._results[key] = found
            return found

    def problems(self, documents: list[Document]) -> list[str]:
        """Each error of each document, as ``url:line: message`` and its extract (once,
        when a page was served several times)."""
        self.served += len(documents)
        lines = []
        for document in documents:
            for error in self.errors(document.body):
                extract = " ".join(error.get("extract", "").split())
                lines.append(
                    f"{document.url}:{error.get('lastLine', '?')}: {error['message']}\n"
                    f"    {extract}"
                )
        return list(dict.fromkeys(lines))

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None
        if self.log is not None:
            self.log.unlink(missing_ok=True)


_CSRF_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*')


def _allowed(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(m in text and e in extract for m, e, _reason in ALLOWED)


# --- Pages served by a Daphne process a test started ---------------------------------


def _record_to(folder: Path, url: str, body: bytes) -> None:
    # One file per page: the URL on the first line, the document after it. The name
    # sorts by time; written under another name first so a reader sees whole files.
    name = f"{time.time_ns():020d}-{os.getpid()}-{threading.get_ident()}"
    partial = folder / f".{name}"
    partial.write_bytes(url.encode() + b"\n" + body)
    partial.rename(folder / f"{name}.page")


def recorded_in(folder: Path) -> list[Document]:
    """The pages recorded in ``folder`` since the last call (and forgets them)."""
    documents = []
    for path in sorted(folder.glob("*.page")):
        url, _, body = path.read_bytes().partition(b"\n")
        documents.append(Document(url.decode(), body))
        path.unlink()
    return documents


class RecordPagesMiddleware:
    """Keeps every page a Daphne process serves in the folder ``RECORD_ENV`` names, for
    the test process to check (tests only: config/settings/test.py adds it when the
    variable is set, as the browser tests do for the servers they start)."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.folder = Path(os.environ[RECORD_ENV])
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self._acall(request)
        response = self.get_response(request)
        self._record(request, response)
        return response

    async def _acall(self, request):
        response = await self.get_response(request)
        self._record(request, response)
        return response

    def _record(self, request, response) -> None:
        if getattr(response, "streaming", False):
            return
        if is_checked(
            request.method, request.path, response.status_code, response.get("Content-Type", "")
        ):
            _record_to(self.folder, request.get_full_path(), response.content)


# One checker for the whole run (the ``html_checker`` fixture of tests/conftest.py).
CHECKER = HtmlChecker()
