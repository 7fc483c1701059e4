"""A killed process keeps everything it committed and nothing it had not."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

from workbench.store import repo
from workbench.store.db import reading
from workbench.store.session import open_database

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from workbench.store import repo
    from workbench.store.db import transaction
    from workbench.store.session import open_database

    db = open_database(sys.argv[1], remember=False)
    with transaction(db.engine) as session:
        ws = repo.create_workspace(session, "Acme")
        repo.add_team(session, ws.id, "Committed")
    with transaction(db.engine) as session:
        repo.add_team(session, ws.id, "Half-done")
        session.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_sigkill_mid_transaction_keeps_committed_work(db_url):
    child = subprocess.run([sys.executable, "-c", CHILD, db_url], capture_output=True)
    assert child.returncode == -signal.SIGKILL
    db = open_database(db_url, remember=False)
    with reading(db.engine) as session:
        (ws,) = repo.list_workspaces(session)
        assert [t.name for t in repo.list_teams(session, ws.id)] == ["Committed"]
    db.engine.dispose()
