"""Small SLO objects for the export tests of other tools' formats (Sloth, Pyrra)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from workbench.domain.slo.records import SloDefinition, SloKind
from workbench.export.registry import export_workspace
from workbench.export.slo_interop import ServiceSlos


def group(*slos: SloDefinition, name: str = "shop", slug: str = "shop",
          adjustments=None) -> ServiceSlos:
    """A service with these SLOs, as ``services_with_slos`` gives it."""
    return ServiceSlos(name=name, slug=slug, description="", slos=list(slos),
                       adjustments=adjustments or {})


def slo_def(id: int = 1, name: str = "checkout-availability",
            kind: SloKind = SloKind.AVAILABILITY, target: str = "99.9", period: str = "4w",
            **extra) -> SloDefinition:
    """An SLO definition; latency SLOs get a 300 ms threshold unless one is given."""
    if kind is SloKind.LATENCY:
        extra.setdefault("threshold_ms", Decimal(300))
    return SloDefinition(id=id, name=name, kind=kind, target=Decimal(target), period=period,
                         **extra)


def exported_files(engine, workspace, out: Path, fmt: str, day: date) -> dict[str, str]:
    """Export one format (its exporter has the format's name) for ``day``: text by path
    inside the workspace's folder (``sloth/orders.yaml``)."""
    paths = export_workspace(engine, workspace, out, {fmt}, {fmt}, today=day)
    base = Path(out).resolve()
    # every path is <out>/<workspace>/...: drop the workspace folder
    return {"/".join(p.relative_to(base).parts[1:]): p.read_text(encoding="utf-8")
            for p in paths}
