"""Demo content built in code: accounts, pages and their translations.

Every function here is idempotent: it creates what is missing and leaves what
exists alone, so ``load_demo`` can run on every ``make run``.
"""
