"""Forgetting a cache when rows change: at once, and once more after the commit.

Signals that keep caches honest (the visitors' page cache, the layout's menus,
the cached course trees) fire once per row. A cache is forgotten:

- at once, on every change, so the process that wrote sees it in its very next
  request (forgetting is one increment or one key: cheap);
- once more after the commit, so a request that read the old rows while the
  write was not committed yet cannot keep them under the new version. That
  callback is registered once per transaction, however many rows change: a
  demo load or a bulk import that saves a thousand rows runs one, not a
  thousand, after its commit.

``courses`` is the lowest app every other app may import, so the helper lives here.
"""

from collections.abc import Callable

from django.db import transaction


def forget_now_and_after_commit(forget: Callable[[], None], *, using: str | None = None) -> None:
    """Call ``forget`` now, and after the commit unless that is arranged already.

    ``forget`` must be the same function object every time (a module-level
    function): it is recognised among the callbacks waiting for the commit. One
    registered in this block or a block around it (its savepoints all still open)
    runs whenever this change commits; one registered in a savepoint released
    since may yet be dropped with it, so this change registers again."""
    forget()
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return  # autocommit: the row is committed already
    open_savepoints = set(connection.savepoint_ids)
    for savepoints, func, _robust in connection.run_on_commit:
        if func is forget and savepoints <= open_savepoints:
            return
    transaction.on_commit(forget, using=using)
