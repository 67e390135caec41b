"""The demo loader (``manage.py load_demo``): accounts, pages and their translations,
a course with a running cohort, spaces, forums, experts and the portal's content.

The texts are data files in ``demo/data/`` (TOML records and Markdown, see its
README.md), read by ``demo/files.py``. Every function here is idempotent: it
creates what is missing and leaves what exists alone, so ``load_demo`` can run on
every ``make run``.
"""
