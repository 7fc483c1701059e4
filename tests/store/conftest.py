"""Fixtures of the store tests."""

from __future__ import annotations

import pytest

from workbench.store import repo
from workbench.store.db import transaction


@pytest.fixture
def ws(engine):
    """A workspace "Acme" with one team, "Checkout": ``(engine, workspace)``. Modules that
    need more define their own ``ws``."""
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Acme")
        repo.add_team(session, workspace.id, "Checkout")
    return engine, workspace
