"""The report's tests use the work plan's people: a focal point and a member."""

from tests.workplan.conftest import focal, member  # noqa: F401 - fixtures
