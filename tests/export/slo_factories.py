"""Small SLO objects for the export tests of other tools' formats (Sloth, Pyrra)."""

from __future__ import annotations

from decimal import Decimal

from workbench.domain.slo.records import SloDefinition, SloKind
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
