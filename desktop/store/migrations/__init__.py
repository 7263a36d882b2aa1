"""Alembic migrations of the library's schema (``desktop.store.db`` runs them on open).

Revisions are written out by hand, one file each, numbered ``0001``, ``0002``, …; a new one
starts from ``script.py.mako``. Never edit a released revision: add the next one.
"""

#: The newest revision in versions/ (a test checks it against alembic's own view), so that
#: opening an up-to-date library needs no alembic import.
HEAD = "0007"
