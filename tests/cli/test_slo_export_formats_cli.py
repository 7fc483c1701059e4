"""``workbench slo export --format ...``: every format goes through the export registry, and
the formats offered (help and errors) are those the SLO area's exporters are registered for.

The OpenSLO, Sloth and Pyrra exporters are separate modules; their tests here are skipped
while an exporter is not registered, and run once it is. How the command calls the registry
(which exporters, ``today`` for the other tools' formats, ``generated_at`` only for md and
yaml with --date) is tested with a stand-in registry, so it is covered either way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workbench.export import registry
from workbench.export.registry import ExporterRegistry, ExportFile, exporter_names

FOLDER = "bharatmart"  # the demo workspace's export folder


def needs(name: str) -> None:
    if name not in exporter_names():
        pytest.skip(f"the {name} exporter is not registered yet")


def export(cli, tmp_path: Path, fmt: str, *args: str) -> tuple[Path, list[str]]:
    out = tmp_path / fmt
    result = cli("slo", "export", "--format", fmt, "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    base = out / FOLDER
    return base, sorted(str(Path(p).relative_to(base)) for p in result.stdout.split())


def test_md_and_yaml(cli, tmp_path):
    base, written = export(cli, tmp_path, "md")
    assert "slos/orders.md" in written and "story-maps.md" in written
    assert all(p.endswith(".md") for p in written)
    text = (base / "slos/orders.md").read_text(encoding="utf-8")
    assert "_Generated" not in text  # no --date: no timestamp
    base, written = export(cli, tmp_path, "yaml")
    assert written == ["slos.yaml"]
    assert (base / "slos.yaml").read_text(encoding="utf-8").startswith("kind: workbench/slos")
    base, _ = export(cli, tmp_path / "dated", "md", "--date", "2026-11-10")
    text = (base / "slos/orders.md").read_text(encoding="utf-8")
    assert "_Generated 2026-11-10T00:00:00+00:00._" in text and "(as of 2026-11-10)" in text


# The files each exporter documents: OpenSLO per service; Sloth per service plus the
# AlertWindows in a folder of their own (sloth generate reads a whole folder of windows);
# Pyrra one ServiceLevelObjective per SLO (Pyrra reads one object per file).
@pytest.mark.parametrize(("fmt", "expected"), [
    ("openslo", ["openslo/orders.yaml", "openslo/payments.yaml"]),
    ("sloth", ["sloth/orders.yaml", "sloth/windows/alert-windows.yaml"]),
    ("pyrra", ["pyrra/checkout-availability.yaml", "pyrra/upi-payment-availability.yaml"]),
])
def test_formats_for_other_tools(cli, tmp_path, fmt, expected):
    needs(fmt)
    base, written = export(cli, tmp_path, fmt)
    for path in expected:
        assert path in written and (base / path).is_file()
    assert all(p.startswith(f"{fmt}/") for p in written)  # only this format's exporter ran
    # No timestamp: the same SLOs on the same day give the same files.
    again, _ = export(cli, tmp_path / "again", fmt)
    for path in written:
        text = (base / path).read_text(encoding="utf-8")
        assert text == (again / path).read_text(encoding="utf-8")
        assert "generated_at" not in text and "2026-11-25T" not in text
    dated, _ = export(cli, tmp_path / "dated", fmt, "--date", "2026-11-25")
    assert all((base / p).read_bytes() == (dated / p).read_bytes() for p in written)


def test_unknown_format_lists_the_registered_choices(cli, one_line_error, tmp_path):
    from workbench.commands.slo import export_formats

    line = one_line_error(cli("slo", "export", "--format", "pdf", "--out", str(tmp_path)), 2)
    choices = list(export_formats())
    assert line == f"error: --format 'pdf' is not valid; choose from {', '.join(choices)}"
    assert {"md", "yaml"} <= set(choices)
    for name in ("openslo", "sloth", "pyrra"):
        assert (name in choices) == (name in exporter_names())
    assert not (tmp_path / FOLDER).exists()


def test_help_names_each_registered_format_with_a_phrase(cli):
    from workbench.commands.slo import FORMAT_TEXT, export_formats

    text = " ".join(cli.ok("slo", "export", "--help").split())
    for fmt in export_formats():
        assert f"{fmt} ({FORMAT_TEXT[fmt]})" in text
    for fmt in {"openslo", "sloth", "pyrra"} - set(export_formats()):
        assert f"{fmt} (" not in text


@pytest.fixture
def stand_in(monkeypatch):
    """A registry holding the real ``slos`` exporter and a probe registered as ``pyrra``
    that records what it was given; returns the probe's calls."""
    calls: list[dict[str, object]] = []
    fresh = ExporterRegistry()
    [slos] = [e for e in registry.REGISTRY.exporters() if e.name == "slos"]
    fresh.add(slos)

    @fresh.register("pyrra", formats={"pyrra"}, title="probe")
    def probe(ctx, fmt):
        calls.append({"fmt": fmt, "today": ctx.today, "generated_at": ctx.generated_at})
        return [ExportFile("pyrra/probe.yaml", "probe: true\n")]

    monkeypatch.setattr(registry, "REGISTRY", fresh)
    return calls


def test_the_other_tools_formats_get_the_day_and_no_timestamp(cli, tmp_path, stand_in):
    _, written = export(cli, tmp_path, "pyrra", "--date", "2026-11-10")
    assert written == ["pyrra/probe.yaml"]  # the slos exporter did not run
    assert stand_in == [{"fmt": "pyrra", "today": date(2026, 11, 10), "generated_at": None}]
    export(cli, tmp_path / "today", "pyrra")
    assert stand_in[-1]["today"] == date(2026, 11, 25)  # WORKBENCH_TODAY
    _, written = export(cli, tmp_path, "yaml")
    assert written == ["slos.yaml"] and len(stand_in) == 2  # the probe did not run
    from workbench.commands.slo import FORMAT_TEXT

    help_text = " ".join(cli.ok("slo", "export", "--help").split())
    assert f"pyrra ({FORMAT_TEXT['pyrra']})" in help_text
    assert "openslo (" not in help_text and "sloth (" not in help_text
