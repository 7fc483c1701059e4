"""What the OpenSLO, Sloth and Pyrra exports share: selectors, annotations, grouping."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from workbench.domain.slo.adjustments import Adjustment, AdjustmentKind, Treatment
from workbench.domain.slo.alerts import alert_thresholds
from workbench.domain.slo.records import SloDefinition, SloKind
from workbench.export.registry import ExportContext
from workbench.export.slo_interop import (
    adjustment_annotations,
    disabled_alert_annotations,
    label_value,
    selectors,
    services_with_slos,
    status_regex,
)
from workbench.store import repo
from workbench.store.db import reading, transaction
from workbench.store.demo import create_demo

# Kubernetes-style key: a DNS subdomain prefix, a slash, a name of at most 63 characters.
KEY = re.compile(r"[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?")


def test_selectors_for_availability_and_latency():
    available = SloDefinition(id=1, name="a", kind=SloKind.AVAILABILITY, target=Decimal("99"),
                              bad_status="5xx,429")
    s = selectors(available, 'shop "eu"')
    assert s.total == 'http_requests_total{service="shop \\"eu\\""}'
    assert s.bad == 'http_requests_total{service="shop \\"eu\\"",code=~"5..|429"}'
    assert s.good == 'http_requests_total{service="shop \\"eu\\"",code!~"5..|429"}'
    latency = SloDefinition(id=2, name="l", kind=SloKind.LATENCY, target=Decimal("95"),
                            threshold_ms=Decimal("300"))
    s = selectors(latency, "shop")
    assert s.good == 'http_request_duration_seconds_bucket{service="shop",le="0.3"}'
    assert s.total == 'http_request_duration_seconds_count{service="shop"}'
    assert s.bad is None


def test_label_values_and_status_regexes():
    assert label_value('a\\b"c\nd') == 'a\\\\b\\"c\\nd'
    assert status_regex("5xx") == "5.."
    assert status_regex("500,503") == "500|503"


def test_tiers_that_cannot_fire_become_disabled_annotations():
    notes = disabled_alert_annotations(alert_thresholds("90"))
    assert list(notes) == ["sre-workbench.dev/alert-page-fast"]
    assert notes["sre-workbench.dev/alert-page-fast"].startswith(
        "disabled: page-fast can never fire at a 90% target")
    assert disabled_alert_annotations(alert_thresholds("99.9")) == {}
    assert all(KEY.fullmatch(k) for k in notes)


def test_adjustments_are_numbered_per_kind_in_start_order_without_recording_times():
    def make(ident, kind, start, **extra):
        return Adjustment(id=ident, kind=kind, treatment=Treatment.EXCLUDE, start=start,
                          minutes=60, slo_name="checkout", recorded_by="Ana",
                          recorded_at=datetime(2026, 12, 3, 14, 0), **extra)

    notes = adjustment_annotations([
        make(3, AdjustmentKind.MAINTENANCE, datetime(2026, 11, 29, 1, 0), reason="patching"),
        make(1, AdjustmentKind.CORRECTION, datetime(2026, 7, 3), reason="not ours"),
        make(2, AdjustmentKind.MAINTENANCE, datetime(2026, 11, 1, 1, 0),
             removed_at=datetime(2026, 11, 2)),
    ])
    assert notes == {
        "sre-workbench.dev/correction-1": "2026-07-03; events left out of the budget; for SLO "
        "checkout; recorded by Ana; not ours",
        "sre-workbench.dev/maintenance-1": "2026-11-29 01:00 Etc/UTC for 1 h; events left out "
        "of the budget; for SLO checkout; recorded by Ana; patching",
    }
    assert "2026-12-03" not in " ".join(notes.values())
    assert all(KEY.fullmatch(k) for k in notes)


def test_services_with_slos_on_the_demo(engine):
    with transaction(engine) as s:
        workspace, _ = create_demo(s, date(2026, 11, 25))
    with reading(engine) as s:
        ctx = ExportContext(session=s, workspace=repo.get_workspace_by_id(s, workspace.id))
        groups = services_with_slos(ctx)
    names = [g.name for g in groups]
    assert names == sorted(names, key=str.casefold)
    assert len({g.slug for g in groups}) == len(groups)
    orders = next(g for g in groups if g.name == "orders")
    for slo in orders.slos:
        [window] = orders.adjustments[slo.id]
        assert window.scope == "service orders" and window.rrule.startswith("FREQ=WEEKLY")
    upi = next(s for g in groups for s in g.slos if s.name == "upi-payment-availability")
    owner = next(g for g in groups if upi in g.slos)
    assert [a.kind for a in owner.adjustments[upi.id]] == ["correction"]
