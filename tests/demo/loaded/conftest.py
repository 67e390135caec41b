"""The demo, loaded once for every test of this package (tests that read the whole demo).

``load_demo`` takes 8 to 15 seconds; each app's demo test used to load it (some twice,
to show that a second load adds nothing), which cost CI minutes. Here it is loaded
once, the first time a test asks for ``demo``, inside a transaction rolled back when
the package's last test has run: each test runs in a savepoint of it and leaves the
rows as it found them (Django's ``setUpTestData``; pytest-django keeps the
connection between tests for this). Loading a second time is checked once, for every
app, by ``tests/demo/test_loader.py``; each app's test also calls its own ``ensure_*``
again and expects nothing new.

Tests here that do not ask for ``demo`` may still find its rows once an earlier test
asked for it: a test of one demo module on an otherwise empty database belongs in
``tests/demo/``, not here.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="package")
def _demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):  # the loader refuses to run on a deployment
            call_command("load_demo", verbosity=0)
        with django_db_blocker.block():  # the tests ask for the database as always
            yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db, settings):
    settings.DEBUG = True
