"""Queries whose SQL never changes, built and compiled once per process.

Building a query with a few subqueries and compiling it to SQL costs Django one to
three milliseconds of Python on every call, although only its parameters change
(the person, the topic, the time): on the pages read most (a forum topic, a chat
room) that was a third of the page. ``PreparedValues`` builds such a query once per
database with marker values in the places of its parameters, keeps the SQL and
where each marker went, and from then on runs that SQL with the real values in
those places: one row, as a dict of its columns.

It is for ``values()`` queries of plain columns (numbers, strings, EXISTS): the
row comes as the database driver gives it, without Django's conversions, so a
boolean may be 0 or 1 and a date would be a string on SQLite. Ask for dates with
the ORM instead. ``PreparedModels`` does the same for a query of model instances
(with ``select_related`` and annotations): it keeps, besides the SQL, what
Django's compiler worked out to turn a row into objects (which columns go to
which model, the converters of each column), and builds the objects as Django's
own iterator does, conversions included. ``courses`` is the lowest app every
other app may import, so the helpers live here.
"""

import datetime
import threading
import uuid
from collections.abc import Callable

from django.core.signals import setting_changed
from django.db import connections, models
from django.db.models import QuerySet
from django.db.models.query import get_related_populators
from django.dispatch import receiver

_prepared: list["PreparedValues"] = []


class _Fixed:
    """A parameter the query always has (a status, a constant): kept as compiled."""

    def __init__(self, value):
        self.value = value


class PreparedValues:
    """``build(**markers)`` -> a values queryset; ``kinds``: each parameter's type
    (int, str, datetime.datetime or uuid.UUID), by name."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        self.build = build
        self.kinds = kinds
        self._compiled: dict[str, tuple[str, tuple]] = {}
        _prepared.append(self)

    def row(self, *, using: str = "default", **values) -> dict | None:
        """The first row the query finds with these values (None: no row)."""
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        sql, slots = compiled
        connection = connections[using]
        params = self._params(slots, values, connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchone()
            if found is None:
                return None
            return {
                column[0]: value for column, value in zip(cursor.description, found, strict=True)
            }

    def _marker(self, index: int, name: str, kind: type):
        if kind is int:
            return -(10**12) - index
        if kind is str:
            return f"\x1eprepared-{index}-{name}\x1e"
        if kind is datetime.datetime:
            return datetime.datetime(1901, 1, 1, 0, 0, index, 123457, tzinfo=datetime.UTC)
        if kind is uuid.UUID:
            return uuid.UUID(int=(0x1E << 120) + index)
        raise TypeError(f"PreparedValues takes int, str, datetime and UUID parameters, not {kind}")

    def _adapt(self, name: str, value, connection):
        """A value as the ORM passes it to the database (dates, for one, as text on SQLite)."""
        if self.kinds[name] is datetime.datetime:
            return models.DateTimeField().get_db_prep_value(value, connection)
        if self.kinds[name] is uuid.UUID:  # text on SQLite, a uuid on PostgreSQL
            return models.UUIDField().get_db_prep_value(value, connection)
        return value

    def _compile(self, using: str) -> tuple[str, tuple]:
        sql, slots, _compiler = self._compile_with(using)
        return sql, slots

    def _params(self, slots, values: dict, connection) -> list:
        return [
            slot.value if isinstance(slot, _Fixed) else self._adapt(slot, values[slot], connection)
            for slot in slots
        ]

    def _compile_with(self, using: str):
        connection = connections[using]
        markers = {
            name: self._marker(index, name, kind)
            for index, (name, kind) in enumerate(self.kinds.items())
        }
        queryset = self.build(**markers).using(using)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        adapted = {name: self._adapt(name, marker, connection) for name, marker in markers.items()}
        slots = []
        for param in params:
            named = [
                name
                for name, marker in adapted.items()
                if type(param) is type(marker) and param == marker
            ]
            slots.append(named[0] if named else _Fixed(param))
        unused = set(markers) - set(slots)
        if unused:
            raise ValueError(f"the query does not use {sorted(unused)}")
        return sql, tuple(slots), compiler


class _Shape:
    """What a compiled query of model instances needs to build its objects from rows."""

    def __init__(self, sql, slots, compiler, using):
        self.sql, self.slots = sql, slots
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, using)
        self.annotations = dict(compiler.annotation_col_map or {})
        self.converters = compiler.get_converters(
            [column[0] for column in select[0 : compiler.col_count]]
        )
        self.connection = compiler.connection
        self.count = compiler.col_count


class PreparedModels(PreparedValues):
    """``build(**markers)`` -> a queryset of model instances (``select_related`` and
    annotations welcome; not ``prefetch_related``, not ``values``); ``kinds`` as for
    ``PreparedValues``. Compiled once per thread: the converters Django picks belong
    to the thread's connection."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        super().__init__(build, **kinds)
        self._local = threading.local()

    def all(self, *, using: str = "default", **values) -> list:
        shapes = getattr(self._local, "shapes", None)
        if shapes is None or getattr(self._local, "generation", None) != _generation[0]:
            shapes = self._local.shapes = {}
            self._local.generation = _generation[0]
        shape = shapes.get(using)
        if shape is None:
            shape = shapes[using] = _Shape(*self._compile_with(using), using)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(shape.sql, self._params(shape.slots, values, connection))
            rows = cursor.fetchall()
        found = []
        for row in rows:
            row = list(row[: shape.count])
            for position, (converters, expression) in shape.converters.items():
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, shape.connection)
                row[position] = value
            obj = shape.model.from_db(using, shape.init_list, row[shape.start : shape.end])
            for populator in shape.populators:
                populator.populate(row, obj)
            for name, position in shape.annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def first(self, *, using: str = "default", **values):
        """The first object (the query's own order and LIMIT), or None."""
        found = self.all(using=using, **values)
        return found[0] if found else None


_generation = [0]


@receiver(setting_changed)
def _forget_compiled(**_kwargs) -> None:
    # Tests change databases and time zones: compile again.
    for prepared in _prepared:
        prepared._compiled.clear()
    _generation[0] += 1
