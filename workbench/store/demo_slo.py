"""Demo personas, the checkout-journey story map and SLOs with 58 weeks of daily counts,
a weekly maintenance window and a correction.

Counts end on the day the demo is created for (``create_demo(session, today)``: the CLI's
one clock, which tests fix so that exported files and snapshots do not change from day to
day). 58 weeks reach back far enough that the period history has thirteen whole periods
even on the first day of a period that follows a five-week one. The last ten weeks have the
pattern they always had (the pattern repeats every 28 days, so the longer history leaves
them alone); the weeks before hold two bad days, so some earlier periods were missed.
The numbers follow an arithmetic pattern (no randomness), and the UPI payment SLO burns its
budget about twice as fast as it can afford. Each demo SLO has a fixed uid (derived from its
name), so exports of the demo are the same in every database.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlmodel import Session

from workbench.domain.lifecycle import SignOff, make_signoff
from workbench.domain.organisation import Workspace
from workbench.domain.slo.records import DailyCount
from workbench.store import adjustment_repo, persona_repo, slo_repo, story_map_repo

DEMO_DAYS = 406
RECENT_DAYS = 70
# Days (counted from the first) of earlier outages: 30 and 12 times the usual failures.
EARLIER_OUTAGES = {120: 30, 260: 12}
DEMO_UID_NAMESPACE = uuid.UUID("5b0e7c1e-7a55-4c2e-9d7e-2f3a9b6c1d40")


def demo_uid(name: str) -> str:
    """The fixed uid of a demo SLO (a name-based UUID, in hex)."""
    return uuid.uuid5(DEMO_UID_NAMESPACE, name).hex

# (name, team, goal, time available, environment, needs, what makes them complain or leave)
DEMO_PERSONAS: list[tuple[str, str | None, str, str, str, str, str]] = [
    ("Priya, shopper on the move", "Checkout",
     "Order a birthday gift for her nephew before the train reaches her station.",
     "Five to ten minutes between stations",
     "Budget Android phone on a crowded commuter train; the 4G signal comes and goes.",
     "availability",
     "Spinners that never end, a payment that fails after she typed her UPI PIN, or being "
     "charged twice. She closes the app and orders from a competitor."),
    ("Rahul, small seller", "Storefront",
     "Keep stock and prices of his 300 products right, so nobody orders what he cannot ship.",
     "About an hour in the evening, after closing his shop",
     "Old laptop on the shop's Wi-Fi, using the seller portal.",
     "correctness",
     "Stock figures that do not update, orders for sold-out items and the cancellation "
     "penalties that follow. He moves his catalogue to another marketplace."),
    ("Anita, warehouse shift lead", "Fulfilment",
     "Get every order of a festival sale picked, packed and handed to couriers the same day.",
     "A twelve-hour shift with peaks right after each sale announcement",
     "Handheld scanners and a wall screen in a warehouse near Pune.",
     "throughput",
     "Order batches that arrive late or in bursts, so pickers wait and then cannot keep up; "
     "missed courier cut-offs."),
]

MAP_TITLE = "Checkout journey"
SLICES = ["Festival sale launch", "After the sale"]

# activity -> task -> (story, critical, slice index or None, persona index or None,
#                      [(service, method, path)])
DEMO_MAP: list[tuple[str, list[tuple[str, list[tuple]]]]] = [
    ("Find product", [
        ("Search the catalogue", [
            ("Search by product name", True, 0, 0, [("search", "GET", "/search")]),
            ("Filter results by price and delivery date", False, 1, 0, []),
        ]),
        ("Read the product page", [
            ("See price, stock and delivery date", True, 0, 0,
             [("catalogue", "GET", "/products/{id}")]),
        ]),
    ]),
    ("Build basket", [
        ("Add to basket", [
            ("Add an item to the basket", True, 0, 0, [("cart", "POST", "/cart/items")]),
            ("Save the basket for later", False, 1, 0, []),
        ]),
    ]),
    ("Pay", [
        ("Place the order", [
            ("Place the order", True, 0, 0, [("orders", "POST", "/orders")]),
        ]),
        ("Pay for the order", [
            ("Pay by UPI", True, 0, 0, [("payments", "POST", "/payments/upi")]),
            ("Pay by card", False, 0, 0, [("payments", "POST", "/payments/card")]),
            ("Pay cash on delivery", False, 1, None, []),
        ]),
    ]),
    ("Track delivery", [
        ("Follow the parcel", [
            ("See where my parcel is", True, 0, 0,
             [("delivery-tracking", "GET", "/shipments/{id}")]),
            ("Get a message when the parcel is near", False, 1, 0, []),
        ]),
    ]),
]

# name, service, story, kind, target, threshold, bad status, period, historical, status,
# description, (base daily events, bad events per 10,000 for i % 4 == 0..3)
DEMO_SLOS: list[tuple] = [
    ("checkout-availability", "orders", "Place the order", "availability", "99.9", None,
     "5xx", "4w", "99.95", "agreed",
     "Orders the shop accepts without a server error.", (120_000, (3, 4, 5, 6))),
    ("checkout-latency", "orders", "Place the order", "latency", "95", "800", "5xx", "4w",
     "97.2", "agreed", "Orders confirmed to the shopper within 800 ms.",
     (120_000, (250, 280, 310, 340))),
    ("checkout-latency-slow", "orders", "Place the order", "latency", "99", "2000", "5xx",
     "4w", "99.4", "draft", "Orders confirmed within 2 seconds, even on a bad day.",
     (120_000, (40, 50, 60, 70))),
    ("upi-payment-availability", "payments", "Pay by UPI", "availability", "99.5", None,
     "5xx,429", "4w", "99.6", "agreed",
     "UPI payments that do not fail on our side; rate limiting (429) counts as failure.",
     (80_000, (70, 75, 80, 85))),
    ("search-latency", "search", "Search by product name", "latency", "90", "300", "5xx",
     "28d", "88.5", "draft", "Search results within 300 ms.",
     (400_000, (700, 750, 800, 850))),
    ("tracking-availability", "delivery-tracking", "See where my parcel is", "availability",
     "90", None, "5xx", "28d", None, "draft",
     "The book's starting target while the team collects its first data.",
     (30_000, (150, 200, 250, 300))),
]


def demo_signoffs(roles: tuple[str, ...], on: date) -> list[SignOff]:
    from workbench.store.demo import DEMO_SIGNERS

    return [make_signoff(*DEMO_SIGNERS[role], on) for role in roles]


def demo_counts(base: int, bad_per_10k: tuple[int, ...], today: date,
                days: int = DEMO_DAYS) -> list[DailyCount]:
    """Daily counts ending on ``today``: weekends busier, one bad day three weeks ago."""
    counts = []
    for i in range(days):
        day = today - timedelta(days=days - 1 - i)
        total = base + base * (day.weekday() >= 5) // 4 + (i % 7) * base // 50
        bad = total * bad_per_10k[i % 4] // 10_000
        if i == days - 22:  # an incident: eight times the usual failures for a day
            bad *= 8
        elif i < days - RECENT_DAYS and i in EARLIER_OUTAGES:
            bad = min(total, bad * EARLIER_OUTAGES[i])
        counts.append(DailyCount(day, total - bad, bad))
    return counts


# The earlier outage of the UPI payment SLO was the payment network's (a correction leaves
# that day out), and the orders service has a weekly maintenance window from next Sunday on.
CORRECTED_SLO = "upi-payment-availability"
CORRECTED_DAY = 260
CORRECTION_REASON = "outage of the national payment network, not of our service"
DEMO_SIGNER_OPS = "Priya Sharma"
MAINTENANCE_SERVICE = "orders"


def seed_maintenance(session: Session, workspace: Workspace, today: date) -> None:
    if adjustment_repo.list_adjustments(session, workspace.id, service=MAINTENANCE_SERVICE):
        return
    sunday = today + timedelta(days=6 - today.weekday() or 7)
    adjustment_repo.add_adjustment(
        session, workspace.id, "maintenance",
        {"start": f"{sunday.isoformat()} 01:00", "minutes": 60, "zone": "Europe/London",
         "rrule": "FREQ=WEEKLY;BYDAY=SU", "treatment": "exclude",
         "reason": "database patching; the shop shows a maintenance page"},
        by=DEMO_SIGNER_OPS, service=MAINTENANCE_SERVICE)


def seed_slos(session: Session, workspace: Workspace, today: date) -> None:
    existing = {p.name for p in persona_repo.list_personas(session, workspace.id)}
    personas: list[int | None] = []
    for name, team, goal, time_available, environment, needs, complaints in DEMO_PERSONAS:
        if name not in existing:
            persona_repo.add_persona(session, workspace.id, name, team=team, goal=goal,
                                 time_available=time_available, environment=environment,
                                 needs=needs, complaints=complaints)
        personas.append(persona_repo.persona_row(session, workspace.id, name).id)

    stories: dict[str, int] = {}
    if story_map_repo.map_row(session, workspace.id, MAP_TITLE) is None:
        story_map = story_map_repo.add_story_map(
            session, workspace.id, MAP_TITLE, team="Checkout",
            description="A shopper on a phone finds a product, fills a basket, pays and "
                        "follows the parcel until it arrives.")
        slices = [story_map_repo.add_release_slice(session, story_map.id, n).id for n in SLICES]
        for activity_title, tasks in DEMO_MAP:
            activity = story_map_repo.add_activity(session, story_map.id, activity_title)
            for task_title, task_stories in tasks:
                task = story_map_repo.add_task(session, activity.id, task_title)
                for title, critical, slice_index, persona_index, endpoints in task_stories:
                    story = story_map_repo.add_story(
                        session, task.id, title, critical=critical,
                        slice_id=None if slice_index is None else slices[slice_index],
                        persona_id=None if persona_index is None else personas[persona_index])
                    for service, method, path in endpoints:
                        endpoint = story_map_repo.add_endpoint(session, workspace.id, service,
                                                         method, path)
                        story_map_repo.link_endpoint(session, story.id, endpoint.id)
    story_map = story_map_repo.get_story_map(session, workspace.id, MAP_TITLE)
    stories = {s.title: s.id for s in story_map.stories()}

    known = {s.name for s in slo_repo.list_slos(session, workspace.id)}
    for (name, service, story, kind, target, threshold, bad_status, period, historical,
         status, description, (base, bad_rates)) in DEMO_SLOS:
        if name in known:
            continue
        slo, _ = slo_repo.save_slo(
            session, workspace.id, name, kind=kind, target=target, threshold_ms=threshold,
            bad_status=bad_status, period=period, historical_attainment=historical,
            description=description, service=service, story_id=stories.get(story),
            uid=demo_uid(name))
        slo_repo.upsert_counts(session, slo.id, demo_counts(base, bad_rates, today))
        if name == CORRECTED_SLO:
            first = today - timedelta(days=DEMO_DAYS - 1 - CORRECTED_DAY)
            adjustment_repo.add_adjustment(
                session, workspace.id, "correction",
                {"first": first.isoformat(), "reason": CORRECTION_REASON},
                by=DEMO_SIGNER_OPS, slo=name)
        if status == "agreed":
            slo_repo.agree_slo(session, workspace.id, name, demo_signoffs(
                ("operations", "development", "product owner"), today - timedelta(days=20)))
