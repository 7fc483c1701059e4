"""SLO exports: Markdown per service, native YAML round trip."""

from __future__ import annotations

import re
from datetime import date

import pytest
from markdown_it import MarkdownIt

from workbench.domain.slo.document import read_document
from workbench.export import export_workspace
from workbench.store import adjustment_repo, persona_repo, repo, slo_repo, story_map_repo
from workbench.store.db import reading, transaction
from workbench.store.demo import create_demo
from workbench.store.demo_slo import DEMO_DAYS

DEMO_DATE = "2026-11-25"


@pytest.fixture
def slo_demo(engine, monkeypatch):
    with transaction(engine) as session:
        workspace, _ = create_demo(session, date.fromisoformat(DEMO_DATE))
    return engine, workspace


def files_under(folder):
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _export_yaml(engine, workspace, folder):
    [path] = export_workspace(engine, workspace, folder, {"yaml"}, {"slos"})
    return path.read_text(encoding="utf-8")


def _import(engine, workspace_id, text):
    with transaction(engine) as s:
        return slo_repo.import_document(s, workspace_id, read_document(text, "slos.yaml"))


def test_native_yaml_round_trips_into_another_database(slo_demo, tmp_path):
    from workbench.store.session import open_database

    engine, workspace = slo_demo
    first = _export_yaml(engine, workspace, tmp_path / "a")
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}", remember=False).engine
    with transaction(other) as s:
        empty = repo.create_workspace(s, "Empty")
    summary = _import(other, empty.id, first)
    assert (summary.personas, summary.story_maps, summary.slos, summary.counts) == (
        3, 1, 6, 6 * DEMO_DAYS)
    assert "orders" in summary.created_services and "Checkout" in summary.created_teams
    assert summary.warnings == ["search-latency: target 90% is tighter than the 88.5% the "
                                "service achieved historically; start at or below 88.5% and "
                                "tighten once the service does better"]
    # every SLO keeps its uid in the other database, so the export is the same text
    assert _export_yaml(other, empty, tmp_path / "b") == first
    # and the Markdown SLO documents agree too (apart from service ownership lines), once
    # the maintenance windows and corrections (not part of slos.yaml) are taken back
    with transaction(engine) as s:
        for adjustment in adjustment_repo.list_adjustments(s, workspace.id):
            adjustment_repo.remove_adjustment(s, workspace.id, adjustment.id, by="tester")
    export_workspace(engine, workspace, tmp_path / "c", {"md"}, {"slos"})
    export_workspace(other, empty, tmp_path / "d", {"md"}, {"slos"})
    left = files_under(tmp_path / "c" / "bharatmart")
    right = files_under(tmp_path / "d" / "empty")
    assert sorted(left) == sorted(right)
    for name in left:
        strip = [ln for ln in left[name].splitlines() if not ln.startswith(("Owning", "# "))]
        assert strip == [ln for ln in right[name].splitlines()
                         if not ln.startswith(("Owning", "# "))]
    other.dispose()


def test_a_copy_in_another_workspace_of_the_same_database_gets_new_uids(slo_demo, tmp_path):
    engine, workspace = slo_demo
    first = _export_yaml(engine, workspace, tmp_path / "a")
    with transaction(engine) as s:
        empty = repo.create_workspace(s, "Empty")
    summary = _import(engine, empty.id, first)
    assert sum("belongs to an SLO of another workspace" in w for w in summary.warnings) == 6
    second = _export_yaml(engine, empty, tmp_path / "b")
    uids = re.compile(r"^  uid: .*$", re.MULTILINE)
    assert uids.sub("", second) == uids.sub("", first)
    assert not set(uids.findall(second)) & set(uids.findall(first))


def test_import_finds_an_slo_by_uid_and_renames_it(slo_demo, tmp_path):
    engine, workspace = slo_demo
    text = _export_yaml(engine, workspace, tmp_path)
    with reading(engine) as s:
        before = slo_repo.get_slo(s, workspace.id, "checkout-availability")
        counts = slo_repo.list_counts(s, before.id)
    renamed = text.replace("- name: checkout-availability\n", "- name: orders-availability\n")
    assert renamed != text
    summary = _import(engine, workspace.id, renamed)
    assert summary.slos == 6
    with reading(engine) as s:
        names = [x.name for x in slo_repo.list_slos(s, workspace.id)]
        after = slo_repo.get_slo(s, workspace.id, before.uid)
        history = repo.history(s, workspace.id, "slo", str(before.id))
        assert slo_repo.list_counts(s, after.id) == counts
    assert "checkout-availability" not in names and len(names) == 6
    assert (after.id, after.name) == (before.id, "orders-availability")
    assert "imported; renamed from checkout-availability" in history[-2].summary
    assert history[-1].summary == "imported as agreed"  # the file says it is agreed


