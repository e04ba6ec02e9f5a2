"""Errors a user can fix. The `find3d` command prints their message and exits with status 2; every other exception
keeps its traceback, because it is a bug to fix rather than a request to change.

This module sits below every subpackage and imports nothing from find3d.
"""

from __future__ import annotations


class UsageError(ValueError):
    """A request that cannot be done as asked (a bad option value, nothing selected), saying what to do instead."""
