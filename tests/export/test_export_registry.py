"""The exporter registry and export_workspace's checks, with fake exporters."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from workbench.errors import NotFoundError, UsageError, WorkbenchError
from workbench.export import (
    REGISTRY,
    ExportContext,
    ExporterRegistry,
    ExportFile,
    available_formats,
    export_workspace,
    exporter_names,
)
from workbench.export.files import write_atomic
from workbench.store import repo
from workbench.store.db import transaction


def fake_registry(calls: list) -> ExporterRegistry:
    registry = ExporterRegistry()

    @registry.register("zeta", formats={"md"}, order=5)
    def zeta(ctx: ExportContext, fmt: str) -> list[ExportFile]:
        calls.append(("zeta", fmt, ctx.workspace.name))
        return [ExportFile("zeta.md", "# zeta")]

    @registry.register("alpha", formats={"md", "yaml"}, order=5)
    def alpha(ctx: ExportContext, fmt: str) -> list[ExportFile]:
        calls.append(("alpha", fmt, len(repo.list_teams(ctx.session, ctx.workspace.id))))
        if fmt == "yaml":
            return [ExportFile("alpha.yaml", ctx.yaml("test/alpha", {"n": 1}))]
        return [ExportFile("alpha/one.md", "one\n"), ExportFile("alpha/two.md", "two")]

    @registry.register("first", formats={"yaml"}, order=1)
    def first(ctx: ExportContext, fmt: str) -> list[ExportFile]:
        calls.append(("first", fmt, None))
        return [ExportFile("first.yaml", "a: 1\n")]

    return registry


def test_builtin_registry_lists_workspace_exporter():
    assert exporter_names()[0] == "workspace"
    assert available_formats() == ["md", "yaml", "ics", "paging", "csv", "openslo", "sloth",
                                   "pyrra"]
    assert {"openslo", "sloth", "pyrra"} <= set(exporter_names())
    assert REGISTRY.exporters()[0].title


def test_registered_fake_exporters_are_called_in_stable_order(demo, tmp_path):
    engine, workspace = demo
    calls: list = []
    registry = fake_registry(calls)
    assert registry.names() == ["first", "alpha", "zeta"]
    written = export_workspace(engine, workspace, tmp_path / "out", {"yaml", "md"},
                               registry=registry)
    assert calls == [("first", "yaml", None), ("alpha", "md", 5), ("alpha", "yaml", 5),
                     ("zeta", "md", "BharatMart")]
    folder = (tmp_path / "out" / "bharatmart").resolve()
    assert written == [folder / "first.yaml", folder / "alpha" / "one.md",
                       folder / "alpha" / "two.md", folder / "alpha.yaml", folder / "zeta.md"]
    assert (folder / "alpha" / "two.md").read_text(encoding="utf-8") == "two\n"
    assert (folder / "alpha.yaml").read_text(encoding="utf-8") == (
        "kind: test/alpha\nversion: 1\nn: 1\n"
    )
    assert not [p for p in folder.rglob("*.tmp")]


def test_formats_and_only_filter_exporters(demo, tmp_path):
    engine, workspace = demo
    calls: list = []
    registry = fake_registry(calls)
    written = export_workspace(engine, workspace, tmp_path, {"md"}, only={"alpha"},
                               registry=registry)
    assert [p.name for p in written] == ["one.md", "two.md"]
    assert calls == [("alpha", "md", 5)]


@pytest.mark.parametrize(
    ("formats", "only", "message"),
    [
        (set(), None, "choose at least one export format"),
        ({"pdf"}, None, "unknown export format 'pdf'; choose from: md, yaml"),
        ({"md"}, {"nope"}, "unknown export 'nope'; choose from: first, alpha, zeta"),
        ({"md"}, {"first"}, "nothing to export as md"),
        ({"md"}, set(), "choose at least one export"),
    ],
)
def test_selection_errors_are_one_line_usage_errors(demo, tmp_path, formats, only, message):
    engine, workspace = demo
    calls: list = []
    with pytest.raises(UsageError) as info:
        export_workspace(engine, workspace, tmp_path, formats, only=only,
                         registry=fake_registry(calls))
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert calls == []


def test_format_names_are_forgiving(demo, tmp_path):
    engine, workspace = demo
    written = export_workspace(engine, workspace, tmp_path, {" MD ", ".yaml"},
                               registry=fake_registry([]))
    assert len(written) == 5


def test_out_dir_that_is_a_file(demo, tmp_path):
    engine, workspace = demo
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file, not a folder") as info:
        export_workspace(engine, workspace, target, {"md"})
    assert "\n" not in str(info.value)


def test_out_dir_below_a_file(demo, tmp_path):
    engine, workspace = demo
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot create export folder"):
        export_workspace(engine, workspace, tmp_path / "file.txt" / "sub", {"md"})


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0,
                    reason="permissions are not enforced for root or on Windows")
def test_out_dir_not_writable(demo, tmp_path):
    engine, workspace = demo
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(UsageError, match="Permission denied") as info:
            export_workspace(engine, workspace, locked, {"md"})
        assert "\n" not in str(info.value)
    finally:
        locked.chmod(0o700)


def test_folder_in_the_way_of_a_file(demo, tmp_path):
    engine, workspace = demo
    (tmp_path / "bharatmart" / "workspace.yaml").mkdir(parents=True)
    with pytest.raises(UsageError, match="folder with that name is in the way"):
        export_workspace(engine, workspace, tmp_path, {"yaml"})


def test_deleted_workspace_is_not_found(demo, tmp_path):
    engine, workspace = demo
    from dataclasses import replace

    with pytest.raises(NotFoundError):
        export_workspace(engine, replace(workspace, id=9999), tmp_path, {"md"})


def test_nothing_written_when_an_exporter_fails(demo, tmp_path):
    engine, workspace = demo
    registry = fake_registry([])

    @registry.register("broken", formats={"md"}, order=50)
    def broken(ctx, fmt):
        raise UsageError("broken on purpose")

    with pytest.raises(WorkbenchError, match="broken on purpose"):
        export_workspace(engine, workspace, tmp_path / "out", {"md"}, registry=registry)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bad", ["../escape.md", "/abs.md", "Upper.md", "a b.md", "con.md",
                                 "dir/../../x.md", ""])
def test_exporter_file_names_are_checked(demo, tmp_path, bad):
    engine, workspace = demo
    registry = ExporterRegistry()

    @registry.register("bad", formats={"md"})
    def bad_names(ctx, fmt):
        return [ExportFile(bad, "x")]

    with pytest.raises(ValueError, match="unsafe file name"):
        export_workspace(engine, workspace, tmp_path / "out", {"md"}, registry=registry)
    assert not list(tmp_path.rglob("*.md"))


def test_two_exporters_writing_one_file(demo, tmp_path):
    engine, workspace = demo
    registry = ExporterRegistry()
    for name in ("one", "two"):
        registry.register(name, formats={"md"})(lambda ctx, fmt: [ExportFile("same.md", "x")])
    with pytest.raises(ValueError, match="both write"):
        export_workspace(engine, workspace, tmp_path, {"md"}, registry=registry)


def test_registration_rules():
    registry = ExporterRegistry()

    def fn(ctx, fmt):
        return []

    registry.register("ok", formats={"md"})(fn)
    registry.register("ok", formats={"md"})(fn)  # re-importing a module is harmless
    with pytest.raises(ValueError, match="already registered"):
        registry.register("ok", formats={"md"})(lambda ctx, fmt: [])
    with pytest.raises(ValueError, match="formats"):
        registry.register("pdf", formats={"pdf"})(fn)
    with pytest.raises(ValueError, match="formats"):
        registry.register("none", formats=set())(fn)
    with pytest.raises(ValueError, match="slug"):
        registry.register("Bad Name", formats={"md"})(fn)
    assert registry.names() == ["ok"]
    assert registry.formats() == ["md"]


def test_generated_at_is_only_written_when_given(demo, tmp_path):
    engine, workspace = demo
    stamp = datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC)
    written = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, {"workspace"},
                               generated_at=stamp)
    md, yml = (p.read_text(encoding="utf-8") for p in written)
    assert "_Generated 2026-01-02T03:04:05+00:00._" in md
    assert "generated_at: '2026-01-02T03:04:05+00:00'" in yml
    again = export_workspace(engine, workspace, tmp_path / "plain", {"md", "yaml"})
    assert all("enerated" not in p.read_text(encoding="utf-8") for p in again)


def test_workspace_with_hostile_name_stays_inside(engine, tmp_path):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "../../etc/passwd")
    written = export_workspace(engine, workspace, tmp_path / "out", {"md", "yaml"})
    assert [p.relative_to((tmp_path / "out").resolve()).as_posix() for p in written] == [
        "etc-passwd/teams-and-services.md", "etc-passwd/workspace.yaml"
    ]
    with transaction(engine) as session:
        emoji = repo.create_workspace(session, "🚀🔥")
    written = export_workspace(engine, emoji, tmp_path / "out", {"yaml"})
    assert written[0].parent.name == "workspace"


def test_write_atomic_replaces_and_cleans_up(tmp_path):
    target = tmp_path / "deep" / "file.md"
    write_atomic(target, "one\n")
    write_atomic(target, "zwei Ü\n")
    assert target.read_bytes() == "zwei Ü\n".encode()
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.md"]
    if os.name != "nt":
        assert target.stat().st_mode & 0o777 == 0o644


def test_write_failure_is_a_usage_error_and_leaves_no_temp_file(tmp_path, monkeypatch):
    import workbench.export.files as files

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(UsageError, match="Permission denied") as info:
        write_atomic(tmp_path / "x.md", "text")
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_write_tree_moves_a_new_folder_into_place_with_one_sync(tmp_path, monkeypatch):
    import workbench.export.files as files

    syncs = []
    monkeypatch.setattr(files.os, "sync", lambda: syncs.append(1))
    folder = tmp_path / "acme"
    written = files.write_tree(folder, [(("a.md",), "A\n"), (("slos", "b.yaml"), "B Ü\n")])
    assert written == [folder / "a.md", folder / "slos" / "b.yaml"]
    assert (folder / "slos" / "b.yaml").read_bytes() == "B Ü\n".encode()
    assert syncs == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme"]  # no staging folder left
    if os.name != "nt":
        assert (folder / "a.md").stat().st_mode & 0o777 == 0o644


def test_write_tree_into_an_existing_folder_keeps_other_files(tmp_path):
    from workbench.export.files import write_tree

    folder = tmp_path / "acme"
    (folder / ".git").mkdir(parents=True)
    (folder / "notes.md").write_text("mine\n")
    (folder / "a.md").write_text("old\n")
    write_tree(folder, [(("a.md",), "new\n")])
    assert (folder / "a.md").read_text() == "new\n"
    assert (folder / "notes.md").read_text() == "mine\n"
    assert (folder / ".git").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme"]


def test_write_tree_failing_part_way_leaves_the_folder_untouched(tmp_path, monkeypatch):
    import builtins

    from workbench.export.files import write_tree

    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "a.md").write_text("old\n")
    real_open = builtins.open
    opened = []

    def full_disk(path, mode="r", *args, **kwargs):
        if "w" in mode:
            opened.append(path)
            if len(opened) == 2:
                raise OSError(28, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", full_disk)
    with pytest.raises(UsageError, match="No space left on device") as info:
        write_tree(folder, [(("a.md",), "new\n"), (("b.md",), "B\n")])
    assert "\n" not in str(info.value)
    assert sorted(p.name for p in folder.iterdir()) == ["a.md"]
    assert (folder / "a.md").read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme"]