def test_importing_an_unchanged_file_records_no_revision(slo_demo, tmp_path):
    engine, workspace = slo_demo
    text = _export_yaml(engine, workspace, tmp_path)
    with reading(engine) as s:
        slos = slo_repo.list_slos(s, workspace.id)
        before = {x.id: len(repo.history(s, workspace.id, "slo", str(x.id))) for x in slos}
    _import(engine, workspace.id, text)
    with reading(engine) as s:
        after = {x.id: len(repo.history(s, workspace.id, "slo", str(x.id))) for x in slos}
        statuses = {x.name: x.status.value for x in slo_repo.list_slos(s, workspace.id)}
    assert after == before
    assert statuses["checkout-availability"] == "agreed"


def test_importing_twice_updates_instead_of_duplicating(slo_demo, tmp_path):
    engine, workspace = slo_demo
    [path] = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"slos"})
    doc = read_document(path.read_text(encoding="utf-8"), "x")
    with transaction(engine) as s:
        slo_repo.import_document(s, workspace.id, doc)
    [again] = export_workspace(engine, workspace, tmp_path / "2", {"yaml"}, {"slos"})
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_markdown_per_service_follows_story_sli_slo_budget_alerts(slo_demo, tmp_path):
    engine, workspace = slo_demo
    paths = export_workspace(engine, workspace, tmp_path, {"md"}, {"slos"})
    names = [p.relative_to(tmp_path.resolve()).as_posix() for p in paths]
    assert names == ["bharatmart/story-maps.md", "bharatmart/slos/delivery-tracking.md",
                     "bharatmart/slos/orders.md", "bharatmart/slos/payments.md",
                     "bharatmart/slos/search.md"]
    orders = (tmp_path / "bharatmart/slos/orders.md").read_text(encoding="utf-8")
    section = orders.split("## checkout-availability")[1].split("\n## ")[0]
    marks = ["**Story:** Place the order", "**SLI:**", "**SLO:** 99.9% available",
             "### Error budget, 2026-11-02 to 2026-11-29",
             "| Allowed bad events (period) |", "### Alert thresholds", "| page-fast |"]
    positions = [section.index(m) for m in marks]
    assert positions == sorted(positions)
    assert "(as of 2026-11-25)" in section  # the last day with counts
    payments = (tmp_path / "bharatmart/slos/payments.md").read_text(encoding="utf-8")
    assert "| Runs out before period end | yes |" in payments
    search = (tmp_path / "bharatmart/slos/search.md").read_text(encoding="utf-8")
    assert "**Warning:** target 90% is tighter than the 88.5%" in search
    with reading(engine) as s:
        uid = slo_repo.get_slo(s, workspace.id, "checkout-availability").uid
    assert f"- **SLO id:** {uid} (stays when the SLO is renamed)" in section


def test_markdown_escapes_user_text(engine, tmp_path, tables):
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Evil")
        repo.add_service(s, ws.id, "svc|<b>x</b>")
        persona_repo.add_persona(s, ws.id, "[x](http://evil) | *p*", goal="<script>x</script>")
        m = story_map_repo.add_story_map(s, ws.id, "Map | <i>m</i>")
        a = story_map_repo.add_activity(s, m.id, "# act")
        t = story_map_repo.add_task(s, a.id, "`task`")
        story = story_map_repo.add_story(s, t.id, "*story* | [l](u)", critical=True)
        slo_repo.save_slo(s, ws.id, "slo|*x*", target="99", service="svc|<b>x</b>",
                          story_id=story.id, description="<img src=x> | y")
    paths = export_workspace(engine, ws, tmp_path, {"md"}, {"slos"})
    md = MarkdownIt("commonmark", {"html": True}).enable(["table"])
    for path in paths:
        html = md.render(path.read_text(encoding="utf-8"))
        assert "<script>" not in html and "<b>" not in html and "<img" not in html
        assert "<i>" not in html and "<code>" not in html
        assert "<em>" not in html.replace("<em>No counts in this period yet.</em>", "")
        # the one link is the URL the user typed, shown as itself (not "x")
        assert re.findall(r"<a [^>]*>[^<]*</a>", html) == (
            ['<a href="http://evil">http://evil</a>'] if path.name == "story-maps.md" else [])
    personas = (tmp_path / "evil/story-maps.md").read_text(encoding="utf-8")
    assert tables(personas)[0][1][:3] == ["[x](http://evil) | *p*", "—", "<script>x</script>"]


def test_export_as_of_generated_date_is_deterministic(slo_demo, tmp_path):
    engine, workspace = slo_demo
    export_workspace(engine, workspace, tmp_path / "a", {"md", "yaml"}, {"slos"})
    export_workspace(engine, workspace, tmp_path / "b", {"md", "yaml"}, {"slos"})
    assert files_under(tmp_path / "a") == files_under(tmp_path / "b")
    with reading(engine) as s:
        assert slo_repo.list_slos(s, workspace.id)

