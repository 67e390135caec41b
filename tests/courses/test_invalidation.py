"""Caches are forgotten at once and after the commit (courses/invalidation.py); the
after-commit callback once per transaction, however many rows change."""

import pytest
from django.db import connection, transaction

from config import page_cache, signal_handlers
from courses.invalidation import forget_now_and_after_commit
from courses.models import Area

pytestmark = pytest.mark.django_db(transaction=True)

calls = []


def forget():
    calls.append("forget")


def waiting() -> int:
    return sum(1 for _sids, func, _robust in connection.run_on_commit if func is forget)


@pytest.fixture(autouse=True)
def _empty_calls():
    calls.clear()


def test_outside_a_transaction_once_per_change():
    forget_now_and_after_commit(forget)
    forget_now_and_after_commit(forget)
    assert calls == ["forget", "forget"]


def test_a_transaction_forgets_at_each_change_and_once_after_its_commit():
    with transaction.atomic():
        for _ in range(50):
            forget_now_and_after_commit(forget)
        with transaction.atomic():  # a block inside: the callback above covers it
            forget_now_and_after_commit(forget)
        assert len(calls) == 51 and waiting() == 1
    assert len(calls) == 52
    forget_now_and_after_commit(forget)  # after the commit: autocommit again
    assert len(calls) == 53


def test_a_rolled_back_savepoint_drops_its_callback_and_the_next_change_registers_again():
    with transaction.atomic():
        try:
            with transaction.atomic():
                forget_now_and_after_commit(forget)
                raise RuntimeError
        except RuntimeError:
            pass
        assert waiting() == 0
        forget_now_and_after_commit(forget)
        assert waiting() == 1
    assert calls == ["forget"] * 3


def test_a_released_savepoint_keeps_its_callback_and_a_sibling_block_adds_its_own():
    """A released savepoint's callback is still dropped if the block around it rolls
    back; a sibling block's change must not rely on it."""
    with transaction.atomic():
        for _ in range(2):
            with transaction.atomic():
                for _ in range(10):
                    forget_now_and_after_commit(forget)
        assert waiting() == 2
    assert len(calls) == 22


def test_a_rolled_back_transaction_forgets_nothing_after():
    with pytest.raises(RuntimeError), transaction.atomic():
        forget_now_and_after_commit(forget)
        raise RuntimeError
    assert calls == ["forget"]


def test_many_public_rows_in_one_transaction_purge_the_page_cache_once_after_the_commit(
    monkeypatch,
):
    purges = []

    def purge():
        purges.append(1)
        page_cache.page_cache_purge()

    monkeypatch.setattr(signal_handlers, "page_cache_purge", purge)
    names = {f"name_{code}": "Bulk" for code in ("es", "en", "pt", "fr")}
    with transaction.atomic():
        for number in range(40):
            Area.objects.create(code=f"bulk-{number}", **names)
        assert len(purges) == 40
        assert sum(1 for _s, func, _r in connection.run_on_commit if func is purge) == 1
    assert len(purges) == 41
