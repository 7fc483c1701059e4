"""The hot queries (every list a screen or command shows, and the exports' reads) use indexes:
SQLite's EXPLAIN QUERY PLAN of each must search, never scan a whole table (issue 16). Run
with ``-s`` to see every plan."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import event

from workbench.service import Workbench
from workbench.store import slo_repo
from workbench.store.db import reading

DAY = date(2026, 11, 25)


def hot_reads(wb: Workbench, workspace_id: int) -> None:
    wb.slos.page(workspace_id, DAY, 0, 100)
    wb.slos.choices(workspace_id)
    wb.maturity.overview(workspace_id)
    wb.maps.overview(workspace_id)
    wb.policies.freezes(workspace_id, DAY)
    with reading(wb.engine) as session:
        slo_repo.list_budgets(session, workspace_id, DAY)
        slo_repo.lifecycle_states(session, workspace_id)
        slo_repo.document_body(session, workspace_id)


@pytest.fixture
def plans(demo):
    engine, workspace = demo
    statements: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        hot_reads(Workbench(engine, today=DAY), workspace.id)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    found: dict[str, list[str]] = {}
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        for statement, parameters in statements:
            if statement not in found:
                rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
                found[statement] = [row[3] for row in rows]
    return found


def test_no_hot_query_scans_a_whole_table(plans):
    assert len(plans) > 15
    scans = {}
    for statement, steps in plans.items():
        print(" ".join(statement.split())[:160], *steps, sep="\n    ")
        # "SCAN t" reads every row; "SCAN t USING ... INDEX" still reads a whole index
        bad = [s for s in steps if re.match(r"SCAN (?!CONSTANT)", s)]
        if bad:
            scans[" ".join(statement.split())[:120]] = bad
    assert not scans, scans


def test_parties_and_sign_offs_are_found_by_document(plans):
    used = [s for steps in plans.values() for s in steps
            if s.startswith(("SEARCH sign_off", "SEARCH required_party"))]
    assert used
    assert all("_document" in s for s in used), used
